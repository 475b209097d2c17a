/**
 * Participatory-budget processes and their projects: create, move through the phases (the state
 * machine in src/core/participation/phases.ts), add and assess projects. Authorised inside the
 * transaction for the process's stored area.
 */
import type { Database, Queryable } from '../../db/database.ts';
import * as repo from '../../db/repositories/participation-budget.ts';
import type { ProcessRow, ProjectRow } from '../../db/repositories/participation-budget.ts';
import { AppError, reasonError } from '../../core/errors.ts';
import { decidePhase, projectsEditable, type Phase } from '../../core/participation/phases.ts';
import type { ProcessInput, ProjectInput } from '../../core/contracts/participation.ts';
import { recordAudit } from '../audit.ts';
import { actingIn, type ActingUser } from '../acting.ts';
import { authorise, checkArea, mustProcess, processForChange, type Effects } from './common.ts';
import { freezeResults } from './results.ts';
import { ballotMix } from './mix.ts';

export async function createProcess(
  db: Database,
  input: ProcessInput,
  user: ActingUser | null,
  fx: Pick<Effects, 'now'>,
): Promise<ProcessRow> {
  return db.transaction(async (tx) => {
    const acting = await actingIn(tx, user);
    const a = await checkArea(tx, input.area);
    authorise(acting, 'participation:manage', [a]);
    if (await repo.findProcess(tx, input.id))
      throw reasonError('conflict', 'process_exists', `a process with id "${input.id}" exists`, { id: input.id });
    const row = {
      id: input.id,
      name: input.name,
      description: input.description ?? '',
      divisionId: a.divisionId,
      areaCode: a.code,
      budget: BigInt(input.budget),
      rule: input.rule,
      knapsack: input.knapsack,
      maxChoices: input.maxChoices,
      phase: 'draft' as const,
    };
    await repo.insertProcess(tx, row);
    await recordAudit(tx, {
      actor: acting.audit,
      at: fx.now(),
      action: 'create',
      entity: 'participation_process',
      entityId: input.id,
      before: null,
      after: row,
    });
    return mustProcess(tx, input.id);
  });
}

/**
 * Moves a process to `phase` if the state machine allows it. Closing voting first writes this
 * server's mix of ballots (in the same transaction), then computes and freezes the results. The
 * correction closed → voting needs a reason, clears the frozen results and is audited as a correction.
 */
export async function setPhase(
  db: Database,
  id: string,
  input: { phase: Phase; reason?: string | undefined },
  user: ActingUser | null,
  fx: Effects,
): Promise<ProcessRow> {
  const mix = ballotMix(db, fx);
  await mix.flush(id); // the ballots waiting now go in with a batch of their own
  let settle: ((err: unknown) => void) | null = null;
  try {
    const after = await changePhase(db, id, input, user, fx, async (tx) => {
      settle = await mix.flushInto(tx, id); // and those that came in since, with the closing
    });
    (settle as ((err: unknown) => void) | null)?.(null);
    return after;
  } catch (err) {
    (settle as ((err: unknown) => void) | null)?.(err);
    throw err;
  }
}

async function changePhase(
  db: Database,
  id: string,
  input: { phase: Phase; reason?: string | undefined },
  user: ActingUser | null,
  fx: Effects,
  beforeClosing: (tx: Queryable) => Promise<void>,
): Promise<ProcessRow> {
  return db.transaction(async (tx) => {
    const acting = await actingIn(tx, user);
    const before = await processForChange(tx, id, acting);
    const d = decidePhase(before.phase, input.phase, input.reason);
    if (!d.ok && d.refusal) {
      const status = d.refusal.code === 'phase_correction_needs_reason' ? 'validation_failed' : 'conflict';
      throw new AppError(status, `the process cannot move from ${before.phase} to ${input.phase}`, [
        { field: 'phase', message: d.refusal.code, code: d.refusal.code, params: d.refusal.params },
      ]);
    }
    if (before.phase === 'voting' && input.phase === 'closed') await beforeClosing(tx);
    await repo.setProcessPhase(tx, id, input.phase);
    if (input.phase === 'closed') await freezeResults(tx, id);
    if (d.correction) await repo.setFrozenResults(tx, id, null);
    const after = await mustProcess(tx, id);
    await recordAudit(tx, {
      actor: acting.audit,
      at: fx.now(),
      action: d.correction ? 'phase_correction' : 'phase',
      entity: 'participation_process',
      entityId: id,
      before,
      after: d.correction ? { ...after, correctionReason: input.reason } : after,
    });
    return after;
  });
}

const PROJECT_ID = /^[A-Za-z0-9._-]{1,40}$/;

/** True when the input changes what residents vote on (anything but the follow-up). */
function changesBallot(before: ProjectRow, input: ProjectInput): boolean {
  return (
    before.title !== input.title ||
    before.cost !== BigInt(input.cost) ||
    (input.description !== undefined && input.description !== before.description) ||
    (input.feasible !== undefined && input.feasible !== before.feasible) ||
    (input.assessment !== undefined && input.assessment !== before.assessment)
  );
}

/** Adds or updates a project; once voting has opened only its follow-up (what was built) may change. */
export async function saveProject(
  db: Database,
  processId: string,
  projectId: string,
  input: ProjectInput,
  user: ActingUser | null,
  fx: Pick<Effects, 'now'>,
): Promise<ProjectRow> {
  if (!PROJECT_ID.test(projectId)) {
    throw new AppError('validation_failed', 'a project id is 1–40 letters, digits, ".", "_" or "-"', [
      { field: 'id', message: 'invalid id', code: 'project_id_invalid' },
    ]);
  }
  return db.transaction(async (tx) => {
    const acting = await actingIn(tx, user);
    const p = await processForChange(tx, processId, acting);
    const before = (await repo.listProjects(tx, processId)).find((x) => x.id === projectId) ?? null;
    if (!projectsEditable(p.phase) && (!before || changesBallot(before, input)))
      throw reasonError('conflict', 'projects_locked', 'projects cannot change once voting has opened', {
        phase: p.phase,
      });
    const row: ProjectRow = {
      processId,
      id: projectId,
      title: input.title,
      description: input.description ?? before?.description ?? '',
      cost: BigInt(input.cost),
      feasible: input.feasible === undefined ? (before?.feasible ?? null) : input.feasible,
      assessment: input.assessment ?? before?.assessment ?? '',
      followUp: input.followUp ?? before?.followUp ?? '',
    };
    await repo.upsertProject(tx, row);
    await recordAudit(tx, {
      actor: acting.audit,
      at: fx.now(),
      action: before ? 'update' : 'create',
      entity: 'participation_project',
      entityId: `${processId}/${projectId}`,
      before,
      after: row,
    });
    return row;
  });
}

export async function getProcess(db: Queryable, id: string) {
  const p = await mustProcess(db, id);
  const projects = await repo.listProjects(db, id);
  return { process: p, projects };
}

export async function listProcesses(db: Queryable): Promise<ProcessRow[]> {
  return repo.listProcesses(db);
}
