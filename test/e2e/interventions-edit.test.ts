/**
 * The forms on the intervention page: hidden from the public; for staff, a follow-up (with field
 * errors tied to their fields) and a change of status; a district editor of another committee sees
 * the server's refusal in the form.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startBrowserTest, type BrowserTest } from '../helpers/browser.ts';
import { engines, freshDatabase } from '../helpers/db.ts';
import { FIXED_NOW } from '../helpers/app.ts';
import { VALID_CSV, loadInterventionFixture } from '../helpers/interventions-fixture.ts';
import { commitImport, SYSTEM_USER } from '../../src/services/interventions/index.ts';
import { createUser } from '../../src/services/auth/index.ts';

const PW = 'a long enough test password';

for (const engine of engines())
  describe(`editing an intervention in the browser (${engine})`, () => {
    let b: BrowserTest;

    before(async () => {
      const db = await freshDatabase(engine);
      await loadInterventionFixture(db);
      await commitImport(db, Buffer.from(VALID_CSV), 'csv', { user: SYSTEM_USER, now: FIXED_NOW });
      const [social] = await db.query<{ id: string }>("SELECT id FROM committee WHERE name = 'Socialnämnden'");
      b = await startBrowserTest({ engine, db, devWrites: false });
      await createUser(b.app.db, { username: 'e2e.analyst', role: 'analyst', password: PW }, null, {
        now: () => new Date(),
      });
      await createUser(
        b.app.db,
        { username: 'e2e.social', role: 'district_editor', committeeId: social?.id ?? null, password: PW },
        null,
        { now: () => new Date() },
      );
    });
    after(async () => {
      await b?.close();
    });

    const signIn = (username: string, next: string): Promise<Page> => b.signIn(username, PW, next);

    it('shows no forms to the public', async () => {
      const page = await b.page('/insatser/insats-a');
      await page.waitForSelector('#iv-budget');
      await page.waitForLoadState('networkidle');
      assert.equal(await page.getByRole('heading', { name: 'Lägg till uppföljning' }).count(), 0);
      assert.equal(await page.getByRole('heading', { name: 'Ändra status och publicering' }).count(), 0);
    });

    it('lets an analyst add a follow-up (errors tied to their fields) and change the status', async () => {
      const page = await signIn('e2e.analyst', '/insatser/insats-a');
      await page.getByRole('heading', { name: 'Lägg till uppföljning' }).waitFor();

      // empty: both fields marked, each error linked to its field, focus on the first
      await page.getByRole('button', { name: 'Spara uppföljningen' }).click();
      const period = page.getByLabel('Period', { exact: true });
      assert.equal(await period.getAttribute('aria-invalid'), 'true');
      const describedBy = (await period.getAttribute('aria-describedby')) ?? '';
      const errorId = describedBy.split(' ').find((x) => x.endsWith('-error'));
      assert.ok(errorId, describedBy);
      assert.match((await page.locator(`[id="${errorId}"]`).textContent()) ?? '', /2024-T2/);
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'period');
      await b.checkA11y(page, 'intervention-edit-errors');

      await period.fill('2024-T2');
      await page.getByLabel('Vad har gjorts och vad har det gett?').fill('Fyra nya fältassistenter i tjänst.');
      await page.getByRole('button', { name: 'Spara uppföljningen' }).click();
      await page.getByRole('status').filter({ hasText: 'Uppföljningen för 2024-T2 är sparad.' }).waitFor();
      await page.locator('.iv-follow li', { hasText: 'Fyra nya fältassistenter i tjänst.' }).waitFor();
      assert.equal(await period.getAttribute('aria-invalid'), null);

      // status: running → finished (only the allowed changes are offered)
      const status = page.getByLabel('Status', { exact: true });
      const offered = await status.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      assert.deepEqual(offered, ['running', 'finished', 'stopped']);
      await status.selectOption('finished');
      await page.getByRole('button', { name: 'Spara ändringarna' }).click();
      await page.getByRole('status').filter({ hasText: 'Ändringarna är sparade.' }).waitFor();
      await page.waitForFunction(() => document.querySelector('[data-testid="iv-status"]')?.textContent === 'Avslutad');
      await b.checkA11y(page, 'intervention-edit');
      await b.screenshot(page, 'intervention-edit');
      const api = await b.api<{ status: string; followUps: { text: string }[] }>('/interventions/insats-a');
      assert.equal(api.status, 'finished');
      assert.ok(api.followUps.some((f) => f.text === 'Fyra nya fältassistenter i tjänst.'));
    });

    it('shows a district editor of another committee no forms, and the server refuses the write', async () => {
      const page = await signIn('e2e.social', '/insatser/insats-e');
      await page.waitForSelector('#iv-budget');
      await page.waitForLoadState('networkidle');
      assert.equal(await page.getByRole('heading', { name: 'Lägg till uppföljning' }).count(), 0);
      assert.equal(await page.getByRole('heading', { name: 'Ange belopp för ett år' }).count(), 0);
      const status = await page.evaluate(async () => {
        const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
        const res = await fetch('/api/v1/interventions/insats-e/follow-ups', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({ period: '2024', text: 'Försök', outputs: [] }),
        });
        return res.status;
      });
      assert.equal(status, 403);
      const api = await b.api<{ followUps: unknown[] }>('/interventions/insats-e');
      assert.equal(api.followUps.length, 0);
    });

    it('lets an analyst set the amounts of a year; problems are shown at the field', async () => {
      const page = await signIn('e2e.analyst', '/insatser/insats-b');
      await page.getByRole('heading', { name: 'Ange belopp för ett år' }).waitFor();
      const form = page.locator('form', { has: page.getByRole('heading', { name: 'Ange belopp för ett år' }) });
      // the contract refuses a year that is not one in the browser, before anything is sent
      const puts: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'PUT') puts.push(r.url());
      });
      await form.getByLabel('År', { exact: true }).fill('tjugo');
      await form.getByRole('button', { name: 'Spara beloppen' }).click();
      await form.locator('.iv-field-error', { hasText: 'Ange ett år mellan 1990 och 2100.' }).waitFor();
      assert.equal(await form.getByLabel('År', { exact: true }).getAttribute('aria-invalid'), 'true');
      assert.deepEqual(puts, []);
      await form.getByLabel('År', { exact: true }).fill('2025');
      await form.getByLabel('Planerat', { exact: true }).fill('mycket pengar');
      await form.getByRole('button', { name: 'Spara beloppen' }).click();
      const planned = form.getByLabel('Planerat', { exact: true });
      await page.waitForFunction(() => document.querySelector('input[name="planned"][aria-invalid="true"]') !== null);
      const errorId = ((await planned.getAttribute('aria-describedby')) ?? '')
        .split(' ')
        .find((x) => x.endsWith('-error'));
      assert.ok(errorId);
      // the server's problem in the page's own words, not its English message
      await page.locator(`#${errorId}`, { hasText: '"mycket pengar" är inget belopp.' }).waitFor();
      await planned.fill('1 500 000,50');
      await form.getByRole('button', { name: 'Spara beloppen' }).click();
      await page.locator(`#${errorId}`, { hasText: '"1 500 000,50" är mer exakt än en krona.' }).waitFor();
      assert.doesNotMatch((await page.locator(`#${errorId}`).textContent()) ?? '', /more precise/);
      await b.checkA11y(page, 'intervention-budget-errors');
      await planned.fill('2,5 mnkr');
      await form.getByLabel('Förbrukat', { exact: true }).fill('');
      await form.getByRole('button', { name: 'Spara beloppen' }).click();
      await page.getByRole('status').filter({ hasText: 'Beloppen för 2025 är sparade.' }).waitFor();
      const api = await b.api<{ budget: { year: number; planned: string | null }[] }>('/interventions/insats-b');
      assert.equal(api.budget.find((l) => l.year === 2025)?.planned, '2500000');
      await b.screenshot(page, 'intervention-budget-form');
    });
  });
