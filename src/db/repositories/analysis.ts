/** Reads for the analysis feature (segregation, need index, allocation) and saved allocation scenarios. */
import type { Queryable } from '../database.ts';
import type { AreaRow } from './profiles.ts';

export interface DivisionRow {
  id: string;
  nameSv: string;
  nameEn: string;
  level: number;
  areaCount: number;
}

export async function divisionsWithAreas(db: Queryable): Promise<DivisionRow[]> {
  return db.query<DivisionRow>(
    `SELECT d.id, d.name_sv AS "nameSv", d.name_en AS "nameEn", d.level, count(a.code)::int AS "areaCount"
       FROM division d JOIN area a ON a.division_id = d.id
      GROUP BY d.id, d.name_sv, d.name_en, d.level, d.sort
      ORDER BY d.sort, d.id`,
  );
}

export type { AreaRow };

/** All areas (every division) with their parents, for walking up the hierarchy. */
export async function allAreas(db: Queryable): Promise<AreaRow[]> {
  return db.query<AreaRow>(
    `SELECT division_id AS "divisionId", code, name, parent_division_id AS "parentDivisionId", parent_code AS "parentCode"
       FROM area ORDER BY division_id, code`,
  );
}

export interface AreaGeometryRow {
  code: string;
  name: string;
  geometry: { type: string; coordinates: unknown } | null;
}

export async function areasOfDivision(
  db: Queryable,
  divisionId: string,
  withGeometry: boolean,
): Promise<AreaGeometryRow[]> {
  return db.query<AreaGeometryRow>(
    `SELECT code, name, ${withGeometry ? 'geometry' : 'NULL::jsonb AS geometry'} FROM area WHERE division_id = $1 ORDER BY code`,
    [divisionId],
  );
}

export interface ObservationRow {
  indicatorId: string;
  areaCode: string;
  period: string;
  value: string | null;
  numerator: string | null;
  denominator: string | null;
  status: string;
  source: string;
}

/** Totals (breakdown '') of the given indicators in a division, optionally for one period. */
export async function observations(
  db: Queryable,
  divisionId: string,
  indicatorIds: readonly string[],
  period?: string | null,
): Promise<ObservationRow[]> {
  return db.query<ObservationRow>(
    `SELECT indicator_id AS "indicatorId", area_code AS "areaCode", period, value::text AS value,
            numerator::text AS numerator, denominator::text AS denominator, status, source
       FROM observation
      WHERE division_id = $1 AND indicator_id = ANY($2::text[]) AND breakdown = ''
        AND ($3::text IS NULL OR period = $3)
      ORDER BY period, area_code`,
    [divisionId, [...indicatorIds], period ?? null],
  );
}

/** Periods in which every one of the indicators has at least one value in the division (ascending). */
export async function periodsWithAll(
  db: Queryable,
  divisionId: string,
  indicatorIds: readonly string[],
): Promise<string[]> {
  const rows = await db.query<{ period: string }>(
    `SELECT period FROM observation
      WHERE division_id = $1 AND indicator_id = ANY($2::text[]) AND breakdown = '' AND value IS NOT NULL
      GROUP BY period HAVING count(DISTINCT indicator_id) = $3
      ORDER BY period`,
    [divisionId, [...indicatorIds], indicatorIds.length],
  );
  return rows.map((r) => r.period);
}

/** Which indicators have values in which division and period (one row each). */
export async function indicatorPeriods(
  db: Queryable,
  indicatorIds: readonly string[],
): Promise<{ divisionId: string; period: string; indicatorId: string }[]> {
  return db.query<{ divisionId: string; period: string; indicatorId: string }>(
    `SELECT DISTINCT division_id AS "divisionId", period, indicator_id AS "indicatorId" FROM observation
      WHERE indicator_id = ANY($1::text[]) AND breakdown = '' AND value IS NOT NULL
      ORDER BY division_id, period`,
    [[...indicatorIds]],
  );
}

export interface IndicatorRow {
  id: string;
  nameSv: string;
  nameEn: string;
  unit: string;
  kind: string;
  polarity: string;
  numeratorId: string | null;
  denominatorId: string | null;
  citation: string | null;
}

