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

/** Shares `input.total` exactly; see the module comment. */
export function allocate(input: AllocationInput): AllocationResult {
  const S = input.total;
  if (S < 0n) throw new AnalysisError('the sum must not be negative');
  const n = input.areas.length;
  if (n === 0) throw new AnalysisError('no areas to allocate to');
  const seen = new Set<string>();
  const w = weights(input);
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
  const sumFloors = floor.reduce((s, x) => s + x, 0n);
  if (sumFloors > S) throw new AnalysisError(`the floors add up to ${sumFloors} kr, more than the sum ${S} kr`);
  let maxTotal: bigint | null = 0n;
  for (let i = 0; i < n; i++) {
    if ((w[i] as bigint) === 0n) maxTotal = maxTotal === null ? null : maxTotal + (floor[i] as bigint);
    else if (cap[i] === null) maxTotal = null;
    else maxTotal = maxTotal === null ? null : maxTotal + (cap[i] as bigint);
  }
  if (maxTotal !== null && S > maxTotal) {
    throw new AnalysisError(
      `the caps (and the floors of areas with zero weight) add up to ${maxTotal} kr, less than the sum ${S} kr`,
    );
  }

  // g(λ)·q for λ = p/q
  const g = (lam: Fraction): bigint => {
    let s = 0n;
    for (let i = 0; i < n; i++) {
      const x = lam.n * (w[i] as bigint);
      const lo = (floor[i] as bigint) * lam.d;
      const c = cap[i] ?? null;
      const hi = c === null ? null : c * lam.d;
      s += x < lo ? lo : hi !== null && x > hi ? hi : x;
    }
    return s;
  };
  const bps: Fraction[] = [{ n: 0n, d: 1n }];
  for (let i = 0; i < n; i++) {
    const wi = w[i] as bigint;
    if (wi === 0n) continue;
    bps.push({ n: floor[i] as bigint, d: wi });
    const c = cap[i] ?? null;
    if (c !== null) bps.push({ n: c, d: wi });
  }
  bps.sort(cmpFrac);
  // largest breakpoint with g ≤ S
  let lo = 0;
  let hi = bps.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const b = bps[mid] as Fraction;
    if (g(b) <= S * b.d) lo = mid;
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
  // classify each area on the segment (b0, b1)
  const state: ('floor' | 'cap' | 'free')[] = [];
  let fixedSum = 0n;
  let wFree = 0n;
  for (let i = 0; i < n; i++) {
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
  const rest = S - fixedSum;
  // λ = rest / wFree on this segment
  if (wFree === 0n && rest !== 0n) throw new AnalysisError('internal: no free area left to take the rest');
  // exact amounts: free areas rest·ωᵢ/wFree; fixed areas their floor or cap
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
  const W = w.reduce((s, x) => s + x, 0n);
  const lines: AllocationLine[] = input.areas.map((a, i) => {
    const st = state[i];
    const exact = st === 'free' ? toNumber(rest * (w[i] as bigint), wFree) : Number(base[i]);
    return {
      id: a.id,
      amount: base[i] as bigint,
      exact,
      weightShare: W > 0n ? toNumber(w[i] as bigint, W) : 0,
      bound:
        st === 'free'
          ? null
          : st === 'cap'
            ? 'cap'
            : (w[i] as bigint) === 0n || (base[i] as bigint) === (floor[i] as bigint)
              ? 'floor'
              : null,
    };
  });
  return { total: S, lines };
}
