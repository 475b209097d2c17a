/** Session tokens, their CSRF tokens, and the lookup and end of a session. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../../db/database.ts';
import { deleteSession, findSession, touchSession, type UserRow } from '../../db/repositories/users.ts';
import { recordAudit } from '../audit.ts';
import { DEFAULT_AUTH_POLICY, type AuthEffects, type AuthPolicy } from './policy.ts';

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
