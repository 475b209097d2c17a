/**
 * Aggregation of counts up crosswalks and recomputation of rates from summed counts. Pure.
 *
 * - Counts are summed (× link weight) from the finest division that has them for that period
 *   (the base), step by step up the crosswalks, and directly from the base to the city.
 * - Shares and means are never averaged: at every level they are numerator ÷ denominator of the
 *   summed counts, × multiplier.
 * - Medians (and means without counts behind them) exist only at the base; above it they are not
 *   available (no observation is produced; see `isAvailableAt`).
 * - A parent with a missing child is missing (a sum over an incomplete set is not the total).
 * - Suppression (see suppression.ts) is applied last, on the published values; sums and rates are
 *   computed from the unsuppressed counts.
 */
import type { Crosswalk } from '../geo/crosswalk.ts';
import type { Observation } from '../types.ts';
import type { BaseValue, ReferenceIndicator } from './reference-catalogue.ts';
import { applySuppression, DEFAULT_SUPPRESSION, type SuppressionRule } from './suppression.ts';

export interface AggregationInput {
  indicators: readonly ReferenceIndicator[];
  /** Base values per division, finest division first (e.g. DeSO, then RegSO). */
  base: readonly { divisionId: string; values: readonly BaseValue[] }[];
  /** Crosswalk steps in an order where each step's source division is done before it is used. */
  steps: readonly Crosswalk[];
  /** The city: every base area lies in it. */
  city: { divisionId: string; code: string };
  /** All area codes per division, so that areas without data get an explicit missing observation. */
  areas: ReadonlyMap<string, readonly string[]>;
  suppression?: SuppressionRule;
}

interface Cell {
  value: number | null;
  sources: Set<string>;
  /** No source area links here (no data from this crosswalk): shown as missing, not summed further. */
  absent?: boolean;
}

type Level = Map<string, Cell>; // area → cell

/** Formats a number as an exact decimal string with at most `decimals` decimals (trailing zeros dropped). */
export function decimalString(x: number, decimals = 6): string {
  const s = x.toFixed(decimals);
  const t = s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
  return t === '-0' ? '0' : t;
}

function sumLevel(from: Level, cw: Crosswalk, targets: readonly string[] | undefined): Level {
  const out: Level = new Map();
  for (const l of cw.links) {
    const child = from.get(l.fromCode);
    if (!child || child.absent) continue;
    let cell = out.get(l.toCode);
    if (!cell) out.set(l.toCode, (cell = { value: 0, sources: new Set() }));
    for (const s of child.sources) cell.sources.add(s);
    if (child.value === null || cell.value === null) cell.value = null;
    else cell.value += child.value * l.weight;
  }
  for (const t of targets ?? []) if (!out.has(t)) out.set(t, { value: null, sources: new Set(), absent: true });
  return out;
}

export interface AggregationResult {
  observations: Observation[];
  /** indicator → period → the division its values come from. */
  baseDivision: Map<string, Map<string, string>>;
}

/** indicator → period → division → level. */
type Levels = Map<string, Map<string, Map<string, Level>>>;

/** Computes every indicator at every reachable division, with the city value. */
export function aggregate(input: AggregationInput): AggregationResult {
  const rule = input.suppression ?? DEFAULT_SUPPRESSION;
  const levels: Levels = new Map();
  const baseDivision = new Map<string, Map<string, string>>();

  for (const ind of input.indicators) {
    if (ind.kind !== 'count' && ind.aggregable) continue; // ratios later
    const { perPeriod, bases } = baseLevels(ind, input.base);
    if (ind.aggregable) {
      for (const [period, divs] of perPeriod) sumUp(divs, bases.get(period)!, input);
    }
    levels.set(ind.id, perPeriod);
    baseDivision.set(ind.id, bases);
  }

  const observations: Observation[] = [];
  const emit: Emit = (ind, at, value, num, den, sources, derived) => {
    observations.push(observation(ind, at, value, num, den, sources, derived, rule));
  };
  emitCounts(input.indicators, levels, baseDivision, emit);
  const byId = new Map(input.indicators.map((i) => [i.id, i]));
  for (const ind of input.indicators) {
    if (ind.kind === 'count' || !ind.aggregable) continue;
    emitRatio(ind, byId, levels, emit);
  }
  observations.sort(
    (a, b) =>
      a.indicatorId.localeCompare(b.indicatorId) ||
      a.divisionId.localeCompare(b.divisionId) ||
      a.period.localeCompare(b.period) ||
      a.areaCode.localeCompare(b.areaCode),
  );
  return { observations, baseDivision };
}

/**
 * The base values of one indicator by period and division, and the division each period's values come
 * from: the first (finest) division that has that period.
 */
function baseLevels(
  ind: ReferenceIndicator,
  base: AggregationInput['base'],
): { perPeriod: Map<string, Map<string, Level>>; bases: Map<string, string> } {
  const perPeriod = new Map<string, Map<string, Level>>();
  const bases = new Map<string, string>();
  for (const b of base) {
    for (const v of b.values) {
      if (v.indicatorId !== ind.id) continue;
      const taken = bases.get(v.period);
      if (taken !== undefined && taken !== b.divisionId) continue; // a finer division has this period
      bases.set(v.period, b.divisionId);
      let divs = perPeriod.get(v.period);
      if (!divs) perPeriod.set(v.period, (divs = new Map()));
      let level = divs.get(b.divisionId);
      if (!level) divs.set(b.divisionId, (level = new Map()));
      level.set(v.areaCode, { value: v.status === 'ok' ? v.value : null, sources: new Set([v.source]) });
    }
  }
  return { perPeriod, bases };
}

