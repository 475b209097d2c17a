/**
 * Need-based allocation scenarios, exact to the krona (see docs/methods.md).
 *
 * A sum S (kronor, bigint) is shared among areas in proportion to a weight ωᵢ:
 *   formula share  fᵢ = popᵢ · needᵢ / Σⱼ popⱼ · needⱼ
 *   with transition ωᵢ = a · fᵢ + (1 − a) · lastᵢ / Σⱼ lastⱼ   (a = the formula part, e.g. 70 %)
 * subject to a floor and a cap per area. The unrounded amounts are
 *   xᵢ = clamp(λ ωᵢ, floorᵢ, capᵢ)
 * with the single λ ≥ 0 that makes Σ xᵢ = S (found exactly over the breakpoints floorᵢ/ωᵢ and
 * capᵢ/ωᵢ, so areas pushed to a floor or cap release or take money from all the others in
 * proportion to their weights — the iteration done right). Everything is rational arithmetic with
 * bigints: populations and need weights (binary floating-point numbers) are converted exactly. The
 * amounts are then rounded down to whole kronor and the remaining kronor go one each to the areas
 * with the largest remainders (ties: larger weight, then input order), so the parts add up to S
 * exactly, and floors and caps still hold.
 */
import { AnalysisError } from './errors.ts';

export interface AllocationArea {
  id: string;
  population: number;
  /** Need weight (≥ 0), e.g. from the area type of the need index. */
  needWeight: number;
  /** Floor in kronor for this area (overrides the default floor). */
  floor?: bigint;
  /** Cap in kronor for this area (overrides the default cap). */
  cap?: bigint;
  /** Last year's amount in kronor (used by the transition). */
  lastYear?: bigint;
}

export interface AllocationInput {
  /** The sum to share, in kronor. */
  total: bigint;
  areas: readonly AllocationArea[];
  defaultFloor?: bigint;
  defaultCap?: bigint;
  /** Transition: the formula's part in basis points (7000 = 70 % formula, 30 % last year's shares). */
  transition?: { formulaBasisPoints: number };
}

export interface AllocationLine {
  id: string;
  amount: bigint;
  /** The exact unrounded amount as a float, for display. */
  exact: number;
  /** The weight ωᵢ as a share of all weights. */
  weightShare: number;
  bound: 'floor' | 'cap' | null;
}

export interface AllocationResult {
  total: bigint;
  lines: AllocationLine[];
}

interface Fraction {
  n: bigint;
  d: bigint;
}

/** The exact value of a finite non-negative double as n/d with d a power of two. */
export function exactFraction(x: number): Fraction {
  if (!Number.isFinite(x) || x < 0) throw new AnalysisError(`not a finite non-negative number: ${x}`);
  let d = 1n;
  let v = x;
  while (!Number.isInteger(v)) {
    v *= 2;
    d *= 2n;
  }
  return { n: BigInt(v), d };
}

function cmpFrac(a: Fraction, b: Fraction): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

function toNumber(n: bigint, d: bigint): number {
  // adequate for display: split into integer part and fraction
  const q = n / d;
  const r = n % d;
  return Number(q) + Number((r * 1_000_000_000_000n) / d) / 1e12;
}

/** Exact integer weights ωᵢ (common denominator dropped). */
function weights(input: AllocationInput): bigint[] {
  const formula = input.areas.map((a) => {
    if (!Number.isFinite(a.population) || a.population < 0)
      throw new AnalysisError(`area ${a.id}: population must be a non-negative number`, a.id);
    if (!Number.isFinite(a.needWeight) || a.needWeight < 0)
      throw new AnalysisError(`area ${a.id}: need weight must be a non-negative number`, a.id);
    const p = exactFraction(a.population);
    const w = exactFraction(a.needWeight);
    return { n: p.n * w.n, d: p.d * w.d };
  });
  const D = formula.reduce((m, f) => (f.d > m ? f.d : m), 1n);
  const f = formula.map((x) => x.n * (D / x.d)); // all denominators are powers of two
  const t = input.transition;
  if (!t) return f;
  const bp = t.formulaBasisPoints;
  if (!Number.isInteger(bp) || bp < 0 || bp > 10000)
    throw new AnalysisError('transition: the formula part must be a whole number of basis points between 0 and 10000');
  const last = input.areas.map((a) => {
    const v = a.lastYear ?? 0n;
    if (v < 0n) throw new AnalysisError(`area ${a.id}: last year's amount is negative`, a.id);
    return v;
  });
  const F = f.reduce((s, x) => s + x, 0n);
  const L = last.reduce((s, x) => s + x, 0n);
  if (bp > 0 && F === 0n) throw new AnalysisError('all formula weights (population × need) are zero');
  if (bp < 10000 && L === 0n) throw new AnalysisError("transition: last year's amounts sum to zero");
  const a = BigInt(bp);
  const b = 10000n - a;
  // ωᵢ · 10000·F·L = a·fᵢ·L + b·lastᵢ·F
  return f.map((fi, i) => a * fi * (bp < 10000 ? L : 1n) + b * (last[i] as bigint) * (bp > 0 ? F : 1n));
}

