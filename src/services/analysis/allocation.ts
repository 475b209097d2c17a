/** Allocation scenarios set against the money planned in the interventions register. */
import type { Queryable } from '../../db/database.ts';
import { getScenarios } from '../../db/repositories/analysis.ts';
import { areasByCode } from '../../db/repositories/areas.ts';
import { plannedSpending } from '../../db/repositories/interventions-budget.ts';
import { AppError } from '../../core/errors.ts';
import { AREA_TYPES, DEFAULT_TYPE_WEIGHTS, type AreaType } from '../../core/analysis/need-index.ts';
import { allocate } from '../../core/analysis/allocation.ts';
import { NEED_BASE_DIVISION, type NeedIndicatorChoice } from './presets.ts';
import { ancestorMap } from './hierarchy.ts';
import { needIndexService } from './need-index.ts';
import { requireDivision } from './shared.ts';

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
  const rows = await plannedSpending(db, year);
  const targetCodes = new Set((await areasByCode(db, divisionId, false)).map((a) => a.code));
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
      const [s] = await getScenarios(db, [p.transition.base.id]);
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
