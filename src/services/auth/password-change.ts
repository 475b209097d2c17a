/** A user changes their own password. */
import type { Database } from '../../db/database.ts';
import {
  deleteSessionsOfUser,
  findUserById,
  recordSignInAttempt,
  setPasswordHash,
} from '../../db/repositories/users.ts';
import { AppError } from '../../core/errors.ts';
import { recordAudit } from '../audit.ts';
import { auditLockOut, lockedError, lockOf } from './lockout.ts';
import { assertPasswordPolicy, hashPassword, verifyPassword } from './passwords.ts';
import { DAY, DEFAULT_AUTH_POLICY, type AuthEffects, type AuthPolicy } from './policy.ts';
import { sessionIdHash } from './sessions.ts';

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
