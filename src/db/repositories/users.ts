/** Accounts, sessions and sign-in attempts. All SQL of access control (except the audit log) lives here. */
import type { Queryable } from '../database.ts';
import type { Rows } from '../rows.generated.ts';

type User = Rows['app_user'];

export type AccountRole = User['role'];

export interface UserRow extends Pick<
  User,
  | 'id'
  | 'username'
  | 'displayName'
  | 'role'
  | 'committeeId'
  | 'disabled'
  | 'createdAt'
  | 'updatedAt'
  | 'passwordChangedAt'
> {
  /** Whether password_hash is set. */
  hasPassword: boolean;
}

export interface UserWithHash extends UserRow {
  passwordHash: User['passwordHash'];
}

/** USER_COLUMNS under their SQL names. */
interface RawUser {
  id: User['id'];
  username: User['username'];
  display_name: User['displayName'];
  role: User['role'];
  committee_id: User['committeeId'];
  disabled: User['disabled'];
  password_hash: User['passwordHash'];
  created_at: User['createdAt'];
  updated_at: User['updatedAt'];
  password_changed_at: User['passwordChangedAt'];
}

const USER_COLUMNS =
  'id, username, display_name, role, committee_id, disabled, password_hash, created_at, updated_at, password_changed_at';

function toUser(r: RawUser): UserWithHash {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    committeeId: r.committee_id,
    disabled: r.disabled,
    hasPassword: r.password_hash !== null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    passwordChangedAt: r.password_changed_at,
    passwordHash: r.password_hash,
  };
}

/** Drops the hash: what may leave the service layer. */
export function withoutHash(u: UserWithHash): UserRow {
  const { passwordHash: _omit, ...rest } = u;
  return rest;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: AccountRole;
  committeeId: string | null;
  passwordHash: string;
  now: Date;
}

export async function insertUser(db: Queryable, u: NewUser): Promise<UserWithHash> {
  const rows = await db.query<RawUser>(
    `INSERT INTO app_user (username, display_name, role, committee_id, password_hash, created_at, updated_at, password_changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $6) RETURNING ${USER_COLUMNS}`,
    [u.username, u.displayName, u.role, u.committeeId, u.passwordHash, u.now.toISOString()],
  );
  return toUser(rows[0]!);
}

