/** Saved allocation scenarios. */
import type { Database, Queryable } from '../../db/database.ts';
import * as repo from '../../db/repositories/analysis.ts';
import { AppError } from '../../core/errors.ts';
import { computeAllocation, type AllocationParams, type AllocationResponse } from './allocation.ts';

export async function saveScenario(db: Database, p: AllocationParams & { name: string }, createdBy: string | null) {
  const name = p.name.trim();
  if (!name)
    throw new AppError('validation_failed', 'A scenario needs a name', [{ field: 'name', message: 'required' }]);
  const result = await computeAllocation(db, p);
  const id = await repo.insertScenario(db, { name, params: result.params, result, createdBy });
  if (id === null) throw new AppError('conflict', `A scenario named '${name}' already exists`);
  return { id, name, ...result };
}

export async function listScenarios(db: Queryable) {
  return (await repo.listScenarios(db)).map((s) => ({ ...s, id: Number(s.id) }));
}

export async function getScenarios(db: Queryable, ids: readonly number[]) {
  const rows = await repo.getScenarios(db, ids);
  for (const id of ids)
    if (!rows.some((r) => Number(r.id) === id)) throw new AppError('not_found', `The scenario ${id} was not found`);
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    ...(r.result as AllocationResponse),
  }));
}

export async function removeScenario(db: Queryable, id: number): Promise<void> {
  if (!(await repo.deleteScenario(db, id))) throw new AppError('not_found', `The scenario ${id} was not found`);
}
