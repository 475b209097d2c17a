/** Budget views: totals by year, goal area, committee, funding source and area; spending per resident against need. */
import type { Queryable } from '../../db/database.ts';
import { readAreaRefs, readInterventions, readLatestValues } from '../../db/repositories/interventions.ts';
import { decimalToRatio, roundHalfAwayFromZero } from '../../core/money.ts';
import {
  SEVERAL_AREAS,
  UNSPECIFIED_AREA,
  spendingPerResident,
  totalsBy,
  totalsByYear,
  type TotalsView,
} from '../../core/interventions/budget.ts';
import { CITY_WIDE, type BudgetMeasure } from '../../core/interventions/types.ts';
import { DIVISIONS } from '../../core/geo/stockholm.ts';
import { areaLabel, lookups, moneyJson, named, ratioJson } from './presenters.ts';

/** The division of the per-resident view: the current stadsdelsområden. */
export const PER_RESIDENT_DIVISION = DIVISIONS.sdo2023;
export const POPULATION_INDICATOR = 'population';
export const NEED_INDICATOR = 'persons-low-economic-standard';

function totalsJson(v: TotalsView, label: (key: string) => { name: string; nameEn: string }) {
  return {
    overlapping: v.overlapping,
    total: moneyJson(v.total),
    rows: v.rows.map((r) => ({
      key: r.key,
      ...label(r.key),
      interventions: r.interventions,
      totals: moneyJson(r.totals),
    })),
  };
}

export async function getBudgetViews(
  db: Queryable,
  query: { year?: number; measure?: BudgetMeasure },
  opts: { includeDrafts?: boolean } = {},
) {
  const all = await readInterventions(db, undefined, { includeDrafts: opts.includeDrafts ?? false });
  const l = await lookups(db);
  const measure = query.measure ?? 'planned';
  const years = [...new Set(all.flatMap((i) => i.budget.map((b) => b.year)))].sort((a, b) => a - b);
  const year = query.year ?? years[years.length - 1] ?? null;
  const same = (key: string) => ({ name: key, nameEn: key });
  const areaName = (key: string) => {
    if (key === CITY_WIDE) return { name: 'Hela staden', nameEn: 'City-wide' };
    if (key === SEVERAL_AREAS) return { name: 'Flera områden (ej fördelat)', nameEn: 'Several areas (not divided)' };
    if (key === UNSPECIFIED_AREA) return { name: 'Område ej angivet', nameEn: 'Area not stated' };
    const n = areaLabel(l, key).name;
    return { name: n, nameEn: n };
  };
  const goalName = (key: string) => {
    if (key === 'none') return { name: 'Inget målområde', nameEn: 'No goal area' };
    const g = named(l.goalAreas, key);
    return { name: g.name, nameEn: g.nameEn };
  };
  const yearArg = year ?? undefined;

  // per resident by stadsdelsområde
  const areaRefs = await readAreaRefs(db);
  const districtsRefs = areaRefs.filter((a) => a.divisionId === PER_RESIDENT_DIVISION);
  const maxPeriod = year === null ? undefined : String(year + 1);
  const latest = async (indicator: string) => {
    let rows = await readLatestValues(db, indicator, PER_RESIDENT_DIVISION, maxPeriod);
    if (rows.length === 0) rows = await readLatestValues(db, indicator, PER_RESIDENT_DIVISION);
    return new Map(rows.map((r) => [`${PER_RESIDENT_DIVISION}:${r.areaCode}`, r]));
  };
  const pop = await latest(POPULATION_INDICATOR);
  const need = await latest(NEED_INDICATOR);
  const parent = new Map(areaRefs.map((a) => [a.code, a.parentKey]));
  const districtKeys = new Set(districtsRefs.map((d) => d.code));
  const districtOf = (key: string): string | null => {
    const [division, code] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (division === DIVISIONS.sdo2020 && districtKeys.has(`${PER_RESIDENT_DIVISION}:${code}`))
      return `${PER_RESIDENT_DIVISION}:${code}`;
    let k: string | null | undefined = key;
    for (let depth = 0; k && depth < 10; depth++) {
      if (districtKeys.has(k)) return k;
      k = parent.get(k);
    }
    return null;
  };
  const residentsOf = (key: string): bigint => {
    const r = pop.get(key);
    const v = r ? decimalToRatio(r.value) : null;
    return v ? roundHalfAwayFromZero(v) : 0n;
  };
  const per =
    year === null
      ? null
      : spendingPerResident(all, {
          year,
          measure,
          districts: districtsRefs.map((d) => {
            const n = need.get(d.code);
            return { code: d.code, residents: residentsOf(d.code), need: n ? decimalToRatio(n.value) : null };
          }),
          districtOf,
        });
  const anyPop = [...pop.values()][0];
  const anyNeed = [...need.values()][0];
  return {
    years,
    year,
    measure,
    byYear: totalsJson(totalsByYear(all), same),
    byGoalArea: totalsJson(totalsBy(all, 'goalArea', yearArg), goalName),
    byCommittee: totalsJson(totalsBy(all, 'committee', yearArg), (k) =>
      k === '' ? { name: 'Ej angiven', nameEn: 'Not stated' } : same(k),
    ),
    byFundingSource: totalsJson(totalsBy(all, 'fundingSource', yearArg), same),
    byArea: totalsJson(totalsBy(all, 'area', yearArg), areaName),
    perResident: per && {
      division: PER_RESIDENT_DIVISION,
      populationPeriod: anyPop?.period ?? null,
      populationSource: anyPop?.source ?? null,
      needIndicator: NEED_INDICATOR,
      needPeriod: anyNeed?.period ?? null,
      needSource: anyNeed?.source ?? null,
      districts: per.districts.map((d) => ({
        key: d.code,
        name: areaLabel(l, d.code).name,
        amount: d.amount.toString(),
        residents: d.residents.toString(),
        perResident: ratioJson(d.perResident),
        moneyShare: ratioJson(d.moneyShare),
        needShare: ratioJson(d.needShare),
        gap: ratioJson(d.gap),
      })),
      placed: per.placed.toString(),
      cityWide: per.cityWide.toString(),
      cityWidePerResident: ratioJson(per.cityWidePerResident),
      unplaced: per.unplaced.toString(),
      unplacedInterventions: per.unplacedInterventions,
      total: per.total.toString(),
    },
  };
}
