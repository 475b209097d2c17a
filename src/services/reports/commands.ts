/**
 * The reporting cycle's commands. Each one takes the acting user, loads the report `FOR UPDATE` in
 * its transaction, asks the core whether the user may act and whether the state allows it, writes,
 * and records the audit entry, all in that one transaction. The HTTP routes and the CLI call these.
 */
import type { Database, Queryable } from '../../db/database.ts';
import { AppError } from '../../core/errors.ts';
import { defaultPeriod, nextPeriod, parsePeriodId, type Period } from '../../core/reports/periods.ts';
import {
  commentable,
  editable,
  mayAct,
  mayApprove,
  mayWrite,
  transition,
  type Refusal,
  type ReportAction,
  type SectionState,
} from '../../core/reports/workflow.ts';
import type { GoalStatus } from '../../core/goals/status.ts';
import * as repo from '../../db/repositories/reports.ts';
import * as work from '../../db/repositories/report-assessments.ts';
import { recordAudit } from '../audit.ts';
import { actingIn, type Acting, type ActingUser } from '../acting.ts';
import { approverRoleOf, liveSections, readReportModel, templateFor, type Snapshot } from './read.ts';

export type { Acting } from '../acting.ts';

export interface CommandDeps {
  db: Database;
  now: () => Date;
}

export function refused(r: Refusal, acting: Acting): AppError {
  switch (r.code) {
    case 'locked':
      return new AppError('report_locked', 'The report is approved and locked; create a new version to change it');
    case 'city_approved':
      return new AppError('conflict', `The city report for ${r.period} is already approved (fastställd)`, [], {
        code: 'city_report_approved',
      });
    case 'wrong_state':
      return new AppError(
        'conflict',
        `The report is ${r.state}: '${r.action}' is not possible now`,
        [{ field: 'state', message: r.state }],
        { code: 'report_wrong_state', params: { state: r.state } },
      );
    case 'sections_not_ready':
      return new AppError(
        'conflict',
        `Sections not marked ready: ${r.sections.join(', ')}`,
        [{ field: 'sections', message: r.sections.join(',') }],
        { code: 'report_sections_not_ready', params: { sections: r.sections.length } },
      );
    case 'not_allowed':
      return acting.actor === null
        ? new AppError('unauthenticated', 'Sign in first')
        : new AppError('forbidden', `Your role (${acting.actor.role}) may not do this with this committee's report`);
  }
}

function check<T>(d: { ok: true; value: T } | { ok: false; refusal: Refusal }, acting: Acting): T {
  if (!d.ok) throw refused(d.refusal, acting);
  return d.value;
}

export function deny(acting: Acting, permission: 'reports:write' | 'reports:approve'): never {
  const refusal: Refusal = { permission, code: 'not_allowed' };
  throw refused(refusal, acting);
}

const by = (a: Acting): string | null => a.audit?.username ?? null;

export async function audit(
  tx: Queryable,
  acting: Acting,
  at: Date,
  action: string,
  entity: string,
  entityId: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  await recordAudit(tx, { actor: acting.audit, at, action, entity, entityId, before, after });
}

export async function storedPeriod(tx: Queryable, id: string): Promise<Period> {
  const p = parsePeriodId(id);
  if (!p)
    throw new AppError('validation_failed', `period: '${id}' is not YYYY-T1, YYYY-T2 or YYYY-VB`, [
      { field: 'period', message: 'expected YYYY-T1, YYYY-T2 or YYYY-VB' },
    ]);
  return repo.ensurePeriod(tx, defaultPeriod(p.year, p.kind));
}

async function lockReport(tx: Queryable, id: string) {
  const r = await repo.readReport(tx, id, { lock: true });
  if (!r) throw new AppError('not_found', `Report ${id} was not found`);
  return { r, resource: { committeeId: r.committeeId, approverRole: await approverRoleOf(tx, r.committeeId) } };
}

export const reportIdOf = (committeeId: string, periodId: string): string => `${committeeId}-${periodId}`;

