/** The audit log: rows are only ever inserted (a trigger in 0050_auth.sql refuses UPDATE, DELETE and TRUNCATE). */
import type { Queryable } from '../database.ts';
import type { Rows } from '../rows.generated.ts';

type Audit = Rows['audit_log'];

/** An entry to write: the row without its id, at a time (the clock's Date). */
export type AuditEntry = Omit<Audit, 'id' | 'at'> & { at: Date };

export type AuditRow = Pick<
  Audit,
  'id' | 'at' | 'userId' | 'username' | 'action' | 'entity' | 'entityId' | 'before' | 'after'
>;

/** An audit_log row under its SQL names. */
interface RawAudit {
  id: Audit['id'];
  at: Audit['at'];
  user_id: Audit['userId'];
  username: Audit['username'];
  action: Audit['action'];
  entity: Audit['entity'];
  entity_id: Audit['entityId'];
  before: Audit['before'];
  after: Audit['after'];
}

const toRow = (r: RawAudit): AuditRow => ({
  id: r.id,
  at: r.at,
  userId: r.user_id,
  username: r.username,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  before: r.before,
  after: r.after,
});

export async function insertAudit(db: Queryable, e: AuditEntry): Promise<AuditRow> {
  const rows = await db.query<RawAudit>(
    `INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)
     RETURNING id, at, user_id, username, action, entity, entity_id, before, after`,
    [
      e.at.toISOString(),
      e.userId,
      e.username,
      e.action,
      e.entity,
      e.entityId,
      e.before === null || e.before === undefined ? null : JSON.stringify(e.before),
      e.after === null || e.after === undefined ? null : JSON.stringify(e.after),
    ],
  );
  return toRow(rows[0]!);
}

export interface AuditFilter {
  entity?: string | undefined;
  entityId?: string | undefined;
  userId?: number | undefined;
  username?: string | undefined;
  action?: string | undefined;
  /** Inclusive lower bound. */
  from?: Date | undefined;
  /** Exclusive upper bound. */
  to?: Date | undefined;
  limit: number;
  offset: number;
}

/** Newest first. Returns the page and the number of matching rows. */
export async function listAudit(db: Queryable, f: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown): void => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.entity !== undefined) add('entity = ?', f.entity);
  if (f.entityId !== undefined) add('entity_id = ?', f.entityId);
  if (f.userId !== undefined) add('user_id = ?', f.userId);
  if (f.username !== undefined) add('username = ?', f.username);
  if (f.action !== undefined) add('action = ?', f.action);
  if (f.from !== undefined) add('at >= ?', f.from.toISOString());
  if (f.to !== undefined) add('at < ?', f.to.toISOString());
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total =
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log ${clause}`, params))[0]?.n ?? 0;
  const rows = await db.query<RawAudit>(
    `SELECT id, at, user_id, username, action, entity, entity_id, before, after FROM audit_log ${clause}
      ORDER BY at DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { rows: rows.map(toRow), total };
}
