/**
 * Comparisons of area values: against the city value by the indicator's polarity, ranks among
 * peer areas, and change since the first period. Pure functions; no I/O.
 */

import type { Polarity } from '../types.ts';

/** Which direction is desirable for an indicator (`neutral`: neither, e.g. population). */
export type { Polarity };

/** Accepts the spellings other modules might use and returns the canonical polarity. */
export function normalisePolarity(p: string | null | undefined): Polarity {
  const s = (p ?? '').toLowerCase().replace(/[\s-]+/g, '_');
  if (['higher_is_better', 'higher_better', 'higher', 'positive', 'up', '+', '1'].includes(s)) return 'higher_better';
  if (['lower_is_better', 'lower_better', 'lower', 'negative', 'down', '-', '-1'].includes(s)) return 'lower_better';
  return 'neutral';
}

/**
 * Tolerance within which an area counts as "about the same" as the city.
 * `relative`: |area − city| ≤ value · |city| (default 5 %); `absolute`: |area − city| ≤ value
 * in the indicator's unit (e.g. 1 percentage point).
 */
export type Tolerance = { kind: 'relative'; value: number } | { kind: 'absolute'; value: number };

export const DEFAULT_TOLERANCE: Tolerance = { kind: 'relative', value: 0.05 };

export type Direction = 'above' | 'below' | 'same';
export type Assessment = 'better' | 'worse' | 'same' | 'neutral' | 'unknown';

export interface CityComparison {
  /** area − city (null when either is missing). */
  difference: number | null;
  /** (area − city) / |city| (null when missing or city is 0). */
  relativeDifference: number | null;
  direction: Direction | null;
  /** better / worse / same by polarity; `neutral` for neutral indicators that differ; `unknown` if missing. */
  assessment: Assessment;
  tolerance: Tolerance;
}

function isNum(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export function compareWithCity(
  areaValue: number | null | undefined,
  cityValue: number | null | undefined,
  polarity: Polarity,
  tolerance: Tolerance = DEFAULT_TOLERANCE,
): CityComparison {
  if (!isNum(areaValue) || !isNum(cityValue)) {
    return { difference: null, relativeDifference: null, direction: null, assessment: 'unknown', tolerance };
  }
  if (!(tolerance.value >= 0)) throw new RangeError(`tolerance must be ≥ 0, got ${tolerance.value}`);
  const difference = areaValue - cityValue;
  const relativeDifference = cityValue === 0 ? null : difference / Math.abs(cityValue);
  const limit = tolerance.kind === 'relative' ? tolerance.value * Math.abs(cityValue) : tolerance.value;
  // A tiny epsilon so that a difference exactly at the limit counts as "same" despite rounding.
  const eps = 1e-9 * Math.max(1, Math.abs(cityValue), Math.abs(areaValue));
  const direction: Direction = Math.abs(difference) <= limit + eps ? 'same' : difference > 0 ? 'above' : 'below';
  let assessment: Assessment;
  if (direction === 'same') assessment = 'same';
  else if (polarity === 'neutral') assessment = 'neutral';
  else assessment = (direction === 'above') === (polarity === 'higher_better') ? 'better' : 'worse';
  return { difference, relativeDifference, direction, assessment, tolerance };
}

export interface RankInput {
  code: string;
  value: number | null | undefined;
}

export interface Rank {
  /** 1 = best (for neutral indicators: highest value). Standard competition ranking ("1224"). */
  rank: number;
  /** Number of ranked areas (those with a value). */
  of: number;
  /** True when another area has the same value. */
  tied: boolean;
}

/**
 * Ranks areas among their peers. Ties share the best rank and the next rank is skipped
 * (competition ranking: 1, 2, 2, 4). Areas without a finite value are not ranked.
 * Direction: `higher_better` and `neutral` rank the highest value first; `lower_better`
 * ranks the lowest value first.
 */
export function rankAreas(items: readonly RankInput[], polarity: Polarity): Map<string, Rank> {
  const ranked = items.filter((i): i is { code: string; value: number } => isNum(i.value));
  const sign = polarity === 'lower_better' ? 1 : -1;
  const sorted = [...ranked].sort((a, b) => sign * (a.value - b.value) || a.code.localeCompare(b.code));
  const out = new Map<string, Rank>();
  const of = sorted.length;
  const count = new Map<number, number>();
  for (const s of sorted) count.set(s.value, (count.get(s.value) ?? 0) + 1);
  let rank = 0;
  for (let i = 0; i < sorted.length; i++) {
    const cur = sorted[i]!;
    if (i === 0 || sorted[i - 1]!.value !== cur.value) rank = i + 1;
    out.set(cur.code, { rank, of, tied: (count.get(cur.value) ?? 0) > 1 });
  }
  return out;
}

/**
 * The same rank as rankAreas, from counts alone: how many peers (with a value) lie above, below
 * or level with the area (`equal` counts the area itself). Lets a database do the counting.
 */
export function rankFromCounts(
  c: { ranked: number; above: number; below: number; equal: number },
  polarity: Polarity,
): Rank | null {
  if (c.ranked <= 0 || c.equal <= 0) return null;
  const better = polarity === 'lower_better' ? c.below : c.above;
  return { rank: better + 1, of: c.ranked, tied: c.equal > 1 };
}

export interface SeriesPoint {
  period: string;
  value: number | null | undefined;
}

export interface Change {
  firstPeriod: string;
  latestPeriod: string;
  firstValue: number;
  latestValue: number;
  /** latest − first, in the indicator's unit (percentage points for shares). */
  absolute: number;
  /** (latest − first) / |first|; null when first is 0. */
  relative: number | null;
  /** better / worse / same by polarity with the given tolerance relative to the first value. */
  assessment: Assessment;
}

/**
 * Change from the first to the latest period that has a value. Periods are compared as strings
 * after sorting (ISO years "2020", dates "2020-12-31" and "2020-Q1" all sort correctly).
 * Returns null when fewer than two periods have values.
 */
export function changeSinceFirst(
  series: readonly SeriesPoint[],
  polarity: Polarity = 'neutral',
  tolerance: Tolerance = { kind: 'absolute', value: 0 },
): Change | null {
  const points = series
    .filter((p): p is { period: string; value: number } => isNum(p.value))
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  if (points.length < 2) return null;
  const first = points[0]!;
  const latest = points[points.length - 1]!;
  if (first.period === latest.period) return null;
  const cmp = compareWithCity(latest.value, first.value, polarity, tolerance);
  return {
    firstPeriod: first.period,
    latestPeriod: latest.period,
    firstValue: first.value,
    latestValue: latest.value,
    absolute: latest.value - first.value,
    relative: first.value === 0 ? null : (latest.value - first.value) / Math.abs(first.value),
    assessment: cmp.assessment,
  };
}
