/**
 * Editing a target in the browser: an analyst links a target to an indicator and sets its value and
 * deadline with a decision reference (a missing decision is shown at its field); the public sees the new
 * status once it is published; the history shows both versions. The public gets no forms.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startBrowserTest, type BrowserTest } from '../helpers/browser.ts';
import { engines, freshDatabase } from '../helpers/db.ts';
import { dataDir, repoRoot } from '../helpers/paths.ts';
import { scratchDir } from '../helpers/scratch.ts';
import { bootstrap } from '../../src/services/bootstrap.ts';
import { silentProgress } from '../../src/services/progress.ts';
import { frameworkLoader, goalsPolisenLoader } from '../../src/services/goals/index.ts';
import { createBatch, upsertIndicators, upsertObservations } from '../../src/db/repositories/datasets.ts';
import { createUser } from '../../src/services/auth/index.ts';
import { DIVISIONS, KOMMUN_CODE } from '../../src/core/geo/stockholm.ts';

const PW = 'a long enough test password';
const TARGET = 't-samlingslokal-15-minuter';
const INDICATOR = 'e2e-meeting-hall-share';

for (const engine of engines())
  describe(`editing a target in the browser (${engine})`, () => {
    let b: BrowserTest;
    // the framework files this city starts from (a copy, so that a later start can find them changed)
    const frameworkDir = scratchDir('fardplan-e2e-framework-');
    cpSync(join(repoRoot, 'data', 'framework'), frameworkDir, { recursive: true });
    const start = (db: BrowserTest['app']['db'], at: string) =>
      bootstrap(db, { dataDir, progress: silentProgress, now: () => new Date(at) }, [
        frameworkLoader(frameworkDir),
        goalsPolisenLoader,
      ]);

    before(async () => {
      const db = await freshDatabase(engine);
      await start(db, '2026-06-01T08:00:00Z');
      await upsertIndicators(db, [
        {
          id: INDICATOR,
          nameSv: 'Andel invånare med samlingslokal inom 15 minuter',
          nameEn: 'Share of residents with a meeting hall within 15 minutes',
          definitionSv: 'Testindikator.',
          definitionEn: 'Test indicator.',
          unit: 'procent',
          kind: 'share',
          polarity: 'higher_better',
          sourceId: null,
          numeratorId: null,
          denominatorId: null,
          multiplier: 100,
          decimals: 1,
          goalAreaId: null,
          sort: 1,
        },
      ]);
      const batch = await createBatch(db, {
        dataset: 'e2e',
        description: 'e2e',
        checksum: 'e2e',
        fileCount: 1,
        rowCount: 3,
      });
      await upsertObservations(
        db,
        [
          ['2022', '70'],
          ['2023', '75'],
          ['2024', '80'],
        ].map(([period, value]) => ({
          indicatorId: INDICATOR,
          divisionId: DIVISIONS.kommun,
          areaCode: KOMMUN_CODE,
          period: period as string,
          breakdown: '',
          value: value as string,
          numerator: null,
          denominator: null,
          status: 'final' as const,
          derived: false,
          source: 'Testkälla, 2024',
        })),
        batch,
      );
      b = await startBrowserTest({ engine, db, devWrites: false });
      await createUser(b.app.db, { username: 'e2e.goals', role: 'analyst', password: PW }, null, {
        now: () => new Date(),
      });
    });
    after(async () => {
      await b?.close();
    });

    const signIn = (username: string, next: string): Promise<Page> => b.signIn(username, PW, next);

    async function publicPage(path: string): Promise<Page> {
      const context = await b.browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
      const page = await context.newPage();
      await page.goto(b.base + path);
      return page;
    }

    it('shows the public no forms, only the history', async () => {
      const page = await publicPage(`/mal/${TARGET}`);
      await page.waitForSelector('[data-testid="goal-history"] tbody tr');
      await page.waitForLoadState('networkidle');
      assert.equal(await page.getByRole('heading', { name: 'Ändra målet' }).count(), 0);
      assert.equal(await page.locator('summary', { hasText: 'Manuell bedömning' }).count(), 0);
      await page.context().close();
    });

    it('an analyst sets indicator, value and deadline with a decision; publishing shows the new status', async () => {
      const page = await signIn('e2e.goals', `/mal/${TARGET}`);
      await page.getByRole('heading', { name: 'Ändra målet' }).waitFor();
      await page.getByLabel('Indikator (id)').fill(INDICATOR);
      // a value that is not a number is refused at its field by the contract, before anything is sent
      const patches: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'PATCH') patches.push(r.url());
      });
      await page.getByLabel('Målvärde (nivå)').fill('tio');
      await page.getByRole('button', { name: 'Spara', exact: true }).click();
      await page.locator('#ge-value-error', { hasText: 'Ange ett tal' }).waitFor();
      assert.equal(await page.getByLabel('Målvärde (nivå)').getAttribute('aria-invalid'), 'true');
      assert.deepEqual(patches, []);
      await page.getByLabel('Målvärde (nivå)').fill('90');
      await page.getByLabel('Jämförelse').selectOption('at_least');
      await page.getByLabel('Målår', { exact: true }).fill('2028');
      await page.getByLabel('Publicering').selectOption('draft');
      // without the decision the server refuses, and the error stands at the field
      await page.getByRole('button', { name: 'Spara', exact: true }).click();
      await page.locator('#ge-decision-error').waitFor();
      assert.equal(await page.getByLabel('Beslut (t.ex. ”KF 2024-06-10 § 12”)').getAttribute('aria-invalid'), 'true');
      await page.getByLabel('Beslut (t.ex. ”KF 2024-06-10 § 12”)').fill('KF 2026-06-10 § 12');
      await page.getByRole('button', { name: 'Spara', exact: true }).click();
      await page.getByText('Sparat som version 2.').waitFor();

      // a draft: the public does not see it yet
      const hidden = await fetch(`${b.base}/api/v1/targets/${TARGET}`);
      assert.equal(hidden.status, 404);

      await page.getByRole('button', { name: 'Publicera' }).click();
      await page.getByRole('button', { name: 'Publicera' }).waitFor({ state: 'detached' });
      await page.waitForSelector('[data-testid="goal-history"] tbody tr:nth-child(3)');
      await b.checkA11y(page, 'goal-edit');
      await b.screenshot(page, 'goals-edit');

      const pub = await publicPage(`/mal/${TARGET}`);
      await pub.waitForSelector('[data-testid="status-reason"]');
      const badge = await pub.locator('.goal-badge').first().textContent();
      assert.equal(badge, '↗På väg');
      const reason = await pub.$eval('[data-testid="status-reason"]', (e) => e.textContent ?? '');
      assert.match(reason, /minst 90 .*år 2028/);
      await pub.waitForSelector('[data-testid="goal-history"] tbody tr');
      const rows = await pub.$$eval('[data-testid="goal-history"] tbody tr', (trs) =>
        trs.map((tr) => [...tr.querySelectorAll('th,td')].map((c) => c.textContent ?? '')),
      );
      // the public sees the framework's version and the published one (the draft state stays hidden)
      assert.equal(rows.length, 2);
      assert.equal(rows[0]?.[4], 'data/framework');
      assert.equal(rows[1]?.[3], 'KF 2026-06-10 § 12');
      assert.equal(rows[1]?.[4], 'ändrad i appen');
      await b.checkA11y(pub, 'goal-public');
      // the version before the edit, as of its day
      await pub.goto(`${b.base}/mal/${TARGET}?asOf=2026-06-01`);
      await pub.getByText('Visar ramverket som det såg ut 2026-06-01.').waitFor();
      assert.equal(await pub.locator('.goal-badge').first().textContent(), '?Ej bedömd');
      await pub.context().close();
    });

    it('an analyst adds a goal area and a strategy in it, renames it with a decision and publishes both', async () => {
      const page = await signIn('e2e.goals', '/mal');
      await page.locator('summary', { hasText: 'Lägg till ett målområde' }).click();
      await page.getByLabel('Id (små bokstäver, siffror, punkt och bindestreck)').fill('ga-e2e');
      await page.getByLabel('Nummer (ordning)').fill('5');
      await page.getByLabel('Rubrik (svenska)').fill('Ett femte målområde');
      await page.getByLabel('Rubrik (engelska)').fill('A fifth goal area');
      await page.getByLabel('Avsnitt i källdokumentet').fill('Färdplan för ett Stockholm för alla');
      // without the decision the server refuses, and the error stands at the field
      await page.getByRole('button', { name: 'Skapa' }).click();
      // the endpoint's contract checks the form in the browser and says what is missing at the field, in Swedish
      await page.locator('#new-goal_area-decisionRef-error').waitFor();
      assert.equal(
        await page.locator('#new-goal_area-decisionRef-error').textContent(),
        'Ange beslutet ändringen vilar på, t.ex. ”KF 2024-06-10 § 12”.',
      );
      await page.getByLabel('Beslut (t.ex. ”KF 2024-06-10 § 12”)').fill('KF 2027-01-10 § 2');
      await page.getByRole('button', { name: 'Skapa' }).click();
      await page.waitForURL((u) => u.pathname === '/mal/omrade/ga-e2e');
      await page.getByRole('heading', { name: 'Målområde: Ett femte målområde' }).waitFor();
      await page.getByText('Utkast', { exact: true }).first().waitFor();

      await page.locator('summary', { hasText: 'Lägg till en strategi i målområdet' }).click();
      const strategy = page.locator('details', { hasText: 'Lägg till en strategi' });
      await strategy.getByLabel('Id (små bokstäver, siffror, punkt och bindestreck)').fill('ga-e2e.s1');
      await strategy.getByLabel('Nummer (ordning)').fill('1');
      await strategy.getByLabel('Rubrik (svenska)').fill('En första strategi');
      await strategy.getByLabel('Rubrik (engelska)').fill('A first strategy');
      await strategy.getByLabel('Avsnitt i källdokumentet').fill('Färdplan för ett Stockholm för alla');
      await strategy.getByLabel('Beslut (t.ex. ”KF 2024-06-10 § 12”)').fill('KF 2027-01-10 § 3');
      await strategy.getByRole('button', { name: 'Skapa' }).click();
      await page.waitForURL((u) => u.pathname === '/mal/strategi/ga-e2e.s1');
      await page.getByRole('heading', { name: 'Strategi: En första strategi' }).waitFor();
      await page.getByLabel('Publicering').selectOption('published');
      await page.getByRole('button', { name: 'Spara', exact: true }).click();
      await page.getByText('Sparat som version 2.').waitFor();
      await page.getByRole('link', { name: 'Ett femte målområde' }).click();
      await page.waitForURL((u) => u.pathname === '/mal/omrade/ga-e2e');

      const editor = page.getByRole('region', { name: 'Ändra målområdet' });
      await editor.getByLabel('Rubrik (svenska)').fill('Ett omdöpt målområde');
      await editor.getByLabel('Publicering').selectOption('published');
      await editor.getByLabel('Beslut (t.ex. ”KF 2024-06-10 § 12”)').fill('KF 2027-02-01 § 5');
      await editor.getByRole('button', { name: 'Spara', exact: true }).click();
      await page.getByText('Sparat som version 2.').waitFor();
      await page.getByRole('heading', { name: 'Målområde: Ett omdöpt målområde' }).waitFor();
      await page.waitForSelector('[data-testid="goal-history"] tbody tr:nth-child(2)');
      await b.checkA11y(page, 'goal-item-edit');

      const pub = await publicPage('/mal');
      const area = pub.locator('[data-goal-area="ga-e2e"]');
      await area.getByRole('link', { name: 'Ett omdöpt målområde' }).waitFor();
      await area.getByRole('link', { name: 'En första strategi' }).waitFor();
      await area.getByRole('link', { name: 'Ett omdöpt målområde' }).click();
      await pub.waitForSelector('[data-testid="goal-history"] tbody tr');
      const rows = await pub.$$eval('[data-testid="goal-history"] tbody tr', (trs) =>
        trs.map((tr) => [...tr.querySelectorAll('th,td')].map((c) => c.textContent ?? '')),
      );
      assert.deepEqual(
        rows.map((r) => r[3]),
        ['KF 2027-02-01 § 5'],
        'the public sees the published version with its decision, not the draft',
      );
      assert.equal(await pub.getByRole('heading', { name: 'Ändra målområdet' }).count(), 0);
      await b.checkA11y(pub, 'goal-item-public');
      await pub.context().close();
    });

    it('an analyst gives a commitment a responsible committee with a decision; its page shows it', async () => {
      const id = 'ra-forening-kultur.1';
      const page = await signIn('e2e.goals', `/mal/atagande/${id}`);
      await page.getByRole('heading', { name: 'Ändra åtagandet' }).waitFor();
      await page.getByLabel('Ansvarig nämnd').fill('socialnamnden');
      await page.getByLabel('Beslut (t.ex. ”KF 2024-06-10 § 12”)').fill('KF 2027-03-01 § 7');
      await page.getByRole('button', { name: 'Spara', exact: true }).click();
      await page.waitForFunction(() => document.querySelector('[data-testid="item-edit-status"]')?.textContent);
      assert.equal(await page.getByTestId('item-edit-status').textContent(), 'Sparat som version 2.');
      await page.getByText('Ansvarig nämnd: socialnamnden').waitFor();
      await page.waitForSelector('[data-testid="goal-history"] tbody tr:nth-child(2)');
    });

    it('an analyst records a manual assessment; an empty reasoning is refused at its field first', async () => {
      const page = await signIn('e2e.goals', `/mal/${TARGET}`);
      await page.locator('summary', { hasText: 'Manuell bedömning' }).click();
      await page.getByRole('button', { name: 'Spara bedömningen' }).click();
      const error = page.locator(`#ma-targets-${TARGET}-note-error`);
      await error.waitFor();
      assert.equal(await error.textContent(), 'Fyll i fältet.');
      await page.getByLabel('Status', { exact: true }).selectOption('at_risk');
      await page.getByLabel('Motivering').fill('Lokalerna räcker inte i två av stadsdelarna.');
      await page.getByRole('button', { name: 'Spara bedömningen' }).click();
      await page.getByText('Bedömningen är sparad.').waitFor();
      assert.equal(await error.count(), 0);
    });

    it('the next start with a changed data/framework keeps the analyst’s edit and adds the new item', async () => {
      const file = join(frameworkDir, 'targets.json');
      const targets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
      (targets.find((x) => x['id'] === TARGET) as { title: { sv: string } }).title.sv = 'Ändrad i filen';
      targets.push({
        ...targets[0],
        id: 't-e2e-new-in-file',
        commitmentIds: [],
        title: { sv: 'Nytt mål från filen', en: 'New target from the file' },
      });
      writeFileSync(file, JSON.stringify(targets, null, 2));
      // what the next start runs: the sync of data/framework
      const result = await start(b.app.db, '2026-07-01T08:00:00Z');
      assert.ok(result.loaded.includes('goals-framework'));

      const pub = await publicPage('/mal');
      await pub.getByRole('link', { name: 'Nytt mål från filen' }).waitFor();
      await pub.goto(`${b.base}/mal/${TARGET}`);
      await pub.waitForSelector('[data-testid="status-reason"]');
      assert.match(await pub.$eval('[data-testid="status-reason"]', (e) => e.textContent ?? ''), /minst 90 .*år 2028/);
      assert.equal(await pub.getByText('Ändrad i filen').count(), 0, 'the analyst’s version stands');
      await pub.context().close();

      const page = await signIn('e2e.goals', '/mal/synkkonflikter');
      await page.getByRole('heading', { name: 'Konflikter vid synkning av målramverket' }).waitFor();
      await page.getByText(TARGET).first().waitFor();
    });
  });
