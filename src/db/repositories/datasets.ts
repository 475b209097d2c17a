/** Writing the statistics domain in batches (one statement per table per batch, through unnest). */
import type { Queryable } from '../database.ts';
import type { Area, Division, Indicator, Observation, Source } from '../../core/types.ts';

/** The import batch of the Stockholm reference dataset (its presence means the dataset is loaded). */
export const REFERENCE_DATASET = 'stockholm-reference';

export async function isReferenceLoaded(db: Queryable): Promise<boolean> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM import_batch WHERE dataset = $1', [
    REFERENCE_DATASET,
  ]);
  return (rows[0]?.n ?? 0) > 0;
}

const CHUNK = 5000;

async function inChunks<T>(rows: readonly T[], fn: (chunk: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await fn(rows.slice(i, i + CHUNK));
}

export async function createBatch(
  db: Queryable,
  b: {
    dataset: string;
    description: string;
    checksum: string;
    fileCount: number;
    rowCount: number;
    createdBy?: string | null;
  },
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO import_batch (dataset, description, checksum, file_count, row_count, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [b.dataset, b.description, b.checksum, b.fileCount, b.rowCount, b.createdBy ?? null],
  );
  return row!.id;
}

export async function findBatch(db: Queryable, dataset: string, checksum: string): Promise<number | null> {
  const rows = await db.query<{ id: number }>('SELECT id FROM import_batch WHERE dataset = $1 AND checksum = $2', [
    dataset,
    checksum,
  ]);
  return rows[0]?.id ?? null;
}

export async function upsertSources(db: Queryable, sources: readonly Source[]): Promise<void> {
  if (!sources.length) return;
  await db.query(
    `INSERT INTO source (id, name, publisher, url, licence, citation)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, publisher = EXCLUDED.publisher, url = EXCLUDED.url,
       licence = EXCLUDED.licence, citation = EXCLUDED.citation`,
    [
      sources.map((s) => s.id),
      sources.map((s) => s.name),
      sources.map((s) => s.publisher),
      sources.map((s) => s.url ?? null),
      sources.map((s) => s.licence ?? null),
      sources.map((s) => s.citation),
    ],
  );
}

export async function upsertDivisions(db: Queryable, divisions: readonly Division[]): Promise<void> {
  if (!divisions.length) return;
  await db.query(
    `INSERT INTO division (id, name_sv, name_en, level, valid_from, valid_to, source_id, sort)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::date[], $6::date[], $7::text[], $8::int[])
     ON CONFLICT (id) DO UPDATE SET name_sv = EXCLUDED.name_sv, name_en = EXCLUDED.name_en, level = EXCLUDED.level,
       valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to, source_id = EXCLUDED.source_id, sort = EXCLUDED.sort`,
    [
      divisions.map((d) => d.id),
      divisions.map((d) => d.nameSv),
      divisions.map((d) => d.nameEn),
      divisions.map((d) => d.level),
      divisions.map((d) => d.validFrom),
      divisions.map((d) => d.validTo),
      divisions.map((d) => d.sourceId ?? null),
      divisions.map((d) => d.sort ?? 0),
    ],
  );
}

/** Areas are written parents first (callers pass them in any order). */
export async function upsertAreas(db: Queryable, areas: readonly Area[]): Promise<void> {
  const ordered = [...areas].sort((a, b) => Number(a.parentCode !== null) - Number(b.parentCode !== null));
  await inChunks(ordered, async (c) => {
    await db.query(
      `INSERT INTO area (division_id, code, name, parent_division_id, parent_code, geometry, properties)
       SELECT d, c, n, pd, pc, g::jsonb, p::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS t(d, c, n, pd, pc, g, p)
       ON CONFLICT (division_id, code) DO UPDATE SET name = EXCLUDED.name, parent_division_id = EXCLUDED.parent_division_id,
         parent_code = EXCLUDED.parent_code, geometry = COALESCE(EXCLUDED.geometry, area.geometry), properties = EXCLUDED.properties`,
      [
        c.map((a) => a.divisionId),
        c.map((a) => a.code),
        c.map((a) => a.name),
        c.map((a) => a.parentDivisionId),
        c.map((a) => a.parentCode),
        c.map((a) => (a.geometry ? JSON.stringify(a.geometry) : null)),
        c.map((a) => JSON.stringify(a.properties ?? {})),
      ],
    );
  });
}

export async function upsertIndicators(db: Queryable, indicators: readonly Indicator[]): Promise<void> {
  if (!indicators.length) return;
  // Counts first so that numerator/denominator references resolve.
  const ordered = [...indicators].sort((a, b) => Number(a.numeratorId !== null) - Number(b.numeratorId !== null));
  const i = ordered;
  await db.query(
    `INSERT INTO indicator (id, name_sv, name_en, definition_sv, definition_en, unit, kind, polarity, source_id,
       numerator_id, denominator_id, multiplier, decimals, goal_area_id, sort)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
       $10::text[], $11::text[], $12::numeric[], $13::int[], $14::text[], $15::int[])
     ON CONFLICT (id) DO UPDATE SET name_sv = EXCLUDED.name_sv, name_en = EXCLUDED.name_en, definition_sv = EXCLUDED.definition_sv,
       definition_en = EXCLUDED.definition_en, unit = EXCLUDED.unit, kind = EXCLUDED.kind, polarity = EXCLUDED.polarity,
       source_id = EXCLUDED.source_id, numerator_id = EXCLUDED.numerator_id, denominator_id = EXCLUDED.denominator_id,
       multiplier = EXCLUDED.multiplier, decimals = EXCLUDED.decimals, goal_area_id = EXCLUDED.goal_area_id, sort = EXCLUDED.sort`,
    [
      i.map((x) => x.id),
      i.map((x) => x.nameSv),
      i.map((x) => x.nameEn),
      i.map((x) => x.definitionSv),
      i.map((x) => x.definitionEn),
      i.map((x) => x.unit),
      i.map((x) => x.kind),
      i.map((x) => x.polarity),
      i.map((x) => x.sourceId),
      i.map((x) => x.numeratorId),
      i.map((x) => x.denominatorId),
      i.map((x) => String(x.multiplier)),
      i.map((x) => x.decimals),
      i.map((x) => x.goalAreaId ?? null),
      i.map((x) => x.sort ?? 0),
    ],
  );
}

export async function upsertObservations(
  db: Queryable,
  obs: readonly Observation[],
  batchId: number | null,
): Promise<void> {
  await inChunks(obs, async (c) => {
    await db.query(
      `INSERT INTO observation (indicator_id, division_id, area_code, period, breakdown, value, numerator, denominator, status, derived, source, batch_id)
       SELECT i, d, a, p, b, v, n, dn, s, dr, src, $12::bigint FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
         $6::numeric[], $7::numeric[], $8::numeric[], $9::text[], $10::boolean[], $11::text[]) AS t(i, d, a, p, b, v, n, dn, s, dr, src)
       ON CONFLICT (indicator_id, division_id, area_code, period, breakdown) DO UPDATE SET value = EXCLUDED.value,
         numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator, status = EXCLUDED.status, derived = EXCLUDED.derived,
         source = EXCLUDED.source, batch_id = EXCLUDED.batch_id`,
      [
        c.map((o) => o.indicatorId),
        c.map((o) => o.divisionId),
        c.map((o) => o.areaCode),
        c.map((o) => o.period),
        c.map((o) => o.breakdown),
        c.map((o) => o.value),
        c.map((o) => o.numerator),
        c.map((o) => o.denominator),
        c.map((o) => o.status),
        c.map((o) => o.derived),
        c.map((o) => o.source),
        batchId,
      ],
    );
  });
}

/**
 * Fresh planner statistics for the statistics tables, after a load has committed. PGlite runs no
 * autovacuum, and on PostgreSQL it comes only later: until then the planner believes the tables are as
 * small as before the load and joins areas to observations in a nested loop (at national scale, 5,984
 * DeSO: 2 s instead of 18 ms for one indicator's values).
 */
export async function refreshPlannerStatistics(db: Queryable): Promise<void> {
  await db.query('ANALYZE observation, area');
}

/** Known ids, for validating references of a dataset against what the database already holds. */
export async function knownIds(
  db: Queryable,
): Promise<{ divisions: Set<string>; areas: Set<string>; indicators: Set<string> }> {
  const [d, a, i] = await Promise.all([
    db.query<{ id: string }>('SELECT id FROM division'),
    db.query<{ k: string }>(`SELECT division_id || '/' || code AS k FROM area`),
    db.query<{ id: string }>('SELECT id FROM indicator'),
  ]);
  return {
    divisions: new Set(d.map((r) => r.id)),
    areas: new Set(a.map((r) => r.k)),
    indicators: new Set(i.map((r) => r.id)),
  };
}

/** Row counts of the main tables: used to show that a failed load wrote nothing. */
export async function tableCounts(db: Queryable): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['source', 'import_batch', 'division', 'area', 'indicator', 'observation']) {
    const [r] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`);
    out[t] = r!.n;
  }
  return out;
}

/** Everything in the statistics domain, for export as a CSV dataset (the same shape `fardplan load` reads). */
export async function readStatistics(db: Queryable, opts: { indicators?: string[] } = {}) {
  const filter = opts.indicators?.length ? opts.indicators : null;
  const [sources, divisions, areas, indicators, observations] = await Promise.all([
    db.query<Record<string, string | null>>(
      'SELECT id, name, publisher, url, licence, citation FROM source ORDER BY id',
    ),
    db.query<Record<string, string | number | null>>(
      'SELECT id, name_sv, name_en, level, valid_from, valid_to FROM division ORDER BY level, id',
    ),
    db.query<Record<string, string | null>>(
      `SELECT division_id AS division, code, name, parent_division_id AS parent_division, parent_code FROM area
       ORDER BY (SELECT level FROM division d WHERE d.id = area.division_id), division_id, code`,
    ),
    db.query<Record<string, string | number | null>>(
      `SELECT id, name_sv, name_en, unit, kind, polarity, definition_sv, definition_en, numerator_id AS numerator,
              denominator_id AS denominator, multiplier, decimals, source_id AS source
       FROM indicator WHERE $1::text[] IS NULL OR id = ANY($1::text[]) ORDER BY (numerator_id IS NOT NULL), sort, id`,
      [filter],
    ),
    db.query<Record<string, string | null>>(
      `SELECT indicator_id AS indicator, division_id AS division, area_code AS area, period, breakdown, value, numerator, denominator, status, source
       FROM observation WHERE NOT derived AND ($1::text[] IS NULL OR indicator_id = ANY($1::text[]))
       ORDER BY indicator_id, division_id, area_code, period, breakdown`,
      [filter],
    ),
  ]);
  return { sources, divisions, areas, indicators, observations };
}