/** Creates a committee's report for a period from its kind's template. */
export async function createReport(
  deps: CommandDeps,
  user: ActingUser | null,
  input: { committeeId: string; period: string },
): Promise<string> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const acting = await actingIn(tx, user);
    const committee = await repo.readCommittee(tx, input.committeeId);
    if (!committee)
      throw new AppError('validation_failed', `committeeId: no committee '${input.committeeId}'`, [
        { field: 'committeeId', message: 'unknown committee' },
      ]);
    const approverRole = await approverRoleOf(tx, committee.id);
    if (!mayWrite(acting.actor, { committeeId: committee.id, approverRole })) deny(acting, 'reports:write');
    const period = await storedPeriod(tx, input.period);
    if (await repo.findReport(tx, committee.id, period.id))
      throw new AppError('conflict', `${committee.name} already has a report for ${period.id}`);
    const template = await templateFor(tx, committee.kind);
    const id = reportIdOf(committee.id, period.id);
    await repo.insertReport(tx, {
      id,
      committeeId: committee.id,
      periodId: period.id,
      copiedFrom: null,
      by: by(acting),
      at: now,
    });
    await repo.insertSections(
      tx,
      id,
      template.sections.map((s) => ({
        key: s.key,
        kind: s.kind,
        generator: s.kind === 'generated' ? s.generator : null,
        body: '',
        assigneeId: null,
        deadline: period.dueOn,
      })),
    );
    await audit(tx, acting, now, 'create', 'report', id, null, { committeeId: committee.id, period: period.id });
    return id;
  });
}

/**
 * The next period's report, carrying over the structure, the assignments, the texts and the
 * committee's assessments; its figures are computed afresh. Deadlines move to the new period's due date.
 */
export async function copyForward(deps: CommandDeps, user: ActingUser | null, reportId: string): Promise<string> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const acting = await actingIn(tx, user);
    const { r, resource } = await lockReport(tx, reportId);
    if (!mayWrite(acting.actor, resource)) deny(acting, 'reports:write');
    const next = nextPeriod(r.periodId)!;
    const period = await repo.ensurePeriod(tx, defaultPeriod(next.year, next.kind));
    if (await repo.findReport(tx, r.committeeId, period.id))
      throw new AppError('conflict', `There is already a report for ${period.id}`);
    const id = reportIdOf(r.committeeId, period.id);
    const sections = await repo.readSections(tx, r.id);
    await repo.insertReport(tx, {
      id,
      committeeId: r.committeeId,
      periodId: period.id,
      copiedFrom: r.id,
      by: by(acting),
      at: now,
    });
    await repo.insertSections(
      tx,
      id,
      sections.map((s) => ({ ...s, deadline: s.deadline === null ? null : period.dueOn })),
    );
    const have = new Set((await work.readAssessments(tx, r.committeeId, period.id)).map((a) => a.targetId));
    for (const a of await work.readAssessments(tx, r.committeeId, r.periodId)) {
      if (have.has(a.targetId)) continue;
      await work.upsertAssessment(tx, { ...a, periodId: period.id, by: by(acting), at: now });
    }
    await audit(tx, acting, now, 'create', 'report', id, null, { copiedFrom: r.id, period: period.id });
    return id;
  });
}

async function lockSection(tx: Queryable, reportId: string, key: string) {
  const locked = await lockReport(tx, reportId);
  const s = (await repo.readSections(tx, reportId)).find((x) => x.key === key);
  if (!s) throw new AppError('not_found', `Report ${reportId} has no section '${key}'`);
  return { ...locked, s };
}

/** Changes a section's text (written sections), its reporter or its deadline. */
export async function patchSection(
  deps: CommandDeps,
  user: ActingUser | null,
  reportId: string,
  key: string,
  patch: { body?: string; assigneeId?: number | null; deadline?: string | null },
): Promise<void> {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const acting = await actingIn(tx, user);
    const { r, resource, s } = await lockSection(tx, reportId, key);
    const assignee = s.assigneeId !== null && s.assigneeId === acting.userId;
    const reassigning = patch.assigneeId !== undefined || patch.deadline !== undefined;
    if (!mayWrite(acting.actor, resource, assignee && !reassigning)) deny(acting, 'reports:write');
    check(editable(r.state), acting);
    if (patch.body !== undefined && s.kind !== 'written')
      throw new AppError('validation_failed', `body: section '${key}' is generated from the data`, [
        { field: 'body', message: 'only written sections have a text' },
      ]);
    if (patch.assigneeId != null && !(await repo.userIdExists(tx, patch.assigneeId)))
      throw new AppError('validation_failed', `assigneeId: no active account ${patch.assigneeId}`, [
        { field: 'assigneeId', message: 'unknown account' },
      ]);
    await repo.updateSection(tx, reportId, key, patch, by(acting), now);
    await repo.touchReport(tx, reportId, now);
    const before = { body: s.body, assigneeId: s.assigneeId, deadline: s.deadline };
    await audit(tx, acting, now, 'update', 'report_section', `${reportId}/${key}`, before, { ...before, ...patch });
  });
}

