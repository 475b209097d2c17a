import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { createElement, Fragment } from 'react';
import { repoRoot } from '../helpers/paths.ts';
import { renderMarkdown, slug } from '../../src/web/pages/analysis/MethodsPage.tsx';

const md = readFileSync(join(repoRoot, 'docs', 'methods.md'), 'utf8');
const html = renderToStaticMarkup(createElement(Fragment, null, ...renderMarkdown(md)));

describe('the methods document as the Analys screens show it', () => {
  it('has every section the figures link to', () => {
    // the anchors used by MethodNote on the Analys pages
    const used = new Set<string>();
    for (const f of ['SegregationPage.tsx', 'NeedPage.tsx', 'AllocationPage.tsx']) {
      const src = readFileSync(join(repoRoot, 'src', 'web', 'pages', 'analysis', f), 'utf8');
      for (const m of src.matchAll(/anchor="([a-z0-9-]+)"/g)) used.add(m[1] as string);
    }
    assert.ok(used.size >= 5, [...used].join(', '));
    for (const a of used) assert.ok(html.includes(`id="${a}"`), `no section #${a} in docs/methods.md`);
  });

  it('renders headings, tables with escaped pipes, lists and emphasis without passing HTML through', () => {
    assert.equal(slug("Moran's I"), 'moran-s-i');
    assert.match(html, /<table class="fp-table">/);
    assert.match(html, /½ Σᵢ \|xᵢ\/X − yᵢ\/Y\|/);
    assert.match(html, /<ol>/);
    assert.match(html, /<strong>row-standardised<\/strong>/);
    const evil = renderToStaticMarkup(createElement(Fragment, null, ...renderMarkdown('<script>alert(1)</script>')));
    assert.ok(!evil.includes('<script>'));
  });
});
