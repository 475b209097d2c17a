/**
 * Real databases for tests: PGlite in memory always; PostgreSQL too when TEST_DATABASE_URL points at a
 * server (CI starts one). Each call gets a fresh, migrated database of its own, so files run in parallel.
 *
 *   for (const engine of engines()) describe(`… (${engine})`, () => { … await freshDatabase(engine) … })
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, type Database, type Engine } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';

export function engines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgresql'] : ['pglite'];
}

/** A fresh database on `engine` with every migration applied. Close it when done (drops a PostgreSQL one). */
export async function freshDatabase(engine: Engine, options: { migrate?: boolean } = {}): Promise<Database> {
  let db: Database;
  if (engine === 'pglite') {
    // from the build's migrated cluster when it matches this checkout's migrations (migrate below is then a no-op)
    db = await openPglite(undefined, { start: options.migrate === false ? 'empty' : 'migrated' });
  } else {
    const admin = process.env.TEST_DATABASE_URL;
    if (!admin) throw new Error('TEST_DATABASE_URL is not set');
    const name = `fardplan_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const inner = await openPostgres(url.toString());
    db = {
      ...inner,
      async close() {
        await inner.close();
        const c = new pg.Client({ connectionString: admin });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  if (options.migrate !== false) await migrate(db);
  return db;
}
