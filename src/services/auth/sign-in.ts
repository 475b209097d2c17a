/** Sign-in: rate limited per address, with lock-outs, the same work for unknown usernames, and a new session. */
import argon2 from 'argon2';
import type { Database } from '../../db/database.ts';
import {
  attemptsFromIp,
  deleteExpiredSessions,
  findUserByUsername,
  insertSession,
  pruneSignInAttempts,
  recordSignInAttempt,
  setPasswordHash,
  withoutHash,
  type UserRow,
} from '../../db/repositories/users.ts';
import { normaliseUsername, rateLimit } from '../../core/access.ts';
import { AppError } from '../../core/errors.ts';
import { recordAudit } from '../audit.ts';
import { auditLockOut, lockedError, lockOf } from './lockout.ts';
import { HASH_OPTIONS, dummy, hashPassword, verifyPassword } from './passwords.ts';
import { DAY, DEFAULT_AUTH_POLICY, type AuthEffects, type AuthPolicy } from './policy.ts';
import { csrfTokenFor, sessionIdHash } from './sessions.ts';

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
