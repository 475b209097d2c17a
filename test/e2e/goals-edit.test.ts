/**
 * Editing a target in the browser: an analyst links a target to an indicator and sets its value and
 * deadline with a decision reference (a missing decision is shown at its field); the public sees the new
 * status once it is published; the history shows both versions. The public gets no forms.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startBrowserTest, type BrowserTest } from '../helpers/browser.ts';
import { freshDatabase } from '../helpers/db.ts';
import { dataDir } from '../helpers/paths.ts';
import { bootstrap } from '../../src/services/bootstrap.ts';
import { silentProgress } from '../../src/services/progress.ts';
import { goalsStartupLoaders } from '../../src/services/goals/index.ts';
import { createBatch, upsertIndicators, upsertObservations } from '../../src/db/repositories/datasets.ts';
import { createUser } from '../../src/services/auth.ts';
import { DIVISIONS, KOMMUN_CODE } from '../../src/core/geo/stockholm.ts';

const PW = 'a long enough test password';
const TARGET = 't-samlingslokal-15-minuter';
const INDICATOR = 'e2e-meeting-hall-share';

describe('editing a target in the browser', () => {
  let b: BrowserTest;

  before(async () => {
    const db = await freshDatabase('pglite');
    await bootstrap(
      db,
      { dataDir, progress: silentProgress, now: () => new Date('2026-06-01T08:00:00Z') },
      goalsStartupLoaders,
    );
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
    b = await startBrowserTest({ db, devWrites: false });
    await createUser(b.app.db, { username: 'e2e.goals', role: 'analyst', password: PW }, null, {
      now: () => new Date(),
    });
  });
  after(async () => {
    await b?.close();
  });

  async function signIn(username: string, next: string): Promise<Page> {
    const page = await b.page(`/logga-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Användarnamn').fill(username);
    await page.getByLabel('Lösenord').fill(PW);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL((u) => u.pathname === next);
    return page;
  }

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
});
