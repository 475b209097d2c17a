/**
 * The real app on a real database for tests: `inject` for API tests, `listen` for browser tests.
 *
 *   const t = await testApp({ engine, reference: true });   // reference data loaded (cached snapshot)
 *   const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
 *   await t.close();
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { openPglite, openPostgres, type Database, type Engine } from '../../src/db/database.ts';
import { buildApp } from '../../src/server/app.ts';
import { bootstrap } from '../../src/services/bootstrap.ts';
import { silentProgress } from '../../src/services/progress.ts';
import { freshDatabase } from './db.ts';
import { dataDir, hasData, repoRoot } from './paths.ts';

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  close(): Promise<void>;
}

/** A fixed clock for tests. */
export const FIXED_NOW = new Date('2026-06-15T10:00:00Z');

/** Seeded bytes (deterministic "randomness" for tests): a SHA-256 counter stream. */
export function seededBytes(seed = 'fardplan'): (n: number) => Uint8Array {
  let counter = 0;
  return (n: number) => {
    const out = Buffer.alloc(n);
    let off = 0;
    while (off < n) {
      const block = createHash('sha256').update(`${seed}:${counter++}`).digest();
      off += block.copy(out, off);
    }
    return out;
  };
}

function hashTree(paths: string[]): string {
  const h = createHash('sha256');
  const walk = (p: string): void => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) for (const n of readdirSync(p).sort()) walk(join(p, n));
    else h.update(p).update(readFileSync(p));
  };
  for (const p of paths) walk(p);
  return h.digest('hex').slice(0, 16);
}

/** What a reference snapshot depends on: when any of it changes, the snapshot is rebuilt. */
function snapshotKey(): string {
  const code = hashTree(['src/db', 'src/importers', 'src/core', 'src/services', 'data'].map((p) => join(repoRoot, p)));
  // A snapshot made without the raw data directory is not the same as one made with it.
  return `${code}_${hasData ? 'raw' : 'shipped'}`;
}

async function loadReference(db: Database): Promise<void> {
  await bootstrap(db, { dataDir: hasData ? dataDir : null, progress: silentProgress, now: () => FIXED_NOW });
}

/** A database holding the reference data (and the framework), built once per code version and reused. */
export async function referenceDatabase(engine: Engine): Promise<Database> {
  const key = snapshotKey();
  if (engine === 'pglite') {
    const dir = join(repoRoot, '.data', 'test-cache');
    const file = join(dir, `reference-${key}.tar.gz`);
    if (existsSync(file)) {
      return openPglite(undefined, { loadDataDir: new Blob([readFileSync(file)]) });
    }
    const db = await openPglite(undefined, { start: 'migrated' });
    await loadReference(db);
    const dump = (db as unknown as { dump: () => Promise<Blob> }).dump;
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await (await dump()).arrayBuffer()));
    renameSync(tmp, file);
    // Keep only the current snapshot (older ones belong to older code).
    for (const old of readdirSync(dir))
      if (old.startsWith('reference-') && !old.startsWith(`reference-${key}`)) rmSync(join(dir, old), { force: true });
    return db;
  }
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error('TEST_DATABASE_URL is not set');
  const template = `fardplan_tpl_${key}`;
  const name = `fardplan_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(4242)');
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (!exists.rowCount) {
      await client.query(`CREATE DATABASE ${template}`);
      const url = new URL(admin);
      url.pathname = `/${template}`;
      const tdb = await openPostgres(url.toString());
      try {
        await loadReference(tdb);
      } catch (err) {
        await tdb.close();
        await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
        throw err;
      }
      await tdb.close();
    }
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await client.query('SELECT pg_advisory_unlock(4242)').catch(() => undefined);
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const inner = await openPostgres(url.toString());
  return {
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

export interface TestAppOptions {
  engine?: Engine;
  /** Load the reference data and framework (from a cached snapshot). */
  reference?: boolean;
  devWrites?: boolean;
  /** Serve the built web app too (browser tests). */
  web?: boolean;
  db?: Database;
  /** The app's clock (default FIXED_NOW). */
  now?: () => Date;
}

export async function testApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const engine = opts.engine ?? 'pglite';
  const db = opts.db ?? (opts.reference ? await referenceDatabase(engine) : await freshDatabase(engine));
  const app = await buildApp(
    {
      db,
      version: 'test',
      devWrites: opts.devWrites ?? false,
      dataStatus: {
        dataDir: opts.reference ? dataDir : null,
        loaded: !!opts.reference,
        message: opts.reference ? null : 'No data directory (test)',
      },
      now: opts.now ?? (() => FIXED_NOW),
      randomBytes: seededBytes(),
    },
    { webDir: opts.web ? join(repoRoot, 'dist', 'web') : null },
  );
  await app.ready();
  return {
    app,
    db,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
