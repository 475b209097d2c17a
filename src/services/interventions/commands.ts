/**
 * Commands on one intervention: a follow-up, a change of its editable fields, a budget line. Each
 * takes the acting user and, in ONE transaction, locks the intervention (FOR UPDATE), checks
 * `can()` against its committee and areas, writes and records the audit entry. The HTTP routes,
 * the CLI and jobs all go through here, so none can skip the district scoping.
 */
import type { Database, Queryable } from '../../db/database.ts';
import {
  insertFollowUp,
  readIntervention,
  readInterventionFields,
  updateInterventionFields,
  upsertBudgetLine,
} from '../../db/repositories/interventions.ts';
import { AppError } from '../../core/errors.ts';
import type { Permission } from '../../core/access.ts';
import type { FollowUpEntry, Intervention } from '../../core/interventions/types.ts';
import {
  applyInterventionPatch,
  budgetLineFrom,
  type BudgetAmountsInput,
  type EditableFields,
  type InterventionPatch,
} from '../../core/interventions/edit.ts';
import { recordAudit } from '../audit.ts';
import { auditActorOf, authorise, type ActingUser } from '../acting.ts';
import { scopeOf } from './scope.ts';
import { kr } from './presenters.ts';

export interface CommandContext {
  user: ActingUser | null;
  now: Date;
}

/** Locks the intervention (drafts too), 404 when unknown, then 401/403 unless the user may change it. */
async function lockAndAuthorise(
  tx: Queryable,
  id: string,
  user: ActingUser | null,
  permission: Permission,
): Promise<Intervention> {
  const i = await readIntervention(tx, id, { includeDrafts: true, lock: true });
  if (!i) throw new AppError('not_found', `Intervention ${id} was not found`);
  await authorise(tx, user, permission, scopeOf(i));
  return i;
}

function invalid(problems: { field?: string; message: string }[], what: string): never {
  const first = problems[0];
  throw new AppError(
    'validation_failed',
    first ? `Invalid ${first.field ?? 'body'}: ${first.message}` : `Invalid ${what}`,
    problems,
  );
}

export async function addFollowUp(db: Database, id: string, entry: FollowUpEntry, ctx: CommandContext): Promise<void> {
  await db.transaction(async (tx) => {
    await lockAndAuthorise(tx, id, ctx.user, 'followups:write');
    const actor = auditActorOf(ctx.user);
    await insertFollowUp(tx, id, entry, actor?.username ?? null, ctx.now);
    await recordAudit(tx, {
      actor,
      at: ctx.now,
      action: 'create',
      entity: 'follow_up',
      entityId: id,
      before: null,
      after: entry,
    });
  });
}

const editable = (f: EditableFields): EditableFields => ({
  name: f.name,
  description: f.description,
  status: f.status,
  startDate: f.startDate,
  endDate: f.endDate,
  fundingSource: f.fundingSource,
  publication: f.publication,
});

/**
 * Changes the editable fields of an intervention (draft or published): checked in core (dates,
 * status changes, budget years within the dates) and audited with the fields before and after.
 * Areas and committee change only by import, so the stored scope is also the new scope.
 */
export async function updateIntervention(
  db: Database,
  id: string,
  patch: InterventionPatch,
  ctx: CommandContext,
): Promise<EditableFields> {
  return db.transaction(async (tx) => {
    const current = await lockAndAuthorise(tx, id, ctx.user, 'interventions:write');
    const stored = await readInterventionFields(tx, id);
    if (!stored) throw new AppError('not_found', `Intervention ${id} was not found`);
    const before = editable(stored);
    const result = applyInterventionPatch(
      before,
      patch,
      current.budget.map((b) => b.year),
    );
    if (!result.ok) invalid(result.problems, 'change');
    const after = result.value;
    await updateInterventionFields(tx, id, after, ctx.now);
    const action =
      after.publication !== before.publication
        ? after.publication === 'published'
          ? 'publish'
          : 'unpublish'
        : 'update';
    await recordAudit(tx, {
      actor: auditActorOf(ctx.user),
      at: ctx.now,
      action,
      entity: 'intervention',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/**
 * Sets the budget line of an intervention for a year (and optionally one of its areas): amounts
 * parsed exactly in core, audited (entity `budget_line`, id `intervention/year[/division:code]`).
 */
export async function setBudgetLine(
  db: Database,
  id: string,
  year: number,
  input: BudgetAmountsInput & { area: string | null },
  ctx: CommandContext,
): Promise<{
  year: number;
  area: string | null;
  planned: string | null;
  decided: string | null;
  spent: string | null;
}> {
  return db.transaction(async (tx) => {
    const i = await lockAndAuthorise(tx, id, ctx.user, 'interventions:write');
    const area = input.area;
    const result = budgetLineFrom(year, area, input, i);
    if (!result.ok) invalid(result.problems, 'budget line');
    const line = result.value;
    const before = i.budget.find((b) => b.year === year && b.area === area) ?? null;
    await upsertBudgetLine(tx, id, line, ctx.now);
    await recordAudit(tx, {
      actor: auditActorOf(ctx.user),
      at: ctx.now,
      action: before ? 'update' : 'create',
      entity: 'budget_line',
      entityId: area === null ? `${id}/${year}` : `${id}/${year}/${area}`,
      before,
      after: line,
    });
    return {
      year: line.year,
      area: line.area,
      planned: kr(line.planned),
      decided: kr(line.decided),
      spent: kr(line.spent),
    };
  });
}
