/** Accounts: creation and changes by an administrator, with the audit log. */
import type { Database, Queryable } from '../../db/database.ts';
import {
  committeeAreaKeys,
  committeeExists,
  countAdmins,
  deleteSessionsOfUser,
  findUserById,
  findUserByUsername,
  insertUser,
  listCommittees,
  listUsers,
  setPasswordHash,
  updateUser,
  withoutHash,
  type AccountRole,
  type UserRow,
} from '../../db/repositories/users.ts';
import { isAccountRole, normaliseUsername } from '../../core/access.ts';
import { AppError } from '../../core/errors.ts';
import { recordAudit, type AuditActor } from '../audit.ts';
import { assertPasswordPolicy, hashPassword } from './passwords.ts';
import type { AuthEffects } from './policy.ts';

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

/** The area keys (`division:code`) of a committee, for district editors' scoping. */
export async function areasOfCommittee(db: Queryable, committeeId: string): Promise<string[]> {
  return committeeAreaKeys(db, committeeId);
}

/** The account of that name (matched trimmed and in lower case), or null; never with its password hash. */
export async function findAccount(db: Queryable, username: string): Promise<UserRow | null> {
  const u = await findUserByUsername(db, username.trim().toLowerCase());
  return u ? withoutHash(u) : null;
}
