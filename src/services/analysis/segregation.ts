/** Two-group segregation measures of a division with their trend, divides and Moran's I. */
import type { z } from 'zod';
import type { Queryable } from '../../db/database.ts';
import type { segregationResponse } from '../../core/contracts/analysis.ts';
import { areasByCode } from '../../db/repositories/areas.ts';
import { indicatorsById } from '../../db/repositories/indicators.ts';
import { type ObservationRow, observationsOfDivision, periodsWithAll } from '../../db/repositories/observations.ts';
import { AppError } from '../../core/errors.ts';
import { areaShares, twoGroupMeasures } from '../../core/analysis/segregation.ts';
import { moransI } from '../../core/analysis/moran.ts';
import { contiguityNeighbours, type AreaGeometry } from '../../core/analysis/contiguity.ts';
import { sigmaConvergence } from '../../core/analysis/divides.ts';
import { SEGREGATION_PRESETS, type SegregationPreset } from './presets.ts';
import { num, requireDivision, sourcesOf } from './shared.ts';

/** Queen neighbours of a division's areas from their polygons, or null when fewer than 4 have polygons. */
async function neighboursOf(
  db: Queryable,
  divisionId: string,
): Promise<{ neighbours: Record<string, string[]>; withoutGeometry: string[] } | null> {
  const areas = await areasByCode(db, divisionId, true);
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

export interface SegregationQuery {
  division: string;
  preset?: string;
  group?: string;
  total?: string;
  period?: string;
}

/** The answer of GET /analysis/segregation (its contract: src/core/contracts/analysis.ts). */
export type SegregationResponse = z.infer<typeof segregationResponse>;

interface Unit {
  id: string;
  group: number;
  total: number;
}

type Cells = Map<string, { group: number | null; total: number | null }>;

/** The preset, group and total indicators a query asks for. */
function groupOf(q: SegregationQuery): { preset: SegregationPreset | undefined; group: string; total: string } {
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
  return { preset, group, total };
}

/** Fails unless both indicators exist and are counts. */
async function requireCounts(db: Queryable, group: string, total: string): Promise<void> {
  const inds = await indicatorsById(db, [group, total]);
  for (const id of [group, total]) {
    const ind = inds.find((i) => i.id === id);
    if (!ind) throw new AppError('not_found', `The indicator '${id}' was not found`);
    if (ind.kind !== 'count')
      throw new AppError('validation_failed', `The indicator '${id}' is not a count`, [
        { field: id === group ? 'group' : 'total', message: 'must be a count indicator' },
      ]);
  }
}

/** The periods with values of both indicators and the one asked for (the latest by default). */
async function periodOf(
  db: Queryable,
  q: SegregationQuery,
  group: string,
  total: string,
): Promise<{ periods: string[]; period: string }> {
  const periods = await periodsWithAll(db, q.division, [group, total]);
  if (!periods.length)
    throw new AppError('not_found', `No values of ${group} and ${total} for the division '${q.division}'`);
  const period = q.period ?? (periods[periods.length - 1] as string);
  if (!periods.includes(period))
    throw new AppError('not_found', `No values for the period ${period} (available: ${periods.join(', ')})`);
  return { periods, period };
}

/** The group and total of every area, per period. */
function cellsByPeriod(rows: readonly ObservationRow[], group: string): Map<string, Cells> {
  const byPeriod = new Map<string, Cells>();
  for (const r of rows) {
    let m = byPeriod.get(r.period);
    if (!m) byPeriod.set(r.period, (m = new Map()));
    const cell = m.get(r.areaCode) ?? { group: null, total: null };
    if (r.indicatorId === group) cell.group = num(r.value);
    else cell.total = num(r.value);
    m.set(r.areaCode, cell);
  }
  return byPeriod;
}

/** The areas with both values, in code order, and the codes of those missing one. */
function unitsOf(cells: Cells | undefined): { units: Unit[]; missing: string[] } {
  const m = cells ?? new Map();
  const units: Unit[] = [];
  const missing: string[] = [];
  for (const [code, v] of [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (v.group === null || v.total === null) missing.push(code);
    // the derived low-economic-standard count is percent × persons and can exceed the total by rounding
    else units.push({ id: code, group: Math.min(v.group, v.total), total: v.total });
  }
  return { units, missing };
}

/** The measures of every period, and the group's share per area and year for sigma convergence. */
function trendOf(periods: readonly string[], byPeriod: Map<string, Cells>) {
  const trend: SegregationResponse['trend'] = [];
  const series = [];
  for (const p of periods) {
    const { units } = unitsOf(byPeriod.get(p));
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
  return { trend, series };
}

/** One row per area of the division, with its counts, share and difference from the city's share. */
function areaRowsOf(nameOf: Map<string, string>, units: readonly Unit[]): SegregationResponse['areas'] {
  const shares = areaShares(units);
  const unitById = new Map(units.map((u) => [u.id, u]));
  return [...nameOf.keys()].map((code) => {
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
}

/** Moran's I of the group's share over queen neighbours, or a note on why there is none. */
async function moranOf(
  db: Queryable,
  divisionId: string,
  units: readonly Unit[],
): Promise<Pick<SegregationResponse, 'moran' | 'moranNote'>> {
  const nb = await neighboursOf(db, divisionId);
  if (!nb) return { moran: null, moranNote: 'no-geometry' };
  const used = units.filter((u) => u.total > 0 && nb.neighbours[u.id] !== undefined);
  if (used.length < 4) return { moran: null, moranNote: 'too-few-areas' };
  const r = moransI(
    used.map((u) => u.id),
    used.map((u) => u.group / u.total),
    nb.neighbours,
  );
  return { moran: { ...r, contiguity: 'queen', variable: 'share' }, moranNote: null };
}

export async function segregation(db: Queryable, q: SegregationQuery): Promise<SegregationResponse> {
  await requireDivision(db, q.division);
  const { preset, group, total } = groupOf(q);
  await requireCounts(db, group, total);
  const { periods, period } = await periodOf(db, q, group, total);

  const rows = await observationsOfDivision(db, q.division, { indicatorIds: [group, total] });
  const areas = await areasByCode(db, q.division, false);
  const nameOf = new Map(areas.map((a) => [a.code, a.name]));
  const byPeriod = cellsByPeriod(rows, group);
  const { trend, series } = trendOf(periods, byPeriod);
  const { units, missing } = unitsOf(byPeriod.get(period));
  const measures = twoGroupMeasures(units);
  const areaRows = areaRowsOf(nameOf, units);
  const { moran, moranNote } = await moranOf(db, q.division, units);
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
