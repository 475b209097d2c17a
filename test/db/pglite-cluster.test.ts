import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite, type Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { listMigrations, schemaFingerprint } from '../../src/db/migration-files.ts';
import { clusterArchive } from '../../src/db/pglite-initdb.ts';

/** What a schema is made of, as PostgreSQL describes it: enough to tell two schemas apart. */
async function schemaOf(db: Database): Promise<unknown> {
  const q = (sql: string) => db.query(sql);
  return {
    migrations: await q('SELECT id, checksum FROM schema_migration ORDER BY id'),
    columns: await q(`SELECT table_name, column_name, data_type, column_default, is_nullable
                        FROM information_schema.columns WHERE table_schema = 'public'
                       ORDER BY table_name, ordinal_position`),
    indexes: await q(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`),
    constraints: await q(`SELECT conrelid::regclass::text AS rel, conname, pg_get_constraintdef(oid) AS def
                            FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`),
    triggers: await q(
      `SELECT tgname, pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2`,
    ),
    functions: await q(`SELECT proname, prosrc FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1, 2`),
    views: await q(`SELECT viewname, definition FROM pg_views WHERE schemaname = 'public' ORDER BY 1`),
  };
}

describe("the build's migrated PGlite cluster (a new database without applying every migration)", () => {
  it("exists for this checkout's migrations (npm install and npm run build make it)", () => {
    assert.ok(clusterArchive('migrated'), `no dist/pglite/schema-…-${schemaFingerprint()}.tar.gz: run npm run build`);
  });

  it('holds exactly what migrating an empty database gives, and leaves nothing to apply', async () => {
    const fromCluster = await openPglite(undefined, { start: 'migrated' });
    const migrated = await openPglite(undefined, { start: 'empty' });
    try {
      assert.deepEqual(await migrate(fromCluster), []);
      assert.equal((await migrate(migrated)).length, listMigrations().length);
      assert.deepEqual(await schemaOf(fromCluster), await schemaOf(migrated));
    } finally {
      await fromCluster.close();
      await migrated.close();
    }
  });

  it('a new database on disk is a copy of its directory; the database opens again as it was left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fardplan-cluster-'));
    try {
      const first = await openPglite(join(dir, 'db'), { start: 'migrated' });
      assert.deepEqual(await migrate(first), []);
      await first.query(`INSERT INTO source (id, name, publisher, citation) VALUES ('test', 'Test', 'Test', 'Test')`);
      await first.close();
      assert.ok(existsSync(join(dir, 'db', 'PG_VERSION')));
      const again = await openPglite(join(dir, 'db'), { start: 'migrated' });
      assert.deepEqual(await again.query(`SELECT id FROM source WHERE id = 'test'`), [{ id: 'test' }]);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is recognised by its migrations: another text is another schema, a Windows line ending is not', () => {
    const ms = listMigrations();
    const last = ms.at(-1)!;
    assert.equal(schemaFingerprint(ms), schemaFingerprint());
    assert.notEqual(
      schemaFingerprint([...ms.slice(0, -1), { ...last, sql: `${last.sql}\n-- changed` }]),
      schemaFingerprint(),
    );
    assert.notEqual(schemaFingerprint(ms.slice(0, -1)), schemaFingerprint());
    assert.equal(schemaFingerprint(ms.map((m) => ({ ...m, sql: m.sql.replace(/\n/g, '\r\n') }))), schemaFingerprint());
  });
});
