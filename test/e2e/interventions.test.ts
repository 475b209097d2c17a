import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowserTest, type BrowserTest } from '../helpers/browser.ts';
import { engines, freshDatabase } from '../helpers/db.ts';
import { FIXED_NOW } from '../helpers/app.ts';
import { repoRoot } from '../helpers/paths.ts';
import { JARVA, VALID_CSV, loadInterventionFixture } from '../helpers/interventions-fixture.ts';
import { SYSTEM_USER, commitImport, interventionsLoader } from '../../src/services/interventions/index.ts';
import { formatMnkr } from '../../src/core/money.ts';

const NBSP = '\u00a0';

interface FileIntervention {
  id: string;
  name: { sv: string };
  status: string;
  amountsPerYear: Record<string, string>;
}

for (const engine of engines())
  describe(`interventions pages in the browser (${engine})`, () => {
    let b: BrowserTest;
    // the starting register (from the source documents) plus the test import of the API tests
    const file = JSON.parse(
      readFileSync(join(repoRoot, 'data', 'framework', 'interventions.json'), 'utf8'),
    ) as FileIntervention[];

    before(async () => {
      const db = await freshDatabase(engine);
      await loadInterventionFixture(db, [interventionsLoader()]);
      await commitImport(db, Buffer.from(VALID_CSV), 'csv', { user: SYSTEM_USER, now: FIXED_NOW });
      // writes open (development flag) for the import screen; the other tests only read
      b = await startBrowserTest({ engine, db, devWrites: true });
    });
    after(async () => {
      await b?.close();
    });

    const totalsOnScreen = async (page: Awaited<ReturnType<BrowserTest['page']>>, id: string) =>
      page.$$eval(`#${id} div`, (els) =>
        Object.fromEntries(els.map((e) => [e.getAttribute('data-measure'), e.querySelector('dd')?.textContent ?? ''])),
      );

    it('filters the list and shows the totals of what is filtered', async () => {
      const page = await b.page('/insatser');
      await page.waitForSelector('#iv-table');
      assert.equal(await page.textContent('[data-testid="iv-count"]'), `${file.length + 5} insatser`);
      await b.checkA11y(page, 'interventions-list');
      await b.screenshot(page, 'interventions-list');

      // year 2021: the interventions of the documents with an amount for 2021, summed from the file itself
      const in2021 = file.filter((i) => i.amountsPerYear['2021'] !== undefined);
      const sum2021 = in2021.reduce((s, i) => s + BigInt(i.amountsPerYear['2021'] ?? '0'), 0n);
      await page.selectOption('#iv-f-year', '2021');
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid="iv-count"]')?.textContent === `${n} insatser`,
        in2021.length,
      );
      assert.equal(page.url().includes('year=2021'), true);
      assert.deepEqual(await totalsOnScreen(page, 'iv-list-totals'), {
        planned: formatMnkr(sum2021, 'sv'),
        decided: `0${NBSP}mnkr`,
        spent: `0${NBSP}mnkr`,
      });
      // the documents' figures: +4 +8 +5 16 +7 +1 (100 trygghetsfonden) +5 +2 mnkr
      assert.equal(sum2021, 148_000_000n);

      // and status "planned" (proposed in the documents)
      const proposed2021 = in2021.filter((i) => i.status === 'proposed');
      const sumProposed = proposed2021.reduce((s, i) => s + BigInt(i.amountsPerYear['2021'] ?? '0'), 0n);
      await page.selectOption('#iv-f-status', 'planned');
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid="iv-count"]')?.textContent === `${n} insatser`,
        proposed2021.length,
      );
      assert.equal((await totalsOnScreen(page, 'iv-list-totals'))['planned'], formatMnkr(sumProposed, 'sv'));

      // clear, then area Järva (the hierarchy: areas below Järva count): insats-a, -b, -d, insats-e
      // (Rinkeby), and the documents' "kommunal samverkan" and Fokus Järva (Järva) and krisgrupp (Rinkeby)
      await page.getByRole('button', { name: 'Rensa filter' }).click();
      // an area group that bears an area's name says it is a group; no two options read the same
      const options = await page.$$eval('#iv-f-area option', (els) => els.map((e) => e.textContent ?? ''));
      assert.deepEqual(
        options.filter((o, i) => options.indexOf(o) !== i),
        [],
      );
      const groups = await page.$$eval('#iv-f-area option[value^="group:"]', (els) => els.map((e) => e.textContent));
      for (const g of groups) assert.match(g ?? '', / \(områdesgrupp\)$/);
      await page.selectOption('#iv-f-area', JARVA);
      await page.waitForFunction(
        () => document.querySelector('[data-testid="iv-count"]')?.textContent === '7 insatser',
      );
      const names = await page.$$eval('#iv-table tbody th', (els) => els.map((e) => e.textContent).sort());
      const doc = (id: string) => file.find((i) => i.id === id)?.name.sv ?? `(${id} missing in the file)`;
      assert.deepEqual(
        names,
        [
          'Fältassistenter Järva',
          doc('i-002-kommunal-samverkan-basta-skola'),
          doc('i-002-fokus-jarva'),
          doc('i-001-krisgrupp-gangrekrytering'),
          'Platssamverkan Rinkeby',
          'Samverkan Järva och Farsta',
          'Skolsociala team',
        ].sort(),
      );
      // hand computation: planned 9 + 7 (insats-a); decided 8 (a) + 2 + 4 (b) + 3 (d) + 1 (e); spent 2,5 (a) + 1 (b)
      assert.deepEqual(await totalsOnScreen(page, 'iv-list-totals'), {
        planned: `16${NBSP}mnkr`,
        decided: `18${NBSP}mnkr`,
        spent: `3,5${NBSP}mnkr`,
      });
      // city-wide interventions only by an explicit choice
      await page.getByLabel('Visa även insatser för hela staden').check();
      await page.waitForFunction(
        () => Number.parseInt(document.querySelector('[data-testid="iv-count"]')?.textContent ?? '0') > 7,
      );
      assert.equal(page.url().includes('includeCityWide=true'), true);
      await b.checkA11y(page, 'interventions-list-hierarchy');
    });

    it('opens an intervention and shows its budget lines and totals', async () => {
      const page = await b.page(`/insatser?area=${encodeURIComponent(JARVA)}`);
      await page.waitForSelector('#iv-table');
      await page.getByRole('link', { name: 'Fältassistenter Järva' }).click();
      await page.waitForSelector('#iv-budget');
      assert.equal(await page.textContent('h1'), 'Fältassistenter Järva');
      assert.equal(await page.textContent('[data-testid="iv-status"]'), 'Pågående');
      assert.deepEqual(await totalsOnScreen(page, 'iv-detail-totals'), {
        planned: `16${NBSP}mnkr`,
        decided: `8${NBSP}mnkr (delsumma)`,
        spent: `2,5${NBSP}mnkr (delsumma)`,
      });
      const rows = await page.$$eval('#iv-budget tbody tr, #iv-budget tfoot tr', (trs) =>
        trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent)),
      );
      assert.deepEqual(rows, [
        ['2024', '9', '8', '2,5'],
        // unknown is a dash that says so (to a screen reader), and a sum leaving out an unknown year says so
        ['2025', '7', '–Okänt belopp', '–Okänt belopp'],
        ['Summa', '16', '8 (delsumma)', '2,5 (delsumma)'],
      ]);
      assert.ok(await page.getByRole('link', { name: 'Uppväxt och utbildning' }).isVisible());
      await b.checkA11y(page, 'intervention');
      await b.screenshot(page, 'intervention');
      // in English
      const en = await b.page('/insatser/insats-a?lang=en');
      await en.waitForSelector('#iv-budget');
      assert.equal(await en.textContent('[data-testid="iv-status"]'), 'Running');
      assert.deepEqual(await totalsOnScreen(en, 'iv-detail-totals'), {
        planned: `SEK${NBSP}16${NBSP}million`,
        decided: `SEK${NBSP}8${NBSP}million (partial sum)`,
        spent: `SEK${NBSP}2.5${NBSP}million (partial sum)`,
      });
    });

    it('shows the budget page with per-resident figures and the city-wide money apart', async () => {
      const page = await b.page('/insatser/budget?year=2024&measure=decided');
      await page.waitForSelector('#per-resident [data-chart="bar"] svg');
      const summary = await page.textContent('#per-resident .fp-summary');
      // city-wide: insats-c 100 mnkr / 250 000 residents = 400 kr per resident
      assert.match(summary ?? '', new RegExp(`100${NBSP}mnkr, 400${NBSP}kr/inv\\.`));
      await b.checkA11y(page, 'interventions-budget');
      await b.screenshot(page, 'interventions-budget');
      await page.locator('#per-resident').getByRole('button', { name: 'Visa som tabell' }).click();
      const rows = await page.$$eval('#per-resident tbody tr', (trs) =>
        Object.fromEntries(
          trs.map((tr) => [
            tr.querySelector('th')?.textContent,
            tr.querySelector('td[data-col="perResident"]')?.textContent,
          ]),
        ),
      );
      // 11 000 000 / 80 000 = 137,5 -> 138 (half away from zero); 4 000 000 / 50 000 = 80; 0
      assert.deepEqual(rows, { Järva: `138${NBSP}kr/inv.`, Skärholmen: `80${NBSP}kr/inv.`, Farsta: `0${NBSP}kr/inv.` });
      await page.locator('#money-need-gap').getByRole('button', { name: 'Visa som tabell' }).click();
      const gap = await page.$$eval('#money-need-gap tbody tr', (trs) =>
        Object.fromEntries(
          trs.map((tr) => [tr.querySelector('th')?.textContent, tr.querySelector('td[data-col="gap"]')?.textContent]),
        ),
      );
      // 17/205 = 8,29… pp; 13/205 = 6,34… pp; −6/41 = −14,63… pp
      assert.deepEqual(gap, {
        Järva: `+8,3${NBSP}procentenheter`,
        Skärholmen: `+6,3${NBSP}procentenheter`,
        Farsta: `\u221214,6${NBSP}procentenheter`,
      });
      // 2021: all the documents' money is city-wide, so there is nothing to compare with need
      const y2021 = await b.page('/insatser/budget?year=2021');
      await y2021.waitForSelector('[data-testid="no-placed-money"]');
      assert.equal(await y2021.$('#money-need-gap'), null);
    });

    it('checks an import file on the import screen and lists every problem with row and column', async () => {
      const page = await b.page('/insatser/import');
      await page.waitForSelector('#iv-file');
      const bad = VALID_CSV.replace('Hela staden', 'Atlantis').replace(
        ',running,2024,,9,8,2.5',
        ',pågår,2024,,nio,8,2.5',
      );
      await page.setInputFiles('#iv-file', { name: 'insatser.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
      await page.getByRole('button', { name: 'Granska' }).click();
      await page.waitForSelector('#iv-problems');
      const rows = await page.$$eval('#iv-problems tbody tr', (trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((c) => c.textContent)),
      );
      assert.deepEqual(rows, [
        ['2', 'status (12)', 'pågår'],
        ['2', 'planned_mnkr (15)', 'nio'],
        ['3', 'status (12)', 'running'], // differs from row 2 for the same intervention
        ['6', 'areas (6)', 'Atlantis'],
      ]);
      const labels = await page.$$eval('#iv-problems tbody tr td:nth-child(4)', (tds) =>
        tds.map((td) => td.textContent ?? ''),
      );
      assert.match(labels[3] ?? '', /^Okänt område \(unknown area "Atlantis"\)$/);
      await b.checkA11y(page, 'interventions-import');
      // a good file: checked, then imported (it replaces the five test interventions)
      await page.setInputFiles('#iv-file', {
        name: 'insatser.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(VALID_CSV),
      });
      await page.getByRole('button', { name: 'Granska' }).click();
      await page.getByRole('button', { name: 'Importera' }).click();
      await page.waitForSelector('.iv-ok');
      assert.equal(await page.textContent('.iv-ok'), 'Importerat: 5 insatser.');
    });
  });
