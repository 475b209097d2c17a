/**
 * A configurable need index with five area types (see docs/methods.md).
 *
 * 1. Each indicator is standardised across the areas: zᵢₖ = (xᵢₖ − x̄ₖ)/sₖ (mean and standard
 *    deviation optionally population-weighted; population standard deviation).
 * 2. It is signed by its polarity so that a higher value always means more need
 *    (an indicator where higher is better, such as the employment rate, gets −z).
 * 3. The composite is the weighted mean cᵢ = Σₖ wₖ sₖ zᵢₖ / Σₖ wₖ, which is standardised again
 *    (same weighting) so that the cut-offs are in standard deviations of the composite.
 * 4. Areas are typed, by default by population shares: ordered by score, the areas holding the
 *    10 % of the population with the highest need have large socioeconomic challenges, the next
 *    20 % socioeconomic challenges, the middle 40 % are mixed, the next 20 % good and the last 10 %
 *    very good conditions (an area belongs where the midpoint of its population falls). The score
 *    cut-offs between the types are then the midpoints between neighbouring areas, and higher
 *    divisions are typed with them. Alternatively (method 'sd') by fixed cut-offs in standard
 *    deviations (default ±0.5 and ±1.5): score ≥ 1.5 large challenges, ≥ 0.5 challenges,
 *    > −0.5 mixed, > −1.5 good, otherwise very good conditions.
 * Areas with a missing indicator value are left out and reported.
 */
import { AnalysisError } from './errors.ts';

export type Polarity = 'higherIsWorse' | 'higherIsBetter';

export const AREA_TYPES = ['largeChallenges', 'challenges', 'mixed', 'good', 'veryGood'] as const;
export type AreaType = (typeof AREA_TYPES)[number];

export interface NeedIndicatorSpec {
  id: string;
  polarity: Polarity;
  /** Non-negative weight; the weights need not sum to 1. */
  weight: number;
}

export interface NeedIndexConfig {
  indicators: readonly NeedIndicatorSpec[];
  /** Population-weighted mean and standard deviation in the standardisation (default true). */
  populationWeighted?: boolean;
  /** How the types are cut: by population shares (default) or by fixed cut-offs in standard deviations. */
  method?: 'populationShares' | 'sd';
  /** Population shares of the five types, from large challenges to very good (default 10/20/40/20/10 %). */
  shares?: readonly [number, number, number, number, number];
  /** Method 'sd': descending cut-offs in standard deviations (default [1.5, 0.5, −0.5, −1.5]). */
  cutoffs?: readonly [number, number, number, number];
}

export interface NeedArea {
  id: string;
  population: number;
  values: Readonly<Record<string, number | null | undefined>>;
}

export interface NeedAreaResult {
  id: string;
  population: number;
  /** Signed z-score of each indicator (higher = more need). */
  components: Record<string, number>;
  /** Weighted mean of the signed z-scores. */
  composite: number;
  /** The composite standardised; the types are cut on this. */
  score: number;
  type: AreaType;
}

export interface NeedIndexResult {
  areas: NeedAreaResult[];
  indicators: { id: string; polarity: Polarity; weight: number; normalisedWeight: number; mean: number; sd: number }[];
  /** The score cut-offs used (for method populationShares: derived from the shares). */
  cutoffs: readonly [number, number, number, number];
  method: 'populationShares' | 'sd';
  shares: readonly [number, number, number, number, number] | null;
  /** Areas left out for a missing value, with the missing indicator. */
  missing: { id: string; indicator: string }[];
  /** Number of areas and population per type. */
  byType: Record<AreaType, { areas: number; population: number }>;
}

export const DEFAULT_CUTOFFS: readonly [number, number, number, number] = [1.5, 0.5, -0.5, -1.5];
export const DEFAULT_SHARES: readonly [number, number, number, number, number] = [0.1, 0.2, 0.4, 0.2, 0.1];

export function classify(
  score: number,
  cutoffs: readonly [number, number, number, number] = DEFAULT_CUTOFFS,
): AreaType {
  if (score >= cutoffs[0]) return 'largeChallenges';
  if (score >= cutoffs[1]) return 'challenges';
  if (score > cutoffs[2]) return 'mixed';
  if (score > cutoffs[3]) return 'good';
  return 'veryGood';
}

