/**
 * Commands on the goal framework. Each authorises inside its write transaction: it locks the item
 * (`FOR UPDATE`), checks `can()`, writes the item and a new version, and records the audit entry, all
 * in one transaction. The HTTP routes, the CLI and jobs all go through these.
 */
import type { z } from 'zod';
import type { Database, Queryable } from '../../db/database.ts';
import { insertManualStatus, readLatestManualStatusFor, type ManualStatusRow } from '../../db/repositories/goals.ts';
import {
  itemExists,
  readItem,
  readVersions,
  type ItemKind,
  type ItemRowOf,
  type ItemState,
} from '../../db/repositories/goal-items.ts';
import { knownIds } from '../../db/repositories/datasets.ts';
import { can, type Permission } from '../../core/access.ts';
import { AppError, type Problem } from '../../core/errors.ts';
import {
  commitmentSchema,
  targetSchema,
  type Commitment,
  type GoalArea,
  type ReformArea,
  type Strategy,
  type Target,
} from '../../core/goals/framework-schema.ts';
import type {
  ChangeResult,
  CommitmentChange,
  GoalAreaChange,
  StrategyChange,
  TargetChange,
  Versions,
} from '../../core/contracts/goals.ts';
import { recordAudit } from '../audit.ts';
import { actingIn, type Acting, type ActingUser } from '../acting.ts';
import {
  commitmentLinks,
  commitmentRow,
  reformAreaRow,
  roadmapAreaRow,
  strategyRow,
  targetLinks,
  targetRow,
} from './rows.ts';
import { storeItem } from './store.ts';

const PERMISSION: Record<ItemKind, Permission> = {
  goal_area: 'goals:write',
  strategy: 'goals:write',
  target: 'targets:write',
  commitment: 'goals:write',
};
const NAMES: Record<ItemKind, string> = {
  goal_area: 'Goal area',
  strategy: 'Strategy',
  target: 'Target',
  commitment: 'Commitment',
};

/** Inside the command's transaction: the acting user's view, refused (401/403) unless they may change `kind`. */
export async function authorise(tx: Queryable, user: ActingUser | null, kind: ItemKind): Promise<Acting> {
  const acting = await actingIn(tx, user);
  if (can(acting.actor, PERMISSION[kind])) return acting;
  if (!acting.actor) throw new AppError('unauthenticated', 'Sign in to change the goal framework');
  throw new AppError('forbidden', `Your role (${acting.actor.role}) may not change a ${kind.replace('_', ' ')}`);
}

export function problemsOf(error: z.ZodError, prefix: string): Problem[] {
  return error.issues.map((i) => ({ field: [prefix, ...i.path.map(String)].join('.'), message: i.message }));
}

type Change = TargetChange | CommitmentChange | GoalAreaChange | StrategyChange;

function contentOf(change: Change): Record<string, unknown> {
  const { decisionRef, publication, retired, ...content } = change;
  void decisionRef;
  void publication;
  void retired;
  return content;
}

/** Merges a change into an item: `null` removes an optional field (responsibleCommittee). */
function merged<T extends object>(spec: T, content: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(spec as Record<string, unknown>) };
  for (const [k, v] of Object.entries(content)) {
    if (v === undefined) continue;
    if (v === null && k === 'responsibleCommittee') delete out[k];
    else out[k] = v;
  }
  return out;
}

export async function mustExistAll(
  tx: Queryable,
  kind: ItemKind,
  ids: readonly string[],
  field: string,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const id of ids)
    if (!(await itemExists(tx, kind, id)))
      problems.push({ field, message: `there is no ${kind.replace('_', ' ')} ${id}` });
  return problems;
}

