/** The need index on DeSO with area types, optionally aggregated to a higher division. */
import type { Queryable } from '../../db/database.ts';
import { areasByCode } from '../../db/repositories/areas.ts';
import { indicatorsById } from '../../db/repositories/indicators.ts';
import { observationsOfDivision, periodsWithAll } from '../../db/repositories/observations.ts';
import { AppError } from '../../core/errors.ts';
import { aggregateNeed, needIndex, type NeedIndexResult, type Polarity } from '../../core/analysis/need-index.ts';
import {
  DEFAULT_NEED_INDICATORS,
  NEED_BASE_DIVISION,
  POPULATION_INDICATOR,
  type NeedIndicatorChoice,
} from './presets.ts';
import { ancestorMap } from './hierarchy.ts';
import { num, requireDivision, sourcesOf } from './shared.ts';

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
  const inds = await indicatorsById(db, ids);
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
  const periods = await periodsWithAll(db, NEED_BASE_DIVISION, [...ids, POPULATION_INDICATOR]);
  if (!periods.length) throw new AppError('not_found', `No DeSO values for ${ids.join(', ')}`);
  const period = q.period ?? (periods[periods.length - 1] as string);
  if (!periods.includes(period))
    throw new AppError('not_found', `No DeSO values for the period ${period} (available: ${periods.join(', ')})`);
  const rows = await observationsOfDivision(db, NEED_BASE_DIVISION, {
    indicatorIds: [...ids, POPULATION_INDICATOR],
    period: period,
  });
  const areas = await areasByCode(db, NEED_BASE_DIVISION, false);
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
    // Columns in the order of `indicators`, not objects keyed by indicator id: the ids would be most of the bytes.
    areas: result.areas.map((a) => ({
      ...a,
      name: nameOf.get(a.id) ?? a.id,
      components: result.indicators.map((s) => a.components[s.id] as number),
      values: result.indicators.map((s) => values.get(a.id)?.[s.id] ?? null),
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
  const areas = await areasByCode(db, divisionId, false);
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
