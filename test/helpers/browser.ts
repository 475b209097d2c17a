/**
 * Browser tests: the real app served on a loopback port, driven by Debian's chromium through playwright-core.
 *
 *   const b = await startBrowserTest();            // app with reference data + browser
 *   const page = await b.page('/omraden');          // opens http://127.0.0.1:<port>/omraden at 1280×800
 *   await b.checkA11y(page, 'areas');               // axe-core: no serious or critical violations
 *   await b.screenshot(page, 'areas');              // test-results/screenshots/areas.png
 *   await b.close();
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import { testApp, type TestApp, type TestAppOptions } from './app.ts';
import { repoRoot } from './paths.ts';

const require = createRequire(import.meta.url);
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

export interface BrowserTest {
  base: string;
  app: TestApp;
  browser: Browser;
  page(path: string): Promise<Page>;
  /** Opens `path` at a phone's size (390×844, touch, 3× pixels). */
  phone(path: string): Promise<Page>;
  /** Signs in through the sign-in page (the browser context keeps the session) and waits until it is at `next`. */
  signIn(username: string, password: string, next: string): Promise<Page>;
  checkA11y(page: Page, label: string): Promise<void>;
  screenshot(page: Page, name: string): Promise<void>;
  /** GET an API path on the same server (for checking screens against the API). */
  api<T>(path: string): Promise<T>;
  close(): Promise<void>;
}

export async function startBrowserTest(opts: TestAppOptions = {}): Promise<BrowserTest> {
  const app = await testApp({ reference: true, web: true, ...opts });
  await app.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
  });
  const phoneContext = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
  });
  const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return {
    base,
    app,
    browser,
    async page(path) {
      const page = await context.newPage();
      page.on('pageerror', (err) => {
        throw err;
      });
      await page.goto(base + path);
      return page;
    },
    async phone(path) {
      const page = await phoneContext.newPage();
      page.on('pageerror', (err) => {
        throw err;
      });
      await page.goto(base + path);
      return page;
    },
    async signIn(username, password, next) {
      const page = await context.newPage();
      page.on('pageerror', (err) => {
        throw err;
      });
      await page.goto(`${base}/logga-in?next=${encodeURIComponent(next)}`);
      await page.getByLabel('Användarnamn').fill(username);
      await page.getByLabel('Lösenord').fill(password);
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.waitForURL((u: URL) => u.pathname === next);
      return page;
    },
    async checkA11y(page, label) {
      await page.evaluate(axeSource);
      const result = await page.evaluate(async () => {
        const axe = (
          globalThis as unknown as {
            axe: {
              run: (
                ctx: unknown,
                opts: unknown,
              ) => Promise<{
                violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
              }>;
            };
          }
        ).axe;
        return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      });
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(
        bad.map(
          (v) =>
            `${v.id} (${v.impact}): ${v.help} — ${v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(' '))
              .join(', ')}`,
        ),
        [],
        `accessibility violations on ${label}`,
      );
    },
    async screenshot(page, name) {
      mkdirSync(screenshotDir, { recursive: true });
      await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: false });
    },
    async api<T>(path: string) {
      const res = await fetch(base + '/api/v1' + path);
      assert.equal(res.status, 200, `GET ${path}`);
      return (await res.json()) as T;
    },
    async close() {
      await browser.close();
      await app.close();
    },
  };
}