export async function targetFromChange(tx: Queryable, spec: Target, content: Record<string, unknown>) {
  const r = targetSchema.safeParse(merged(spec, content));
  if (!r.success) throw new AppError('validation_failed', 'The target is not valid', problemsOf(r.error, 'body'));
  const t = r.data;
  const known = await knownIds(tx);
  const problems = [
    ...(await mustExistAll(tx, 'goal_area', t.goalAreaIds, 'body.goalAreaIds')),
    ...(await mustExistAll(tx, 'strategy', t.strategyIds, 'body.strategyIds')),
    ...(await mustExistAll(tx, 'commitment', t.commitmentIds, 'body.commitmentIds')),
  ];
  if (t.indicatorId !== null && !known.indicators.has(t.indicatorId))
    problems.push({ field: 'body.indicatorId', message: `there is no indicator ${t.indicatorId}` });
  if (t.parentTargetId !== undefined && !(await itemExists(tx, 'target', t.parentTargetId)))
    problems.push({ field: 'body.parentTargetId', message: `there is no target ${t.parentTargetId}` });
  if (problems.length) throw new AppError('validation_failed', 'The target refers to what does not exist', problems);
  return { t, known };
}

/** The new row and links for an item after a change (validated whole). */
async function applyChange(
  tx: Queryable,
  kind: ItemKind,
  row: ItemRowOf[ItemKind],
  content: Record<string, unknown>,
): Promise<{ row: ItemRowOf[ItemKind]; links: ReturnType<typeof targetLinks> | null }> {
  if (kind === 'target') {
    const { t, known } = await targetFromChange(tx, row.spec as Target, content);
    return { row: targetRow(t, row.sort, known), links: targetLinks(t) };
  }
  if (kind === 'commitment') {
    const r = commitmentSchema.safeParse(merged(row.spec as Commitment, content));
    if (!r.success) throw new AppError('validation_failed', 'The commitment is not valid', problemsOf(r.error, 'body'));
    const problems = [
      ...(await mustExistAll(tx, 'goal_area', r.data.linkedGoalAreas, 'body.linkedGoalAreas')),
      ...(await mustExistAll(tx, 'strategy', r.data.linkedStrategies, 'body.linkedStrategies')),
      ...(await mustExistAll(tx, 'target', r.data.targetIds, 'body.targetIds')),
    ];
    if (problems.length)
      throw new AppError('validation_failed', 'The commitment refers to what does not exist', problems);
    const c = row as ItemRowOf['commitment'];
    return { row: commitmentRow(r.data, c.goalAreaId, c.sort), links: commitmentLinks(r.data) };
  }
  if (kind === 'strategy') {
    const s = row as ItemRowOf['strategy'];
    const { goalAreaId, ...rest } = content as { goalAreaId?: string };
    if (goalAreaId !== undefined && !(await itemExists(tx, 'goal_area', goalAreaId)))
      throw new AppError('validation_failed', 'No such goal area', [
        { field: 'body.goalAreaId', message: `there is no goal area ${goalAreaId}` },
      ]);
    const spec = merged(s.spec as Strategy, rest) as Strategy;
    return { row: strategyRow(spec, goalAreaId ?? s.goalAreaId), links: null };
  }
  const g = row as ItemRowOf['goal_area'];
  const spec = merged(g.spec as object, content);
  return {
    row:
      g.framework === 'roadmap'
        ? roadmapAreaRow(spec as Omit<GoalArea, 'strategies'>, g.visionId)
        : reformAreaRow(spec as Omit<ReformArea, 'commitments'>, g.visionId),
    links: null,
  };
}

/**
 * Changes an item: its content (merged and validated whole; needs a decision reference), its publication,
 * or its retirement. Every change becomes a new version.
 */
