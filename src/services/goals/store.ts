/** Writing one framework item with its links and a new version: shared by the sync on start and the edit commands. */
import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/database.ts';
import type { GoalLinkRow } from '../../db/repositories/goals.ts';
import {
  insertVersion,
  replaceLinks,
  writeCommitment,
  writeGoalArea,
  writeStrategy,
  writeTarget,
  type ItemKind,
  type ItemRowOf,
  type ItemState,
} from '../../db/repositories/goal-items.ts';

/** The hash of what the framework file says about an item (not the foreign keys that depend on the database). */
export function itemHash(row: ItemRowOf[ItemKind]): string {
  const parent = 'goalAreaId' in row ? row.goalAreaId : null;
  return createHash('sha256')
    .update(JSON.stringify({ spec: row.spec, parent, sort: row.sort }))
    .digest('hex')
    .slice(0, 32);
}

export async function writeItemRow<K extends ItemKind>(
  tx: Queryable,
  kind: K,
  row: ItemRowOf[K],
  state: ItemState,
): Promise<void> {
  switch (kind) {
    case 'goal_area':
      return writeGoalArea(tx, row as ItemRowOf['goal_area'], state);
    case 'strategy':
      return writeStrategy(tx, row as ItemRowOf['strategy'], state);
    case 'target':
      return writeTarget(tx, row as ItemRowOf['target'], state);
    default:
      return writeCommitment(tx, row as ItemRowOf['commitment'], state);
  }
}

export interface VersionMeta {
  origin: 'framework' | 'sync' | 'app';
  decisionRef: string | null;
  changedBy: string;
  changedById: number | null;
  changedAt: Date;
}

/** Writes the item (and, for targets and commitments, its links) and records the new state as a version. */
export async function storeItem<K extends ItemKind>(
  tx: Queryable,
  kind: K,
  row: ItemRowOf[K],
  state: ItemState,
  links: readonly GoalLinkRow[] | null,
  meta: VersionMeta,
): Promise<number> {
  await writeItemRow(tx, kind, row, state);
  if (links && (kind === 'target' || kind === 'commitment')) await replaceLinks(tx, kind, row.id, links);
  return insertVersion(tx, {
    kind,
    itemId: row.id,
    item: row,
    publication: state.publication,
    retired: state.retired,
    ...meta,
  });
}
