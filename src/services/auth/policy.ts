/** The effects and policies of sign-in and sessions. */
import {
  ACCOUNT_WIDE_LOCKOUT,
  DEFAULT_LOCKOUT,
  DEFAULT_SIGN_IN_RATE,
  type LockoutPolicy,
  type RateLimit,
} from '../../core/access.ts';

/** Injected effects (the app passes its deps; tests pass fixed ones). */
export interface AuthEffects {
  now: () => Date;
  randomBytes: (n: number) => Uint8Array;
}

export interface AuthPolicy {
  /** Failures of one account from one address. */
  lockout: LockoutPolicy;
  /** Failures of one account from all addresses (not applied to an address it signed in from in the last week). */
  accountLockout?: LockoutPolicy;
  signInRate: RateLimit;
  /** A session ends this long after sign-in, whatever happens. */
  sessionMaxMs: number;
  /** … or this long after its last use. */
  sessionIdleMs: number;
}

export const DEFAULT_AUTH_POLICY: AuthPolicy = {
  lockout: DEFAULT_LOCKOUT,
  accountLockout: ACCOUNT_WIDE_LOCKOUT,
  signInRate: DEFAULT_SIGN_IN_RATE,
  sessionMaxMs: 12 * 3600_000,
  sessionIdleMs: 2 * 3600_000,
};

/** A day in milliseconds. */
export const DAY = 24 * 3600_000;
