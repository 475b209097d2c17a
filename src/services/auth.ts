/**
 * Accounts, sign-in and sessions.
 *
 * - Passwords are hashed with argon2id (the `argon2` package; parameters in HASH_OPTIONS).
 * - A session is a random 256-bit token in an HttpOnly cookie; the database stores only its SHA-256.
 * - The CSRF token of a session is derived from the session token (SHA-256 of a fixed label and the
 *   token), so the server can check it on every write without storing it, and it cannot be used to
 *   recover the session token.
 * - Sign-in is rate limited per client address and accounts lock after repeated failures
 *   (policies in src/core/access.ts). Failures are recorded for unknown usernames too, and an
 *   unknown username costs the same hashing work, so neither the answer nor its timing reveals which
 *   usernames exist.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import argon2 from 'argon2';
import type { Database, Queryable } from '../db/database.ts';
import {
  attemptsFromIp,
  committeeAreaKeys,
  committeeExists,
  countAdmins,
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOfUser,
  failuresSinceLastSuccess,
  failuresFromAddress,
  signedInFrom,
  findSession,
  findUserById,
  findUserByUsername,
  insertSession,
  insertUser,
  listCommittees,
  listUsers,
  pruneSignInAttempts,
  recordSignInAttempt,
  setPasswordHash,
  touchSession,
  updateUser,
  withoutHash,
  type AccountRole,
  type UserRow,
} from '../db/repositories/users.ts';
import {
  ACCOUNT_WIDE_LOCKOUT,
  DEFAULT_LOCKOUT,
  DEFAULT_SIGN_IN_RATE,
  checkPassword,
  isAccountRole,
  lockoutState,
  normaliseUsername,
  rateLimit,
  type LockoutPolicy,
  type PasswordProblem,
  type RateLimit,
} from '../core/access.ts';
import { AppError, type Problem } from '../core/errors.ts';
import { recordAudit, type AuditActor } from './audit.ts';

export type { UserRow, AccountRole };

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

/** argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane). */
export const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;
/** A hash to verify against when the username is unknown, so that both cases take the same time. */
function dummy(): Promise<string> {
  dummyHash ??= hashPassword('not a password of anyone: färdplan');
  return dummyHash;
}

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

export const sessionIdHash = (token: string): string => sha256(`session:${token}`);

/** The CSRF token of a session, derived from its token. */
export const csrfTokenFor = (sessionToken: string): string =>
  createHash('sha256').update(`csrf:${sessionToken}`, 'utf8').digest('base64url');

/** Constant-time comparison of a presented CSRF token with the session's. */
export function csrfTokenMatches(sessionToken: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const PROBLEM_TEXT: Record<PasswordProblem, string> = {
  too_short: 'must be at least 12 characters long',
  too_long: 'must be at most 256 characters long',
  equals_username: 'must not be the username',
  contains_username: 'must not contain the username',
  single_character: 'must not be one character repeated',
  common: 'is too common; choose a pass phrase of several words',
  control_character: 'must not contain control characters (tab, line break, …)',
};

function assertPasswordPolicy(password: string, username: string, field = 'password'): void {
  const check = checkPassword(password, username);
  if (!check.ok) {
    const details: Problem[] = check.problems.map((p) => ({ field, message: `The password ${PROBLEM_TEXT[p]}` }));
    throw new AppError(
      'validation_failed',
      `The password is not allowed: ${check.problems.map((p) => PROBLEM_TEXT[p]).join('; ')}`,
      details,
    );
  }
}

function requireUsername(raw: string): string {
  const u = normaliseUsername(raw);
  if (!u) {
    throw new AppError(
      'validation_failed',
      `Invalid username "${raw}": use 3–64 characters a–z, 0–9, '.', '_', '-' or '@', starting and ending with a letter or digit`,
      [{ field: 'username', message: 'invalid username' }],
    );
  }
  return u;
}

async function assertCommittee(db: Queryable, role: AccountRole, committeeId: string | null): Promise<void> {
  if (role === 'district_editor' && !committeeId) {
    throw new AppError('validation_failed', 'A district editor must belong to a committee (committeeId)', [
      { field: 'committeeId', message: 'required for district editors' },
    ]);
  }
  if (committeeId && !(await committeeExists(db, committeeId))) {
    throw new AppError('validation_failed', `Unknown committee "${committeeId}"`, [
      { field: 'committeeId', message: 'unknown committee' },
    ]);
  }
}

const userSnapshot = (u: UserRow): Record<string, unknown> => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  committeeId: u.committeeId,
  disabled: u.disabled,
  passwordChangedAt: u.passwordChangedAt,
});

