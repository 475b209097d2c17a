// Goal status, computed from observed data — never typed in.
//
// Pure: no I/O, no clock. The "current year" is passed in as `asOfYear`.
//
// Method (also stated in docs/goals.md):
//  1. The observed series (the baseline counts as an observation if its year is not in the
//     series) is cleaned: missing values (null) are dropped; gaps between years are allowed and
//     handled by fitting on the actual years.
//  2. No observation → not_measurable. The latest observation meets the target → met.
//  3. Exactly one observation → not_measurable, and the reason says so: one point gives no trend.
//  4. The target year has passed (asOfYear > deadline) and the latest value does not meet the
//     target → off_track.
//  5. Otherwise an ordinary least-squares line value = a + b·year is fitted through all
//     observations and extended to the target year (the projection, p).
//     - on_track: p meets the target;
//     - at_risk: p does not meet the target, but the projected change from the latest value L
//       covers at least `atRiskShare` (default one half) of the remaining distance:
//       (p − L) / (target − L) ≥ atRiskShare — the trend is right but too slow;
//     - off_track: it covers less than that, or moves away from the target.

import { reason, type StatusReason } from './reasons.ts';

export type { StatusReason };

export type GoalStatus = 'met' | 'on_track' | 'at_risk' | 'off_track' | 'not_measurable';

export const GOAL_STATUSES: readonly GoalStatus[] = ['met', 'on_track', 'at_risk', 'off_track', 'not_measurable'];

/** Order from best to worst (not_measurable last: it is not "worse", just unknown). */
export const STATUS_ORDER: Record<GoalStatus, number> = {
  met: 0,
  on_track: 1,
  at_risk: 2,
  off_track: 3,
  not_measurable: 4,
};

export interface Observation {
  year: number;
  value: number | null;
}

export interface Point {
  year: number;
  value: number;
}

export interface Bilingual {
  sv: string;
  en: string;
}

export type Comparator = 'at_most' | 'at_least';

/** Reach a level by a year. */
export interface LevelSpec {
  form: 'level';
  targetValue: number;
  comparator: Comparator;
  deadline: number;
  baseline?: { year: number; value: number | null } | null;
  unit?: Bilingual | null;
}

/** Move in a direction (relative to the baseline) by a year. */
export interface DirectionSpec {
  form: 'direction';
  desired: 'increase' | 'decrease';
  deadline: number;
  baseline?: { year: number; value: number | null } | null;
  unit?: Bilingual | null;
}

export interface StatusOptions {
  /** The year the assessment is made ("now"), passed in (core has no clock). */
  asOfYear: number;
  /** Share of the remaining distance a too-slow trend must cover to be at_risk rather than off_track. Default 0.5. */
  atRiskShare?: number;
}

export type StatusBasis = 'no_data' | 'single_point' | 'latest_value' | 'deadline_passed' | 'trend';

export interface Trend {
  /** value = intercept + slope · year */
  intercept: number;
  slope: number;
  /** number of observations fitted */
  n: number;
  firstYear: number;
  lastYear: number;
}

export interface StatusResult {
  status: GoalStatus;
  basis: StatusBasis;
  reason: StatusReason;
  /** the cleaned series actually used (sorted, no nulls, baseline merged) */
  series: Point[];
  latest: Point | null;
  trend: Trend | null;
  /** the fitted line from the first observed year to the deadline (only with ≥ 2 observations) */
  projection: Point[];
  projectedAtDeadline: number | null;
  /** (p − L) / (target − L): share of the remaining distance the projection covers (level targets) */
  progressShare: number | null;
}

export const DEFAULT_AT_RISK_SHARE = 0.5;

// ---------------------------------------------------------------------------------------------
// Series helpers

/**
 * Sorts a series, drops missing values and merges the baseline in (if its year is not observed).
 * Throws on two observations for the same year or non-finite values — the caller must resolve those.
 */