function meanSd(values: readonly number[], weights: readonly number[]): { mean: number; sd: number } {
  const W = weights.reduce((s, w) => s + w, 0);
  if (!(W > 0)) throw new AnalysisError('the weights (populations) sum to zero');
  let m = 0;
  values.forEach((v, i) => (m += (weights[i] as number) * v));
  m /= W;
  let v2 = 0;
  values.forEach((v, i) => (v2 += (weights[i] as number) * (v - m) ** 2));
  return { mean: m, sd: Math.sqrt(v2 / W) };
}

function emptyByType(): Record<AreaType, { areas: number; population: number }> {
  return Object.fromEntries(AREA_TYPES.map((t) => [t, { areas: 0, population: 0 }])) as Record<
    AreaType,
    { areas: number; population: number }
  >;
}

/**
 * Score cut-offs that split the population in the given shares: areas ordered by score (highest
 * first) fall in the type where the midpoint of their population lies; each cut-off is the midpoint
 * between the last area of one type and the first of the next.
 */
function shareCutoffs(
  areas: readonly { id: string; score: number; population: number }[],
  shares: readonly number[],
): [number, number, number, number] {
  const sorted = [...areas].sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const total = sorted.reduce((s, a) => s + a.population, 0);
  const bounds: number[] = [];
  let acc = 0;
  for (const sh of shares) bounds.push((acc += sh));
  let cum = 0;
  const typeOf = sorted.map((a) => {
    const mid = total > 0 ? (cum + a.population / 2) / total : 0.5;
    cum += a.population;
    const k = bounds.findIndex((b) => mid < b);
    return k === -1 ? 4 : k;
  });
  const out: number[] = [];
  for (let k = 0; k < 4; k++) {
    // the lowest score of types ≤ k and the highest of types > k
    let lo = Infinity;
    let hi = -Infinity;
    sorted.forEach((a, i) => {
      if ((typeOf[i] as number) <= k) lo = Math.min(lo, a.score);
      else hi = Math.max(hi, a.score);
    });
    out.push(lo === Infinity ? (hi === -Infinity ? 0 : hi + 1) : hi === -Infinity ? lo - 1 : (lo + hi) / 2);
  }
  return out as [number, number, number, number];
}

