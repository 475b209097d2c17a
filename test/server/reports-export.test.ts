/**
 * The documents out: the PDF (read with poppler's pdftotext/pdfinfo) and the DOCX (its document XML)
 * carry the same figures as the API for the same targets, interventions and indicators; the PDF is
 * tagged, has a title, a language and an outline; the HTML has its language, title and table twins.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testApp, type TestApp } from '../helpers/app.ts';
import { signInAs, type SignedInClient } from '../helpers/auth.ts';
import { JARVA, reportCommittees } from '../helpers/reports-fixture.ts';
import { docxText } from '../helpers/reports-docs.ts';
import type { Report } from '../../src/core/contracts/reports.ts';
import { formatDateTime, formatNumber } from '../../src/services/reports/words.ts';
import { reportAmounts, upgradeInterventionsContent } from '../../src/core/reports/money.ts';
import { FIXED_NOW } from '../helpers/app.ts';
import { SYSTEM_USER } from '../../src/services/acting.ts';
import { setBudgetLine } from '../../src/services/interventions/index.ts';
import { scratchDir } from '../helpers/scratch.ts';
import { figureDecimals } from '../../src/core/reports/figures.ts';

/** Text without any white space (PDF text extraction and Word runs break lines and spaces differently). */
const squash = (s: string): string => s.replace(/[\s\u00a0\u202f]+/g, '');

/** The figures a reader should find in every format, taken from the API's report. */
export function expectedFigures(r: Report): string[] {
  const out: string[] = [];
  for (const s of r.sections) {
    const c = s.content;
    if (c?.generator === 'targets') {
      for (const t of c.data.items.filter((x) => x.latest !== null).slice(0, 5))
        out.push(
          `${formatNumber(t.latest!.value, figureDecimals(t.latest!.value, t.decimals), 'sv')} ${t.unit.sv} (${t.latest!.year})`,
        );
      const assessed = c.data.items.find((x) => x.assessment);
      if (assessed) out.push(assessed.assessment!.text);
    }
    if (c?.generator === 'interventions') {
      if (c.data.items.length) out.push(...reportAmounts(c.data.total, 'sv'));
      for (const i of c.data.items) out.push(i.name, ...reportAmounts(i.money, 'sv'));
    }
    if (c?.generator === 'areas') {
      for (const i of c.data.items)
        out.push(formatNumber(i.value, i.decimals, 'sv'), formatNumber(i.cityValue, i.decimals, 'sv'));
    }
    if (s.kind === 'written' && s.body) out.push(s.body);
  }
  return out;
}

