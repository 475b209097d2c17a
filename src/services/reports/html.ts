/**
 * A document as one accessible HTML page: language and title set, a table of contents with links,
 * headings in order, tables with captions and header cells, charts as SVG (role="img" with a text
 * alternative) followed by their table twin, and a print stylesheet (A4, page breaks, no link colours).
 */
import { chartSvg } from './chart.ts';
import type { Block, Doc } from './document.ts';
import type { DocLang } from './words.ts';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = `
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.8rem; margin-bottom: .25rem; } h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 2px solid #0b5cab; }
h3 { font-size: 1.1rem; margin-top: 1.25rem; }
table { border-collapse: collapse; margin: .5rem 0 .25rem; width: 100%; font-size: .9rem; }
caption { text-align: left; font-weight: bold; padding-bottom: .25rem; }
th, td { border: 1px solid #8a8a8a; padding: .25rem .4rem; vertical-align: top; text-align: left; }
th { background: #e8eef6; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.source-note { font-size: .8rem; color: #444; margin: 0 0 1rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; } dl.meta dt { font-weight: bold; }
nav.toc ol { padding-left: 1.25rem; } figure { margin: 1rem 0 .25rem; } figcaption { font-weight: bold; }
svg text { font-family: inherit; font-size: 11px; fill: #1a1a1a; }
@media print {
  @page { size: A4; margin: 18mm 16mm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  h2 { break-before: page; } h2:first-of-type { break-before: auto; }
  h1, h2, h3, caption, figcaption { break-after: avoid; page-break-after: avoid; }
  table, figure, tr, .source-note { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}`;

function block(b: Block, lang: DocLang): string {
  switch (b.kind) {
    case 'p':
      return `<p>${esc(b.text)}</p>`;
    case 'h':
      return `<h3>${esc(b.text)}</h3>`;
    case 'chart':
      return `<figure>${chartSvg(b, lang)}<figcaption>${esc(b.title)}</figcaption></figure><p class="source-note">${esc(b.note)}</p>`;
    case 'table': {
      const head = b.columns.map((c) => `<th scope="col"${c.num ? ' class="num"' : ''}>${esc(c.label)}</th>`).join('');
      const rows = b.rows
        .map(
          (r) =>
            `<tr>${r
              .map((cell, i) =>
                i === 0
                  ? `<th scope="row">${esc(cell)}</th>`
                  : `<td${b.columns[i]?.num ? ' class="num"' : ''}>${esc(cell)}</td>`,
              )
              .join('')}</tr>`,
        )
        .join('');
      return `<table><caption>${esc(b.caption)}</caption><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table><p class="source-note">${esc(b.note)}</p>`;
    }
  }
}

export function renderHtml(doc: Doc, contentsLabel: string): string {
  const toc = doc.sections.map((s) => `<li><a href="#${esc(s.id)}">${esc(s.title)}</a></li>`).join('');
  const meta = doc.meta.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('');
  const body = doc.sections
    .map(
      (s) =>
        `<section aria-labelledby="${esc(s.id)}"><h2 id="${esc(s.id)}">${esc(s.title)}</h2>${s.blocks.map((b) => block(b, doc.lang)).join('\n')}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${doc.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(doc.title)}</title><style>${STYLE}</style></head>
<body><main>
<h1>${esc(doc.title)}</h1><p>${esc(doc.subtitle)}</p><dl class="meta">${meta}</dl>
<nav class="toc" aria-labelledby="toc-h"><h2 id="toc-h">${esc(contentsLabel)}</h2><ol>${toc}</ol></nav>
${body}
</main></body></html>`;
}
