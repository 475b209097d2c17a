/**
 * The goals API's command contracts: changing and creating framework items (with the decision they rest on),
 * manual assessments, versions and the framework sync's conflicts. Re-exported by ./goals.ts.
 */
import { z } from 'zod';
import { publicationSchema } from './statistics.ts';
import {
  bilingualSchema,
  commitmentSchema,
  goalAreaSchema,
  goalStatusSchema,
  neededDataSchema,
  strategySchema,
  targetFormSchema,
  targetSchema,
} from '../goals/framework-schema.ts';
export const frameworkItemParams = z.object({ id: z.string().min(1).max(200) });

export const manualStatusBody = z.strictObject({
  status: goalStatusSchema.describe('met, on_track, at_risk, off_track or not_measurable'),
  note: z.string().min(1).max(4000).describe('what the assessment rests on'),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD')
    .optional()
    .describe('the day of the assessment (default: today)'),
});

export const manualStatusResponse = z.object({
  targetId: z.string().nullable(),
  commitmentId: z.string().nullable(),
  status: goalStatusSchema,
  note: z.string(),
  setBy: z.string(),
  setAt: z.string(),
});

const decisionRef = z
  .string()
  .trim()
  .min(3, 'a change needs the decision it rests on, e.g. "KF 2024-06-10 § 12"')
  .max(300)
  .describe('The decision the change rests on, e.g. "KF 2024-06-10 § 12" or "Nämndbeslut …"');

/** What every change may carry beside content: the decision it rests on, publication, retirement. */
const changeState = {
  decisionRef: decisionRef.optional(),
  publication: publicationSchema.optional(),
  retired: z.boolean().optional(),
};

/**
 * A change to a target: any of its fields (merged into the stored item and checked whole), its
 * publication, or retiring it. A change to the content needs a decision reference.
 */
export const targetChangeBody = z
  .strictObject({
    ...changeState,
    title: bilingualSchema.optional(),
    description: bilingualSchema.optional(),
    indicatorId: z.string().min(1).max(200).nullable().optional(),
    needsIndicator: bilingualSchema.nullable().optional(),
    neededData: neededDataSchema.optional(),
    target: targetFormSchema.optional(),
    unit: bilingualSchema.optional(),
    baseline: targetSchema.shape.baseline.optional(),
    deadline: targetSchema.shape.deadline.optional(),
    goalAreaIds: z.array(z.string()).min(1).optional(),
    strategyIds: z.array(z.string()).optional(),
    commitmentIds: z.array(z.string()).optional(),
    responsibleCommittee: z.string().min(1).max(100).nullable().optional(),
  })
  .meta({ id: 'TargetChange' });
export type TargetChange = z.infer<typeof targetChangeBody>;

/** A new target: the whole item in the framework's shape, with the decision; it starts as a draft. */
export const targetCreateBody = z.strictObject({ decisionRef, item: z.unknown() }).meta({ id: 'TargetCreate' });

export const commitmentChangeBody = z
  .strictObject({
    ...changeState,
    title: bilingualSchema.optional(),
    text: z.string().min(1).max(4000).optional(),
    linkedGoalAreas: z.array(z.string()).min(1).optional(),
    linkedStrategies: z.array(z.string()).optional(),
    targetIds: z.array(z.string()).optional(),
    responsibleCommittee: z.string().min(1).max(100).nullable().optional(),
  })
  .meta({ id: 'CommitmentChange' });
export type CommitmentChange = z.infer<typeof commitmentChangeBody>;

export const commitmentCreateBody = z
  .strictObject({
    decisionRef,
    reformAreaId: z.string().min(1),
    item: commitmentSchema,
  })
  .meta({ id: 'CommitmentCreate' });

/** A new goal area of the roadmap (without strategies: they are created in it afterwards); it starts as a draft. */
export const goalAreaCreateBody = z
  .strictObject({ decisionRef, item: goalAreaSchema.omit({ strategies: true }) })
  .meta({ id: 'GoalAreaCreate' });

/** A new strategy in a goal area of the roadmap; it starts as a draft. */
export const strategyCreateBody = z
  .strictObject({ decisionRef, goalAreaId: z.string().min(1), item: strategySchema })
  .meta({ id: 'StrategyCreate' });

export const goalAreaChangeBody = z
  .strictObject({
    ...changeState,
    title: bilingualSchema.optional(),
    description: bilingualSchema.optional(),
  })
  .meta({ id: 'GoalAreaChange' });
export type GoalAreaChange = z.infer<typeof goalAreaChangeBody>;

export const strategyChangeBody = goalAreaChangeBody
  .omit({ description: true })
  .extend({ goalAreaId: z.string().min(1).optional() })
  .meta({ id: 'StrategyChange' });
export type StrategyChange = z.infer<typeof strategyChangeBody>;

export const itemKindSchema = z.enum(['goal_area', 'strategy', 'target', 'commitment']);

export const changeResponse = z.object({
  kind: itemKindSchema,
  id: z.string(),
  version: z.number(),
  publication: publicationSchema,
  retired: z.boolean(),
});
export type ChangeResult = z.infer<typeof changeResponse>;

/** Kept for the earlier publish-only PATCH clients. */
export const publicationResponse = changeResponse;

export const versionsResponse = z
  .object({
    kind: itemKindSchema,
    id: z.string(),
    versions: z.array(
      z.object({
        version: z.number(),
        origin: z.enum(['framework', 'sync', 'app']),
        decisionRef: z.string().nullable(),
        changedBy: z.string(),
        changedAt: z.string(),
        publication: publicationSchema,
        retired: z.boolean(),
        title: bilingualSchema,
        item: z.unknown(),
      }),
    ),
  })
  .meta({ id: 'GoalItemVersions' });
export type Versions = z.infer<typeof versionsResponse>;

export const syncConflictsResponse = z
  .object({
    conflicts: z.array(
      z.object({ kind: itemKindSchema, id: z.string(), detectedAt: z.string(), fileItem: z.unknown() }),
    ),
  })
  .meta({ id: 'GoalSyncConflicts' });
export type SyncConflicts = z.infer<typeof syncConflictsResponse>;
