/**
 * Issue 4 in a real browser: Områden, Jämför and Indikatorer. Each test opens the page, picks an
 * area by typing its name, switches indicator and/or division, and checks the values on screen
 * against the API; axe reports no serious or critical violations; a 1280×800 screenshot is kept.
 * Runs on the reference data; when none is loaded (no data directory), on the hand-made fixture.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { engines } from '../helpers/db.ts';
import { startBrowserTest, type BrowserTest } from '../helpers/browser.ts';
import { loadProfilesFixture } from '../helpers/profiles-fixture.ts';
import type { IndicatorMap } from '../../src/core/contracts/indicators.ts';

interface Catalog {
  divisions: { id: string; level: number; areaCount: number; hasGeometry: boolean }[];
  indicators: { id: string; kind: string; decimals: number; nameSv: string; unit: string }[];
  areas: { divisionId: string; code: string; name: string }[];
}
interface Point {
  period: string;
  value: number | null;
  status: string;
}

const SDO = 'stadsdelsomrade-2020';
const nf = (v: number, decimals: number) =>
  new Intl.NumberFormat('sv-SE', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(v);
const clean = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

async function typeAndPick(page: Page, text: string): Promise<void> {
  const input = page.locator('#area-search');
  await input.fill(text);
  await page.locator('.fp-hits button').first().waitFor();
  await input.press('Enter');
}

for (const engine of engines())
  describe(`area profiles, comparisons and indicator pages in a browser (${engine})`, () => {
    let b: BrowserTest;
    let catalog: Catalog;
    let shareIndicator: Catalog['indicators'][number];
    before(async () => {
      b = await startBrowserTest({ engine });
      catalog = await b.api<Catalog>('/profiles/catalog');
      if (
        catalog.indicators.length === 0 ||
        !catalog.areas.some((a) => a.divisionId === SDO && a.name === 'Rinkeby-Kista')
      ) {
        await loadProfilesFixture(b.app.db);
        catalog = await b.api<Catalog>('/profiles/catalog');
      }
      // An indicator with values in the 13-area division (a share when there is one).
      const candidates = [...catalog.indicators].sort(
        (x, y) => Number(y.kind === 'share') - Number(x.kind === 'share'),
      );
      for (const ind of candidates) {
        const m = await b
          .api<{ areas: { value: number | null }[] }>(`/indicators/${ind.id}/map?division=${SDO}`)
          .catch(() => null);
        if (m && m.areas.filter((a) => a.value !== null).length >= 4) {
          shareIndicator = ind;
          break;
        }
      }
      assert.ok(shareIndicator, 'an indicator with values for the 13 stadsdelsområden');
    });
    after(async () => {
      await b?.close();
    });

    it('Områden: type an area name, see its profile with the values of the API, switch division', async () => {
      const page = await b.page('/omraden');
      await page.getByRole('heading', { level: 1, name: 'Områden' }).waitFor();
      await page.locator('#division').selectOption(SDO);
      await typeAndPick(page, 'Rinkeby-K');
      await page.getByTestId('area-name').getByText('Rinkeby-Kista').waitFor();
      const code = catalog.areas.find((a) => a.divisionId === SDO && a.name === 'Rinkeby-Kista')!.code;
      assert.match(page.url(), new RegExp(`/omraden/${SDO}/${code}$`));
      const profile = await b.api<{
        indicators: {
          id: string;
          headline: boolean;
          decimals: number;
          latest: Point | null;
          city: Point | null;
          rank: number | null;
          rankedCount: number | null;
        }[];
      }>(`/areas/${SDO}/${code}/profile`);
      let checked = 0;
      // helper counts (headline false) are the underlying figures of another indicator: no row of their own
      for (const ind of profile.indicators.filter((i) => !i.headline))
        assert.equal(await page.locator(`#profile-table tr[data-key="${ind.id}"]`).count(), 0, `no row for ${ind.id}`);
      for (const ind of profile.indicators.filter((i) => i.headline)) {
        const row = page.locator(`#profile-table tr[data-key="${ind.id}"]`);
        assert.equal(await row.count(), 1, `row for ${ind.id}`);
        if (ind.latest?.value !== null && ind.latest?.value !== undefined) {
          const cell = row.locator('td[data-col="latest"] [data-value]');
          assert.equal(Number(await cell.getAttribute('data-value')), ind.latest.value, `${ind.id} value`);
          assert.ok(
            clean(await cell.textContent()).startsWith(clean(nf(ind.latest.value, ind.decimals))),
            `${ind.id} shows ${nf(ind.latest.value, ind.decimals)}`,
          );
          checked++;
        }
        if (ind.city?.value !== null && ind.city?.value !== undefined) {
          assert.ok(
            clean(await row.locator('td[data-col="city"]').textContent()).startsWith(
              clean(nf(ind.city.value, ind.decimals)),
            ),
            `${ind.id} city value`,
          );
        }
        if (ind.rank !== null)
          assert.equal(
            clean(await row.locator('td[data-col="rank"]').textContent()),
            `${ind.rank} av ${ind.rankedCount}`,
          );
      }
      assert.ok(checked >= 1);
      assert.ok(await page.locator('svg.fp-locator').count(), 'a locator map');
      assert.match(
        clean(await page.getByTestId('profile-summary').textContent()),
        /^Rinkeby-Kista är bättre än staden på \d+ indikatorer/,
      );
      await b.checkA11y(page, 'areas');
      await page.evaluate(() => document.querySelector('#profile-title')?.scrollIntoView({ block: 'start' }));
      await b.screenshot(page, 'areas');

      // Switch division and pick a stadsdel by typing.
      await page.locator('#division').selectOption('stadsdel');
      await page.waitForURL(/division=stadsdel/);
      await typeAndPick(page, 'Rinkeby');
      await page.getByTestId('area-name').getByText('Rinkeby', { exact: true }).waitFor();
      assert.match(page.url(), /\/omraden\/stadsdel\//);

      // A DeSO (544 peers): its profile renders from the one profile call.
      const deso = catalog.areas.find((a) => a.divisionId === 'deso');
      if (deso) {
        await page.locator('#division').selectOption('deso');
        await page.waitForURL(/division=deso/);
        await typeAndPick(page, deso.code);
        await page.getByTestId('area-name').getByText(deso.name, { exact: true }).waitFor();
        const dp = await b.api<{ indicators: { id: string; latest: Point | null; rankedCount: number | null }[] }>(
          `/areas/deso/${deso.code}/profile`,
        );
        const pop = dp.indicators.find((i) => i.latest?.value !== null && i.latest !== null)!;
        assert.equal(
          Number(
            await page
              .locator(`#profile-table tr[data-key="${pop.id}"] td[data-col="latest"] [data-value]`)
              .getAttribute('data-value'),
          ),
          pop.latest!.value,
        );
      }
      await page.close();

      // The same profile in English: texts change, area and source names stay as published.
      const en = await b.page(`/omraden/${SDO}/${code}?lang=en`);
      await en.getByRole('heading', { level: 1, name: 'Areas' }).waitFor();
      await en.getByTestId('area-name').getByText('Rinkeby-Kista').waitFor();
      assert.ok(await en.locator('#profile-table th', { hasText: 'Latest value' }).count());
      assert.match(
        clean(await en.getByTestId('profile-summary').textContent()),
        /^Rinkeby-Kista is better than the city on \d+ indicators/,
      );
      // an indicator without data names who publishes it, never the Swedish citation ("Källa: …")
      const sources = await en.locator('#profile-table .fp-source-cell').allTextContents();
      assert.ok(!sources.some((c) => c.includes('Källa')), 'no Swedish citation on the English page');
      assert.ok(
        sources.includes('RKA (Rådet för främjande av kommunala analyser)'),
        'Kolada, not fetched: its publisher',
      );
      await b.checkA11y(en, 'areas (English)');
      await en.close();
    });

    it('Jämför: the programme default, add an area by typing, switch indicators; bars and table match the API', async () => {
      const page = await b.page('/jamfor');
      await page.getByRole('heading', { level: 1, name: 'Jämför områden' }).waitFor();
      const chips = page.getByTestId('chosen-areas').locator('li');
      await chips.first().waitFor();
      const chipText = (await chips.allTextContents()).map(clean).join(' | ');
      // the current division (2023) by default
      for (const n of ['Järva', 'Skärholmen', 'Farsta', 'Norra innerstaden']) assert.match(chipText, new RegExp(n));
      await page.locator('.fp-indicator-block').first().waitFor();
      await page.locator('.fp-plot svg').first().waitFor();
      // With two or more indicators in one unit, one grouped bar chart shows them all beside the city.
      const defaults = page.locator('.fp-indicator-block');
      const shown = await defaults.evaluateAll((els) => els.map((e) => e.getAttribute('data-indicator') ?? ''));
      const units = new Set(shown.map((idv) => catalog.indicators.find((i) => i.id === idv)?.unit));
      if ((await defaults.count()) >= 2 && units.size === 1) {
        await page.getByTestId('grouped').locator('.fp-plot svg').waitFor();
      }
      await b.checkA11y(page, 'compare');
      await page.evaluate(() =>
        (
          document.querySelector('[data-testid=grouped]') ?? document.querySelector('.fp-indicator-block')
        )?.scrollIntoView({ block: 'start' }),
      );
      await b.screenshot(page, 'compare');

      // Add a stadsdel by typing.
      await page.locator('#division').selectOption('stadsdel');
      await typeAndPick(page, 'Rinkeby');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('areas')?.split(',').length === 5);
      // Switch to exactly the chosen test indicator.
      await page.locator(`fieldset.fp-checks input[data-indicator="${shareIndicator.id}"]`).check();
      const others = page.locator(
        `fieldset.fp-checks input[type=checkbox]:checked:not([data-indicator="${shareIndicator.id}"])`,
      );
      while ((await others.count()) > 0) await others.first().uncheck();
      await page.waitForFunction((id) => new URL(location.href).searchParams.get('ind') === id, shareIndicator.id);
      const block = page.locator(`section[data-indicator="${shareIndicator.id}"]`);
      await block.waitFor();
      assert.equal(await page.locator('.fp-indicator-block').count(), 1);
      const areas = new URL(page.url()).searchParams.get('areas')!;
      const cmp = await b.api<{
        areas: { name: string }[];
        city: { name: string };
        indicators: { decimals: number; city: Point[]; series: { points: Point[] }[] }[];
      }>(`/compare?areas=${encodeURIComponent(areas)}&indicators=${shareIndicator.id}`);
      await block.locator(`#bars-${shareIndicator.id}`).getByRole('button', { name: 'Visa som tabell' }).click();
      const table = block.locator(`#bars-${shareIndicator.id} table`);
      await table.waitFor();
      const ind = cmp.indicators[0]!;
      for (const [i, s] of ind.series.entries()) {
        const latest = [...s.points].reverse().find((p) => p.value !== null);
        if (!latest) continue;
        const cell = table.locator('tbody tr').nth(i).locator('td[data-col="value"] [data-value]');
        assert.equal(Number(await cell.getAttribute('data-value')), latest.value, `${cmp.areas[i]!.name}`);
        assert.equal(clean(await cell.textContent()), clean(nf(latest.value!, ind.decimals)));
      }
      // The CSV download holds exactly the rows and columns of the table on screen.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        block.locator(`#bars-${shareIndicator.id} button[data-csv="plain"]`).click(),
      ]);
      const csv = (await (await download.createReadStream()).toArray()).join('');
      const lines = csv.trimEnd().split('\r\n');
      const headers = (await table.locator('thead th').allTextContents()).map((h) =>
        clean(h)
          .replace(/[▲▼↕]$/, '')
          .trim(),
      );
      assert.deepEqual(lines[0]!.split(','), headers);
      assert.equal(lines.length - 1, await table.locator('tbody tr').count());
      for (const [i, s] of ind.series.entries()) {
        const latest = [...s.points].reverse().find((p) => p.value !== null);
        if (latest) assert.equal(lines[i + 1]!.split(',')[1], String(latest.value));
      }
      await page.close();
    });

    it('Indikatorer: map, ranking and highlight by typing match the API; switch division and indicator', async () => {
      const id = shareIndicator.id;
      const page = await b.page(`/indikatorer/${id}?division=${SDO}`);
      await page.getByTestId('indicator-name').waitFor();
      const m = await b.api<IndicatorMap>(`/indicators/${id}/map?division=${SDO}`);
      await page.locator('path.fp-area').first().waitFor();
      assert.equal(await page.locator('path.fp-area').count(), m.areas.length);
      for (const a of m.areas.filter((x) => x.value !== null)) {
        const label = await page.locator(`path.fp-area[data-code="${a.code}"]`).getAttribute('aria-label');
        assert.ok(clean(label).startsWith(clean(`${a.name}: ${nf(a.value!, shareIndicator.decimals)}`)), `${label}`);
        const cell = page.locator(`#ranking tr[data-key="${a.code}"] td[data-col="value"] [data-value]`);
        assert.equal(Number(await cell.getAttribute('data-value')), a.value);
        assert.equal(
          clean(await page.locator(`#ranking tr[data-key="${a.code}"] td[data-col="rank"]`).textContent()),
          String(a.rank),
        );
        // the citation, named once in the answer, in the area's row
        assert.equal(
          clean(await page.locator(`#ranking tr[data-key="${a.code}"] td[data-col="source"]`).textContent()),
          clean(m.sources[a.source!]!),
        );
      }
      // Keyboard: the areas are focusable and announce themselves.
      await page.locator('path.fp-area').first().focus();
      assert.match(clean(await page.locator('.fp-map-focus').textContent()), /: /);
      await b.checkA11y(page, 'indicators');
      await page.evaluate(() => document.querySelector('.fp-twin')?.scrollIntoView({ block: 'start' }));
      await b.screenshot(page, 'indicators');

      // Highlight an area by typing its name.
      await typeAndPick(page, 'Skärholmen');
      const sk = m.areas.find((a) => a.name === 'Skärholmen')!;
      const info = clean(await page.getByTestId('selected-info').textContent());
      assert.ok(
        info.startsWith(clean(`Skärholmen: ${sk.value === null ? 'skyddad' : nf(sk.value, shareIndicator.decimals)}`)),
        info,
      );
      assert.match(page.url(), new RegExp(`area=${sk.code}`));
      const skTrend = m.periods.map((period, i) => ({ period, value: sk.trend[i] ?? null }));
      if ((await page.locator('#trend').count()) > 0) {
        await page.locator('#trend').getByRole('button', { name: 'Visa som tabell' }).click();
        for (const p of skTrend.filter((x) => x.value !== null)) {
          const cell = page.locator(`#trend tr[data-key="${p.period}"] td[data-col="area"]`);
          assert.equal(
            clean(await cell.textContent()),
            clean(nf(p.value!, shareIndicator.decimals)),
            `trend ${p.period}`,
          );
        }
      }

      // Switch division: the ranking shows the stadsdelar.
      await page.locator('#division').selectOption('stadsdel');
      await page.waitForURL(/division=stadsdel/);
      const sd = await b.api<{ areas: { code: string; value: number | null }[] }>(
        `/indicators/${id}/map?division=stadsdel`,
      );
      await page
        .locator(`#ranking tbody tr`)
        .nth(sd.areas.length - 1)
        .waitFor();
      assert.equal(await page.locator('#ranking tbody tr').count(), sd.areas.length);
      const firstValued = sd.areas.find((a) => a.value !== null);
      if (firstValued)
        assert.equal(
          Number(
            await page
              .locator(`#ranking tr[data-key="${firstValued.code}"] td[data-col="value"] [data-value]`)
              .getAttribute('data-value'),
          ),
          firstValued.value,
        );

      // The 544-DeSO division renders from the one map call (no polygons: the ranking has every value, its
      // first 50 rows shown until the reader asks for all).
      if (catalog.divisions.some((d) => d.id === 'deso' && d.areaCount > 0)) {
        await page.locator('#division').selectOption('deso');
        await page.waitForURL(/division=deso/);
        const deso = await b.api<{ areas: { code: string; value: number | null }[] }>(
          `/indicators/${id}/map?division=deso`,
        );
        const fold = page.locator('#ranking .fp-table-fold');
        await fold.waitFor();
        assert.equal(await fold.getAttribute('data-rows'), String(deso.areas.length));
        assert.equal(await page.locator('#ranking tbody tr').count(), 50);
        await fold.getByRole('button', { name: `Visa alla ${deso.areas.length} rader` }).click();
        await page
          .locator('#ranking tbody tr')
          .nth(deso.areas.length - 1)
          .waitFor();
        assert.equal(await page.locator('#ranking tbody tr').count(), deso.areas.length);
        const v = deso.areas.find((a) => a.value !== null);
        if (v)
          assert.equal(
            Number(
              await page
                .locator(`#ranking tr[data-key="${v.code}"] td[data-col="value"] [data-value]`)
                .getAttribute('data-value'),
            ),
            v.value,
          );
      }

      // Switch indicator.
      const other = catalog.indicators.find((i) => i.id !== id)!;
      await page.locator('#indicator').selectOption(other.id);
      await page.waitForURL(new RegExp(`/indikatorer/${other.id}`));
      await page.getByTestId('indicator-name').getByText(other.nameSv).waitFor();
      await page.close();
    });
  });
