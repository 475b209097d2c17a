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
import { formatKronor, formatNumber } from '../../src/services/reports/words.ts';
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
      for (const t of c.data.totals) out.push(formatKronor(t.planned), formatKronor(t.decided));
      for (const i of c.data.items) out.push(i.name);
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
