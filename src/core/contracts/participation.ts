/**
 * The participation API's contracts: one named zod schema per request and response, used by the routes
 * (validation and serialisation), by the services (return types through `z.infer`) and by the web app
 * (its types). Money is whole kronor as a decimal string.
 */
import { z } from 'zod';
import { AREA_TYPES } from '../analysis/need-index.ts';
import { PB_RULES } from '../participation/budgeting.ts';
import { PHASES, PROPOSAL_STATUSES } from '../participation/phases.ts';

const kronor = z.string().regex(/^\d+$/).describe('whole kronor as a decimal string');
const areaKey = z.string().min(3).max(200).describe('division:code of an area');
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('YYYY-MM-DD');

export const idParams = z.object({ id: z.string().min(1).max(100) });
export const projectParams = z.object({ id: z.string().min(1).max(100), projectId: z.string().min(1).max(40) });
export const areaQuery = z.object({ area: areaKey.optional() });
export const similarQuery = z.object({ q: z.string().max(2000), area: areaKey.optional() });
export const dialogueQuery = z.object({ area: areaKey.optional(), goalArea: z.string().max(200).optional() });
export const staffProposalQuery = z.object({
  status: z.enum(PROPOSAL_STATUSES).optional(),
});

const proposalStatus = z.enum(PROPOSAL_STATUSES);
export const publicProposal = z.object({
  id: z.string(),
  area: z.string(),
  areaName: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  goalAreaId: z.string().nullable(),
  location: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
  status: proposalStatus,
  submittedOn: z.string(),
  supportUntil: z.string().nullable(),
  supportsNeeded: z.number().nullable(),
  supports: z.number(),
  reachedOn: z.string().nullable(),
  committeeAnswer: z.string().nullable(),
  committeeDecision: z.string().nullable(),
  answeredOn: z.string().nullable(),
  interventions: z.array(z.string()),
  supportVerification: z
    .enum(['code', 'browser'])
    .describe("how a support is verified in the proposal's area: a resident's code, or (unverified) a browser key"),
});
export const staffProposal = publicProposal.extend({ moderationNote: z.string().nullable() });
export const proposalList = z.object({ items: z.array(publicProposal) });
export const staffProposalList = z.object({ items: z.array(staffProposal) });
export const similarResponse = z.object({
  items: z.array(z.object({ id: z.string(), title: z.string(), score: z.number(), supports: z.number() })),
});

export const submitBody = z.strictObject({
  area: areaKey,
  title: z.string().trim().min(3).max(200),
  body: z.string().trim().min(10).max(5000),
  goalArea: z.string().max(200).nullable().optional(),
  location: z
    .strictObject({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) })
    .nullable()
    .optional(),
  contact: z
    .email('an e-mail address, such as name@example.se')
    .max(300)
    .nullable()
    .optional()
    .describe('an e-mail address for the answer only; never published'),
});
export const submitResponse = z.object({ id: z.string(), status: z.literal('submitted') });
export const supportBody = z
  .strictObject({
    code: z
      .string()
      .min(1)
      .max(40)
      .optional()
      .describe("the resident's one-time support code (areas that verify by code)"),
    supporterKey: z
      .string()
      .min(16)
      .max(200)
      .optional()
      .describe('a random key kept by the browser (only in areas the city set to unverified browser supports)'),
  })
  .describe('a support: a resident code, or (where the city chose it) a browser key');
export const supportCodesBody = z.strictObject({
  area: z.string().min(3).max(200).describe('division:code of an area'),
  count: z.number().int().min(1).max(5000),
});
export const supportCodesResponse = z.object({ codes: z.array(z.string()), total: z.number() });
export const moderateBody = z.strictObject({
  action: z.enum(['publish', 'reject']),
  note: z.string().max(2000).nullable().optional(),
});
export const answerBody = z.strictObject({
  answer: z.string().trim().min(1).max(10000),
  decision: z.enum(['approved', 'partly_approved', 'rejected']),
  interventions: z.array(z.string().min(1).max(200)).max(50).optional(),
});
export const linkBody = z.strictObject({ interventionId: z.string().min(1).max(200) });
export const thresholdBody = z.strictObject({
  area: areaKey,
  supports: z.number().int().min(1).max(1_000_000),
  periodDays: z.number().int().min(1).max(3650),
  verification: z
    .enum(['code', 'browser'])
    .default('code')
    .describe("how a support is verified: a resident's one-time code (default) or, unverified, a browser key"),
});
export const okResponse = z.object({ ok: z.literal(true) });

