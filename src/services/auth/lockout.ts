/** Account lock-outs after repeated failed sign-ins or password changes. */
import type { Queryable } from '../../db/database.ts';
import { failuresFromAddress, failuresSinceLastSuccess, signedInFrom } from '../../db/repositories/users.ts';
import { lockoutState } from '../../core/access.ts';
import { AppError } from '../../core/errors.ts';
import { recordAudit } from '../audit.ts';
import { DAY, type AuthPolicy } from './policy.ts';

export function lockedError(until: number): AppError {
  const hhmm = new Date(until).toLocaleTimeString('sv-SE', {
    timeZone: 'Europe/Stockholm',
    hour: '2-digit',
    minute: '2-digit',
  });
  return new AppError('locked', `Too many failed sign-ins: the account is locked until ${hhmm}`);
}

/** The lock of a username at an address: per account and address, and account-wide unless the address is usual. */
export async function lockOf(
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

export async function auditLockOut(
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
