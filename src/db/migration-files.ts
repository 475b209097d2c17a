/**
 * The SQL migrations of this checkout (src/db/migrations, copied beside the compiled runner in dist/db) and
 * their checksums. Read by the runner (migrate.ts) and by the embedded database's migrated cluster
 * (pglite-initdb.ts), which is recognised by the set of migrations it holds.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  id: string;
  sql: string;
}

export function listMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ id: f.replace(/\.sql$/, ''), sql: readFileSync(dir + f, 'utf8') }));
}

/** SHA-256 of a migration's text, with line endings normalised (a checkout on Windows is not a change). */
export const checksumOf = (sql: string): string =>
  createHash('sha256').update(sql.replace(/\r\n/g, '\n'), 'utf8').digest('hex');

/** 12 hex digits over every migration's id and checksum: a schema with the same migrations has the same one. */
export function schemaFingerprint(migrations: readonly Migration[] = listMigrations()): string {
  const h = createHash('sha256');
  for (const m of migrations) h.update(m.id).update('\u0000').update(checksumOf(m.sql)).update('\n');
  return h.digest('hex').slice(0, 12);
}
