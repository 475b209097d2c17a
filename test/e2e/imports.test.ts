/**
 * An analyst uploads a CSV with two errors, sees both named by row and column, fixes the file, previews
 * the changes, commits, publishes, and sees the new series on the indicator page; then uploads the values of a
 * target's indicator and sees the target's status computed from them.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserTest, type BrowserTest } from '../helpers/browser.ts';
import { engines, freshDatabase } from '../helpers/db.ts';
import { BAD_CSV, GOOD_CSV, seedImportPlaces } from '../helpers/imports-fixture.ts';
import { createUser } from '../../src/services/auth/index.ts';
import { bootstrap } from '../../src/services/bootstrap.ts';
import { silentProgress } from '../../src/services/progress.ts';
import { indicatorCatalogueLoader } from '../../src/services/indicators/catalogue.ts';
import { goalsFrameworkLoader } from '../../src/services/goals/index.ts';
import { dataDir } from '../helpers/paths.ts';

const PW = 'a long enough test password';

for (const engine of engines())
  describe(`uploading statistics in the browser (${engine})`, () => {
    let b: BrowserTest;

    before(async () => {
      const db = await freshDatabase(engine);
      await seedImportPlaces(db);
      // the indicator catalogue and the goal framework, so that an upload can move a target's status
      await bootstrap(db, { dataDir, progress: silentProgress, now: () => new Date() }, [
        indicatorCatalogueLoader,
        goalsFrameworkLoader,
      ]);
      b = await startBrowserTest({ engine, db, devWrites: false });
      await createUser(b.app.db, { username: 'e2e.analyst', role: 'analyst', password: PW }, null, {
        now: () => new Date(),
      });
    });
    after(async () => {
      await b?.close();
    });

    it('upload with errors → fix → preview → import → publish → the indicator page', async () => {
      const page = await b.page(`/logga-in?next=${encodeURIComponent('/indikatorer/import')}`);
      await page.getByLabel('Användarnamn').fill('e2e.analyst');
      await page.getByLabel('Lösenord').fill(PW);
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.waitForURL((u) => u.pathname === '/indikatorer/import');
      await page.getByRole('heading', { name: 'Ladda upp statistik' }).waitFor();

      const file = page.locator('#imp-file');
      await file.setInputFiles({ name: 'skolresultat.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) });
      await page.getByRole('button', { name: 'Förhandsgranska' }).click();
      await page.getByRole('heading', { name: 'Filen har 2 fel. Rätta dem och förhandsgranska igen.' }).waitFor();
      const rows = await page.locator('[data-testid="import-problems"] tbody tr').allInnerTexts();
      assert.deepEqual(
        rows.map((r) => r.split('\t').map((c) => c.trim())),
        [
          ['skolresultat.csv', '4', 'area', "unknown area '0180R-rinkebyy'"],
          ['skolresultat.csv', '6', 'value', "'84.2x' is not a number"],
        ],
      );
      await b.checkA11y(page, 'import-problems');
      await b.screenshot(page, 'import-problems');

      await file.setInputFiles({ name: 'skolresultat.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD_CSV) });
      await page.getByRole('button', { name: 'Förhandsgranska' }).click();
      await page.getByRole('heading', { name: '5 läggs till, 0 ändras, 0 lämnas som de är, 0 tas bort.' }).waitFor();
      assert.equal(await page.locator('#import-changes tbody tr').count(), 5);
      await b.checkA11y(page, 'import-preview');
      await b.screenshot(page, 'import-preview');

      await page.getByRole('button', { name: 'Importera som utkast' }).click();
      await page.getByText(/Importerat som utkast \(import \d+\)/).waitFor();
      // A draft is not in the public statistics.
      const draft = await fetch(`${b.base}/api/v1/indicators/school-results/values?division=regso&period=2023`);
      assert.equal(draft.status, 404);

      await page.getByRole('button', { name: /Publicera import \d+/ }).click();
      await page.getByText(/Import \d+ är publicerad: 5 tillagda, 0 ändrade, 0 borttagna\./).waitFor();
      await page.getByRole('link', { name: 'Visa school-results' }).click();
      await page.waitForURL((u) => u.pathname === '/indikatorer/school-results');
      await page.getByTestId('indicator-name').waitFor();
      assert.equal(await page.getByTestId('indicator-name').innerText(), 'Behöriga till gymnasiet');

      const series = await b.page('/indikatorer/school-results?division=regso&period=2023');
      const ranking = series.locator('#ranking');
      await ranking.getByRole('link', { name: 'Rinkeby' }).waitFor();
      assert.match(await ranking.locator('.fp-summary').innerText(), /Högst: Rinkeby \(62,0 %\)/);
      await b.screenshot(series, 'import-indicator');

      // The list of batches shows the published import (no publish button left) and the saved fetches section.
      await page.goto(`${b.base}/indikatorer/import/batcher`);
      await page.getByRole('heading', { name: 'Importer och hämtningar' }).waitFor();
      await page.getByRole('cell', { name: 'Publicerad' }).waitFor();
      assert.equal(await page.getByRole('button', { name: /Publicera import/ }).count(), 0);
      await page.getByText('Inga sparade hämtningar ännu.').waitFor();
      await b.checkA11y(page, 'import-batches');
    });

    it("an upload of a target's indicator gives the target a computed status", async () => {
      const target = 't-valdeltagande-ytterstaden-okar';
      const before = (await (await fetch(`${b.base}/api/v1/targets/${target}`)).json()) as { status: string };
      assert.equal(before.status, 'not_measurable');
      const page = await b.page('/indikatorer/import');
      await page.getByRole('heading', { name: 'Ladda upp statistik' }).waitFor();
      const csv = [
        'indicator,area,period,value,numerator,denominator,breakdown,status',
        'voter-turnout-municipal,0180,2018,82.6,,,,final',
        'voter-turnout-municipal,0180,2022,84.2,,,,final',
      ].join('\n');
      await page
        .locator('#imp-file')
        .setInputFiles({ name: 'valdeltagande.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'Förhandsgranska' }).click();
      await page.getByRole('heading', { name: '2 läggs till, 0 ändras, 0 lämnas som de är, 0 tas bort.' }).waitFor();
      await page.getByRole('button', { name: 'Importera som utkast' }).click();
      await page.getByRole('button', { name: /Publicera import \d+/ }).click();
      await page.getByText(/Import \d+ är publicerad: 2 tillagda/).waitFor();

      const after = (await (await fetch(`${b.base}/api/v1/targets/${target}`)).json()) as {
        status: string;
        series: { year: number; value: number }[];
      };
      assert.notEqual(after.status, 'not_measurable');
      assert.deepEqual(
        after.series.map((p) => [p.year, p.value]),
        [
          [2018, 82.6],
          [2022, 84.2],
        ],
      );
      const targetPage = await b.page(`/mal/${target}`);
      await targetPage.getByText('84,2').first().waitFor();
    });
  });
