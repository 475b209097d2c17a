/**
 * The goals API's contracts (GET /api/v1/goals, /targets/:id, the edit commands, versions, sync
 * conflicts): one zod schema per request and response, used by the routes (validation and
 * serialisation), the services (return types) and the web pages (types).
 */
import { z } from 'zod';
import { publicationSchema } from './statistics.ts';
import {
  bilingualSchema,
  citationSchema,
  goalStatusSchema,
  manualStatusSchema,
  targetSchema,
} from '../goals/framework-schema.ts';
import type { GoalStatus } from '../goals/status.ts';
import { REASON_CODES } from '../goals/reasons.ts';

export type { GoalStatus };
export * from './goal-commands.ts';

export const statusCountsSchema = z
  .object({
    met: z.number(),
    on_track: z.number(),
    at_risk: z.number(),
    off_track: z.number(),
    not_measurable: z.number(),
  })
  .meta({ id: 'GoalStatusCounts' });
export type StatusCounts = z.infer<typeof statusCountsSchema>;

/** Why a status is what it is: a code with parameters; the web app words it in each language. */
export const statusReasonSchema = z
  .object({
    code: z.enum(REASON_CODES),
    params: z.record(
      z.string(),
      z.union([z.string(), z.number(), z.null(), z.object({ sv: z.string(), en: z.string() })]),
    ),
  })
  .meta({ id: 'StatusReason' });
export type StatusReason = z.infer<typeof statusReasonSchema>;

const point = z.object({ year: z.number(), value: z.number() });
export type YearValue = z.infer<typeof point>;

/** "7 of 11 stadsdelsområden": how many areas of the division meet an every-area target. */
export const areaCountsSchema = z.object({ met: z.number(), total: z.number(), division: z.string() });

export const areaStatusSchema = z.object({
  areaCode: z.string(),
  name: z.string(),
  year: z.number().nullable(),
  value: z.number().nullable(),
  status: goalStatusSchema,
  reason: statusReasonSchema,
});

export const basisSchema = z.enum([
  'no_data',
  'single_point',
  'latest_value',
  'deadline_passed',
  'trend',
  'no_indicator',
  'manual',
]);

export const manualWithSourceSchema = manualStatusSchema.extend({ source: z.literal('manual') });

/** The status of one target, computed from the observations in the database. */
export interface TargetEvaluation {
  status: GoalStatus;
  basis: z.infer<typeof basisSchema>;
  reason: StatusReason;
  series: (YearValue & { source: string })[];
  path: YearValue[];
  projection: YearValue[];
  /** the resolved target value (absolute), null for direction targets or unknown relative ones */
  targetValue: number | null;
  projectedAtDeadline: number | null;
  areasBehind: { areaCode: string; name: string; value: number; shortfall: number }[];
  /** every-area targets: each area's own value and status */
  areas: z.infer<typeof areaStatusSchema>[];
  areaCounts: z.infer<typeof areaCountsSchema> | null;
  manualStatus: z.infer<typeof manualWithSourceSchema> | null;
}

export const targetSummarySchema = z
  .object({
    id: z.string(),
    title: bilingualSchema,
    origin: z.enum(['document', 'derived']),
    parentTargetId: z.string().nullable(),
    form: z.enum(['level', 'direction', 'gap', 'every_area']),
    deadline: z.number(),
    hasIndicator: z.boolean(),
    status: goalStatusSchema,
    basis: basisSchema,
    reason: statusReasonSchema,
    areaCounts: areaCountsSchema.nullable(),
    publication: publicationSchema,
  })
  .meta({ id: 'TargetSummary' });
export type TargetSummary = z.infer<typeof targetSummarySchema>;

/** How a commitment's status was reached: from its targets, a person's assessment, or neither. */
export const commitmentBasisSchema = z.enum(['targets', 'manual', 'none']);

export const commitmentSummarySchema = z
  .object({
    id: z.string(),
    title: bilingualSchema,
    text: z.string(),
    linkedGoalAreas: z.array(z.string()),
    linkedStrategies: z.array(z.string()),
    targetIds: z.array(z.string()),
    status: goalStatusSchema,
    basis: commitmentBasisSchema,
    reason: statusReasonSchema,
    manualStatus: manualStatusSchema.nullable(),
    responsibleCommittee: z.string().nullable(),
    citation: citationSchema,
    publication: publicationSchema,
  })
  .meta({ id: 'CommitmentSummary' });
