/**
 * The committees admin screen (errors at the field, forms only for administrators), the area
 * groups page, and what the register pages say about quotes, unknown amounts and missing
 * responsibility.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { engines } from '../helpers/db.ts';
import { startBrowserTest, type BrowserTest } from '../helpers/browser.ts';
import { createUser } from '../../src/services/auth/index.ts';

const PW = 'a long enough test password';

for (const engine of engines())
  describe(`organisation screens in the browser (${engine})`, () => {
    let b: BrowserTest;
    before(async () => {
      b = await startBrowserTest({ engine, devWrites: false });
      await createUser(b.app.db, { username: 'e2e.admin', role: 'admin', password: PW }, null, {
        now: () => new Date(),
      });
    });
    after(async () => {
      await b?.close();
    });

    async function signIn(next: string): Promise<Page> {
      const page = await b.page(`/logga-in?next=${encodeURIComponent(next)}`);
      await page.getByLabel('Användarnamn').fill('e2e.admin');
      await page.getByLabel('Lösenord').fill(PW);
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.waitForURL((u) => u.pathname === next);
      return page;
    }

    it('shows the public the committees without forms', async () => {
      const page = await b.page('/admin/namnder');
      await page.locator('#cm-table tr[data-id="sdn-jarva"]').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Lägg till nämnd' }).count(), 0);
      await b.checkA11y(page, 'committees-public');
    });

    it('lets an administrator add and retire a committee, with errors at the field', async () => {
      const page = await signIn('/admin/namnder');
      const form = page.locator('form', { has: page.getByRole('heading', { name: 'Lägg till nämnd' }) });
      await form.waitFor();
      await form.getByLabel('Id', { exact: true }).fill('Ogiltigt id');
      await form.getByLabel('Namn', { exact: true }).fill('Provnämnden');
      // the contract refuses the id in the browser, in Swedish, before anything is sent
      const posts: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().includes('/committees')) posts.push(r.url());
      });
      await form.getByRole('button', { name: 'Lägg till nämnd' }).click();
      const id = form.getByLabel('Id', { exact: true });
      await page.waitForFunction(() => document.querySelector('input[name="id"][aria-invalid="true"]') !== null);
      const describedBy = (await id.getAttribute('aria-describedby')) ?? '';
      assert.ok(describedBy.endsWith('-error'));
      assert.match((await page.locator(`[id="${describedBy}"]`).textContent()) ?? '', /^Använd små bokstäver/);
      assert.deepEqual(posts, []);
      await b.checkA11y(page, 'committees-form-errors');
      await id.fill('provnamnden');
      await form.getByRole('button', { name: 'Lägg till nämnd' }).click();
      await page.getByRole('status').filter({ hasText: 'Nämnden Provnämnden är tillagd.' }).waitFor();
      await page.getByRole('button', { name: 'Ändra: Provnämnden' }).click();
      const edit = page.locator('form', { has: page.getByRole('heading', { name: 'Ändra: Provnämnden' }) });
      await edit.getByLabel('Gäller till och med').fill('2026-01-31');
      await edit.getByRole('button', { name: 'Spara' }).click();
      await page.getByRole('status').filter({ hasText: 'Ändringen av Provnämnden är sparad.' }).waitFor();
      await page.locator('#cm-table tr[data-id="provnamnden"]', { hasText: 'Upphört' }).waitFor();
      await page.locator('#cm-todo li', { hasText: 'Fokus Järva' }).waitFor();
      await b.checkA11y(page, 'committees-admin');
      await b.screenshot(page, 'committees-admin');
    });

    it('lists the area groups with how each is drawn', async () => {
      const page = await b.page('/admin/omradesgrupper');
      await page.locator('.cm-groups [data-id="vantor"]', { hasText: 'Rågsved' }).waitFor();
      await b.checkA11y(page, 'area-groups');
    });

    it('shows the quoted passage that carries the amount, unknown amounts and missing responsibility', async () => {
      const page = await b.page('/insatser/i-001-foraldraskapsprogram');
      await page.locator('[data-testid="iv-quote"]', { hasText: '(+4 mnkr)' }).waitFor();
      const unknown = await b.page('/insatser/i-002-fokus-jarva');
      await unknown.locator('#iv-detail-totals', { hasText: 'Okänt belopp' }).waitFor();
      assert.match((await unknown.locator('[data-testid="iv-committee"]').textContent()) ?? '', /Ansvar saknas/);
      assert.ok(!((await unknown.locator('#iv-detail-totals').textContent()) ?? '').includes('0 mnkr'));
      await b.checkA11y(unknown, 'intervention-unknown-amount');
    });
  });
