/** The reference dataset: crosswalk writers and the reads behind /divisions, /areas and /indicators. */
import type { Queryable } from '../database.ts';
import type { Crosswalk } from '../../core/geo/crosswalk.ts';
import type { GeoJSONGeometry } from '../../core/types.ts';

export const REFERENCE_DATASET = 'stockholm-reference';

export async function isReferenceLoaded(db: Queryable): Promise<boolean> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM import_batch WHERE dataset = $1', [
    REFERENCE_DATASET,
  ]);
  return (rows[0]?.n ?? 0) > 0;
}

/** Writes crosswalks with links, unmatched source areas and uncovered target areas (batched; re-running changes nothing). */
export async function upsertCrosswalks(
  db: Queryable,
  crosswalks: readonly Crosswalk[],
  sourceId: string | null,
): Promise<void> {
  if (!crosswalks.length) return;
  const c = crosswalks;
  await db.query(
    `INSERT INTO crosswalk (from_division_id, to_division_id, method, description, source_id)
     SELECT f, t, m, d, $5::text FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(f, t, m, d)
     ON CONFLICT (from_division_id, to_division_id) DO UPDATE SET method = EXCLUDED.method, description = EXCLUDED.description,
       source_id = EXCLUDED.source_id`,
    [c.map((x) => x.fromDivision), c.map((x) => x.toDivision), c.map((x) => x.kind), c.map((x) => x.method), sourceId],
  );
  const links = c.flatMap((x) => x.links.map((l) => ({ ...l, from: x.fromDivision, to: x.toDivision })));
  await db.query(
    `INSERT INTO crosswalk_link (from_division_id, from_code, to_division_id, to_code, weight, confidence, note, method)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::numeric[], $6::numeric[], $7::text[], $8::text[])
     ON CONFLICT (from_division_id, from_code, to_division_id, to_code) DO UPDATE SET weight = EXCLUDED.weight,
       confidence = EXCLUDED.confidence, note = EXCLUDED.note, method = EXCLUDED.method`,
    [
      links.map((l) => l.from),
      links.map((l) => l.fromCode),
      links.map((l) => l.to),
      links.map((l) => l.toCode),
      links.map((l) => String(l.weight)),
      links.map((l) => String(l.confidence)),
      links.map((l) => l.note),
      links.map((l) => l.method),
    ],
  );
  const un = c.flatMap((x) => x.unmatched.map((u) => ({ ...u, from: x.fromDivision, to: x.toDivision })));
  if (un.length)
    await db.query(
      `INSERT INTO crosswalk_unmatched (from_division_id, from_code, to_division_id, reason)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       ON CONFLICT (from_division_id, from_code, to_division_id) DO UPDATE SET reason = EXCLUDED.reason`,
      [un.map((u) => u.from), un.map((u) => u.code), un.map((u) => u.to), un.map((u) => u.reason)],
    );
  const uc = c.flatMap((x) => x.uncovered.map((u) => ({ ...u, from: x.fromDivision, to: x.toDivision })));
  if (uc.length)
    await db.query(
      `INSERT INTO crosswalk_uncovered (from_division_id, to_division_id, to_code, reason)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       ON CONFLICT (from_division_id, to_division_id, to_code) DO UPDATE SET reason = EXCLUDED.reason`,
      [uc.map((u) => u.from), uc.map((u) => u.to), uc.map((u) => u.code), uc.map((u) => u.reason)],
    );
}

/** A division (indelning) with how many areas it has and how many of them have a polygon. */
export interface DivisionRow {
  id: string;
  nameSv: string;
  nameEn: string;
  level: number;
  validFrom: string | null;
  validTo: string | null;
  areaCount: number;
  withGeometry: number;
  hasGeometry: boolean;
}

/** Every division, by level: the one read of divisions for the reference and profile APIs. */
export async function listDivisions(db: Queryable): Promise<DivisionRow[]> {
  return db.query<DivisionRow>(
    `SELECT d.id, d.name_sv AS "nameSv", d.name_en AS "nameEn", d.level, d.valid_from::text AS "validFrom",
            d.valid_to::text AS "validTo", g."areaCount", g."withGeometry", g."withGeometry" > 0 AS "hasGeometry"
     FROM division d
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS "areaCount", count(a.geometry)::int AS "withGeometry" FROM area a WHERE a.division_id = d.id
     ) g
     ORDER BY d.level, d.sort, d.id`,
  );
}

export interface AreaRow {
  code: string;
  name: string;
  parentDivisionId: string | null;
  parentCode: string | null;
  properties: Record<string, unknown>;
  geometry?: GeoJSONGeometry | null;
}

export async function listAreas(db: Queryable, divisionId: string, withGeometry: boolean): Promise<AreaRow[]> {
  return db.query<AreaRow>(
    `SELECT code, name, parent_division_id AS "parentDivisionId", parent_code AS "parentCode", properties
            ${withGeometry ? ', geometry' : ''}
     FROM area WHERE division_id = $1 ORDER BY name, code`,
    [divisionId],
  );
}

