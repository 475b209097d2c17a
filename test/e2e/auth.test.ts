import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { engines } from '../helpers/db.ts';
import { startBrowserTest, type BrowserTest } from '../helpers/browser.ts';
import { createUser } from '../../src/services/auth/index.ts';

const PW = 'correct horse battery staple';

for (const engine of engines())
  describe(`sign-in, account, users and audit pages (browser) (${engine})`, () => {
    let b: BrowserTest;
    let page: Page;
    const cspViolations: string[] = [];

    before(async () => {
      b = await startBrowserTest({ engine });
      await createUser(
        b.app.db,
        { username: 'e2e.admin', displayName: 'E2E Admin', role: 'admin', password: PW },
        null,
        {
          now: () => new Date(),
        },
      );
      const context = b.browser.contexts()[0]!;
      page = await context.newPage();
      page.on('console', (msg) => {
        if (/Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
        );
      });
    });
    after(async () => b.close());

    it('refuses an empty sign-in in the browser with the contract, sending nothing', async () => {
      await page.goto(`${b.base}/logga-in`);
      const posts: string[] = [];
      const onRequest = (r: { method(): string; url(): string }) => {
        if (r.method() === 'POST') posts.push(r.url());
      };
      page.on('request', onRequest);
      await page.getByRole('button', { name: 'Logga in' }).click();
      const username = page.getByLabel('Användarnamn');
      await page.locator('#sign-in-username-error').waitFor();
      assert.equal(await username.getAttribute('aria-invalid'), 'true');
      assert.equal(await username.getAttribute('aria-describedby'), 'sign-in-username-error');
      assert.equal(await page.locator('#sign-in-username-error').innerText(), 'Fyll i det här fältet.');
      assert.equal(await page.getByLabel('Lösenord').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'sign-in-username');
      await page.getByRole('status').filter({ hasText: 'Formuläret har fel' }).waitFor({ state: 'attached' });
      page.off('request', onRequest);
      assert.deepEqual(posts, []);
      await b.checkA11y(page, 'sign-in-errors');
    });

    it('refuses a wrong password with a message, then signs in and lands on the home page', async () => {
      // from another page the header's link comes back to it after signing in
      await page.goto(`${b.base}/rapporter?ar=2026`);
      const back = await page.getByRole('banner').getByRole('link', { name: 'Logga in' }).getAttribute('href');
      assert.match(back ?? '', /^\/logga-in\?next=%2Frapporter%3Far%3D2026/);
      await page.goto(`${b.base}/`);
      await page.getByRole('banner').getByRole('link', { name: 'Logga in' }).click();
      await page.waitForURL(/\/logga-in$/);
      await page.getByLabel('Användarnamn').fill('e2e.admin');
      await page.getByLabel('Lösenord').fill('this is not it at all');
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.getByRole('alert').waitFor();
      assert.match(await page.getByRole('alert').innerText(), /Fel användarnamn eller lösenord/);
      await b.checkA11y(page, 'sign-in');
      await b.screenshot(page, 'auth-sign-in');

      await page.getByLabel('Lösenord').fill(PW);
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.waitForURL((u: URL) => u.pathname === '/');
      await page.getByRole('banner').getByRole('link', { name: 'E2E Admin' }).waitFor();
      await page.goto(`${b.base}/konto`);
      await page.getByTestId('signed-in-as').waitFor();
      assert.match(await page.getByTestId('signed-in-as').innerText(), /E2E Admin \(Administratör\)/);
      await page.getByRole('banner').getByRole('link', { name: 'E2E Admin' }).waitFor();
      await b.checkA11y(page, 'account');
    });

    it('the password form refuses differing passwords in the browser, and a wrong current one at its field', async () => {
      await page.goto(`${b.base}/konto`);
      await page.getByRole('heading', { name: 'Byt lösenord' }).waitFor();
      const posts: string[] = [];
      const onRequest = (r: { method(): string; url(): string }) => {
        if (r.method() === 'POST' && r.url().includes('/auth/password')) posts.push(r.url());
      };
      page.on('request', onRequest);
      await page.getByLabel('Nuvarande lösenord').fill('this is not it at all');
      await page.getByLabel('Nytt lösenord').fill('a brand new pass phrase');
      await page.getByLabel('Upprepa det nya lösenordet').fill('a brand new pass phrasf');
      await page.getByRole('button', { name: 'Spara' }).click();
      await page.locator('#pw-repeat-error').waitFor();
      assert.equal(await page.locator('#pw-repeat-error').innerText(), 'De nya lösenorden är inte lika.');
      assert.equal(await page.getByLabel('Upprepa det nya lösenordet').getAttribute('aria-invalid'), 'true');
      assert.deepEqual(posts, []);

      // the password policy's rules that need no username are the contract's: refused in the browser, in Swedish
      await page.getByLabel('Nytt lösenord').fill('kort fras');
      await page.getByLabel('Upprepa det nya lösenordet').fill('kort fras');
      await page.getByRole('button', { name: 'Spara' }).click();
      await page.locator('#pw-new-error').waitFor();
      assert.equal(await page.locator('#pw-new-error').innerText(), 'Lösenordet måste ha minst 12 tecken.');
      assert.match((await page.getByLabel('Nytt lösenord').getAttribute('aria-describedby')) ?? '', /pw-new-error/);
      await page.getByLabel('Nytt lösenord').fill('password1234');
      await page.getByLabel('Upprepa det nya lösenordet').fill('password1234');
      await page.getByRole('button', { name: 'Spara' }).click();
      await page.getByText('Lösenordet är för vanligt. Välj en lösenfras av flera ord.').waitFor();
      assert.deepEqual(posts, []);

      await page.getByLabel('Nytt lösenord').fill('a brand new pass phrase');

      // valid by the contract; the server refuses the current password, and the field points to the alert
      await page.getByLabel('Upprepa det nya lösenordet').fill('a brand new pass phrase');
      await page.getByRole('button', { name: 'Spara' }).click();
      await page.locator('#pw-error[role="alert"]').waitFor();
      const current = page.getByLabel('Nuvarande lösenord');
      await page.waitForFunction(() => document.querySelector('#pw-current')?.getAttribute('aria-invalid') === 'true');
      assert.equal(await current.getAttribute('aria-describedby'), 'pw-error');
      assert.equal(await page.getByLabel('Nytt lösenord').getAttribute('aria-invalid'), null);
      assert.equal(posts.length, 1);
      page.off('request', onRequest);
      await b.checkA11y(page, 'account-password-errors');
    });

    it('an administrator creates an account on the users page', async () => {
      await page.goto(`${b.base}/admin/anvandare`);
      await page.getByRole('heading', { name: 'Nytt konto' }).waitFor();
      // nothing filled in: refused in the browser by the contract (nothing sent), each error tied to its field
      const posts: string[] = [];
      const onRequest = (r: { method(): string; url(): string }) => {
        if (r.method() === 'POST' && r.url().endsWith('/auth/users')) posts.push(r.url());
      };
      page.on('request', onRequest);
      await page.getByRole('button', { name: 'Skapa konto' }).click();
      for (const [id, hint] of [
        ['nu-username', ''],
        ['nu-password', 'nu-pw-hint '],
      ] as const) {
        await page.locator(`#${id}-error`).filter({ hasText: 'Fyll i det här fältet.' }).waitFor();
        assert.equal(await page.locator(`#${id}`).getAttribute('aria-invalid'), 'true');
        assert.equal(await page.locator(`#${id}`).getAttribute('aria-describedby'), `${hint}${id}-error`);
      }
      await page.getByRole('status').filter({ hasText: 'Formuläret har fel' }).waitFor();
      assert.deepEqual(posts, []);
      await b.checkA11y(page, 'users-new-errors');
      await page.getByLabel('Användarnamn').fill('e2e.reader');
      await page.getByLabel('Namn', { exact: true }).fill('Rut Läsare');
      await page.getByLabel('Roll', { exact: true }).selectOption('reader');
      await page.getByLabel('Första lösenord').fill('a reader pass phrase');
      await page.getByRole('button', { name: 'Skapa konto' }).click();
      await page.getByText('Kontot e2e.reader är skapat.').waitFor();
      page.off('request', onRequest);
      assert.equal(posts.length, 1);
      await page.getByRole('rowheader', { name: /e2e\.reader/ }).waitFor();
      await b.checkA11y(page, 'users');
      await b.screenshot(page, 'auth-users');
    });

    it('after a reload (CSRF token not yet known to the page) a change still goes through', async () => {
      await page.reload();
      const row = page.getByRole('row', { name: /e2e\.reader/ });
      await row.getByRole('button', { name: 'Stäng av' }).click();
      await row.getByText('Avstängt').waitFor();
    });

    it('the audit log lists the creation with before and after', async () => {
      await page.goto(`${b.base}/admin/andringslogg?entity=user`);
      await page.getByRole('status').filter({ hasText: 'händelser' }).waitFor();
      const rows = page.getByRole('row').filter({ hasText: 'create' });
      assert.ok((await rows.count()) >= 2, 'the admin and the reader were created');
      const api = await page.evaluate(async () => (await fetch('/api/v1/auth/audit?entity=user&action=create')).json());
      assert.ok(
        (api as { items: { after: { username: string } }[] }).items.some((i) => i.after.username === 'e2e.reader'),
      );
      await b.checkA11y(page, 'audit');
      await b.screenshot(page, 'auth-audit');
    });

    it('the pages satisfy the content security policy', async () => {
      const res = await page.goto(`${b.base}/logga-in`);
      assert.match(String(res?.headers()['content-security-policy']), /script-src 'self'/);
      assert.deepEqual(cspViolations, []);
    });
  });
