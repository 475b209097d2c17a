/**
 * Shared parts of the participation services: effects, area checks, locking loaders.
 * Commands take the acting user (`ActingUser`, src/services/acting.ts) and authorise inside their write
 * transaction: they derive the actor there (`actingIn`, with a district editor's committee areas read in
 * that transaction), load the row FOR UPDATE, check `can()` for the stored area (and the new one), write
 * and audit, all in one transaction.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/database.ts';
import * as repo from '../../db/repositories/participation.ts';
import * as budgetRepo from '../../db/repositories/participation-budget.ts';
import type { ProcessRow } from '../../db/repositories/participation-budget.ts';
import { AppError, reasonError } from '../../core/errors.ts';
import { can, type Permission } from '../../core/access.ts';
import type { Acting } from '../acting.ts';
import type { AreaRef as ContractAreaRef } from '../../core/contracts/statistics.ts';

export interface Effects {
  now: () => Date;
  randomBytes: (n: number) => Uint8Array;
}

/** Default support threshold (and verification) when an area has none configured. */
export const DEFAULT_THRESHOLD = { supports: 100, periodDays: 90, verification: 'code' } as const;

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** An area by its key: the contract's AreaRef without the name. */
export type AreaRef = Pick<ContractAreaRef, 'divisionId' | 'code'>;

export function splitArea(key: string): AreaRef {
  const i = key.indexOf(':');
  if (i <= 0)
    throw new AppError('validation_failed', `area must be "division:code" (got "${key}")`, [
      { field: 'area', message: 'expected division:code', code: 'area_unknown', params: { area: key } },
    ]);
  return { divisionId: key.slice(0, i), code: key.slice(i + 1) };
}

export const areaKey = (a: AreaRef): string => `${a.divisionId}:${a.code}`;

export async function checkArea(db: Queryable, key: string): Promise<AreaRef> {
  const a = splitArea(key);
  if (!(await repo.areaExists(db, a.divisionId, a.code)))
    throw new AppError('validation_failed', `unknown area "${key}"`, [
      { field: 'area', message: 'unknown area', code: 'area_unknown', params: { area: key } },
    ]);
  return a;
}

export async function checkGoalArea(db: Queryable, id: string | null | undefined): Promise<string | null> {
  if (!id) return null;
  if (!(await repo.goalAreaExists(db, id)))
    throw new AppError('validation_failed', `unknown goal area "${id}"`, [
      { field: 'goalArea', message: 'unknown goal area', code: 'goal_area_unknown', params: { goalArea: id } },
    ]);
  return id;
}

/**
 * 401 for the public, 403 unless the actor (derived in the command's transaction) holds `permission` for
 * every one of `areas` (district editors: their committee's areas, by the committee's area hierarchy).
 */
export function authorise(acting: Acting, permission: Permission, areas: readonly AreaRef[]): void {
  if (!acting.actor) throw reasonError('unauthenticated', 'sign_in', 'Sign in first');
  if (!can(acting.actor, permission, { areaIds: areas.map(areaKey) }))
    throw reasonError('forbidden', 'not_allowed_area', `Your role may not do this (${permission}) in this area`, {
      permission,
    });
}

export const proposalNotFound = (): AppError =>
  reasonError('not_found', 'proposal_not_found', 'The proposal was not found');
export const processNotFound = (): AppError =>
  reasonError('not_found', 'process_not_found', 'The process was not found');

export async function mustProcess(db: Queryable, id: string): Promise<ProcessRow> {
  const p = await budgetRepo.findProcess(db, id);
  if (!p) throw processNotFound();
  return p;
}

/** The process, locked for the rest of the transaction. */
export async function lockedProcess(tx: Queryable, id: string, mode: 'update' | 'share' = 'update') {
  if (!(await budgetRepo.lockProcess(tx, id, mode))) throw processNotFound();
  return mustProcess(tx, id);
}

/** The process locked FOR UPDATE with the acting user (derived in `tx`) authorised for its area. */
export async function processForChange(tx: Queryable, id: string, acting: Acting): Promise<ProcessRow> {
  if (!acting.actor) throw reasonError('unauthenticated', 'sign_in', 'Sign in first');
  const p = await lockedProcess(tx, id);
  authorise(acting, 'participation:manage', [{ divisionId: p.divisionId, code: p.areaCode }]);
  return p;
}
