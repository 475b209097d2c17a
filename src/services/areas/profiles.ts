/**
 * Use cases of issue 4: the area profile (every indicator beside the city, rank, change, trend),
 * comparisons of several areas, and an indicator's map for a division and period. Each page gets
 * everything it needs from one call.
 */
import type { Queryable } from '../../db/database.ts';
import {
  areasWithGeometry,
  findCity,
  getArea,
  getAreas,
  listAreas,
  listDivisions,
  listIndicators,
  observationsOfArea,
  observationsOfAreas,
  observationsOfDivision,
  periodsOf,
  peerCounts,
  relatedAreas,
  type AreaRow,
  type DivisionRow,
  type IndicatorRow,
  type ObservationRow,
} from '../../db/repositories/profiles.ts';
import { AppError } from '../../core/errors.ts';
import { presentIndicator } from '../../core/contracts/indicators.ts';
import type { GeoJSONGeometry } from '../../core/types.ts';
import {
  changeSinceFirst,
  compareWithCity,
  DEFAULT_TOLERANCE,
  rankAreas,
  rankFromCounts,
  type Tolerance,
} from '../../core/stats/compare.ts';
import type {
  Catalog,
  Comparison,
  DivisionMeta,
  IndicatorMap,
  IndicatorMeta,
  Point,
  Profile,
  ProfileIndicator,
} from '../../core/contracts/profiles.ts';

export const MAX_COMPARE_AREAS = 8;

const num = (s: string | null): number | null => (s === null ? null : Number(s));

function indicatorMeta(i: IndicatorRow): IndicatorMeta {
  return presentIndicator(i);
}

function divisionMeta(d: DivisionRow): DivisionMeta {
  return {
    id: d.id,
    nameSv: d.nameSv,
    nameEn: d.nameEn,
    level: d.level,
    validFrom: d.validFrom,
    validTo: d.validTo,
    areaCount: d.areaCount,
    hasGeometry: d.withGeometry > 0,
  };
}

function toPoint(o: ObservationRow): Point {
  return {
    period: o.period,
    value: num(o.value),
    numerator: num(o.numerator),
    denominator: num(o.denominator),
    status: o.status,
    source: o.source,
  };
}

function byPeriod(a: { period: string }, b: { period: string }): number {
  return a.period < b.period ? -1 : a.period > b.period ? 1 : 0;
}

/** Rounds coordinates (4 decimals ≈ 10 m) and drops repeated vertices: maps need no more. */
export function roundGeometry(g: GeoJSONGeometry | null, decimals = 4): GeoJSONGeometry | null {
  if (!g) return null;
  const f = 10 ** decimals;
  const r = (c: unknown): unknown => {
    if (Array.isArray(c) && typeof c[0] === 'number')
      return [Math.round((c[0] as number) * f) / f, Math.round((c[1] as number) * f) / f];
    if (Array.isArray(c)) {
      const mapped = c.map(r);
      if (Array.isArray(mapped[0]) && typeof (mapped[0] as unknown[])[0] === 'number') {
        // A ring or line: drop consecutive duplicates introduced by rounding.
        const out = mapped.filter(
          (p, i) =>
            i === 0 ||
            (p as number[])[0] !== (mapped[i - 1] as number[])[0] ||
            (p as number[])[1] !== (mapped[i - 1] as number[])[1],
        );
        return out.length >= 4 || g.type.includes('Line') || g.type.includes('Point') ? out : mapped;
      }
      return mapped;
    }
    return c;
  };
  return { type: g.type, coordinates: r(g.coordinates) };
}

async function requireCity(db: Queryable): Promise<AreaRow> {
  const city = await findCity(db);
  if (!city)
    throw new AppError('not_available', 'No geography is loaded yet (no city area). Load the reference data first.');
  return city;
}

function groupByIndicator(rows: readonly ObservationRow[]): Map<string, ObservationRow[]> {
  const m = new Map<string, ObservationRow[]>();
  for (const r of rows) {
    const l = m.get(r.indicatorId) ?? [];
    l.push(r);
    m.set(r.indicatorId, l);
  }
  return m;
}

// ---------------------------------------------------------------- catalog

