/** Pure helpers for the goals pages; the shapes of the goals API live in src/core/contracts/goals.ts (re-exported here). */
import {
  goalsQuery,
  type GoalStatus,
  type StatusCounts,
  type TargetDetail,
  type YearValue,
} from '../../../core/contracts/goals.ts';
import { lenientSearch } from '../../search.ts';

export type {
  GoalsTree,
  GoalStatus,
  StatusCounts,
  TargetDetail,
  TargetSummary,
  YearValue,
} from '../../../core/contracts/goals.ts';

/** ?asOf=YYYY-MM-DD on the goals pages: the framework as it stood that day (the API's own query contract). */
export const goalsSearch = lenientSearch(goalsQuery);

export const STATUSES: readonly GoalStatus[] = ['met', 'on_track', 'at_risk', 'off_track', 'not_measurable'];

export interface ChartRow {
  year: number;
  observed: number | null;
  path: number | null;
  projection: number | null;
}

/** One row per year with the observed value, the path and the projection (the chart's table twin). */
export function chartRows(d: Pick<TargetDetail, 'series' | 'path' | 'projection'>): ChartRow[] {
  const years = new Set<number>();
  for (const p of [...d.series, ...d.path, ...d.projection]) years.add(p.year);
  const at = (list: readonly YearValue[], y: number): number | null => list.find((p) => p.year === y)?.value ?? null;
  return [...years]
    .sort((a, b) => a - b)
    .map((year) => ({
      year,
      observed: at(d.series, year),
      path: at(d.path, year),
      projection: at(d.projection, year),
    }));
}

/** The seed document's short key ('000' … '003') for its display name. */
export function documentKey(file: string): string {
  return file.slice(0, 3);
}

/** Sum of counts (for "n targets"). */
export function totalOf(c: StatusCounts): number {
  return STATUSES.reduce((s, k) => s + c[k], 0);
}
