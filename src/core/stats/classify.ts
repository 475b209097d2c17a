/**
 * Class breaks for choropleth maps.
 *
 * A classification of n values into k classes is described by k + 1 ascending boundaries
 * `breaks = [b0, b1, …, bk]` with b0 = min and bk = max. Classes are upper-inclusive:
 * class 0 holds b0 ≤ v ≤ b1, class i (i > 0) holds b(i) < v ≤ b(i+1). The same convention is
 * used by every method so a legend can always be read "over b(i) up to and including b(i+1)".
 *
 * Methods:
 * - `quantile` (the default; see docs/maps.md): each class holds about the same number of areas.
 *   Boundaries are the sample quantiles at i/k (linear interpolation between order statistics,
 *   R type 7 / Excel PERCENTILE.INC).
 * - `jenks`: Fisher–Jenks natural breaks, the exact optimum that minimises the sum of squared
 *   deviations from the class means (dynamic programming, O(k·n²)). Boundaries are data values.
 * - `equal`: equal-width intervals between min and max.
 *
 * Identical boundaries are merged, so fewer classes than asked for are returned when the data
 * has fewer distinct values (or heavy ties). Non-finite values (missing, suppressed) are ignored.
 */

export type ClassMethod = 'quantile' | 'jenks' | 'equal';

export const DEFAULT_CLASS_METHOD: ClassMethod = 'quantile';
export const DEFAULT_CLASS_COUNT = 5;

export interface Classification {
  method: ClassMethod;
  /** k + 1 ascending boundaries (empty when there are no finite values). */
  breaks: number[];
  /** Number of classes actually produced (breaks.length - 1, or 1 for a single distinct value). */
  classes: number;
}

function finiteSorted(values: readonly (number | null | undefined)[]): number[] {
  const out: number[] = [];
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
  return out.sort((a, b) => a - b);
}

/**
 * Drops repeated boundaries. The first class may be the single minimum ([b0, b0]) when larger
 * values follow, because classes are upper-inclusive: b0 = b1 is a meaningful class.
 */
function dedupe(breaks: number[]): number[] {
  const out: number[] = [];
  const max = breaks[breaks.length - 1];
  for (const b of breaks) {
    const last = out[out.length - 1];
    if (last === undefined || b > last || (out.length === 1 && b === last && max !== undefined && max > b)) out.push(b);
  }
  return out;
}

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`class count must be a positive integer, got ${k}`);
}

/** Sample quantile of sorted data at p in [0, 1] (R type 7). */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of an empty list');
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (h - lo) * (b - a);
}

export function quantileBreaks(values: readonly (number | null | undefined)[], k: number): number[] {
  checkK(k);
  const s = finiteSorted(values);
  if (s.length === 0) return [];
  const raw: number[] = [];
  for (let i = 0; i <= k; i++) raw.push(i === 0 ? s[0]! : i === k ? s[s.length - 1]! : quantileSorted(s, i / k));
  return dedupe(raw);
}

export function equalIntervalBreaks(values: readonly (number | null | undefined)[], k: number): number[] {
  checkK(k);
  const s = finiteSorted(values);
  if (s.length === 0) return [];
  const min = s[0]!;
  const max = s[s.length - 1]!;
  const raw: number[] = [];
  for (let i = 0; i <= k; i++) raw.push(i === k ? max : min + ((max - min) * i) / k);
  return dedupe(raw);
}

/** Fisher–Jenks optimal natural breaks. */
export function jenksBreaks(values: readonly (number | null | undefined)[], k: number): number[] {
  checkK(k);
  const data = finiteSorted(values);
  const n = data.length;
  if (n === 0) return [];
  const distinct = dedupe(data).length;
  const kk = Math.min(k, distinct);
  if (kk <= 1) return data[0] === data[n - 1] ? [data[0]!] : [data[0]!, data[n - 1]!];
  // lower[l][j]: 1-based index of the first value of the last class in the optimal split of the
  // first l values into j classes; cost[l][j]: the minimal within-class sum of squares.
  const lower: Int32Array[] = [];
  const cost: Float64Array[] = [];
  for (let l = 0; l <= n; l++) {
    lower.push(new Int32Array(kk + 1));
    cost.push(new Float64Array(kk + 1).fill(l <= 1 ? 0 : Infinity));
  }
  for (let j = 1; j <= kk; j++) lower[1]![j] = 1;
  for (let l = 2; l <= n; l++) {
    let sum = 0;
    let sumSq = 0;
    let w = 0;
    let variance = 0;
    for (let m = 1; m <= l; m++) {
      const first = l - m + 1; // 1-based index of the first value in the candidate last class
      const v = data[first - 1]!;
      w++;
      sum += v;
      sumSq += v * v;
      variance = sumSq - (sum * sum) / w;
      const before = first - 1;
      if (before !== 0) {
        for (let j = 2; j <= kk; j++) {
          const c = variance + cost[before]![j - 1]!;
          if (cost[l]![j]! >= c) {
            lower[l]![j] = first;
            cost[l]![j] = c;
          }
        }
      }
    }
    lower[l]![1] = 1;
    cost[l]![1] = variance;
  }
  const breaks = new Array<number>(kk + 1);
  breaks[kk] = data[n - 1]!;
  breaks[0] = data[0]!;
  let idx = n;
  for (let j = kk; j >= 2; j--) {
    const first = lower[idx]![j]!;
    breaks[j - 1] = data[first - 2]!; // the upper value of the previous class
    idx = first - 1;
  }
  return dedupe(breaks);
}

export function classify(
  values: readonly (number | null | undefined)[],
  options: { method?: ClassMethod; classes?: number } = {},
): Classification {
  const method = options.method ?? DEFAULT_CLASS_METHOD;
  const k = options.classes ?? DEFAULT_CLASS_COUNT;
  const breaks =
    method === 'quantile'
      ? quantileBreaks(values, k)
      : method === 'jenks'
        ? jenksBreaks(values, k)
        : equalIntervalBreaks(values, k);
  return { method, breaks, classes: breaks.length === 0 ? 0 : Math.max(1, breaks.length - 1) };
}

/**
 * The class (0-based) of a value under upper-inclusive breaks, or null when the value is not a
 * finite number. Values outside [b0, bk] are clamped into the first or last class.
 */
export function classIndex(breaks: readonly number[], value: number | null | undefined): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || breaks.length === 0) return null;
  const classes = Math.max(1, breaks.length - 1);
  for (let i = 1; i < breaks.length - 1; i++) if (value <= breaks[i]!) return i - 1;
  return classes - 1;
}

/** Number of values in each class. */
export function classCounts(breaks: readonly number[], values: readonly (number | null | undefined)[]): number[] {
  const counts = new Array<number>(Math.max(1, breaks.length - 1)).fill(0);
  if (breaks.length === 0) return [];
  for (const v of values) {
    const c = classIndex(breaks, v);
    if (c !== null) counts[c]!++;
  }
  return counts;
}

/** Sum of squared deviations from the class means (goodness of a classification; lower is better). */
export function withinClassSquares(breaks: readonly number[], values: readonly (number | null | undefined)[]): number {
  const groups = new Map<number, number[]>();
  for (const v of values) {
    const c = classIndex(breaks, v);
    if (c === null) continue;
    const g = groups.get(c) ?? [];
    g.push(v as number);
    groups.set(c, g);
  }
  let total = 0;
  for (const g of groups.values()) {
    const mean = g.reduce((a, b) => a + b, 0) / g.length;
    for (const v of g) total += (v - mean) ** 2;
  }
  return total;
}