/** Everything the pickers need: divisions, indicators and every area's code and name. */
export async function getCatalog(db: Queryable): Promise<Catalog> {
  const [divisions, indicators, areas, city] = await Promise.all([
    listDivisions(db),
    listIndicators(db),
    listAreas(db),
    findCity(db),
  ]);
  return {
    city: city ? { divisionId: city.divisionId, code: city.code, name: city.name } : null,
    divisions: divisions.map(divisionMeta),
    indicators: indicators.map(indicatorMeta),
    areas: areas.map((a) => ({ divisionId: a.divisionId, code: a.code, name: a.name, parentCode: a.parentCode })),
  };
}

// ---------------------------------------------------------------- profile

export async function getProfile(
  db: Queryable,
  divisionId: string,
  code: string,
  tolerance: Tolerance = DEFAULT_TOLERANCE,
): Promise<Profile> {
  const area = await getArea(db, divisionId, code);
  if (!area) throw new AppError('not_found', `No area with code '${code}' in division '${divisionId}'.`);
  const [divisions, indicators, city, related, areaObs, counts] = await Promise.all([
    listDivisions(db),
    listIndicators(db),
    requireCity(db),
    relatedAreas(db, divisionId, code),
    observationsOfArea(db, divisionId, code),
    peerCounts(db, divisionId, code),
  ]);
  const division = divisions.find((d) => d.id === divisionId)!;
  const cityObs =
    city.divisionId === divisionId && city.code === code
      ? areaObs
      : await observationsOfArea(db, city.divisionId, city.code);
  const byInd = groupByIndicator(areaObs);
  const cityByInd = groupByIndicator(cityObs);

  const out: ProfileIndicator[] = [];
  for (const ind of indicators) {
    const mine = (byInd.get(ind.id) ?? []).slice().sort(byPeriod);
    const trend = mine.map(toPoint);
    const cityTrend = (cityByInd.get(ind.id) ?? []).slice().sort(byPeriod).map(toPoint);
    const latest = trend[trend.length - 1] ?? null;
    const cityPoint = latest ? (cityTrend.find((p) => p.period === latest.period) ?? null) : null;
    // A count (people, dwellings) of one area is not comparable with the city's total: no difference.
    const comparable = ind.kind !== 'count';
    const cmp = comparable
      ? compareWithCity(latest?.value, cityPoint?.value, ind.polarity, tolerance)
      : {
          difference: null,
          relativeDifference: null,
          assessment: latest?.value != null ? ('neutral' as const) : ('unknown' as const),
        };
    let rank: { rank: number; of: number; tied: boolean } | null = null;
    if (latest && latest.value !== null) {
      const c = counts.find((x) => x.indicatorId === ind.id && x.period === latest.period);
      rank = c ? rankFromCounts(c, ind.polarity) : null;
    }
    const change = changeSinceFirst(trend, ind.polarity, tolerance);
    const valued = trend.filter((p) => p.value !== null);
    out.push({
      ...indicatorMeta(ind),
      latest,
      city: cityPoint,
      difference: cmp.difference,
      relativeDifference: cmp.relativeDifference,
      assessment: cmp.assessment,
      rank: rank?.rank ?? null,
      rankedCount: rank?.of ?? null,
      tied: rank?.tied ?? false,
      firstPeriod: valued[0]?.period ?? null,
      latestPeriod: latest?.period ?? null,
      change: change?.absolute ?? null,
      relativeChange: change?.relative ?? null,
      changeAssessment: change?.assessment ?? null,
      trend,
      cityTrend,
    });
  }

  const ref = (r: {
    divisionId: string;
    code: string;
    name: string;
    divisionNameSv: string;
    divisionNameEn: string;
  }) => ({
    divisionId: r.divisionId,
    code: r.code,
    name: r.name,
    divisionNameSv: r.divisionNameSv,
    divisionNameEn: r.divisionNameEn,
  });
  return {
    division: divisionMeta(division),
    area: { divisionId, code, name: area.name, hasGeometry: area.geometry !== null },
    city: { divisionId: city.divisionId, code: city.code, name: city.name },
    parents: related.filter((r) => r.relation === 'parent').map(ref),
    children: related.filter((r) => r.relation === 'child').map(ref),
    locator: await locatorFor(db, divisions, area.divisionId, area.code, area.name, area.geometry),
    tolerance,
    indicators: out,
  };
}

