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
export type { UserRow, AccountRole } from '../../db/repositories/users.ts';
export { DEFAULT_AUTH_POLICY, type AuthEffects, type AuthPolicy } from './policy.ts';
export { HASH_OPTIONS, hashPassword, verifyPassword } from './passwords.ts';
export { sessionIdHash, csrfTokenFor, csrfTokenMatches, signOut, userOfSession } from './sessions.ts';
export {
  createUser,
  getUsers,
  getCommittees,
  changeUser,
  areasOfCommittee,
  findAccount,
  type NewUserInput,
  type UserChange,
} from './users.ts';
export { changeOwnPassword } from './password-change.ts';
export { signIn, type SignInInput, type SignedIn } from './sign-in.ts';
