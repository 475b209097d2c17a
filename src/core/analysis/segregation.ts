/**
 * Segregation measures over the areas of a division (see docs/methods.md for the formulas).
 *
 * Conventions: natural logarithms; counts may be fractional; 0·ln 0 = 0; areas whose total is
 * zero are skipped and reported (they carry no people, so they cannot be more or less segregated).
 * Results agree with pysal/segregation and R's segregation package.
 */
import { AnalysisError } from './errors.ts';

export interface TwoGroupUnit {
  id: string;
  /** Count of the group of interest (x). */
  group: number;
  /** Total count of the area (the other group is y = total − group). */
  total: number;
}

export interface TwoGroupResult {
  /** Dissimilarity D = ½ Σ |xᵢ/X − yᵢ/Y|. */
  D: number;
  /** Theil's information-theory index H = Σ tᵢ (E − Eᵢ) / (E·T). */
  H: number;
  /** Mutual information M = E − Σ (tᵢ/T) Eᵢ (equals H·E). */
  M: number;
  /** Isolation xPx = Σ (xᵢ/X)(xᵢ/tᵢ). */
  xPx: number;
  /** Exposure xPy = Σ (xᵢ/X)(yᵢ/tᵢ). */
  xPy: number;
  /** Gini G = Σᵢ Σⱼ tᵢ tⱼ |pᵢ − pⱼ| / (2 T² P (1 − P)). */
  G: number;
  /** The city-wide share P = X/T. */
  share: number;
  /** Areas used. */
  n: number;
  /** Totals used. */
  groupTotal: number;
  total: number;
  /** Areas skipped because their total is zero. */
  skipped: string[];
}

export interface MultiGroupUnit {
  id: string;
  /** Counts per group, in the order of the group names. */
  counts: number[];
}

export interface MultiGroupResult {
  /** Multigroup dissimilarity D = Σᵢ Σₖ tᵢ |pᵢₖ − Pₖ| / (2 T I), I = Σₖ Pₖ(1 − Pₖ). */
  multiD: number;
  /** Multigroup information theory index H = Σᵢ tᵢ (E − Eᵢ) / (E·T). */
  multiH: number;
  /** Mutual information index M = Σᵢ (tᵢ/T) Σₖ pᵢₖ ln(pᵢₖ/Pₖ). */
  M: number;
  /** Multigroup Gini = Σₖ Σᵢ Σⱼ tᵢ tⱼ |pᵢₖ − pⱼₖ| / (2 T² I). */
  multiG: number;
  /** Normalised exposure P = Σₖ Σᵢ tᵢ (pᵢₖ − Pₖ)² / (T (1 − Pₖ)) (summed over groups, as pysal). */
  normExposure: number;
  /** City-wide group shares Pₖ. */
  shares: number[];
  n: number;
  total: number;
  skipped: string[];
}

/** x·ln(x) with the convention 0·ln 0 = 0. */
function xlogx(x: number): number {
  return x > 0 ? x * Math.log(x) : 0;
}

/** Entropy −Σ pₖ ln pₖ of shares. */
export function entropy(shares: readonly number[]): number {
  let e = 0;
  for (const p of shares) e -= xlogx(p);
  return e;
}

function checkCount(value: number, unitId: string, field: string): void {
  if (!Number.isFinite(value)) throw new AnalysisError(`area ${unitId}: ${field} is not a number`, unitId, field);
  if (value < 0) throw new AnalysisError(`area ${unitId}: ${field} is negative (${value})`, unitId, field);
}

/**
 * Weighted Gini over shares pᵢ with weights tᵢ: Σᵢ Σⱼ tᵢ tⱼ |pᵢ − pⱼ|, computed in O(n log n)
 * by sorting (Σᵢ<ⱼ tᵢ tⱼ (pⱼ − pᵢ) for ascending p).
 */
function pairwiseAbsDiff(p: readonly number[], t: readonly number[]): number {
  const idx = p.map((_, i) => i).sort((a, b) => (p[a] as number) - (p[b] as number));
  let cumT = 0;
  let cumTP = 0;
  let sum = 0;
  for (const i of idx) {
    const pi = p[i] as number;
    const ti = t[i] as number;
    sum += ti * (pi * cumT - cumTP);
    cumT += ti;
    cumTP += ti * pi;
  }
  return 2 * sum; // both orders (i, j) and (j, i)
}

