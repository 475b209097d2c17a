/** Saved allocation scenarios. */
import type { Database, Queryable } from '../../db/database.ts';
import * as scenarioRows from '../../db/repositories/analysis.ts';
import { AppError } from '../../core/errors.ts';
import { authorise, type CommandContext } from '../acting.ts';
import { recordAudit } from '../audit.ts';
import { computeAllocation, type AllocationParams, type AllocationResponse } from './allocation.ts';

/** Computes an allocation and saves it under a name (analysts; authorised and audited in the write transaction). */
export async function saveScenario(db: Database, p: AllocationParams & { name: string }, ctx: CommandContext) {
  const name = p.name.trim();
  if (!name)
    throw new AppError('validation_failed', 'A scenario needs a name', [{ field: 'name', message: 'required' }]);
  const result = await computeAllocation(db, p);
  return db.transaction(async (tx) => {
    const { audit } = await authorise(tx, ctx.user, 'indicators:write');
    const id = await scenarioRows.insertScenario(tx, {
      name,
      params: result.params,
      result,
      createdBy: audit?.username ?? null,
    });
    if (id === null) throw new AppError('conflict', `A scenario named '${name}' already exists`);
    await recordAudit(tx, {
      actor: audit,
      at: ctx.now,
      action: 'create',
      entity: 'allocation_scenario',
      entityId: id,
      before: null,
      after: { name, params: result.params },
    });
    return { id, name, ...result };
  });
}

export async function listScenarios(db: Queryable) {
  return (await scenarioRows.listScenarios(db)).map((s) => ({ ...s, id: Number(s.id) }));
}

export async function getScenarios(db: Queryable, ids: readonly number[]) {
  const rows = await scenarioRows.getScenarios(db, ids);
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

/** Deletes a saved scenario (analysts; authorised and audited in the write transaction). */
export async function removeScenario(db: Database, id: number, ctx: CommandContext): Promise<void> {
  await db.transaction(async (tx) => {
    const { audit } = await authorise(tx, ctx.user, 'indicators:write');
    const [before] = await getScenarios(tx, [id]);
    if (!(await scenarioRows.deleteScenario(tx, id)))
      throw new AppError('not_found', `The scenario ${id} was not found`);
    await recordAudit(tx, {
      actor: audit,
      at: ctx.now,
      action: 'delete',
      entity: 'allocation_scenario',
      entityId: id,
      before: { name: before?.name, params: before?.params },
      after: null,
    });
  });
}
