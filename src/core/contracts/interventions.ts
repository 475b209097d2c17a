/**
 * The interventions API: one zod schema per request and response, used by the routes (validation
 * and serialisation), the services (return types, `z.infer`) and the web app (types).
 */
import { z } from 'zod';
import { publicationSchema } from './statistics.ts';
import { INTERVENTION_STATUSES } from '../interventions/types.ts';
import { textProblem } from '../interventions/limits.ts';

/** Text that the database can store: no NUL, no lone surrogate (400 naming the field otherwise). */
const safeText = () =>
  z.string().refine((s) => textProblem(s) === null, 'must not contain NUL characters or lone UTF-16 surrogates');

/** Whole kronor as a decimal string (JSON has no bigint). */
const kronor = z
  .string()
  .regex(/^-?\d+$/)
  .describe('whole kronor as a decimal string');
const money = z.object({ planned: kronor, decided: kronor, spent: kronor });
/** Whether any budget line gives the amount: an unknown amount is shown as unknown, never as 0. */
const known = z
  .object({ planned: z.boolean(), decided: z.boolean(), spent: z.boolean() })
  .describe('false when no budget line gives this amount (unknown, not zero)');
const status = z.enum(INTERVENTION_STATUSES);
const named = z.object({ id: z.string(), name: z.string(), nameEn: z.string() });
const areaLabel = z.object({ key: z.string().describe('division:code, or "city" for city-wide'), name: z.string() });
const ratio = z
  .object({
    num: z.string(),
    den: z.string(),
    value: z.number().describe('num/den rounded to 6 decimals (for charts)'),
  })
  .nullable()
  .describe('an exact rational num/den');

export const listQuery = z.object({
  area: safeText()
    .pipe(z.string().max(200))
    .optional()
    .describe(
      'division:code of an area (areas below it count: Järva includes Rinkeby and its DeSO), group:<id> of an area group, or "city"',
    ),
  includeCityWide: z
    .enum(['true', 'false'])
    .optional()
    .describe('with an area: also list city-wide interventions (an explicit choice; default false)'),
  goalArea: z.string().max(200).optional(),
  committee: z.string().max(200).optional(),
  status: status.optional(),
  year: z.coerce
    .number()
    .int()
    .min(1990)
    .max(2100)
    .optional()
    .describe('only interventions with money this year; totals for this year'),
  q: z.string().max(200).optional().describe('text in name or description'),
});

export const listResponse = z.object({
  count: z.number(),
  year: z.number().nullable(),
  totals: money,
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      publication: publicationSchema.describe('drafts are listed only for staff'),
      committee: z.string(),
      fundingSource: z.string(),
      status,
      startDate: z.string().nullable(),
      endDate: z.string().nullable(),
      areas: z.array(areaLabel),
      goalAreas: z.array(named),
      totals: money,
      known,
    }),
  ),
  options: z.object({
    areas: z.array(areaLabel),
    groups: z.array(z.object({ key: z.string().describe('group:<id>'), name: z.string(), nameEn: z.string() })),
    goalAreas: z.array(named),
    committees: z.array(z.string()),
    statuses: z.array(status),
    years: z.array(z.number()),
  }),
});

export const idParams = z.object({ id: safeText().pipe(z.string().min(1).max(200)) });

/** A measured output reported in a follow-up (e.g. "participants", 120): the register's record too. */
export const outputFigureSchema = z.object({
  label: safeText().pipe(z.string().min(1).max(200)),
  value: z.number().finite().min(-1e15).max(1e15),
  unit: safeText().pipe(z.string().max(50)).nullable().optional(),
});
/** A follow-up entry for a period, e.g. "2024-T1" (tertial), "2024-H1", "2024": the register's record too. */
export const followUpSchema = z.object({ period: z.string(), text: z.string(), outputs: z.array(outputFigureSchema) });

export const detailResponse = z.object({
  id: z.string(),
  publication: publicationSchema.describe('drafts are shown only to staff'),
  name: z.string(),
  description: z.string(),
  committee: z
    .string()
    .describe('the responsible committee\'s name; empty when no committee is named ("ansvar saknas")'),
  committeeId: z.string().nullable(),
  fundingSource: z.string(),
  status,
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  citation: z
    .object({
      document: z.string(),
      section: z.string(),
      quote: z.string().nullable().describe('the passage of the document the intervention (and its amount) comes from'),
    })
    .nullable(),
  groups: z.array(z.object({ id: z.string(), name: z.string(), nameEn: z.string() })),
  areas: z.array(areaLabel),
  goalAreas: z.array(named),
  strategies: z.array(named),
  targets: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        nameEn: z.string(),
        goalAreaId: z.string().nullable(),
        status: z.string().nullable().describe('latest manual status, if any'),
      }),
    )
    .describe('published targets only (drafts are left out for everyone)'),
  budget: z.array(
    z.object({
      year: z.number(),
      area: areaLabel.nullable(),
      planned: kronor.nullable(),
      decided: kronor.nullable(),
      spent: kronor.nullable(),
    }),
  ),
  totals: money,
  known,
  followUps: z.array(followUpSchema),
  canEdit: z.boolean().describe('whether the requester may change this intervention (forms are shown only then)'),
});

