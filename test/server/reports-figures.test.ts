/**
 * Figures in a report and its documents are written with their indicator's decimals (a count with 0
 * decimals is "4", not "4,0"), and the table of area values under a gap target is headed with the
 * indicator's unit (the areas' own values), not the gap's percentage points.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../helpers/app.ts';
import { signInAs, type SignedInClient } from '../helpers/auth.ts';
import { JARVA, reportCommittees } from '../helpers/reports-fixture.ts';
import type { Report } from '../../src/core/contracts/reports.ts';
import { formatNumber } from '../../src/services/reports/words.ts';

type Targets = Extract<NonNullable<Report['sections'][number]['content']>, { generator: 'targets' }>['data'];

describe('report figures and units (pglite)', () => {
  let t: TestApp;
  let jarva: SignedInClient;
  const id = `${JARVA}-2026-T1`;
  let targets: Targets;
  let html: string;

  before(async () => {
    t = await testApp({ engine: 'pglite', reference: true });
    await reportCommittees(t.db);
    jarva = await signInAs(t, 'district_editor', { committeeId: JARVA });
    const post = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: jarva.headers,
      payload: { committeeId: JARVA, period: '2026-T1' },
    });
    assert.equal(post.statusCode, 200);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}`, headers: jarva.headers });
    const report = res.json() as Report;
    const s = report.sections.find((x) => x.content?.generator === 'targets');
    targets = (s!.content as { data: Targets }).data;
    html = (
      await t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}/export?format=html`, headers: jarva.headers })
    ).body;
  });
  after(async () => t.close());

  it('gives each target its indicator decimals and the area values their unit', () => {
    const withIndicator = targets.items.filter((i) => i.decimals !== null);
    assert.ok(withIndicator.length > 0);
    assert.ok(withIndicator.every((i) => i.areaUnit !== null));
  });

  it('writes target and area figures with the indicator decimals in the document', () => {
    const whole = targets.items.find((i) => i.decimals === 0 && i.areaValues.some((a) => a.value !== null));
    assert.ok(whole, 'a target on an indicator with 0 decimals and area values');
    for (const a of whole.areaValues.filter((x) => x.value !== null)) {
      const cell = `<th scope="row">${a.name}</th><td>${a.period}</td><td class="num">${formatNumber(a.value, 0, 'sv')}</td>`;
      assert.ok(html.includes(cell), `HTML lacks ${cell}`);
    }
    for (const i of targets.items.filter((x) => x.latest?.value != null && x.decimals === 0))
      assert.ok(html.includes(`${formatNumber(i.latest!.value, 0, 'sv')} ${i.unit.sv} (${i.latest!.year})`));
  });

  it('writes the numbers in its charts with a decimal comma in a Swedish document', () => {
    const svgs = html.match(/<svg [^]*?<\/svg>/g) ?? [];
    assert.ok(svgs.length > 0, 'the document has charts');
    const numbers = svgs.flatMap((svg) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!));
    assert.ok(!numbers.some((n) => /^−?\d+\.\d+$/.test(n)), numbers.join('|'));
  });

  it("heads a gap target's area table with the indicator's unit, not the gap's", () => {
    const gap = targets.items.find((i) => i.areaUnit !== null && i.unit.sv === 'procentenheter' && i.areaValues.length);
    assert.ok(gap, 'a gap target with area values');
    assert.ok(html.includes(`Värde (${gap.areaUnit})`), `HTML lacks the column "Värde (${gap.areaUnit})"`);
    assert.notEqual(gap.areaUnit, 'procentenheter');
  });
});
