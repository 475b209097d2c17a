/**
 * The reporting cycle's API: one zod schema per request and response. Used by the routes (validation
 * and serialisation), by the services (return types through z.infer) and by the web app (types).
 */
import { z } from 'zod';
import { PERIOD_ID_PATTERN, PERIOD_KINDS } from '../reports/periods.ts';
import { COMMITTEE_KINDS, GENERATORS, templateSpecSchema } from '../reports/templates.ts';
import { APPROVER_ROLES, REPORT_ACTIONS, REPORT_STATES, SECTION_STATES } from '../reports/workflow.ts';

const bilingual = z.object({ sv: z.string(), en: z.string() });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written YYYY-MM-DD');
/** Exact money: whole kronor written as an integer string. */
const kronor = z.string().regex(/^-?\d+$/);
export const goalStatus = z.enum(['met', 'on_track', 'at_risk', 'off_track', 'not_measurable']);
export const periodIdSchema = z
  .string()
  .regex(PERIOD_ID_PATTERN, 'expected a period written YYYY-T1, YYYY-T2 or YYYY-VB')
  .describe('YYYY-T1 (Jan–Apr), YYYY-T2 (Jan–Aug) or YYYY-VB (the year)');

export const ReportPeriod = z
  .object({
    id: z.string(),
    year: z.number().int(),
    kind: z.enum(PERIOD_KINDS),
    startsOn: day,
    endsOn: day,
    dueOn: day,
  })
  .meta({ id: 'ReportPeriod' });
export type ReportPeriod = z.infer<typeof ReportPeriod>;

export const PeriodsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const PeriodsResponse = z.object({ periods: z.array(ReportPeriod) }).meta({ id: 'ReportPeriods' });
export const PeriodParams = z.object({ id: periodIdSchema });
export const PeriodBody = z.strictObject({ startsOn: day, endsOn: day, dueOn: day });

/** Where a generated table or chart comes from, and for which period. */
export const SourceNote = z.object({ source: z.string(), period: z.string() }).meta({ id: 'ReportSourceNote' });

// ---------------------------------------------------------------------------------------- generated content

export const TargetAssessment = z
  .object({ status: goalStatus, text: z.string(), setBy: z.string().nullable(), setAt: z.string() })
  .meta({ id: 'TargetAssessment' });

export const TargetsContent = z
  .object({
    asOfYear: z.number().int(),
    items: z.array(
      z.object({
        id: z.string(),
        title: bilingual,
        unit: bilingual,
        /** decimals the target's figures are written with: its indicator's, else null (whole numbers as they are) */
        decimals: z.number().int().nullable(),
        /** the unit of the area values (its indicator's unit, e.g. percent under a gap target in percentage points) */
        areaUnit: z.string().nullable(),
        status: goalStatus,
        basis: z.string(),
        reason: bilingual,
        targetValue: z.number().nullable(),
        series: z.array(z.object({ year: z.number(), value: z.number().nullable(), source: z.string() })),
        latest: z.object({ year: z.number(), value: z.number().nullable() }).nullable(),
        trend: z.enum(['up', 'down', 'flat']).nullable(),
        areaValues: z.array(
          z.object({ key: z.string(), name: z.string(), period: z.string(), value: z.number().nullable() }),
        ),
        assessment: TargetAssessment.nullable(),
        note: SourceNote,
      }),
    ),
  })
  .meta({ id: 'ReportTargetsContent' });

const money = z.object({ planned: kronor, decided: kronor, spent: kronor });

/** Whether an amount sums the known lines only (some lines leave it unknown). */
const partial = z
  .object({ planned: z.boolean(), decided: z.boolean(), spent: z.boolean() })
  .describe('true when the amount sums only the lines that give it (some lines leave it unknown)');
/** A sum of budget lines: each amount whole kronor, or null when no line gives it (unknown, never 0). */
export const ReportMoney = z
  .object({ planned: kronor.nullable(), decided: kronor.nullable(), spent: kronor.nullable(), partial })
  .meta({ id: 'ReportMoney' });