/** Two-group measures for a group against the rest of the total. */
export function twoGroupMeasures(units: readonly TwoGroupUnit[]): TwoGroupResult {
  const skipped: string[] = [];
  const used: TwoGroupUnit[] = [];
  for (const u of units) {
    checkCount(u.group, u.id, 'group');
    checkCount(u.total, u.id, 'total');
    if (u.group > u.total * (1 + 1e-12)) {
      throw new AnalysisError(`area ${u.id}: group (${u.group}) is larger than total (${u.total})`, u.id, 'group');
    }
    if (u.total === 0) skipped.push(u.id);
    else used.push(u);
  }
  if (used.length === 0) throw new AnalysisError('no area with a positive total', null, 'total');
  let X = 0;
  let T = 0;
  for (const u of used) {
    X += u.group;
    T += u.total;
  }
  const Y = T - X;
  const P = X / T;
  const E = entropy([P, 1 - P]);
  let d = 0;
  let mSum = 0;
  let xPx = 0;
  let xPy = 0;
  const p: number[] = [];
  const t: number[] = [];
  for (const u of used) {
    const x = u.group;
    const y = Math.max(0, u.total - u.group);
    const pi = Math.min(1, x / u.total);
    d += Math.abs((X > 0 ? x / X : 0) - (Y > 0 ? y / Y : 0));
    mSum += (u.total / T) * entropy([pi, 1 - pi]);
    if (X > 0) {
      xPx += (x / X) * pi;
      xPy += (x / X) * (1 - pi);
    }
    p.push(pi);
    t.push(u.total);
  }
  const M = E - mSum;
  const denomG = 2 * T * T * P * (1 - P);
  return {
    D: X > 0 && Y > 0 ? d / 2 : 0,
    H: E > 0 ? M / E : 0,
    M: E > 0 ? M : 0,
    xPx,
    xPy,
    G: denomG > 0 ? pairwiseAbsDiff(p, t) / denomG : 0,
    share: P,
    n: used.length,
    groupTotal: X,
    total: T,
    skipped,
  };
}

/**
 * Multigroup measures; the total of an area is the sum of its group counts.
 * With two groups multiD, multiH and multiG equal the two-group D, H and G.
 */
export function multiGroupMeasures(units: readonly MultiGroupUnit[], groupNames?: readonly string[]): MultiGroupResult {
  const first = units[0];
  if (!first) throw new AnalysisError('no areas', null, null);
  const K = first.counts.length;
  if (K < 2) throw new AnalysisError('multigroup measures need at least two groups', null, null);
  const name = (k: number): string => groupNames?.[k] ?? `group ${k + 1}`;
  const skipped: string[] = [];
  const rows: { t: number; counts: number[] }[] = [];
  for (const u of units) {
    if (u.counts.length !== K) {
      throw new AnalysisError(`area ${u.id}: ${u.counts.length} group counts, expected ${K}`, u.id, null);
    }
    let t = 0;
    u.counts.forEach((c, k) => {
      checkCount(c, u.id, name(k));
      t += c;
    });
    if (t === 0) skipped.push(u.id);
    else rows.push({ t, counts: u.counts });
  }
  if (rows.length === 0) throw new AnalysisError('no area with a positive total', null, null);
  let T = 0;
  const groupTotals = new Array<number>(K).fill(0);
  for (const r of rows) {
    T += r.t;
    r.counts.forEach((c, k) => {
      groupTotals[k] = (groupTotals[k] as number) + c;
    });
  }
  const Pk = groupTotals.map((g) => g / T);
  const I = Pk.reduce((s, p) => s + p * (1 - p), 0);
  const E = entropy(Pk);
  let dSum = 0;
  let mSum = 0;
  let peSum = 0;
  for (const r of rows) {
    const p = r.counts.map((c) => c / r.t);
    let m = 0;
    for (let k = 0; k < K; k++) {
      const pik = p[k] as number;
      const P = Pk[k] as number;
      dSum += r.t * Math.abs(pik - P);
      if (pik > 0) m += pik * Math.log(pik / P);
      if (P < 1) peSum += (r.t * (pik - P) ** 2) / (T * (1 - P));
    }
    mSum += (r.t / T) * m;
  }
  let gSum = 0;
  const t = rows.map((r) => r.t);
  for (let k = 0; k < K; k++) {
    gSum += pairwiseAbsDiff(
      rows.map((r) => (r.counts[k] as number) / r.t),
      t,
    );
  }
  return {
    multiD: I > 0 ? dSum / (2 * T * I) : 0,
    multiH: E > 0 ? mSum / E : 0,
    M: mSum,
    multiG: I > 0 ? gSum / (2 * T * T * I) : 0,
    normExposure: peSum,
    shares: Pk,
    n: rows.length,
    total: T,
    skipped,
  };
}

/** Each area's share of the group and the city-wide share, for maps of share against the city share. */
export function areaShares(
  units: readonly TwoGroupUnit[],
): { id: string; share: number | null; difference: number | null }[] {
  let X = 0;
  let T = 0;
  for (const u of units) {
    if (u.total > 0) {
      X += u.group;
      T += u.total;
    }
  }
  const city = T > 0 ? X / T : null;
  return units.map((u) => {
    const share = u.total > 0 ? u.group / u.total : null;
    return { id: u.id, share, difference: share !== null && city !== null ? share - city : null };
  });
}
