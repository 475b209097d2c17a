/**
 * The audit log. Every service that changes data calls `recordAudit` INSIDE the transaction that
 * makes the change, so the change and its record are committed (or rolled back) together:
 *
 *   await db.transaction(async (tx) => {
 *     const before = await findIntervention(tx, id);
 *     const after = await updateIntervention(tx, id, patch);
 *     await recordAudit(tx, { actor, at: now, action: 'update', entity: 'intervention', entityId: id, before, after });
 *   });
 *
 * `before` is null for a creation and `after` is null for a deletion. Values are stored as JSON:
 * bigints become strings, dates ISO text, and secrets (password hashes, tokens) are redacted.
 */
import type { Queryable } from '../db/database.ts';
import { insertAudit, listAudit, type AuditFilter, type AuditRow } from '../db/repositories/audit.ts';
import { auditSnapshot, changedFields } from '../core/access.ts';

/** Who made a change: a signed-in user, or null for an anonymous (public) action or the system. */
export interface AuditActor {
  id: number | null;
  username: string;
}

export interface AuditInput {
  actor: AuditActor | null;
  at: Date;
  action: string;
  entity: string;
  entityId: string | number | bigint;
  before: unknown;
  after: unknown;
}

export type { AuditRow, AuditFilter };

export async function recordAudit(tx: Queryable, input: AuditInput): Promise<AuditRow> {
  return insertAudit(tx, {
    at: input.at,
    userId: input.actor?.id ?? null,
    username: input.actor?.username ?? null,
    action: input.action,
    entity: input.entity,
    entityId: String(input.entityId),
    before: auditSnapshot(input.before),
    after: auditSnapshot(input.after),
  });
}

export interface AuditListItem extends AuditRow {
  /** The fields whose values differ between before and after. */
  changed: string[];
}

export async function listAuditLog(
  db: Queryable,
  filter: AuditFilter,
): Promise<{ items: AuditListItem[]; total: number }> {
  const { rows, total } = await listAudit(db, filter);
  return { items: rows.map((r) => ({ ...r, changed: changedFields(r.before, r.after) })), total };
}
