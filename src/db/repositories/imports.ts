/** Imports: batches with their publication state, staged (draft) values, revisions and saved queries. */
import type { Queryable } from '../database.ts';
import type { Rows } from '../rows.generated.ts';
import type { Area, Indicator, Observation } from '../../core/types.ts';
import type { IncomingObservation, ObservationChange, StoredValue } from '../../core/imports/diff.ts';
import { observationKey } from '../../core/imports/diff.ts';

const CHUNK = 5000;
async function inChunks<T>(rows: readonly T[], fn: (chunk: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await fn(rows.slice(i, i + CHUNK));
}

type Key = Pick<Observation, 'indicatorId' | 'divisionId' | 'areaCode' | 'period' | 'breakdown'>;
const keyArrays = (c: readonly Key[]) => [
  c.map((o) => o.indicatorId),
  c.map((o) => o.divisionId),
  c.map((o) => o.areaCode),
  c.map((o) => o.period),
  c.map((o) => o.breakdown),
];

/** The columns an observation and a staged one share: its key, its value and where it comes from. */
type ValueColumns =
  | 'indicatorId'
  | 'divisionId'
  | 'areaCode'
  | 'period'
  | 'breakdown'
  | 'value'
  | 'numerator'
  | 'denominator'
  | 'status'
  | 'source';

/** The stored values at the given keys, locked for the transaction that will change them. */
export async function storedValues(db: Queryable, keys: readonly Key[]): Promise<Map<string, StoredValue>> {
  const out = new Map<string, StoredValue>();
  await inChunks(keys, async (c) => {
    const rows = await db.query<Pick<Rows['observation'], ValueColumns | 'batchId'>>(
      `SELECT o.indicator_id AS "indicatorId", o.division_id AS "divisionId", o.area_code AS "areaCode", o.period,
              o.breakdown, o.value, o.numerator, o.denominator, o.status, o.source, o.batch_id AS "batchId"
       FROM observation o
       JOIN unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS k(i, d, a, p, b)
         ON o.indicator_id = k.i AND o.division_id = k.d AND o.area_code = k.a AND o.period = k.p AND o.breakdown = k.b
       FOR UPDATE OF o`,
      keyArrays(c),
    );
    for (const r of rows) {
      out.set(observationKey(r), {
        value: r.value,
        numerator: r.numerator,
        denominator: r.denominator,
        status: r.status,
        source: r.source,
        batchId: r.batchId === null ? null : Number(r.batchId),
      });
    }
  });
  return out;
}

/** Keeps the values an import replaces or withdraws. */
export async function insertRevisions(
  db: Queryable,
  changes: readonly ObservationChange[],
  replacedBy: number,
  at: Date,
): Promise<void> {
  const rows = changes.filter((c) => (c.kind === 'changed' || c.kind === 'deleted') && c.previous);
  await inChunks(rows, async (c) => {
    await db.query(
      `INSERT INTO observation_revision (indicator_id, division_id, area_code, period, breakdown, value, numerator,
         denominator, status, source, batch_id, change, replaced_by, replaced_at)
       SELECT i, d, a, p, b, v, n, dn, s, src, bt, ch, $13::bigint, $14::timestamptz
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::numeric[],
         $8::numeric[], $9::text[], $10::text[], $11::bigint[], $12::text[]) AS t(i, d, a, p, b, v, n, dn, s, src, bt, ch)`,
      [
        ...keyArrays(c.map((x) => x.next)),
        c.map((x) => x.previous!.value),
        c.map((x) => x.previous!.numerator),
        c.map((x) => x.previous!.denominator),
        c.map((x) => x.previous!.status),
        c.map((x) => x.previous!.source),
        c.map((x) => x.previous!.batchId),
        c.map((x) => x.kind),
        replacedBy,
        at.toISOString(),
      ],
    );
  });
}

export async function deleteObservations(db: Queryable, keys: readonly Key[]): Promise<void> {
  await inChunks(keys, async (c) => {
    await db.query(
      `DELETE FROM observation o USING unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS k(i, d, a, p, b)
       WHERE o.indicator_id = k.i AND o.division_id = k.d AND o.area_code = k.a AND o.period = k.p AND o.breakdown = k.b`,
      keyArrays(c),
    );
  });
}

export interface BatchInput {
  dataset: string;
  description: string;
  checksum: string;
  rowCount: number;
  publication: 'draft' | 'published';
  sourceKind: 'upload' | 'scb' | 'kolada';
  fileName: string | null;
  summary: Record<string, number>;
  createdBy: string | null;
  createdAt: Date;
  savedQueryId: number | null;
}

export async function insertImportBatch(db: Queryable, b: BatchInput): Promise<number> {
  const [row] = await db.query<Pick<Rows['import_batch'], 'id'>>(
    `INSERT INTO import_batch (dataset, description, checksum, file_count, row_count, publication, source_kind, file_name,
       summary, created_by, created_at, saved_query_id, published_at, published_by)
     VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8::jsonb, $9, $10, $11,
       CASE WHEN $5 = 'published' THEN $10::timestamptz END, CASE WHEN $5 = 'published' THEN $9 END)
     RETURNING id`,
    [
      b.dataset,
      b.description,
      b.checksum,
      b.rowCount,
      b.publication,
      b.sourceKind,
      b.fileName,
      JSON.stringify(b.summary),
      b.createdBy,
      b.createdAt.toISOString(),
      b.savedQueryId,
    ],
  );
  return Number(row!.id);
}

export interface BatchRow extends Pick<
  Rows['import_batch'],
  | 'id'
  | 'dataset'
  | 'description'
  | 'publication'
  | 'sourceKind'
  | 'fileName'
  | 'rowCount'
  | 'createdBy'
  | 'createdAt'
  | 'publishedAt'
  | 'publishedBy'
> {
  /** jsonb: the counts the import wrote (insertImportBatch). */
  summary: Record<string, number>;
}

const BATCH_COLS = `id::int AS id, dataset, description, publication, source_kind AS "sourceKind", file_name AS "fileName",
  row_count AS "rowCount", summary, created_by AS "createdBy", created_at AS "createdAt", published_at AS "publishedAt",
  published_by AS "publishedBy"`;

export async function findImportBatch(db: Queryable, id: number, forUpdate = false): Promise<BatchRow | null> {
  const rows = await db.query<BatchRow>(
    `SELECT ${BATCH_COLS} FROM import_batch WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function listImportBatches(db: Queryable, limit = 100): Promise<BatchRow[]> {
  return db.query<BatchRow>(
    `SELECT ${BATCH_COLS} FROM import_batch WHERE source_kind <> 'load' ORDER BY id DESC LIMIT $1`,
    [limit],
  );
}

export async function markPublished(db: Queryable, id: number, at: Date, by: string | null): Promise<void> {
  await db.query(
    `UPDATE import_batch SET publication = 'published', published_at = $2, published_by = $3 WHERE id = $1`,
    [id, at.toISOString(), by],
  );
}

export async function insertStaged(db: Queryable, batchId: number, obs: readonly IncomingObservation[]): Promise<void> {
  await inChunks(obs, async (c) => {
    await db.query(
      `INSERT INTO staged_observation (batch_id, indicator_id, division_id, area_code, period, breakdown, value, numerator,
         denominator, status, source, deleted)
       SELECT $12::bigint, i, d, a, p, b, v, n, dn, s, src, del FROM unnest($1::text[], $2::text[], $3::text[], $4::text[],
         $5::text[], $6::numeric[], $7::numeric[], $8::numeric[], $9::text[], $10::text[], $11::boolean[])
         AS t(i, d, a, p, b, v, n, dn, s, src, del)`,
      [
        ...keyArrays(c),
        c.map((o) => o.value),
        c.map((o) => o.numerator),
        c.map((o) => o.denominator),
        c.map((o) => o.status),
        c.map((o) => o.source),
        c.map((o) => o.deleted === true),
        batchId,
      ],
    );
  });
}

export async function readStaged(db: Queryable, batchId: number): Promise<IncomingObservation[]> {
  const rows = await db.query<Pick<Rows['staged_observation'], ValueColumns | 'deleted'>>(
    `SELECT indicator_id AS "indicatorId", division_id AS "divisionId", area_code AS "areaCode", period, breakdown, value,
            numerator, denominator, status, source, deleted
     FROM staged_observation WHERE batch_id = $1 ORDER BY indicator_id, division_id, area_code, period, breakdown`,
    [batchId],
  );
  return rows.map((r) => ({ ...r, derived: false }));
}

export async function clearStaged(db: Queryable, batchId: number): Promise<void> {
  await db.query('DELETE FROM staged_observation WHERE batch_id = $1', [batchId]);
}

/** Writes added and changed values with the batch that brought them. */
export async function writeObservations(db: Queryable, obs: readonly Observation[], batchId: number): Promise<void> {
  await inChunks(obs, async (c) => {
    await db.query(
      `INSERT INTO observation (indicator_id, division_id, area_code, period, breakdown, value, numerator, denominator, status, derived, source, batch_id)
       SELECT i, d, a, p, b, v, n, dn, s, false, src, $11::bigint FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
         $6::numeric[], $7::numeric[], $8::numeric[], $9::text[], $10::text[]) AS t(i, d, a, p, b, v, n, dn, s, src)
       ON CONFLICT (indicator_id, division_id, area_code, period, breakdown) DO UPDATE SET value = EXCLUDED.value,
         numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator, status = EXCLUDED.status, derived = false,
         source = EXCLUDED.source, batch_id = EXCLUDED.batch_id`,
      [
        ...keyArrays(c),
        c.map((o) => o.value),
        c.map((o) => o.numerator),
        c.map((o) => o.denominator),
        c.map((o) => o.status),
        c.map((o) => o.source),
        batchId,
      ],
    );
  });
}

export type RevisionRow = Pick<
  Rows['observation_revision'],
  'value' | 'status' | 'source' | 'batchId' | 'replacedBy' | 'change' | 'replacedAt'
>;

export async function revisionsOf(db: Queryable, key: Key): Promise<RevisionRow[]> {
  return db.query<RevisionRow>(
    `SELECT value, status, source, batch_id::int AS "batchId", replaced_by::int AS "replacedBy", change, replaced_at AS "replacedAt"
     FROM observation_revision WHERE indicator_id = $1 AND division_id = $2 AND area_code = $3 AND period = $4 AND breakdown = $5
     ORDER BY id`,
    [key.indicatorId, key.divisionId, key.areaCode, key.period, key.breakdown],
  );
}

/** Areas that do not exist yet (e.g. another municipality fetched from SCB); existing areas stay as they are. */
export async function insertMissingAreas(db: Queryable, areas: readonly Area[]): Promise<void> {
  if (!areas.length) return;
  await db.query(
    `INSERT INTO area (division_id, code, name, parent_division_id, parent_code)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
     ON CONFLICT (division_id, code) DO NOTHING`,
    [
      areas.map((a) => a.divisionId),
      areas.map((a) => a.code),
      areas.map((a) => a.name),
      areas.map((a) => a.parentDivisionId),
      areas.map((a) => a.parentCode),
    ],
  );
}

/** Indicators that do not exist yet; an existing definition is never overwritten by a connector. */
export async function insertMissingIndicators(db: Queryable, list: readonly Indicator[]): Promise<void> {
  for (const i of list) {
    await db.query(
      `INSERT INTO indicator (id, name_sv, name_en, definition_sv, definition_en, unit, kind, polarity, multiplier, decimals)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING`,
      [
        i.id,
        i.nameSv,
        i.nameEn,
        i.definitionSv,
        i.definitionEn,
        i.unit,
        i.kind,
        i.polarity,
        String(i.multiplier),
        i.decimals,
      ],
    );
  }
}

export async function existingAreaKeys(db: Queryable): Promise<Set<string>> {
  const rows = await db.query<{ k: string }>(`SELECT division_id || '/' || code AS k FROM area`);
  return new Set(rows.map((r) => r.k));
}

export async function existingIndicatorIds(db: Queryable): Promise<Set<string>> {
  const rows = await db.query<Pick<Rows['indicator'], 'id'>>('SELECT id FROM indicator');
  return new Set(rows.map((r) => r.id));
}

export interface SavedQueryRow extends Pick<
  Rows['saved_query'],
  'id' | 'connector' | 'label' | 'lastRunAt' | 'lastBatchId' | 'lastFromDate'
> {
  /** jsonb: the connector's query, as saveQuery stored it. */
  params: Record<string, unknown>;
}

export async function saveQuery(
  db: Queryable,
  q: { connector: 'scb' | 'kolada'; label: string; params: Record<string, unknown>; paramsKey: string; at: Date },
): Promise<number> {
  const [row] = await db.query<Pick<Rows['saved_query'], 'id'>>(
    `INSERT INTO saved_query (connector, label, params, params_key, created_at) VALUES ($1, $2, $3::jsonb, $4, $5)
     ON CONFLICT (connector, params_key) DO UPDATE SET label = EXCLUDED.label RETURNING id::int AS id`,
    [q.connector, q.label, JSON.stringify(q.params), q.paramsKey, q.at.toISOString()],
  );
  return row!.id;
}

export async function markQueryRun(
  db: Queryable,
  id: number,
  at: Date,
  batchId: number | null,
  fromDate: string | null,
): Promise<void> {
  await db.query(
    `UPDATE saved_query SET last_run_at = $2, last_batch_id = COALESCE($3, last_batch_id),
       last_from_date = COALESCE($4, last_from_date) WHERE id = $1`,
    [id, at.toISOString(), batchId, fromDate],
  );
}

export async function listSavedQueries(db: Queryable): Promise<SavedQueryRow[]> {
  return db.query<SavedQueryRow>(
    `SELECT id::int AS id, connector, label, params, last_run_at AS "lastRunAt", last_batch_id::int AS "lastBatchId",
            last_from_date AS "lastFromDate"
     FROM saved_query ORDER BY id`,
  );
}

/** Divisions that do not exist yet (a fresh database without the reference data). */
export async function insertMissingDivisions(
  db: Queryable,
  list: readonly { id: string; nameSv: string; nameEn: string; level: number; sort?: number }[],
): Promise<void> {
  for (const d of list) {
    await db.query(
      `INSERT INTO division (id, name_sv, name_en, level, sort) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
      [d.id, d.nameSv, d.nameEn, d.level, d.sort ?? 0],
    );
  }
}
