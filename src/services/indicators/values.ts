/** The indicator catalogue as the API gives it, and an indicator's values for every area of a division. */
import type { Queryable } from '../../db/database.ts';
import { AppError } from '../../core/errors.ts';
import { isAggregable, presentIndicator } from '../../core/contracts/indicators.ts';
import { requireDivision } from '../areas/read.ts';
import { areaValues, indicatorPeriods } from '../../db/repositories/observations.ts';
import { findIndicator, listIndicators } from '../../db/repositories/indicators.ts';
import { DIVISIONS, KOMMUN_CODE } from '../../core/geo/stockholm.ts';

const indicatorOut = presentIndicator;

export async function getIndicators(db: Queryable) {
  return { indicators: (await listIndicators(db)).map(indicatorOut) };
}

const num = (s: string | null): number | null => (s === null ? null : Number(s));
type Status = 'final' | 'provisional' | 'suppressed' | 'missing' | 'not_available';

/** Values of an indicator for every area of a division in one period (default: the latest), with the city value. */
export async function getIndicatorValues(
  db: Queryable,
  indicatorId: string,
  divisionId: string,
  period: string | undefined,
) {
  const ind = await findIndicator(db, indicatorId);
  if (!ind)
    throw new AppError('not_found', `indicator ${indicatorId} was not found`, [
      { field: 'id', message: `unknown indicator ${indicatorId}` },
    ]);
  const division = await requireDivision(db, divisionId);
  const all = await indicatorPeriods(db, indicatorId);
  const here = [...new Set(all.filter((p) => p.divisionId === divisionId).map((p) => p.period))].sort();
  const anywhere = [...new Set(all.map((p) => p.period))].sort();
  const chosen = period ?? here.at(-1) ?? anywhere.at(-1) ?? null;
  if (period !== undefined && !anywhere.includes(period))
    throw new AppError('not_found', `indicator ${indicatorId} has no values for ${period}`, [
      { field: 'period', message: `available: ${anywhere.join(', ') || 'none'}` },
    ]);
  // Not aggregated (medians): where the division has no values but the indicator exists elsewhere.
  const notAvailable =
    !isAggregable(ind) && chosen !== null && !all.some((p) => p.divisionId === divisionId && p.period === chosen);
  const rows = chosen === null ? [] : await areaValues(db, indicatorId, divisionId, chosen);
  const cityRows = chosen === null ? [] : await areaValues(db, indicatorId, DIVISIONS.kommun, chosen);
  const city = cityRows.find((r) => r.code === KOMMUN_CODE) ?? null;
  const statusOf = (status: string | null): Status =>
    notAvailable ? 'not_available' : ((status ?? 'missing') as Status);
  return {
    indicator: indicatorOut(ind),
    division: { id: division.id, nameSv: division.nameSv, nameEn: division.nameEn, level: division.level },
    period: chosen,
    periods: here,
    values: rows.map((r) => ({
      code: r.code,
      name: r.name,
      value: notAvailable ? null : num(r.value),
      numerator: notAvailable ? null : num(r.numerator),
      denominator: notAvailable ? null : num(r.denominator),
      status: statusOf(r.status),
      derived: r.derived ?? false,
      source: r.source,
    })),
    city: {
      code: KOMMUN_CODE,
      name: city?.name ?? 'Stockholm',
      value: city ? num(city.value) : null,
      numerator: city ? num(city.numerator) : null,
      denominator: city ? num(city.denominator) : null,
      status: (city?.status ?? (isAggregable(ind) ? 'missing' : 'not_available')) as Status,
      source: city?.source ?? null,
    },
  };
}
