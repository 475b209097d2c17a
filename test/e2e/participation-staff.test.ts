import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engines } from '../helpers/db.ts';
import { startBrowserTest, type BrowserTest } from '../helpers/browser.ts';
import { FIXED_NOW, seededBytes } from '../helpers/app.ts';
import { JARVA } from '../helpers/interventions-fixture.ts';
import {
  addDialogue,
  createProcess,
  moderateProposal,
  saveProject,
  setPhase,
  setThreshold,
  submitProposal,
  supportProposal,
  generateSupportCodes,
} from '../../src/services/participation/index.ts';
import { SYSTEM_USER } from '../../src/services/acting.ts';
import { createUser } from '../../src/services/auth/index.ts';

const PW = 'correct horse battery staple';
const fx = { now: () => FIXED_NOW, randomBytes: seededBytes('e2e-participation-staff') };
const admin = SYSTEM_USER;

for (const engine of engines())
  describe(`participation: staff screens in the browser (${engine})`, () => {
    let b: BrowserTest;
    let proposalId = '';
    let goalAreas: string[] = [];

    before(async () => {
      b = await startBrowserTest({ engine });
      const db = b.app.db;
      goalAreas = (await b.api<{ goalAreas: { id: string }[] }>('/goals')).goalAreas.map((g) => g.id);
      assert.ok(goalAreas.length >= 2, 'the reference data has goal areas');
      // a proposal that reaches its area's threshold (1 support) and goes to the committee
      await setThreshold(db, { area: JARVA, supports: 1, periodDays: 90, verification: 'code' }, admin, fx);
      const [supportCode] = (await generateSupportCodes(db, JARVA, 1, admin, fx)).codes;
      proposalId = (
        await submitProposal(
          db,
          { area: JARVA, title: 'Fler bänkar i Tensta', body: 'Äldre behöver kunna vila längs vägen till centrum.' },
          fx,
        )
      ).id;
      await moderateProposal(db, proposalId, { action: 'publish' }, admin, fx);
      const supported = await supportProposal(db, proposalId, { code: supportCode }, fx);
      assert.equal(supported.status, 'committee');
      await addDialogue(
        db,
        {
          heldOn: '2026-04-02',
          place: 'Tensta träff',
          area: JARVA,
          goalArea: goalAreas[0],
          topic: 'Parkerna',
          participants: 12,
          summary: 'Fler bänkar.',
          fedInto: '',
        },
        admin,
        fx,
      );
      await createProcess(
        db,
        {
          id: 'tensta-2026',
          name: 'Tenstabudgeten 2026',
          area: JARVA,
          budget: '200000',
          rule: 'greedy',
          knapsack: false,
          maxChoices: null,
        },
        admin,
        fx,
      );
      await saveProject(
        db,
        'tensta-2026',
        'gym',
        { title: 'Utegym', cost: '120000', feasible: true, assessment: 'Går att bygga.' },
        admin,
        fx,
      );
      for (const phase of ['voting', 'closed', 'published'] as const)
        await setPhase(db, 'tensta-2026', { phase }, admin, fx);
      // a closed vote, to correct
      await createProcess(
        db,
        {
          id: 'tensta-rattelse',
          name: 'Tensta rättelse',
          area: JARVA,
          budget: '100000',
          rule: 'greedy',
          knapsack: false,
          maxChoices: null,
        },
        admin,
        fx,
      );
      await saveProject(db, 'tensta-rattelse', 'bank', { title: 'Bänkar', cost: '50000', feasible: true }, admin, fx);
      for (const phase of ['voting', 'closed'] as const) await setPhase(db, 'tensta-rattelse', { phase }, admin, fx);
      await createUser(db, { username: 'e2e.answer', displayName: 'E2E Answer', role: 'analyst', password: PW }, null, {
        now: () => FIXED_NOW,
      });
    });
    after(async () => {
      await b?.close();
    });

    it("staff record the committee's answer and a dialogue; the resident's proposal page shows the answer", async () => {
      const staff = await b.page('/logga-in?next=%2Fdelta%2Fpersonal');
      await staff.getByLabel('Användarnamn').fill('e2e.answer');
      await staff.getByLabel('Lösenord').fill(PW);
      await staff.getByRole('button', { name: 'Logga in' }).click();
      await staff.waitForURL(/\/delta\/personal$/);

      const item = staff.locator(`[data-testid="pt-answer-${proposalId}"]`);
      await item.waitFor();
      await b.checkA11y(staff, 'participation-staff-answers');
      // an answer of only spaces is refused in the browser by the contract (nothing sent), tied to its field
      const posts: string[] = [];
      const onRequest = (r: { method(): string; url(): string }) => {
        if (r.method() === 'POST' && r.url().endsWith('/answer')) posts.push(r.url());
      };
      staff.on('request', onRequest);
      await item.getByLabel('Nämndens beslut').selectOption('approved');
      await item.getByLabel('Nämndens svar').fill('   ');
      await item.getByRole('button', { name: 'Publicera svaret' }).click();
      const errorId = `pt-ans-${proposalId}-answer-error`;
      await item.locator(`[id="${errorId}"]`).filter({ hasText: 'Fyll i det här fältet.' }).waitFor();
      const describedBy = (await item.getByLabel('Nämndens svar').getAttribute('aria-describedby')) ?? '';
      assert.ok(describedBy.split(' ').includes(errorId), `aria-describedby="${describedBy}"`);
      assert.equal(await item.getByLabel('Nämndens svar').getAttribute('aria-invalid'), 'true');
      await item.locator('[role="status"]').filter({ hasText: 'Formuläret har fel' }).waitFor();
      staff.off('request', onRequest);
      assert.deepEqual(posts, []);

      await item.getByLabel('Nämndens svar').fill('Nämnden ställer ut tio nya bänkar längs Tenstagången under hösten.');
      await item.getByRole('button', { name: 'Publicera svaret' }).click();
      await staff.locator('#pt-committee-outcome-status').filter({ hasText: 'Svaret är publicerat.' }).waitFor();
      assert.equal(await staff.locator('#pt-committee-outcome-status').getAttribute('role'), 'status');
      await staff.getByText('Inga förslag väntar på nämndens svar.').waitFor();

      // link the answered proposal to an intervention it led to
      const interventionId = (await b.api<{ items: { id: string }[] }>('/interventions')).items[0]?.id;
      assert.ok(interventionId, 'the reference data has interventions');
      await staff.locator('section[aria-labelledby="pt-committee"] details summary').click();
      const answered = staff.locator(`[data-testid="pt-answer-${proposalId}"]`);
      await answered.getByLabel('Insatsens id').fill(interventionId);
      await answered.getByRole('button', { name: 'Koppla till en insats' }).click();
      await staff.locator('#pt-committee-outcome-status').filter({ hasText: 'kopplat till insatsen' }).waitFor();

      // the follow-up of a built project
      await staff.selectOption('#pt-fu-process', 'tensta-2026');
      await staff.getByLabel('Uppföljning: Utegym').fill('Utegymmet invigdes i maj och används varje dag.');
      await staff.locator('section[aria-labelledby="pt-fu"]').getByRole('button', { name: 'Spara' }).click();
      await staff.locator('section[aria-labelledby="pt-fu"] [role="status"]').filter({ hasText: 'Sparat.' }).waitFor();
      const process = await b.api<{ projects: { id: string; followUp: string }[] }>(
        '/participation/processes/tensta-2026',
      );
      assert.equal(
        process.projects.find((p) => p.id === 'gym')?.followUp,
        'Utegymmet invigdes i maj och används varje dag.',
      );

      // record a dialogue with another goal area
      await staff.fill('#pt-dlg-date', '2026-05-10');
      await staff.fill('#pt-dlg-place', 'Digitalt möte');
      await staff.selectOption('#pt-dlg-area', '0180D-jarva');
      await staff.waitForSelector(`#pt-dlg-goal option[value="${goalAreas[1]}"]`, { state: 'attached' });
      await staff.selectOption('#pt-dlg-goal', goalAreas[1] as string);
      await staff.fill('#pt-dlg-topic', 'Sommarjobb');
      await staff.fill('#pt-dlg-participants', '30');
      await staff.fill('#pt-dlg-summary', 'Unga vill ha fler sommarjobb.');
      await staff.fill('#pt-dlg-fed', 'Ungdomssatsningen');
      await staff.getByRole('button', { name: 'Spara dialogen' }).click();
      await staff.locator('#pt-dlg-outcome-status').filter({ hasText: 'Dialogen är sparad' }).waitFor();
      await b.checkA11y(staff, 'participation-staff-forms');
      await b.screenshot(staff, 'participation-staff-answers');

      await b.browser.contexts()[0]?.clearCookies();
      const api = await b.api<{
        status: string;
        committeeAnswer: string | null;
        committeeDecision: string | null;
        interventions: string[];
      }>(`/participation/proposals/${proposalId}`);
      assert.equal(api.status, 'answered');
      assert.equal(api.committeeDecision, 'approved');
      assert.deepEqual(api.interventions, [interventionId]);

      const page = await b.page(`/delta/forslag/${proposalId}`);
      await page.waitForSelector('#pt-answer');
      const answer = (await page.locator('section[aria-labelledby="pt-answer"]').textContent()) ?? '';
      assert.match(answer, /Bifallet/);
      assert.match(answer, /tio nya bänkar längs Tenstagången/);
      assert.equal(
        await page.getAttribute('[data-testid="pt-led-to"] a', 'href'),
        `/insatser/${encodeURIComponent(interventionId)}`,
      );
      await b.checkA11y(page, 'participation-proposal-answered');
    });

    it('refuses a new process and a blank correction in the browser with the contract (nothing sent)', async () => {
      const staff = await b.page('/logga-in?next=%2Fdelta%2Fpersonal');
      await staff.getByLabel('Användarnamn').fill('e2e.answer');
      await staff.getByLabel('Lösenord').fill(PW);
      await staff.getByRole('button', { name: 'Logga in' }).click();
      await staff.waitForURL(/\/delta\/personal$/);
      const posts: string[] = [];
      staff.on('request', (r) => {
        if (r.method() === 'POST' && /\/participation\/processes(\/[^/]+\/phase)?$/.test(r.url())) posts.push(r.url());
      });

      // a new process: an id with spaces, no area, a budget that is not whole kronor
      const np = staff.locator('form[aria-labelledby="pt-new-process"]');
      await staff.waitForSelector('#pt-np-area option[value="0180D-jarva"]', { state: 'attached' });
      await np.getByLabel('Kort id (för adressen)').fill('Tensta 2027');
      await np.getByLabel('Namn').fill('Tenstabudgeten 2027');
      await np.getByLabel('Budget (kr)').fill('12 kr');
      await np.getByRole('button', { name: 'Skapa' }).click();
      for (const [id, text] of [
        ['pt-np-id', 'Värdet har fel form.'],
        ['pt-np-area', 'Välj ett område.'],
        ['pt-np-budget', 'Skriv ett heltal inom de tillåtna gränserna.'],
      ] as const) {
        await staff.locator(`#${id}-error`).filter({ hasText: text }).waitFor();
        const field = staff.locator(`#${id}`);
        assert.equal(await field.getAttribute('aria-invalid'), 'true', id);
        assert.ok(((await field.getAttribute('aria-describedby')) ?? '').split(' ').includes(`${id}-error`), id);
      }
      assert.equal(await staff.locator('#pt-np-name').getAttribute('aria-invalid'), null);
      await staff.locator('#pt-np-outcome-status').filter({ hasText: 'Formuläret har fel' }).waitFor();
      assert.equal(await staff.locator('#pt-np-outcome-status').getAttribute('role'), 'status');
      await b.checkA11y(staff, 'participation-new-process-errors');

      // corrected, it is created and chosen
      await np.getByLabel('Kort id (för adressen)').fill('tensta-2027');
      await np.getByLabel('Område').selectOption('0180D-jarva');
      await np.getByLabel('Budget (kr)').fill('300000');
      await np.getByRole('button', { name: 'Skapa' }).click();
      await staff.locator('#pt-np-outcome-status').filter({ hasText: 'Sparat.' }).waitFor();
      assert.equal(posts.length, 1);
      const created = await b.api<{ process: { name: string; budget: string; area: string } }>(
        '/participation/processes/tensta-2027',
      );
      assert.deepEqual(
        [created.process.name, created.process.budget, created.process.area],
        ['Tenstabudgeten 2027', '300000', 'stadsdelsomrade-2023:0180D-jarva'],
      );

      // a correction of a closed vote with a reason of only spaces
      await staff.selectOption('#pt-admin-process', 'tensta-rattelse');
      const reason = staff.getByLabel('Skäl till rättelsen (sparas i loggen)');
      await reason.fill('   ');
      await staff.getByRole('button', { name: 'Öppna omröstningen igen' }).click();
      await staff.locator('#pt-correction-reason-error').filter({ hasText: 'Fyll i det här fältet.' }).waitFor();
      assert.equal(await reason.getAttribute('aria-invalid'), 'true');
      assert.equal(await reason.getAttribute('aria-describedby'), 'pt-correction-reason-error');
      await staff.locator('#pt-phase-outcome-status').filter({ hasText: 'Formuläret har fel' }).waitFor();
      assert.equal(posts.length, 1);
      await b.checkA11y(staff, 'participation-correction-errors');

      await reason.fill('Röster från en vallokal kom inte med.');
      await staff.getByRole('button', { name: 'Öppna omröstningen igen' }).click();
      await staff.locator('#pt-phase-outcome-status').filter({ hasText: 'Omröstning' }).waitFor();
      assert.equal(posts.length, 2);
      const corrected = await b.api<{ process: { phase: string } }>('/participation/processes/tensta-rattelse');
      assert.equal(corrected.process.phase, 'voting');
      await b.browser.contexts()[0]?.clearCookies();
    });

    it('residents filter the dialogues by goal area', async () => {
      const home = await b.page('/delta');
      await home.waitForSelector('[data-testid="pt-dialogue-list"]');
      const all = (await home.textContent('[data-testid="pt-dialogue-list"]')) ?? '';
      assert.match(all, /Parkerna/);
      assert.match(all, /Sommarjobb/);
      await home.waitForSelector(`#pt-dlg-filter-goal option[value="${goalAreas[1]}"]`, { state: 'attached' });
      await home.selectOption('#pt-dlg-filter-goal', goalAreas[1] as string);
      await home.waitForURL(/dialogGoal=/);
      await home.waitForFunction(
        () => !(document.querySelector('[data-testid="pt-dialogue-list"]')?.textContent ?? '').includes('Parkerna'),
      );
      const filtered = (await home.textContent('[data-testid="pt-dialogue-list"]')) ?? '';
      assert.match(filtered, /Sommarjobb/);
      assert.doesNotMatch(filtered, /Parkerna/);
      await b.checkA11y(home, 'participation-dialogues-filtered');
    });
  });