export const budgetQuery = z.object({
  year: z.coerce.number().int().min(1990).max(2100).optional().describe('default: the latest year with money'),
  measure: z.enum(['planned', 'decided', 'spent']).optional().describe('for spending per resident (default planned)'),
});

const totalsView = z.object({
  overlapping: z.boolean().describe('true when an intervention counts under several rows (rows do not add up)'),
  total: money,
  rows: z.array(
    z.object({ key: z.string(), name: z.string(), nameEn: z.string(), interventions: z.number(), totals: money }),
  ),
});

export const budgetResponse = z.object({
  years: z.array(z.number()),
  year: z.number().nullable(),
  measure: z.enum(['planned', 'decided', 'spent']),
  byYear: totalsView,
  byGoalArea: totalsView,
  byCommittee: totalsView,
  byFundingSource: totalsView,
  byArea: totalsView,
  perResident: z
    .object({
      division: z.string(),
      populationPeriod: z.string().nullable(),
      populationSource: z.string().nullable(),
      needIndicator: z.string(),
      needPeriod: z.string().nullable(),
      needSource: z.string().nullable(),
      districts: z.array(
        z.object({
          key: z.string(),
          name: z.string(),
          amount: kronor,
          residents: z.string(),
          perResident: ratio,
          moneyShare: ratio,
          needShare: ratio,
          gap: ratio,
        }),
      ),
      placed: kronor,
      cityWide: kronor,
      cityWidePerResident: ratio,
      unplaced: kronor,
      unplacedInterventions: z.array(z.string()),
      total: kronor,
    })
    .nullable(),
});

export const importBody = z.strictObject({
  format: z.enum(['csv', 'xlsx']),
  content: z.string().max(14_000_000).describe('the file, base64-encoded'),
});

const problem = z.object({
  row: z.number(),
  column: z.string(),
  columnIndex: z.number(),
  code: z.string(),
  value: z.string().optional(),
  message: z.string(),
});

export const previewResponse = z.object({
  ok: z.boolean(),
  rowCount: z.number(),
  problems: z.array(problem),
  totals: z.object({ planned: kronor, decided: kronor, spent: kronor, budgetLines: z.number() }),
  interventions: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      committee: z.string(),
      status,
      areas: z.array(z.string()),
      budgetLines: z.number(),
      totals: money,
      action: z.enum(['create', 'update']),
    }),
  ),
});

export const commitResponse = z.object({
  written: z.number(),
  created: z.array(z.string()),
  updated: z.array(z.string()),
});

export const exportQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('csv') });

export const followUpBody = z.strictObject({
  period: z
    .string()
    .regex(/^\d{4}(-(T[1-3]|H[12]|Q[1-4]|\d{2}))?$/)
    .describe('e.g. 2024-T2 (tertial), 2024-H1, 2024-Q3, 2024-05 or 2024'),
  text: safeText().pipe(z.string().min(1).max(10_000)),
  outputs: z.array(outputFigureSchema).max(50).default([]),
});

export const okResponse = z.object({ ok: z.literal(true) });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written YYYY-MM-DD');

export const patchBody = z
  .strictObject({
    name: safeText().pipe(z.string().min(1).max(300)).optional(),
    description: safeText().pipe(z.string().max(20_000)).optional(),
    status: status.optional().describe('allowed changes: see docs/interventions.md'),
    startDate: isoDate.nullable().optional().describe('YYYY-MM-DD, or null for unknown'),
    endDate: isoDate.nullable().optional().describe('YYYY-MM-DD, or null for unknown; not before startDate'),
    fundingSource: safeText().pipe(z.string().min(1).max(200)).optional(),
    publication: publicationSchema.optional().describe('draft: seen only by staff'),
  })
  .refine((o) => Object.keys(o).length > 0, { message: 'give at least one field to change' });

export const budgetParams = z.object({
  id: safeText().pipe(z.string().min(1).max(200)),
  year: z.coerce.number().int().min(1990).max(2100),
});

const amountText = z
  .string()
  .max(60)
  .nullable()
  .describe('whole kronor ("4500000"), or with a unit ("4,5 mnkr", "4500 tkr"); null = unknown; never negative');

export const budgetBody = z.strictObject({
  planned: amountText,
  decided: amountText,
  spent: amountText,
  area: safeText()
    .pipe(z.string().min(1).max(200))
    .nullable()
    .optional()
    .describe('division:code of one of the intervention’s areas; absent or null = the whole intervention'),
});

export const budgetLineResponse = z.object({
  year: z.number(),
  area: z.string().nullable(),
  planned: kronor.nullable(),
  decided: kronor.nullable(),
  spent: kronor.nullable(),
});