export type CommitmentSummary = z.infer<typeof commitmentSummarySchema>;

export const goalsQuery = z.object({
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'asOf must be a date, YYYY-MM-DD')
    .optional()
    .describe('Answer as the framework stood at the end of this day (Stockholm time), from the version history'),
});

export const goalsResponse = z
  .object({
    asOfYear: z.number().describe('The year the status is assessed in'),
    asOf: z.string().nullable().describe('The date the framework is shown as of, or null for now'),
    vision: z
      .object({ id: z.string(), title: bilingualSchema, text: bilingualSchema, citation: citationSchema })
      .nullable(),
    goalAreas: z.array(
      z.object({
        id: z.string(),
        order: z.number(),
        title: bilingualSchema,
        description: bilingualSchema.nullable(),
        citation: citationSchema,
        counts: statusCountsSchema,
        total: z.number(),
        commitmentCounts: statusCountsSchema,
        commitmentTotal: z.number(),
        strategies: z.array(
          z.object({
            id: z.string(),
            number: z.number(),
            numeral: z.string(),
            title: bilingualSchema,
            citation: citationSchema,
            targets: z.array(targetSummarySchema),
            counts: statusCountsSchema,
            commitmentCounts: statusCountsSchema,
            commitmentTotal: z.number(),
            publication: publicationSchema,
          }),
        ),
        otherTargets: z.array(targetSummarySchema),
        publication: publicationSchema,
      }),
    ),
    reformAreas: z.array(
      z.object({
        id: z.string(),
        number: z.number(),
        title: bilingualSchema,
        linkedGoalAreas: z.array(z.string()),
        citation: citationSchema,
        commitments: z.array(commitmentSummarySchema),
        publication: publicationSchema,
      }),
    ),
    counts: statusCountsSchema,
    total: z.number(),
  })
  .meta({ id: 'GoalsTree' });
export type GoalsTree = z.infer<typeof goalsResponse>;

export const targetParams = z.object({
  id: z.string().min(1).max(200).describe('Target id, e.g. t-inga-utsatta-omraden-2030'),
});

export const targetResponse = z
  .object({
    asOfYear: z.number(),
    asOf: z.string().nullable(),
    target: targetSchema,
    publication: publicationSchema,
    retired: z.boolean(),
    status: goalStatusSchema,
    basis: basisSchema,
    reason: statusReasonSchema,
    series: z.array(point.extend({ source: z.string() })).describe('Observed values'),
    path: z.array(point).describe('The straight path from the baseline to the target, year by year'),
    projection: z
      .array(point)
      .describe('The least-squares trend extended to the deadline (empty with fewer than two observations)'),
    targetValue: z.number().nullable(),
    projectedAtDeadline: z.number().nullable(),
    areasBehind: z.array(
      z.object({ areaCode: z.string(), name: z.string(), value: z.number(), shortfall: z.number() }),
    ),
    areas: z.array(areaStatusSchema).describe('Every-area targets: each area with its own value and status'),
    areaCounts: areaCountsSchema.nullable(),
    goalAreas: z.array(z.object({ id: z.string(), title: bilingualSchema })),
    strategies: z.array(
      z.object({ id: z.string(), goalAreaId: z.string(), numeral: z.string(), title: bilingualSchema }),
    ),
    commitments: z.array(z.object({ id: z.string(), title: bilingualSchema })),
    parent: z.object({ id: z.string(), title: bilingualSchema }).nullable(),
    milestones: z.array(z.object({ id: z.string(), title: bilingualSchema })),
    indicator: z
      .object({
        id: z.string(),
        name: bilingualSchema,
        unit: z.string(),
        definition: z.object({ sv: z.string(), en: z.string() }),
      })
      .nullable(),
    manualStatus: manualStatusSchema.nullable(),
    interventions: z.array(
      z.object({
        id: z.string(),
        name: bilingualSchema,
        status: z.string(),
        responsible: z.string().nullable(),
        origin: z.enum(['register', 'framework']),
      }),
    ),
  })
  .meta({ id: 'TargetDetail' });
export type TargetDetail = z.infer<typeof targetResponse>;

// ---------------------------------------------------------------------------------------------
// Commands

/** The computed status of some targets (for pages that show what an intervention serves). */
export const targetStatusesSchema = z.array(
  z.object({ id: z.string(), title: bilingualSchema, status: goalStatusSchema, reason: statusReasonSchema }),
);
export type TargetStatuses = z.infer<typeof targetStatusesSchema>;
