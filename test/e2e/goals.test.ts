import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserTest, type BrowserTest } from '../helpers/browser.ts';
import { engines, freshDatabase } from '../helpers/db.ts';
import { FIXED_NOW } from '../helpers/app.ts';
import { dataDir } from '../helpers/paths.ts';
import { bootstrap } from '../../src/services/bootstrap.ts';
import { silentProgress } from '../../src/services/progress.ts';
import { goalsStartupLoaders } from '../../src/services/goals/index.ts';

for (const engine of engines())
  describe(`goals pages in the browser (${engine})`, () => {
    let b: BrowserTest;
    before(async () => {
      const db = await freshDatabase(engine);
      await bootstrap(db, { dataDir, progress: silentProgress, now: () => FIXED_NOW }, goalsStartupLoaders);
      b = await startBrowserTest({ engine, db });
    });
    after(async () => {
      await b?.close();
    });

    it('Mål shows the four goal areas with status badges and counts, and passes axe', async () => {
      const page = await b.page('/mal');
      await page.waitForSelector('[data-goal-area]');
      const areas = await page.$$eval('[data-goal-area] > h2', (els) => els.map((e) => e.textContent));
      assert.deepEqual(areas, [
        'Målområde 1: Uppväxt och utbildning',
        'Målområde 2: Boende och stadsmiljö',
        'Målområde 3: Arbete och företagande',
        'Målområde 4: Demokrati och trygghet',
      ]);
      const tree = await b.api<{ goalAreas: { id: string; counts: Record<string, number> }[] }>('/goals');
      const dt = tree.goalAreas.find((g) => g.id === 'demokrati-trygghet');
      const badge = await page.$eval(
        '[data-goal-area="demokrati-trygghet"] .goal-counts [data-status="off_track"]',
        (e) => e.textContent,
      );
      assert.equal(badge, `✕Ur kurs: ${dt?.counts['off_track']}`);
      await b.checkA11y(page, 'goals');
      await b.screenshot(page, 'goals');
    });

    it('a target page shows the status sentence, the chart and its table twin, and passes axe', async () => {
      const page = await b.page('/mal/t-inga-utsatta-omraden-2030');
      await page.waitForSelector('[data-testid="status-reason"]');
      const reason = await page.$eval('[data-testid="status-reason"]', (e) => e.textContent ?? '');
      assert.match(reason, /från 6 områden \(2023\) till 8 områden \(2025\)/);
      await page.waitForSelector('[data-chart="target"] svg');
      await b.checkA11y(page, 'target');
      await b.screenshot(page, 'goals-target');
      await page.locator('[data-chart="target"]').scrollIntoViewIfNeeded();
      await b.screenshot(page, 'goals-target-chart');
      await page.getByRole('button', { name: 'Visa som tabell' }).click();
      const years = await page.$$eval('.fp-twin table tbody th', (els) => els.map((e) => e.textContent));
      assert.deepEqual(years, ['2023', '2024', '2025', '2026', '2027', '2028', '2029', '2030']);
      assert.ok(await page.getByText('Platssamverkan Rågsved').isVisible());
    });

    it('the overview summarises status per goal area, in English too', async () => {
      const page = await b.page('/?lang=en');
      await page.waitForSelector('[data-testid="goal-summary"] .goal-summary-list li');
      const heads = await page.$$eval('[data-testid="goal-summary"] h3', (els) => els.map((e) => e.textContent));
      assert.deepEqual(heads, [
        'Growing up and education',
        'Housing and urban environment',
        'Work and enterprise',
        'Democracy and safety',
      ]);
      await b.checkA11y(page, 'overview-goals');
    });
  });