// ------------------------------------------------------------------------------------ users

export interface NewUserInput {
  username: string;
  displayName?: string | undefined;
  role: AccountRole;
  committeeId?: string | null | undefined;
  password: string;
}

/** Creates an account. `actor` is null when created from the command line. */
export async function createUser(
  db: Database,
  input: NewUserInput,
  actor: AuditActor | null,
  fx: Pick<AuthEffects, 'now'>,
): Promise<UserRow> {
  const username = requireUsername(input.username);
  if (!isAccountRole(input.role))
    throw new AppError('validation_failed', `Unknown role "${String(input.role)}"`, [
      { field: 'role', message: 'unknown role' },
    ]);
  assertPasswordPolicy(input.password, username);
  const committeeId = input.committeeId ?? null;
  const passwordHash = await hashPassword(input.password);
  const now = fx.now();
  return db.transaction(async (tx) => {
    await assertCommittee(tx, input.role, committeeId);
    if (await findUserByUsername(tx, username))
      throw new AppError('conflict', `A user named "${username}" already exists`);
    const user = withoutHash(
      await insertUser(tx, {
        username,
        displayName: input.displayName?.trim() ?? '',
        role: input.role,
        committeeId,
        passwordHash,
        now,
      }),
    );
    await recordAudit(tx, {
      actor: actor ?? { id: null, username: 'cli' },
      at: now,
      action: 'create',
      entity: 'user',
      entityId: user.id,
      before: null,
      after: userSnapshot(user),
    });
    return user;
  });
}

export async function getUsers(db: Queryable): Promise<UserRow[]> {
  return listUsers(db);
}

export async function getCommittees(db: Queryable): Promise<{ id: string; name: string; kind: string }[]> {
  return listCommittees(db);
}

export interface UserChange {
  displayName?: string | undefined;
  role?: AccountRole | undefined;
  committeeId?: string | null | undefined;
  disabled?: boolean | undefined;
  /** A new password set by an administrator (the user's sessions end). */
  password?: string | undefined;
}

/** An administrator changes an account. The last active administrator cannot be demoted or disabled. */
export async function changeUser(
  db: Database,
  id: number,
  change: UserChange,
  actor: AuditActor,
  fx: Pick<AuthEffects, 'now'>,
): Promise<UserRow> {
  const now = fx.now();
  const existing = await findUserById(db, id);
  if (!existing) throw new AppError('not_found', `User ${id} was not found`);
  if (change.password !== undefined) assertPasswordPolicy(change.password, existing.username);
  const newHash = change.password !== undefined ? await hashPassword(change.password) : null;
  return db.transaction(async (tx) => {
    const before = await findUserById(tx, id);
    if (!before) throw new AppError('not_found', `User ${id} was not found`);
    const role = change.role ?? before.role;
    const committeeId = change.committeeId !== undefined ? change.committeeId : before.committeeId;
    await assertCommittee(tx, role, committeeId);
    const losesAdmin = before.role === 'admin' && !before.disabled && (role !== 'admin' || change.disabled === true);
    if (losesAdmin && (await countAdmins(tx)) <= 1) {
      throw new AppError('conflict', 'This is the last active administrator: make another user administrator first');
    }
    let after = await updateUser(
      tx,
      id,
      {
        displayName: change.displayName?.trim(),
        role: change.role,
        committeeId: change.committeeId,
        disabled: change.disabled,
      },
      now,
    );
    if (!after) throw new AppError('not_found', `User ${id} was not found`);
    if (newHash !== null) {
      await setPasswordHash(tx, id, newHash, now);
      after = (await findUserById(tx, id)) ?? after;
    }
    // A changed role, committee, password or a disabled account takes effect at once: end the user's sessions.
    if (newHash !== null || after.disabled || after.role !== before.role || after.committeeId !== before.committeeId) {
      await deleteSessionsOfUser(tx, id);
    }
    const b = userSnapshot(withoutHash(before));
    const a = userSnapshot(withoutHash(after));
    await recordAudit(tx, {
      actor,
      at: now,
      action: newHash !== null ? 'update_password' : 'update',
      entity: 'user',
      entityId: id,
      before: b,
      after: a,
    });
    return withoutHash(after);
  });
}

