/**
 * The participation services authorise the acting user themselves: a district editor's committee areas are
 * read inside the command's own transaction, so a direct call (no HTTP, no route guard) is scoped the same.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FIXED_NOW, referenceDatabase } from '../helpers/app.ts';
import { engines } from '../helpers/db.ts';
import { TEST_PASSWORD } from '../helpers/auth.ts';
import { createProcess } from '../../src/services/participation/index.ts';
import { createUser } from '../../src/services/auth/index.ts';
import type { ActingUser } from '../../src/services/acting.ts';
import { AppError } from '../../src/core/errors.ts';
import { statusOf } from '../../src/server/errors.ts';
import type { Database } from '../../src/db/database.ts';

const JARVA = 'stadsdelsomrade-2023:0180D-jarva';
const SKARHOLMEN = 'stadsdelsomrade-2023:0180D-skarholmen';

for (const engine of engines()) {
  describe(`participation commands authorise the acting user (${engine})`, () => {
    let db: Database;
    let editor: ActingUser;
    const fx = { now: () => FIXED_NOW };
    const processInput = (id: string, area: string) => ({
      id,
      name: `Budget ${id}`,
      area,
      budget: '100000',
      rule: 'greedy' as const,
      knapsack: true,
      maxChoices: null,
    });
    const processCount = async (id: string) =>
      (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM participation_process WHERE id = $1', [id]))[0]?.n;

    before(async () => {
      db = await referenceDatabase(engine);
      const u = await createUser(
        db,
        { username: 'ed.jarva', role: 'district_editor', committeeId: 'sdn-jarva', password: TEST_PASSWORD },
        null,
        fx,
      );
      editor = { id: u.id, username: u.username, role: 'district_editor', committeeId: 'sdn-jarva' };
    });
    after(async () => {
      await db?.close();
    });

    it('a district editor of sdn-jarva is refused (403) in Skärholmen and allowed in Järva, on a direct call', async () => {
      await assert.rejects(
        createProcess(db, processInput('skarholmen-2026', SKARHOLMEN), editor, fx),
        (e: unknown) =>
          e instanceof AppError &&
          e.id === 'forbidden' &&
          statusOf[e.id] === 403 &&
          e.details[0]?.code === 'not_allowed_area',
      );
      assert.equal(await processCount('skarholmen-2026'), 0);

      const created = await createProcess(db, processInput('jarva-2026', JARVA), editor, fx);
      assert.equal(`${created.divisionId}:${created.areaCode}`, JARVA);
      assert.equal(await processCount('jarva-2026'), 1);
      const [audit] = await db.query<{ user_id: string | null; username: string | null }>(
        `SELECT user_id::text, username FROM audit_log WHERE entity = 'participation_process' AND entity_id = $1`,
        ['jarva-2026'],
      );
      assert.deepEqual(audit, { user_id: String(editor.id), username: 'ed.jarva' });
    });
  });
}
