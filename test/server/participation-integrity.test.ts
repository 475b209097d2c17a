import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/db.ts';
import { signInAs, type SignedInClient } from '../helpers/auth.ts';
import { addDialogue, ballotMix } from '../../src/services/participation/index.ts';
import { areasOfCommittee } from '../../src/services/auth/index.ts';
import { AppError } from '../../src/core/errors.ts';
import type { ActingUser } from '../../src/services/acting.ts';

// The integrity of participation: phases that cannot go back once voting has opened (except an
// audited correction), projects fixed from then on, results frozen at closing and served from
// storage, ballot counts hidden until published, staff reads and writes kept to the committee's areas.
for (const engine of engines()) {
  describe(`participation integrity (${engine})`, () => {
    let t: TestApp;
    let jarvaEditor: SignedInClient;
    let farstaEditor: SignedInClient;
    let admin: SignedInClient;
    let subArea = '';
    const jarva = 'stadsdelsomrade-2023:0180D-jarva';
    const farsta = 'stadsdelsomrade-2023:0180D-farsta';
    const pid = 'jarva-integritet';
    let codes: string[] = [];
    const api = '/api/v1/participation';
    const req = (method: 'GET' | 'POST' | 'PUT', url: string, who?: SignedInClient, payload?: object) =>
      t.app.inject({ method, url: api + url, headers: who?.headers ?? {}, ...(payload ? { payload } : {}) });

    before(async () => {
      t = await testApp({ engine, reference: true });
      await t.db.query(
        `INSERT INTO committee (id, name, kind, division_id, area_code) VALUES
           ('test-sdn-jarva', 'Test Järva', 'district', 'stadsdelsomrade-2023', '0180D-jarva'),
           ('test-sdn-farsta', 'Test Farsta', 'district', 'stadsdelsomrade-2023', '0180D-farsta')`,
      );
      jarvaEditor = await signInAs(t, 'district_editor', { committeeId: 'test-sdn-jarva', username: 'ed.jarva' });
      farstaEditor = await signInAs(t, 'district_editor', { committeeId: 'test-sdn-farsta', username: 'ed.farsta' });
      admin = await signInAs(t, 'admin');
      const own = await areasOfCommittee(t.db, 'test-sdn-jarva');
      subArea = own.find((k) => k !== jarva && !k.startsWith('deso')) ?? own.find((k) => k !== jarva) ?? '';
      assert.ok(subArea, 'Järva has areas below it in the reference data');
      ballotMix(t.db, t.app.deps, { batchSize: 1, maxWaitMs: 1000 });
    });
    after(async () => {
      await t?.close();
    });

    it('a Järva district editor records dialogues in Järva and its areas, and gets 403 elsewhere', async () => {
      const body = (area: string) => ({
        heldOn: '2026-05-01',
        place: 'Husby träff',
        area,
        topic: 'Trygghet',
        participants: 9,
        summary: '',
        fedInto: '',
      });
      assert.equal((await req('POST', '/dialogues', jarvaEditor, body(jarva))).statusCode, 200);
      const below = await req('POST', '/dialogues', jarvaEditor, body(subArea));
      assert.equal(below.statusCode, 200, `${subArea}: ${below.body}`);
      const elsewhere = await req('POST', '/dialogues', jarvaEditor, body(farsta));
      assert.equal(elsewhere.statusCode, 403);
      assert.equal(elsewhere.json().error.details[0].code, 'not_allowed_area');
      assert.equal((await req('POST', '/dialogues', farstaEditor, body(jarva))).statusCode, 403);
    });

    it('lists to a district editor only the proposals of their own areas', async () => {
      const submit = async (area: string, title: string) =>
        (
          await req('POST', '/proposals', undefined, { area, title, body: 'En text som är lång nog för ett förslag.' })
        ).json().id as string;
      const mine = await submit(jarva, 'Järvas förslag');
      const theirs = await submit(farsta, 'Farstas förslag');
      const ids = async (who: SignedInClient) =>
        ((await req('GET', '/staff/proposals?status=submitted', who)).json().items as { id: string }[]).map(
          (p) => p.id,
        );
      assert.deepEqual(await ids(jarvaEditor), [mine]);
      assert.deepEqual(await ids(farstaEditor), [theirs]);
      assert.deepEqual((await ids(admin)).sort(), [mine, theirs].sort());
      const foreign = await req('POST', `/proposals/${theirs}/moderate`, jarvaEditor, { action: 'publish' });
      assert.equal(foreign.statusCode, 403);
      assert.equal(foreign.json().error.details[0].code, 'not_allowed_area');
    });

    it('refuses the same write through a service call (not only over HTTP)', async () => {
      // the service reads the committee's areas itself, inside its transaction
      const user: ActingUser = {
        id: farstaEditor.userId,
        username: farstaEditor.username,
        role: 'district_editor',
        committeeId: 'test-sdn-farsta',
      };
      const count = async () =>
        (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM participation_dialogue'))[0]?.n;
      const before = await count();
      await assert.rejects(
        addDialogue(
          t.db,
          { heldOn: '2026-05-02', place: '', area: jarva, topic: 'X', participants: 1, summary: '', fedInto: '' },
          user,
          { now: () => new Date('2026-06-15T10:00:00Z') },
        ),
        (e: unknown) => e instanceof AppError && e.id === 'forbidden',
      );
      assert.equal(await count(), before);
    });

    it('staff of the area run the process; codes and running counts are theirs only', async () => {
      const created = await req('POST', '/processes', jarvaEditor, {
        id: pid,
        name: 'Järva integritet',
        area: jarva,
        budget: '100000',
        rule: 'greedy',
      });
      assert.equal(created.statusCode, 200, created.body);
      for (const [id, cost] of [
        ['a', '60000'],
        ['b', '50000'],
      ] as const) {
        const r = await req('PUT', `/processes/${pid}/projects/${id}`, jarvaEditor, {
          title: `Projekt ${id}`,
          cost,
          feasible: true,
        });
        assert.equal(r.statusCode, 200, r.body);
      }
      assert.equal((await req('POST', `/processes/${pid}/phase`, jarvaEditor, { phase: 'voting' })).statusCode, 200);
      codes = (await req('POST', `/processes/${pid}/codes`, jarvaEditor, { count: 4 })).json().codes;
      assert.equal(codes.length, 4);
      assert.equal((await req('GET', `/processes/${pid}/codes`, farstaEditor)).statusCode, 403);
      assert.deepEqual((await req('GET', `/processes/${pid}/codes`, jarvaEditor)).json(), { total: 4, used: 0 });

      for (const [i, choices] of [['a'], ['a', 'b'], ['b']].entries()) {
        const r = await req('POST', `/processes/${pid}/ballots`, undefined, { code: codes[i], choices });
        assert.equal(r.statusCode, 200, r.body);
      }
      // running counts: hidden from the public, from other districts' staff and from "who takes part"
      const pub = await req('GET', `/processes/${pid}/results`);
      assert.equal(pub.statusCode, 409);
      assert.equal(pub.json().error.details[0].code, 'results_not_published');
      assert.equal((await req('GET', `/processes/${pid}/results`, farstaEditor)).statusCode, 409);
      assert.equal((await req('GET', `/processes/${pid}/export.pb`)).statusCode, 409);
      const staff = await req('GET', `/processes/${pid}/results`, jarvaEditor);
      assert.equal(staff.statusCode, 200);
      assert.equal(staff.json().frozen, false);
      const jarvaPart = async () =>
        ((await req('GET', '/taking-part')).json().items as { area: string; ballots: number }[]).find(
          (x) => x.area === jarva,
        );
      assert.equal((await jarvaPart())?.ballots ?? 0, 0);
    });

    it('fixes the projects once voting has opened (only the follow-up may be written)', async () => {
      const change = await req('PUT', `/processes/${pid}/projects/a`, jarvaEditor, {
        title: 'Nytt namn',
        cost: '60000',
      });
      assert.equal(change.statusCode, 409);
      assert.equal(change.json().error.details[0].code, 'projects_locked');
      const added = await req('PUT', `/processes/${pid}/projects/c`, jarvaEditor, { title: 'Nytt', cost: '1' });
      assert.equal(added.statusCode, 409);
      const back = await req('POST', `/processes/${pid}/phase`, jarvaEditor, { phase: 'reviewing' });
      assert.equal(back.statusCode, 409);
      assert.equal(back.json().error.details[0].code, 'phase_not_allowed');
    });

    it('freezes the results at closing and serves them from storage', async () => {
      assert.equal((await req('POST', `/processes/${pid}/phase`, jarvaEditor, { phase: 'closed' })).statusCode, 200);
      const closed = (await req('GET', `/processes/${pid}/results`, jarvaEditor)).json();
      assert.equal(closed.frozen, true);
      assert.deepEqual(closed.order, ['a']); // a: 2 votes (60 000), then b does not fit
      // change the stored ballots behind the app's back: the served results do not move
      await t.db.query(`UPDATE participation_ballot SET choices = '{b}' WHERE process_id = $1`, [pid]);
      const again = (await req('GET', `/processes/${pid}/results`, jarvaEditor)).json();
      assert.deepEqual(again.order, closed.order);
      assert.deepEqual(again.projects, closed.projects);
      await t.db.query(`UPDATE participation_ballot SET choices = '{a}' WHERE process_id = $1 AND choices = '{b}'`, [
        pid,
      ]);
      const late = await req('POST', `/processes/${pid}/ballots`, undefined, { code: codes[3], choices: ['a'] });
      assert.equal(late.statusCode, 409);
      assert.equal(late.json().error.details[0].code, 'voting_not_open');
    });

    it('reopens a closed vote only as an audited correction with a reason', async () => {
      const bare = await req('POST', `/processes/${pid}/phase`, jarvaEditor, { phase: 'voting' });
      assert.equal(bare.statusCode, 400);
      assert.equal(bare.json().error.details[0].code, 'phase_correction_needs_reason');
      const reason = 'Röster från en vallokal kom inte med';
      const fixed = await req('POST', `/processes/${pid}/phase`, jarvaEditor, { phase: 'voting', reason });
      assert.equal(fixed.statusCode, 200, fixed.body);
      const [audit] = await t.db.query<{ action: string; username: string; after: { correctionReason?: string } }>(
        `SELECT action, username, after FROM audit_log WHERE entity = 'participation_process' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
        [pid],
      );
      assert.equal(audit?.action, 'phase_correction');
      assert.equal(audit?.username, 'ed.jarva');
      assert.equal(audit?.after.correctionReason, reason);
      assert.equal((await req('GET', `/processes/${pid}/results`, jarvaEditor)).json().frozen, false);
      const r = await req('POST', `/processes/${pid}/ballots`, undefined, { code: codes[3], choices: ['b'] });
      assert.equal(r.statusCode, 200, r.body);
      for (const phase of ['closed', 'published'])
        assert.equal((await req('POST', `/processes/${pid}/phase`, jarvaEditor, { phase })).statusCode, 200);
      const final = await req('GET', `/processes/${pid}/results`);
      assert.equal(final.statusCode, 200);
      assert.equal(final.json().ballots, 4);
      assert.equal((await req('POST', `/processes/${pid}/phase`, admin, { phase: 'voting', reason })).statusCode, 409);
      const part = (await req('GET', '/taking-part')).json() as { items: { area: string; ballots: number }[] };
      assert.equal(part.items.find((x) => x.area === jarva)?.ballots, 4); // shown once published
    });
  });
}