/** A user changes their own password; their other sessions end. */
export async function changeOwnPassword(
  db: Database,
  userId: number,
  currentPassword: string,
  newPassword: string,
  keepSessionToken: string | null,
  fx: Pick<AuthEffects, 'now'>,
  ip = '',
  policy: AuthPolicy = DEFAULT_AUTH_POLICY,
): Promise<void> {
  const user = await findUserById(db, userId);
  if (!user || user.disabled) throw new AppError('unauthenticated', 'Sign in again');
  // Wrong current passwords count toward the lock-out like failed sign-ins (a stolen session cannot guess freely).
  const at = fx.now();
  const t = at.getTime();
  const windowStart = new Date(t - Math.max(policy.lockout.windowMs + policy.lockout.lockMs, DAY));
  const state = await lockOf(db, user.username, ip, t, windowStart, policy);
  if (state.locked) throw lockedError(state.until!);
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
    await recordSignInAttempt(db, { username: user.username, ip, at, ok: false });
    const after = await lockOf(db, user.username, ip, t, windowStart, policy);
    if (after.locked) {
      await auditLockOut(db, user.username, user.id, ip, at, after.until!, 'password_change');
      throw lockedError(after.until!);
    }
    throw new AppError('forbidden', 'The current password is wrong', [
      { field: 'currentPassword', message: 'wrong password' },
    ]);
  }
  if (currentPassword === newPassword) {
    throw new AppError('validation_failed', 'The new password must differ from the current one', [
      { field: 'newPassword', message: 'same as the current password' },
    ]);
  }
  assertPasswordPolicy(newPassword, user.username, 'newPassword');
  const hash = await hashPassword(newPassword);
  const now = fx.now();
  await db.transaction(async (tx) => {
    await setPasswordHash(tx, userId, hash, now);
    await deleteSessionsOfUser(tx, userId, keepSessionToken ? sessionIdHash(keepSessionToken) : null);
    await recordAudit(tx, {
      actor: { id: user.id, username: user.username },
      at: now,
      action: 'update_password',
      entity: 'user',
      entityId: user.id,
      before: { passwordChangedAt: user.passwordChangedAt },
      after: { passwordChangedAt: now.toISOString() },
    });
  });
}

// ------------------------------------------------------------------------------------ sign-in

export interface SignInInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string;
}

export interface SignedIn {
  token: string;
  csrfToken: string;
  user: UserRow;
  expiresAt: Date;
}

const DAY = 24 * 3600_000;

function lockedError(until: number): AppError {
  const hhmm = new Date(until).toLocaleTimeString('sv-SE', {
    timeZone: 'Europe/Stockholm',
    hour: '2-digit',
    minute: '2-digit',
  });
  return new AppError('locked', `Too many failed sign-ins: the account is locked until ${hhmm}`);
}