export function cleanSeries(
  observations: readonly Observation[],
  baseline?: { year: number; value: number | null } | null,
): Point[] {
  const byYear = new Map<number, number>();
  for (const o of observations) {
    if (!Number.isInteger(o.year)) throw new Error(`series: year must be an integer, got ${String(o.year)}`);
    if (o.value === null) continue;
    if (!Number.isFinite(o.value)) throw new Error(`series: value for ${o.year} is not a finite number`);
    if (byYear.has(o.year)) throw new Error(`series: two observations for the year ${o.year}`);
    byYear.set(o.year, o.value);
  }
  if (baseline && baseline.value !== null && !byYear.has(baseline.year)) {
    byYear.set(baseline.year, baseline.value);
  }
  return [...byYear.entries()].sort((a, b) => a[0] - b[0]).map(([year, value]) => ({ year, value }));
}

/** Ordinary least squares on (year, value). Needs at least two distinct years. */
export function leastSquares(points: readonly Point[]): Trend {
  const n = points.length;
  if (n < 2) throw new Error('leastSquares needs at least two points');
  // centre the years for numerical stability
  const meanX = points.reduce((s, p) => s + p.year, 0) / n;
  const meanY = points.reduce((s, p) => s + p.value, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    const dx = p.year - meanX;
    sxx += dx * dx;
    sxy += dx * (p.value - meanY);
  }
  if (sxx === 0) throw new Error('leastSquares needs at least two distinct years');
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const years = points.map((p) => p.year);
  return { slope, intercept, n, firstYear: Math.min(...years), lastYear: Math.max(...years) };
}

export function trendValue(trend: Trend, year: number): number {
  return trend.intercept + trend.slope * year;
}

/** The fitted line at every year from the first observation to `toYear` (inclusive). */
export function projectionPoints(trend: Trend, toYear: number): Point[] {
  const out: Point[] = [];
  const end = Math.max(toYear, trend.lastYear);
  for (let y = trend.firstYear; y <= end; y++) out.push({ year: y, value: round(trendValue(trend, y), 6) });
  return out;
}

/**
 * The year-by-year path from the baseline to the target: straight-line interpolation, one point
 * per year from the baseline year to the deadline (both inclusive).
 */
export function targetPath(
  baseline: { year: number; value: number },
  target: { year: number; value: number },
): Point[] {
  if (!Number.isInteger(baseline.year) || !Number.isInteger(target.year)) {
    throw new Error('targetPath: years must be integers');
  }
  if (target.year < baseline.year)
    throw new Error(`targetPath: deadline ${target.year} is before the baseline ${baseline.year}`);
  if (target.year === baseline.year) return [{ year: target.year, value: target.value }];
  const out: Point[] = [];
  const span = target.year - baseline.year;
  for (let y = baseline.year; y <= target.year; y++) {
    const value = baseline.value + ((target.value - baseline.value) * (y - baseline.year)) / span;
    out.push({ year: y, value: round(value, 6) });
  }
  return out;
}

/** The path's value for a year (null outside the path). */
export function pathValueAt(path: readonly Point[], year: number): number | null {
  return path.find((p) => p.year === year)?.value ?? null;
}

