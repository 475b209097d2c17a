/**
 * Participatory budgeting: processes, projects, voting codes and ballots. Money (bigint columns) is
 * read as text and returned as bigint.
 */
import type { Queryable } from '../database.ts';
import type { Rows } from '../rows.generated.ts';
import type { Phase } from '../../core/participation/phases.ts';

// ------------------------------------------------------------------------------------ processes

export interface ProcessRow extends Pick<
  Rows['participation_process'],
  'id' | 'name' | 'description' | 'divisionId' | 'areaCode' | 'rule' | 'knapsack' | 'maxChoices' | 'phase'
> {
  /** LEFT JOIN: null when the area is not loaded. */
  areaName: Rows['area']['name'] | null;
  /** budget_sek, read as text and returned as bigint. */
  budget: bigint;
}

interface RawProcess extends Omit<ProcessRow, 'budget'> {
  budget: string;
}

const PROCESS_SELECT = `SELECT p.id, p.name, p.description, p.division_id AS "divisionId", p.area_code AS "areaCode", a.name AS "areaName",
  p.budget_sek::text AS budget, p.rule, p.knapsack, p.max_choices AS "maxChoices", p.phase
  FROM participation_process p LEFT JOIN area a ON a.division_id = p.division_id AND a.code = p.area_code`;

const toProcess = (r: RawProcess): ProcessRow => ({ ...r, budget: BigInt(r.budget) });

export async function insertProcess(db: Queryable, p: Omit<ProcessRow, 'areaName'>): Promise<void> {
  await db.query(
    `INSERT INTO participation_process (id, name, description, division_id, area_code, budget_sek, rule, knapsack, max_choices, phase)
     VALUES ($1, $2, $3, $4, $5, $6::bigint, $7, $8, $9, $10)`,
    [
      p.id,
      p.name,
      p.description,
      p.divisionId,
      p.areaCode,
      p.budget.toString(),
      p.rule,
      p.knapsack,
      p.maxChoices,
      p.phase,
    ],
  );
}

export async function findProcess(db: Queryable, id: string): Promise<ProcessRow | null> {
  const rows = await db.query<RawProcess>(`${PROCESS_SELECT} WHERE p.id = $1`, [id]);
  return rows[0] ? toProcess(rows[0]) : null;
}

export async function listProcesses(db: Queryable): Promise<ProcessRow[]> {
  return (await db.query<RawProcess>(`${PROCESS_SELECT} ORDER BY p.name, p.id`)).map(toProcess);
}

export async function setProcessPhase(db: Queryable, id: string, phase: Phase): Promise<void> {
  await db.query(`UPDATE participation_process SET phase = $2 WHERE id = $1`, [id, phase]);
}

/** Locks a process row for the rest of the transaction (FOR UPDATE), or shares it (FOR SHARE). */
export async function lockProcess(db: Queryable, id: string, mode: 'update' | 'share' = 'update'): Promise<boolean> {
  const lock = mode === 'update' ? 'FOR UPDATE' : 'FOR SHARE';
  return (await db.query(`SELECT 1 FROM participation_process WHERE id = $1 ${lock}`, [id])).length === 1;
}

/** The frozen results of a process (JSON, as stored when voting closed), or null. */
export async function findFrozenResults(db: Queryable, id: string): Promise<unknown> {
  const rows = await db.query<Pick<Rows['participation_process'], 'results'>>(
    `SELECT results FROM participation_process WHERE id = $1`,
    [id],
  );
  return rows[0]?.results ?? null;
}

export async function setFrozenResults(db: Queryable, id: string, results: unknown): Promise<void> {
  await db.query(`UPDATE participation_process SET results = $2::jsonb WHERE id = $1`, [
    id,
    results === null ? null : JSON.stringify(results),
  ]);
}

export interface ProjectRow extends Pick<
  Rows['participation_project'],
  'processId' | 'id' | 'title' | 'description' | 'feasible' | 'assessment' | 'followUp'
