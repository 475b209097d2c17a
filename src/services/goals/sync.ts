/**
 * The framework sync on start: changes in data/framework reach an existing database without a rebuild.
 * New items are added; items nobody edited in the app are updated to the file; items edited in the app
 * are left alone and recorded as conflicts (shown in the log and on the admin page).
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/database.ts';
import { knownIds } from '../../db/repositories/datasets.ts';
import { insertManualStatus } from '../../db/repositories/goals.ts';
import {
  deleteConflict,
  insertVersion,
  readConflicts,
  readItem,
  readItemStates,
  readSyncHash,
  upsertConflict,
  versionedIds,
  writeSyncHash,
  writeVision,
  type ItemKind,
  type ItemState,
} from '../../db/repositories/goal-items.ts';
import type { Framework } from '../../core/goals/framework-schema.ts';
import type { SyncConflicts } from '../../core/contracts/goals.ts';
import type { Progress } from '../progress.ts';
import { frameworkItems, visionRow } from './rows.ts';
import { itemHash, storeItem } from './store.ts';

export const FRAMEWORK_SYNC_ID = 'data/framework';
const FILE_USER = 'data/framework';

export interface SyncReport {
  added: string[];
  updated: string[];
  conflicts: string[];
}

/** A hash of the framework files' content, to tell on start whether anything changed. */
export function frameworkHash(f: Framework): string {
  return createHash('sha256').update(JSON.stringify(f)).digest('hex').slice(0, 32);
}

export async function isFrameworkSynced(db: Queryable, f: Framework): Promise<boolean> {
  try {
    return (await readSyncHash(db, FRAMEWORK_SYNC_ID)) === frameworkHash(f);
  } catch {
    return false;
  }
}

/** Brings the database in line with the framework files (see the module comment). One transaction (the caller's). */
export async function syncFramework(
  tx: Queryable,
  f: Framework,
  ctx: { now: Date; progress: Progress },
): Promise<SyncReport> {
  const known = await knownIds(tx);
  const report: SyncReport = { added: [], updated: [], conflicts: [] };
  await writeVision(tx, visionRow(f));
  const states = new Map<ItemKind, Map<string, ItemState>>();
  const versioned = new Map<ItemKind, Set<string>>();
  for (const kind of ['goal_area', 'strategy', 'target', 'commitment'] as const) {
    states.set(kind, await readItemStates(tx, kind));
    versioned.set(kind, await versionedIds(tx, kind));
  }
  const fresh = [...(states.get('goal_area')?.values() ?? [])].length === 0;
  const meta = (origin: 'framework' | 'sync') => ({
    origin,
    decisionRef: null,
    changedBy: FILE_USER,
    changedById: null,
    changedAt: ctx.now,
  });
  for (const item of frameworkItems(f, known)) {
    const hash = itemHash(item.row);
    const state = states.get(item.kind)?.get(item.id);
    if (!state) {
      const s: ItemState = { publication: 'published', retired: false, editedInApp: false, frameworkHash: hash };
      await storeItem(tx, item.kind, item.row, s, item.links, meta(fresh ? 'framework' : 'sync'));
      if (item.manual) await insertManualStatus(tx, item.manual);
      if (!fresh) report.added.push(`${item.kind} ${item.id}`);
      continue;
    }
    if (state.frameworkHash !== hash && state.editedInApp) {
      await upsertConflict(tx, {
        kind: item.kind,
        itemId: item.id,
        fileHash: hash,
        fileItem: item.row.spec,
        detectedAt: ctx.now,
      });
      report.conflicts.push(`${item.kind} ${item.id}`);
    } else if (state.frameworkHash !== hash) {
      // no hash yet: a database from before the sync (only publication could be changed in the app then)
      const first = state.frameworkHash === null && !versioned.get(item.kind)?.has(item.id);
      const next = { ...state, editedInApp: false, frameworkHash: hash };
      await storeItem(tx, item.kind, item.row, next, item.links, meta(first ? 'framework' : 'sync'));
      await deleteConflict(tx, item.kind, item.id);
      if (!first) report.updated.push(`${item.kind} ${item.id}`);
      continue;
    }
    if (!versioned.get(item.kind)?.has(item.id)) {
      // a database from before versions were kept: its current state becomes version 1
      const current = await readItem(tx, item.kind, item.id);
      if (current)
        await insertVersion(tx, {
          kind: item.kind,
          itemId: item.id,
          item: current.row,
          publication: current.state.publication,
          retired: current.state.retired,
          ...meta('framework'),
        });
    }
  }
  if (report.added.length)
    ctx.progress.info(`Målramverket: nya poster från data/framework: ${report.added.join(', ')}`);
  if (report.updated.length)
    ctx.progress.info(`Målramverket: uppdaterade från data/framework: ${report.updated.join(', ')}`);
  if (report.conflicts.length)
    ctx.progress.info(
      `Målramverket: KONFLIKT – ändrade i appen, ändringen i data/framework tillämpades inte: ${report.conflicts.join(', ')}`,
    );
  await writeSyncHash(tx, FRAMEWORK_SYNC_ID, frameworkHash(f), ctx.now);
  return report;
}

/** The open sync conflicts, for the admin page. */
export async function listSyncConflicts(db: Queryable): Promise<SyncConflicts> {
  const rows = await readConflicts(db);
  return {
    conflicts: rows.map((r) => ({ kind: r.kind, id: r.itemId, detectedAt: r.detectedAt, fileItem: r.fileItem })),
  };
}