describe('report documents (pglite)', () => {
  let t: TestApp;
  let jarva: SignedInClient;
  const id = `${JARVA}-2026-T1`;
  const dir = scratchDir('fardplan-report-');
  let report: Report;

  before(async () => {
    t = await testApp({ engine: 'pglite', reference: true });
    await reportCommittees(t.db);
    jarva = await signInAs(t, 'district_editor', { committeeId: JARVA });
    const inject = (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: Record<string, unknown>) =>
      t.app.inject({ method, url: `/api/v1${url}`, headers: jarva.headers, payload });
    assert.equal((await inject('POST', '/reports', { committeeId: JARVA, period: '2026-T1' })).statusCode, 200);
    await inject('PATCH', `/reports/${id}/sections/analysis`, { body: 'Analysen för Järva: arbetet går framåt.' });
    await inject('PUT', `/reports/${id}/assessments/t-samlingslokal-15-minuter`, {
      status: 'at_risk',
      text: 'Bedömning: lokalerna räcker inte.',
    });
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}`, headers: jarva.headers });
    report = res.json() as Report;
  });
  after(async () => t.close());

  const download = async (format: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${id}/export?format=${format}`,
      headers: jarva.headers,
    });
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    return res;
  };

  it('has figures of every kind to compare', () => {
    const keys = report.sections.map((s) => s.content?.generator).filter(Boolean);
    assert.deepEqual(keys, ['targets', 'interventions', 'areas', 'participation']);
    const areas = report.sections.find((s) => s.key === 'areas')!.content;
    assert.ok(areas?.generator === 'areas' && areas.data.items.length > 0, 'indicators against the city');
    const targets = report.sections.find((s) => s.key === 'targets')!.content;
    assert.ok(targets?.generator === 'targets' && targets.data.items.some((i) => i.latest !== null));
    assert.ok(expectedFigures(report).length >= 8);
  });

  it('writes a tagged PDF with title, language and outline, holding the same figures as the API', async () => {
    const res = await download('pdf');
    assert.equal(res.headers['content-type'], 'application/pdf');
    const file = join(dir, 'r.pdf');
    writeFileSync(file, res.rawPayload);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    assert.match(info, /Tagged:\s+yes/);
    assert.match(info, /Title:\s+Tertialrapport 1 2026 – Järva stadsdelsnämnd/);
    const raw = readFileSync(file).toString('latin1');
    assert.match(raw, /\/Lang\s*\(sv\)/, 'the document language');
    assert.match(raw, /\/Outlines/, 'bookmarks');
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    const fontRows = fonts.split('\n').slice(2).filter(Boolean);
    assert.ok(fontRows.length > 0 && fontRows.every((l) => / yes /.test(l)), `fonts embedded:\n${fonts}`);
    const text = squash(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
    assert.ok(text.includes(squash('Innehåll')), 'a table of contents');
    for (const f of expectedFigures(report)) assert.ok(text.includes(squash(f)), `PDF lacks "${f}"`);
  });

  it('writes a DOCX whose document XML holds the same figures, with headings, a table of contents and the language', async () => {
    const res = await download('docx');
    const { text, styles, xml } = await docxText(res.rawPayload);
    for (const f of expectedFigures(report)) assert.ok(squash(text).includes(squash(f)), `DOCX lacks "${f}"`);
    assert.ok(/w:lang w:val="sv-SE"/.test(styles), 'the language');
    assert.ok(/w:pStyle w:val="Heading1"/.test(xml), 'headings');
    assert.ok(/<w:instrText[^>]*>TOC [^<]*\\o/.test(xml), 'a table of contents field');
  });

  it('writes accessible HTML: language, title, table twins for the charts, a print stylesheet', async () => {
    const res = await download('html');
    const html = res.body;
    assert.match(html, /<html lang="sv">/);
    assert.match(html, /<title>Tertialrapport 1 2026 – Järva stadsdelsnämnd<\/title>/);
    assert.match(html, /@media print/);
    const charts = html.match(/<svg [^>]*role="img"/g) ?? [];
    const twins = html.match(/<caption>Diagrammets värden/g) ?? [];
    assert.ok(charts.length > 0);
    assert.equal(twins.length, charts.length);
    for (const f of expectedFigures(report))
      assert.ok(squash(html).includes(squash(f.replace(/&/g, '&amp;'))), `HTML lacks "${f}"`);
  });

  it('answers pdf_unavailable (503), not a 500, when no browser is installed', async () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = join(dir, 'no-such-chromium');
    try {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/reports/${id}/export?format=pdf`,
        headers: jarva.headers,
      });
      assert.equal(res.statusCode, 503);
      assert.equal(res.json().error.id, 'pdf_unavailable');
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });
});

/**
 * Money in the 2026-T2 report: only budget year 2026's lines; an unknown amount reads as unknown (never 0)
 * and a sum over lines where some are unknown says it is partial; statuses, the period and the moment of the
 * figures in words; the documents print the rows the content gives (the rows the screen shows).
 */
describe('report money: the budget year, unknown amounts, words (pglite)', () => {
  let t: TestApp;
  let jarva: SignedInClient;
  const id = `${JARVA}-2026-T2`;
  const A = 'i-002-kommunal-samverkan-basta-skola';
  const B = 'i-002-fokus-jarva';
  const dir = scratchDir('fardplan-report-money-');
  let money: Extract<NonNullable<Report['sections'][number]['content']>, { generator: 'interventions' }>['data'];

  before(async () => {
    t = await testApp({ engine: 'pglite', reference: true });
    await reportCommittees(t.db);
    jarva = await signInAs(t, 'district_editor', { committeeId: JARVA });
    const ctx = { user: SYSTEM_USER, now: FIXED_NOW };
    await setBudgetLine(t.db, A, 2025, { planned: '111111', decided: '222222', spent: '444444', area: null }, ctx);
    await setBudgetLine(t.db, A, 2026, { planned: '750000', decided: null, spent: '333333', area: null }, ctx);
    await setBudgetLine(t.db, B, 2026, { planned: null, decided: null, spent: null, area: null }, ctx);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: jarva.headers,
      payload: { committeeId: JARVA, period: '2026-T2' },
    });
    assert.equal(created.statusCode, 200, created.body);
    const r = (await t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}`, headers: jarva.headers })).json();
    const c = (r as Report).sections.find((s) => s.key === 'interventions')!.content;
    assert.ok(c?.generator === 'interventions');
    money = c.data;
  });
  after(async () => t.close());

  const text = async (format: 'html' | 'pdf' | 'docx', lang = 'sv'): Promise<string> => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${id}/export?format=${format}&lang=${lang}`,
      headers: jarva.headers,
    });
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    if (format === 'html') return res.body;
    if (format === 'docx') return (await docxText(res.rawPayload)).text;
    const file = join(dir, `m-${lang}.pdf`);
    writeFileSync(file, res.rawPayload);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  };

  it("gives the report year's lines only, unknown amounts as null and partial sums as partial", () => {
    assert.equal(money.year, 2026);
    const a = money.items.find((i) => i.id === A)!;
    const b = money.items.find((i) => i.id === B)!;
    assert.deepEqual(
      { planned: a.money.planned, decided: a.money.decided, spent: a.money.spent },
      { planned: '750000', decided: null, spent: '333333' },
    );
    assert.deepEqual([b.money.planned, b.money.decided, b.money.spent], [null, null, null]);
    assert.equal(money.total.planned, '750000');
    assert.equal(money.total.decided, null, 'no line gives a decided amount: the sum is unknown');
    assert.deepEqual(money.total.partial, { planned: true, decided: false, spent: true });
    assert.ok(!JSON.stringify(money).includes('111111'), 'no 2025 amounts in a 2026 report');
  });

  it('prints unknown as unknown and partial as partial in HTML, PDF and DOCX, never 0, with no 2025 row', async () => {
    const rowA = reportAmounts(money.items.find((i) => i.id === A)!.money, 'sv');
    const total = reportAmounts(money.total, 'sv');
    assert.deepEqual(rowA, ['750\u00a0000', '– (okänt)', '333\u00a0333']);
    assert.deepEqual(total, ['750\u00a0000 (delvis okänt)', '– (okänt)', '333\u00a0333 (delvis okänt)']);
    for (const format of ['html', 'pdf', 'docx'] as const) {
      const s = squash(await text(format));
      for (const f of [...rowA, ...total, 'Pågående', 'Summa', 'budgetåret 2026'])
        assert.ok(s.includes(squash(f)), `${format} lacks "${f}"`);
      for (const f of ['111111', '222222', '444444', 'running', 'Beslutat(kr)0'])
        assert.ok(!s.includes(f), `${format} has "${f}"`);
    }
    // English groups thousands with a comma, as English readers do (Swedish with a no-break space)
    assert.deepEqual(reportAmounts(money.total, 'en'), [
      '750,000 (partly unknown)',
      '– (unknown)',
      '333,333 (partly unknown)',
    ]);
    const en = squash(await text('pdf', 'en'));
    for (const f of ['– (unknown)', '750,000 (partly unknown)', '333,333', 'Running', 'budget year 2026'])
      assert.ok(en.includes(squash(f)), `the English PDF lacks "${f}"`);
    assert.ok(!en.includes('750000'), 'no Swedish grouping in the English PDF');
  });

  it('names the period and the moment of the figures in words, in Stockholm time', async () => {
    assert.equal(formatDateTime('2026-12-01T17:13:38.105Z', 'sv'), '1 december 2026 kl. 18.13');
    assert.equal(formatDateTime('2026-12-01T17:13:38.105Z', 'en'), '1 December 2026, 18:13');
    assert.equal(formatDateTime('2026-06-30T22:30:00Z', 'sv'), '1 juli 2026 kl. 00.30');
    const html = await text('html');
    assert.ok(html.includes('Tertialrapport 2, 2026'), 'the period by name');
    assert.doesNotMatch(html, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'no raw ISO moment');
    assert.match(html, /Siffrorna är hämtade[\s\S]{0,80}\d{1,2} [a-zåäö]+ \d{4} kl\. \d{2}\.\d{2}/);
    assert.ok((await text('html', 'en')).includes('Tertial report 2, 2026'));
  });

  it('reads an approved report frozen before the budget year was kept as its own year', () => {
    const legacy = {
      years: [2025, 2026],
      totals: [],
      items: [
        {
          id: A,
          name: 'A',
          status: 'running',
          committee: '',
          areas: [],
          perYear: [
            { year: 2025, planned: '1', decided: '2', spent: '3' },
            { year: 2026, planned: '4', decided: '5', spent: '6' },
          ],
          total: { planned: '5', decided: '7', spent: '9' },
          followUps: [],
        },
      ],
      note: { source: 's', period: 'p' },
    };
    const up = upgradeInterventionsContent(legacy, 2026) as typeof money;
    assert.equal(up.year, 2026);
    assert.deepEqual([up.items[0]!.money.planned, up.total.decided], ['4', '5']);
  });
});
