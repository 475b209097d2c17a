/**
 * An indicator's map: every area of a division in one period, ranked, with its trend, beside the city. The
 * polygons are not in it: the browser fetches them once per division (GET /analysis/areas/{division}). What
 * every area shares is said once (see mapResponse), so a DeSO map is about half the bytes of a row per area.
 */
import type { Queryable } from '../../db/database.ts';
import { findCity, listDivisions, areasByCode } from '../../db/repositories/areas.ts';
import {
  indicatorPeriods,
  observationsOfAreas,
  observationsOfDivision,
  type ObservationRow,
} from '../../db/repositories/observations.ts';
import { listIndicators } from '../../db/repositories/indicators.ts';
import { AppError } from '../../core/errors.ts';
import { rankAreas } from '../../core/stats/compare.ts';
import type { IndicatorMap } from '../../core/contracts/indicators.ts';
import { byPeriod, divisionMeta, indicatorMeta, num, toPoint } from '../areas/profile-common.ts';

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
  const periods = (await indicatorPeriods(db, indicatorId))
    .filter((p) => p.divisionId === divisionId)
    .map((p) => p.period);
  if (period !== undefined && !periods.includes(period)) {
    throw new AppError(
      'not_found',
      `No values of '${indicatorId}' for division '${divisionId}' in period ${period}. Available: ${periods.join(', ') || 'none'}.`,
      [{ field: 'period', message: `not one of ${periods.join(', ') || 'none'}` }],
    );
  }
  const chosen = period ?? periods[periods.length - 1] ?? null;
  const [areas, obs, cityObs] = await Promise.all([
    areasByCode(db, divisionId, false),
    chosen
      ? observationsOfDivision(db, divisionId, { indicatorIds: [indicatorId] })
      : Promise.resolve([] as ObservationRow[]),
    city
      ? observationsOfAreas(db, [{ divisionId: city.divisionId, code: city.code }], [indicatorId])
      : Promise.resolve([] as ObservationRow[]),
  ]);
  const column = new Map(periods.map((p, i) => [p, i]));
  const trends = new Map<string, (number | null)[]>();
  for (const o of obs) {
    const i = column.get(o.period);
    if (i === undefined) continue;
    let t = trends.get(o.areaCode);
    if (!t) trends.set(o.areaCode, (t = periods.map(() => null)));
    t[i] = num(o.value);
  }
  const inPeriod = obs.filter((o) => o.period === chosen);
  const ofArea = new Map(inPeriod.map((o) => [o.areaCode, o]));
  const ranks = rankAreas(
    inPeriod.map((o) => ({ code: o.areaCode, value: num(o.value) })),
    ind.polarity,
  );
  const sources = [...new Set(inPeriod.map((o) => o.source))].sort();
  const sourceIndex = new Map(sources.map((c, i) => [c, i]));
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
    rankedCount: ranks.size,
    sources,
    areas: areas.map((a) => {
      const o = ofArea.get(a.code);
      return {
        code: a.code,
        name: a.name,
        parentCode: a.parentCode,
        value: o ? num(o.value) : null,
        numerator: o ? num(o.numerator) : null,
        denominator: o ? num(o.denominator) : null,
        status: o?.status ?? 'missing',
        source: o ? (sourceIndex.get(o.source) ?? null) : null,
        rank: ranks.get(a.code)?.rank ?? null,
        trend: trends.get(a.code) ?? periods.map(() => null),
      };
    }),
  };
}
