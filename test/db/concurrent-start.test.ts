/**
 * Several processes on one PostgreSQL: two `fardplan migrate` processes and two app instances (separate pools)
 * migrating and loading one empty database at once both succeed and leave one copy of everything; an applied
 * migration whose file changed stops the start with a clear message.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { openPglite, openPostgres } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { listMigrations } from '../../src/db/migration-files.ts';
import { bootstrap } from '../../src/services/bootstrap.ts';
import { silentProgress } from '../../src/services/progress.ts';
import { FIXED_NOW } from '../helpers/app.ts';
import { repoRoot } from '../helpers/paths.ts';

const admin = process.env.TEST_DATABASE_URL;

async function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `fardplan_conc_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(admin!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

describe('several processes, one PostgreSQL', { skip: admin ? false : 'TEST_DATABASE_URL is not set' }, () => {
  const drops: (() => Promise<void>)[] = [];
  after(async () => {
    for (const d of drops) await d();
  });

  it('two `fardplan migrate` processes on one empty database both succeed', async () => {
    const { url, drop } = await emptyDatabase();
    drops.push(drop);
    const run = () =>
      promisify(execFile)(process.execPath, ['bin/fardplan.mjs', 'migrate'], {
        cwd: repoRoot,
        env: { ...process.env, DATABASE_URL: url },
      });
    const [a, b] = await Promise.all([run(), run()]);
    const outputs = [a.stdout, b.stdout].sort();
    // one applied everything, the other found the database up to date
    assert.match(outputs.join('\n'), /Applied \d+ migration/);
    assert.match(outputs.join('\n'), /up to date/);
    const db = await openPostgres(url);
    try {
      const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migration');
      assert.equal(rows[0]!.n, listMigrations().length);
    } finally {
      await db.close();
    }
  });

  it('two app instances with separate pools migrate and load one empty database at once', async () => {
    const { url, drop } = await emptyDatabase();
    drops.push(drop);
    const [a, b] = await Promise.all([openPostgres(url), openPostgres(url)]);
    try {
      const ctx = { dataDir: null, progress: silentProgress, now: () => FIXED_NOW };
      const [ra, rb] = await Promise.all([bootstrap(a, ctx), bootstrap(b, ctx)]);
      assert.equal(ra.migrationsApplied.length + rb.migrationsApplied.length, listMigrations().length);
      assert.ok(ra.loaded.length + rb.loaded.length > 0, 'something was loaded');
      // each loader ran once: no loader id in both
      const both = ra.loaded.filter((id) => rb.loaded.includes(id));
      assert.deepEqual(both, []);
      // a third start finds everything in place
      const rc = await bootstrap(a, ctx);
      assert.deepEqual(rc.migrationsApplied, []);
      assert.deepEqual(rc.loaded, []);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('checksums of applied migrations', () => {
  let db: Awaited<ReturnType<typeof openPglite>>;
  before(async () => {
    db = await openPglite();
  });
  after(() => db.close());

  it('records them and refuses to start when an applied file changed', async () => {
    const ms = [
      { id: '9001_one', sql: 'CREATE TABLE t_one (x int);\n' },
      { id: '9002_two', sql: 'CREATE TABLE t_two (x int);' },
    ];
    assert.deepEqual(await migrate(db, ms), ['9001_one', '9002_two']);
    assert.deepEqual(await migrate(db, ms), []);
    // line endings alone are not a change
    assert.deepEqual(await migrate(db, [{ ...ms[0]!, sql: ms[0]!.sql.replace('\n', '\r\n') }, ms[1]!]), []);
    await assert.rejects(migrate(db, [ms[0]!, { id: '9002_two', sql: 'CREATE TABLE t_two (x bigint);' }]), (e: Error) =>
      /9002_two.*changed after/.test(e.message),
    );
  });
});
