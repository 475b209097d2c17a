/** Accounts as the command line finds them: by name (`--as <username>`, `fardplan user password`). */
import type { Queryable } from '../db/database.ts';
import { committeeAreaKeys } from '../db/repositories/committees.ts';
import { findUserByUsername, withoutHash, type UserRow } from '../db/repositories/users.ts';
import type { Actor } from '../core/access.ts';

/** The account of that name (matched trimmed and in lower case), or null; never with its password hash. */
export async function findAccount(db: Queryable, username: string): Promise<UserRow | null> {
  const u = await findUserByUsername(db, username.trim().toLowerCase());
  return u ? withoutHash(u) : null;
}

/** The access actor of an account, with its committee's area keys (none without a committee). */
export async function actorOfAccount(db: Queryable, u: UserRow): Promise<Actor> {
  return {
    role: u.role,
    committeeId: u.committeeId,
    committeeAreaIds: u.committeeId ? await committeeAreaKeys(db, u.committeeId) : [],
  };
}
