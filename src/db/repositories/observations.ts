/**
 * Observations (the values of the indicators): the reads behind profiles, comparisons, indicator maps and
 * analyses. Only totals (breakdown = '') are read; numeric comes back as text. Written by the loaders
 * (datasets.ts).
 */
import type { Queryable } from '../database.ts';
import type { Rows } from '../rows.generated.ts';

/** A total observation (the breakdown is ''); numbers as exact decimal text. */
export type ObservationRow = Omit<Rows['observation'], 'breakdown' | 'batchId'>;

const OBS_COLS = `o.indicator_id AS "indicatorId", o.division_id AS "divisionId", o.area_code AS "areaCode", o.period,
  o.value::text AS value, o.numerator::text AS numerator, o.denominator::text AS denominator, o.status, o.derived, o.source`;

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

/** Total observations of every area of a division: of the given indicators (else all), in one period (else all). */
export async function observationsOfDivision(
  db: Queryable,
  divisionId: string,
  filter: { indicatorIds?: readonly string[]; period?: string | null } = {},
): Promise<ObservationRow[]> {
  return db.query<ObservationRow>(
    `SELECT ${OBS_COLS} FROM observation o
      WHERE o.division_id = $1 AND o.breakdown = ''
        AND ($2::text[] IS NULL OR o.indicator_id = ANY($2::text[])) AND ($3::text IS NULL OR o.period = $3)
      ORDER BY o.period, o.area_code, o.indicator_id`,
    [divisionId, filter.indicatorIds ? [...filter.indicatorIds] : null, filter.period ?? null],
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

/** Which of the indicators have values in which division and period (one row each). */
export async function indicatorCoverage(
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

/** An area with its observation's columns, null where it has none. */
export type ValueRow = Pick<Rows['area'], 'code' | 'name'> & {
  [K in 'value' | 'numerator' | 'denominator' | 'status' | 'derived' | 'source']: Rows['observation'][K] | null;
};

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
