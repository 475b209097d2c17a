/** Divides between the areas of a division for any indicator. */
import type { Queryable } from '../../db/database.ts';
import { indicatorsById } from '../../db/repositories/indicators.ts';
import { observationsOfDivision } from '../../db/repositories/observations.ts';
import { AppError } from '../../core/errors.ts';
import { sigmaConvergence } from '../../core/analysis/divides.ts';
import { POPULATION_INDICATOR } from './presets.ts';
import { num, requireDivision, sourcesOf } from './shared.ts';

/**
 * Divides between the areas of a division for any indicator, per period: spread (max/min, fifths,
 * coefficient of variation) weighted by the population of the same period, and sigma convergence.
 * Periods are the years (the first four characters of the period).
 */
export async function dividesService(db: Queryable, q: { division: string; indicator: string }) {
  await requireDivision(db, q.division);
  const [ind] = await indicatorsById(db, [q.indicator]);
  if (!ind) throw new AppError('not_found', `The indicator '${q.indicator}' was not found`);
  const rows = await observationsOfDivision(db, q.division, { indicatorIds: [q.indicator, POPULATION_INDICATOR] });
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
