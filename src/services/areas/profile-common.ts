/** Helpers shared by the area profile, the comparison and the indicator map: rows as the contract's shapes. */
import type { Queryable } from '../../db/database.ts';
import { findCity, type AreaRow, type DivisionRow } from '../../db/repositories/areas.ts';
import type { ObservationRow } from '../../db/repositories/observations.ts';
import { type IndicatorRow } from '../../db/repositories/indicators.ts';
import { AppError } from '../../core/errors.ts';
import { presentIndicator } from '../../core/contracts/indicators.ts';
import type { DivisionMeta, Point } from '../../core/contracts/areas.ts';
import type { IndicatorSummary } from '../../core/contracts/indicators.ts';

export const num = (s: string | null): number | null => (s === null ? null : Number(s));

export function indicatorMeta(i: IndicatorRow): IndicatorSummary {
  return presentIndicator(i);
}

export function divisionMeta(d: DivisionRow): DivisionMeta {
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

export function toPoint(o: ObservationRow): Point {
  return {
    period: o.period,
    value: num(o.value),
    numerator: num(o.numerator),
    denominator: num(o.denominator),
    status: o.status,
    source: o.source,
  };
}

export function byPeriod(a: { period: string }, b: { period: string }): number {
  return a.period < b.period ? -1 : a.period > b.period ? 1 : 0;
}

export async function requireCity(db: Queryable): Promise<AreaRow> {
  const city = await findCity(db);
  if (!city)
    throw new AppError('not_available', 'No geography is loaded yet (no city area). Load the reference data first.');
  return city;
}

export function groupByIndicator(rows: readonly ObservationRow[]): Map<string, ObservationRow[]> {
  const m = new Map<string, ObservationRow[]>();
  for (const r of rows) {
    const l = m.get(r.indicatorId) ?? [];
    l.push(r);
    m.set(r.indicatorId, l);
  }
  return m;
}
