/** Read models of the reporting cycle: one report (live or as approved), lists, the to-do list, assessment history. */
import type { z } from 'zod';
import type { Queryable } from '../../db/database.ts';
import { can, type Actor } from '../../core/access.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type {
  AssessmentHistoryResponse,
  Report,
  ReportSection,
  ReportSummary,
  TodoResponse,
} from '../../core/contracts/reports.ts';
import { defaultPeriod, parsePeriodId, type Period } from '../../core/reports/periods.ts';
import { committeeKind, templateFrom, type CommitteeKind, type Template } from '../../core/reports/templates.ts';
import {
  DEFAULT_APPROVER_ROLE,
  REPORT_ACTIONS,
  mayAct,
  mayApprove,
  mayWrite,
  transition,
  type ApproverRole,
} from '../../core/reports/workflow.ts';
import * as repo from '../../db/repositories/reports.ts';
import * as work from '../../db/repositories/report-assessments.ts';
import { contentContext, generate } from './content.ts';
import { upgradeInterventionsContent } from '../../core/reports/money.ts';
import { getGoalsTree } from '../goals/index.ts';

export async function templateFor(db: Queryable, kind: string): Promise<Template> {
  const k = committeeKind(kind);
  return templateFrom(k, await repo.readTemplateSpec(db, k));
}

export async function approverRoleOf(db: Queryable, committeeId: string): Promise<ApproverRole> {
  return (await repo.readApproverRole(db, committeeId)) ?? DEFAULT_APPROVER_ROLE;
}

/**
 * Committees that report on `day` (in force, see `listReportingCommitteeRows`), with their kind; with an actor, only
 * those the actor may write reports for (a district editor: their own committee).
 */
export async function reportingCommittees(
  db: Queryable,
  day: string,
  actor?: Actor | null,
): Promise<{ id: string; name: string; kind: CommitteeKind }[]> {
  return (await repo.listReportingCommitteeRows(db, day))
    .filter((c) => actor === undefined || can(actor, 'reports:write', { committeeId: c.id }))
    .map((c) => ({ id: c.id, name: c.name, kind: committeeKind(c.kind) }));
}

/** Accounts that can be assigned a section of a report: analysts, administrators and the committee's editors. */
export async function reportersOf(db: Queryable, reportId: string) {
  const r = await repo.readReport(db, reportId);
  if (!r) throw notFound(`Report ${reportId}`);
  return work.readReporters(db, r.committeeId);
}

/** A period as stored, or with its default dates when nobody has stored it yet. */
export async function periodOrDefault(db: Queryable, id: string): Promise<Period> {
  const stored = await repo.readPeriod(db, id);
  if (stored) return stored;
  const p = parsePeriodId(id);
  if (!p)
    throw new AppError('validation_failed', `period: '${id}' is not YYYY-T1, YYYY-T2 or YYYY-VB`, [
      { field: 'period', message: 'expected YYYY-T1, YYYY-T2 or YYYY-VB' },
    ]);
  return defaultPeriod(p.year, p.kind);
}

export async function listPeriodsOf(db: Queryable, year: number): Promise<Period[]> {
  const stored = await repo.listPeriods(db, year);
  return (['T1', 'T2', 'VB'] as const).map((k) => stored.find((p) => p.kind === k) ?? defaultPeriod(year, k));
}

async function summaryOf(db: Queryable, r: repo.ReportRow): Promise<ReportSummary> {
  const c = await repo.readCommittee(db, r.committeeId);
  const period = (await repo.readPeriod(db, r.periodId))!;
  return {
    id: r.id,
    committee: { id: r.committeeId, name: c?.name ?? r.committeeId, kind: committeeKind(c?.kind ?? '') },
    period,
    version: r.version,
    state: r.state,
    copiedFrom: r.copiedFrom,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    approvedAt: r.approvedAt,
    approvedBy: r.approvedBy,
  };
}

export async function listReportSummaries(
  db: Queryable,
  f: { periodId?: string; committeeId?: string; state?: 'godkand' },
): Promise<ReportSummary[]> {
  const rows = await repo.listReports(db, f);
  const out: ReportSummary[] = [];
  for (const r of rows) out.push(await summaryOf(db, r));
  return out;
}

/** The sections of a report with their generated content computed now (from the live services). */
export async function liveSections(db: Queryable, r: repo.ReportRow): Promise<ReportSection[]> {
  const committee = (await repo.readCommittee(db, r.committeeId))!;
  const period = (await repo.readPeriod(db, r.periodId))!;
  const template = await templateFor(db, committee.kind);
  const ctx = await contentContext(db, committee, period, template);
  const rows = await repo.readSections(db, r.id);
  const comments = await repo.readComments(db, r.id);
  const out: ReportSection[] = [];
  for (const s of rows) {
    out.push({
      key: s.key,
      sort: s.sort,
      kind: s.kind,
      generator: s.generator,
      body: s.body,
      assignee:
        s.assigneeId === null
          ? null
          : { id: s.assigneeId, username: s.assigneeUsername ?? '', displayName: s.assigneeName ?? '' },
      deadline: s.deadline,
      state: s.state,
      updatedAt: s.updatedAt,
      updatedBy: s.updatedBy,
      content: s.generator ? await generate(ctx, s.generator) : null,
      comments: comments.filter((c) => c.sectionKey === s.key),
    });
  }
  return out;
}

