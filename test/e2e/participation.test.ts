import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { engines } from '../helpers/db.ts';
import { startBrowserTest, type BrowserTest } from '../helpers/browser.ts';
import { FIXED_NOW, seededBytes } from '../helpers/app.ts';
import { JARVA } from '../helpers/interventions-fixture.ts';
import {
  addDialogue,
  ballotMix,
  createProcess,
  exportPb,
  generateSupportCodes,
  saveProject,
  setPhase,
} from '../../src/services/participation/index.ts';
import { SYSTEM_USER } from '../../src/services/acting.ts';
import { createUser } from '../../src/services/auth/index.ts';
import { tally } from '../../src/cli/commands/pb.ts';
import { participationErrors } from '../../src/web/i18n/participation-errors.ts';
import { scratchDir } from '../helpers/scratch.ts';

const sv = participationErrors.sv;
/** The server's own (English) messages: none of them may show in a Swedish page. */
const ENGLISH = [
  /already been used/i,
  /not valid/i,
  /was not found/i,
  /published when/i,
  /already support/i,
  /sign in/i,
  /may not/i,
  /not open/i,
  /Something went wrong/i,
  /\b[a-z]+_[a-z_]+\b/, // a raw id such as vote_code_used
];
const onlySwedish = (text: string | null, where: string) => {
  for (const re of ENGLISH) assert.ok(!re.test(text ?? ''), `${where}: English or a raw id (${re}) in "${text}"`);
};

const PW = 'correct horse battery staple';
const fx = { now: () => FIXED_NOW, randomBytes: seededBytes('e2e-participation') };
const admin = SYSTEM_USER;

