/**
 * Rate limits that hold across processes: the events live in the database (table rate_event), one rule for all
 * limits (`decideWrite` of src/core/participation/rate.ts over `rateLimit` of src/core/access.ts). The key is a
 * SHA-256 of the limit's name and the client address, so no address is stored.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { addRateEvent, lockRateKey, pruneRateEvents, rateEvents } from '../db/repositories/rate-limits.ts';
import { decideWrite, type RateDecision } from '../core/participation/rate.ts';
import type { RateLimit } from '../core/access.ts';

export const rateKey = (name: string, address: string): string =>
  createHash('sha256').update(`rate:${name}:${address}`, 'utf8').digest('hex');

let hits = 0;

/** Records one event of `name` from `address` at `now` when the limit allows it; returns the decision. */
export async function hitRateLimit(
  db: Database,
  name: string,
  address: string,
  limit: RateLimit,
  now: Date,
): Promise<RateDecision> {
  const key = rateKey(name, address);
  const t = now.getTime();
  return db.transaction(async (tx) => {
    await lockRateKey(tx, key);
    const since = new Date(t - limit.windowMs);
    const d = decideWrite(await rateEvents(tx, key, since), t, limit);
    if (d.allowed) await addRateEvent(tx, key, now);
    await pruneRateEvents(tx, since, key);
    if (++hits % 500 === 0) await pruneRateEvents(tx, new Date(t - 24 * 3600_000));
    return d;
  });
}
