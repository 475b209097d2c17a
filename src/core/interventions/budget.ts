// Budget views over the intervention register: filters, totals by year / goal area / committee /
// funding source / area, spending per resident by stadsdelsområde beside a need measure, and the
// gap between each area's share of the money and its share of the need. Pure functions.
//
// Rules (also in docs/interventions.md):
// - Area totals are a partition of the money: a budget line with an area goes to that area; a line
//   without an area goes to the intervention's only area, to "city-wide" when the intervention is
//   city-wide, and to "several areas" (never split) when the intervention has more than one area.
// - Goal-area totals are not a partition: an intervention linked to several goal areas counts in
//   full under each (the view says so with `overlapping: true`); one without goal areas counts
//   under "none".
// - Per-resident figures and shares are exact rationals; city-wide money and money that cannot be
//   placed in exactly one stadsdelsområde are reported separately and never spread.

import { addRatio, perResident, ratio, share, subRatio, sumKronor } from '../money.ts';
import type { Kronor, Ratio } from '../money.ts';
import { CITY_WIDE } from './types.ts';
import type { BudgetLine, BudgetMeasure, Intervention, InterventionStatus } from './types.ts';

export interface MoneyTotals {
  planned: Kronor;
  decided: Kronor;
  spent: Kronor;
}

export const ZERO_TOTALS: MoneyTotals = Object.freeze({ planned: 0n, decided: 0n, spent: 0n });

export function addLine(t: MoneyTotals, l: Pick<BudgetLine, BudgetMeasure>): MoneyTotals {
  return {
    planned: t.planned + (l.planned ?? 0n),
    decided: t.decided + (l.decided ?? 0n),
    spent: t.spent + (l.spent ?? 0n),
  };
}

export function totalsOf(lines: readonly BudgetLine[]): MoneyTotals {
  return lines.reduce<MoneyTotals>((t, l) => addLine(t, l), ZERO_TOTALS);
}

// ---------------------------------------------------------------------------------------------
// Filters

export interface InterventionFilter {
  /** Intervention targets this area code (CITY_WIDE for city-wide interventions). */
  area?: string;
  /**
   * Intervention targets one of these area codes (an area with every area below it, or a group's
   * members with theirs); with `includeCityWide`, city-wide interventions match too.
   */
  areaKeys?: ReadonlySet<string>;
  includeCityWide?: boolean;
  goalArea?: string;
  committee?: string;
  status?: InterventionStatus;
  /** Has a budget line in this year; totals are then restricted to that year. */
  year?: number;
  /** Free text in name or description (case-insensitive). */
  text?: string;
}

export function matchesFilter(i: Intervention, f: InterventionFilter): boolean {
  if (f.area !== undefined && !i.areas.includes(f.area)) return false;
  if (f.areaKeys !== undefined) {
    const keys = f.areaKeys;
    const inside = i.areas.some((a) => keys.has(a)) || (!!f.includeCityWide && i.areas.includes(CITY_WIDE));
    if (!inside) return false;
  }
  if (f.goalArea !== undefined && !i.goalAreas.includes(f.goalArea)) return false;
  if (f.committee !== undefined && i.committee !== f.committee) return false;
  if (f.status !== undefined && i.status !== f.status) return false;
  if (f.year !== undefined && !i.budget.some((l) => l.year === f.year)) return false;
  if (f.text !== undefined && f.text.trim() !== '') {
    const t = f.text.trim().toLowerCase();
    if (!i.name.toLowerCase().includes(t) && !i.description.toLowerCase().includes(t)) return false;
  }
  return true;
}

export function filterInterventions(list: readonly Intervention[], f: InterventionFilter): Intervention[] {
  return list.filter((i) => matchesFilter(i, f));
}

/** The lines of an intervention, restricted to a year when given. */
export function linesIn(i: Intervention, year?: number): BudgetLine[] {
  return year === undefined ? i.budget : i.budget.filter((l) => l.year === year);
}

