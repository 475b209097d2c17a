/**
 * One database interface over two engines: embedded PGlite (default, no set-up) and a real
 * PostgreSQL server (through DATABASE_URL). Both return values in the same JavaScript shapes:
 *   int2/int4/int8/float → number, numeric → string (exact; money and counts are parsed by callers),
 *   date → 'YYYY-MM-DD' string, timestamptz → ISO-8601 string, json/jsonb → parsed value.
 * All SQL lives in src/db; the rest of the application calls repositories.
 */
import pg from 'pg';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/errors.ts';
import { PGLITE_CONF, clusterArchive, copyClusterSnapshot, type ClusterStart } from './pglite-initdb.ts';

export type Engine = 'pglite' | 'postgresql';

export interface Queryable {
  /** Run one parameterised statement and return its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Run a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly engine: Engine;
  /** Run `fn` in one transaction: commit when it resolves, roll back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * Run `fn` while holding a database-wide lock named by `key`, so that several processes on one PostgreSQL
   * take turns (migrations, start-up loaders). PGlite has one process by construction and only queues calls.
   */
  withLock?<T>(key: number, fn: () => Promise<T>): Promise<T>;
}

/** Runs `fn` under `db.withLock(key)` when the engine offers it, else directly. */
export function withDatabaseLock<T>(db: Database, key: number, fn: () => Promise<T>): Promise<T> {
  return db.withLock ? db.withLock(key, fn) : fn();
}

/** Advisory lock keys (any 64-bit number; these spell "fardplan" roughly and must stay stable). */
export const LOCK = { schema: 0x6661_7264_01, startupLoad: 0x6661_7264_02 } as const;

const OID = {
  int8: 20,
  int2: 21,
  int4: 23,
  float4: 700,
  float8: 701,
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
} as const;

const toIso = (s: string): string =>
  new Date(s.includes('T') ? s : s.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();
const identity = (s: string): string => s;

/** True when opening this embedded database makes a new one (in memory, or no cluster in the directory yet). */
export function isNewPglite(dataDir?: string): boolean {
  return !dataDir || dataDir.startsWith('memory://') || !existsSync(join(dataDir, 'PG_VERSION'));
}

export interface PgliteOptions {
  /** The cluster's archive to start a new database from (a test's snapshot). */
  loadDataDir?: Blob;
  /**
   * Which of the build's clusters a new database starts from (pglite-initdb.ts): 'migrated' (every migration
   * of this checkout applied, when the build made that schema) for a database that is migrated next anyway,
   * else 'empty' (the default).
   */
  start?: ClusterStart;
}

/** Opens an embedded PGlite database: in memory when `dataDir` is omitted or 'memory://'. */
export async function openPglite(dataDir?: string, options: PgliteOptions = {}): Promise<Database> {
  const inMemory = !dataDir || dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  // a new cluster starts from one the build made instead of running initdb (pglite-initdb.ts): on disk a
  // copy of its directory, in memory its archive; the migrated one when asked for and made for this schema
  const fresh = isNewPglite(dataDir) && !options.loadDataDir;
  const starts: ClusterStart[] = options.start === 'migrated' ? ['migrated', 'empty'] : ['empty'];
  const copied = fresh && !inMemory && starts.some((start) => copyClusterSnapshot(dataDir, start));
  let load = options.loadDataDir;
  for (const start of fresh && !copied ? starts : []) load ??= clusterArchive(start);
  const db = await PGlite.create({
    ...(inMemory ? {} : { dataDir }),
    ...(load ? { loadDataDir: load } : {}),
    relaxedDurability: inMemory,
    // PGlite's default shared_buffers (160 MB) caches pages that already sit in memory (the in-memory file
    // system) or in the operating system's page cache (a data directory): 32 MB is plenty.
    postgresqlconf: PGLITE_CONF,
    parsers: {
      [OID.int8]: (s: string) => Number(s),
      [OID.numeric]: identity,
      [OID.date]: identity,
      [OID.timestamptz]: toIso,
      [OID.timestamp]: toIso,
    },
  });
  const wrap = (q: { query: PGlite['query']; exec: PGlite['exec'] }): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const res = await q.query<T>(sql, params as unknown[]);
      return res.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const base = wrap(db);
  const locks = new Map<number, Promise<unknown>>();
  return {
    engine: 'pglite',
    ...base,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
    withLock<T>(key: number, fn: () => Promise<T>): Promise<T> {
      const prev = locks.get(key) ?? Promise.resolve();
      const next = prev.then(fn, fn);
      locks.set(
        key,
        next.catch(() => undefined),
      );
      return next;
    },
    // Exposed for snapshotting test databases (not part of the interface).
    ...({ dump: () => db.dumpDataDir('gzip') } as object),
  };
}

void pgliteTypes;

const pgTypes = {
  getTypeParser(oid: number, format?: string): (s: string) => unknown {
    switch (oid) {
      case OID.int8:
        return (s: string) => Number(s);
      case OID.numeric:
      case OID.date:
        return identity;
      case OID.timestamptz:
      case OID.timestamp:
        return toIso;
      default:
        return pg.types.getTypeParser(oid, (format ?? 'text') as 'text') as (s: string) => unknown;
    }
  },
};

/** SQLSTATE classes and codes, and socket errors, that mean "the server is gone", not "this statement is wrong". */
const CONNECTION_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);

