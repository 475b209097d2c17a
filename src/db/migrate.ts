/**
 * Forward-only SQL migrations: src/db/migrations/NNNN_name.sql, each applied once, in order, in its own transaction.
 * Several processes may start at once on one PostgreSQL: they take turns under an advisory lock. The checksum of
 * each applied file is kept; a file changed after it was applied stops the start with a clear message.
 */
import { LOCK, withDatabaseLock, type Database } from './database.ts';
import { ensureDataVersionTriggers } from './data-version.ts';
import { checksumOf, listMigrations } from './migration-files.ts';
import { AppError } from '../core/errors.ts';

/** Applies the pending migrations; returns the ids applied now. */
export async function migrate(db: Database, migrations = listMigrations()): Promise<string[]> {
  return withDatabaseLock(db, LOCK.schema, async () => {
    // Only DDL when needed: an app role without rights to change the schema can start on a migrated database.
    const state = await db.query<{ table: string | null; checksum: boolean }>(
      `SELECT to_regclass('schema_migration')::text AS table,
              EXISTS (SELECT 1 FROM information_schema.columns
                       WHERE table_name = 'schema_migration' AND column_name = 'checksum') AS checksum`,
    );
    if (!state[0]?.table)
      await db.exec(`CREATE TABLE schema_migration (
        id text PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now(),
        checksum text
      )`);
    else if (!state[0].checksum) await db.exec('ALTER TABLE schema_migration ADD COLUMN checksum text');
    const rows = await db.query<{ id: string; checksum: string | null }>('SELECT id, checksum FROM schema_migration');
    const done = new Map(rows.map((r) => [r.id, r.checksum]));
    const changed: string[] = [];
    for (const m of migrations) {
      if (!done.has(m.id)) continue;
      const sum = checksumOf(m.sql);
      const stored = done.get(m.id);
      if (stored === null) await db.query('UPDATE schema_migration SET checksum = $2 WHERE id = $1', [m.id, sum]);
      else if (stored !== sum) changed.push(m.id);
    }
    if (changed.length)
      throw new AppError(
        'conflict',
        `Applied migration(s) ${changed.join(', ')} changed after they were applied. Migrations are forward-only: ` +
          'restore the original file(s) from version control and put the change in a new migration.',
        changed.map((id) => ({ file: `src/db/migrations/${id}.sql`, message: 'changed after it was applied' })),
      );
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      await db.transaction(async (tx) => {
        await tx.exec(m.sql);
        await tx.query('INSERT INTO schema_migration (id, checksum) VALUES ($1, $2)', [m.id, checksumOf(m.sql)]);
      });
      applied.push(m.id);
    }
    // Every table (including those of the migrations just applied) bumps the data version on writes.
    if (applied.length > 0) await ensureDataVersionTriggers(db);
    return applied;
  });
}
