/**
 * A year in Färdplan for Järva's stadsdelsnämnd, in the browser: the committee's editor creates the
 * T1 report, writes a section and an assessment, marks the sections and the report ready; the approver
 * (an analyst) approves; the PDF and DOCX are produced and hold the texts and figures; copy forward to
 * T2 keeps the texts and refreshes the figures; the city report includes the approved Järva report, and the
 * approver fastställer it on the page (confirmed), after which everyone sees it fastställd.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { engines } from '../helpers/db.ts';
import { startBrowserTest, type BrowserTest } from '../helpers/browser.ts';
import { FIXED_NOW } from '../helpers/app.ts';
import { repoRoot } from '../helpers/paths.ts';
import { JARVA, reportCommittees } from '../helpers/reports-fixture.ts';
import { createUser } from '../../src/services/auth/index.ts';
import { SYSTEM_USER } from '../../src/services/acting.ts';
import { addFollowUp, setBudgetLine } from '../../src/services/interventions/index.ts';
import type { Report } from '../../src/core/contracts/reports.ts';
import { docxText } from '../helpers/reports-docs.ts';
import { reportAmounts } from '../../src/core/reports/money.ts';
import { formatDateTime } from '../../src/core/time.ts';

const PW = 'a long enough test password';
const INTERVENTION = 'i-002-kommunal-samverkan-basta-skola';
/** Järva's other intervention: its 2026 line gives a planned amount only (decided and spent unknown). */
const OTHER = 'i-002-fokus-jarva';
const ANALYSIS = 'Järvas analys för första tertialen: skolsamverkan har kommit igång.';
const ASSESSMENT = 'Nämnden bedömer att målet är i fas tack vare samverkan.';
const squash = (s: string): string => s.replace(/[\s\u00a0\u202f]+/g, '');