/** Context shapes (the coarsest current division with polygons) and the area or its nearest ancestor with a polygon. */
async function locatorFor(
  db: Queryable,
  divisions: readonly DivisionRow[],
  divisionId: string,
  code: string,
  name: string,
  geometry: GeoJSONGeometry | null,
): Promise<Profile['locator']> {
  // The area's own division when it is a coarse one with polygons (an sdo among its siblings),
  // else the coarsest current division with polygons.
  const own = divisions.find((d) => d.id === divisionId && d.level === 1 && d.withGeometry > 0);
  const ctxDivision =
    own ??
    divisions
      .filter((d) => d.level > 0 && d.withGeometry > 0 && d.level < 9)
      .sort((a, b) => Number(a.validTo !== null) - Number(b.validTo !== null) || a.level - b.level)[0];
  if (!ctxDivision) return null;
  let target: GeoJSONGeometry | null = geometry;
  let approximate = false;
  let cur = { divisionId, code };
  for (let i = 0; i < 6 && !target; i++) {
    const rel = await relatedAreas(db, cur.divisionId, cur.code);
    const parent = rel.filter((r) => r.relation === 'parent').sort((a, b) => b.level - a.level)[0];
    if (!parent) break;
    const p = await getArea(db, parent.divisionId, parent.code);
    if (!p) break;
    target = p.geometry;
    approximate = true;
    cur = { divisionId: p.divisionId, code: p.code };
  }
  if (!target) return null;
  const ctx = await areasWithGeometry(db, ctxDivision.id);
  return {
    context: ctx.filter((a) => a.geometry).map((a) => ({ code: a.code, geometry: roundGeometry(a.geometry, 3) })),
    target: { divisionId, code, name, geometry: roundGeometry(target, 4) },
    approximate,
  };
}

// ---------------------------------------------------------------- compare

/** Parses 'division:code,division:code'. */
export function parseAreaList(s: string): { divisionId: string; code: string }[] {
  const items = s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const out: { divisionId: string; code: string }[] = [];
  for (const [i, item] of items.entries()) {
    const at = item.lastIndexOf(':');
    if (at <= 0 || at === item.length - 1) {
      throw new AppError(
        'validation_failed',
        `areas: item ${i + 1} ('${item}') must be written division:code, e.g. stadsdelsomrade-2020:01`,
        [{ field: 'areas', message: `item ${i + 1} '${item}' is not division:code` }],
      );
    }
    const key = { divisionId: item.slice(0, at), code: item.slice(at + 1) };
    if (!out.some((o) => o.divisionId === key.divisionId && o.code === key.code)) out.push(key);
  }
  return out;
}

export async function getComparison(
  db: Queryable,
  keys: { divisionId: string; code: string }[],
  indicatorIds?: readonly string[],
): Promise<Comparison> {
  if (keys.length === 0)
    throw new AppError('validation_failed', 'areas: give at least one area (division:code).', [
      { field: 'areas', message: 'empty' },
    ]);
  if (keys.length > MAX_COMPARE_AREAS) {
    throw new AppError(
      'validation_failed',
      `areas: at most ${MAX_COMPARE_AREAS} areas can be compared, got ${keys.length}.`,
      [{ field: 'areas', message: 'too many' }],
    );
  }
  const [found, divisions, allIndicators, city] = await Promise.all([
    getAreas(db, keys),
    listDivisions(db),
    listIndicators(db),
    requireCity(db),
  ]);
  const missing = keys.filter((k) => !found.some((f) => f.divisionId === k.divisionId && f.code === k.code));
  if (missing.length) {
    throw new AppError(
      'not_found',
      `areas: no such area ${missing.map((m) => `${m.divisionId}:${m.code}`).join(', ')}.`,
      missing.map((m) => ({ field: 'areas', message: `${m.divisionId}:${m.code} not found` })),
    );
  }
  let indicators = allIndicators;
  if (indicatorIds && indicatorIds.length) {
    const unknown = indicatorIds.filter((id) => !allIndicators.some((i) => i.id === id));
    if (unknown.length)
      throw new AppError(
        'not_found',
        `indicators: unknown indicator ${unknown.join(', ')}.`,
        unknown.map((u) => ({ field: 'indicators', message: `${u} not found` })),
      );
    indicators = indicatorIds.map((id) => allIndicators.find((i) => i.id === id)!);
  }
  const ids = indicators.map((i) => i.id);
  const [obs, cityObs] = await Promise.all([
    observationsOfAreas(db, keys, ids),
    observationsOfAreas(db, [{ divisionId: city.divisionId, code: city.code }], ids),
  ]);
  const divName = (id: string) => divisions.find((d) => d.id === id);
  return {
    city: { divisionId: city.divisionId, code: city.code, name: city.name },
    areas: keys.map((k) => {
      const a = found.find((f) => f.divisionId === k.divisionId && f.code === k.code)!;
      return {
        divisionId: a.divisionId,
        code: a.code,
        name: a.name,
        divisionNameSv: divName(a.divisionId)?.nameSv ?? a.divisionId,
        divisionNameEn: divName(a.divisionId)?.nameEn ?? a.divisionId,
      };
    }),
    indicators: indicators.map((ind) => ({
      ...indicatorMeta(ind),
      city: cityObs
        .filter((o) => o.indicatorId === ind.id)
        .sort(byPeriod)
        .map(toPoint),
      series: keys.map((k) => ({
        divisionId: k.divisionId,
        code: k.code,
        points: obs
          .filter((o) => o.indicatorId === ind.id && o.divisionId === k.divisionId && o.areaCode === k.code)
          .sort(byPeriod)
          .map(toPoint),
      })),
    })),
  };
}

