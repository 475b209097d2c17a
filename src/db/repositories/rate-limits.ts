/** Rate-limit events shared by every process on the database (see src/services/rate-limits.ts). */
import type { Queryable } from '../database.ts';
import type { Rows } from '../rows.generated.ts';

/** Serialises the writers of one key within the transaction (two processes cannot both take the last slot). */
export async function lockRateKey(tx: Queryable, key: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
}

/** Times (epoch ms) of the events of `key` after `since`. */
export async function rateEvents(db: Queryable, key: string, since: Date): Promise<number[]> {
  const rows = await db.query<Pick<Rows['rate_event'], 'at'>>(
    'SELECT at FROM rate_event WHERE key = $1 AND at > $2 ORDER BY at',
    [key, since.toISOString()],
  );
  return rows.map((r) => Date.parse(r.at));
}

export async function addRateEvent(db: Queryable, key: string, at: Date): Promise<void> {
  await db.query('INSERT INTO rate_event (key, at) VALUES ($1, $2)', [key, at.toISOString()]);
}

/** Forgets events older than `before` (of one key, or of all keys). */
export async function pruneRateEvents(db: Queryable, before: Date, key?: string): Promise<void> {
  if (key) await db.query('DELETE FROM rate_event WHERE key = $1 AND at < $2', [key, before.toISOString()]);
  else await db.query('DELETE FROM rate_event WHERE at < $1', [before.toISOString()]);
}