> {
  /** cost_sek, read as text and returned as bigint. */
  cost: bigint;
}

export async function upsertProject(db: Queryable, p: ProjectRow): Promise<void> {
  await db.query(
    `INSERT INTO participation_project (process_id, id, title, description, cost_sek, feasible, assessment, follow_up)
     VALUES ($1, $2, $3, $4, $5::bigint, $6, $7, $8)
     ON CONFLICT (process_id, id) DO UPDATE SET title = EXCLUDED.title, description = EXCLUDED.description, cost_sek = EXCLUDED.cost_sek,
       feasible = EXCLUDED.feasible, assessment = EXCLUDED.assessment, follow_up = EXCLUDED.follow_up`,
    [p.processId, p.id, p.title, p.description, p.cost.toString(), p.feasible, p.assessment, p.followUp],
  );
}

export async function listProjects(db: Queryable, processId: string): Promise<ProjectRow[]> {
  const rows = await db.query<Omit<ProjectRow, 'cost'> & { cost: string }>(
    `SELECT process_id AS "processId", id, title, description, cost_sek::text AS cost, feasible, assessment, follow_up AS "followUp"
       FROM participation_project WHERE process_id = $1 ORDER BY id`,
    [processId],
  );
  return rows.map((r) => ({ ...r, cost: BigInt(r.cost) }));
}

// ------------------------------------------------------------------------------------ codes and ballots

export async function insertCodeHashes(db: Queryable, processId: string, hashes: readonly string[]): Promise<number> {
  const rows = await db.query(
    `INSERT INTO participation_code (process_id, code_hash) SELECT $1, h FROM unnest($2::text[]) AS h ON CONFLICT DO NOTHING RETURNING 1 AS ok`,
    [processId, [...hashes]],
  );
  return rows.length;
}

/** Whether a code exists for the process and whether it is used (null: no such code). */
export async function codeState(db: Queryable, processId: string, hash: string): Promise<{ used: boolean } | null> {
  const rows = await db.query<Pick<Rows['participation_code'], 'used'>>(
    `SELECT used FROM participation_code WHERE process_id = $1 AND code_hash = $2`,
    [processId, hash],
  );
  return rows[0] ?? null;
}

/** Marks the code used; true only for the one request that found it unused. */
export async function consumeCode(db: Queryable, processId: string, hash: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE participation_code SET used = true WHERE process_id = $1 AND code_hash = $2 AND NOT used RETURNING 1 AS ok`,
    [processId, hash],
  );
  return rows.length === 1;
}

export async function codeCounts(db: Queryable, processId: string): Promise<{ total: number; used: number }> {
  const rows = await db.query<{ total: number; used: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE used)::int AS used FROM participation_code WHERE process_id = $1`,
    [processId],
  );
  return rows[0] ?? { total: 0, used: 0 };
}

export async function insertBallots(
  db: Queryable,
  processId: string,
  channel: Rows['participation_ballot']['channel'],
  ballots: readonly { id: string; choices: readonly string[] }[],
): Promise<void> {
  if (!ballots.length) return;
  await db.query(
    `INSERT INTO participation_ballot (id, process_id, channel, choices)
     SELECT b.id, $1, $2, ARRAY(SELECT jsonb_array_elements_text(b.choices))
       FROM jsonb_to_recordset($3::jsonb) AS b(id text, choices jsonb)`,
    [processId, channel, JSON.stringify(ballots.map((b) => ({ id: b.id, choices: b.choices })))],
  );
}

/** Every ballot of a process (ordered by its random id, i.e. in no meaningful order). */
export async function listBallots(
  db: Queryable,
  processId: string,
): Promise<Pick<Rows['participation_ballot'], 'id' | 'channel' | 'choices'>[]> {
  return db.query(`SELECT id, channel, choices FROM participation_ballot WHERE process_id = $1 ORDER BY id`, [
    processId,
  ]);
}
