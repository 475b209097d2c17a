/**
 * Divides between areas over time (see docs/methods.md).
 *
 * For one indicator (a rate or share per area) and one division, per period:
 * - maxMinRatio = max/min of the area values (null when the minimum is not positive), and the range;
 * - fifthsRatio = population-weighted mean of the top fifth of the population divided by that of
 *   the bottom fifth, the areas ordered by value (an area straddling the 20 % line counts with the
 *   part of its population inside the fifth);
 * - cv = coefficient of variation = standard deviation / mean across areas, unweighted, with the
 *   population standard deviation (divide by n), and weightedCv with population weights.
 * Sigma convergence: the divide narrows when the coefficient of variation falls over time; the
 * trend is the least-squares slope of cv against the period.
 */
import { AnalysisError } from './errors.ts';

export interface AreaValue {
  id: string;
  value: number;
  /** Population (weight); required for the fifths ratio and the weighted cv. */
  population: number;
}

export interface SpreadResult {
  n: number;
  min: number;
  max: number;
  range: number;
  maxMinRatio: number | null;
  /** Population-weighted mean value of the bottom and top fifth of the population. */
  bottomFifthMean: number;
  topFifthMean: number;
  fifthsRatio: number | null;
  mean: number;
  weightedMean: number;
  sd: number;
  cv: number | null;
  weightedSd: number;
  weightedCv: number | null;
  /** Areas left out because the value or the population is missing. */
  skipped: string[];
}

/** Population-weighted mean of the values within the lowest `fraction` of the population (sorted ascending). */
function fifthMean(sorted: readonly AreaValue[], fraction: number): number {
  const totalPop = sorted.reduce((s, a) => s + a.population, 0);
  const target = totalPop * fraction;
  let taken = 0;
  let sum = 0;
  for (const a of sorted) {
    if (taken >= target) break;
    const part = Math.min(a.population, target - taken);
    sum += part * a.value;
    taken += part;
  }
  return taken > 0 ? sum / taken : Number.NaN;
}

/** The spread between areas for one period. */
export function spread(areas: readonly AreaValue[]): SpreadResult {
  const skipped: string[] = [];
  const used: AreaValue[] = [];
  for (const a of areas) {
    if (!Number.isFinite(a.value) || !Number.isFinite(a.population) || a.population < 0) skipped.push(a.id);
    else used.push(a);
  }
  if (used.length === 0) throw new AnalysisError('no area with a value');
  const n = used.length;
  const values = used.map((a) => a.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
  const pop = used.reduce((s, a) => s + a.population, 0);
  const weightedMean = pop > 0 ? used.reduce((s, a) => s + a.population * a.value, 0) / pop : Number.NaN;
  const weightedSd =
    pop > 0 ? Math.sqrt(used.reduce((s, a) => s + a.population * (a.value - weightedMean) ** 2, 0) / pop) : Number.NaN;
  const asc = [...used].sort((a, b) => a.value - b.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const desc = [...asc].reverse();
  const bottomFifthMean = pop > 0 ? fifthMean(asc, 0.2) : Number.NaN;
  const topFifthMean = pop > 0 ? fifthMean(desc, 0.2) : Number.NaN;
  return {
    n,
    min,
    max,
    range: max - min,
    maxMinRatio: min > 0 ? max / min : null,
    bottomFifthMean,
    topFifthMean,
    fifthsRatio: bottomFifthMean > 0 ? topFifthMean / bottomFifthMean : null,
    mean,
    weightedMean,
    sd,
    cv: mean !== 0 ? sd / Math.abs(mean) : null,
    weightedSd,
    weightedCv: weightedMean !== 0 && Number.isFinite(weightedMean) ? weightedSd / Math.abs(weightedMean) : null,
    skipped,
  };
}

export interface PeriodSpread extends SpreadResult {
  period: number;
}

export interface ConvergenceResult {
  periods: PeriodSpread[];
  /** Least-squares slope of cv per unit of period (null with fewer than two periods with a cv). */
  cvSlope: number | null;
  /** cv in the last period minus cv in the first. */
  cvChange: number | null;
  /** Sigma convergence: the spread narrows (slope below zero). */
  narrowing: boolean | null;
}

/** Spread per period and sigma convergence. Periods are numbers (e.g. years). */
export function sigmaConvergence(
  series: readonly { period: number; areas: readonly AreaValue[] }[],
): ConvergenceResult {
  const periods = [...series]
    .sort((a, b) => a.period - b.period)
    .map((s) => ({ period: s.period, ...spread(s.areas) }));
  const pts = periods.filter((p) => p.cv !== null).map((p) => ({ x: p.period, y: p.cv as number }));
  if (pts.length < 2) return { periods, cvSlope: null, cvChange: null, narrowing: null };
  const mx = pts.reduce((s, p) => s + p.x, 0) / pts.length;
  const my = pts.reduce((s, p) => s + p.y, 0) / pts.length;
  let sxy = 0;
  let sxx = 0;
  for (const p of pts) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : null;
  const first = pts[0] as { y: number };
  const last = pts[pts.length - 1] as { y: number };
  return { periods, cvSlope: slope, cvChange: last.y - first.y, narrowing: slope === null ? null : slope < 0 };
}