// ---------------------------------------------------------------- indicator map

export async function getIndicatorMap(
  db: Queryable,
  indicatorId: string,
  divisionId: string,
  period?: string,
): Promise<IndicatorMap> {
  const [indicators, divisions, city] = await Promise.all([listIndicators(db), listDivisions(db), findCity(db)]);
  const ind = indicators.find((i) => i.id === indicatorId);
  if (!ind) throw new AppError('not_found', `No indicator '${indicatorId}'.`);
  const division = divisions.find((d) => d.id === divisionId);
  if (!division)
    throw new AppError('not_found', `No division '${divisionId}'. Known: ${divisions.map((d) => d.id).join(', ')}.`, [
      { field: 'division', message: 'unknown division' },
    ]);
  const periods = await periodsOf(db, indicatorId, divisionId);
  if (period !== undefined && !periods.includes(period)) {
    throw new AppError(
      'not_found',
      `No values of '${indicatorId}' for division '${divisionId}' in period ${period}. Available: ${periods.join(', ') || 'none'}.`,
      [{ field: 'period', message: `not one of ${periods.join(', ') || 'none'}` }],
    );
  }
  const chosen = period ?? periods[periods.length - 1] ?? null;
  const [areas, obs, cityObs] = await Promise.all([
    areasWithGeometry(db, divisionId),
    chosen ? observationsOfDivision(db, divisionId, { indicatorId }) : Promise.resolve([] as ObservationRow[]),
    city
      ? observationsOfAreas(db, [{ divisionId: city.divisionId, code: city.code }], [indicatorId])
      : Promise.resolve([] as ObservationRow[]),
  ]);
  const trends = new Map<string, { period: string; value: number | null }[]>();
  for (const o of obs) {
    const l = trends.get(o.areaCode) ?? [];
    l.push({ period: o.period, value: num(o.value) });
    trends.set(o.areaCode, l);
  }
  const inPeriod = obs.filter((o) => o.period === chosen);
  const ranks = rankAreas(
    inPeriod.map((o) => ({ code: o.areaCode, value: num(o.value) })),
    ind.polarity,
  );
  const cityTrend = cityObs.sort(byPeriod).map(toPoint);
  return {
    indicator: indicatorMeta(ind),
    division: divisionMeta(division),
    periods,
    period: chosen,
    city: city
      ? {
          divisionId: city.divisionId,
          code: city.code,
          name: city.name,
          value: cityTrend.find((p) => p.period === chosen) ?? null,
          trend: cityTrend,
        }
      : null,
    areas: areas.map((a) => {
      const o = inPeriod.find((x) => x.areaCode === a.code);
      const p: Point = o
        ? toPoint(o)
        : { period: chosen ?? '', value: null, numerator: null, denominator: null, status: 'missing', source: '' };
      const r = ranks.get(a.code);
      return {
        divisionId,
        code: a.code,
        name: a.name,
        parentCode: a.parentCode,
        ...p,
        rank: r?.rank ?? null,
        rankedCount: r?.of ?? null,
        trend: (trends.get(a.code) ?? []).sort(byPeriod),
        geometry: roundGeometry(a.geometry, 4),
      };
    }),
  };
}