/** Per-area floors and caps (null: no cap), after the default ones. */
interface Bounds {
  floor: bigint[];
  cap: (bigint | null)[];
}

type AreaState = 'floor' | 'cap' | 'free';

/** Shares `input.total` exactly; see the module comment. */
export function allocate(input: AllocationInput): AllocationResult {
  const S = input.total;
  if (S < 0n) throw new AnalysisError('the sum must not be negative');
  if (input.areas.length === 0) throw new AnalysisError('no areas to allocate to');
  const w = weights(input);
  const bounds = areaBounds(input);
  checkFeasible(S, w, bounds);
  const { b0, b1 } = lambdaSegment(S, w, bounds);
  const { state, fixedSum, wFree } = classify(w, bounds, b0, b1);
  const rest = S - fixedSum;
  // λ = rest / wFree on this segment
  if (wFree === 0n && rest !== 0n) throw new AnalysisError('internal: no free area left to take the rest');
  const base = roundedAmounts(S, w, bounds, state, rest, wFree);
  const W = w.reduce((s, x) => s + x, 0n);
  const lines: AllocationLine[] = input.areas.map((a, i) => {
    const st = state[i];
    const exact = st === 'free' ? toNumber(rest * (w[i] as bigint), wFree) : Number(base[i]);
    return {
      id: a.id,
      amount: base[i] as bigint,
      exact,
      weightShare: W > 0n ? toNumber(w[i] as bigint, W) : 0,
      bound: boundOf(st, w[i] as bigint, base[i] as bigint, bounds.floor[i] as bigint),
    };
  });
  return { total: S, lines };
}

/** Each area's floor and cap; throws on a repeated area, a negative floor or a cap below the floor. */
function areaBounds(input: AllocationInput): Bounds {
  const seen = new Set<string>();
  const floor: bigint[] = [];
  const cap: (bigint | null)[] = [];
  input.areas.forEach((a) => {
    if (seen.has(a.id)) throw new AnalysisError(`area ${a.id} appears twice`, a.id);
    seen.add(a.id);
    const f = a.floor ?? input.defaultFloor ?? 0n;
    const c = a.cap ?? input.defaultCap ?? null;
    if (f < 0n) throw new AnalysisError(`area ${a.id}: the floor is negative`, a.id);
    if (c !== null && c < f) throw new AnalysisError(`area ${a.id}: the cap (${c}) is below the floor (${f})`, a.id);
    floor.push(f);
    cap.push(c);
  });
  return { floor, cap };
}

/** Throws when the floors exceed the sum, or the caps (and the floors of zero-weight areas) fall short of it. */
function checkFeasible(S: bigint, w: readonly bigint[], { floor, cap }: Bounds): void {
  const sumFloors = floor.reduce((s, x) => s + x, 0n);
  if (sumFloors > S) throw new AnalysisError(`the floors add up to ${sumFloors} kr, more than the sum ${S} kr`);
  let maxTotal: bigint | null = 0n;
  for (let i = 0; i < w.length; i++) {
    if ((w[i] as bigint) === 0n) maxTotal = maxTotal === null ? null : maxTotal + (floor[i] as bigint);
    else if (cap[i] === null) maxTotal = null;
    else maxTotal = maxTotal === null ? null : maxTotal + (cap[i] as bigint);
  }
  if (maxTotal !== null && S > maxTotal) {
    throw new AnalysisError(
      `the caps (and the floors of areas with zero weight) add up to ${maxTotal} kr, less than the sum ${S} kr`,
    );
  }
}

/** g(λ)·q for λ = p/q: the sum of the clamped amounts λ·ωᵢ, over q. */
function clampedSum(lam: Fraction, w: readonly bigint[], { floor, cap }: Bounds): bigint {
  let s = 0n;
  for (let i = 0; i < w.length; i++) {
    const x = lam.n * (w[i] as bigint);
    const lo = (floor[i] as bigint) * lam.d;
    const c = cap[i] ?? null;
    const hi = c === null ? null : c * lam.d;
    s += x < lo ? lo : hi !== null && x > hi ? hi : x;
  }
  return s;
}