export async function changeItem(
  db: Database,
  user: ActingUser | null,
  kind: ItemKind,
  id: string,
  change: Change,
  now: Date,
): Promise<ChangeResult> {
  return db.transaction(async (tx) => {
    const current = await readItem(tx, kind, id, true);
    if (!current) throw new AppError('not_found', `${NAMES[kind]} ${id} was not found`);
    const acting = await authorise(tx, user, kind);
    const content = contentOf(change);
    const hasContent = Object.values(content).some((v) => v !== undefined);
    if ((hasContent || change.retired !== undefined) && !change.decisionRef)
      throw new AppError('validation_failed', 'A change to the framework needs the decision it rests on', [
        { field: 'body.decisionRef', message: 'is required, e.g. "KF 2024-06-10 § 12"' },
      ]);
    const next = hasContent ? await applyChange(tx, kind, current.row, content) : { row: current.row, links: null };
    const state: ItemState = {
      ...current.state,
      publication: change.publication ?? current.state.publication,
      retired: change.retired ?? current.state.retired,
      editedInApp: current.state.editedInApp || hasContent,
    };
    // publishing shows what was decided: without a new reference the version keeps the last one
    const decision = change.decisionRef ?? (await readVersions(tx, kind, id)).at(-1)?.decisionRef ?? null;
    const version = await storeItem(tx, kind, next.row, state, next.links, {
      origin: 'app',
      decisionRef: decision,
      changedBy: acting.audit?.username ?? 'unknown',
      changedById: acting.audit?.id ?? null,
      changedAt: now,
    });
    const action = hasContent
      ? 'update'
      : change.retired !== undefined && change.retired !== current.state.retired
        ? change.retired
          ? 'retire'
          : 'restore'
        : state.publication === 'published'
          ? 'publish'
          : 'unpublish';
    await recordAudit(tx, {
      actor: acting.audit,
      at: now,
      action,
      entity: kind,
      entityId: id,
      before: hasContent ? { ...current.state, spec: current.row.spec } : { publication: current.state.publication },
      after: hasContent
        ? { ...state, spec: next.row.spec, decisionRef: change.decisionRef }
        : { publication: state.publication, ...(change.decisionRef ? { decisionRef: change.decisionRef } : {}) },
    });
    return { kind, id, version, publication: state.publication, retired: state.retired };
  });
}

/** Every version of an item (staff see drafts' versions; the public only published states). */
export async function getVersions(
  db: Queryable,
  kind: ItemKind,
  id: string,
  includeDrafts: boolean,
): Promise<Versions> {
  const rows = (await readVersions(db, kind, id)).filter((v) => includeDrafts || v.publication === 'published');
  if (!rows.length) throw new AppError('not_found', `${NAMES[kind]} ${id} was not found`);
  return {
    kind,
    id,
    versions: rows.map((v) => {
      const item = v.item as { titleSv: string; titleEn: string };
      return {
        version: v.version,
        origin: v.origin,
        decisionRef: v.decisionRef,
        changedBy: v.changedBy,
        changedAt: v.changedAt,
        publication: v.publication,
        retired: v.retired,
        title: { sv: item.titleSv, en: item.titleEn },
        item: v.item,
      };
    }),
  };
}

/** Adds a manual assessment (the latest applies): status, text, date and who. */
export async function setManualStatus(
  db: Database,
  user: ActingUser | null,
  kind: 'target' | 'commitment',
  id: string,
  input: { status: ManualStatusRow['status']; note: string; date?: string | undefined },
  now: Date,
): Promise<ManualStatusRow> {
  const note = input.note.trim();
  if (!note)
    throw new AppError('validation_failed', 'A manual status needs a note that says what it rests on', [
      { field: 'body.note', message: 'is empty' },
    ]);
  return db.transaction(async (tx) => {
    const current = await readItem(tx, kind, id, true);
    if (!current) throw new AppError('not_found', `${NAMES[kind]} ${id} was not found`);
    const acting = await authorise(tx, user, kind);
    const before = await readLatestManualStatusFor(tx, kind, id);
    const row: ManualStatusRow = {
      targetId: kind === 'target' ? id : null,
      commitmentId: kind === 'commitment' ? id : null,
      status: input.status,
      note,
      setBy: acting.audit?.username ?? 'unknown',
      setAt: input.date ? `${input.date}T12:00:00Z` : now.toISOString(),
    };
    await insertManualStatus(tx, row);
    await recordAudit(tx, {
      actor: acting.audit,
      at: now,
      action: 'manual_status',
      entity: kind,
      entityId: id,
      before,
      after: row,
    });
    return row;
  });
}
