/**
 * The small line chart of a report document (values by period) as SVG. Numbers on the axis and at a
 * lone point are written in the document's language (decimal comma in Swedish) with the indicator's
 * decimals. A series with one valued period is drawn as a dot with its value, since a line needs two.
 */
import type { Block } from './document.ts';
import { formatNumber, type DocLang } from './words.ts';

type Chart = Extract<Block, { kind: 'chart' }>;

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const COLOURS = ['#0b5cab', '#b35900'];
const W = 520;
const H = 180;
const PAD = { l: 48, r: 12, t: 12, b: 28 };

/** The decimals a figure is written with: the chart's own, else none for whole numbers and one otherwise. */
const decimalsOf = (b: Chart, v: number): number => b.decimals ?? (Number.isInteger(v) ? 0 : 1);

function seriesSvg(b: Chart, lang: DocLang, x: (i: number) => number, y: (v: number) => number): string {
  return b.series
    .map((s, k) => {
      const colour = COLOURS[k % 2]!;
      const points = s.values.flatMap((v, i) => (v === null ? [] : [{ i, v }]));
      if (points.length === 1) {
        const { i, v } = points[0]!;
        const [cx, cy] = [x(i), y(v)];
        return (
          `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="4" fill="${colour}"/>` +
          `<text x="${(cx + 8).toFixed(1)}" y="${(cy + 4 + k * 14).toFixed(1)}" fill="${colour}">${esc(formatNumber(v, decimalsOf(b, v), lang))}</text>`
        );
      }
      const pts = points.map(({ i, v }) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`);
      return `<polyline fill="none" stroke="${colour}" stroke-width="2" ${k ? 'stroke-dasharray="5 3"' : ''} points="${pts.join(' ')}"/>`;
    })
    .join('');
}

/** A chart as SVG, or '' when it has no values. */
export function chartSvg(b: Chart, lang: DocLang): string {
  const values = b.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  if (!values.length || b.categories.length === 0) return '';
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  const flat = lo === hi;
  if (flat) [lo, hi] = [lo - 1, hi + 1];
  const n = b.categories.length;
  const x = (i: number) => (n === 1 ? (PAD.l + W - PAD.r) / 2 : PAD.l + (i * (W - PAD.l - PAD.r)) / (n - 1));
  const y = (v: number) => PAD.t + ((hi - v) * (H - PAD.t - PAD.b)) / (hi - lo);
  // With a single value the axis has nothing to span: the value is written at its dot instead.
  const axis = flat
    ? ''
    : [hi, lo]
        .map(
          (v) =>
            `<text x="${PAD.l - 6}" y="${y(v) + 4}" text-anchor="end">${esc(formatNumber(v, decimalsOf(b, v), lang))}</text>`,
        )
        .join('');
  const cats = b.categories
    .map((c, i) => `<text x="${x(i)}" y="${H - 8}" text-anchor="middle">${esc(c)}</text>`)
    .join('');
  const legend = b.series
    .map(
      (s, k) =>
        `<text x="${PAD.l + k * 200}" y="${PAD.t}" fill="${COLOURS[k % 2]}">${k ? '– – ' : '—— '}${esc(s.label)}</text>`,
    )
    .join('');
  const figure = (v: number | null) => (v === null ? '–' : formatNumber(v, decimalsOf(b, v), lang));
  const alt = `${b.title}. ${b.series.map((s) => `${s.label}: ${s.values.map((v, i) => `${b.categories[i]} ${figure(v)}`).join(', ')}`).join('; ')}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(alt)}"><line x1="${PAD.l}" y1="${H - PAD.b}" x2="${W - PAD.r}" y2="${H - PAD.b}" stroke="#666"/>${axis}${cats}${seriesSvg(b, lang, x, y)}${legend}</svg>`;
}
