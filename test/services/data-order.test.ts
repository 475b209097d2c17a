/**
 * Data can arrive in any order: a start without reference data, followed by loading it, gives the same
 * database content as a start that had it (interventions' areas and targets' divisions included).
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../src/db/database.ts';
import { bootstrap } from '../../src/services/bootstrap.ts';
import { silentProgress } from '../../src/services/progress.ts';
import { loadDirectory } from '../../src/services/datasets.ts';
import { directoryLoaders } from '../../src/services/loaders.ts';
import { engines, freshDatabase } from '../helpers/db.ts';
import { FIXED_NOW, testApp } from '../helpers/app.ts';
import { dataDir, hasData } from '../helpers/paths.ts';

// data_version counts the writes of each domain, so it tells how the data came in, not what it is.
const VOLATILE: Record<string, string[]> = { import_batch: ['id', 'created_at'], observation: ['batch_id'] };

/** Every table's rows as sorted JSON lines; batch ids replaced by the batch's dataset and checksum. */
async function content(db: Database): Promise<Record<string, string[]>> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'schema_migration%' AND table_name <> 'data_version'
      ORDER BY table_name`,
  );
  const batches = new Map(
    (
      await db.query<{ id: number; dataset: string; checksum: string }>(
        'SELECT id, dataset, checksum FROM import_batch',
      )
    ).map((b) => [Number(b.id), `${b.dataset}:${b.checksum}`]),
  );
  const out: Record<string, string[]> = {};
  for (const { table_name: t } of tables) {
    const rows = await db.query<Record<string, unknown>>(`SELECT * FROM ${t}`);
    out[t] = rows
      .map((r) => {
        const copy: Record<string, unknown> = { ...r };
        if (t === 'observation') copy.batch = batches.get(Number(r.batch_id)) ?? null;
        for (const c of VOLATILE[t] ?? []) delete copy[c];
        return JSON.stringify(copy, Object.keys(copy).sort());
      })
      .sort();
  }
  return out;
}

function assertSameContent(a: Record<string, string[]>, b: Record<string, string[]>): void {
  assert.deepEqual(Object.keys(a), Object.keys(b));
  for (const t of Object.keys(a)) {
    const onlyA = a[t]!.filter((r) => !b[t]!.includes(r));
    const onlyB = b[t]!.filter((r) => !a[t]!.includes(r));
    assert.deepEqual(
      { table: t, onlyLater: onlyA.slice(0, 3), onlyFromStart: onlyB.slice(0, 3) },
      { table: t, onlyLater: [], onlyFromStart: [] },
    );
  }
}

for (const engine of engines()) {
  describe(`data in any order (${engine})`, () => {
    const open: Database[] = [];
    after(async () => {
      for (const db of open) await db.close();
    });
    const fresh = async (): Promise<Database> => {
      const db = await freshDatabase(engine);
      open.push(db);
      return db;
    };
    const ctx = { progress: silentProgress, now: () => FIXED_NOW };

    it('a start without data, then the next start with the shipped dataset, equals a start that had it', async () => {
      const later = await fresh();
      const first = await bootstrap(later, { ...ctx, dataDir: null, shipped: false });
      assert.ok(first.loaded.includes('interventions-register'));
      const [{ n }] = (await later.query<{ n: number }>('SELECT count(*)::int AS n FROM intervention_area')) as [
        { n: number },
      ];
      assert.equal(n, 0, 'no areas to link to yet');
      const { app } = await testApp({ engine, db: later });
      const banner = async (): Promise<{ dataDir: string | null; loaded: boolean; message: string | null }> =>
        (
          (await app.inject({ method: 'GET', url: '/api/v1/health' })).json() as {
            data: { dataDir: string | null; loaded: boolean; message: string | null };
          }
        ).data;
      assert.equal((await banner()).loaded, false);
      await bootstrap(later, { ...ctx, dataDir: null });
      assert.deepEqual(
        await banner(),
        { dataDir: null, loaded: true, message: null },
        'the banner follows what is loaded',
      );
      await app.close();
      const fromStart = await fresh();
      await bootstrap(fromStart, { ...ctx, dataDir: null });
      const a = await content(later);
      const b = await content(fromStart);
      assert.ok(a.intervention_area!.length >= 6, 'the interventions found their areas');
      assert.ok(a.intervention_area!.some((r) => r.includes(`"area_code":"0180D-jarva"`)));
      assertSameContent(a, b);
    });

    it(
      'a start without data, then fardplan load <raw dir>, equals a start with the data directory',
      { skip: !hasData && `no raw data directory at ${dataDir}` },
      async () => {
        const later = await fresh();
        await bootstrap(later, { ...ctx, dataDir: null, shipped: false });
        await loadDirectory(later, dataDir, directoryLoaders, ctx);
        const fromStart = await fresh();
        await bootstrap(fromStart, { ...ctx, dataDir });
        assertSameContent(await content(later), await content(fromStart));
      },
    );
  });
}
