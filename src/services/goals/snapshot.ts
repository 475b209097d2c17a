/**
 * The framework as the read models see it: the live rows, or the rows as they stood at the end of a
 * day (from the version history). Retired items are left out; drafts only for staff.
 */
import type { Queryable } from '../../db/database.ts';
import {
  readCommitments,
  readGoalAreas,
  readStrategies,
  readTargets,
  type CommitmentRow,
  type GoalAreaRow,
  type StrategyRow,
  type TargetRow,
} from '../../db/repositories/goals.ts';
import { readVersionsAt, type ItemKind, type ItemRowOf } from '../../db/repositories/goal-items.ts';
import { AppError } from '../../core/errors.ts';

export interface Snapshot {
  goalAreas: (GoalAreaRow & { publication: 'draft' | 'published' })[];
  strategies: (StrategyRow & { publication: 'draft' | 'published' })[];
  targets: (TargetRow & { publication: 'draft' | 'published' })[];
  commitments: (CommitmentRow & { publication: 'draft' | 'published' })[];
}

export interface ReadOptions {
  includeDrafts?: boolean;
  /** YYYY-MM-DD: the framework at the end of that day, Stockholm time */
  asOf?: string | null;
}

/** The end of a Stockholm day as an instant. */
export function endOfStockholmDay(date: string): Date {
  const d = new Date(`${date}T23:59:59.999Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date)
    throw new AppError('validation_failed', `asOf ${date} is not a date`, [
      { field: 'querystring.asOf', message: 'not a date' },
    ]);
  // Stockholm is UTC+1 or UTC+2: find the offset of that day and step back
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Stockholm' }).format(d),
  );
  const offsetHours = (hour - 23 + 24) % 24;
  return new Date(d.getTime() - offsetHours * 3600_000);
}

async function asOfRows<K extends ItemKind>(
  db: Queryable,
  kind: K,
  at: Date,
  drafts: boolean,
): Promise<(ItemRowOf[K] & { publication: 'draft' | 'published' })[]> {
  const versions = await readVersionsAt(db, kind, at);
  return versions
    .filter((v) => !v.retired && (drafts || v.publication === 'published'))
    .map((v) => ({ ...(v.item as ItemRowOf[K]), publication: v.publication }))
    .sort((a, b) => a.sort - b.sort || a.id.localeCompare(b.id));
}

export async function readSnapshot(db: Queryable, opts: ReadOptions = {}): Promise<Snapshot> {
  const drafts = opts.includeDrafts ?? false;
  if (opts.asOf) {
    const at = endOfStockholmDay(opts.asOf);
    const [goalAreas, strategies, targets, commitments] = await Promise.all([
      asOfRows(db, 'goal_area', at, drafts),
      asOfRows(db, 'strategy', at, drafts),
      asOfRows(db, 'target', at, drafts),
      asOfRows(db, 'commitment', at, drafts),
    ]);
    goalAreas.sort((a, b) => (a.framework === b.framework ? 0 : a.framework === 'roadmap' ? -1 : 1));
    return { goalAreas, strategies, targets, commitments };
  }
  const [goalAreas, strategies, targets, commitments] = await Promise.all([
    readGoalAreas(db, drafts),
    readStrategies(db, drafts),
    readTargets(db, drafts),
    readCommitments(db, drafts),
  ]);
  return {
    goalAreas,
    strategies,
    targets: targets as Snapshot['targets'],
    commitments: commitments as Snapshot['commitments'],
  };
}
