import { z } from 'zod';
import {
  bilingualSchema,
  citationSchema,
  goalStatusSchema,
  manualStatusSchema,
  targetSchema,
} from '../../../core/goals/framework-schema.ts';

const counts = z.object({
  met: z.number(),
  on_track: z.number(),
  at_risk: z.number(),
  off_track: z.number(),
  not_measurable: z.number(),
});
const point = z.object({ year: z.number(), value: z.number() });

const targetSummary = z.object({
  id: z.string(),
  title: bilingualSchema,
  origin: z.enum(['document', 'derived']),
  parentTargetId: z.string().nullable(),
  form: z.enum(['level', 'direction', 'gap', 'every_area']),
  deadline: z.number(),
  hasIndicator: z.boolean(),
  status: goalStatusSchema,
  reason: bilingualSchema,
});

export const goalsResponse = z.object({
  asOfYear: z.number().describe('The year the status is assessed in'),
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
      counts,
      total: z.number(),
      strategies: z.array(
        z.object({
          id: z.string(),
          number: z.number(),
          numeral: z.string(),
          title: bilingualSchema,
          citation: citationSchema,
          targets: z.array(targetSummary),
        }),
      ),
      otherTargets: z.array(targetSummary),
    }),
  ),
  reformAreas: z.array(
    z.object({
      id: z.string(),
      number: z.number(),
      title: bilingualSchema,
      linkedGoalAreas: z.array(z.string()),
      citation: citationSchema,
      commitments: z.array(
        z.object({
          id: z.string(),
          title: bilingualSchema,
          text: z.string(),
          linkedGoalAreas: z.array(z.string()),
          targetIds: z.array(z.string()),
          status: goalStatusSchema,
          reason: bilingualSchema,
          manualStatus: manualStatusSchema.nullable(),
          citation: citationSchema,
        }),
      ),
    }),
  ),
  counts,
  total: z.number(),
});

export const targetParams = z.object({
  id: z.string().min(1).max(200).describe('Target id, e.g. t-inga-utsatta-omraden-2030'),
});

export const targetResponse = z.object({
  asOfYear: z.number(),
  target: targetSchema,
  status: goalStatusSchema,
  basis: z.enum(['no_data', 'single_point', 'latest_value', 'deadline_passed', 'trend', 'no_indicator', 'manual']),
  reason: bilingualSchema,
  series: z.array(point.extend({ source: z.string() })).describe('Observed values'),
  path: z.array(point).describe('The straight path from the baseline to the target, year by year'),
  projection: z
    .array(point)
    .describe('The least-squares trend extended to the deadline (empty with fewer than two observations)'),
  targetValue: z.number().nullable(),
  projectedAtDeadline: z.number().nullable(),
  areasBehind: z.array(z.object({ areaCode: z.string(), name: z.string(), value: z.number(), shortfall: z.number() })),
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
});

export const frameworkItemParams = z.object({ id: z.string().min(1).max(200) });

export const manualStatusBody = z.strictObject({
  status: goalStatusSchema.describe('met, on_track, at_risk, off_track or not_measurable'),
  note: z.string().min(1).max(4000).describe('what the assessment rests on'),
});

export const manualStatusResponse = z.object({
  targetId: z.string().nullable(),
  commitmentId: z.string().nullable(),
  status: goalStatusSchema,
  note: z.string(),
  setBy: z.string(),
  setAt: z.string(),
});

export const publicationBody = z.strictObject({ publication: z.enum(['draft', 'published']) });
export const publicationResponse = z.object({ id: z.string(), publication: z.enum(['draft', 'published']) });
