/**
 * Analysis use cases: segregation measures with their trend and Moran's I, the need index with area
 * types, and allocation scenarios set against the money planned in the interventions register.
 * Methods: docs/methods.md. Reads through src/db/repositories/analysis.ts; calculations in src/core/analysis.
 */
import { readFile } from 'node:fs/promises';
import type { Database, Queryable } from '../db/database.ts';
import * as repo from '../db/repositories/analysis.ts';
import { AppError } from '../core/errors.ts';
import { areaShares, multiGroupMeasures, twoGroupMeasures, type TwoGroupResult } from '../core/analysis/segregation.ts';
import { moransI, type MoranResult } from '../core/analysis/moran.ts';
import { contiguityNeighbours, type AreaGeometry } from '../core/analysis/contiguity.ts';
import { sigmaConvergence, type ConvergenceResult } from '../core/analysis/divides.ts';
import {
  AREA_TYPES,
  DEFAULT_CUTOFFS,
  DEFAULT_SHARES,
  DEFAULT_TYPE_WEIGHTS,
  aggregateNeed,
  needIndex,
  type AreaType,
  type NeedIndexResult,
  type Polarity,
} from '../core/analysis/need-index.ts';
import { allocate } from '../core/analysis/allocation.ts';

/** The base division of the need index and the population indicator. */
export const NEED_BASE_DIVISION = 'deso';
export const POPULATION_INDICATOR = 'population';

export interface SegregationPreset {
  id: string;
  group: string;
  total: string;
  labelSv: string;
  labelEn: string;
}

/** Group/total pairs of count indicators from the reference catalogue. */
export const SEGREGATION_PRESETS: readonly SegregationPreset[] = [
  {
    id: 'foreign-background',
    group: 'population-foreign-background',
    total: 'population',
    labelSv: 'Utländsk bakgrund (mot svensk bakgrund)',
    labelEn: 'Foreign background (against Swedish background)',
  },
  {
    id: 'low-economic-standard',
    group: 'persons-low-economic-standard',
    total: 'economic-standard-persons',
    labelSv: 'Låg ekonomisk standard',
    labelEn: 'Low economic standard',
  },
  {
    id: 'born-outside-europe',
    group: 'population-born-outside-europe',
    total: 'population-birth-region-total',
    labelSv: 'Födda utanför Europa',
    labelEn: 'Born outside Europe',
  },
  {
    id: 'born-abroad',
    group: 'population-born-abroad',
    total: 'population-birth-region-total',
    labelSv: 'Utrikes födda',
    labelEn: 'Born abroad',
  },
  {
    id: 'unemployed',
    group: 'unemployed-16-64',
    total: 'labour-force-16-64',
    labelSv: 'Arbetslösa 16–64 år (av arbetskraften)',
    labelEn: 'Unemployed 16–64 (of the labour force)',
  },
  {
    id: 'compulsory-only',
    group: 'compulsory-only-25-64',
    total: 'population-25-64-education',
    labelSv: 'Högst förgymnasial utbildning 25–64 år',
    labelEn: 'At most compulsory school 25–64',
  },
  {
    id: 'rental-dwellings',
    group: 'dwellings-rental',
    total: 'dwellings',
    labelSv: 'Hyresrätter (av lägenheterna)',
    labelEn: 'Rental dwellings (of all dwellings)',
  },
];

export interface NeedIndicatorChoice {
  id: string;
  weight: number;
  /** Defaults to the indicator's polarity in the catalogue. */
  polarity?: Polarity;
}

/** The default need index: SCB's three socioeconomic indicators, equal weights. */
export const DEFAULT_NEED_INDICATORS: readonly NeedIndicatorChoice[] = [
  { id: 'share-low-economic-standard', weight: 1 },
  { id: 'employment-rate-16-64', weight: 1 },
  { id: 'share-compulsory-only-25-64', weight: 1 },
];

const num = (s: string | null): number | null => (s === null ? null : Number(s));

function sourcesOf(rows: readonly { source: string }[]): string[] {
  return [...new Set(rows.map((r) => r.source))].sort();
}

async function requireDivision(db: Queryable, divisionId: string): Promise<repo.DivisionRow> {
  const d = (await repo.divisionsWithAreas(db)).find((x) => x.id === divisionId);
  if (!d) throw new AppError('not_found', `The division '${divisionId}' was not found or has no areas`);
  return d;
}

// ------------------------------------------------------------------------------------ options

