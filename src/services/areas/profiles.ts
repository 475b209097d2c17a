/**
 * Use cases: the area profile (every indicator beside the city, rank, change, trend) and comparisons
 * of several areas. Each page gets everything it needs from one call. (An indicator's map is in the
 * indicators slice: services/indicators/map.ts.)
 */
import type { Queryable } from '../../db/database.ts';
import { findCity, getArea, getAreas, listAreas, listDivisions, relatedAreas } from '../../db/repositories/areas.ts';
import { observationsOfArea, observationsOfAreas, peerCounts } from '../../db/repositories/observations.ts';
import { listIndicators } from '../../db/repositories/indicators.ts';
import { AppError } from '../../core/errors.ts';
import { DEFAULT_TOLERANCE, type Tolerance } from '../../core/stats/compare.ts';
import type { Catalog, Comparison, Profile } from '../../core/contracts/areas.ts';
import { byPeriod, divisionMeta, groupByIndicator, indicatorMeta, requireCity, toPoint } from './profile-common.ts';
import { locatorFor } from './locator.ts';
import { profileIndicator } from './profile-indicator.ts';

export const MAX_COMPARE_AREAS = 8;

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

  const out = indicators.map((ind) =>
    profileIndicator(ind, byInd.get(ind.id) ?? [], cityByInd.get(ind.id) ?? [], counts, tolerance),
  );

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
