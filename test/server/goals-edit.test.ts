// Manual statuses and publishing of targets and commitments: who may, what is recorded, what the public sees.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engines, freshDatabase } from '../helpers/db.ts';
import { FIXED_NOW, testApp, type TestApp } from '../helpers/app.ts';
import { signInAs, type SignedInClient } from '../helpers/auth.ts';
import { bootstrap } from '../../src/services/bootstrap.ts';
import { goalsStartupLoaders } from '../../src/services/goals/index.ts';
import { silentProgress } from '../../src/services/progress.ts';

interface Tree {
  reformAreas: {
    commitments: { id: string; manualStatus: { status: string; note: string; setBy: string; setAt: string } | null }[];
  }[];
}
const commitmentIn = (tree: Tree, id: string) =>
  tree.reformAreas.flatMap((a) => a.commitments).find((c) => c.id === id);

for (const engine of engines()) {
  describe(`editing the goal framework (${engine})`, () => {
    let t: TestApp;
    let analyst: SignedInClient;
    let reader: SignedInClient;
    let commitmentId: string;
    let targetId: string;
    before(async () => {
      const db = await freshDatabase(engine);
      await bootstrap(db, { dataDir: null, progress: silentProgress, now: () => FIXED_NOW }, goalsStartupLoaders);
      t = await testApp({ engine, db });
      analyst = await signInAs(t, 'analyst');
      reader = await signInAs(t, 'reader');
      const tree = (await t.app.inject({ method: 'GET', url: '/api/v1/goals' })).json() as Tree & {
        goalAreas: { strategies: { targets: { id: string }[] }[] }[];
      };
      commitmentId = tree.reformAreas[0]!.commitments[0]!.id;
      targetId = tree.goalAreas.flatMap((g) => g.strategies.flatMap((s) => s.targets))[0]!.id;
    });
    after(async () => {
      await t.close();
    });

    const post = (id: string, body: unknown, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/commitments/${id}/manual-status`,
        payload: body as object,
        headers,
      });
    const auditCount = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]!.n;

    it('refuses the public (401) and a reader (403), and writes nothing', async () => {
      const before = await auditCount();
      assert.equal((await post(commitmentId, { status: 'on_track', note: 'x' })).statusCode, 401);
      assert.equal((await post(commitmentId, { status: 'on_track', note: 'x' }, reader.headers)).statusCode, 403);
      assert.equal(await auditCount(), before);
      assert.equal(
        commitmentIn((await t.app.inject({ method: 'GET', url: '/api/v1/goals' })).json(), commitmentId)!.manualStatus,
        null,
      );
    });

    it('lets an analyst set a dated, signed manual status, recorded in the audit log with before and after', async () => {
      const res = await post(
        commitmentId,
        { status: 'at_risk', note: 'Two of five halls opened; the rest lack funding.' },
        analyst.headers,
      );
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), {
        targetId: null,
        commitmentId,
        status: 'at_risk',
        note: 'Two of five halls opened; the rest lack funding.',
        setBy: analyst.username,
        setAt: FIXED_NOW.toISOString(),
      });
      const shown = commitmentIn(
        (await t.app.inject({ method: 'GET', url: '/api/v1/goals' })).json(),
        commitmentId,
      )!.manualStatus;
      assert.deepEqual(shown, {
        status: 'at_risk',
        note: 'Two of five halls opened; the rest lack funding.',
        setBy: analyst.username,
        setAt: '2026-06-15',
      });
      const [audit] = await t.db.query<{
        action: string;
        entity: string;
        entity_id: string;
        username: string;
        before: unknown;
        after: { status: string };
      }>(
        `SELECT action, entity, entity_id, username, before, after FROM audit_log WHERE entity = 'commitment' ORDER BY id DESC LIMIT 1`,
      );
      assert.equal(audit!.action, 'manual_status');
      assert.equal(audit!.entity_id, commitmentId);
      assert.equal(audit!.username, analyst.username);
      assert.equal(audit!.before, null);
      assert.equal(audit!.after.status, 'at_risk');

      // A second status keeps the history; the latest applies and the audit shows the previous one as "before".
      assert.equal(
        (await post(commitmentId, { status: 'on_track', note: 'Funding decided.' }, analyst.headers)).statusCode,
        200,
      );
      const [second] = await t.db.query<{ before: { status: string } }>(
        `SELECT before FROM audit_log WHERE entity = 'commitment' ORDER BY id DESC LIMIT 1`,
      );
      assert.equal(second!.before.status, 'at_risk');
      const history = await t.db.query('SELECT 1 FROM manual_status WHERE commitment_id = $1', [commitmentId]);
      assert.equal(history.length, 2);
    });

    it('refuses an unknown field, an unknown status and an empty note with 400, and an unknown id with 404', async () => {
      const before = await auditCount();
      const extra = await post(commitmentId, { status: 'met', note: 'ok', setBy: 'someone else' }, analyst.headers);
      assert.equal(extra.statusCode, 400);
      assert.equal(extra.json().error.id, 'validation_failed');
      assert.equal((await post(commitmentId, { status: 'done', note: 'ok' }, analyst.headers)).statusCode, 400);
      assert.equal((await post(commitmentId, { status: 'met', note: '   ' }, analyst.headers)).statusCode, 400);
      assert.equal((await post('no-such-commitment', { status: 'met', note: 'ok' }, analyst.headers)).statusCode, 404);
      assert.equal(await auditCount(), before);
    });

    it('unpublishes a target so that the public no longer sees it, and publishes it again', async () => {
      const patch = (publication: string, headers = analyst.headers) =>
        t.app.inject({ method: 'PATCH', url: `/api/v1/targets/${targetId}`, payload: { publication }, headers });
      assert.equal((await patch('draft', reader.headers)).statusCode, 403);
      const res = await patch('draft');
      assert.equal(res.statusCode, 200, res.body);
      assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/targets/${targetId}` })).statusCode, 404);
      assert.equal(
        (await t.app.inject({ method: 'GET', url: `/api/v1/targets/${targetId}`, headers: reader.cookieOnly }))
          .statusCode,
        200,
      );
      const [audit] = await t.db.query<{ action: string; before: unknown; after: unknown }>(
        `SELECT action, before, after FROM audit_log WHERE entity = 'target' ORDER BY id DESC LIMIT 1`,
      );
      assert.deepEqual(audit, {
        action: 'unpublish',
        before: { publication: 'published' },
        after: { publication: 'draft' },
      });
      assert.equal((await patch('published')).statusCode, 200);
      assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/targets/${targetId}` })).statusCode, 200);
    });
  });
}
