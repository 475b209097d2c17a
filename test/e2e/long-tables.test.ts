/**
 * Long tables fold: an indicator's ranking over the 544 DeSO shows its first 50 rows in the current order,
 * says so, and unfolds on request; a highlighted area beyond them is still shown; sorting reorders all 544;
 * the CSV download has every row. On a phone the page stays a page (it was 111,840 px tall: 544 rows of
 * 200 px, the source citation wrapped to nine lines in a narrow column).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { engines } from '../helpers/db.ts';
import { startBrowserTest, type BrowserTest } from '../helpers/browser.ts';

const IND = 'share-low-economic-standard';

interface MapArea {
  code: string;
  name: string;
  value: number | null;
  rank: number | null;
}

for (const engine of engines())
  describe(`long tables in a browser (${engine})`, () => {
    let b: BrowserTest;
    let areas: MapArea[];
    before(async () => {
      b = await startBrowserTest({ engine });
      areas = (await b.api<{ areas: MapArea[] }>(`/indicators/${IND}/map?division=deso`)).areas;
      assert.equal(areas.length, 544);
    });
    after(async () => {
      await b?.close();
    });

    it('the DeSO ranking shows 50 of 544 rows, keeps the chosen area, sorts all and unfolds; the CSV has all', async () => {
      // the area ranked last is not among the first 50 rows
      const last = [...areas]
        .filter((a) => a.rank !== null)
        .sort((x, y) => y.rank! - x.rank! || y.name.localeCompare(x.name, 'sv'))[0]!;
      const page = await b.page(`/indikatorer/${IND}?division=deso&area=${last.code}`);
      const fold = page.locator('#ranking .fp-table-fold');
      await fold.waitFor();
      const rows = fold.locator('tbody tr');
      assert.equal(await rows.count(), 51, '50 rows and the chosen area');
      assert.equal(await fold.getAttribute('data-rows'), '544');
      assert.equal(await rows.nth(50).getAttribute('data-key'), last.code);
      assert.equal(await rows.nth(50).getAttribute('aria-current'), 'true');
      assert.match(
        await fold.getByRole('status').innerText(),
        /Visar 51 av 544 rader\. Sortera en kolumn för att se andra först; CSV-filen har alla rader\./,
      );
      await b.checkA11y(page, 'long-table-folded');

      // sorting by value descending puts the highest value first, whichever page of the order it was on
      const header = fold.locator('thead th[data-col], thead th').filter({ hasText: 'Värde' }).first();
      await header.locator('button').click();
      await header.locator('button').click();
      const max = Math.max(...areas.filter((a) => a.value !== null).map((a) => a.value!));
      const firstValue = await rows.first().locator('td[data-col="value"] [data-value]').getAttribute('data-value');
      assert.equal(Number(firstValue), max);

      const toggle = fold.getByRole('button', { name: 'Visa alla 544 rader' });
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      await toggle.click();
      assert.equal(await rows.count(), 544);
      assert.equal(
        await fold.getByRole('button', { name: 'Visa de 50 första raderna' }).getAttribute('aria-expanded'),
        'true',
      );

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('#ranking button[data-csv="plain"]').click(),
      ]);
      const csv = (await (await download.createReadStream()).toArray()).join('');
      assert.equal(csv.trimEnd().split('\r\n').length - 1, 544);
      await page.close();
    });

    it('on a phone the DeSO ranking page is a page, not 100,000 pixels', async () => {
      const page = await b.phone(`/indikatorer/${IND}?division=deso`);
      await page.locator('#ranking .fp-table-fold tbody tr').first().waitFor();
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      assert.ok(height < 15000, `page height ${height} px`);
      const rowHeight = await page
        .locator('#ranking tbody tr')
        .first()
        .evaluate((tr) => tr.getBoundingClientRect().height);
      assert.ok(rowHeight < 100, `a ranking row is ${rowHeight} px tall`);
      await b.checkA11y(page, 'long-table-phone');
      await page.close();
    });
  });
