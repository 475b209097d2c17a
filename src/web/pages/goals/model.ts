/** Shapes of the goals API (GET /api/v1/goals, /api/v1/targets/:id) and pure helpers for the pages. */
import type { Bilingual, Citation, ManualStatus, Target } from '../../../core/goals/framework-schema.ts';

export type GoalStatus = 'met' | 'on_track' | 'at_risk' | 'off_track' | 'not_measurable';
export const STATUSES: readonly GoalStatus[] = ['met', 'on_track', 'at_risk', 'off_track', 'not_measurable'];
export type StatusCounts = Record<GoalStatus, number>;

export interface TargetSummary {
  id: string;
  title: Bilingual;
  origin: 'document' | 'derived';
  parentTargetId: string | null;
  form: 'level' | 'direction' | 'gap' | 'every_area';
  deadline: number;
  hasIndicator: boolean;
  status: GoalStatus;
  reason: Bilingual;
}

export interface GoalsTree {
  asOfYear: number;
  vision: { id: string; title: Bilingual; text: Bilingual; citation: Citation } | null;
  goalAreas: {
    id: string;
    order: number;
    title: Bilingual;
    description: Bilingual | null;
    citation: Citation;
    counts: StatusCounts;
    total: number;
    strategies: { id: string; number: number; numeral: string; title: Bilingual; citation: Citation; targets: TargetSummary[] }[];
    otherTargets: TargetSummary[];
  }[];
  reformAreas: {
    id: string;
    number: number;
    title: Bilingual;
    linkedGoalAreas: string[];
    citation: Citation;
    commitments: {
      id: string;
      title: Bilingual;
      text: string;
      linkedGoalAreas: string[];
      targetIds: string[];
      status: GoalStatus;
      reason: Bilingual;
      manualStatus: ManualStatus | null;
      citation: Citation;
    }[];
  }[];
  counts: StatusCounts;
  total: number;
}

export interface YearValue {
  year: number;
  value: number;
}

export interface TargetDetail {
  asOfYear: number;
  target: Target;
  status: GoalStatus;
  basis: string;
  reason: Bilingual;
  series: (YearValue & { source: string })[];
  path: YearValue[];
  projection: YearValue[];
  targetValue: number | null;
  projectedAtDeadline: number | null;
  areasBehind: { areaCode: string; name: string; value: number; shortfall: number }[];
  goalAreas: { id: string; title: Bilingual }[];
  strategies: { id: string; goalAreaId: string; numeral: string; title: Bilingual }[];
  commitments: { id: string; title: Bilingual }[];
  parent: { id: string; title: Bilingual } | null;
  milestones: { id: string; title: Bilingual }[];
  indicator: { id: string; name: Bilingual; unit: string; definition: { sv: string; en: string } } | null;
  manualStatus: ManualStatus | null;
  interventions: { id: string; name: Bilingual; status: string; responsible: string | null; origin: 'register' | 'framework' }[];
}

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
    .map((year) => ({ year, observed: at(d.series, year), path: at(d.path, year), projection: at(d.projection, year) }));
}

/** The seed document's short key ('000' … '003') for its display name. */
export function documentKey(file: string): string {
  return file.slice(0, 3);
}

/** Sum of counts (for "n targets"). */
export function totalOf(c: StatusCounts): number {
  return STATUSES.reduce((s, k) => s + c[k], 0);
}