export function meets(value: number, targetValue: number, comparator: Comparator): boolean {
  return comparator === 'at_most' ? value <= targetValue : value >= targetValue;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function emptyResult(status: GoalStatus, basis: StatusBasis, why: StatusReason, series: Point[]): StatusResult {
  return {
    status,
    basis,
    reason: why,
    series,
    latest: series.at(-1) ?? null,
    trend: null,
    projection: [],
    projectedAtDeadline: null,
    progressShare: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Level targets

export function levelStatus(
  observations: readonly Observation[],
  spec: LevelSpec,
  options: StatusOptions,
): StatusResult {
  const share = options.atRiskShare ?? DEFAULT_AT_RISK_SHARE;
  const series = cleanSeries(observations, spec.baseline);
  const goal = { cmp: spec.comparator, target: spec.targetValue, deadline: spec.deadline, unit: spec.unit ?? null };

  const latest = series.at(-1);
  if (!latest) return emptyResult('not_measurable', 'no_data', reason('level_no_data', goal), series);
  const now = { ...goal, latest: latest.value, year: latest.year };

  if (meets(latest.value, spec.targetValue, spec.comparator))
    return emptyResult('met', 'latest_value', reason('level_met', now), series);

  if (options.asOfYear > spec.deadline)
    return emptyResult('off_track', 'deadline_passed', reason('level_deadline_passed', now), series);

  if (series.length === 1)
    return emptyResult('not_measurable', 'single_point', reason('level_single_point', now), series);

  const trend = leastSquares(series);
  const horizon = Math.max(spec.deadline, latest.year);
  const projected = trendValue(trend, horizon);
  const projection = projectionPoints(trend, horizon);
  const remaining = spec.targetValue - latest.value; // non-zero: latest does not meet the target
  const progressShare = (projected - latest.value) / remaining;
  const first = series[0] as Point;
  const params = { ...now, first: first.value, firstYear: first.year, projected: round(projected, 1) };
  const base = {
    basis: 'trend' as StatusBasis,
    series,
    latest,
    trend,
    projection,
    projectedAtDeadline: projected,
    progressShare,
  };
  if (meets(projected, spec.targetValue, spec.comparator))
    return { ...base, status: 'on_track', reason: reason('level_on_track', params) };
  if (progressShare >= share) return { ...base, status: 'at_risk', reason: reason('level_at_risk', params) };
  return {
    ...base,
    status: 'off_track',
    reason: reason(progressShare <= 0 ? 'level_off_track_away' : 'level_off_track_slow', params),
  };
}

// ---------------------------------------------------------------------------------------------
// Direction targets

/**
 * Status of a "move in a direction" target. Improvement = latest value better than the baseline
 * (the first observation if no baseline is given); the trend = the sign of the least-squares slope.
 *  - deadline reached (asOfYear ≥ deadline): met if improved, else off_track;
 *  - before: on_track if both improved and trending the right way; at_risk if only one of the two;
 *    off_track if neither. One observation → not_measurable.
 */
export function directionStatus(
  observations: readonly Observation[],
  spec: DirectionSpec,
  options: StatusOptions,
): StatusResult {
  const series = cleanSeries(observations, spec.baseline);
  const goal = { desired: spec.desired, deadline: spec.deadline, unit: spec.unit ?? null };
  const latest = series.at(-1);
  if (!latest) return emptyResult('not_measurable', 'no_data', reason('direction_no_data', goal), series);
  const now = { ...goal, latest: latest.value, year: latest.year };
  if (series.length === 1)
    return emptyResult('not_measurable', 'single_point', reason('direction_single_point', now), series);
  const reference =
    spec.baseline && spec.baseline.value !== null
      ? { year: spec.baseline.year, value: spec.baseline.value }
      : (series[0] as Point);
  const sign = spec.desired === 'increase' ? 1 : -1;
  const improved = sign * (latest.value - reference.value) > 0;
  const trend = leastSquares(series);
  const trending = sign * trend.slope > 0;
  const horizon = Math.max(spec.deadline, latest.year);
  const result = {
    basis: 'trend' as StatusBasis,
    series,
    latest,
    trend,
    projection: projectionPoints(trend, horizon),
    projectedAtDeadline: trendValue(trend, horizon),
    progressShare: null,
  };
  const params = { ...now, ref: reference.value, refYear: reference.year };
  if (options.asOfYear >= spec.deadline) {
    return improved
      ? { ...result, status: 'met', reason: reason('direction_met', params) }
      : { ...result, status: 'off_track', reason: reason('direction_deadline_no_improvement', params) };
  }
  if (improved && trending) return { ...result, status: 'on_track', reason: reason('direction_on_track', params) };
  if (improved || trending) {
    return {
      ...result,
      status: 'at_risk',
      reason: reason(improved ? 'direction_at_risk_trend_turned' : 'direction_at_risk_level_not_yet', params),
    };
  }
  return { ...result, status: 'off_track', reason: reason('direction_off_track', params) };
}

// Gap and every-area targets: ./status-areas.ts (re-exported here).
export * from './status-areas.ts';