/** Totals of a (filtered) list, restricted to a year when given. */
export function totalsOfList(list: readonly Intervention[], year?: number): MoneyTotals {
  return totalsOf(list.flatMap((i) => linesIn(i, year)));
}

// ---------------------------------------------------------------------------------------------
// Totals by dimension

export interface TotalsRow {
  key: string;
  totals: MoneyTotals;
  /** Number of interventions contributing. */
  interventions: number;
}

export interface TotalsView {
  rows: TotalsRow[];
  /** Sum over all lines (each line once). */
  total: MoneyTotals;
  /** True when a line may count under more than one key, so rows do not add up to total. */
  overlapping: boolean;
}

export function totalsByYear(list: readonly Intervention[]): TotalsView {
  const m = new Map<number, { totals: MoneyTotals; ids: Set<string> }>();
  for (const i of list) {
    for (const l of i.budget) {
      const e = m.get(l.year) ?? { totals: ZERO_TOTALS, ids: new Set<string>() };
      e.totals = addLine(e.totals, l);
      e.ids.add(i.id);
      m.set(l.year, e);
    }
  }
  const rows = [...m.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([y, e]) => ({ key: String(y), totals: e.totals, interventions: e.ids.size }));
  return { rows, total: totalsOfList(list), overlapping: false };
}

export type TotalsDimension = 'goalArea' | 'committee' | 'fundingSource' | 'area';

/** Key under which goal-area totals put interventions linked to no goal area. */
export const NO_GOAL_AREA = 'none';
/** Key for money of multi-area interventions that has no per-area budget line. */
export const SEVERAL_AREAS = 'several';
/** Key for money of interventions whose areas are not known (e.g. named places that are no area). */
export const UNSPECIFIED_AREA = 'unspecified';

/** The area a budget line's money belongs to (see the rules at the top). */
export function lineArea(i: Intervention, l: BudgetLine): string {
  if (l.area !== null) return l.area;
  if (i.areas.length === 1) return i.areas[0] ?? CITY_WIDE;
  if (i.areas.length === 0) return UNSPECIFIED_AREA;
  return SEVERAL_AREAS;
}