export const InterventionsContent = z
  .object({
    year: z
      .number()
      .int()
      .describe("the budget year whose lines are shown: the report period's year (the register has yearly amounts)"),
    total: ReportMoney.describe("the sum over the items' rows"),
    items: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        status: z.string().describe('planned, decided, running, finished or stopped'),
        committee: z.string(),
        areas: z.array(z.string()),
        money: ReportMoney.describe("the intervention's budget lines for the year, summed"),
        followUps: z.array(z.object({ period: z.string(), text: z.string() })),
      }),
    ),
    note: SourceNote,
  })
  .meta({ id: 'ReportInterventionsContent' });

export const AreasContent = z
  .object({
    area: z.object({ key: z.string(), name: z.string() }).nullable(),
    city: z.string(),
    items: z.array(
      z.object({
        indicatorId: z.string(),
        name: bilingual,
        unit: z.string(),
        decimals: z.number().int(),
        period: z.string().nullable(),
        value: z.number().nullable(),
        cityValue: z.number().nullable(),
        difference: z.number().nullable(),
        rank: z.number().int().nullable(),
        rankedCount: z.number().int().nullable(),
        assessment: z.string(),
        trend: z.array(z.object({ period: z.string(), value: z.number().nullable(), city: z.number().nullable() })),
        note: SourceNote,
      }),
    ),
  })
  .meta({ id: 'ReportAreasContent' });

export const ParticipationContent = z
  .object({
    items: z.array(
      z.object({
        area: z.string(),
        areaName: z.string(),
        proposals: z.number(),
        supports: z.number(),
        dialogueParticipants: z.number(),
        ballots: z.number(),
        population: z.number().nullable(),
      }),
    ),
    note: SourceNote,
  })
  .meta({ id: 'ReportParticipationContent' });

export const GeneratedContent = z.discriminatedUnion('generator', [
  z.object({ generator: z.literal('targets'), data: TargetsContent }),
  z.object({ generator: z.literal('interventions'), data: InterventionsContent }),
  z.object({ generator: z.literal('areas'), data: AreasContent }),
  z.object({ generator: z.literal('participation'), data: ParticipationContent }),
]);
export type GeneratedContent = z.infer<typeof GeneratedContent>;

// ---------------------------------------------------------------------------------------- reports

export const ReportComment = z
  .object({ id: z.number(), sectionKey: z.string(), author: z.string().nullable(), at: z.string(), body: z.string() })
  .meta({ id: 'ReportComment' });

export const ReportSection = z
  .object({
    key: z.string(),
    sort: z.number().int(),
    kind: z.enum(['generated', 'written']),
    generator: z.enum(GENERATORS).nullable(),
    body: z.string(),
    assignee: z.object({ id: z.number(), username: z.string(), displayName: z.string() }).nullable(),
    deadline: day.nullable(),
    state: z.enum(SECTION_STATES),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
    content: GeneratedContent.nullable(),
    comments: z.array(ReportComment),
  })
  .meta({ id: 'ReportSection' });
export type ReportSection = z.infer<typeof ReportSection>;

export const ReportSummary = z
  .object({
    id: z.string(),
    committee: z.object({ id: z.string(), name: z.string(), kind: z.enum(COMMITTEE_KINDS) }),
    period: ReportPeriod,
    version: z.number().int(),
    state: z.enum(REPORT_STATES),
    copiedFrom: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    approvedAt: z.string().nullable(),
    approvedBy: z.string().nullable(),
  })
  .meta({ id: 'ReportSummary' });
export type ReportSummary = z.infer<typeof ReportSummary>;

