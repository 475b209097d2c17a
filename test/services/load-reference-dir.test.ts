// `fardplan load <dir>` recognises the Stockholm reference layout and loads it once.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engines, freshDatabase } from '../helpers/db.ts';
import { dataDir, hasData } from '../helpers/paths.ts';
import type { Database } from '../../src/db/database.ts';
import { loadDirectory } from '../../src/services/datasets.ts';
import { directoryLoaders } from '../../src/services/loaders.ts';
import { silentProgress } from '../../src/services/progress.ts';

for (const engine of engines())
  describe(
    `loading the reference data directory (${engine})`,
    { skip: !hasData && 'no reference data directory' },
    () => {
      let db: Database;
      before(async () => {
        db = await freshDatabase(engine);
      });
      after(async () => {
        await db.close();
      });

      it('loads it in one transaction, and the second time changes nothing', async () => {
        const ctx = { progress: silentProgress, now: () => new Date('2026-01-01T00:00:00Z') };
        const first = await loadDirectory(db, dataDir, directoryLoaders, ctx);
        assert.equal(first.dataset, directoryLoaders[0]!.id);
        assert.equal(first.changed, true);
        const [pop] = await db.query<{ value: string }>(
          `SELECT value FROM observation WHERE indicator_id = 'population' AND division_id = 'kommun' AND period = '2022' AND breakdown = ''`,
        );
        assert.equal(Number(pop!.value), 984748);
        const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM observation'))[0]!.n;
        const before = await count();
        const second = await loadDirectory(db, dataDir, directoryLoaders, ctx);
        assert.equal(second.changed, false);
        assert.equal(await count(), before);
      });
    },
  );
