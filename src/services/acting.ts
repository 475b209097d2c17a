/**
 * Who performs a command: the same shape from the HTTP API, the CLI and jobs. Commands resolve the
 * access actor (with the committee's areas for district editors) INSIDE their write transaction
 * and check `can()` there, so that no route, CLI command or job can skip the check.
 */
import type { Queryable } from '../db/database.ts';
import { committeeAreaKeys } from '../db/repositories/committees.ts';
import { can, type Actor, type Permission, type Role, type ScopedResource } from '../core/access.ts';
import { AppError } from '../core/errors.ts';
import type { AuditActor } from './audit.ts';

export interface ActingUser {
  /** The account id; null for the command line, jobs, the development flag or the public. */
  id: number | null;
  username: string;
  role: Role;
  committeeId: string | null;
}

/** The command line and start-up jobs act as the system (an administrator). */
export const SYSTEM_USER: ActingUser = { id: null, username: 'cli', role: 'admin', committeeId: null };

export const auditActorOf = (u: ActingUser | null): AuditActor | null =>
  u === null || u.role === 'public' ? null : { id: u.id, username: u.username };

/** The core's view of the acting user, with the committee's areas read in `tx`. */
export async function accessActorOf(tx: Queryable, u: ActingUser | null): Promise<Actor | null> {
  if (u === null || u.role === 'public') return null;
  if (u.role !== 'district_editor' || !u.committeeId) return { role: u.role, committeeId: u.committeeId };
  return { role: u.role, committeeId: u.committeeId, committeeAreaIds: await committeeAreaKeys(tx, u.committeeId) };
}

/**
 * What a command works with once inside its transaction: the core's view for `can()` (the committee's areas
 * read in `tx`), the name for the audit log, and the account id. Every command takes an `ActingUser` and
 * derives this with `actingIn(tx, user)` as its first step.
 */
export interface Acting {
  actor: Actor | null;
  audit: AuditActor | null;
  userId: number | null;
}

export async function actingIn(tx: Queryable, u: ActingUser | null): Promise<Acting> {
  return { actor: await accessActorOf(tx, u), audit: auditActorOf(u), userId: u?.id ?? null };
}

/** Who acts and when: what the command line, the routes and jobs hand a command. */
export interface CommandContext {
  user: ActingUser | null;
  now: Date;
}

/** 401/403 unless the acting user holds `permission` for every resource given (none: the permission at all). */
export async function authorise(
  tx: Queryable,
  u: ActingUser | null,
  permission: Permission,
  ...resources: ScopedResource[]
): Promise<Acting> {
  const acting = await actingIn(tx, u);
  const actor = acting.actor;
  const ok = resources.length === 0 ? can(actor, permission) : resources.every((r) => can(actor, permission, r));
  if (ok) return acting;
  if (actor === null) throw new AppError('unauthenticated', 'Sign in first');
  throw new AppError(
    'forbidden',
    actor.role === 'district_editor'
      ? `Your committee's areas do not include this (${permission})`
      : `Your role (${actor.role}) may not do this (${permission})`,
    [{ field: 'permission', message: permission }],
  );
}