/**
 * The segment of λ that holds the solution: b0, the largest breakpoint (floorᵢ/ωᵢ, capᵢ/ωᵢ or 0)
 * with g(b0) ≤ S, and b1, the next distinct breakpoint above it (null when there is none).
 */
function lambdaSegment(S: bigint, w: readonly bigint[], bounds: Bounds): { b0: Fraction; b1: Fraction | null } {
  const bps: Fraction[] = [{ n: 0n, d: 1n }];
  for (let i = 0; i < w.length; i++) {
    const wi = w[i] as bigint;
    if (wi === 0n) continue;
    bps.push({ n: bounds.floor[i] as bigint, d: wi });
    const c = bounds.cap[i] ?? null;
    if (c !== null) bps.push({ n: c, d: wi });
  }
  bps.sort(cmpFrac);
  // largest breakpoint with g ≤ S
  let lo = 0;
  let hi = bps.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const b = bps[mid] as Fraction;
    if (clampedSum(b, w, bounds) <= S * b.d) lo = mid;
    else hi = mid - 1;
  }
  const b0 = bps[lo] as Fraction;
  // next distinct breakpoint above b0
  let b1: Fraction | null = null;
  for (let k = lo + 1; k < bps.length; k++) {
    if (cmpFrac(bps[k] as Fraction, b0) > 0) {
      b1 = bps[k] as Fraction;
      break;
    }
  }
  return { b0, b1 };
}

/** Each area's state on the segment (b0, b1), the sum held by floors and caps, and the free areas' weight. */
function classify(
  w: readonly bigint[],
  { floor, cap }: Bounds,
  b0: Fraction,
  b1: Fraction | null,
): { state: AreaState[]; fixedSum: bigint; wFree: bigint } {
  const state: AreaState[] = [];
  let fixedSum = 0n;
  let wFree = 0n;
  for (let i = 0; i < w.length; i++) {
    const wi = w[i] as bigint;
    const f = floor[i] as bigint;
    const c = cap[i] ?? null;
    if (wi === 0n) {
      state.push('floor');
      fixedSum += f;
      continue;
    }
    // at λ in (b0, b1): λ·wᵢ vs f and c
    if (b1 !== null && cmpFrac({ n: f, d: wi }, b1) >= 0) {
      state.push('floor');
      fixedSum += f;
    } else if (c !== null && cmpFrac({ n: c, d: wi }, b0) <= 0) {
      state.push('cap');
      fixedSum += c;
    } else {
      state.push('free');
      wFree += wi;
    }
  }
  return { state, fixedSum, wFree };
}

/**
 * Whole-krona amounts: free areas rest·ωᵢ/wFree rounded down, the kronor left one each by largest
 * remainder (ties: larger weight, then input order); fixed areas their floor or cap.
 */
function roundedAmounts(
  S: bigint,
  w: readonly bigint[],
  { floor, cap }: Bounds,
  state: readonly AreaState[],
  rest: bigint,
  wFree: bigint,
): bigint[] {
  const n = w.length;
  const base: bigint[] = [];
  const rem: bigint[] = [];
  let assigned = 0n;
  for (let i = 0; i < n; i++) {
    const st = state[i];
    if (st === 'free') {
      const num = rest * (w[i] as bigint);
      base.push(num / wFree);
      rem.push(num % wFree);
    } else {
      base.push(st === 'floor' ? (floor[i] as bigint) : (cap[i] as bigint));
      rem.push(-1n);
    }
    assigned += base[i] as bigint;
  }
  let left = S - assigned;
  const order = [...Array(n).keys()]
    .filter((i) => state[i] === 'free')
    .sort((i, j) => {
      const ri = rem[i] as bigint;
      const rj = rem[j] as bigint;
      if (ri !== rj) return ri > rj ? -1 : 1;
      const wi = w[i] as bigint;
      const wj = w[j] as bigint;
      if (wi !== wj) return wi > wj ? -1 : 1;
      return i - j;
    });
  for (const i of order) {
    if (left <= 0n) break;
    base[i] = (base[i] as bigint) + 1n;
    left -= 1n;
  }
  if (left !== 0n) throw new AnalysisError(`internal: ${left} kr left after rounding`);
  return base;
}

/** The bound an area's amount sits at: caps as classified, floors for zero weights or amounts at the floor. */
function boundOf(st: AreaState | undefined, wi: bigint, amount: bigint, floor: bigint): AllocationLine['bound'] {
  if (st === 'free') return null;
  if (st === 'cap') return 'cap';
  return wi === 0n || amount === floor ? 'floor' : null;
}