export async function analysisOptions(db: Queryable) {
  const divisions = await repo.divisionsWithAreas(db);
  const presetIndicators = [...new Set(SEGREGATION_PRESETS.flatMap((p) => [p.group, p.total]))];
  const have = new Set(
    (await repo.indicatorPeriods(db, presetIndicators)).map(
      (r) => `${r.divisionId}\u0000${r.period}\u0000${r.indicatorId}`,
    ),
  );
  const periodsOf = new Map<string, string[]>();
  for (const k of have) {
    const [d = '', p = ''] = k.split('\u0000');
    const list = periodsOf.get(d) ?? [];
    if (!list.includes(p)) list.push(p);
    periodsOf.set(d, list);
  }
  const out = [];
  for (const d of divisions) {
    const presets = [];
    for (const p of SEGREGATION_PRESETS) {
      const periods = (periodsOf.get(d.id) ?? [])
        .filter(
          (per) => have.has(`${d.id}\u0000${per}\u0000${p.group}`) && have.has(`${d.id}\u0000${per}\u0000${p.total}`),
        )
        .sort();
      if (periods.length) presets.push({ id: p.id, periods });
    }
    if (presets.length) out.push({ ...d, presets });
  }
  const needPeriods = await repo.periodsWithAll(db, NEED_BASE_DIVISION, [
    ...DEFAULT_NEED_INDICATORS.map((i) => i.id),
    POPULATION_INDICATOR,
  ]);
  const indicators = await repo.indicatorsById(db, [...presetIndicators, ...DEFAULT_NEED_INDICATORS.map((i) => i.id)]);
  return {
    divisions: out,
    plannedYears: await repo.plannedYears(db),
    presets: [...SEGREGATION_PRESETS],
    need: {
      baseDivision: NEED_BASE_DIVISION,
      periods: needPeriods,
      indicators: DEFAULT_NEED_INDICATORS.map((i) => ({ ...i })),
      cutoffs: [...DEFAULT_CUTOFFS],
      shares: [...DEFAULT_SHARES],
      typeWeights: { ...DEFAULT_TYPE_WEIGHTS },
    },
    indicators,
  };
}

// ------------------------------------------------------------------------------------ areas and geometry

export async function divisionAreas(db: Queryable, divisionId: string) {
  await requireDivision(db, divisionId);
  return { division: divisionId, areas: await repo.areasOfDivision(db, divisionId, true) };
}

/** Queen neighbours of a division's areas from their polygons, or null when fewer than 4 have polygons. */
async function neighboursOf(
  db: Queryable,
  divisionId: string,
): Promise<{ neighbours: Record<string, string[]>; withoutGeometry: string[] } | null> {
  const areas = await repo.areasOfDivision(db, divisionId, true);
  const polys = areas.filter(
    (a) => a.geometry && (a.geometry.type === 'Polygon' || a.geometry.type === 'MultiPolygon'),
  );
  if (polys.length < 4) return null;
  const { neighbours } = contiguityNeighbours(
    polys.map((a) => ({ id: a.code, geometry: a.geometry as unknown as AreaGeometry })),
    'queen',
  );
  return { neighbours, withoutGeometry: areas.filter((a) => !polys.includes(a)).map((a) => a.code) };
}

// ------------------------------------------------------------------------------------ segregation

export interface SegregationQuery {
  division: string;
  preset?: string;
  group?: string;
  total?: string;
  period?: string;
}

export interface SegregationResponse {
  division: string;
  group: string;
  total: string;
  preset: string | null;
  period: string;
  periods: string[];
  measures: Omit<TwoGroupResult, 'skipped'> & { skipped: string[] };
  missing: string[];
  cityShare: number;
  areas: {
    code: string;
    name: string;
    group: number | null;
    total: number | null;
    share: number | null;
    difference: number | null;
  }[];
  trend: { period: string; D: number; H: number; xPx: number; xPy: number; G: number; share: number; n: number }[];
  divides: ConvergenceResult;
  moran: (Omit<MoranResult, 'isolates'> & { isolates: string[]; contiguity: 'queen'; variable: 'share' }) | null;
  moranNote: string | null;
  sources: string[];
}