export async function indicatorsById(db: Queryable, ids: readonly string[]): Promise<IndicatorRow[]> {
  return db.query<IndicatorRow>(
    `SELECT i.id, i.name_sv AS "nameSv", i.name_en AS "nameEn", i.unit, i.kind, i.polarity,
            i.numerator_id AS "numeratorId", i.denominator_id AS "denominatorId", s.citation
       FROM indicator i LEFT JOIN source s ON s.id = i.source_id
      WHERE i.id = ANY($1::text[]) ORDER BY i.sort, i.id`,
    [[...ids]],
  );
}

export interface CrosswalkRow {
  fromCode: string;
  toCode: string;
  weight: string;
}

export async function crosswalkLinks(db: Queryable, fromDivision: string, toDivision: string): Promise<CrosswalkRow[]> {
  return db.query<CrosswalkRow>(
    `SELECT from_code AS "fromCode", to_code AS "toCode", weight::text AS weight
       FROM crosswalk_link WHERE from_division_id = $1 AND to_division_id = $2 ORDER BY from_code, to_code`,
    [fromDivision, toDivision],
  );
}

export interface PlannedRow {
  interventionId: string;
  name: string;
  plannedSek: string;
  cityWide: boolean;
  /** The intervention's areas; empty when it has none. */
  areas: { divisionId: string; code: string }[];
}

/** Money planned per intervention in a year (published, not stopped), with the intervention's areas. */
export async function plannedSpending(db: Queryable, year: number): Promise<PlannedRow[]> {
  return db.query<PlannedRow>(
    `SELECT i.id AS "interventionId", i.name, b.planned_sek::text AS "plannedSek", i.city_wide AS "cityWide",
            COALESCE((SELECT json_agg(json_build_object('divisionId', ia.division_id, 'code', ia.area_code) ORDER BY ia.division_id, ia.area_code)
                        FROM intervention_area ia WHERE ia.intervention_id = i.id), '[]'::json) AS areas
       FROM budget_line b JOIN intervention i ON i.id = b.intervention_id
      WHERE b.year = $1 AND b.planned_sek IS NOT NULL AND i.publication = 'published' AND i.status <> 'stopped'
      ORDER BY i.id`,
    [year],
  );
}

/** Years with money planned in the interventions register (ascending). */
export async function plannedYears(db: Queryable): Promise<number[]> {
  const rows = await db.query<{ year: number }>(
    `SELECT DISTINCT b.year FROM budget_line b JOIN intervention i ON i.id = b.intervention_id
      WHERE b.planned_sek IS NOT NULL AND i.publication = 'published' ORDER BY b.year`,
  );
  return rows.map((r) => r.year);
}

export interface ScenarioRow {
  id: number;
  name: string;
  params: unknown;
  result: unknown;
  createdBy: string | null;
  createdAt: string;
}

export async function insertScenario(
  db: Queryable,
  s: { name: string; params: unknown; result: unknown; createdBy: string | null },
): Promise<number | null> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO allocation_scenario (name, params, result, created_by) VALUES ($1, $2::jsonb, $3::jsonb, $4)
     ON CONFLICT (name) DO NOTHING RETURNING id`,
    [s.name, JSON.stringify(s.params), JSON.stringify(s.result), s.createdBy],
  );
  return rows[0]?.id ?? null;
}

export async function listScenarios(db: Queryable): Promise<Omit<ScenarioRow, 'result'>[]> {
  return db.query<Omit<ScenarioRow, 'result'>>(
    `SELECT id, name, params, created_by AS "createdBy", created_at AS "createdAt" FROM allocation_scenario ORDER BY created_at DESC, id DESC`,
  );
}

export async function getScenarios(db: Queryable, ids: readonly number[]): Promise<ScenarioRow[]> {
  return db.query<ScenarioRow>(
    `SELECT id, name, params, result, created_by AS "createdBy", created_at AS "createdAt"
       FROM allocation_scenario WHERE id = ANY($1::bigint[]) ORDER BY id`,
    [[...ids]],
  );
}

export async function deleteScenario(db: Queryable, id: number): Promise<boolean> {
  const rows = await db.query<{ id: number }>('DELETE FROM allocation_scenario WHERE id = $1 RETURNING id', [id]);
  return rows.length > 0;
}
