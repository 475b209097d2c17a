/** Settings of the reporting cycle: who approves a committee's reports, and the dates of a period (administrators). */
import { can } from '../../core/access.ts';
import { AppError } from '../../core/errors.ts';
import { periodDateProblems, type Period, type PeriodDates } from '../../core/reports/periods.ts';
import type { ApproverRole } from '../../core/reports/workflow.ts';
import type { z } from 'zod';
import {
  templateFrom,
  type CommitteeKind,
  type Template,
  type templateSpecSchema,
} from '../../core/reports/templates.ts';
import * as repo from '../../db/repositories/reports.ts';
import { audit, deny, storedPeriod, type CommandDeps } from './commands.ts';
import { actingIn, type ActingUser } from '../acting.ts';

/** Names the role that approves a committee's reports (administrators). */
export async function setApproverRole(
  deps: CommandDeps,
  user: ActingUser | null,
  committeeId: string,
  role: ApproverRole,
): Promise<void> {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const acting = await actingIn(tx, user);
    if (!can(acting.actor, 'settings:manage')) deny(acting, 'reports:approve');
    if (!(await repo.readCommittee(tx, committeeId)))
      throw new AppError('not_found', `Committee ${committeeId} was not found`);
    const before = await repo.readApproverRole(tx, committeeId);
    await repo.upsertApproverRole(tx, committeeId, role);
    await audit(
      tx,
      acting,
      now,
      'update',
      'report_settings',
      committeeId,
      { approverRole: before },
      { approverRole: role },
    );
  });
}

/** Changes a period's dates (administrators). */
export async function setPeriodDates(
  deps: CommandDeps,
  user: ActingUser | null,
  id: string,
  dates: PeriodDates,
): Promise<Period> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const acting = await actingIn(tx, user);
    if (!can(acting.actor, 'settings:manage')) deny(acting, 'reports:write');
    const problems = periodDateProblems(dates);
    if (problems.length)
      throw new AppError(
        'validation_failed',
        `Period dates out of order: ${problems.map((p) => p.code).join(', ')}`,
        problems.map((p) => ({ field: p.field, message: p.code })),
      );
    const before = await storedPeriod(tx, id);
    await repo.updatePeriodDates(tx, id, dates);
    await audit(tx, acting, now, 'update', 'report_period', id, before, { ...before, ...dates });
    return (await repo.readPeriod(tx, id))!;
  });
}

/** Stores the template of a committee kind (administrators); new reports of that kind follow it. */
export async function setTemplate(
  deps: CommandDeps,
  user: ActingUser | null,
  kind: CommitteeKind,
  spec: z.infer<typeof templateSpecSchema>,
): Promise<Template> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const acting = await actingIn(tx, user);
    if (!can(acting.actor, 'settings:manage')) deny(acting, 'reports:write');
    const keys = spec.sections.map((s) => s.key);
    const dup = keys.find((k, i) => keys.indexOf(k) !== i);
    if (dup)
      throw new AppError('validation_failed', `sections: the key '${dup}' appears twice`, [
        { field: 'sections', message: `duplicate key ${dup}` },
      ]);
    const before = await repo.readTemplateSpec(tx, kind);
    await repo.upsertTemplateSpec(tx, kind, spec, now);
    await audit(tx, acting, now, 'update', 'report_template', kind, before, spec);
    return templateFrom(kind, spec);
  });
}
