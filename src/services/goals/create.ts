/**
 * Creating framework items: each starts as a draft, with the decision it rests on, as version 1. Like the
 * change commands, each authorises inside its write transaction.
 */
import type { Database, Queryable } from '../../db/database.ts';
import type { GoalLinkRow } from '../../db/repositories/goals.ts';
import {
  itemExists,
  maxSort,
  readItem,
  roadmapVisionId,
  type ItemKind,
  type ItemRowOf,
  type ItemState,
} from '../../db/repositories/goal-items.ts';
import { AppError } from '../../core/errors.ts';
import { targetSchema, type Commitment, type GoalArea, type Strategy } from '../../core/goals/framework-schema.ts';
import type { ChangeResult } from '../../core/contracts/goals.ts';
import { recordAudit } from '../audit.ts';
import { authorise, mustExistAll, problemsOf, targetFromChange } from './commands.ts';
import type { Acting, ActingUser } from '../acting.ts';
import { commitmentLinks, commitmentRow, roadmapAreaRow, strategyRow, targetLinks, targetRow } from './rows.ts';
import { storeItem } from './store.ts';

const DRAFT: ItemState = { publication: 'draft', retired: false, editedInApp: true, frameworkHash: null };
const NAMES: Record<ItemKind, string> = {
  goal_area: 'Goal area',
  strategy: 'Strategy',
  target: 'Target',
  commitment: 'Commitment',
};

/** Refuses an id that is taken (by a live or a retired item of the kind). */
async function mustBeNew(tx: Queryable, kind: ItemKind, id: string): Promise<void> {
  if (await itemExists(tx, kind, id))
    throw new AppError('conflict', `${NAMES[kind]} ${id} exists already`, [
      { field: 'body.item.id', message: 'is taken' },
    ]);
}

/** Writes a new item as a draft (version 1) with its links, and records the audit entry. */
async function store<K extends ItemKind>(
  tx: Queryable,
  acting: Acting,
  kind: K,
  created: { id: string; row: ItemRowOf[K]; links: readonly GoalLinkRow[] | null; spec: unknown },
  decisionRef: string,
  now: Date,
): Promise<ChangeResult> {
  const version = await storeItem(tx, kind, created.row, DRAFT, created.links, {
    origin: 'app',
    decisionRef,
    changedBy: acting.audit?.username ?? 'unknown',
    changedById: acting.audit?.id ?? null,
    changedAt: now,
  });
  await recordAudit(tx, {
    actor: acting.audit,
    at: now,
    action: 'create',
    entity: kind,
    entityId: created.id,
    before: null,
    after: { ...DRAFT, spec: created.spec, decisionRef },
  });
  return { kind, id: created.id, version, publication: DRAFT.publication, retired: false };
}

/** Creates a target (a draft until published), with the decision it rests on. */
export async function createTarget(
  db: Database,
  user: ActingUser | null,
  input: { decisionRef: string; item: unknown },
  now: Date,
): Promise<ChangeResult> {
  return db.transaction(async (tx) => {
    const acting = await authorise(tx, user, 'target');
    const r = targetSchema.safeParse(input.item);
    if (!r.success)
      throw new AppError('validation_failed', 'The target is not valid', problemsOf(r.error, 'body.item'));
    await mustBeNew(tx, 'target', r.data.id);
    const { t, known } = await targetFromChange(tx, r.data, {});
    const row = targetRow(t, (await maxSort(tx, 'target')) + 1, known);
    return store(tx, acting, 'target', { id: t.id, row, links: targetLinks(t), spec: t }, input.decisionRef, now);
  });
}

/** Creates a commitment in a reform area (a draft until published), with the decision it rests on. */
export async function createCommitment(
  db: Database,
  user: ActingUser | null,
  input: { decisionRef: string; reformAreaId: string; item: Commitment },
  now: Date,
): Promise<ChangeResult> {
  return db.transaction(async (tx) => {
    const acting = await authorise(tx, user, 'commitment');
    const c = input.item;
    await mustBeNew(tx, 'commitment', c.id);
    const problems = [
      ...(await mustExistAll(tx, 'goal_area', [input.reformAreaId], 'body.reformAreaId')),
      ...(await mustExistAll(tx, 'goal_area', c.linkedGoalAreas, 'body.item.linkedGoalAreas')),
      ...(await mustExistAll(tx, 'strategy', c.linkedStrategies, 'body.item.linkedStrategies')),
      ...(await mustExistAll(tx, 'target', c.targetIds, 'body.item.targetIds')),
    ];
    if (problems.length)
      throw new AppError('validation_failed', 'The commitment refers to what does not exist', problems);
    const row = commitmentRow(c, input.reformAreaId, (await maxSort(tx, 'commitment')) + 1);
    return store(
      tx,
      acting,
      'commitment',
      { id: c.id, row, links: commitmentLinks(c), spec: c },
      input.decisionRef,
      now,
    );
  });
}

/** Creates a goal area of the roadmap (a draft until published); its strategies are created after it. */
export async function createGoalArea(
  db: Database,
  user: ActingUser | null,
  input: { decisionRef: string; item: Omit<GoalArea, 'strategies'> },
  now: Date,
): Promise<ChangeResult> {
  return db.transaction(async (tx) => {
    const acting = await authorise(tx, user, 'goal_area');
    const g = input.item;
    await mustBeNew(tx, 'goal_area', g.id);
    const visionId = await roadmapVisionId(tx); // the vision the roadmap's goal areas serve
    return store(
      tx,
      acting,
      'goal_area',
      { id: g.id, row: roadmapAreaRow(g, visionId), links: null, spec: g },
      input.decisionRef,
      now,
    );
  });
}

/** Creates a strategy in a goal area of the roadmap (a draft until published). */
export async function createStrategy(
  db: Database,
  user: ActingUser | null,
  input: { decisionRef: string; goalAreaId: string; item: Strategy },
  now: Date,
): Promise<ChangeResult> {
  return db.transaction(async (tx) => {
    const acting = await authorise(tx, user, 'strategy');
    const s = input.item;
    await mustBeNew(tx, 'strategy', s.id);
    const area = await readItem(tx, 'goal_area', input.goalAreaId);
    if (!area || area.row.framework !== 'roadmap')
      throw new AppError('validation_failed', 'A strategy belongs to a goal area of the roadmap', [
        { field: 'body.goalAreaId', message: `there is no goal area ${input.goalAreaId} in the roadmap` },
      ]);
    return store(
      tx,
      acting,
      'strategy',
      { id: s.id, row: strategyRow(s, input.goalAreaId), links: null, spec: s },
      input.decisionRef,
      now,
    );
  });
}