for (const engine of engines())
  describe(`a year of reporting for Järva (browser) (${engine})`, () => {
    let b: BrowserTest;
    const out = join(repoRoot, 'test-results', 'reports');

    before(async () => {
      b = await startBrowserTest({ engine, devWrites: false });
      const db = b.app.db;
      await reportCommittees(db);
      const now = () => FIXED_NOW;
      await createUser(db, { username: 'e2e.jarva', role: 'district_editor', committeeId: JARVA, password: PW }, null, {
        now,
      });
      await createUser(db, { username: 'e2e.approver', role: 'analyst', password: PW }, null, { now });
      await setBudgetLine(
        db,
        INTERVENTION,
        2026,
        { planned: '1234567', decided: '1000000', spent: '250000', area: null },
        { user: SYSTEM_USER, now: FIXED_NOW },
      );
      await setBudgetLine(
        db,
        OTHER,
        2026,
        { planned: '500000', decided: null, spent: null, area: null },
        { user: SYSTEM_USER, now: FIXED_NOW },
      );
      await addFollowUp(
        db,
        INTERVENTION,
        { period: '2026-T1', text: 'Uppföljning T1: tre skolor med.', outputs: [] },
        { user: SYSTEM_USER, now: FIXED_NOW },
      );
      mkdirSync(out, { recursive: true });
    });
    after(async () => {
      await b?.close();
    });

    const signIn = (username: string, next: string): Promise<Page> => b.signIn(username, PW, next);

    async function apiReport(page: Page, id: string): Promise<Report> {
      const res = await page.request.get(`${b.base}/api/v1/reports/${id}`);
      assert.equal(res.status(), 200);
      return (await res.json()) as Report;
    }

    const t1 = `${JARVA}-2026-T1`;
    const t2 = `${JARVA}-2026-T2`;

    it('the committee creates T1, writes a section and an assessment, and marks it ready', async () => {
      const page = await signIn('e2e.jarva', '/rapporter');
      await page.getByRole('heading', { name: 'Skapa rapport' }).waitFor();
      const posts: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && /\/api\/v1\/reports(\/.*\/comments)?$/.test(r.url())) posts.push(r.url());
      });
      // a district editor is offered only their own committee, chosen for them
      const committee = page.getByLabel('Nämnd');
      await page.waitForFunction(
        () => (document.getElementById('report-new-committee') as HTMLSelectElement | null)?.value !== '',
      );
      assert.equal(await committee.inputValue(), JARVA);
      assert.deepEqual(
        await committee.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
        ['', JARVA],
      );
      // no committee chosen: refused in the browser by the contract (nothing sent), tied to its field
      await committee.selectOption('');
      await page.getByRole('button', { name: 'Skapa rapport' }).click();
      await page.locator('#report-new-committee-error').filter({ hasText: 'Välj ett av alternativen.' }).waitFor();
      assert.equal(await page.getByLabel('Nämnd').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.getByLabel('Nämnd').getAttribute('aria-describedby'), 'report-new-committee-error');
      await page.getByRole('status').filter({ hasText: 'Formuläret har fel' }).waitFor();
      assert.deepEqual(posts, []);
      await b.checkA11y(page, 'report create errors');
      await page.getByLabel('Nämnd').selectOption(JARVA);
      await page.getByLabel('Period').selectOption('T1');
      await page.getByRole('button', { name: 'Skapa rapport' }).click();
      await page.waitForURL((u) => u.pathname === `/rapporter/${t1}`);
      await page.getByRole('heading', { name: 'Analys', level: 2 }).waitFor();

      await page.getByLabel('Text: Analys').fill(ANALYSIS);
      await page.locator('#sec-analysis-who').selectOption({ label: 'e2e.jarva' });
      await page.locator('#sec-analysis').locator('..').getByRole('button', { name: 'Spara' }).click();
      await page.getByRole('status').filter({ hasText: 'Sparat.' }).first().waitFor();
      assert.equal(posts.length, 1);

      // a comment of only spaces: refused in the browser by the contract (nothing sent), tied to its field
      const analysis = page.locator('section[aria-labelledby="sec-analysis"]');
      await analysis.getByLabel('Skriv en kommentar').fill('   ');
      await analysis.getByRole('button', { name: 'Skicka' }).click();
      await page.locator('#sec-analysis-c-error').filter({ hasText: 'Fyll i det här fältet.' }).waitFor();
      assert.equal(await analysis.getByLabel('Skriv en kommentar').getAttribute('aria-invalid'), 'true');
      assert.equal(
        await analysis.getByLabel('Skriv en kommentar').getAttribute('aria-describedby'),
        'sec-analysis-c-error',
      );
      await page.getByRole('status').filter({ hasText: 'Formuläret har fel' }).waitFor();
      assert.equal(posts.length, 1);
      await analysis.getByLabel('Skriv en kommentar').fill('Läs igen före mötet.');
      await analysis.getByRole('button', { name: 'Skicka' }).click();
      await analysis.getByText('Läs igen före mötet.').waitFor();
      assert.equal(posts.length, 2);

      const target = 't-samlingslokal-15-minuter';
      await page.locator(`#as-${target}-s`).selectOption('on_track');
      await page.locator(`#as-${target}-t`).fill(ASSESSMENT);
      await page
        .getByRole('form', { name: `Nämndens bedömning: ${target}` })
        .getByRole('button')
        .click();
      await page.getByText(`På väg: ${ASSESSMENT}`).waitFor();

      for (const key of ['analysis', 'measures', 'risks']) {
        const section = page.locator(`section[aria-labelledby="sec-${key}"]`);
        await section.getByRole('button', { name: 'Markera som klar' }).click();
        await section.getByText('Avsnittet är klar.').waitFor();
      }
      await b.checkA11y(page, 'report draft');
      await b.screenshot(page, 'reports-draft');
      await page.getByRole('button', { name: 'Markera rapporten som klar' }).click();
      await page.locator('.report-state', { hasText: 'Klar' }).waitFor();
      const r = await apiReport(page, t1);
      assert.equal(r.state, 'klar');
      // The committee's editor is not the approver (the city office's analysts are, by default).
      assert.equal(await page.getByRole('button', { name: 'Godkänn rapporten' }).count(), 0);
    });

    it('the approver approves; PDF and DOCX hold the texts and the same figures as the API', async () => {
      const page = await signIn('e2e.approver', '/mal/t-samlingslokal-15-minuter');
      // the committee's assessment stands on the target's page, beside the computed status
      await page.getByTestId('committee-assessments').getByText(ASSESSMENT).waitFor();
      await page.goto(`${b.base}/rapporter/${t1}`);
      await page.getByRole('button', { name: 'Godkänn rapporten' }).click();
      await page.locator('.report-state', { hasText: 'Godkänd' }).waitFor();
      await page.getByText('Godkänd version 1').waitFor();
      const r = await apiReport(page, t1);
      assert.equal(r.state, 'godkand');
      const iv = r.sections.find((s) => s.key === 'interventions')?.content;
      assert.ok(iv?.generator === 'interventions');
      assert.equal(iv.data.year, 2026);
      assert.equal(iv.data.items.find((i) => i.id === INTERVENTION)?.money.planned, '1234567');
      // the download links ask for the document in the screen's language
      assert.match((await page.getByRole('link', { name: /PDF/ }).getAttribute('href')) ?? '', /[?&]lang=sv\b/);
      await page.goto(`${b.base}/rapporter/${t1}?lang=en`);
      const enHtml = await page.getByRole('link', { name: /HTML/ }).getAttribute('href');
      assert.match(enHtml ?? '', /[?&]lang=en\b/);
      assert.match(await (await page.request.get(`${b.base}${enHtml}`)).text(), /<html lang="en"/);
      await page.goto(`${b.base}/rapporter/${t1}`);

      const pdf = await page.request.get(`${b.base}/api/v1/reports/${t1}/export?format=pdf`);
      assert.equal(pdf.status(), 200);
      const pdfFile = join(out, 'jarva-2026-T1.pdf');
      writeFileSync(pdfFile, await pdf.body());
      assert.match(execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' }), /Tagged:\s+yes/);
      const text = squash(execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' }));
      // The screen's money table: the same rows and sums as the content, and the PDF prints each of them.
      const moneyTable = page.getByRole('table', { name: /budgetår 2026/ });
      const screenRows = await moneyTable
        .locator('tbody tr')
        .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent ?? '')));
      const expected = [
        ...iv.data.items.map((i) => [i.name, ...reportAmounts(i.money, 'sv')]),
        ['Summa', ...reportAmounts(iv.data.total, 'sv')],
      ];
      assert.deepEqual(
        screenRows.map((r) => [r[0], ...r.slice(2)]),
        expected,
      );
      assert.ok(
        screenRows.some((r) => r[1] === 'Pågående'),
        'the status in Swedish',
      );
      assert.ok(expected.flat().includes('– (okänt)'), 'an unknown amount reads as unknown');
      for (const f of expected.flat()) assert.ok(text.includes(squash(f)), `PDF lacks ${f}`);
      for (const f of [ANALYSIS, ASSESSMENT, '1 234 567', '1 000 000', 'Uppföljning T1: tre skolor med.'])
        assert.ok(text.includes(squash(f)), `PDF lacks ${f}`);

      const docx = await page.request.get(`${b.base}/api/v1/reports/${t1}/export?format=docx`);
      assert.equal(docx.status(), 200);
      const buf = Buffer.from(await docx.body());
      writeFileSync(join(out, 'jarva-2026-T1.docx'), buf);
      const d = squash((await docxText(buf)).text);
      for (const f of [ANALYSIS, ASSESSMENT, '1 234 567', '1 000 000'])
        assert.ok(d.includes(squash(f)), `DOCX lacks ${f}`);
    });

    it('copy forward to T2 keeps the texts and refreshes the figures; the approved T1 keeps its own', async () => {
      // The money changes after T1 was approved.
      await setBudgetLine(
        b.app.db,
        INTERVENTION,
        2026,
        { planned: '2345678', decided: '2000000', spent: '900000', area: null },
        { user: SYSTEM_USER, now: FIXED_NOW },
      );
      const page = await signIn('e2e.jarva', `/rapporter/${t1}`);
      await page.getByRole('button', { name: 'Kopiera till nästa period' }).click();
      await page.waitForURL((u) => u.pathname === `/rapporter/${t2}`);
      await page.getByLabel('Text: Analys').waitFor();
      assert.equal(await page.getByLabel('Text: Analys').inputValue(), ANALYSIS);
      const r2 = await apiReport(page, t2);
      assert.equal(r2.state, 'utkast');
      assert.equal(r2.copiedFrom, t1);
      assert.equal(r2.sections.find((s) => s.key === 'analysis')?.assignee?.username, 'e2e.jarva');
      const iv2 = r2.sections.find((s) => s.key === 'interventions')?.content;
      assert.ok(iv2?.generator === 'interventions');
      assert.equal(iv2.data.items.find((i) => i.id === INTERVENTION)?.money.planned, '2345678');
      const tg2 = r2.sections.find((s) => s.key === 'targets')?.content;
      assert.ok(tg2?.generator === 'targets');
      assert.equal(tg2.data.items.find((i) => i.id === 't-samlingslokal-15-minuter')?.assessment?.text, ASSESSMENT);
      await page.getByText('2 345 678').first().waitFor();

      const r1 = await apiReport(page, t1);
      const iv1 = r1.sections.find((s) => s.key === 'interventions')?.content;
      assert.ok(iv1?.generator === 'interventions');
      assert.equal(
        iv1.data.items.find((i) => i.id === INTERVENTION)?.money.planned,
        '1234567',
        'the approved T1 is frozen',
      );
    });

    it('the city report includes the approved Järva report', async () => {
      const page = await signIn('e2e.approver', '/rapporter/stad/2026-T1');
      await page.getByRole('heading', { name: 'Godkända nämndrapporter' }).waitFor();
      await page.getByRole('link', { name: 'Järva stadsdelsnämnd' }).waitFor();
      await b.checkA11y(page, 'city report');
      await b.screenshot(page, 'reports-city');
      const res = await page.request.get(`${b.base}/api/v1/reports/city/2026-T1/export?format=docx`);
      const d = squash((await docxText(Buffer.from(await res.body()))).text);
      assert.ok(d.includes(squash(ANALYSIS)), 'the city report carries the approved text');
      const todo = await signIn('e2e.jarva', '/rapporter/att-gora');
      await todo.getByRole('heading', { name: 'Att göra' }).waitFor();
      await todo.getByText('Skriv avsnittet Analys').waitFor();
      await b.checkA11y(todo, 'to-do list');
    });

    it('the approver fastställer the city report on the page; afterwards every reader sees it fastställd', async () => {
      const page = await signIn('e2e.approver', '/rapporter/stad/2026-T1');
      await page
        .getByText(`Preliminär: siffrorna är hämtade ${formatDateTime(FIXED_NOW.toISOString(), 'sv')}`)
        .waitFor();
      await page.getByRole('button', { name: 'Fastställ stadens rapport' }).click();
      await page.getByRole('group', { name: 'Fastställa stadens rapport?' }).waitFor();
      await page.getByLabel('Anteckning (valfri, till exempel beslutets paragraf)').fill('KS 2026-06-15 § 7');
      await b.checkA11y(page, 'city report, confirming');
      await page.getByRole('button', { name: 'Ja, fastställ' }).click();
      await page.getByRole('status').filter({ hasText: 'Stadens rapport är fastställd.' }).waitFor();
      const stamp = `Fastställd ${formatDateTime(FIXED_NOW.toISOString(), 'sv')} av e2e.approver.`;
      await page.getByText(stamp).waitFor();
      await page.getByText('Anteckning: KS 2026-06-15 § 7').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Fastställ stadens rapport' }).count(), 0);
      await b.checkA11y(page, 'city report, fastställd');
      const api = await page.request.get(`${b.base}/api/v1/reports/city/2026-T1`);
      const c = (await api.json()) as { approved: { by: string; note: string } | null };
      assert.deepEqual(
        { by: c.approved?.by, note: c.approved?.note },
        { by: 'e2e.approver', note: 'KS 2026-06-15 § 7' },
      );
      const other = await signIn('e2e.jarva', '/rapporter/stad/2026-T1');
      await other.getByText(stamp).waitFor();
      assert.equal(await other.getByRole('button', { name: 'Fastställ stadens rapport' }).count(), 0);
    });
  });
