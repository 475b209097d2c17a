/**
 * Global Moran's I with row-standardised binary contiguity weights (see docs/methods.md).
 *
 * Conventions (as esda's Moran with transformation "r" and spdep's moran.test with randomisation
 * TRUE/FALSE): the weights of an area with k neighbours are 1/k; an area without neighbours (an
 * isolate) keeps a row of zeros, is reported, and still counts in n and in the mean and variance of
 * the values (esda's convention). p-values are two-sided.
 */
import { AnalysisError } from './errors.ts';
import { twoSidedP } from './normal.ts';

/** Unit id → neighbour ids (binary contiguity). */
export type NeighbourMap = Readonly<Record<string, readonly string[]>>;

export interface MoranResult {
  I: number;
  EI: number;
  /** Variance of I under normality. */
  VINorm: number;
  zNorm: number;
  pNorm: number;
  /** Variance of I under randomisation. */
  VIRand: number;
  zRand: number;
  pRand: number;
  n: number;
  /** Sum of all weights S0 (= n minus isolates for row-standardised weights). */
  S0: number;
  S1: number;
  S2: number;
  /** Areas without neighbours. */
  isolates: string[];
}

/**
 * Row-standardised sparse weights for the given ids (in order). Neighbours that are not among the
 * ids are ignored; self-links and duplicates are dropped; links are taken as given (a neighbour map
 * built from polygons is symmetric, a GAL file usually is).
 */
export function rowStandardise(
  ids: readonly string[],
  neighbours: NeighbourMap,
): { rows: Map<number, number>[]; isolates: string[] } {
  const index = new Map<string, number>();
  ids.forEach((id, i) => {
    if (index.has(id)) throw new AnalysisError(`area ${id} appears twice`, id);
    index.set(id, i);
  });
  const rows: Map<number, number>[] = [];
  const isolates: string[] = [];
  ids.forEach((id, i) => {
    const js = new Set<number>();
    for (const nb of neighbours[id] ?? []) {
      const j = index.get(nb);
      if (j !== undefined && j !== i) js.add(j);
    }
    const row = new Map<number, number>();
    for (const j of js) row.set(j, 1 / js.size);
    if (js.size === 0) isolates.push(id);
    rows.push(row);
  });
  return { rows, isolates };
}

/** Moran's I of values (in the order of ids) with row-standardised weights from a neighbour map. */
export function moransI(ids: readonly string[], values: readonly number[], neighbours: NeighbourMap): MoranResult {
  if (ids.length !== values.length) throw new AnalysisError(`${ids.length} ids but ${values.length} values`, null);
  const n = ids.length;
  if (n < 4) throw new AnalysisError(`Moran's I needs at least 4 areas, got ${n}`, null);
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new AnalysisError(`area ${ids[i]}: value is not a number`, ids[i] ?? null);
  });
  const { rows, isolates } = rowStandardise(ids, neighbours);
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const z = values.map((v) => v - mean);
  let m2 = 0;
  let m4 = 0;
  for (const zi of z) {
    m2 += zi * zi;
    m4 += zi ** 4;
  }
  if (m2 === 0) throw new AnalysisError('all values are equal: Moran\u2019s I is undefined for a constant', null);

  let S0 = 0;
  let cross = 0;
  const colSums = new Array<number>(n).fill(0);
  const rowSums = new Array<number>(n).fill(0);
  rows.forEach((row, i) => {
    for (const [j, w] of row) {
      S0 += w;
      cross += w * (z[i] as number) * (z[j] as number);
      rowSums[i] = (rowSums[i] as number) + w;
      colSums[j] = (colSums[j] as number) + w;
    }
  });
  if (S0 === 0) throw new AnalysisError('no area has a neighbour', null);
  // S1 = ½ Σᵢ Σⱼ (wᵢⱼ + wⱼᵢ)² over all ordered pairs: first the pairs with wᵢⱼ > 0, then the
  // pairs with wᵢⱼ = 0 but wⱼᵢ > 0 (one-way links, possible in a hand-made neighbour file).
  let S1 = 0;
  rows.forEach((row, i) => {
    for (const [j, w] of row) {
      const wji = rows[j]?.get(i) ?? 0;
      S1 += (w + wji) ** 2;
      if (wji === 0) S1 += w * w;
    }
  });
  S1 /= 2;
  let S2 = 0;
  for (let i = 0; i < n; i++) S2 += ((rowSums[i] as number) + (colSums[i] as number)) ** 2;

  const I = (n / S0) * (cross / m2);
  const EI = -1 / (n - 1);
  const n2 = n * n;
  const VINorm = (n2 * S1 - n * S2 + 3 * S0 * S0) / ((n2 - 1) * S0 * S0) - EI * EI;
  const k = m4 / n / (m2 / n) ** 2;
  const A = n * ((n2 - 3 * n + 3) * S1 - n * S2 + 3 * S0 * S0);
  const B = k * ((n2 - n) * S1 - 2 * n * S2 + 6 * S0 * S0);
  const VIRand = (A - B) / ((n - 1) * (n - 2) * (n - 3) * S0 * S0) - EI * EI;
  const zNorm = (I - EI) / Math.sqrt(VINorm);
  const zRand = (I - EI) / Math.sqrt(VIRand);
  return {
    I,
    EI,
    VINorm,
    zNorm,
    pNorm: twoSidedP(zNorm),
    VIRand,
    zRand,
    pRand: twoSidedP(zRand),
    n,
    S0,
    S1,
    S2,
    isolates,
  };
}