export const Report = ReportSummary.extend({
  approverRole: z.enum(APPROVER_ROLES),
  /** true when the figures are those frozen at approval (an approved report) */
  frozen: z.boolean(),
  sections: z.array(ReportSection),
  versions: z.array(
    z.object({
      version: z.number().int(),
      approvedAt: z.string(),
      approvedBy: z.string().nullable(),
      reopenedAt: z.string().nullable(),
    }),
  ),
  /** what the requesting user may do now */
  allowed: z.object({ write: z.boolean(), approve: z.boolean(), actions: z.array(z.enum(REPORT_ACTIONS)) }),
}).meta({ id: 'Report' });
export type Report = z.infer<typeof Report>;

export const ReportParams = z.object({ id: z.string().min(1).max(200) });
export const SectionParams = ReportParams.extend({ key: z.string().min(1).max(60) });
export const AssessmentParams = ReportParams.extend({ targetId: z.string().min(1).max(200) });

export const ReportsQuery = z.object({
  period: periodIdSchema.optional(),
  committee: z.string().min(1).max(200).optional(),
});
export const ReportsResponse = z.object({ reports: z.array(ReportSummary) }).meta({ id: 'ReportList' });

export const CreateReportBody = z.strictObject({ committeeId: z.string().min(1).max(200), period: periodIdSchema });

export const SectionPatchBody = z
  .strictObject({
    body: z.string().max(100_000).optional(),
    assigneeId: z.number().int().positive().nullable().optional(),
    deadline: day.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'give at least one of body, assigneeId, deadline' });
export const SectionStateBody = z.strictObject({ state: z.enum(SECTION_STATES) });
export const CommentBody = z.strictObject({ body: z.string().trim().min(1).max(10_000) });
export const AssessmentBody = z.strictObject({ status: goalStatus, text: z.string().max(20_000) });
export const TransitionBody = z.strictObject({ action: z.enum(REPORT_ACTIONS) });

export const ExportQuery = z.object({ format: z.enum(['html', 'pdf', 'docx']).default('html') });
export type ExportFormat = z.infer<typeof ExportQuery>['format'];

export const TodoResponse = z
  .object({
    items: z.array(
      z.object({
        kind: z.enum(['section', 'assessment']),
        reportId: z.string(),
        committee: z.string(),
        period: z.string(),
        sectionKey: z.string(),
        targetId: z.string().nullable(),
        title: bilingual.nullable(),
        deadline: day.nullable(),
        overdue: z.boolean(),
      }),
    ),
    /**
     * Whole reports: `write` — a period due (or overdue) for a committee the user may write for, whose report is
     * not created yet (`reportId` null) or still a draft; `approve` — a report marked ready that the user may approve.
     */
    reports: z.array(
      z.object({
        kind: z.enum(['write', 'approve']),
        committee: z.object({ id: z.string(), name: z.string() }),
        period: ReportPeriod,
        reportId: z.string().nullable(),
        state: z.enum(REPORT_STATES).nullable(),
        /** the period's due date has passed */
        overdue: z.boolean(),
      }),
    ),
    /** counts for the home page: reports to hand in, of them overdue, and reports waiting for my approval */
    summary: z.object({ due: z.number().int(), overdue: z.number().int(), toApprove: z.number().int() }),
  })
  .meta({ id: 'ReportTodo' });
export type TodoResponse = z.infer<typeof TodoResponse>;

export const SettingsParams = z.object({ committeeId: z.string().min(1).max(200) });
export const SettingsBody = z.strictObject({ approverRole: z.enum(APPROVER_ROLES) });
export const SettingsResponse = z
  .object({ committeeId: z.string(), approverRole: z.enum(APPROVER_ROLES) })
  .meta({ id: 'ReportSettings' });

export const AssessmentHistoryResponse = z
  .object({
    items: z.array(
      z.object({ committeeId: z.string(), committee: z.string(), period: z.string() }).extend(TargetAssessment.shape),
    ),
  })
  .meta({ id: 'TargetAssessmentHistory' });
export type AssessmentHistoryResponse = z.infer<typeof AssessmentHistoryResponse>;

