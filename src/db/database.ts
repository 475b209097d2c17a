/**
 * One database interface over two engines: embedded PGlite (default, no set-up) and a real
 * PostgreSQL server (through DATABASE_URL). Both return values in the same JavaScript shapes:
 *   int2/int4/int8/float → number, numeric → string (exact; money and counts are parsed by callers),
 *   date → 'YYYY-MM-DD' string, timestamptz → ISO-8601 string, json/jsonb → parsed value.
 * All SQL lives in src/db; the rest of the application calls repositories.
 */
import pg from 'pg';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';

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
}

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

/** Opens an embedded PGlite database: in memory when `dataDir` is omitted or 'memory://'. */
export async function openPglite(dataDir?: string, options: { loadDataDir?: Blob } = {}): Promise<Database> {
  const inMemory = !dataDir || dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({
    ...(inMemory ? {} : { dataDir }),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    relaxedDurability: inMemory,
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
  return {
    engine: 'pglite',
    ...base,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
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

/** Opens a pool on a real PostgreSQL server. */
export async function openPostgres(connectionString: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString, types: pgTypes as unknown as pg.CustomTypesConfig, max: 10 });
  // An idle connection can fail (server restart, network, an administrator ending it). The pool drops it and
  // opens a new one on the next query; without this listener Node would treat the error as fatal.
  pool.on('error', (err) => process.emitWarning(`PostgreSQL connection lost: ${err.message}`, 'DatabaseWarning'));
  // Fail early with a clear message when the server cannot be reached.
  const client = await pool.connect();
  client.release();
  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const res = await c.query(sql, params as unknown[]);
      return res.rows as T[];
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });
  return {
    engine: 'postgresql',
    ...wrap(pool),
    async transaction(fn) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const out = await fn(wrap(c));
        await c.query('COMMIT');
        return out;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
    },
    close: () => pool.end(),
  };
}

/** DATABASE_URL (postgres://…) → PostgreSQL; otherwise PGlite in `pgliteDir` (or memory). */
export async function openDatabase(opts: {
  databaseUrl?: string | undefined;
  pgliteDir?: string | undefined;
}): Promise<Database> {
  if (opts.databaseUrl && /^postgres(ql)?:\/\//.test(opts.databaseUrl)) return openPostgres(opts.databaseUrl);
  return openPglite(opts.databaseUrl?.startsWith('memory://') ? undefined : opts.pgliteDir);
}
