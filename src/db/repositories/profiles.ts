/**
 * Reads for area profiles, comparisons and indicator maps. Read-only: the tables are
 * filled by the reference-data loader (divisions, areas, crosswalks, indicators, observations).
 * Only totals (breakdown = '') and published indicators are read. numeric comes back as string.
 */
import type { Queryable } from '../database.ts';
import type { GeoJSONGeometry, ObservationStatus } from '../../core/types.ts';

export interface AreaRow {
  divisionId: string;
  code: string;
  name: string;
  parentDivisionId: string | null;
  parentCode: string | null;
}

export interface AreaWithGeometry extends AreaRow {
  geometry: GeoJSONGeometry | null;
}

export interface ObservationRow {
  indicatorId: string;
  divisionId: string;
  areaCode: string;
  period: string;
  value: string | null;
  numerator: string | null;
  denominator: string | null;
  status: ObservationStatus;
  derived: boolean;
  source: string;
}

export interface RelatedAreaRow extends AreaRow {
  divisionNameSv: string;
  divisionNameEn: string;
  level: number;
  /** 'parent' | 'child'; how it was found: the area's own parent link or a crosswalk with weight 1. */
  relation: 'parent' | 'child';
}

const AREA_COLS = `a.division_id AS "divisionId", a.code, a.name, a.parent_division_id AS "parentDivisionId", a.parent_code AS "parentCode"`;
const OBS_COLS = `o.indicator_id AS "indicatorId", o.division_id AS "divisionId", o.area_code AS "areaCode", o.period,
  o.value::text AS value, o.numerator::text AS numerator, o.denominator::text AS denominator, o.status, o.derived, o.source`;

/** The city: the (first) area of the division with level 0. */
export async function findCity(db: Queryable): Promise<(AreaRow & { level: number }) | null> {
  const rows = await db.query<AreaRow & { level: number }>(
    `SELECT ${AREA_COLS}, d.level FROM area a JOIN division d ON d.id = a.division_id ORDER BY d.level, d.sort, a.code LIMIT 1`,
  );
  return rows[0] ?? null;
}

export async function listAreas(db: Queryable, divisionId?: string): Promise<AreaRow[]> {
  return divisionId
    ? db.query<AreaRow>(`SELECT ${AREA_COLS} FROM area a WHERE a.division_id = $1 ORDER BY a.name, a.code`, [
        divisionId,
      ])
    : db.query<AreaRow>(
        `SELECT ${AREA_COLS} FROM area a JOIN division d ON d.id = a.division_id ORDER BY d.level, d.sort, a.division_id, a.name, a.code`,
      );
}

export async function getArea(db: Queryable, divisionId: string, code: string): Promise<AreaWithGeometry | null> {
  const rows = await db.query<AreaWithGeometry>(
    `SELECT ${AREA_COLS}, a.geometry FROM area a WHERE a.division_id = $1 AND a.code = $2`,
    [divisionId, code],
  );
  return rows[0] ?? null;
}

export async function getAreas(
  db: Queryable,
  keys: readonly { divisionId: string; code: string }[],
): Promise<AreaRow[]> {
  if (keys.length === 0) return [];
  return db.query<AreaRow>(
    `SELECT ${AREA_COLS} FROM area a JOIN unnest($1::text[], $2::text[]) AS k(division_id, code) ON k.division_id = a.division_id AND k.code = a.code`,
    [keys.map((k) => k.divisionId), keys.map((k) => k.code)],
  );
}

/** Areas with geometry of a division (for maps). */
export async function areasWithGeometry(db: Queryable, divisionId: string): Promise<AreaWithGeometry[]> {
  return db.query<AreaWithGeometry>(
    `SELECT ${AREA_COLS}, a.geometry FROM area a WHERE a.division_id = $1 ORDER BY a.code`,
    [divisionId],
  );
}

/**
 * Parents and children of an area: its own parent link, areas whose parent it is, and areas
 * linked through a crosswalk with weight 1 (wholly inside / wholly containing).
 */
export async function relatedAreas(db: Queryable, divisionId: string, code: string): Promise<RelatedAreaRow[]> {
  return db.query<RelatedAreaRow>(
    `WITH rel AS (
       SELECT a.parent_division_id AS division_id, a.parent_code AS code, 'parent' AS relation
         FROM area a WHERE a.division_id = $1 AND a.code = $2 AND a.parent_code IS NOT NULL
       UNION
       SELECT c.division_id, c.code, 'child' FROM area c WHERE c.parent_division_id = $1 AND c.parent_code = $2
       UNION
       SELECT l.to_division_id, l.to_code, 'parent' FROM crosswalk_link l
         JOIN division fd ON fd.id = l.from_division_id JOIN division td ON td.id = l.to_division_id
         WHERE l.from_division_id = $1 AND l.from_code = $2 AND l.weight = 1 AND td.level < fd.level
       UNION
       SELECT l.from_division_id, l.from_code, 'child' FROM crosswalk_link l
         JOIN division fd ON fd.id = l.from_division_id JOIN division td ON td.id = l.to_division_id
         WHERE l.to_division_id = $1 AND l.to_code = $2 AND l.weight = 1 AND td.level < fd.level
     )
     SELECT ${AREA_COLS}, d.name_sv AS "divisionNameSv", d.name_en AS "divisionNameEn", d.level, rel.relation
       FROM rel JOIN area a ON a.division_id = rel.division_id AND a.code = rel.code
       JOIN division d ON d.id = a.division_id
      ORDER BY rel.relation DESC, d.level, d.sort, a.name`,
    [divisionId, code],
  );
}

