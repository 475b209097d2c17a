import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engines } from '../helpers/db.ts';
import { startBrowserTest, type BrowserTest } from '../helpers/browser.ts';

for (const engine of engines())
  describe(`app shell in a browser (${engine})`, () => {
    let b: BrowserTest;
    before(async () => {
      b = await startBrowserTest({ engine });
    });
    after(async () => {
      await b.close();
    });

    it('shows the overview in Swedish with the main menu, and passes axe', async () => {
      const page = await b.page('/');
      await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'sv');
      const menu = page.getByRole('navigation', { name: 'Huvudmeny' });
      const items = await menu.getByRole('link').allTextContents();
      assert.deepEqual(items, [
        'Översikt',
        'Områden',
        'Jämför',
        'Indikatorer',
        'Mål',
        'Insatser',
        'Analys',
        'Delta',
        'Rapporter',
      ]);
      assert.equal(await menu.getByRole('link', { name: 'Översikt' }).getAttribute('aria-current'), 'page');
      await b.checkA11y(page, 'overview');
      await b.screenshot(page, 'overview');
    });

    it('switches to English and keeps the language in the URL while navigating', async () => {
      const page = await b.page('/');
      await page.getByRole('button', { name: 'In English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.match(page.url(), /\?lang=en$/);
      await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Goals' }).click();
      await page.waitForURL(/\/mal\?lang=en$/);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
    });

    it('answers an unknown address with a page that says so', async () => {
      const page = await b.page('/finns-inte');
      await page.getByRole('heading', { level: 1, name: 'Sidan finns inte' }).waitFor();
      await b.checkA11y(page, 'not found');
    });

    it('offers a resident no staff actions: the interventions list has no import link', async () => {
      const page = await b.page('/insatser');
      await page.getByRole('link', { name: 'Budget: var pengarna går och var behoven finns' }).waitFor();
      await page.waitForLoadState('networkidle');
      assert.equal(await page.getByRole('link', { name: /Importera insatser/ }).count(), 0);
    });
  });