export async function segregation(db: Queryable, q: SegregationQuery): Promise<SegregationResponse> {
  await requireDivision(db, q.division);
  const preset = q.preset ? SEGREGATION_PRESETS.find((p) => p.id === q.preset) : undefined;
  if (q.preset && !preset)
    throw new AppError('validation_failed', `Unknown group '${q.preset}'`, [
      { field: 'preset', message: `one of ${SEGREGATION_PRESETS.map((p) => p.id).join(', ')}` },
    ]);
  const group = preset?.group ?? q.group;
  const total = preset?.total ?? q.total;
  if (!group || !total)
    throw new AppError('validation_failed', 'Give a group (preset, or group and total indicators)', [
      { field: 'preset', message: 'required' },
    ]);
  const inds = await repo.indicatorsById(db, [group, total]);
  for (const id of [group, total]) {
    const ind = inds.find((i) => i.id === id);
    if (!ind) throw new AppError('not_found', `The indicator '${id}' was not found`);
    if (ind.kind !== 'count')
      throw new AppError('validation_failed', `The indicator '${id}' is not a count`, [
        { field: id === group ? 'group' : 'total', message: 'must be a count indicator' },
      ]);
  }
  const periods = await repo.periodsWithAll(db, q.division, [group, total]);
  if (!periods.length)
    throw new AppError('not_found', `No values of ${group} and ${total} for the division '${q.division}'`);
  const period = q.period ?? (periods[periods.length - 1] as string);
  if (!periods.includes(period))
    throw new AppError('not_found', `No values for the period ${period} (available: ${periods.join(', ')})`);

  const rows = await repo.observations(db, q.division, [group, total]);
  const areas = await repo.areasOfDivision(db, q.division, false);
  const nameOf = new Map(areas.map((a) => [a.code, a.name]));
  const byPeriod = new Map<string, Map<string, { group: number | null; total: number | null }>>();
  for (const r of rows) {
    let m = byPeriod.get(r.period);
    if (!m) byPeriod.set(r.period, (m = new Map()));
    const cell = m.get(r.areaCode) ?? { group: null, total: null };
    if (r.indicatorId === group) cell.group = num(r.value);
    else cell.total = num(r.value);
    m.set(r.areaCode, cell);
  }
  const unitsFor = (p: string) => {
    const m = byPeriod.get(p) ?? new Map();
    const units: { id: string; group: number; total: number }[] = [];
    const missing: string[] = [];
    for (const [code, v] of [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (v.group === null || v.total === null) missing.push(code);
      // the derived low-economic-standard count is percent × persons and can exceed the total by rounding
      else units.push({ id: code, group: Math.min(v.group, v.total), total: v.total });
    }
    return { units, missing };
  };

  const trend = [];
  const series = [];
  for (const p of periods) {
    const { units } = unitsFor(p);
    const m = twoGroupMeasures(units);
    trend.push({ period: p, D: m.D, H: m.H, xPx: m.xPx, xPy: m.xPy, G: m.G, share: m.share, n: m.n });
    const year = Number(p.slice(0, 4));
    if (Number.isFinite(year))
      series.push({
        period: year,
        areas: units
          .filter((u) => u.total > 0)
          .map((u) => ({ id: u.id, value: (100 * u.group) / u.total, population: u.total })),
      });
  }
  const { units, missing } = unitsFor(period);
  const measures = twoGroupMeasures(units);
  const shares = areaShares(units);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const areaRows = [...nameOf.keys()].map((code) => {
    const u = unitById.get(code);
    const s = shares.find((x) => x.id === code);
    return {
      code,
      name: nameOf.get(code) ?? code,
      group: u?.group ?? null,
      total: u?.total ?? null,
      share: s?.share ?? null,
      difference: s?.difference ?? null,
    };
  });

  let moran: SegregationResponse['moran'] = null;
  let moranNote: string | null = null;
  const nb = await neighboursOf(db, q.division);
  if (!nb) moranNote = 'no-geometry';
  else {
    const used = units.filter((u) => u.total > 0 && nb.neighbours[u.id] !== undefined);
    if (used.length < 4) moranNote = 'too-few-areas';
    else {
      const r = moransI(
        used.map((u) => u.id),
        used.map((u) => u.group / u.total),
        nb.neighbours,
      );
      moran = { ...r, contiguity: 'queen', variable: 'share' };
    }
  }
  return {
    division: q.division,
    group,
    total,
    preset: preset?.id ?? null,
    period,
    periods,
    measures,
    missing,
    cityShare: measures.share,
    areas: areaRows,
    trend,
    divides: sigmaConvergence(series),
    moran,
    moranNote,
    sources: sourcesOf(rows.filter((r) => r.period === period)),
  };
}

// ------------------------------------------------------------------------------------ multigroup

export interface MultigroupSet {
  id: string;
  labelSv: string;
  labelEn: string;
  /** Each group as a signed sum of count indicators. */
  groups: { id: string; labelSv: string; labelEn: string; terms: { indicator: string; sign: 1 | -1 }[] }[];
}

/** Sets of groups that partition a population, built from the catalogue's counts. */
export const MULTIGROUP_SETS: readonly MultigroupSet[] = [
  {
    id: 'birth-region',
    labelSv: 'Födelseregion (Sverige, övriga Europa, utanför Europa)',
    labelEn: 'Birth region (Sweden, rest of Europe, outside Europe)',
    groups: [
      {
        id: 'sweden',
        labelSv: 'Födda i Sverige',
        labelEn: 'Born in Sweden',
        terms: [
          { indicator: 'population-birth-region-total', sign: 1 },
          { indicator: 'population-born-abroad', sign: -1 },
        ],
      },
      {
        id: 'europe',
        labelSv: 'Födda i övriga Europa',
        labelEn: 'Born in the rest of Europe',
        terms: [
          { indicator: 'population-born-abroad', sign: 1 },
          { indicator: 'population-born-outside-europe', sign: -1 },
        ],
      },
      {
        id: 'outside-europe',
        labelSv: 'Födda utanför Europa',
        labelEn: 'Born outside Europe',
        terms: [{ indicator: 'population-born-outside-europe', sign: 1 }],
      },
    ],
  },
];

export async function multigroupSegregation(db: Queryable, q: { division: string; set: string; period?: string }) {
  await requireDivision(db, q.division);
  const set = MULTIGROUP_SETS.find((x) => x.id === q.set);
  if (!set)
    throw new AppError('validation_failed', `Unknown set of groups '${q.set}'`, [
      { field: 'set', message: `one of ${MULTIGROUP_SETS.map((x) => x.id).join(', ')}` },
    ]);
  const ids = [...new Set(set.groups.flatMap((g) => g.terms.map((t) => t.indicator)))];
  const periods = await repo.periodsWithAll(db, q.division, ids);
  if (!periods.length) throw new AppError('not_found', `No values for ${set.id} in the division '${q.division}'`);
  const period = q.period ?? (periods[periods.length - 1] as string);
  if (!periods.includes(period))
    throw new AppError('not_found', `No values for the period ${period} (available: ${periods.join(', ')})`);
  const rows = await repo.observations(db, q.division, ids, period);
  const byArea = new Map<string, Map<string, number | null>>();
  for (const r of rows) {
    const m = byArea.get(r.areaCode) ?? new Map<string, number | null>();
    m.set(r.indicatorId, num(r.value));
    byArea.set(r.areaCode, m);
  }
  const units: { id: string; counts: number[] }[] = [];
  const missing: string[] = [];
  for (const [code, m] of [...byArea.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const counts = set.groups.map((g) =>
      g.terms.reduce<number | null>((s, t) => {
        const v = m.get(t.indicator);
        return s === null || v === null || v === undefined ? null : s + t.sign * v;
      }, 0),
    );
    if (counts.some((c) => c === null)) missing.push(code);
    // rounding in derived counts can leave a tiny negative remainder: clamp at zero
    else units.push({ id: code, counts: counts.map((c) => Math.max(0, c as number)) });
  }
  const r = multiGroupMeasures(
    units,
    set.groups.map((g) => g.id),
  );
  return {
    division: q.division,
    set: { id: set.id, labelSv: set.labelSv, labelEn: set.labelEn },
    groups: set.groups.map((g, k) => ({
      id: g.id,
      labelSv: g.labelSv,
      labelEn: g.labelEn,
      share: r.shares[k] as number,
    })),
    period,
    periods,
    measures: {
      multiD: r.multiD,
      multiH: r.multiH,
      M: r.M,
      multiG: r.multiG,
      normExposure: r.normExposure,
      n: r.n,
      skipped: r.skipped,
    },
    missing,
    sources: sourcesOf(rows),
  };
}

// ------------------------------------------------------------------------------------ divides

/**
 * Divides between the areas of a division for any indicator, per period: spread (max/min, fifths,
 * coefficient of variation) weighted by the population of the same period, and sigma convergence.
 * Periods are the years (the first four characters of the period).
 */
export async function dividesService(db: Queryable, q: { division: string; indicator: string }) {
  await requireDivision(db, q.division);
  const [ind] = await repo.indicatorsById(db, [q.indicator]);
  if (!ind) throw new AppError('not_found', `The indicator '${q.indicator}' was not found`);
  const rows = await repo.observations(db, q.division, [q.indicator, POPULATION_INDICATOR]);
  const byPeriod = new Map<string, Map<string, { value: number | null; population: number | null }>>();
  for (const r of rows) {
    let m = byPeriod.get(r.period);
    if (!m) byPeriod.set(r.period, (m = new Map()));
    const cell = m.get(r.areaCode) ?? { value: null, population: null };
    if (r.indicatorId === q.indicator) cell.value = num(r.value);
    if (r.indicatorId === POPULATION_INDICATOR) cell.population = num(r.value);
    m.set(r.areaCode, cell);
  }
  const series = [];
  for (const [period, m] of [...byPeriod.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const year = Number(period.slice(0, 4));
    const areas = [...m.entries()]
      .filter(([, v]) => v.value !== null)
      .map(([id, v]) => ({ id, value: v.value as number, population: v.population ?? Number.NaN }));
    if (!Number.isFinite(year) || areas.length === 0) continue;
    series.push({ period: year, areas });
  }
  if (!series.length) throw new AppError('not_found', `No values of '${q.indicator}' for the division '${q.division}'`);
  return {
    division: q.division,
    indicator: { id: ind.id, nameSv: ind.nameSv, nameEn: ind.nameEn, unit: ind.unit, polarity: ind.polarity },
    ...sigmaConvergence(series),
    sources: sourcesOf(rows.filter((r) => r.indicatorId === q.indicator)),
  };
}

// ------------------------------------------------------------------------------------ hierarchy

/** Maps area codes of `from` to the area of `to` containing them: up the parent chain, else the crosswalk link with the largest weight. */
async function ancestorMap(db: Queryable, from: string, to: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (from === to) {
    for (const a of await repo.areasOfDivision(db, from, false)) out.set(a.code, a.code);
    return out;
  }
  const all = await repo.allAreas(db);
  const key = (d: string, c: string) => `${d}\u0000${c}`;
  const byKey = new Map(all.map((a) => [key(a.divisionId, a.code), a]));
  // crosswalks from every division to the target, used when the parent chain does not reach it
  const walks = new Map<string, Map<string, string>>();
  const crosswalk = async (division: string): Promise<Map<string, string>> => {
    let m = walks.get(division);
    if (!m) {
      const best = new Map<string, { code: string; w: number }>();
      for (const l of await repo.crosswalkLinks(db, division, to)) {
        const w = Number(l.weight);
        const prev = best.get(l.fromCode);
        if (!prev || w > prev.w) best.set(l.fromCode, { code: l.toCode, w });
      }
      m = new Map([...best.entries()].map(([k, v]) => [k, v.code]));
      walks.set(division, m);
    }
    return m;
  };
  for (const a of all.filter((x) => x.divisionId === from)) {
    let cur: repo.AreaRow | undefined = a;
    let found: string | null = null;
    for (let depth = 0; cur && depth < 10 && !found; depth++) {
      if (cur.divisionId === to) {
        found = cur.code;
        break;
      }
      const cw = (await crosswalk(cur.divisionId)).get(cur.code);
      if (cw) {
        found = cw;
        break;
      }
      cur = cur.parentDivisionId && cur.parentCode ? byKey.get(key(cur.parentDivisionId, cur.parentCode)) : undefined;
    }
    if (found) out.set(a.code, found);
  }
  return out;
}

// ------------------------------------------------------------------------------------ need index

export interface NeedQuery {
  period?: string;
  indicators?: readonly NeedIndicatorChoice[];
  populationWeighted?: boolean;
  method?: 'populationShares' | 'sd';
  shares?: readonly [number, number, number, number, number];
  cutoffs?: readonly [number, number, number, number];
  /** A higher division to aggregate to (besides the DeSO result). */
  aggregateTo?: string;
}

function polarityOf(catalogue: string): Polarity | null {
  return catalogue === 'lower_better' ? 'higherIsWorse' : catalogue === 'higher_better' ? 'higherIsBetter' : null;
}

export async function needIndexService(db: Queryable, q: NeedQuery) {
  const choices = q.indicators?.length ? q.indicators : DEFAULT_NEED_INDICATORS;
  const ids = choices.map((c) => c.id);
  const inds = await repo.indicatorsById(db, ids);
  const specs = choices.map((c) => {
    const ind = inds.find((i) => i.id === c.id);
    if (!ind) throw new AppError('not_found', `The indicator '${c.id}' was not found`);
    const polarity = c.polarity ?? polarityOf(ind.polarity);
    if (!polarity)
      throw new AppError('validation_failed', `The indicator '${c.id}' has no polarity; give one`, [
        { field: `indicators.${c.id}.polarity`, message: 'required for a neutral indicator' },
      ]);
    return { id: c.id, weight: c.weight, polarity, nameSv: ind.nameSv, nameEn: ind.nameEn, unit: ind.unit };
  });
  const periods = await repo.periodsWithAll(db, NEED_BASE_DIVISION, [...ids, POPULATION_INDICATOR]);
  if (!periods.length) throw new AppError('not_found', `No DeSO values for ${ids.join(', ')}`);
  const period = q.period ?? (periods[periods.length - 1] as string);
  if (!periods.includes(period))
    throw new AppError('not_found', `No DeSO values for the period ${period} (available: ${periods.join(', ')})`);
  const rows = await repo.observations(db, NEED_BASE_DIVISION, [...ids, POPULATION_INDICATOR], period);
  const areas = await repo.areasOfDivision(db, NEED_BASE_DIVISION, false);
  const values = new Map<string, Record<string, number | null>>();
  for (const a of areas) values.set(a.code, {});
  for (const r of rows) {
    const v = values.get(r.areaCode);
    if (v) v[r.indicatorId] = num(r.value);
  }
  const result = needIndex(
    areas.map((a) => ({
      id: a.code,
      population: values.get(a.code)?.[POPULATION_INDICATOR] ?? 0,
      values: values.get(a.code) ?? {},
    })),
    {
      indicators: specs.map((s) => ({ id: s.id, weight: s.weight, polarity: s.polarity })),
      populationWeighted: q.populationWeighted ?? true,
      ...(q.method ? { method: q.method } : {}),
      ...(q.shares ? { shares: q.shares } : {}),
      ...(q.cutoffs ? { cutoffs: q.cutoffs } : {}),
    },
  );
  const nameOf = new Map(areas.map((a) => [a.code, a.name]));
  let aggregated = null;
  if (q.aggregateTo && q.aggregateTo !== NEED_BASE_DIVISION) {
    aggregated = await aggregateTo(db, result, q.aggregateTo);
  }
  return {
    division: NEED_BASE_DIVISION,
    period,
    periods,
    populationWeighted: q.populationWeighted ?? true,
    cutoffs: [...result.cutoffs],
    method: result.method,
    shares: result.shares ? [...result.shares] : null,
    indicators: result.indicators.map((s) => {
      const meta = specs.find((x) => x.id === s.id);
      return { ...s, nameSv: meta?.nameSv ?? s.id, nameEn: meta?.nameEn ?? s.id, unit: meta?.unit ?? '' };
    }),
    areas: result.areas.map((a) => ({
      ...a,
      name: nameOf.get(a.id) ?? a.id,
      values: Object.fromEntries(ids.map((id) => [id, values.get(a.id)?.[id] ?? null])),
    })),
    missing: result.missing,
    byType: result.byType,
    aggregated,
    sources: sourcesOf(rows),
  };
}

async function aggregateTo(db: Queryable, result: NeedIndexResult, divisionId: string) {
  await requireDivision(db, divisionId);
  const map = await ancestorMap(db, NEED_BASE_DIVISION, divisionId);
  const agg = aggregateNeed(result, (id) => map.get(id));
  const areas = await repo.areasOfDivision(db, divisionId, false);
  const byCode = new Map(agg.areas.map((a) => [a.id, a]));
  return {
    division: divisionId,
    areas: areas.map((a) => {
      const x = byCode.get(a.code);
      return x
        ? { ...x, name: a.name }
        : { id: a.code, name: a.name, population: 0, score: null, type: null, populationByType: null, members: 0 };
    }),
    unmapped: agg.unmapped,
  };
}

// ------------------------------------------------------------------------------------ allocation

export interface AllocationParams {
  name?: string;
  division: string;
  period?: string;
  /** The sum in whole kronor (a decimal string of an integer). */
  totalSek: string;
  year: number;
  typeWeights?: Partial<Record<AreaType, number>>;
  needIndicators?: readonly NeedIndicatorChoice[];
  floorSek?: string | null;
  capSek?: string | null;
  transition?: {
    formulaPercent: number;
    base: { kind: 'planned'; year: number } | { kind: 'scenario'; id: number };
  } | null;
}

function bigintOf(s: string | null | undefined, field: string): bigint | undefined {
  if (s === null || s === undefined || s === '') return undefined;
  if (!/^\d+$/.test(s))
    throw new AppError('validation_failed', `${field} must be a whole number of kronor`, [
      { field, message: 'whole kronor' },
    ]);
  return BigInt(s);
}

/** Planned money per area of a division in a year, from the interventions register (exact; split evenly, to the krona, when an intervention has several areas). */
export async function plannedByArea(db: Queryable, divisionId: string, year: number) {
  const rows = await repo.plannedSpending(db, year);
  const targetCodes = new Set((await repo.areasOfDivision(db, divisionId, false)).map((a) => a.code));
  const divisionsUsed = [...new Set(rows.flatMap((r) => r.areas.map((a) => a.divisionId)))];
  const up = new Map<string, Map<string, string>>();
  for (const d of divisionsUsed) up.set(d, await ancestorMap(db, d, divisionId));
  // coarser areas (e.g. a stadsdelsområde) cover the target areas that map into them
  const down = new Map<string, Map<string, string[]>>();
  for (const d of divisionsUsed) {
    const m = await ancestorMap(db, divisionId, d);
    const inv = new Map<string, string[]>();
    for (const [fine, coarse] of m) inv.set(coarse, [...(inv.get(coarse) ?? []), fine]);
    down.set(d, inv);
  }
  const perArea = new Map<string, bigint>();
  let cityWide = 0n;
  let unattributed = 0n;
  for (const r of rows) {
    const amount = BigInt(r.plannedSek);
    if (r.cityWide || r.areas.length === 0) {
      cityWide += amount;
      continue;
    }
    const codes = new Set<string>();
    for (const a of r.areas) {
      if (a.divisionId === divisionId && targetCodes.has(a.code)) codes.add(a.code);
      else {
        const u = up.get(a.divisionId)?.get(a.code);
        if (u) codes.add(u);
        else for (const c of down.get(a.divisionId)?.get(a.code) ?? []) codes.add(c);
      }
    }
    if (!codes.size || amount < 0n) {
      unattributed += amount;
      continue;
    }
    const split = allocate({
      total: amount,
      areas: [...codes].sort().map((id) => ({ id, population: 1, needWeight: 1 })),
    });
    for (const l of split.lines) perArea.set(l.id, (perArea.get(l.id) ?? 0n) + l.amount);
  }
  return { perArea, cityWide, unattributed };
}

export async function computeAllocation(db: Queryable, p: AllocationParams) {
  const total = bigintOf(p.totalSek, 'totalSek');
  if (total === undefined)
    throw new AppError('validation_failed', 'totalSek is required', [{ field: 'totalSek', message: 'required' }]);
  await requireDivision(db, p.division);
  const need = await needIndexService(db, {
    ...(p.period ? { period: p.period } : {}),
    ...(p.needIndicators ? { indicators: p.needIndicators } : {}),
    aggregateTo: p.division,
  });
  const typeWeights = { ...DEFAULT_TYPE_WEIGHTS, ...(p.typeWeights ?? {}) };
  for (const t of AREA_TYPES) {
    if (!(typeWeights[t] >= 0))
      throw new AppError('validation_failed', `The weight of type ${t} must be zero or more`, [
        { field: `typeWeights.${t}`, message: 'zero or more' },
      ]);
  }
  const units =
    p.division === NEED_BASE_DIVISION
      ? need.areas.map((a) => ({
          code: a.id,
          name: a.name,
          population: a.population,
          score: a.score as number | null,
          type: a.type as AreaType | null,
        }))
      : (need.aggregated?.areas ?? []).map((a) => ({
          code: a.id,
          name: a.name,
          population: a.population,
          score: a.score,
          type: a.type,
        }));
  const withType = units.filter((u) => u.type !== null && u.population > 0);
  const withoutType = units.filter((u) => !withType.includes(u)).map((u) => u.code);
  if (!withType.length) throw new AppError('not_found', `No area of '${p.division}' has a need index`);

  let last: Map<string, bigint> | null = null;
  if (p.transition) {
    if (p.transition.base.kind === 'planned')
      last = (await plannedByArea(db, p.division, p.transition.base.year)).perArea;
    else {
      const [s] = await repo.getScenarios(db, [p.transition.base.id]);
      if (!s) throw new AppError('not_found', `The scenario ${p.transition.base.id} was not found`);
      const lines = (s.result as { lines?: { code: string; amountSek: string }[] }).lines ?? [];
      last = new Map(lines.map((l) => [l.code, BigInt(l.amountSek)]));
    }
  }
  const bp = p.transition ? Math.round(p.transition.formulaPercent * 100) : 10000;
  if (p.transition && (bp < 0 || bp > 10000 || Math.abs(bp - p.transition.formulaPercent * 100) > 1e-6)) {
    throw new AppError(
      'validation_failed',
      'The formula part must be a percentage between 0 and 100 with at most two decimals',
      [{ field: 'transition.formulaPercent', message: '0–100' }],
    );
  }
  const floor = bigintOf(p.floorSek, 'floorSek');
  const cap = bigintOf(p.capSek, 'capSek');
  const result = allocate({
    total,
    areas: withType.map((u) => ({
      id: u.code,
      population: u.population,
      needWeight: typeWeights[u.type as AreaType],
      ...(last ? { lastYear: last.get(u.code) ?? 0n } : {}),
    })),
    ...(floor !== undefined ? { defaultFloor: floor } : {}),
    ...(cap !== undefined ? { defaultCap: cap } : {}),
    ...(p.transition ? { transition: { formulaBasisPoints: bp } } : {}),
  });
  const planned = await plannedByArea(db, p.division, p.year);
  const byCode = new Map(withType.map((u) => [u.code, u]));
  const lines = result.lines.map((l) => {
    const u = byCode.get(l.id);
    const plannedSek = planned.perArea.get(l.id) ?? 0n;
    return {
      code: l.id,
      name: u?.name ?? l.id,
      population: u?.population ?? 0,
      type: u?.type ?? null,
      score: u?.score ?? null,
      needWeight: u?.type ? typeWeights[u.type] : 0,
      weightShare: l.weightShare,
      amountSek: l.amount.toString(),
      bound: l.bound,
      lastSek: last ? (last.get(l.id) ?? 0n).toString() : null,
      plannedSek: plannedSek.toString(),
      differenceSek: (l.amount - plannedSek).toString(),
    };
  });
  const plannedInAreas = [...planned.perArea.entries()].filter(([c]) => byCode.has(c)).reduce((s, [, v]) => s + v, 0n);
  return {
    params: { ...p, typeWeights },
    period: need.period,
    totalSek: total.toString(),
    lines,
    withoutNeedIndex: withoutType,
    planned: {
      year: p.year,
      inAreasSek: plannedInAreas.toString(),
      cityWideSek: planned.cityWide.toString(),
      unattributedSek: planned.unattributed.toString(),
    },
    sources: need.sources,
  };
}

export type AllocationResponse = Awaited<ReturnType<typeof computeAllocation>>;

export async function saveScenario(db: Database, p: AllocationParams & { name: string }, createdBy: string | null) {
  const name = p.name.trim();
  if (!name)
    throw new AppError('validation_failed', 'A scenario needs a name', [{ field: 'name', message: 'required' }]);
  const result = await computeAllocation(db, p);
  const id = await repo.insertScenario(db, { name, params: result.params, result, createdBy });
  if (id === null) throw new AppError('conflict', `A scenario named '${name}' already exists`);
  return { id, name, ...result };
}

export async function listScenarios(db: Queryable) {
  return (await repo.listScenarios(db)).map((s) => ({ ...s, id: Number(s.id) }));
}

export async function getScenarios(db: Queryable, ids: readonly number[]) {
  const rows = await repo.getScenarios(db, ids);
  for (const id of ids)
    if (!rows.some((r) => Number(r.id) === id)) throw new AppError('not_found', `The scenario ${id} was not found`);
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    ...(r.result as AllocationResponse),
  }));
}

export async function removeScenario(db: Queryable, id: number): Promise<void> {
  if (!(await repo.deleteScenario(db, id))) throw new AppError('not_found', `The scenario ${id} was not found`);
}

/** docs/methods.md, for the methods page that every analysis figure links to. */
export async function methodsDocument(): Promise<{ markdown: string }> {
  return { markdown: await readFile(new URL('../../docs/methods.md', import.meta.url), 'utf8') };
}