/** Sums one period's counts up the crosswalks from the base division, and to the city. */
function sumUp(divs: Map<string, Level>, baseDiv: string, input: AggregationInput): void {
  const base = divs.get(baseDiv)!;
  for (const step of input.steps) {
    const from = divs.get(step.fromDivision);
    if (!from || divs.has(step.toDivision)) continue;
    divs.set(step.toDivision, sumLevel(from, step, input.areas.get(step.toDivision)));
  }
  divs.set(input.city.divisionId, new Map([[input.city.code, cityCell(base)]]));
}

/** The city straight from the base (every base area lies in the city). */
function cityCell(base: Level): Cell {
  const city: Cell = { value: 0, sources: new Set() };
  for (const cell of base.values()) {
    for (const s of cell.sources) city.sources.add(s);
    city.value = city.value === null || cell.value === null ? null : city.value + cell.value;
  }
  return city;
}

/** Where an observation is: division, area and period. */
interface Place {
  readonly divisionId: string;
  readonly areaCode: string;
  readonly period: string;
}

type Emit = (
  ind: ReferenceIndicator,
  at: Place,
  value: number | null,
  num: number | null,
  den: number | null,
  sources: Iterable<string>,
  derived: boolean,
) => void;

/** One published observation, suppression applied. */
function observation(
  ind: ReferenceIndicator,
  at: Place,
  value: number | null,
  num: number | null,
  den: number | null,
  sources: Iterable<string>,
  derived: boolean,
  rule: SuppressionRule,
): Observation {
  const source = [...new Set(sources)].sort().join('; ');
  return applySuppression(
    {
      indicatorId: ind.id,
      divisionId: at.divisionId,
      areaCode: at.areaCode,
      period: at.period,
      breakdown: '',
      value: value === null ? null : decimalString(value),
      numerator: num === null ? null : decimalString(num),
      denominator: den === null ? null : decimalString(den),
      status: value === null ? 'missing' : 'final',
      derived,
      source,
    },
    ind,
    rule,
  );
}

/** Counts and source-level values: every cell of every level (derived above the base division). */
function emitCounts(
  indicators: readonly ReferenceIndicator[],
  levels: Levels,
  baseDivision: Map<string, Map<string, string>>,
  emit: Emit,
): void {
  for (const ind of indicators) {
    const perPeriod = levels.get(ind.id);
    if (!perPeriod) continue;
    for (const [period, divs] of perPeriod) {
      const baseDiv = baseDivision.get(ind.id)!.get(period)!;
      for (const [divisionId, level] of divs)
        for (const [areaCode, cell] of level)
          emit(ind, { divisionId, areaCode, period }, cell.value, null, null, cell.sources, divisionId !== baseDiv);
    }
  }
}

/** A ratio from summed counts, wherever its numerator and denominator both have a level. */
function emitRatio(ind: ReferenceIndicator, byId: Map<string, ReferenceIndicator>, levels: Levels, emit: Emit): void {
  const numInd = ind.numeratorId ? byId.get(ind.numeratorId) : undefined;
  const denInd = ind.denominatorId ? byId.get(ind.denominatorId) : undefined;
  if (!numInd || !denInd)
    throw new Error(`${ind.id}: numerator or denominator indicator is missing from the catalogue`);
  const nums = levels.get(numInd.id);
  const dens = levels.get(denInd.id);
  if (!nums || !dens) return;
  for (const [period, numDivs] of nums) {
    const denDivs = dens.get(period);
    if (!denDivs) continue;
    for (const [divisionId, numLevel] of numDivs) {
      const denLevel = denDivs.get(divisionId);
      if (denLevel) emitRatioLevel(ind, { divisionId, period }, numLevel, denLevel, emit);
    }
  }
}

/** A ratio at every area of one division and period: numerator ÷ denominator × multiplier. */
function emitRatioLevel(
  ind: ReferenceIndicator,
  at: { readonly divisionId: string; readonly period: string },
  numLevel: Level,
  denLevel: Level,
  emit: Emit,
): void {
  const codes = new Set([...numLevel.keys(), ...denLevel.keys()]);
  for (const areaCode of codes) {
    const n = numLevel.get(areaCode);
    const d = denLevel.get(areaCode);
    const nv = n?.value ?? null;
    const dv = d?.value ?? null;
    const value = nv === null || dv === null || dv === 0 ? null : (ind.multiplier * nv) / dv;
    const place = { divisionId: at.divisionId, areaCode, period: at.period };
    emit(ind, place, value, nv, dv, [...(n?.sources ?? []), ...(d?.sources ?? [])], true);
  }
}

/** Whether an indicator can have values at a division, given the divisions its base values are at. */
export function isAvailableAt(ind: ReferenceIndicator, divisionId: string, baseDivisions: Iterable<string>): boolean {
  if (ind.aggregable) return true;
  for (const b of baseDivisions) if (b === divisionId) return true;
  return false;
}