export async function findDivision(db: Queryable, id: string): Promise<DivisionRow | null> {
  const rows = (await listDivisions(db)).filter((d) => d.id === id);
  return rows[0] ?? null;
}

/** Periods with observations of an indicator, per division (ascending). */
export async function indicatorPeriods(
  db: Queryable,
  indicatorId: string,
): Promise<{ divisionId: string; period: string }[]> {
  // A loose index scan (one index probe per pair, along observation_indicator_period_idx): a DISTINCT
  // over every observation of the indicator reads 60,000 rows at national scale for ten pairs.
  return db.query(
    `WITH RECURSIVE t(d, p) AS (
       (SELECT division_id, period FROM observation WHERE indicator_id = $1 AND breakdown = ''
         ORDER BY division_id, period LIMIT 1)
       UNION ALL
       SELECT n.division_id, n.period FROM t CROSS JOIN LATERAL (
         SELECT division_id, period FROM observation
          WHERE indicator_id = $1 AND breakdown = '' AND (division_id, period) > (t.d, t.p)
          ORDER BY division_id, period LIMIT 1) n
     )
     SELECT d AS "divisionId", p AS period FROM t ORDER BY p, d`,
    [indicatorId],
  );
}

export interface ValueRow {
  code: string;
  name: string;
  value: string | null;
  numerator: string | null;
  denominator: string | null;
  status: string | null;
  derived: boolean | null;
  source: string | null;
}

/** Every area of a division with its observation (null columns where there is none). */
export async function areaValues(
  db: Queryable,
  indicatorId: string,
  divisionId: string,
  period: string,
): Promise<ValueRow[]> {
  return db.query<ValueRow>(
    `SELECT a.code, a.name, o.value, o.numerator, o.denominator, o.status, o.derived, o.source
     FROM area a
     LEFT JOIN observation o ON o.division_id = a.division_id AND o.area_code = a.code AND o.indicator_id = $1 AND o.period = $3 AND o.breakdown = ''
     WHERE a.division_id = $2
     ORDER BY a.name, a.code`,
    [indicatorId, divisionId, period],
  );
}

export interface CrosswalkRow {
  fromDivisionId: string;
  toDivisionId: string;
  method: string;
  description: string;
  links: {
    fromCode: string;
    fromName: string;
    toCode: string;
    toName: string;
    weight: string;
    confidence: string | null;
    method: string | null;
    note: string | null;
  }[];
  unmatched: { code: string; reason: string }[];
  uncovered: { code: string; name: string; reason: string }[];
}

/** Every crosswalk with its links (names joined), unmatched source areas and uncovered target areas. */
export async function listCrosswalks(db: Queryable): Promise<CrosswalkRow[]> {
  const [cws, links, unmatched, uncovered] = await Promise.all([
    db.query<{ from: string; to: string; method: string; description: string }>(
      'SELECT from_division_id AS "from", to_division_id AS "to", method, description FROM crosswalk ORDER BY from_division_id, to_division_id',
    ),
    db.query<{ from: string; to: string } & CrosswalkRow['links'][number]>(
      `SELECT l.from_division_id AS "from", l.to_division_id AS "to", l.from_code AS "fromCode", fa.name AS "fromName", l.to_code AS "toCode",
              ta.name AS "toName", l.weight, l.confidence, l.method, l.note
       FROM crosswalk_link l
       JOIN area fa ON fa.division_id = l.from_division_id AND fa.code = l.from_code
       JOIN area ta ON ta.division_id = l.to_division_id AND ta.code = l.to_code
       ORDER BY l.from_code, l.to_code`,
    ),
    db.query<{ from: string; to: string; code: string; reason: string }>(
      'SELECT from_division_id AS "from", to_division_id AS "to", from_code AS code, reason FROM crosswalk_unmatched ORDER BY from_code',
    ),
    db.query<{ from: string; to: string; code: string; name: string; reason: string }>(
      `SELECT u.from_division_id AS "from", u.to_division_id AS "to", u.to_code AS code, a.name, u.reason
       FROM crosswalk_uncovered u JOIN area a ON a.division_id = u.to_division_id AND a.code = u.to_code ORDER BY u.to_code`,
    ),
  ]);
  const of = <T extends { from: string; to: string }>(
    rows: T[],
    c: { from: string; to: string },
  ): Omit<T, 'from' | 'to'>[] =>
    rows.filter((r) => r.from === c.from && r.to === c.to).map(({ from: _f, to: _t, ...rest }) => rest);
  return cws.map((c) => ({
    fromDivisionId: c.from,
    toDivisionId: c.to,
    method: c.method,
    description: c.description,
    links: of(links, c),
    unmatched: of(unmatched, c),
    uncovered: of(uncovered, c),
  }));
}
