/**
 * Rate limits of the public participation writes (submit a proposal, support one, cast a ballot),
 * counted per client address. Pure: the caller keeps the event times and passes the clock in.
 * The sliding-window rule itself is `rateLimit` of src/core/access.ts (the one sign-in uses).
 */
import { rateLimit, type RateLimit } from '../access.ts';

export type PublicWrite = 'proposal' | 'support' | 'ballot';

/**
 * Generous enough for a household, a library computer or a polling station sharing one address,
 * tight enough to stop a script flooding moderation, supports or the code check.
 */
export const PUBLIC_WRITE_LIMITS: Readonly<Record<PublicWrite, RateLimit>> = {
  proposal: { limit: 10, windowMs: 60 * 60_000 },
  support: { limit: 60, windowMs: 10 * 60_000 },
  ballot: { limit: 60, windowMs: 10 * 60_000 },
};

export interface RateDecision {
  readonly allowed: boolean;
  /** Seconds until one more write is allowed (0 when allowed). */
  readonly retryAfterSeconds: number;
  /** The event times to keep: those still in the window, plus `now` when the write is allowed. */
  readonly events: readonly number[];
}

/** Whether one more write at `now` (epoch ms) is allowed, given the earlier ones from the same address. */
export function decideWrite(events: readonly number[], now: number, limit: RateLimit): RateDecision {
  const kept = events.filter((t) => t > now - limit.windowMs && t <= now);
  const r = rateLimit(kept, now, limit);
  if (r.allowed) return { allowed: true, retryAfterSeconds: 0, events: [...kept, now] };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((r.retryAt ?? now) - now) / 1000)), events: kept };
}
