import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chartSvg } from '../../src/services/reports/chart.ts';
import { renderHtml } from '../../src/services/reports/html.ts';
import type { Block, Doc } from '../../src/services/reports/document.ts';

type Chart = Extract<Block, { kind: 'chart' }>;
const chart = (over: Partial<Chart>): Chart => ({
  kind: 'chart',
  title: 'Sysselsättning',
  categories: ['2021', '2022', '2023'],
  series: [
    { label: 'Järva', values: [11.25, 10.5, 9.75] },
    { label: 'Staden', values: [26, 25, 24] },
  ],
  note: '',
  ...over,
});
const texts = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

describe('report chart', () => {
  it('draws a series with a single year as a dot with its value, not an empty frame', () => {
    const svg = chartSvg(
      chart({ categories: ['2025'], series: [{ label: 'Järva', values: [11.3] }], decimals: 1 }),
      'sv',
    );
    assert.match(svg, /<circle /);
    assert.ok(texts(svg).includes('11,3'), texts(svg).join('|'));
    assert.ok(!texts(svg).some((t) => t === '12,3' || t === '10,3' || t === '12.3'), 'no stray axis labels');
  });

  it('draws each single-year series as its own dot', () => {
    const svg = chartSvg(
      chart({
        categories: ['2025'],
        series: [
          { label: 'Järva', values: [11] },
          { label: 'Staden', values: [26] },
        ],
      }),
      'sv',
    );
    assert.equal((svg.match(/<circle /g) ?? []).length, 2);
    assert.ok(texts(svg).includes('11') && texts(svg).includes('26'));
  });

  it('writes axis labels in the document language with the indicator decimals', () => {
    const sv = texts(chartSvg(chart({ decimals: 1 }), 'sv'));
    assert.ok(sv.includes('26,0') && sv.includes('9,8'), sv.join('|'));
    assert.ok(!sv.some((t) => /\d\.\d/.test(t)), 'no decimal point in Swedish');
    const en = texts(chartSvg(chart({ decimals: 1 }), 'en'));
    assert.ok(en.includes('9.8'), en.join('|'));
  });

  it('keeps lines for series with two or more years', () => {
    assert.equal((chartSvg(chart({}), 'sv').match(/<polyline /g) ?? []).length, 2);
  });
});

describe('report print CSS', () => {
  const doc: Doc = { lang: 'sv', title: 'T', subtitle: '', meta: [], sections: [] };
  it('keeps headings with what follows and figures and tables whole', () => {
    const html = renderHtml(doc, 'Innehåll');
    const print = html.slice(html.indexOf('@media print'));
    assert.match(print, /h1, h2, h3[^{]*\{[^}]*break-after: avoid;[^}]*page-break-after: avoid/);
    assert.match(print, /table, figure[^{]*\{[^}]*break-inside: avoid/);
  });
});
