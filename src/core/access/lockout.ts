// Lock-out of accounts after failed sign-ins, and rate limiting of sign-in attempts. Pure: time is
// passed in as epoch milliseconds.

export interface LockoutPolicy {
  /** This many failures … */
  readonly maxFailures: number;
  /** … within this many milliseconds … */
  readonly windowMs: number;
  /** … lock the account for this long after the last of them. */
  readonly lockMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/**
 * Lock-out is per account AND address: DEFAULT_LOCKOUT counts the failures of one username from one address, so
 * an attacker elsewhere cannot lock the real user out of their usual address. Failures from all addresses
 * together lock the account by this wider rule, except from an address it signed in from recently.
 */
export const ACCOUNT_WIDE_LOCKOUT: LockoutPolicy = { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export interface LockoutState {
  readonly locked: boolean;
  /** When the lock ends (epoch ms), or null when not locked. */
  readonly until: number | null;
  /** Failures left before a lock, counted within the window ending now (0 when locked). */
  readonly remaining: number;
}

/**
 * Whether an account is locked, given the times of its failed sign-ins since its last successful
 * one. An account is locked for `lockMs` after any failure that completes `maxFailures` failures
 * within `windowMs`. Attempts refused while locked should not be recorded as failures (they are
 * not checked against the password), so a lock ends `lockMs` after it began.
 */
export function lockoutState(
  failures: readonly number[],
  now: number,
  policy: LockoutPolicy = DEFAULT_LOCKOUT,
): LockoutState {
  const f = failures
    .filter((t) => Number.isFinite(t) && t <= now)
    .slice()
    .sort((a, b) => a - b);
  const n = policy.maxFailures;
  let until: number | null = null;
  if (n >= 1) {
    for (let i = n - 1; i < f.length; i++) {
      const last = f[i]!;
      const first = f[i - n + 1]!;
      if (last - first < policy.windowMs) {
        const end = last + policy.lockMs;
        if (until === null || end > until) until = end;
      }
    }
  }
  if (until !== null && now < until) return { locked: true, until, remaining: 0 };
  const recent = f.filter((t) => t > now - policy.windowMs).length;
  return { locked: false, until: null, remaining: Math.max(0, n - recent) };
}

export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/** Sign-in attempts allowed from one client address. */
export const DEFAULT_SIGN_IN_RATE: RateLimit = { limit: 20, windowMs: 60_000 };

/**
 * A sliding-window rate limit: whether one more event at `now` is allowed given earlier event
 * times, and if not, when it will be (the moment the oldest event in the window leaves it).
 */
export function rateLimit(
  events: readonly number[],
  now: number,
  limit: RateLimit = DEFAULT_SIGN_IN_RATE,
): { allowed: boolean; retryAt: number | null } {
  const inWindow = events.filter((t) => t > now - limit.windowMs && t <= now).sort((a, b) => a - b);
  if (inWindow.length < limit.limit) return { allowed: true, retryAt: null };
  const oldestThatMustLeave = inWindow[inWindow.length - limit.limit]!;
  return { allowed: false, retryAt: oldestThatMustLeave + limit.windowMs };
}