export function needIndex(areas: readonly NeedArea[], config: NeedIndexConfig): NeedIndexResult {
  const specs = config.indicators;
  if (specs.length === 0) throw new AnalysisError('the need index needs at least one indicator');
  const ids = new Set<string>();
  for (const s of specs) {
    if (ids.has(s.id)) throw new AnalysisError(`indicator ${s.id} is listed twice`);
    ids.add(s.id);
    if (!(s.weight >= 0) || !Number.isFinite(s.weight))
      throw new AnalysisError(`indicator ${s.id}: weight must be a non-negative number`);
  }
  const weightSum = specs.reduce((s, x) => s + x.weight, 0);
  if (!(weightSum > 0)) throw new AnalysisError('the indicator weights sum to zero');
  const method = config.method ?? (config.cutoffs ? 'sd' : 'populationShares');
  const sdCutoffs = config.cutoffs ?? DEFAULT_CUTOFFS;
  for (let k = 1; k < 4; k++) {
    if (!((sdCutoffs[k - 1] as number) > (sdCutoffs[k] as number)))
      throw new AnalysisError('cut-offs must be strictly descending');
  }
  const shares = config.shares ?? DEFAULT_SHARES;
  if (shares.length !== 5 || shares.some((x) => !(x >= 0)) || Math.abs(shares.reduce((a, b) => a + b, 0) - 1) > 1e-9) {
    throw new AnalysisError('the population shares of the five types must be non-negative and add up to 1 (100 %)');
  }
  const popWeighted = config.populationWeighted ?? true;

  const missing: { id: string; indicator: string }[] = [];
  const used: NeedArea[] = [];
  for (const a of areas) {
    const miss = specs.find((s) => {
      const v = a.values[s.id];
      return v === null || v === undefined || !Number.isFinite(v);
    });
    if (miss) missing.push({ id: a.id, indicator: miss.id });
    else if (!(a.population >= 0)) throw new AnalysisError(`area ${a.id}: population must be a non-negative number`);
    else used.push(a);
  }
  if (used.length < 2) throw new AnalysisError('the need index needs at least two areas with all values');
  const w = used.map((a) => (popWeighted ? a.population : 1));

  const stats = specs.map((s) => {
    const vals = used.map((a) => a.values[s.id] as number);
    const { mean, sd } = meanSd(vals, w);
    return { id: s.id, polarity: s.polarity, weight: s.weight, normalisedWeight: s.weight / weightSum, mean, sd };
  });
  const composite = used.map((a) => {
    const components: Record<string, number> = {};
    let c = 0;
    stats.forEach((st) => {
      const z = st.sd > 0 ? ((a.values[st.id] as number) - st.mean) / st.sd : 0;
      const signed = st.polarity === 'higherIsWorse' ? z : -z;
      components[st.id] = signed;
      c += st.normalisedWeight * signed;
    });
    return { components, c };
  });
  const cs = meanSd(
    composite.map((x) => x.c),
    w,
  );
  const scored = used.map((a, i) => {
    const { components, c } = composite[i] as { components: Record<string, number>; c: number };
    return { a, components, c, score: cs.sd > 0 ? (c - cs.mean) / cs.sd : 0 };
  });
  const cutoffs =
    method === 'sd'
      ? sdCutoffs
      : shareCutoffs(
          scored.map((x) => ({ id: x.a.id, score: x.score, population: x.a.population })),
          shares,
        );
  const byType = emptyByType();
  const out: NeedAreaResult[] = scored.map(({ a, components, c, score }) => {
    const type = classify(score, cutoffs);
    byType[type].areas += 1;
    byType[type].population += a.population;
    return { id: a.id, population: a.population, components, composite: c, score, type };
  });
  return { areas: out, indicators: stats, cutoffs, method, shares: method === 'sd' ? null : shares, missing, byType };
}

export interface AggregatedNeed {
  id: string;
  population: number;
  /** Population-weighted mean of the member areas' scores. */
  score: number;
  type: AreaType;
  /** Population living in areas of each type. */
  populationByType: Record<AreaType, number>;
  members: number;
}

/**
 * Aggregates a need index computed for small areas (DeSO) to a higher division: the
 * population-weighted mean score of the member areas, typed with the same cut-offs, and the
 * population per type. Areas without a parent are returned in `unmapped`.
 */
export function aggregateNeed(
  result: NeedIndexResult,
  parentOf: (id: string) => string | null | undefined,
): { areas: AggregatedNeed[]; unmapped: string[] } {
  const groups = new Map<string, NeedAreaResult[]>();
  const unmapped: string[] = [];
  for (const a of result.areas) {
    const p = parentOf(a.id);
    if (!p) {
      unmapped.push(a.id);
      continue;
    }
    const list = groups.get(p);
    if (list) list.push(a);
    else groups.set(p, [a]);
  }
  const areas = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, members]) => {
      const pop = members.reduce((s, m) => s + m.population, 0);
      const score =
        pop > 0
          ? members.reduce((s, m) => s + m.population * m.score, 0) / pop
          : members.reduce((s, m) => s + m.score, 0) / members.length;
      const populationByType = Object.fromEntries(AREA_TYPES.map((t) => [t, 0])) as Record<AreaType, number>;
      for (const m of members) populationByType[m.type] += m.population;
      return {
        id,
        population: pop,
        score,
        type: classify(score, result.cutoffs),
        populationByType,
        members: members.length,
      };
    });
  return { areas, unmapped };
}

/** Default need weights per area type for allocation (configurable in a scenario). */
export const DEFAULT_TYPE_WEIGHTS: Readonly<Record<AreaType, number>> = {
  largeChallenges: 3,
  challenges: 2,
  mixed: 1,
  good: 0.75,
  veryGood: 0.5,
};
