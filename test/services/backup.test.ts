/**
 * Backup and restore of every table: a database with a statistics dataset, the framework, the interventions
 * register, accounts and the audit log is backed up, restored into an empty database, and every table compared
 * (row count and a digest of the rows' text). On each engine, and across engines when both are present.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database, Engine } from '../../src/db/database.ts';
import { listTables, tableDigest } from '../../src/db/repositories/backup.ts';
import { backupDatabase, restoreDatabase } from '../../src/services/backup.ts';
import { addUser } from '../../src/cli/commands/user.ts';
import { engines, freshDatabase } from '../helpers/db.ts';
import { FIXED_NOW } from '../helpers/app.ts';
import { repoRoot } from '../helpers/paths.ts';
import { bootstrap } from '../../src/services/bootstrap.ts';
import { loadDirectory } from '../../src/services/datasets.ts';
import { directoryLoaders } from '../../src/services/loaders.ts';
import { silentProgress } from '../../src/services/progress.ts';

/** A database with the goal framework, the interventions register, a statistics dataset, accounts and audit. */
async function filledDatabase(engine: Engine): Promise<Database> {
  const db = await freshDatabase(engine);
  const ctx = { dataDir: null, progress: silentProgress, now: () => FIXED_NOW };
  await bootstrap(db, ctx);
  await loadDirectory(db, join(repoRoot, 'test', 'fixtures', 'datasets', 'good'), directoryLoaders, ctx);
  return db;
}

const PW = 'a long and secret pass phrase';

async function digests(db: Database): Promise<Record<string, { rows: number; md5: string | null }>> {
  const out: Record<string, { rows: number; md5: string | null }> = {};
  for (const t of await listTables(db)) out[t.name] = await tableDigest(db, t.name);
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'fardplan-backup-'));
const files = new Map<Engine, string>();
const sources = new Map<Engine, Record<string, { rows: number; md5: string | null }>>();
after(() => rmSync(dir, { recursive: true, force: true }));

for (const engine of engines()) {
  describe(`backup and restore (${engine})`, () => {
    let source: Database;
    before(async () => {
      source = await filledDatabase(engine);
      await addUser(source, 'anna.admin', { role: 'admin', displayName: 'Anna "Å" Admin\n' }, PW, () => FIXED_NOW);
      // values that lose precision or shape through JavaScript: big int8, exact numeric, jsonb, timestamps
      await source.query(
        `INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, before, after)
         VALUES ('2026-06-15T10:00:00.123456Z', NULL, 'cli', 'test', 'backup', '9007199254740993',
                 '{"n": 12345678901234567890.123456789}'::jsonb, '{"s": "tab\\t and \\\\ and \\u00e5"}'::jsonb)`,
      );
      sources.set(engine, await digests(source));
    });
    after(() => source.close());

    it('restores into an empty database with every table equal', async () => {
      const file = join(dir, `${engine}.fardplan-backup`);
      const summary = await backupDatabase(source, file);
      files.set(engine, file);
      const expected = sources.get(engine)!;
      assert.equal(summary.tables, Object.keys(expected).length);
      assert.ok(Object.values(expected).filter((d) => d.rows > 0).length >= 5, 'several tables hold rows');
      const target = await freshDatabase(engine, { migrate: false });
      try {
        await restoreDatabase(target, file);
        assert.deepEqual(await digests(target), expected);
        // sequences continue after the restored ids
        const u = await addUser(target, 'bertil.admin', { role: 'admin' }, PW, () => FIXED_NOW);
        assert.ok(Number(u.id) > 1);
      } finally {
        await target.close();
      }
    });

    it('refuses a non-empty target, a truncated file and a file that is not a backup, changing nothing', async () => {
      const file = files.get(engine)!;
      await assert.rejects(restoreDatabase(source, file), /not empty/);
      const target = await freshDatabase(engine);
      try {
        const full = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
        const truncated = join(dir, `${engine}-truncated`);
        writeFileSync(truncated, gzipSync(full.slice(0, Math.max(2, full.length - 5)).join('\n')));
        await assert.rejects(restoreDatabase(target, truncated), /incomplete/);
        const empty = Object.values(await digests(target)).every((d) => d.rows === 0);
        assert.ok(empty, 'nothing was written');
        const junk = join(dir, `${engine}-junk`);
        writeFileSync(junk, 'hello');
        await assert.rejects(restoreDatabase(target, junk), /not a Färdplan backup/);
      } finally {
        await target.close();
      }
    });
  });
}

if (engines().length === 2)
  describe('backup and restore across engines', () => {
    it('a PGlite backup restores into PostgreSQL and back with every table equal', async () => {
      for (const [from, to] of [
        ['pglite', 'postgresql'],
        ['postgresql', 'pglite'],
      ] as const) {
        const file = files.get(from);
        if (!file) continue;
        const target = await freshDatabase(to, { migrate: false });
        try {
          await restoreDatabase(target, file);
          assert.deepEqual(await digests(target), sources.get(from));
        } finally {
          await target.close();
        }
      }
    });
  });
