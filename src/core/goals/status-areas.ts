// Gap targets and "every area" targets, built on the level status (./status.ts). Pure.
import { reason, type StatusReason } from './reasons.ts';
import {
  levelStatus,
  STATUS_ORDER,
  type GoalStatus,
  type LevelSpec,
  type Observation,
  type StatusOptions,
  type StatusResult,
  type Comparator,
} from './status.ts';

// ---------------------------------------------------------------------------------------------
// Gap targets ("close a gap")

export interface AreaValue {
  areaId: string;
  value: number | null;
}

export interface GapPoint {
  year: number;
  value: number;
  weakestAreaId: string;
  weakestValue: number;
  average: number;
}

/**
 * The gap between the weakest area and the city average, per year. `better` says which direction
 * is good for the indicator; the gap is how far the weakest area is behind the average (≥ 0).
 * `averages` is the city value per year (e.g. population-weighted, computed by the caller).
 * Years without an average or without any area value are skipped (a gap in the series).
 */
export function gapSeries(
  areaValuesByYear: ReadonlyMap<number, readonly AreaValue[]>,
  averages: ReadonlyMap<number, number>,
  better: 'higher' | 'lower',
): GapPoint[] {
  const out: GapPoint[] = [];
  for (const year of [...areaValuesByYear.keys()].sort((a, b) => a - b)) {
    const average = averages.get(year);
    if (average === undefined) continue;
    let weakest: { areaId: string; value: number } | null = null;
    for (const a of areaValuesByYear.get(year) ?? []) {
      if (a.value === null) continue;
      if (!weakest || (better === 'higher' ? a.value < weakest.value : a.value > weakest.value)) {
        weakest = { areaId: a.areaId, value: a.value };
      }
    }
    if (!weakest) continue;
    const gap = better === 'higher' ? average - weakest.value : weakest.value - average;
    out.push({ year, value: Math.max(0, gap), weakestAreaId: weakest.areaId, weakestValue: weakest.value, average });
  }
  return out;
}

/** A gap target is a level target on the gap: at most baseline gap × (1 − reduction) by the deadline. */
export function gapTargetValue(baselineGap: number, reduction: number): number {
  if (reduction < 0 || reduction > 1) throw new Error(`gap reduction must be between 0 and 1, got ${reduction}`);
  return baselineGap * (1 - reduction);
}

// ---------------------------------------------------------------------------------------------
// "Hold for every area of a division"

export interface AreaSeries {
  areaId: string;
  name: string;
  observations: readonly Observation[];
}

export interface AreaStatus {
  areaId: string;
  name: string;
  result: StatusResult;
  /** how far the latest value is from the target, in the target's unit (0 if met; null without data) */
  shortfall: number | null;
}

export interface EveryAreaResult {
  status: GoalStatus;
  reason: StatusReason;
  areas: AreaStatus[];
  counts: Record<GoalStatus, number>;
}

export function shortfall(latest: number, targetValue: number, comparator: Comparator): number {
  return Math.max(0, comparator === 'at_most' ? latest - targetValue : targetValue - latest);
}

/**
 * Every area must reach the level. Each area gets a level status; the overall status is
 * not_measurable if any area cannot be assessed, otherwise the worst of the areas.
 * Areas are returned furthest behind first.
 */
export function everyAreaStatus(
  areas: readonly AreaSeries[],
  spec: LevelSpec,
  options: StatusOptions,
): EveryAreaResult {
  const results: AreaStatus[] = areas.map((a) => {
    const result = levelStatus(a.observations, { ...spec, baseline: null }, options);
    return {
      areaId: a.areaId,
      name: a.name,
      result,
      shortfall: result.latest ? shortfall(result.latest.value, spec.targetValue, spec.comparator) : null,
    };
  });
  results.sort((x, y) => (y.shortfall ?? -1) - (x.shortfall ?? -1) || x.name.localeCompare(y.name, 'sv'));
  const counts: Record<GoalStatus, number> = { met: 0, on_track: 0, at_risk: 0, off_track: 0, not_measurable: 0 };
  for (const r of results) counts[r.result.status]++;
  const total = results.length;
  if (total === 0) {
    return {
      status: 'not_measurable',
      reason: reason('every_area_no_areas'),
      areas: results,
      counts,
    };
  }
  if (counts.not_measurable > 0) {
    return {
      status: 'not_measurable',
      reason: reason('every_area_missing', { missing: counts.not_measurable, total }),
      areas: results,
      counts,
    };
  }
  let worst: GoalStatus = 'met';
  for (const r of results) if (STATUS_ORDER[r.result.status] > STATUS_ORDER[worst]) worst = r.result.status;
  const behind = results.filter((r) => r.result.status !== 'met').length;
  const firstBehind = results[0];
  const why =
    worst === 'met'
      ? reason('every_area_all_met', { total })
      : reason('every_area_some', { met: total - behind, total, behind: firstBehind?.name ?? '' });
  return { status: worst, reason: why, areas: results, counts };
}

/** Areas furthest from a level target by their latest value (largest shortfall first; met areas excluded). */
export function areasFurthestBehind(
  latestByArea: readonly { areaId: string; name: string; value: number }[],
  targetValue: number,
  comparator: Comparator,
  limit: number,
): { areaId: string; name: string; value: number; shortfall: number }[] {
  return latestByArea
    .map((a) => ({ ...a, shortfall: shortfall(a.value, targetValue, comparator) }))
    .filter((a) => a.shortfall > 0)
    .sort((x, y) => y.shortfall - x.shortfall || x.name.localeCompare(y.name, 'sv'))
    .slice(0, limit);
}

/** Counts of statuses in a list. */
export function countStatuses(statuses: readonly GoalStatus[]): Record<GoalStatus, number> {
  const counts: Record<GoalStatus, number> = { met: 0, on_track: 0, at_risk: 0, off_track: 0, not_measurable: 0 };
  for (const s of statuses) counts[s]++;
  return counts;
}
