import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { testApp, type TestApp } from '../helpers/app.ts';
import { engines, freshDatabase } from '../helpers/db.ts';
import { signInAs, type SignedInClient } from '../helpers/auth.ts';
import { upsertAreas, upsertDivisions } from '../../src/db/repositories/datasets.ts';
import { tally } from '../../src/cli/commands/pb.ts';
import { parsePabulib } from '../../src/core/pb/pabulib.ts';
import type { Database } from '../../src/db/database.ts';
import { ballotMix } from '../../src/services/participation/index.ts';
import { scratchDir } from '../helpers/scratch.ts';

async function participationFixture(db: Database): Promise<void> {
  await upsertDivisions(db, [
    { id: 'stadsdel', nameSv: 'Stadsdelsområde', nameEn: 'District', level: 1, validFrom: null, validTo: null },
  ]);
  await upsertAreas(db, [
    { divisionId: 'stadsdel', code: 'husby', name: 'Husby', parentDivisionId: null, parentCode: null },
    { divisionId: 'stadsdel', code: 'rinkeby', name: 'Rinkeby', parentDivisionId: null, parentCode: null },
  ]);
}

for (const engine of engines())
  describe(`participation API (${engine})`, () => {
    let t: TestApp;
    let admin: SignedInClient;
    const api = '/api/v1/participation';

    before(async () => {
      const db = await freshDatabase(engine);
      await participationFixture(db);
      t = await testApp({ db });
      admin = await signInAs(t, 'admin');
      ballotMix(t.db, t.app.deps, { batchSize: 1, maxWaitMs: 1000 }); // each ballot is written at once here
    });
    after(async () => {
      await t?.close();
    });

    const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: api + url, payload: payload as object, headers });
    const put = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'PUT', url: api + url, payload: payload as object, headers });
    const get = (url: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'GET', url: api + url, headers });

    describe('citizen proposals', () => {
      let id = '';
      const contact = 'boende@example.se';

      it('a resident submits a proposal without signing in; it waits for moderation', async () => {
        const res = await post('/proposals', {
          area: 'stadsdel:husby',
          title: 'Belysning i Husby gångtunnel',
          body: 'Gångtunneln vid Husby centrum är mörk på kvällen, sätt upp bättre belysning.',
          contact,
        });
        assert.equal(res.statusCode, 200, res.body);
        id = res.json().id;
        assert.equal(res.json().status, 'submitted');
        assert.deepEqual((await get('/proposals')).json().items, []);
        assert.equal((await get(`/proposals/${id}`)).statusCode, 404);
      });

      it('refuses a proposal for an unknown area, naming the field', async () => {
        const res = await post('/proposals', {
          area: 'stadsdel:nowhere',
          title: 'Titel',
          body: 'En text som är lång nog.',
        });
        assert.equal(res.statusCode, 400);
        assert.equal(res.json().error.details[0].field, 'area');
      });

      it('refuses a contact that is no e-mail address, naming the field, and stores nothing', async () => {
        const res = await post('/proposals', {
          area: 'stadsdel:husby',
          title: 'Belysning vid torget',
          body: 'Fler lampor längs gångvägarna vid torget.',
          contact: 'ring mig på 070-123',
        });
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(res.json().error.details[0].field, 'body.contact');
        const staff = await get('/staff/proposals?status=submitted', admin.headers);
        assert.deepEqual(
          staff.json().items.map((p: { id: string }) => p.id),
          [id],
        );
      });

      it('only staff moderate', async () => {
        assert.equal((await post(`/proposals/${id}/moderate`, { action: 'publish' })).statusCode, 401);
        assert.equal((await get('/staff/proposals')).statusCode, 401);
        const staff = await get('/staff/proposals?status=submitted', admin.headers);
        assert.equal(staff.statusCode, 200);
        assert.deepEqual(
          staff.json().items.map((p: { id: string }) => p.id),
          [id],
        );
      });

      it('publishing opens the support period with the area threshold; support reaches it and sends it to the committee', async () => {
        assert.equal(
          (await put('/thresholds', { area: 'stadsdel:husby', supports: 2, periodDays: 30 }, admin.headers)).statusCode,
          200,
        );
        const sc = await post('/support-codes', { area: 'stadsdel:husby', count: 3 }, admin.headers);
        assert.equal(sc.statusCode, 200, sc.body);
        const [c1, c2, c3] = sc.json().codes as string[];
        const mod = await post(`/proposals/${id}/moderate`, { action: 'publish', note: 'ok' }, admin.headers);
        assert.equal(mod.statusCode, 200, mod.body);
        assert.equal(mod.json().status, 'published');
        assert.equal(mod.json().supportUntil, '2026-07-15'); // FIXED_NOW 2026-06-15 + 30 days
        assert.equal(mod.json().supportsNeeded, 2);

        // a support needs a resident's code: a browser key alone is refused, and so is an invented code
        const keyOnly = await post(`/proposals/${id}/support`, { supporterKey: 'browser-key-aaaaaaaaaaaa' });
        assert.equal(keyOnly.statusCode, 400);
        assert.equal(keyOnly.json().error.details[0].code, 'support_code_malformed');
        const invented = await post(`/proposals/${id}/support`, { code: 'ABCD-EFGH-JKMN' });
        assert.equal(invented.statusCode, 403);
        assert.equal(invented.json().error.details[0].code, 'support_code_unknown');
        const first = await post(`/proposals/${id}/support`, { code: c1 });
        assert.equal(first.statusCode, 200, first.body);
        assert.equal(first.json().supports, 1);
        assert.equal(first.json().status, 'published');
        // the same resident from another address is still the same resident
        const again = await t.app.inject({
          method: 'POST',
          url: `${api}/proposals/${id}/support`,
          payload: { code: (c1 as string).toLowerCase() },
          remoteAddress: '192.0.2.99',
        });
        assert.equal(again.statusCode, 409);
        assert.equal(again.json().error.details[0].code, 'support_twice');
        const second = await post(`/proposals/${id}/support`, { code: c2 });
        assert.equal(second.json().supports, 2);
        assert.equal(second.json().status, 'committee');
        assert.equal(second.json().reachedOn, '2026-06-15');
        const late = await post(`/proposals/${id}/support`, { code: c3 });
        assert.equal(late.statusCode, 409);
        assert.equal(late.json().error.details[0].code, 'support_closed');
      });

      it('where the city chose unverified browser supports, a browser key supports once', async () => {
        assert.equal(
          (
            await put(
              '/thresholds',
              { area: 'stadsdel:rinkeby', supports: 5, periodDays: 30, verification: 'browser' },
              admin.headers,
            )
          ).statusCode,
          200,
        );
        const pid = (
          await post('/proposals', { area: 'stadsdel:rinkeby', title: 'Fler bänkar', body: 'Fler bänkar vid torget.' })
        ).json().id;
        await post(`/proposals/${pid}/moderate`, { action: 'publish' }, admin.headers);
        const shown = (await get(`/proposals/${pid}`)).json();
        assert.equal(shown.supportVerification, 'browser');
        const key = { supporterKey: 'browser-key-cccccccccccc' };
        assert.equal((await post(`/proposals/${pid}/support`, key)).json().supports, 1);
        assert.equal((await post(`/proposals/${pid}/support`, key)).json().error.details[0].code, 'support_twice');
        const noKey = await post(`/proposals/${pid}/support`, { code: 'ABCD-EFGH-JKMN' });
        assert.equal(noKey.json().error.details[0].code, 'support_key_missing');
      });

      it('suggests similar published proposals while typing', async () => {
        const res = await get(
          `/proposals/similar?q=${encodeURIComponent('Mörk gångtunnel i Husby, bättre belysning behövs')}`,
        );
        assert.equal(res.statusCode, 200);
        assert.deepEqual(
          res.json().items.map((x: { id: string }) => x.id),
          [id],
        );
        const none = await get(`/proposals/similar?q=${encodeURIComponent('Fotbollsplan med konstgräs')}`);
        assert.deepEqual(none.json().items, []);
      });

      it("publishes the committee's answer; the resident's contact is never published", async () => {
        const res = await post(
          `/proposals/${id}/answer`,
          { answer: 'Belysningen byts ut under hösten.', decision: 'approved' },
          admin.headers,
        );
        assert.equal(res.statusCode, 200, res.body);
        const pub = await get(`/proposals/${id}`);
        assert.equal(pub.json().status, 'answered');
        assert.equal(pub.json().committeeDecision, 'approved');
        assert.equal(pub.json().committeeAnswer, 'Belysningen byts ut under hösten.');
        for (const body of [
          pub.body,
          (await get('/proposals')).body,
          (await get('/staff/proposals', admin.headers)).body,
        ])
          assert.ok(!body.includes(contact));
        const link = await post(
          `/proposals/${id}/interventions`,
          { interventionId: 'no-such-intervention' },
          admin.headers,
        );
        assert.equal(link.statusCode, 400);
      });
    });

    describe('dialogues', () => {
      it('records a dialogue and lists it per area', async () => {
        const body = {
          heldOn: '2026-05-20',
          place: 'Husby träff',
          area: 'stadsdel:husby',
          topic: 'Trygghet',
          participants: 35,
          summary: 'Mer belysning och vuxna på kvällen.',
          fedInto: 'Trygghetsplan 2027',
        };
        assert.equal((await post('/dialogues', body)).statusCode, 401);
        assert.equal((await post('/dialogues', body, admin.headers)).statusCode, 200);
        const list = await get('/dialogues?area=stadsdel:husby');
        assert.equal(list.json().items.length, 1);
        assert.equal(list.json().items[0].participants, 35);
        assert.deepEqual((await get('/dialogues?area=stadsdel:rinkeby')).json().items, []);
      });
    });

    describe('participatory budgeting', () => {
      const pid = 'husby-2026';
      let codes: string[] = [];

      it('staff create a process with projects and open voting', async () => {
        const res = await post(
          '/processes',
          {
            id: pid,
            name: 'Husbybudgeten 2026',
            area: 'stadsdel:husby',
            budget: '100000',
            rule: 'mes-complete',
            knapsack: true,
          },
          admin.headers,
        );
        assert.equal(res.statusCode, 200, res.body);
        assert.equal(res.json().phase, 'draft');
        const projects = [
          ['lekplats', 'Ny lekplats', '60000'],
          ['belysning', 'Belysning i parken', '30000'],
          ['bibliotek', 'Böcker till biblioteket', '20000'],
          ['utegym', 'Utegym', '45000'],
          ['dyr', 'Konstgräsplan', '150000'],
        ];
        for (const [id, title, cost] of projects) {
          const r = await put(
            `/processes/${pid}/projects/${id}`,
            {
              title,
              cost,
              feasible: id !== 'dyr' ? true : false,
              assessment: id === 'dyr' ? 'Kostar mer än budgeten.' : 'Genomförbart.',
            },
            admin.headers,
          );
          assert.equal(r.statusCode, 200, r.body);
        }
        assert.equal((await post(`/processes/${pid}/phase`, { phase: 'voting' })).statusCode, 401);
        assert.equal(
          (await post(`/processes/${pid}/phase`, { phase: 'voting' }, admin.headers)).json().phase,
          'voting',
        );
      });

      it('staff generate codes; only their hashes are stored', async () => {
        const res = await post(`/processes/${pid}/codes`, { count: 8 }, admin.headers);
        assert.equal(res.statusCode, 200, res.body);
        codes = res.json().codes;
        assert.equal(codes.length, 8);
        assert.equal(new Set(codes).size, 8);
        for (const c of codes) assert.match(c, /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
        const stored = await t.db.query<{ code_hash: string }>(
          'SELECT code_hash FROM participation_code WHERE process_id = $1',
          [pid],
        );
        assert.equal(stored.length, 8);
        for (const row of stored) for (const c of codes) assert.ok(!row.code_hash.includes(c.replace(/-/g, '')));
        assert.deepEqual((await get(`/processes/${pid}/codes`, admin.headers)).json(), { total: 8, used: 0 });
      });

      it('a voting code works once only', async () => {
        const code = codes[0] as string;
        const ok = await post(`/processes/${pid}/ballots`, { code, choices: ['lekplats', 'belysning'] });
        assert.equal(ok.statusCode, 200, ok.body);
        const again = await post(`/processes/${pid}/ballots`, { code, choices: ['bibliotek'] });
        assert.equal(again.statusCode, 403);
        assert.match(again.json().error.message, /already been used/);
        assert.equal(again.json().error.details[0].code, 'vote_code_used');
        // typed in lower case without dashes it is the same code, and still used
        const typed = await post(`/processes/${pid}/ballots`, {
          code: code.replace(/-/g, '').toLowerCase(),
          choices: [],
        });
        assert.equal(typed.statusCode, 403);
        const invented = await post(`/processes/${pid}/ballots`, { code: 'ABCD-EFGH-JKMN', choices: [] });
        assert.equal(invented.statusCode, 403);
        assert.equal(invented.json().error.details[0].code, 'vote_code_unknown');
        const ballots = await t.db.query('SELECT * FROM participation_ballot WHERE process_id = $1', [pid]);
        assert.equal(ballots.length, 1);
        assert.deepEqual((await get(`/processes/${pid}/codes`, admin.headers)).json(), { total: 8, used: 1 });
      });

      it('refuses a bad ballot without using up the code', async () => {
        const code = codes[1] as string;
        const over = await post(`/processes/${pid}/ballots`, { code, choices: ['lekplats', 'utegym'] }); // 105 000 > 100 000 (knapsack)
        assert.equal(over.statusCode, 400);
        assert.match(over.json().error.message, /more than the budget/);
        const infeasible = await post(`/processes/${pid}/ballots`, { code, choices: ['dyr'] });
        assert.equal(infeasible.statusCode, 400);
        const ok = await post(`/processes/${pid}/ballots`, {
          code: code.toLowerCase(),
          choices: ['utegym', 'bibliotek'],
        });
        assert.equal(ok.statusCode, 200, ok.body);
      });

      it('a stored ballot cannot be traced to its code', async () => {
        // more ballots, then look at everything stored
        const votes: string[][] = [['lekplats', 'bibliotek'], ['belysning'], ['utegym', 'belysning'], []];
        for (let i = 0; i < votes.length; i++) {
          const r = await post(`/processes/${pid}/ballots`, { code: codes[2 + i], choices: votes[i] });
          assert.equal(r.statusCode, 200, r.body);
        }
        const ballots = await t.db.query<Record<string, unknown>>(
          'SELECT * FROM participation_ballot WHERE process_id = $1',
          [pid],
        );
        assert.equal(ballots.length, 6);
        // a ballot holds a random id, the process, the channel and the choices: nothing else
        for (const b of ballots) assert.deepEqual(Object.keys(b).sort(), ['channel', 'choices', 'id', 'process_id']);
        // no column of the ballot or code tables holds a time
        const timeCols = await t.db.query(
          "SELECT table_name, column_name FROM information_schema.columns WHERE table_name IN ('participation_ballot', 'participation_code') AND data_type IN ('date', 'timestamp with time zone', 'timestamp without time zone', 'time without time zone')",
        );
        assert.deepEqual(timeCols, []);
        // the code rows hold only hash and used-flag, and no ballot value equals or contains a code or its hash
        const codeRows = await t.db.query<Record<string, unknown>>(
          'SELECT * FROM participation_code WHERE process_id = $1',
          [pid],
        );
        for (const c of codeRows) assert.deepEqual(Object.keys(c).sort(), ['code_hash', 'process_id', 'used']);
        const secrets = [...codes.map((c) => c.replace(/-/g, '')), ...codeRows.map((c) => String(c['code_hash']))];
        for (const b of ballots) {
          const text = JSON.stringify(b);
          for (const s of secrets) assert.ok(!text.includes(s), 'a ballot carries a code or code hash');
          assert.match(String(b['id']), /^[0-9a-f]{32}$/);
        }
        // a ballot id is not derived from its code
        for (const c of codes) {
          const h = createHash('sha256').update(c.replace(/-/g, '')).digest('hex');
          assert.ok(!ballots.some((b) => String(b['id']) === h.slice(0, 32)));
        }
        // voting leaves no trace in the audit log
        const audit = await t.db.query(
          "SELECT * FROM audit_log WHERE entity = 'participation_ballot' OR action = 'vote'",
        );
        assert.deepEqual(audit, []);
      });

      it('imports paper ballots from CSV, all or nothing, naming the line', async () => {
        const bad = await post(
          `/processes/${pid}/paper-ballots`,
          { fileName: 'papper.csv', content: 'projects\nlekplats|belysning\nlekplats|okand\n' },
          admin.headers,
        );
        assert.ok(bad.statusCode >= 400 && bad.statusCode < 500);
        assert.deepEqual(bad.json().error.details[0], {
          file: 'papper.csv',
          line: 3,
          field: 'projects',
          message: '"okand" is not a project you can vote for in this process',
          code: 'ballot_invalid',
        });
        assert.equal((await t.db.query("SELECT * FROM participation_ballot WHERE channel = 'paper'")).length, 0);
        const ok = await post(
          `/processes/${pid}/paper-ballots`,
          { fileName: 'papper.csv', content: 'projects\nlekplats|belysning\nbibliotek\n"utegym belysning"\n' },
          admin.headers,
        );
        assert.equal(ok.statusCode, 200, ok.body);
        assert.deepEqual(ok.json(), { imported: 3 });
      });

      it('the results page matches the CLI count of the exported ballots', async () => {
        const during = await get(`/processes/${pid}/results`);
        assert.equal(during.statusCode, 409); // not public during voting
        assert.equal(during.json().error.details[0].code, 'results_not_published');
        assert.equal((await post(`/processes/${pid}/phase`, { phase: 'closed' }, admin.headers)).statusCode, 200);
        assert.equal((await get(`/processes/${pid}/results`)).statusCode, 409); // nor when closed, before publication
        assert.equal((await get(`/processes/${pid}/export.pb`)).statusCode, 409);
        assert.equal((await post(`/processes/${pid}/phase`, { phase: 'published' }, admin.headers)).statusCode, 200);
        const res = await get(`/processes/${pid}/results`);
        assert.equal(res.statusCode, 200, res.body);
        const r = res.json();
        assert.equal(r.ballots, 9);
        assert.equal(r.frozen, true);
        assert.equal(r.paperBallots, 3);
        assert.equal(r.rule, 'mes-complete');
        // votes per project, counted by hand from the ballots above
        const votes = Object.fromEntries(r.projects.map((p: { id: string; votes: number }) => [p.id, p.votes]));
        assert.deepEqual(votes, { belysning: 5, bibliotek: 3, lekplats: 3, utegym: 3 });
        assert.ok(!r.projects.some((p: { id: string }) => p.id === 'dyr'));

        const exported = await get(`/processes/${pid}/export.pb`);
        assert.equal(exported.statusCode, 200);
        const pb = parsePabulib(exported.body);
        assert.equal(pb.votes.length, 9);
        const dir = scratchDir('fardplan-pbexp-');
        const file = join(dir, `${pid}.pb`);
        writeFileSync(file, exported.body);
        const cli = await tally(file, 'mes-complete');
        assert.deepEqual({ winners: r.winners, order: r.order, totalCost: r.totalCost }, cli);
        assert.equal(BigInt(r.left), 100000n - BigInt(r.totalCost));
        // and the other rules count the same file consistently with the greedy/MES definitions
        assert.deepEqual((await tally(file, 'greedy')).order[0], 'belysning');
      });

      it('voting is closed after the vote', async () => {
        const r = await post(`/processes/${pid}/ballots`, { code: codes[7], choices: [] });
        assert.equal(r.statusCode, 409);
      });

      it('shows who takes part per area', async () => {
        const res = await get('/taking-part');
        assert.equal(res.statusCode, 200);
        const husby = res.json().items.find((x: { area: string }) => x.area === 'stadsdel:husby');
        assert.deepEqual(
          {
            ballots: husby.ballots,
            dialogueParticipants: husby.dialogueParticipants,
            proposals: husby.proposals,
            supports: husby.supports,
            population: husby.population,
          },
          { ballots: 9, dialogueParticipants: 35, proposals: 1, supports: 2, population: null },
        );
      });
    });
  });
