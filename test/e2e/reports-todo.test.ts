/**
 * Monday 1 December 2026 in the browser: Järva's secretary sees on the home page that reports are due and overdue,
 * opens Att göra, creates the overdue T2 report from there, finds the assessment form with nothing preselected,
 * and hands the report in; the approver's home page and Att göra then show the report waiting for approval.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { engines } from '../helpers/db.ts';
import { startBrowserTest, type BrowserTest } from '../helpers/browser.ts';
import { JARVA, reportCommittees } from '../helpers/reports-fixture.ts';
import { createUser } from '../../src/services/auth/index.ts';

const PW = 'a long enough test password';
const MONDAY = new Date('2026-12-01T08:00:00Z');
const T2 = `${JARVA}-2026-T2`;
const TARGET = 't-samlingslokal-15-minuter';

for (const engine of engines())
  describe(`Att göra for Järva on a Monday (browser) (${engine})`, () => {
    let b: BrowserTest;

    before(async () => {
      b = await startBrowserTest({ engine, devWrites: false, now: () => MONDAY });
      const db = b.app.db;
      await reportCommittees(db);
      const now = () => MONDAY;
      await createUser(
        db,
        { username: 'todo.jarva', role: 'district_editor', committeeId: JARVA, password: PW },
        null,
        {
          now,
        },
      );
      await createUser(db, { username: 'todo.approver', role: 'analyst', password: PW }, null, { now });
    });
    after(async () => {
      await b?.close();
    });

    const signIn = (username: string, next: string): Promise<Page> => b.signIn(username, PW, next);

    it('the secretary sees the reports due, creates the overdue T2 from Att göra and must choose an assessment', async () => {
      const page = await signIn('todo.jarva', '/');
      const summary = page.getByTestId('reports-summary');
      // 2025's annual report, T1 and T2 2026: none created, all past their due date
      await summary.getByText('3 rapporter ska lämnas, 3 är försenade.').waitFor();
      await b.checkA11y(page, 'home with to-do summary');
      await summary.getByRole('link', { name: 'Till din att göra-lista' }).click();
      await page.waitForURL((u) => u.pathname === '/rapporter/att-gora');
      const due = page.getByTestId('todo-due');
      await due.getByText('Järva stadsdelsnämnd: Tertialrapport 2 (jan–aug) 2026').waitFor();
      assert.equal(await due.getByText('Försenad').count(), 3);
      assert.match((await due.locator('li').nth(2).textContent()) ?? '', /Inte skapad.*Senast 2026-09-20/);
      await b.checkA11y(page, 'to-do with reports due');

      await due
        .getByRole('button', { name: 'Skapa rapporten Järva stadsdelsnämnd: Tertialrapport 2 (jan–aug) 2026' })
        .click();
      await page.waitForURL((u) => u.pathname === `/rapporter/${T2}`);

      // the assessment form starts with no status: saving without choosing is refused in the browser
      const puts: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'PUT' && r.url().includes('/assessments/')) puts.push(r.url());
      });
      const status = page.locator(`#as-${TARGET}-s`);
      await status.waitFor();
      assert.equal(await status.inputValue(), '');
      assert.equal(await status.locator('option:checked').textContent(), 'Välj bedömning');
      await page
        .getByRole('form', { name: `Nämndens bedömning: ${TARGET}` })
        .getByRole('button')
        .click();
      await page.locator(`#as-${TARGET}-s-error`).filter({ hasText: 'Välj ett av alternativen.' }).waitFor();
      assert.equal(await status.getAttribute('aria-invalid'), 'true');
      assert.deepEqual(puts, []);

      for (const key of ['analysis', 'measures', 'risks']) {
        const section = page.locator(`section[aria-labelledby="sec-${key}"]`);
        await section.getByRole('button', { name: 'Markera som klar' }).click();
        await section.getByText('Avsnittet är klar.').waitFor();
      }
      await page.getByRole('button', { name: 'Markera rapporten som klar' }).click();
      await page.locator('.report-state', { hasText: 'Klar' }).waitFor();

      await page.goto(`${b.base}/`);
      await page.getByTestId('reports-summary').getByText('2 rapporter ska lämnas, 2 är försenade.').waitFor();

      // the account page words the report permissions
      await page.goto(`${b.base}/konto`);
      await page.getByText('Skriva nämndens rapporter').waitFor();
      await page.getByText('Godkänna rapporter').waitFor();
      assert.equal(await page.getByText('perm_reports', { exact: false }).count(), 0);
    });

    it('the approver sees the report waiting for approval on the home page and in Att göra', async () => {
      const page = await signIn('todo.approver', '/');
      await page
        .getByTestId('reports-summary')
        .getByText('1 rapport väntar på ditt godkännande', { exact: false })
        .waitFor();
      await page.getByRole('link', { name: 'Till din att göra-lista' }).click();
      await page.waitForURL((u) => u.pathname === '/rapporter/att-gora');
      await page.getByRole('heading', { name: 'Rapporter som väntar på ditt godkännande' }).waitFor();
      const link = page.getByTestId('todo-approve').getByRole('link', {
        name: 'Järva stadsdelsnämnd: Tertialrapport 2 (jan–aug) 2026',
      });
      // an analyst writes for every committee: the reports due are folded per period, with their counts
      const t2 = page.getByTestId('todo-due').locator('details', { hasText: 'Tertialrapport 2 (jan–aug) 2026' });
      assert.equal(await t2.getAttribute('open'), null, 'folded');
      assert.match(
        await t2.locator('summary').innerText(),
        /^Tertialrapport 2 \(jan–aug\) 2026 · \d+ nämnder: \d+ inte skapade, 0 utkast · Senast 2026-09-20 Försenad$/,
      );
      const create = t2.getByRole('button', {
        name: 'Skapa rapporten Södermalms stadsdelsnämnd: Tertialrapport 2 (jan–aug) 2026',
      });
      assert.equal(await create.isVisible(), false);
      await t2.locator('summary').click();
      await create.waitFor();
      await b.checkA11y(page, 'to-do of the approver');
      await link.click();
      await page.waitForURL((u) => u.pathname === `/rapporter/${T2}`);
      await page.getByRole('button', { name: 'Godkänn rapporten' }).waitFor();
    });
  });
