// Browser tests of the Analys screens on the reference data: segregation, need index, allocation, methods (axe, screenshots).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { engines } from '../helpers/db.ts';
import { startBrowserTest, type BrowserTest } from '../helpers/browser.ts';
import { formatNumber } from '../../src/web/components/format.ts';
import type { NeedResponse } from '../../src/core/contracts/analysis.ts';

for (const engine of engines())
  describe(`Analys screens (${engine})`, () => {
    let b: BrowserTest;
    before(async () => {
      b = await startBrowserTest({ engine });
    });
    after(async () => {
      await b?.close();
    });

    it('segregation for foreign background over the DeSO in 2022, every measure with its method', async () => {
      const api = await b.api<{ measures: { D: number } }>(
        '/analysis/segregation?division=deso&preset=foreign-background&period=2022',
      );
      const page = await b.page('/analys/segregation?division=deso&group=foreign-background&period=2022');
      await page.waitForSelector('[data-measure="D"] .an-value');
      const shown = await page.textContent('[data-measure="D"] .an-value');
      assert.equal(shown?.replace(',', '.'), api.measures.D.toFixed(3));
      assert.equal(await page.locator('.an-measures').first().locator('li').count(), 5);
      // multigroup measures for the birth regions
      await page.waitForSelector('[data-measure="multiD"] .an-value');
      // every figure explains its method and links to the methods document
      const links = await page
        .locator('.an-method a')
        .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
      assert.ok(links.length >= 12);
      assert.ok(links.every((h) => h?.startsWith('/analys/metoder?avsnitt=')));
      await b.checkA11y(page, 'analysis-segregation');
      await b.screenshot(page, 'analysis-segregation');
      await page.close();
    });

    it("the share map and Moran's I for stadsdelar", async () => {
      const page = await b.page('/analys/segregation?division=stadsdel&group=born-abroad');
      await page.waitForSelector('.fp-map-svg path');
      assert.equal(await page.locator('.fp-map-svg path').count(), 117);
      await page.waitForSelector('[data-moran-i]');
      const i = Number(await page.getAttribute('[data-moran-i]', 'data-moran-i'));
      assert.ok(i > 0.3);
      await b.checkA11y(page, 'analysis-segregation-map');
      await b.screenshot(page, 'analysis-segregation-map');
      await page.close();
    });

    it('the need index classifies all 544 DeSO and maps the types of the stadsdelar', async () => {
      const page = await b.page('/analys/behov');
      await page.waitForSelector('.an-types');
      assert.equal(await page.getAttribute('.an-types', 'data-deso-count'), '544');
      await page.waitForSelector('.fp-map-svg path');
      assert.equal(await page.locator('.fp-map-svg path').count(), 117);
      await b.checkA11y(page, 'analysis-need');
      await b.screenshot(page, 'analysis-need');
      await page.click('button[aria-controls="an-deso-table"]');
      await page.waitForSelector('#an-deso-table tbody tr');
      assert.equal(await page.locator('#an-deso-table tbody tr').count(), 544);
      // each indicator's column shows that indicator's value (the API gives them as columns in its order)
      const need = await b.api<NeedResponse>('/analysis/need-index');
      for (const area of [need.areas[0]!, need.areas[271]!, need.areas[need.areas.length - 1]!]) {
        for (const [i, ind] of need.indicators.entries()) {
          const cell = page.locator(`#an-deso-table tr[data-key="${area.id}"] td[data-col="${ind.id}"]`);
          assert.equal(await cell.textContent(), formatNumber(area.values[i], 'sv', 1), `${area.id} ${ind.id}`);
        }
      }
      // changing a weight recomputes (the URL keeps the weights)
      await page.fill('#an-w-share-low-economic-standard', '3');
      await page.click('.an-weights button[type="submit"]');
      await page.waitForURL(/vikter=/);
      await page.waitForSelector('.an-types');
      await page.close();
    });

    it('the allocation editor shares the sum exactly and shows table and difference from planned money', async () => {
      const page = await b.page('/analys/fordelning');
      await page.waitForSelector('#an-sum');
      await page.fill('#an-sum', '123,456789');
      await page.fill('#an-floor', '1');
      await page.click('.an-alloc-form button[type="submit"]');
      await page.waitForSelector('[data-sum]');
      assert.equal(await page.getAttribute('[data-sum]', 'data-sum'), '123456789');
      assert.ok((await page.locator('table tbody tr').count()) >= 11);
      await b.checkA11y(page, 'analysis-allocation');
      await b.screenshot(page, 'analysis-allocation');
      await page.close();
    });

    it('the methods page opens at the linked section', async () => {
      const page = await b.page('/analys/metoder?avsnitt=moran-s-i');
      await page.waitForSelector('#moran-s-i');
      assert.match((await page.textContent('#moran-s-i')) ?? '', /Moran/);
      assert.ok((await page.locator('.an-methods table').count()) >= 3);
      await b.checkA11y(page, 'analysis-methods');
      await page.close();
    });
  });
