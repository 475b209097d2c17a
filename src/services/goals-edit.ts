/**
 * Changes to the goal framework by authorised users (the framework itself is loaded from data/framework):
 * manual statuses for targets and commitments without an indicator (dated, signed, history kept), and
 * publishing or unpublishing a target or commitment. Each change is one transaction with its audit record.
 */
import type { Database } from '../db/database.ts';
import {
  insertManualStatus,
  readLatestManualStatusFor,
  readPublication,
  updatePublication,
  type ManualStatusRow,
} from '../db/repositories/goals.ts';
import { AppError } from '../core/errors.ts';
import { recordAudit, type AuditActor } from './audit.ts';

export type FrameworkItemKind = 'target' | 'commitment';
export type ManualStatusValue = ManualStatusRow['status'];

export interface ChangeContext {
  actor: AuditActor | null;
  now: Date;
}

async function mustExist(
  tx: Parameters<Parameters<Database['transaction']>[0]>[0],
  kind: FrameworkItemKind,
  id: string,
): Promise<'draft' | 'published'> {
  const publication = await readPublication(tx, kind, id, true);
  if (!publication)
    throw new AppError('not_found', `${kind === 'target' ? 'Target' : 'Commitment'} ${id} was not found`);
  return publication;
}

/** Adds a manual status (the latest one applies); returns it. */
export async function setManualStatus(
  db: Database,
  kind: FrameworkItemKind,
  id: string,
  input: { status: ManualStatusValue; note: string },
  ctx: ChangeContext,
): Promise<ManualStatusRow> {
  const note = input.note.trim();
  if (!note)
    throw new AppError('validation_failed', 'A manual status needs a note that says what it rests on', [
      { field: 'body.note', message: 'is empty' },
    ]);
  return db.transaction(async (tx) => {
    await mustExist(tx, kind, id);
    const before = await readLatestManualStatusFor(tx, kind, id);
    const row: ManualStatusRow = {
      targetId: kind === 'target' ? id : null,
      commitmentId: kind === 'commitment' ? id : null,
      status: input.status,
      note,
      setBy: ctx.actor?.username ?? 'unknown',
      setAt: ctx.now.toISOString(),
    };
    await insertManualStatus(tx, row);
    await recordAudit(tx, {
      actor: ctx.actor,
      at: ctx.now,
      action: 'manual_status',
      entity: kind,
      entityId: id,
      before,
      after: row,
    });
    return row;
  });
}

/** Publishes or unpublishes a target or commitment (drafts are seen by staff only). */
export async function setPublication(
  db: Database,
  kind: FrameworkItemKind,
  id: string,
  publication: 'draft' | 'published',
  ctx: ChangeContext,
): Promise<{ id: string; publication: 'draft' | 'published' }> {
  return db.transaction(async (tx) => {
    const before = await mustExist(tx, kind, id);
    if (before !== publication) {
      await updatePublication(tx, kind, id, publication);
      await recordAudit(tx, {
        actor: ctx.actor,
        at: ctx.now,
        action: publication === 'published' ? 'publish' : 'unpublish',
        entity: kind,
        entityId: id,
        before: { publication: before },
        after: { publication },
      });
    }
    return { id, publication };
  });
}