export async function findUserByUsername(db: Queryable, username: string): Promise<UserWithHash | null> {
  const rows = await db.query<RawUser>(`SELECT ${USER_COLUMNS} FROM app_user WHERE username = $1`, [username]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function findUserById(db: Queryable, id: number): Promise<UserWithHash | null> {
  const rows = await db.query<RawUser>(`SELECT ${USER_COLUMNS} FROM app_user WHERE id = $1`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function listUsers(db: Queryable): Promise<UserRow[]> {
  const rows = await db.query<RawUser>(`SELECT ${USER_COLUMNS} FROM app_user ORDER BY username`);
  return rows.map((r) => withoutHash(toUser(r)));
}

export async function countAdmins(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM app_user WHERE role = 'admin' AND NOT disabled`,
  );
  return rows[0]?.n ?? 0;
}

export interface UserPatch {
  displayName?: string;
  role?: AccountRole;
  committeeId?: string | null;
  disabled?: boolean;
}

export async function updateUser(db: Queryable, id: number, patch: UserPatch, now: Date): Promise<UserWithHash | null> {
  const rows = await db.query<RawUser>(
    `UPDATE app_user SET
       display_name = CASE WHEN $2::boolean THEN $3 ELSE display_name END,
       role         = CASE WHEN $4::boolean THEN $5 ELSE role END,
       committee_id = CASE WHEN $6::boolean THEN $7 ELSE committee_id END,
       disabled     = CASE WHEN $8::boolean THEN $9::boolean ELSE disabled END,
       updated_at   = $10
     WHERE id = $1 RETURNING ${USER_COLUMNS}`,
    [
      id,
      patch.displayName !== undefined,
      patch.displayName ?? null,
      patch.role !== undefined,
      patch.role ?? null,
      patch.committeeId !== undefined,
      patch.committeeId ?? null,
      patch.disabled !== undefined,
      patch.disabled ?? null,
      now.toISOString(),
    ],
  );
  return rows[0] ? toUser(rows[0]) : null;
}

export async function setPasswordHash(db: Queryable, id: number, hash: string, now: Date): Promise<void> {
  await db.query('UPDATE app_user SET password_hash = $2, password_changed_at = $3, updated_at = $3 WHERE id = $1', [
    id,
    hash,
    now.toISOString(),
  ]);
}

export async function committeeExists(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM committee WHERE id = $1', [id]);
  return rows.length > 0;
}

export async function listCommittees(db: Queryable): Promise<Pick<Rows['committee'], 'id' | 'name' | 'kind'>[]> {
  return db.query<Pick<Rows['committee'], 'id' | 'name' | 'kind'>>(
    'SELECT id, name, kind FROM committee ORDER BY kind, name, valid_from DESC NULLS FIRST, id',
  );
}

/** The areas of a committee, from committee_area and the area hierarchy (see ./committees.ts). */
export { committeeAreaKeys } from './committees.ts';

// ------------------------------------------------------------------------------------ sessions

type Session = Rows['user_session'];

export type SessionRow = Pick<Session, 'idHash' | 'userId' | 'createdAt' | 'lastSeenAt' | 'expiresAt'>;

export async function insertSession(
  db: Queryable,
  s: { idHash: string; userId: number; now: Date; expiresAt: Date; ip: string; userAgent: string },
): Promise<void> {
  await db.query(
    `INSERT INTO user_session (id_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, $3, $4, $5, $6)`,
    [s.idHash, s.userId, s.now.toISOString(), s.expiresAt.toISOString(), s.ip, s.userAgent.slice(0, 300)],
  );
}

export async function findSession(db: Queryable, idHash: string): Promise<(SessionRow & { user: UserRow }) | null> {
  const rows = await db.query<
    RawUser & {
      id_hash: Session['idHash'];
      user_id: Session['userId'];
      s_created_at: Session['createdAt'];
      last_seen_at: Session['lastSeenAt'];
      expires_at: Session['expiresAt'];
    }
  >(
    `SELECT s.id_hash, s.user_id, s.created_at AS s_created_at, s.last_seen_at, s.expires_at,
            u.id, u.username, u.display_name, u.role, u.committee_id, u.disabled, u.password_hash, u.created_at, u.updated_at, u.password_changed_at
       FROM user_session s JOIN app_user u ON u.id = s.user_id
      WHERE s.id_hash = $1`,
    [idHash],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    idHash: r.id_hash,
    userId: r.user_id,
    createdAt: r.s_created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    user: withoutHash(toUser(r)),
  };
}

export async function touchSession(db: Queryable, idHash: string, now: Date): Promise<void> {
  await db.query('UPDATE user_session SET last_seen_at = $2 WHERE id_hash = $1', [idHash, now.toISOString()]);
}

export async function deleteSession(db: Queryable, idHash: string): Promise<void> {
  await db.query('DELETE FROM user_session WHERE id_hash = $1', [idHash]);
}

/** Ends every session of a user, except (optionally) the one in use. */
export async function deleteSessionsOfUser(
  db: Queryable,
  userId: number,
  exceptIdHash: string | null = null,
): Promise<void> {
  await db.query('DELETE FROM user_session WHERE user_id = $1 AND ($2::text IS NULL OR id_hash <> $2)', [
    userId,
    exceptIdHash,
  ]);
}

export async function deleteExpiredSessions(db: Queryable, now: Date, idleBefore: Date): Promise<void> {
  await db.query('DELETE FROM user_session WHERE expires_at <= $1 OR last_seen_at < $2', [
    now.toISOString(),
    idleBefore.toISOString(),
  ]);
}

// ------------------------------------------------------------------------------------ sign-in attempts

export async function recordSignInAttempt(
  db: Queryable,
  a: { username: string; ip: string; at: Date; ok: boolean },
): Promise<void> {
  await db.query('INSERT INTO sign_in_attempt (username, ip, at, ok) VALUES ($1, $2, $3, $4)', [
    a.username,
    a.ip,
    a.at.toISOString(),
    a.ok,
  ]);
}

/** Times (epoch ms) of the failed attempts for a username after its last successful one and after `since`. */
export async function failuresSinceLastSuccess(db: Queryable, username: string, since: Date): Promise<number[]> {
  const rows = await db.query<Pick<Rows['sign_in_attempt'], 'at'>>(
    `SELECT at FROM sign_in_attempt
      WHERE username = $1 AND NOT ok AND at > $2
        AND at > COALESCE((SELECT max(at) FROM sign_in_attempt WHERE username = $1 AND ok), '-infinity'::timestamptz)
      ORDER BY at`,
    [username, since.toISOString()],
  );
  return rows.map((r) => Date.parse(r.at));
}

/** Times (epoch ms) of the failures of a username from one address after its last success from there and `since`. */
export async function failuresFromAddress(db: Queryable, username: string, ip: string, since: Date): Promise<number[]> {
  const rows = await db.query<Pick<Rows['sign_in_attempt'], 'at'>>(
    `SELECT at FROM sign_in_attempt
      WHERE username = $1 AND ip = $2 AND NOT ok AND at > $3
        AND at > COALESCE((SELECT max(at) FROM sign_in_attempt WHERE username = $1 AND ip = $2 AND ok), '-infinity'::timestamptz)
      ORDER BY at`,
    [username, ip, since.toISOString()],
  );
  return rows.map((r) => Date.parse(r.at));
}

/** True when the username signed in successfully from `ip` after `since` (a usual address). */
export async function signedInFrom(db: Queryable, username: string, ip: string, since: Date): Promise<boolean> {
  const rows = await db.query(
    'SELECT 1 FROM sign_in_attempt WHERE username = $1 AND ip = $2 AND ok AND at > $3 LIMIT 1',
    [username, ip, since.toISOString()],
  );
  return rows.length > 0;
}

/** Times (epoch ms) of all attempts from one client address after `since`. */
export async function attemptsFromIp(db: Queryable, ip: string, since: Date): Promise<number[]> {
  const rows = await db.query<Pick<Rows['sign_in_attempt'], 'at'>>(
    'SELECT at FROM sign_in_attempt WHERE ip = $1 AND at > $2 ORDER BY at',
    [ip, since.toISOString()],
  );
  return rows.map((r) => Date.parse(r.at));
}

export async function pruneSignInAttempts(db: Queryable, before: Date): Promise<void> {
  await db.query('DELETE FROM sign_in_attempt WHERE at < $1', [before.toISOString()]);
}
