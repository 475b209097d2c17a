/**
 * Every page at a phone's width (390×844), the public ones and, signed in as an administrator, the staff ones
 * (reports, committees, uploads, users, target editing): nothing scrolls sideways, the menu fits, and axe finds
 * no serious or critical violations. Screenshots land in test-results/screenshots/phone-*.png.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { engines } from '../helpers/db.ts';
import { startBrowserTest, type BrowserTest } from '../helpers/browser.ts';
import { JARVA, reportCommittees } from '../helpers/reports-fixture.ts';
import { createReport } from '../../src/services/reports/commands.ts';
import { SYSTEM_USER } from '../../src/services/acting.ts';
import { createUser } from '../../src/services/auth/index.ts';

const PW = 'a long enough test password';

let b: BrowserTest;

/** Waits until the page has its data (no "Laddar…" left) and returns how far it reaches sideways. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('.loading'), undefined, { timeout: 20_000 });
}

async function overflow(page: Page): Promise<{ width: number; culprits: string[] }> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const culprits: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= vw + 1) continue;
      // Inside a box that scrolls on its own is fine.
      let p: HTMLElement | null = el.parentElement;
      let contained = false;
      while (p && p !== document.body) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') {
          contained = true;
          break;
        }
        p = p.parentElement;
      }
      if (!contained) culprits.push(`${el.tagName.toLowerCase()}.${el.className || ''} (${Math.round(r.right)} px)`);
    }
    return { width: document.documentElement.scrollWidth, culprits: culprits.slice(0, 5) };
  });
}

/** Chart text smaller than 12 px as rendered (font size × how much the SVG is scaled). */
async function tinyChartText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const svg of Array.from(document.querySelectorAll<SVGSVGElement>('.fp-plot svg'))) {
      const vb = svg.viewBox.baseVal;
      const scale = vb && vb.width ? svg.getBoundingClientRect().width / vb.width : 1;
      for (const t of Array.from(svg.querySelectorAll('text'))) {
        const px = parseFloat(getComputedStyle(t).fontSize) * scale;
        if (px < 11.5 && t.textContent) out.push(`"${t.textContent.slice(0, 20)}" at ${px.toFixed(1)} px`);
      }
    }
    return out.slice(0, 3);
  });
}

async function paths(): Promise<string[]> {
  const list = [
    '/',
    '/?lang=en',
    '/omraden',
    '/jamfor',
    '/indikatorer',
    '/mal',
    '/insatser',
    '/insatser/budget',
    '/analys',
    '/analys/segregation',
    '/analys/behov',
    '/analys/fordelning',
    '/analys/metoder',
    '/delta',
    '/delta/vem',
    '/delta/forslag/nytt',
    '/logga-in',
    '/finns-inte',
  ];
  const areas = await b
    .api<{ areas?: { code: string; divisionId?: string }[] }>('/areas?division=stadsdelsomrade-2023')
    .catch(() => null);
  const first = areas?.areas?.[0];
  if (first) list.push(`/omraden/stadsdelsomrade-2023/${encodeURIComponent(first.code)}`);
  const interventions = await b.api<{ items?: { id: string }[] }>('/interventions').catch(() => null);
  const iv = interventions?.items?.[0];
  if (iv) list.push(`/insatser/${iv.id}`);
  return list;
}

/** Visits each path at 390 px and returns what is too wide or too small; checks axe and takes a screenshot. */
async function check(list: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const path of list) {
    const page = await b.phone(path);
    await settle(page);
    const o = await overflow(page);
    if (o.width > 391) problems.push(`${path}: ${o.width} px wide — ${o.culprits.join(', ')}`);
    const tiny = await tinyChartText(page);
    if (tiny.length) problems.push(`${path}: chart text below 12 px — ${tiny.join(', ')}`);
    await b.checkA11y(page, `${path} at 390 px`);
    await b.screenshot(page, `phone-${path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'start'}`);
    await page.close();
  }
  return problems;
}

