import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { engines, freshDatabase } from '../helpers/db.ts';
import { repoRoot } from '../helpers/paths.ts';
import type { Database } from '../../src/db/database.ts';
import { loadDirectory } from '../../src/services/datasets.ts';
import { directoryLoaders } from '../../src/services/loaders.ts';
import { silentProgress } from '../../src/services/progress.ts';
import { tableCounts } from '../../src/db/repositories/datasets.ts';
import { AppError } from '../../src/core/errors.ts';

const fixtures = join(repoRoot, 'test', 'fixtures', 'datasets');
const ctx = { progress: silentProgress, now: () => new Date('2026-01-01T00:00:00Z') };

for (const engine of engines()) {
  describe(`loading a CSV dataset (${engine})`, () => {
    let db: Database;
    before(async () => {
      db = await freshDatabase(engine);
    });
    after(async () => {
      await db.close();
    });

    it('refuses a bad dataset with file, line and field, and writes nothing', async () => {
      const before = await tableCounts(db);
      await assert.rejects(
        loadDirectory(db, join(fixtures, 'bad-observation'), directoryLoaders, ctx),
        (err: unknown) => {
          assert.ok(err instanceof AppError);
          assert.equal(err.id, 'import_failed');
          assert.equal(err.message, "observations.csv:3: value: '3 000x' is not a number (and 1 more)");
          assert.deepEqual(err.details, [
            { file: 'observations.csv', line: 3, field: 'value', message: "'3 000x' is not a number" },
            { file: 'observations.csv', line: 4, field: 'area', message: "unknown area 'demo-district/C'" },
          ]);
          return true;
        },
      );
      assert.deepEqual(await tableCounts(db), before);
    });

    it('loads a good dataset in one go', async () => {
      const res = await loadDirectory(db, join(fixtures, 'good'), directoryLoaders, ctx);
      assert.equal(res.changed, true);
      const counts = await tableCounts(db);
      assert.deepEqual(counts, { source: 1, import_batch: 1, division: 2, area: 3, indicator: 3, observation: 5 });
      const [emp] = await db.query<{ value: string; numerator: string; status: string }>(
        `SELECT value, numerator, status FROM observation WHERE indicator_id = 'demo-employment'`,
      );
      assert.deepEqual(emp, { value: '60.0', numerator: '600', status: 'final' });
      const [sup] = await db.query<{ value: string | null; status: string }>(
        `SELECT value, status FROM observation WHERE indicator_id = 'demo-employed' AND area_code = 'B'`,
      );
      assert.deepEqual(sup, { value: null, status: 'suppressed' });
    });

    it('leaves the planner statistics fresh after the load (PGlite runs no autovacuum)', async () => {
      const rows = await db.query<{ relname: string; reltuples: number }>(
        `SELECT relname, reltuples::int AS reltuples FROM pg_class WHERE relname IN ('observation', 'area') ORDER BY relname`,
      );
      assert.deepEqual(rows, [
        { relname: 'area', reltuples: 3 },
        { relname: 'observation', reltuples: 5 },
      ]);
    });

    it('changes nothing when the same dataset is loaded twice', async () => {
      const before = await tableCounts(db);
      const snapshot = await db.query('SELECT * FROM observation ORDER BY indicator_id, area_code');
      const res = await loadDirectory(db, join(fixtures, 'good'), directoryLoaders, ctx);
      assert.equal(res.changed, false);
      assert.deepEqual(await tableCounts(db), before);
      assert.deepEqual(await db.query('SELECT * FROM observation ORDER BY indicator_id, area_code'), snapshot);
    });

    it('refuses a directory that is no dataset', async () => {
      await assert.rejects(loadDirectory(db, join(fixtures), directoryLoaders, ctx), /not a dataset Färdplan knows/);
    });
  });
}
