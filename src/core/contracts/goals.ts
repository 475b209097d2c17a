/**
 * Shapes of the goals API (GET /api/v1/goals, /api/v1/targets/:id). Pure types, shared by
 * src/services/goals.ts (which builds them) and the web pages (which read them as JSON).
 */
import type { Bilingual, Citation, ManualStatus, Target } from '../goals/framework-schema.ts';
import type { GoalStatus, Point, StatusBasis } from '../goals/status.ts';

export type { GoalStatus };

/** One year's value of a series, path or projection. */
export type YearValue = Point;

export type StatusCounts = Record<GoalStatus, number>;

/** The status of one target, computed from the observations in the database. */
export interface TargetEvaluation {
  status: GoalStatus;
  basis: StatusBasis | 'no_indicator' | 'manual';
  reason: Bilingual;
  series: (YearValue & { source: string })[];
  path: YearValue[];
  projection: YearValue[];
  /** the resolved target value (absolute), null for direction targets or unknown relative ones */
  targetValue: number | null;
  projectedAtDeadline: number | null;
  areasBehind: { areaCode: string; name: string; value: number; shortfall: number }[];
  manualStatus: (ManualStatus & { source: 'manual' }) | null;
}

export interface TargetSummary {
  id: string;
  title: Bilingual;
  origin: 'document' | 'derived';
  parentTargetId: string | null;
  form: Target['target']['form'];
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
    strategies: {
      id: string;
      number: number;
      numeral: string;
      title: Bilingual;
      citation: Citation;
      targets: TargetSummary[];
    }[];
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

export interface TargetDetail extends Omit<TargetEvaluation, 'manualStatus'> {
  target: Target;
  asOfYear: number;
  goalAreas: { id: string; title: Bilingual }[];
  strategies: { id: string; goalAreaId: string; numeral: string; title: Bilingual }[];
  commitments: { id: string; title: Bilingual }[];
  parent: { id: string; title: Bilingual } | null;
  milestones: { id: string; title: Bilingual }[];
  indicator: { id: string; name: Bilingual; unit: string; definition: Bilingual } | null;
  manualStatus: ManualStatus | null;
  interventions: {
    id: string;
    name: Bilingual;
    status: string;
    responsible: string | null;
    origin: 'register' | 'framework';
  }[];
}
