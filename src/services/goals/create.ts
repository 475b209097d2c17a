/** Creating framework items: each starts as a draft, with the decision it rests on, as version 1. */
import type { Database } from '../../db/database.ts';
import { itemExists, maxSort, type ItemState } from '../../db/repositories/goal-items.ts';
import { AppError } from '../../core/errors.ts';
import { targetSchema, type Commitment } from '../../core/goals/framework-schema.ts';
import type { ChangeResult } from '../../core/contracts/goals.ts';
import { recordAudit } from '../audit.ts';
import { authorise, mustExistAll, problemsOf, targetFromChange, type GoalsActor } from './commands.ts';
import { commitmentLinks, commitmentRow, targetLinks, targetRow } from './rows.ts';
import { storeItem } from './store.ts';

const DRAFT: ItemState = { publication: 'draft', retired: false, editedInApp: true, frameworkHash: null };

/** Creates a target (a draft until published), with the decision it rests on. */
export async function createTarget(
  db: Database,
  who: GoalsActor,
  input: { decisionRef: string; item: unknown },
  now: Date,
): Promise<ChangeResult> {
  return db.transaction(async (tx) => {
    authorise(who, 'target');
    const r = targetSchema.safeParse(input.item);
    if (!r.success)
      throw new AppError('validation_failed', 'The target is not valid', problemsOf(r.error, 'body.item'));
    if (await itemExists(tx, 'target', r.data.id))
      throw new AppError('conflict', `Target ${r.data.id} exists already`, [
        { field: 'body.item.id', message: 'is taken' },
      ]);
    const { t, known } = await targetFromChange(tx, r.data, {});
    const state = DRAFT;
    const row = targetRow(t, (await maxSort(tx, 'target')) + 1, known);
    const version = await storeItem(tx, 'target', row, state, targetLinks(t), {
      origin: 'app',
      decisionRef: input.decisionRef,
      changedBy: who.audit?.username ?? 'unknown',
      changedById: who.audit?.id ?? null,
      changedAt: now,
    });
    await recordAudit(tx, {
      actor: who.audit,
      at: now,
      action: 'create',
      entity: 'target',
      entityId: t.id,
      before: null,
      after: { ...state, spec: t, decisionRef: input.decisionRef },
    });
    return { kind: 'target', id: t.id, version, publication: state.publication, retired: false };
  });
}

/** Creates a commitment in a reform area (a draft until published), with the decision it rests on. */
export async function createCommitment(
  db: Database,
  who: GoalsActor,
  input: { decisionRef: string; reformAreaId: string; item: Commitment },
  now: Date,
): Promise<ChangeResult> {
  return db.transaction(async (tx) => {
    authorise(who, 'commitment');
    const c = input.item;
    if (await itemExists(tx, 'commitment', c.id))
      throw new AppError('conflict', `Commitment ${c.id} exists already`, [
        { field: 'body.item.id', message: 'is taken' },
      ]);
    const problems = [
      ...(await mustExistAll(tx, 'goal_area', [input.reformAreaId], 'body.reformAreaId')),
      ...(await mustExistAll(tx, 'goal_area', c.linkedGoalAreas, 'body.item.linkedGoalAreas')),
      ...(await mustExistAll(tx, 'strategy', c.linkedStrategies, 'body.item.linkedStrategies')),
      ...(await mustExistAll(tx, 'target', c.targetIds, 'body.item.targetIds')),
    ];
    if (problems.length)
      throw new AppError('validation_failed', 'The commitment refers to what does not exist', problems);
    const row = commitmentRow(c, input.reformAreaId, (await maxSort(tx, 'commitment')) + 1);
    const version = await storeItem(tx, 'commitment', row, DRAFT, commitmentLinks(c), {
      origin: 'app',
      decisionRef: input.decisionRef,
      changedBy: who.audit?.username ?? 'unknown',
      changedById: who.audit?.id ?? null,
      changedAt: now,
    });
    await recordAudit(tx, {
      actor: who.audit,
      at: now,
      action: 'create',
      entity: 'commitment',
      entityId: c.id,
      before: null,
      after: { ...DRAFT, spec: c, decisionRef: input.decisionRef },
    });
    return { kind: 'commitment', id: c.id, version, publication: 'draft', retired: false };
  });
}