/** True when `err` says the database connection was lost or could not be made (a restart, a network failure). */
export function isConnectionError(err: unknown): boolean {
  if (err instanceof AppError) return err.id === 'database_unavailable';
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (CONNECTION_CODES.has(code) || code.startsWith('08')) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|connection error|timeout exceeded when trying to connect|Client was closed|Cannot use a pool after calling end/i.test(
    message,
  );
}

const unavailable = (err: unknown): AppError =>
  new AppError('database_unavailable', `The database cannot be reached: ${(err as Error).message ?? String(err)}`);

/** Turns a lost connection into AppError('database_unavailable') (a 503); other errors pass through. */
const mapError = (err: unknown): never => {
  throw isConnectionError(err) ? unavailable(err) : err;
};

export interface PostgresOptions {
  /** Largest number of connections in the pool (default 10). */
  max?: number;
  /** How long a request waits for a connection before it fails with 503 (default 5 s). */
  connectionTimeoutMillis?: number;
}

/**
 * Opens a pool on a real PostgreSQL server. Every connection gets an error listener for its whole life (idle in
 * the pool or checked out for a transaction), so a restart of the server or a dropped connection never ends the
 * process: the statements in flight fail with AppError('database_unavailable') and the next ones open new
 * connections as soon as the server is back.
 */
export async function openPostgres(connectionString: string, options: PostgresOptions = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString,
    types: pgTypes as unknown as pg.CustomTypesConfig,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5000,
  });
  let lastWarning = 0;
  const warn = (err: Error): void => {
    // At most one warning a second: a restart drops every connection at once.
    const t = Date.now();
    if (t - lastWarning < 1000) return;
    lastWarning = t;
    process.emitWarning(`PostgreSQL connection lost: ${err.message}`, 'DatabaseWarning');
  };
  pool.on('error', warn);
  pool.on('connect', (client) => client.on('error', warn));
  // Fail early with a clear message when the server cannot be reached.
  const client = await pool.connect();
  client.release();
  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const res = await c.query(sql, params as unknown[]).catch(mapError);
      return res.rows as T[];
    },
    async exec(sql: string) {
      await c.query(sql).catch(mapError);
    },
  });
  // One connection runs one statement at a time: statements a transaction starts together (Promise.all) wait
  // their turn here instead of overlapping on the client (which pg deprecates and pg 9 refuses).
  const serial = (c: pg.PoolClient): Queryable => {
    const inner = wrap(c);
    let tail: Promise<unknown> = Promise.resolve();
    const turn = <T>(run: () => Promise<T>): Promise<T> => {
      const next = tail.then(run, run);
      tail = next.catch(() => undefined);
      return next;
    };
    return {
      query: <T>(sql: string, params?: readonly unknown[]) => turn(() => inner.query<T>(sql, params)),
      exec: (sql: string) => turn(() => inner.exec(sql)),
    };
  };
  return {
    engine: 'postgresql',
    ...wrap(pool),
    async transaction(fn) {
      const c = await pool.connect().catch(mapError);
      let broken: Error | undefined;
      try {
        await c.query('BEGIN').catch(mapError);
        const out = await fn(serial(c));
        await c.query('COMMIT').catch(mapError);
        return out;
      } catch (err) {
        await c.query('ROLLBACK').catch((e: Error) => {
          broken = e; // the connection is unusable: the pool must not hand it out again
        });
        if (isConnectionError(err)) broken ??= err as Error;
        throw err;
      } finally {
        c.release(broken);
      }
    },
    close: () => pool.end(),
    async withLock<T>(key: number, fn: () => Promise<T>): Promise<T> {
      // A session-level advisory lock on a connection of its own, held while `fn` uses the pool.
      const c = await pool.connect().catch(mapError);
      let broken: Error | undefined;
      try {
        await c.query('SELECT pg_advisory_lock($1)', [key]).catch(mapError);
        try {
          return await fn();
        } finally {
          await c.query('SELECT pg_advisory_unlock($1)', [key]).catch((e: Error) => {
            broken = e; // closing the connection releases the lock too
          });
        }
      } finally {
        c.release(broken);
      }
    },
    ...({ pool } as object),
  };
}

/** DATABASE_URL (postgres://…) → PostgreSQL; otherwise PGlite in `pgliteDir` (or memory). */
export async function openDatabase(opts: {
  databaseUrl?: string | undefined;
  pgliteDir?: string | undefined;
  /** A new embedded database's cluster (openPglite). */
  start?: ClusterStart;
}): Promise<Database> {
  if (opts.databaseUrl && /^postgres(ql)?:\/\//.test(opts.databaseUrl)) return openPostgres(opts.databaseUrl);
  const dir = opts.databaseUrl?.startsWith('memory://') ? undefined : opts.pgliteDir;
  return openPglite(dir, opts.start ? { start: opts.start } : {});
}