for (const engine of engines())
  describe(`pages at 390 px (${engine})`, () => {
    before(async () => {
      b = await startBrowserTest({ engine });
    });
    after(async () => {
      await b?.close();
    });
    test('no page scrolls sideways, chart text stays legible, and axe passes', async () => {
      assert.deepEqual(await check(await paths()), []);
    });

    test("an area's table on a phone: figures first, its names in view while it scrolls, the box reached by keyboard", async () => {
      const areas = await b.api<{ areas: { code: string }[] }>('/areas?division=stadsdelsomrade-2023');
      const page = await b.phone(`/omraden/stadsdelsomrade-2023/${encodeURIComponent(areas.areas[0]!.code)}`);
      await settle(page);
      const box = page.getByRole('region', { name: /^Indikatorer för / });
      // the first row has a figure, not "saknas"
      assert.ok(await box.locator('tbody tr').first().locator('[data-value]').first().count());
      const firstValue = await box.locator('tbody tr').first().locator('td').first().innerText();
      assert.doesNotMatch(firstValue, /saknas/);
      // the box takes focus, and its arrow keys scroll it; the row header stays where it was
      await box.focus();
      assert.equal(await box.evaluate((el) => el === document.activeElement), true);
      const header = box.locator('tbody th[scope="row"]').first();
      const before = (await header.boundingBox())!.x;
      for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => (document.activeElement?.scrollLeft ?? 0) > 0);
      assert.ok(Math.abs((await header.boundingBox())!.x - before) < 1, 'the row header stays in view');
      await page.close();
    });

    test('the staff pages too, signed in as an administrator', async () => {
      await createUser(b.app.db, { username: 'phone.admin', role: 'admin', password: PW }, null, {
        now: () => new Date(),
      });
      const page = await b.phone('/logga-in');
      await page.getByLabel('Användarnamn').fill('phone.admin');
      await page.getByLabel('Lösenord').fill(PW);
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.waitForURL((u) => u.pathname !== '/logga-in');
      await page.close();
      const staff = [
        '/rapporter',
        '/rapporter/att-gora',
        '/rapporter/stad/2026-T1', // the city report, with the approval (Fastställ) for staff who may approve
        '/admin/namnder',
        '/admin/omradesgrupper',
        '/admin/anvandare',
        '/admin/andringslogg',
        '/indikatorer/import',
        '/indikatorer/import/batcher',
        '/insatser/import',
        '/delta/personal',
        '/mal/synkkonflikter',
        '/mal/t-samlingslokal-15-minuter',
        '/mal/omrade/uppvaxt-utbildning',
        '/mal/strategi/uu-1',
        '/mal/atagande/ra-forening-kultur.1',
        '/konto',
      ];
      // a report being written, with its section, comment and assessment forms
      await reportCommittees(b.app.db);
      staff.push(
        `/rapporter/${await createReport({ db: b.app.db, now: () => new Date() }, SYSTEM_USER, { committeeId: JARVA, period: '2026-T1' })}`,
      );
      // an intervention's page with its staff forms (budget line, follow-up, status)
      const iv = (await b.api<{ items?: { id: string }[] }>('/interventions').catch(() => null))?.items?.[0];
      if (iv) staff.push(`/insatser/${iv.id}`);
      assert.deepEqual(await check(staff), []);
    });

    test('the main menu is compact: a button opens it, and it closes after choosing a page', async () => {
      const page = await b.phone('/');
      await settle(page);
      const toggle = page.getByRole('button', { name: /meny/i });
      await toggle.waitFor();
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      assert.equal(
        await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Mål' }).isVisible(),
        false,
      );
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Mål' }).click();
      await page.waitForURL(/\/mal$/);
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      const header = await page.locator('header.site-header').boundingBox();
      assert.ok(header && header.height < 160, `header height ${header?.height}`);
      await page.close();
    });
  });
