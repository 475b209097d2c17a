/**
 * The SQL of backup and restore, generic over every table of the schema (tables added by any feature are
 * included without a change here). Rows travel as PostgreSQL's own JSON text (`to_json` of the row), which keeps
 * numeric, int8, dates, timestamps, jsonb, arrays and bytea exact; restore turns them back with
 * `json_populate_recordset`, so values never pass through JavaScript numbers.
 */
import type { Queryable } from '../database.ts';
import type { Rows } from '../rows.generated.ts';

export interface TableInfo {
  name: string;
  /** Columns that can be written (generated columns are left out). */
  columns: string[];
}

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Every ordinary table of the public schema except the migrations' own bookkeeping, by name. */
export async function listTables(db: Queryable): Promise<TableInfo[]> {
  const rows = await db.query<{ name: string; columns: string[] }>(
    `SELECT c.relname AS name,
            array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname NOT IN ('schema_migration', 'data_version')
      GROUP BY c.relname
      ORDER BY c.relname`,
  );
  return rows;
}

export async function appliedMigrations(db: Queryable): Promise<string[]> {
  const rows = await db.query<Pick<Rows['schema_migration'], 'id'>>('SELECT id FROM schema_migration ORDER BY id');
  return rows.map((r) => r.id);
}

/** Makes the rest of the transaction see one snapshot (a consistent backup while the app keeps writing). */
export async function snapshotTransaction(tx: Queryable): Promise<void> {
  await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
}

export async function countRows(db: Queryable, table: string): Promise<number> {
  const rows = await db.query<{ n: number }>(`SELECT count(*)::int8 AS n FROM ${ident(table)}`);
  return rows[0]?.n ?? 0;
}

/**
 * One page of a table's rows after physical position `after` (a tid, '(0,0)' to start): the rows as a JSON array
 * text and the position to continue from (null at the end).
 */
export async function readPage(
  tx: Queryable,
  table: string,
  after: string,
  limit: number,
): Promise<{ json: string; last: string | null; count: number }> {
  const rows = await tx.query<{ json: string | null; last: string | null; count: number }>(
    `SELECT json_agg(x.r ORDER BY x.c)::text AS json, max(x.c)::text AS last, count(*)::int AS count
       FROM (SELECT t.ctid AS c, to_json(t) AS r FROM ${ident(table)} t WHERE t.ctid > $1::tid ORDER BY t.ctid LIMIT $2) x`,
    [after, limit],
  );
  const r = rows[0];
  if (!r || !r.count) return { json: '[]', last: null, count: 0 };
  return { json: r.json ?? '[]', last: r.last, count: r.count };
}

/** Foreign keys of the public schema, as statements to drop and to re-create them. */
export async function foreignKeys(db: Queryable): Promise<{ table: string; name: string; definition: string }[]> {
  return db.query(
    `SELECT c.relname AS table, k.conname AS name, pg_get_constraintdef(k.oid) AS definition
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public'
      ORDER BY c.relname, k.conname`,
  );
}

export async function dropForeignKey(tx: Queryable, table: string, name: string): Promise<void> {
  await tx.query(`ALTER TABLE ${ident(table)} DROP CONSTRAINT ${ident(name)}`);
}

export async function addForeignKey(tx: Queryable, table: string, name: string, definition: string): Promise<void> {
  await tx.query(`ALTER TABLE ${ident(table)} ADD CONSTRAINT ${ident(name)} ${definition}`);
}

/** Turns a table's own triggers off or on (the restore writes rows exactly as they were, without side effects). */
export async function setUserTriggers(tx: Queryable, table: string, enabled: boolean): Promise<void> {
  await tx.query(`ALTER TABLE ${ident(table)} ${enabled ? 'ENABLE' : 'DISABLE'} TRIGGER USER`);
}

/** Inserts a page of rows (a JSON array text from readPage) into `table`. */
export async function insertPage(tx: Queryable, table: TableInfo, json: string): Promise<void> {
  const cols = table.columns.map(ident).join(', ');
  await tx.query(
    `INSERT INTO ${ident(table.name)} (${cols}) OVERRIDING SYSTEM VALUE
     SELECT ${cols} FROM json_populate_recordset(NULL::${ident(table.name)}, $1::json)`,
    [json],
  );
}

/** Moves every sequence owned by a column past the largest value restored into it. */
export async function resetSequences(tx: Queryable): Promise<void> {
  const seqs = await tx.query<{ seq: string; tbl: string; col: string }>(
    `SELECT s.relname AS seq, t.relname AS tbl, a.attname AS col
       FROM pg_class s
       JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
       JOIN pg_class t ON t.oid = d.refobjid
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
       JOIN pg_namespace n ON n.oid = s.relnamespace
      WHERE s.relkind = 'S' AND n.nspname = 'public'`,
  );
  for (const s of seqs) {
    await tx.query(
      `SELECT setval($1::regclass, COALESCE((SELECT max(${ident(s.col)}) FROM ${ident(s.tbl)}), 0) + 1, false)`,
      [ident(s.seq)],
    );
  }
}

/** A digest of a table's contents, independent of row order (for comparing a restore with its source). */
export async function tableDigest(db: Queryable, table: string): Promise<{ rows: number; md5: string | null }> {
  const rows = await db.query<{ rows: number; md5: string | null }>(
    `SELECT count(*)::int AS rows, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS md5 FROM ${ident(table)} t`,
  );
  return rows[0] ?? { rows: 0, md5: null };
}