/** All total observations of one area (every indicator, every period). */
export async function observationsOfArea(db: Queryable, divisionId: string, code: string): Promise<ObservationRow[]> {
  return db.query<ObservationRow>(
    `SELECT ${OBS_COLS} FROM observation o WHERE o.division_id = $1 AND o.area_code = $2 AND o.breakdown = '' ORDER BY o.indicator_id, o.period`,
    [divisionId, code],
  );
}

/** Total observations of several areas for the given indicators (all periods). */
export async function observationsOfAreas(
  db: Queryable,
  keys: readonly { divisionId: string; code: string }[],
  indicatorIds: readonly string[],
): Promise<ObservationRow[]> {
  if (keys.length === 0 || indicatorIds.length === 0) return [];
  return db.query<ObservationRow>(
    `SELECT ${OBS_COLS} FROM observation o
       JOIN unnest($1::text[], $2::text[]) AS k(division_id, code) ON k.division_id = o.division_id AND k.code = o.area_code
      WHERE o.breakdown = '' AND o.indicator_id = ANY($3::text[])
      ORDER BY o.indicator_id, o.division_id, o.area_code, o.period`,
    [keys.map((k) => k.divisionId), keys.map((k) => k.code), indicatorIds],
  );
}

/** Total observations of every area of a division, optionally for one indicator and/or period. */
export async function observationsOfDivision(
  db: Queryable,
  divisionId: string,
  filter: { indicatorId?: string; period?: string } = {},
): Promise<ObservationRow[]> {
  const params: unknown[] = [divisionId];
  let where = `o.division_id = $1 AND o.breakdown = ''`;
  if (filter.indicatorId) {
    params.push(filter.indicatorId);
    where += ` AND o.indicator_id = $${params.length}`;
  }
  if (filter.period) {
    params.push(filter.period);
    where += ` AND o.period = $${params.length}`;
  }
  return db.query<ObservationRow>(
    `SELECT ${OBS_COLS} FROM observation o WHERE ${where} ORDER BY o.indicator_id, o.period, o.area_code`,
    params,
  );
}

/** Periods with observations of an indicator in a division. */
export async function periodsOf(db: Queryable, indicatorId: string, divisionId: string): Promise<string[]> {
  const rows = await db.query<{ period: string }>(
    `SELECT DISTINCT o.period FROM observation o WHERE o.indicator_id = $1 AND o.division_id = $2 AND o.breakdown = '' ORDER BY o.period`,
    [indicatorId, divisionId],
  );
  return rows.map((r) => r.period);
}

export interface PeerCounts {
  indicatorId: string;
  period: string;
  /** Peers (same division, same period) with a value, the area itself included. */
  ranked: number;
  /** Peers with a higher / lower / equal value than the area (equal includes the area). */
  above: number;
  below: number;
  equal: number;
}

/**
 * For each indicator, in the area's latest period: how many areas of the same division have a
 * value, and how many lie above, below or level with the area. Enough to rank it (competition
 * ranking) without sending every peer's value; see core/stats/compare.ts rankFromCounts.
 */
export async function peerCounts(db: Queryable, divisionId: string, code: string): Promise<PeerCounts[]> {
  return db.query<PeerCounts>(
    `WITH mine AS (
       SELECT DISTINCT ON (o.indicator_id) o.indicator_id, o.period, o.value
         FROM observation o
        WHERE o.division_id = $1 AND o.area_code = $2 AND o.breakdown = ''
        ORDER BY o.indicator_id, o.period DESC
     )
     SELECT m.indicator_id AS "indicatorId", m.period,
            count(p.value)::int AS ranked,
            count(*) FILTER (WHERE p.value > m.value)::int AS above,
            count(*) FILTER (WHERE p.value < m.value)::int AS below,
            count(*) FILTER (WHERE p.value = m.value)::int AS equal
       FROM mine m
       JOIN observation p ON p.indicator_id = m.indicator_id AND p.period = m.period AND p.division_id = $1 AND p.breakdown = ''
      WHERE m.value IS NOT NULL
      GROUP BY m.indicator_id, m.period`,
    [divisionId, code],
  );
}