/** A frozen section as the current contract reads it (older snapshots' interventions content upgraded). */
function upgradeSection(s: ReportSection, periodId: string): ReportSection {
  const c = s.content;
  if (c?.generator !== 'interventions') return s;
  const year = parsePeriodId(periodId)?.year ?? c.data.year;
  return {
    ...s,
    content: { generator: 'interventions', data: upgradeInterventionsContent(c.data, year) as typeof c.data },
  };
}

/** What is frozen at approval: every section with its text and generated figures. */
export interface Snapshot {
  sections: ReportSection[];
}

/**
 * One report. A report in draft or ready shows figures computed now; an approved report shows the
 * figures as they were approved (its snapshot), with the comments made since.
 */
export async function readReportModel(
  db: Queryable,
  id: string,
  viewer: { actor: Actor | null; userId: number | null },
): Promise<Report> {
  const r = await repo.readReport(db, id);
  if (!r) throw new AppError('not_found', `Report ${id} was not found`);
  const summary = await summaryOf(db, r);
  const approverRole = await approverRoleOf(db, r.committeeId);
  const versions = await repo.readVersions(db, id);
  const frozen = r.state === 'godkand';
  let sections: ReportSection[];
  if (frozen) {
    const snap = versions.find((v) => v.version === r.version)?.snapshot as Snapshot | undefined;
    const comments = await repo.readComments(db, id);
    sections = (snap?.sections ?? []).map((s) => ({
      ...upgradeSection(s, r.periodId),
      comments: comments.filter((c) => c.sectionKey === s.key),
    }));
  } else {
    sections = await liveSections(db, r);
  }
  const resource = { committeeId: r.committeeId, approverRole };
  const flags = sections.map((s) => ({ key: s.key, kind: s.kind, state: s.state }));
  return {
    ...summary,
    approverRole,
    frozen,
    sections,
    versions: versions.map((v) => ({
      version: v.version,
      approvedAt: v.approvedAt,
      approvedBy: v.approvedBy,
      reopenedAt: v.reopenedAt,
    })),
    allowed: {
      write: mayWrite(viewer.actor, resource),
      approve: mayApprove(viewer.actor, resource),
      actions: REPORT_ACTIONS.filter((a) => transition(r.state, a, flags).ok && mayAct(viewer.actor, resource, a)),
    },
  };
}

const isOverdue = (deadline: string | null, today: string): boolean => deadline !== null && deadline < today;

/** The user's to-do list: written sections assigned to them and not ready, and targets they are to assess. */
export async function todoOf(
  db: Queryable,
  userId: number,
  today: string,
): Promise<Pick<z.infer<typeof TodoResponse>, 'items'>> {
  const rows = await work.readAssignedSections(db, userId);
  const items: z.infer<typeof TodoResponse>['items'] = [];
  const titles = new Map<string, { sv: string; en: string }>();
  for (const s of rows) {
    if (s.kind === 'written') {
      items.push({
        kind: 'section',
        reportId: s.reportId,
        committee: s.committee,
        period: s.periodId,
        sectionKey: s.key,
        targetId: null,
        title: null,
        deadline: s.deadline,
        overdue: isOverdue(s.deadline, today),
      });
      continue;
    }
    if (s.generator !== 'targets') continue;
    const year = parsePeriodId(s.periodId)?.year ?? Number(today.slice(0, 4));
    if (titles.size === 0) {
      const tree = await getGoalsTree(db, year);
      for (const a of tree.goalAreas)
        for (const t of [...a.strategies.flatMap((x) => x.targets), ...a.otherTargets]) titles.set(t.id, t.title);
    }
    const done = new Set((await work.readAssessments(db, s.committeeId, s.periodId)).map((a) => a.targetId));
    for (const [targetId, title] of titles) {
      if (done.has(targetId)) continue;
      items.push({
        kind: 'assessment',
        reportId: s.reportId,
        committee: s.committee,
        period: s.periodId,
        sectionKey: s.key,
        targetId,
        title,
        deadline: s.deadline,
        overdue: isOverdue(s.deadline, today),
      });
    }
  }
  return { items };
}

export async function assessmentHistory(
  db: Queryable,
  targetId: string,
): Promise<z.infer<typeof AssessmentHistoryResponse>> {
  const rows = await work.readAssessmentHistory(db, targetId);
  return {
    items: rows.map((a) => ({
      committeeId: a.committeeId,
      committee: a.committee,
      period: a.period,
      status: a.status,
      text: a.text,
      setBy: a.setBy,
      setAt: a.setAt,
    })),
  };
}