export function totalsBy(list: readonly Intervention[], dim: TotalsDimension, year?: number): TotalsView {
  const m = new Map<string, { totals: MoneyTotals; ids: Set<string> }>();
  const add = (key: string, id: string, l: BudgetLine): void => {
    const e = m.get(key) ?? { totals: ZERO_TOTALS, ids: new Set<string>() };
    e.totals = addLine(e.totals, l);
    e.ids.add(id);
    m.set(key, e);
  };
  for (const i of list) {
    for (const l of linesIn(i, year)) {
      switch (dim) {
        case 'committee':
          add(i.committee, i.id, l);
          break;
        case 'fundingSource':
          add(i.fundingSource, i.id, l);
          break;
        case 'area':
          add(lineArea(i, l), i.id, l);
          break;
        case 'goalArea':
          if (i.goalAreas.length === 0) add(NO_GOAL_AREA, i.id, l);
          for (const g of i.goalAreas) add(g, i.id, l);
          break;
      }
    }
  }
  const rows = [...m.entries()]
    .map(([key, e]) => ({ key, totals: e.totals, interventions: e.ids.size }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const overlapping = dim === 'goalArea' && list.some((i) => i.goalAreas.length > 1 && linesIn(i, year).length > 0);
  return { rows, total: totalsOfList(list, year), overlapping };
}

// ---------------------------------------------------------------------------------------------
// Spending per resident and money against need

export interface PerResidentInput {
  year: number;
  measure: BudgetMeasure;
  /** The stadsdelsområden, with residents and a need weight (e.g. residents with low economic standard). */
  districts: ReadonlyArray<{ code: string; residents: number | bigint; need: Ratio | null }>;
  /**
   * The stadsdelsområde an area code lies in (for area codes of other divisions), or null when it
   * is not within exactly one. Area codes equal to a district code map to themselves without it.
   */
  districtOf?: (areaCode: string) => string | null;
}

export interface DistrictSpending {
  code: string;
  amount: Kronor;
  residents: bigint;
  /** Kronor per resident, exact; null without residents. */
  perResident: Ratio | null;
  /** Share of the money placed in districts (excluding city-wide and unplaced money). */
  moneyShare: Ratio | null;
  /** Share of the summed need weight. */
  needShare: Ratio | null;
  /** moneyShare − needShare (positive: more money than need). Null if either is unknown. */
  gap: Ratio | null;
}

export interface PerResidentView {
  year: number;
  measure: BudgetMeasure;
  districts: DistrictSpending[];
  /** Money placed in districts. */
  placed: Kronor;
  /** City-wide money, shown separately (not spread over districts). */
  cityWide: Kronor;
  /** City-wide money per resident of the whole city (sum of the districts' residents). */
  cityWidePerResident: Ratio | null;
  /** Money that cannot be placed in one district (several areas, or areas not within one district). */
  unplaced: Kronor;
  /** Interventions contributing unplaced money, for the footnote. */
  unplacedInterventions: string[];
  /** All money of the measure in the year. */
  total: Kronor;
}

export function spendingPerResident(list: readonly Intervention[], input: PerResidentInput): PerResidentView {
  const codes = new Set(input.districts.map((d) => d.code));
  const amount = new Map<string, Kronor>(input.districts.map((d) => [d.code, 0n]));
  let cityWide = 0n;
  let unplaced = 0n;
  const unplacedIds = new Set<string>();
  const all: Kronor[] = [];
  for (const i of list) {
    for (const l of linesIn(i, input.year)) {
      const v = l[input.measure];
      if (v === null) continue;
      all.push(v);
      const area = lineArea(i, l);
      if (area === CITY_WIDE) {
        cityWide += v;
        continue;
      }
      const district = codes.has(area)
        ? area
        : area === SEVERAL_AREAS || area === UNSPECIFIED_AREA
          ? null
          : (input.districtOf?.(area) ?? null);
      if (district === null || !codes.has(district)) {
        unplaced += v;
        unplacedIds.add(i.id);
        continue;
      }
      amount.set(district, (amount.get(district) ?? 0n) + v);
    }
  }
  const placed = sumKronor(amount.values());
  let needSum: Ratio = ratio(0n);
  let needKnown = true;
  for (const d of input.districts) {
    if (d.need === null) needKnown = false;
    else needSum = addRatio(needSum, d.need);
  }
  let residentsSum = 0n;
  const districts: DistrictSpending[] = input.districts.map((d) => {
    const residents = typeof d.residents === 'bigint' ? d.residents : BigInt(d.residents);
    residentsSum += residents;
    const a = amount.get(d.code) ?? 0n;
    const moneyShare = share(a, placed);
    const needShare =
      needKnown && d.need !== null && needSum.num !== 0n
        ? ratio(d.need.num * needSum.den, d.need.den * needSum.num)
        : null;
    return {
      code: d.code,
      amount: a,
      residents,
      perResident: perResident(a, residents),
      moneyShare,
      needShare,
      gap: moneyShare && needShare ? subRatio(moneyShare, needShare) : null,
    };
  });
  return {
    year: input.year,
    measure: input.measure,
    districts,
    placed,
    cityWide,
    cityWidePerResident: perResident(cityWide, residentsSum),
    unplaced,
    unplacedInterventions: [...unplacedIds].sort(),
    total: sumKronor(all),
  };
}

/** Need weight from a share of residents (e.g. the share with low economic standard): share × residents. */
export function needFromShare(residents: number | bigint, shareOfResidents: Ratio): Ratio {
  const n = typeof residents === 'bigint' ? residents : BigInt(residents);
  return ratio(shareOfResidents.num * n, shareOfResidents.den);
}