export const dialogueBody = z.strictObject({
  heldOn: day,
  place: z.string().max(300),
  area: areaKey,
  goalArea: z.string().max(200).nullable().optional(),
  topic: z.string().trim().min(1).max(300),
  participants: z.number().int().min(0).max(1_000_000),
  summary: z.string().max(10000),
  fedInto: z.string().max(2000),
});
export const dialogue = z.object({
  id: z.string(),
  heldOn: z.string(),
  place: z.string(),
  area: z.string(),
  areaName: z.string().nullable(),
  goalAreaId: z.string().nullable(),
  topic: z.string(),
  participants: z.number(),
  summary: z.string(),
  fedInto: z.string(),
});
export const dialogueList = z.object({ items: z.array(dialogue) });
export const createdResponse = z.object({ id: z.string() });

const rule = z.enum(PB_RULES);
const phase = z.enum(PHASES);
export const processSummary = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  area: z.string(),
  areaName: z.string().nullable(),
  budget: kronor,
  rule,
  knapsack: z.boolean(),
  maxChoices: z.number().nullable(),
  phase,
});
export const processList = z.object({ items: z.array(processSummary) });
export const project = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  cost: kronor,
  feasible: z.boolean().nullable(),
  assessment: z.string(),
  followUp: z.string(),
});
export const processDetail = z.object({ process: processSummary, projects: z.array(project) });
export const processBody = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9-]{2,60}$/)
    .describe('a short id for the address, e.g. "husby-2026"'),
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).optional(),
  area: areaKey,
  budget: kronor,
  rule,
  knapsack: z.boolean().default(false),
  maxChoices: z.number().int().min(1).max(1000).nullable().default(null),
});
export const phaseBody = z.strictObject({
  phase,
  reason: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .optional()
    .describe('required for a correction (closed → voting), and not blank when given; recorded in the audit log'),
});
export const projectBody = z.strictObject({
  title: z.string().trim().min(1).max(300),
  description: z.string().max(10000).optional(),
  cost: kronor,
  feasible: z.boolean().nullable().optional(),
  assessment: z.string().max(10000).optional(),
  followUp: z.string().max(10000).optional(),
});
export const codesBody = z.strictObject({ count: z.number().int().min(1).max(5000) });
export const codesResponse = z.object({ codes: z.array(z.string()), total: z.number() });
export const codeStatusResponse = z.object({ total: z.number(), used: z.number() });
export const ballotBody = z.strictObject({
  code: z.string().min(1).max(40),
  choices: z.array(z.string().min(1).max(40)).max(1000),
});
export const paperBody = z.strictObject({
  fileName: z.string().min(1).max(200),
  content: z.string().max(5_000_000).describe('the CSV text'),
});
export const paperResponse = z.object({ imported: z.number() });

export const resultsResponse = z.object({
  process: processSummary,
  frozen: z.boolean().describe('true once voting has closed: the stored results, never recomputed'),
  rule,
  budget: kronor,
  ballots: z.number(),
  paperBallots: z.number(),
  winners: z.array(z.string()).describe('project ids sorted (as the CLI prints them)'),
  order: z.array(z.string()).describe('project ids in selection order'),
  totalCost: kronor,
  left: kronor,
  projects: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      votes: z.number(),
      cost: kronor,
      selected: z.boolean(),
      rank: z.number().nullable(),
    }),
  ),
});

export const takingPartResponse = z.object({
  items: z.array(
    z.object({
      area: z.string(),
      areaName: z.string().nullable(),
      ballots: z.number(),
      dialogueParticipants: z.number(),
      proposals: z.number(),
      supports: z.number(),
      population: z.number().nullable(),
      populationPeriod: z.string().nullable(),
      needType: z
        .enum(AREA_TYPES)
        .nullable()
        .describe('the area type of the need index (docs/methods.md), null without statistics'),
      needScore: z.number().nullable(),
    }),
  ),
  byNeedType: z
    .array(
      z.object({
        type: z.enum(AREA_TYPES),
        areas: z.number(),
        population: z.number(),
        ballots: z.number(),
        dialogueParticipants: z.number(),
        proposals: z.number(),
        supports: z.number(),
      }),
    )
    .describe('the same summed over the areas of each need type'),
});

export type ProcessSummary = z.infer<typeof processSummary>;
export type Project = z.infer<typeof project>;
export type ProcessDetail = z.infer<typeof processDetail>;
export type PublicProposal = z.infer<typeof publicProposal>;
export type StaffProposal = z.infer<typeof staffProposal>;
export type Dialogue = z.infer<typeof dialogue>;
export type Results = z.infer<typeof resultsResponse>;
export type TakingPart = z.infer<typeof takingPartResponse>;
export type TakingPartItem = TakingPart['items'][number];
export type TakingPartByType = TakingPart['byNeedType'][number];
export type SubmitProposalInput = z.infer<typeof submitBody>;
export type DialogueInput = z.infer<typeof dialogueBody>;
export type ProcessInput = z.infer<typeof processBody>;
export type ProjectInput = z.infer<typeof projectBody>;
export type Similar = z.infer<typeof similarResponse>;

/** The division whose areas residents choose from. */
export const PROPOSAL_DIVISION = 'stadsdelsomrade-2023';