/** Marks a written section ready (klar) or back to draft. */
export async function setSectionState(
  deps: CommandDeps,
  user: ActingUser | null,
  reportId: string,
  key: string,
  state: SectionState,
): Promise<void> {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const acting = await actingIn(tx, user);
    const { r, resource, s } = await lockSection(tx, reportId, key);
    const assignee = s.assigneeId !== null && s.assigneeId === acting.userId;
    if (!mayWrite(acting.actor, resource, assignee)) deny(acting, 'reports:write');
    check(editable(r.state), acting);
    await repo.updateSection(tx, reportId, key, { state }, by(acting), now);
    await repo.touchReport(tx, reportId, now);
    await audit(tx, acting, now, 'update', 'report_section', `${reportId}/${key}`, { state: s.state }, { state });
  });
}

/** A comment on a section, by the committee's writers, the section's reporter or an approver. */
export async function addComment(
  deps: CommandDeps,
  user: ActingUser | null,
  reportId: string,
  key: string,
  body: string,
): Promise<repo.CommentRow> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const acting = await actingIn(tx, user);
    const { r, resource, s } = await lockSection(tx, reportId, key);
    const assignee = s.assigneeId !== null && s.assigneeId === acting.userId;
    if (!mayWrite(acting.actor, resource, assignee) && !mayApprove(acting.actor, resource))
      deny(acting, 'reports:write');
    check(commentable(r.state), acting);
    const c = await repo.insertComment(tx, { reportId, sectionKey: key, author: by(acting), at: now, body });
    await audit(tx, acting, now, 'create', 'report_comment', String(c.id), null, { reportId, key, body });
    return c;
  });
}

/** The committee's own assessment of a target for the report's period (status and text). */
export async function setAssessment(
  deps: CommandDeps,
  user: ActingUser | null,
  reportId: string,
  targetId: string,
  a: { status: GoalStatus; text: string },
): Promise<void> {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const acting = await actingIn(tx, user);
    const { r, resource } = await lockReport(tx, reportId);
    const targets = (await repo.readSections(tx, reportId)).find((s) => s.generator === 'targets');
    const assignee = !!targets && targets.assigneeId !== null && targets.assigneeId === acting.userId;
    if (!mayWrite(acting.actor, resource, assignee)) deny(acting, 'reports:write');
    check(editable(r.state), acting);
    if (!(await work.targetExists(tx, targetId))) throw new AppError('not_found', `Target ${targetId} was not found`);
    const before = (await work.readAssessments(tx, r.committeeId, r.periodId)).find((x) => x.targetId === targetId);
    await work.upsertAssessment(tx, {
      committeeId: r.committeeId,
      periodId: r.periodId,
      targetId,
      status: a.status,
      text: a.text,
      by: by(acting),
      at: now,
    });
    await repo.touchReport(tx, reportId, now);
    await audit(
      tx,
      acting,
      now,
      before ? 'update' : 'create',
      'target_assessment',
      `${r.committeeId}/${r.periodId}/${targetId}`,
      before ? { status: before.status, text: before.text } : null,
      a,
    );
  });
}

/**
 * Moves the report through the workflow. Approving freezes the figures and texts as a version;
 * a new version reopens an approved report as a draft (the approved version is kept).
 */
export async function takeAction(
  deps: CommandDeps,
  user: ActingUser | null,
  reportId: string,
  action: ReportAction,
): Promise<void> {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const acting = await actingIn(tx, user);
    const { r, resource } = await lockReport(tx, reportId);
    if (!mayAct(acting.actor, resource, action))
      deny(acting, action === 'approve' || action === 'new_version' ? 'reports:approve' : 'reports:write');
    const sections = await repo.readSections(tx, reportId);
    const to = check(transition(r.state, action, sections), acting);
    let version = r.version;
    let approvedAt: Date | null = null;
    let approvedBy: string | null = null;
    if (action === 'approve') {
      const snapshot: Snapshot = { sections: (await liveSections(tx, r)).map((s) => ({ ...s, comments: [] })) };
      await repo.insertVersion(tx, { reportId, version, approvedAt: now, approvedBy: by(acting), snapshot });
      approvedAt = now;
      approvedBy = by(acting);
    }
    if (action === 'new_version') {
      await repo.markVersionReopened(tx, reportId, version, by(acting), now);
      version += 1;
      for (const s of sections)
        if (s.kind === 'written' && s.state === 'klar')
          await repo.updateSection(tx, reportId, s.key, { state: 'utkast' }, by(acting), now);
    }
    await repo.updateReportState(tx, reportId, { state: to, version, approvedAt, approvedBy, at: now });
    await audit(
      tx,
      acting,
      now,
      action === 'approve' ? 'publish' : 'update',
      'report',
      reportId,
      { state: r.state, version: r.version },
      { state: to, version, action },
    );
  });
}

export { readReportModel };