export async function signIn(
  db: Database,
  input: SignInInput,
  fx: AuthEffects,
  policy: AuthPolicy = DEFAULT_AUTH_POLICY,
): Promise<SignedIn> {
  const now = fx.now();
  const t = now.getTime();
  const username = normaliseUsername(input.username) ?? input.username.trim().toLowerCase().slice(0, 100);

  const fromIp = await attemptsFromIp(db, input.ip, new Date(t - policy.signInRate.windowMs));
  const rl = rateLimit(fromIp, t, policy.signInRate);
  if (!rl.allowed) {
    const seconds = Math.max(1, Math.ceil(((rl.retryAt ?? t) - t) / 1000));
    throw new AppError('rate_limited', `Too many sign-in attempts from this address: try again in ${seconds} s`);
  }

  const windowStart = new Date(t - Math.max(policy.lockout.windowMs + policy.lockout.lockMs, DAY));
  const lock = () => lockOf(db, username, input.ip, t, windowStart, policy);
  const before = await lock();
  if (before.locked) throw lockedError(before.until!);

  const user = await findUserByUsername(db, username);
  let ok = false;
  if (user && user.passwordHash && !user.disabled) {
    ok = await verifyPassword(user.passwordHash, input.password);
  } else {
    await verifyPassword(await dummy(), input.password); // same work as for a real account
  }
  await recordSignInAttempt(db, { username, ip: input.ip, at: now, ok });

  if (!ok || !user) {
    const afterLock = await lock();
    if (afterLock.locked) {
      await auditLockOut(db, username, user?.id ?? null, input.ip, now, afterLock.until!, 'sign_in');
      throw lockedError(afterLock.until!);
    }
    throw new AppError('unauthenticated', 'Wrong username or password');
  }
  await recordAudit(db, {
    actor: { id: user.id, username: user.username },
    at: now,
    action: 'sign_in',
    entity: 'user',
    entityId: user.id,
    before: null,
    after: { ip: input.ip },
  });

  if (user.passwordHash && argon2.needsRehash(user.passwordHash, HASH_OPTIONS)) {
    await setPasswordHash(db, user.id, await hashPassword(input.password), now);
  }
  const token = Buffer.from(fx.randomBytes(32)).toString('base64url');
  const expiresAt = new Date(t + policy.sessionMaxMs);
  await insertSession(db, {
    idHash: sessionIdHash(token),
    userId: user.id,
    now,
    expiresAt,
    ip: input.ip,
    userAgent: input.userAgent,
  });
  // Housekeeping: old attempts and ended sessions.
  await pruneSignInAttempts(db, new Date(t - 7 * DAY));
  await deleteExpiredSessions(db, now, new Date(t - policy.sessionIdleMs));
  return { token, csrfToken: csrfTokenFor(token), user: withoutHash(user), expiresAt };
}

/** Ends a session; with `audit`, the sign-out is recorded in the audit log. */
export async function signOut(
  db: Queryable,
  token: string,
  audit?: { actor: { id: number; username: string }; at: Date },
): Promise<void> {
  await deleteSession(db, sessionIdHash(token));
  if (audit)
    await recordAudit(db, {
      actor: audit.actor,
      at: audit.at,
      action: 'sign_out',
      entity: 'user',
      entityId: audit.actor.id,
      before: null,
      after: null,
    });
}

/** The lock of a username at an address: per account and address, and account-wide unless the address is usual. */
async function lockOf(
  db: Queryable,
  username: string,
  ip: string,
  t: number,
  windowStart: Date,
  policy: AuthPolicy,
): Promise<{ locked: boolean; until: number | null }> {
  const here = lockoutState(await failuresFromAddress(db, username, ip, windowStart), t, policy.lockout);
  if (here.locked || !policy.accountLockout) return here;
  if (await signedInFrom(db, username, ip, new Date(t - 7 * DAY))) return here;
  return lockoutState(await failuresSinceLastSuccess(db, username, windowStart), t, policy.accountLockout);
}

async function auditLockOut(
  db: Queryable,
  username: string,
  userId: number | null,
  ip: string,
  now: Date,
  until: number,
  via: 'sign_in' | 'password_change',
): Promise<void> {
  await recordAudit(db, {
    actor: userId === null ? null : { id: userId, username },
    at: now,
    action: 'lock_out',
    entity: 'user',
    entityId: userId ?? username,
    before: null,
    after: { ip, until: new Date(until).toISOString(), via },
  });
}

/** The user of a session token, or null when the session does not exist, has ended or the account is disabled. */
export async function userOfSession(
  db: Queryable,
  token: string,
  fx: Pick<AuthEffects, 'now'>,
  policy: AuthPolicy = DEFAULT_AUTH_POLICY,
): Promise<UserRow | null> {
  if (!token || token.length > 200) return null;
  const idHash = sessionIdHash(token);
  const s = await findSession(db, idHash);
  if (!s) return null;
  const t = fx.now().getTime();
  if (Date.parse(s.expiresAt) <= t || Date.parse(s.lastSeenAt) + policy.sessionIdleMs <= t || s.user.disabled) {
    await deleteSession(db, idHash);
    return null;
  }
  if (t - Date.parse(s.lastSeenAt) > 60_000) await touchSession(db, idHash, new Date(t));
  return s.user;
}

/** The area keys (`division:code`) of a committee, for district editors' scoping. */
export async function areasOfCommittee(db: Queryable, committeeId: string): Promise<string[]> {
  return committeeAreaKeys(db, committeeId);
}
