// The audit log: what a record says about a change, the fields that changed, and JSON-safe
// snapshots with secrets redacted. Pure.

/** What an audit record says about a change. `before` is null for a creation, `after` for a deletion. */
export type AuditAction =
  'create' | 'update' | 'delete' | 'publish' | 'unpublish' | 'import' | 'sign_in' | 'sign_out' | 'other';

export interface AuditChange {
  readonly action: AuditAction | string;
  readonly entity: string;
  readonly entityId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

/**
 * The fields that differ between two plain records (for showing an audit record). Values are
 * compared by their JSON text. Keys are returned sorted.
 */
export function changedFields(before: unknown, after: unknown): string[] {
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  const b = isObj(before) ? before : {};
  const a = isObj(after) ? after : {};
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  const out: string[] = [];
  for (const k of keys) {
    if (JSON.stringify(b[k], jsonSafe) !== JSON.stringify(a[k], jsonSafe)) out.push(k);
  }
  return out.sort();
}

function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** Fields that must never be written to the audit log (their presence is recorded, not their value). */
export const REDACTED_FIELDS: ReadonlySet<string> = new Set([
  'password',
  'password_hash',
  'passwordHash',
  'token',
  'token_hash',
  'tokenHash',
  'csrf',
  'csrfToken',
  'code_hash',
  'codeHash',
]);

/** A JSON-safe copy of a value for the audit log: bigints as strings, dates as ISO text, secrets redacted. */
export function auditSnapshot(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(auditSnapshot);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined || typeof v === 'function') continue;
      out[k] = REDACTED_FIELDS.has(k) ? '[redacted]' : auditSnapshot(v);
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}