// ---------------------------------------------------------------------------------------- the city report

/** The city report's content: compiled live from the register, or as frozen when the report was approved. */
export const CityReportContent = z
  .object({
    period: ReportPeriod,
    reports: z.array(ReportSummary),
    missing: z.array(z.object({ id: z.string(), name: z.string() })),
    goalAreas: z.array(
      z.object({
        id: z.string(),
        title: bilingual,
        total: z.number(),
        counts: z.record(goalStatus, z.number()),
      }),
    ),
    commitments: z.array(z.object({ id: z.string(), title: bilingual, status: goalStatus, reason: bilingual })),
    assessments: z.array(
      z.object({ targetId: z.string(), committee: z.string(), status: goalStatus, text: z.string() }),
    ),
    moneyByCommittee: z.array(
      z.object({ key: z.string(), name: z.string(), interventions: z.number() }).extend(money.shape),
    ),
    moneyByDistrict: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        amount: kronor,
        residents: kronor,
        moneyShare: z.number().nullable(),
        needShare: z.number().nullable(),
      }),
    ),
    /** each approved report's written sections, as approved */
    chapters: z.array(
      z.object({
        reportId: z.string(),
        committee: z.string(),
        sections: z.array(z.object({ key: z.string(), body: z.string() })),
      }),
    ),
    year: z.number().int().nullable(),
    notes: z.object({ goals: SourceNote, money: SourceNote, need: SourceNote }),
  })
  .meta({ id: 'CityReportContent' });
export type CityReportContent = z.infer<typeof CityReportContent>;

/** Who approved (fastställde) the city report and when; the note given with the approval. */
export const CityApproval = z
  .object({ by: z.string().nullable(), at: z.string(), note: z.string() })
  .meta({ id: 'CityReportApproval' });
export type CityApproval = z.infer<typeof CityApproval>;

/** `GET /reports/city/:period`: the content (frozen once approved), its state and what the user may do. */
export const CityReport = CityReportContent.extend({
  /** null while the report is preliminary (compiled live from the register) */
  approved: CityApproval.nullable(),
  /** the moment of the figures: the approval's when approved, else the moment they were retrieved */
  figuresAt: z.string(),
  /** what the requesting user may do now */
  allowed: z.object({ approve: z.boolean() }),
}).meta({ id: 'CityReport' });
export type CityReport = z.infer<typeof CityReport>;

/** `POST /reports/city/:period/approve`: fastställ the period's city report, with an optional note (the body may be left out). */
export const CityApproveBody = z
  .strictObject({ note: z.string().trim().max(2_000).optional() })
  .nullish()
  .describe('optional: a POST without a body approves without a note');
export const CityApproveResponse = z
  .object({ period: z.string(), approved: CityApproval })
  .meta({ id: 'CityReportApproved' });

export const CommitteesResponse = z
  .object({ committees: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(COMMITTEE_KINDS) })) })
  .meta({ id: 'ReportCommittees' });
export const ReportersResponse = z
  .object({
    people: z.array(z.object({ id: z.number(), username: z.string(), displayName: z.string(), role: z.string() })),
  })
  .meta({ id: 'Reporters' });

export const TemplateParams = z.object({ kind: z.enum(COMMITTEE_KINDS) });
export const TemplateBody = templateSpecSchema;
export const TemplateResponse = z
  .object({
    committeeKind: z.enum(COMMITTEE_KINDS),
    sections: z.array(
      z.object({ key: z.string(), kind: z.enum(['generated', 'written']), generator: z.enum(GENERATORS).optional() }),
    ),
    keyIndicators: z.array(z.string()),
  })
  .meta({ id: 'ReportTemplate' });

/** Small answers shared by the reports routes. */
export const CreatedResponse = z.object({ id: z.string() });
export const OkResponse = z.object({ ok: z.literal(true) });
export const LangQuery = z.object({ lang: z.enum(['sv', 'en']).default('sv') });