for (const engine of engines())
  describe(`participation in the browser (${engine})`, () => {
    let b: BrowserTest;
    let codes: string[] = [];
    let supportCodes: string[] = [];
    let proposalId = '';
    const pid = 'jarva-2026';

    before(async () => {
      b = await startBrowserTest({ engine });
      const db = b.app.db;
      await createProcess(
        db,
        {
          id: pid,
          name: 'Järvabudgeten 2026',
          area: JARVA,
          budget: '500000',
          rule: 'mes-complete',
          knapsack: false,
          maxChoices: null,
        },
        admin,
        fx,
      );
      ballotMix(db, b.app.app.deps, { batchSize: 1, maxWaitMs: 1000 }); // each ballot is written at once here
      for (const [id, title, cost] of [
        ['bad', 'Utomhusbad', '300000'],
        ['lek', 'Lekplats', '150000'],
        ['ljus', 'Belysning', '100000'],
        ['bok', 'Böcker', '50000'],
      ] as const) {
        await saveProject(db, pid, id, { title, cost, feasible: true, assessment: 'Genomförbart.' }, admin, fx);
      }
      await setPhase(db, pid, { phase: 'voting' }, admin, fx);
      await addDialogue(
        db,
        {
          heldOn: '2026-05-20',
          place: 'Rinkeby bibliotek',
          area: JARVA,
          topic: 'Trygghet på kvällen',
          participants: 42,
          summary: 'Mer ljus och vuxna ute.',
          fedInto: 'Trygghetsplanen',
        },
        admin,
        fx,
      );
      supportCodes = (await generateSupportCodes(db, JARVA, 2, admin, fx)).codes;
      await createUser(db, { username: 'e2e.staff', displayName: 'E2E Staff', role: 'analyst', password: PW }, null, {
        now: () => FIXED_NOW,
      });
    });
    after(async () => {
      await b?.close();
    });

    it('refuses an incomplete proposal in the browser with the contract, and marks a server refusal at its field', async () => {
      const page = await b.page('/delta/forslag/nytt');
      await page.waitForSelector('#pt-area option[value="0180D-jarva"]', { state: 'attached' });
      const posts: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().includes('/participation/proposals')) posts.push(r.url());
      });
      // no area, a title too short, no text: refused before anything is sent, each error tied to its field
      await page.fill('#pt-title', 'Lj');
      await page.fill('#pt-contact', 'boende.example.se');
      await page.getByRole('button', { name: 'Skicka förslaget' }).click();
      await page.locator('#pt-title-error').waitFor();
      for (const [id, text] of [
        ['pt-area', 'Välj ett område.'],
        ['pt-title', 'Skriv minst 3 tecken.'],
        ['pt-body', 'Skriv minst 10 tecken.'],
        ['pt-contact', 'Skriv en e-postadress, till exempel namn@exempel.se.'],
      ] as const) {
        const field = page.locator(`#${id}`);
        assert.equal(await field.getAttribute('aria-invalid'), 'true', id);
        assert.ok(((await field.getAttribute('aria-describedby')) ?? '').split(' ').includes(`${id}-error`), id);
        assert.equal(await page.textContent(`#${id}-error`), text);
      }
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'pt-area');
      await page.getByRole('status').filter({ hasText: 'Formuläret har fel' }).waitFor();
      assert.deepEqual(posts, []);
      await b.checkA11y(page, 'participation-new-proposal-errors');

      // valid by the contract, but a goal area the server does not know: the alert says so in Swedish and
      // the field points to it
      await page.selectOption('#pt-area', '0180D-jarva');
      await page.fill('#pt-contact', '');
      await page.fill('#pt-title', 'Ljus på torget');
      await page.fill('#pt-body', 'Fler lampor längs gångvägarna vid torget.');
      await page.$eval('#pt-goal-area', (s) => {
        const o = document.createElement('option');
        o.value = 'no-such-goal-area';
        o.textContent = 'x';
        s.append(o);
      });
      await page.selectOption('#pt-goal-area', 'no-such-goal-area');
      await page.getByRole('button', { name: 'Skicka förslaget' }).click();
      await page.getByRole('alert').filter({ hasText: sv.err_goal_area_unknown }).waitFor();
      assert.equal(posts.length, 1);
      const goal = page.locator('#pt-goal-area');
      assert.equal(await goal.getAttribute('aria-invalid'), 'true');
      assert.equal(await goal.getAttribute('aria-describedby'), 'pt-new-outcome');
      assert.equal(await page.locator('#pt-title').getAttribute('aria-invalid'), null);
      assert.equal(await page.locator('[data-testid="pt-thanks"]').count(), 0);
    });

    it('submits a proposal, which is published after review, and supports it', async () => {
      const page = await b.page('/delta/forslag/nytt');
      await page.waitForSelector('#pt-area option[value="0180D-jarva"]', { state: 'attached' });
      await page.selectOption('#pt-area', '0180D-jarva');
      await page.waitForSelector('#pt-goal-area option:nth-child(2)', { state: 'attached' });
      const goalArea = await page.$eval('#pt-goal-area option:nth-child(2)', (o) => (o as HTMLOptionElement).value);
      await page.selectOption('#pt-goal-area', goalArea);
      await page.fill('#pt-title', 'Mer belysning vid Rinkeby torg');
      await page.fill('#pt-body', 'Det är mörkt vid torget på kvällarna. Sätt upp fler lampor längs gångvägarna.');
      await page.fill('#pt-contact', 'boende@example.se');
      await b.checkA11y(page, 'participation-new-proposal');
      await page.getByRole('button', { name: 'Skicka förslaget' }).click();
      await page.waitForSelector('[data-testid="pt-thanks"]');

      // staff sign in, review the proposal and print voting codes
      const staff = await b.page('/logga-in?next=%2Fdelta%2Fpersonal');
      await staff.getByLabel('Användarnamn').fill('e2e.staff');
      await staff.getByLabel('Lösenord').fill(PW);
      await staff.getByRole('button', { name: 'Logga in' }).click();
      await staff.waitForURL(/\/delta\/personal$/);
      await staff.getByRole('button', { name: 'Publicera' }).click();
      await staff.getByText('Inga förslag väntar på granskning.').waitFor();
      await staff.selectOption('#pt-code-process', pid);
      await staff.fill('#pt-code-count', '3');
      await staff.getByRole('button', { name: 'Skapa koder' }).click();
      await staff.waitForSelector('.pt-codes code');
      codes = await staff.$$eval('.pt-codes code', (els) => els.map((e) => e.textContent ?? ''));
      assert.equal(codes.length, 3);
      await b.checkA11y(staff, 'participation-staff');
      await b.screenshot(staff, 'participation-staff');
      // the rest is done as an anonymous resident
      await b.browser.contexts()[0]?.clearCookies();
      const published = await b.api<{ items: { id: string; title: string }[] }>('/participation/proposals');
      assert.deepEqual(
        published.items.map((p) => p.title),
        ['Mer belysning vid Rinkeby torg'],
      );
      const id = (published.items[0] as { id: string }).id;
      proposalId = id;
      assert.equal((published.items[0] as { goalAreaId?: string }).goalAreaId, goalArea);

      // typing a similar proposal suggests the published one
      const again = await b.page('/delta/forslag/nytt');
      await again.fill('#pt-title', 'Belysning vid torget');
      await again.waitForSelector('[data-testid="pt-similar"] a');
      assert.equal(await again.textContent('[data-testid="pt-similar"] a'), 'Mer belysning vid Rinkeby torg');

      const page2 = await b.page(`/delta/forslag/${id}`);
      await page2.waitForSelector('[data-testid="pt-supports"]');
      assert.equal(await page2.textContent('[data-testid="pt-supports"]'), '0 av 100 stöd');
      await page2.fill('#pt-support-code', supportCodes[0] as string);
      await page2.getByRole('button', { name: 'Stöd förslaget' }).click();
      await page2.waitForFunction(
        () => document.querySelector('[data-testid="pt-supports"]')?.textContent === '1 av 100 stöd',
      );
      // the button now says that you support it, and it stays so after a reload
      assert.equal(await page2.textContent('[data-testid="pt-supported"]'), 'Du stöder det här förslaget');
      assert.equal(await page2.isDisabled('[data-testid="pt-supported"]'), true);
      await page2.reload();
      await page2.waitForSelector('[data-testid="pt-supported"]');
      await b.checkA11y(page2, 'participation-proposal');
      await b.screenshot(page2, 'participation-proposal');
      const body = await page2.textContent('main');
      assert.ok(!body?.includes('boende@example.se'), 'the contact is not shown');
    });

    it('casts a ballot with a code; the code then no longer works', async () => {
      const page = await b.page(`/delta/budget/${pid}`);
      await page.waitForSelector('#pt-code');
      await page.fill('#pt-code', (codes[0] as string).toLowerCase());
      await page.check('#pt-choice-bad');
      await page.check('#pt-choice-ljus');
      await b.checkA11y(page, 'participation-vote');
      await b.screenshot(page, 'participation-vote');
      // a review step lists the chosen projects and the total before the ballot is sent
      await page.getByRole('button', { name: 'Granska min röst' }).click();
      await page.waitForSelector('[data-testid="pt-review"]');
      assert.deepEqual(await page.$$eval('[data-testid="pt-review-list"] li', (els) => els.map((e) => e.textContent)), [
        'Utomhusbad (300\u00a0000\u00a0kr)',
        'Belysning (100\u00a0000\u00a0kr)',
      ]);
      assert.match(
        (await page.textContent('[data-testid="pt-review-total"]')) ?? '',
        /^2 förslag, sammanlagt 400\s000\skr av budgeten 500\s000\skr\.$/,
      );
      await b.checkA11y(page, 'participation-vote-review');
      await page.getByRole('button', { name: 'Skicka min röst' }).click();
      await page.waitForSelector('[data-testid="pt-voted"]');

      const reuse = await b.page(`/delta/budget/${pid}`);
      await reuse.waitForSelector('#pt-code');
      await reuse.fill('#pt-code', codes[0] as string);
      await reuse.check('#pt-choice-bok');
      await reuse.getByRole('button', { name: 'Granska min röst' }).click();
      await reuse.getByRole('button', { name: 'Skicka min röst' }).click();
      await reuse.waitForSelector('[role="alert"]');
      assert.equal(await reuse.textContent('[role="alert"]'), sv.err_vote_code_used);

      // two more ballots the same way
      for (const [code, choices] of [
        [codes[1], ['lek', 'ljus', 'bok']],
        [codes[2], ['bok']],
      ] as const) {
        const p = await b.page(`/delta/budget/${pid}`);
        await p.waitForSelector('#pt-code');
        await p.fill('#pt-code', code as string);
        for (const c of choices) await p.check(`#pt-choice-${c}`);
        await p.getByRole('button', { name: 'Granska min röst' }).click();
        await p.getByRole('button', { name: 'Skicka min röst' }).click();
        await p.waitForSelector('[data-testid="pt-voted"]');
      }
    });

    it('tells every public error in Swedish, never the server’s English', async () => {
      const alertOf = async (page: Awaited<ReturnType<BrowserTest['page']>>) => {
        await page.waitForSelector('[role="alert"]');
        return page.textContent('[role="alert"]');
      };
      // a wrong voting code
      const wrong = await b.page(`/delta/budget/${pid}`);
      await wrong.waitForSelector('#pt-code');
      await wrong.fill('#pt-code', 'ABCD-EFGH-JKMN');
      await wrong.getByRole('button', { name: 'Granska min röst' }).click();
      await wrong.getByRole('button', { name: 'Skicka min röst' }).click();
      assert.equal(await alertOf(wrong), sv.err_vote_code_unknown);
      onlySwedish(await wrong.textContent('main'), 'wrong code');
      // a used code (already checked above) — and a malformed one
      const bad = await b.page(`/delta/budget/${pid}`);
      await bad.waitForSelector('#pt-code');
      await bad.fill('#pt-code', '123');
      await bad.getByRole('button', { name: 'Granska min röst' }).click();
      await bad.getByRole('button', { name: 'Skicka min röst' }).click();
      assert.equal(await alertOf(bad), sv.err_vote_code_malformed);
      onlySwedish(await bad.textContent('main'), 'malformed code');
      // supporting twice (another browser state: the page does not remember it)
      const twice = await b.page(`/delta/forslag/${proposalId}`);
      await twice.evaluate(() => window.localStorage.clear());
      await twice.reload();
      await twice.waitForSelector('#pt-support-code');
      await twice.fill('#pt-support-code', supportCodes[0] as string);
      await twice.getByRole('button', { name: 'Stöd förslaget' }).click();
      assert.equal(await alertOf(twice), sv.err_support_twice);
      assert.equal(await twice.textContent('[data-testid="pt-supported"]'), 'Du stöder det här förslaget');
      onlySwedish(await twice.textContent('main'), 'support twice');
      // not allowed: a code that is not valid in this area
      await twice.evaluate(() => window.localStorage.clear());
      await twice.reload();
      await twice.waitForSelector('#pt-support-code');
      await twice.fill('#pt-support-code', 'ABCD-EFGH-JKMN');
      await twice.getByRole('button', { name: 'Stöd förslaget' }).click();
      assert.equal(await alertOf(twice), sv.err_support_code_unknown);
      onlySwedish(await twice.textContent('main'), 'not allowed');
      // the results before the end of the vote
      const early = await b.page(`/delta/budget/${pid}/resultat`);
      assert.equal((await alertOf(early))?.replace('Försök igen', ''), sv.err_results_not_published);
      onlySwedish(await early.textContent('main'), 'results before the end');
      // not found: a proposal and a budget that do not exist
      for (const [path, text] of [
        ['/delta/forslag/999999', sv.err_proposal_not_found],
        ['/delta/budget/finns-inte', sv.err_process_not_found],
      ] as const) {
        const missing = await b.page(path);
        await missing.waitForSelector('[data-testid="pt-not-found"] h1');
        assert.equal(await missing.textContent('[data-testid="pt-not-found"] h1'), 'Sidan finns inte');
        assert.equal(await missing.textContent('[data-testid="pt-not-found"] p'), text);
        onlySwedish(await missing.textContent('main'), `not found ${path}`);
        await b.checkA11y(missing, 'participation-not-found');
      }
    });

    it('reads the results, which match the API and the command-line count', async () => {
      await setPhase(b.app.db, pid, { phase: 'closed' }, admin, fx);
      await setPhase(b.app.db, pid, { phase: 'published' }, admin, fx);
      const page = await b.page(`/delta/budget/${pid}/resultat`);
      await page.waitForSelector('[data-testid="pt-winners"]');
      await b.checkA11y(page, 'participation-results');
      await b.screenshot(page, 'participation-results');

      const api = await b.api<{
        order: string[];
        winners: string[];
        totalCost: string;
        projects: { id: string; votes: number }[];
      }>(`/participation/processes/${pid}/results`);
      const onScreen = await page.$$eval('[data-testid="pt-winners"] li', (els) =>
        els.map((e) => e.getAttribute('data-project')),
      );
      assert.deepEqual(onScreen, api.order);
      const votes = await page.$$eval('#pt-votes tbody tr', (rows) =>
        Object.fromEntries(
          rows.map((r) => [
            r.getAttribute('data-project'),
            Number(r.querySelector('[data-votes]')?.getAttribute('data-votes')),
          ]),
        ),
      );
      assert.deepEqual(votes, { ljus: 2, bok: 2, bad: 1, lek: 1 });
      assert.equal(await page.textContent('[data-testid="pt-ballots"]'), '3 röster, varav 0 på papper.');

      const dir = scratchDir('fardplan-e2e-pb-');
      const file = join(dir, `${pid}.pb`);
      writeFileSync(file, await exportPb(b.app.db, pid, admin));
      const cli = await tally(file, 'mes-complete');
      assert.deepEqual({ winners: api.winners, order: api.order, totalCost: api.totalCost }, cli);
    });

    it('shows the Delta home page and who takes part, accessibly', async () => {
      const home = await b.page('/delta');
      await home.waitForSelector('[data-testid="pt-proposal-list"]');
      assert.match(
        (await home.textContent('[data-testid="pt-proposal-list"]')) ?? '',
        /Mer belysning vid Rinkeby torg/,
      );
      assert.equal(await home.textContent('[aria-label="Medborgardialoger: Järva"] h3'), 'Järva');
      assert.match(
        (await home.textContent('[aria-label="Medborgardialoger: Järva"] li')) ?? '',
        /Trygghet på kvällen \(deltagare i dialoger: 42\)/,
      );
      await b.checkA11y(home, 'participation-home');
      await b.screenshot(home, 'participation-home');
      const who = await b.page('/delta/vem');
      await who.waitForSelector('#pt-taking-part tbody tr');
      const row = await who.$$eval('#pt-taking-part tbody tr', (rows) =>
        rows.map((r) => [r.querySelector('th')?.textContent, r.querySelector('td')?.textContent]),
      );
      assert.deepEqual(row, [['Järva', '3']]);
      assert.equal(await who.$eval('#pt-taking-part tbody tr td:nth-child(3)', (e) => e.textContent), '42');
      await b.checkA11y(who, 'participation-taking-part');
    });
  });
