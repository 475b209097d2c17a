/**
 * Participation: proposals, supports, dialogues, participatory-budgeting processes, projects, voting
 * codes and ballots. Money (bigint columns) is read as text and returned as bigint.
 * The public never sees a proposal's contact: `publicProposal` rows do not carry it.
 */
import type { Queryable } from '../database.ts';

export interface ProposalRow {
  id: string;
  divisionId: string;
  areaCode: string;
  areaName: string | null;
  title: string;
  body: string;
  goalAreaId: string | null;
  latitude: number | null;
  longitude: number | null;
  status: 'submitted' | 'published' | 'rejected' | 'committee' | 'answered';
  moderationNote: string | null;
  submittedOn: string;
  supportUntil: string | null;
  supportsNeeded: number | null;
  reachedOn: string | null;
  committeeAnswer: string | null;
  committeeDecision: string | null;
  answeredOn: string | null;
  supports: number;
  interventions: string[];
}

const PROPOSAL_COLUMNS = `p.id::text AS id, p.division_id AS "divisionId", p.area_code AS "areaCode", a.name AS "areaName",
  p.title, p.body, p.goal_area_id AS "goalAreaId", p.latitude, p.longitude, p.status, p.moderation_note AS "moderationNote",
  p.submitted_on AS "submittedOn", p.support_until AS "supportUntil", p.supports_needed AS "supportsNeeded",
  p.reached_on AS "reachedOn", p.committee_answer AS "committeeAnswer", p.committee_decision AS "committeeDecision",
  p.answered_on AS "answeredOn",
  (SELECT count(*)::int FROM participation_support s WHERE s.proposal_id = p.id) AS supports,
  COALESCE((SELECT array_agg(l.intervention_id ORDER BY l.intervention_id) FROM participation_proposal_intervention l WHERE l.proposal_id = p.id), '{}') AS interventions`;

export interface NewProposal {
  divisionId: string;
  areaCode: string;
  title: string;
  body: string;
  goalAreaId: string | null;
  latitude: number | null;
  longitude: number | null;
  contact: string | null;
  submittedOn: string;
}

export async function insertProposal(db: Queryable, p: NewProposal): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO participation_proposal (division_id, area_code, title, body, goal_area_id, latitude, longitude, contact, submitted_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id::text AS id`,
    [p.divisionId, p.areaCode, p.title, p.body, p.goalAreaId, p.latitude, p.longitude, p.contact, p.submittedOn],
  );
  return (rows[0] as { id: string }).id;
}

export async function listProposals(
  db: Queryable,
  filter: { statuses?: readonly string[]; area?: { divisionId: string; code: string } | null } = {},
): Promise<ProposalRow[]> {
  const rows = await db.query<ProposalRow>(
    `SELECT ${PROPOSAL_COLUMNS} FROM participation_proposal p
       LEFT JOIN area a ON a.division_id = p.division_id AND a.code = p.area_code
      WHERE ($1::text[] IS NULL OR p.status = ANY($1::text[]))
        AND ($2::text IS NULL OR (p.division_id = $2 AND p.area_code = $3))
      ORDER BY p.submitted_on DESC, p.id DESC`,
    [filter.statuses ? [...filter.statuses] : null, filter.area?.divisionId ?? null, filter.area?.code ?? null],
  );
  return rows;
}

export async function findProposal(db: Queryable, id: string): Promise<ProposalRow | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const rows = await db.query<ProposalRow>(
    `SELECT ${PROPOSAL_COLUMNS} FROM participation_proposal p
       LEFT JOIN area a ON a.division_id = p.division_id AND a.code = p.area_code
      WHERE p.id = $1::bigint`,
    [id],
  );
  return rows[0] ?? null;
}

export async function updateProposal(
  db: Queryable,
  id: string,
  patch: Partial<{
    status: string;
    moderationNote: string | null;
    supportUntil: string | null;
    supportsNeeded: number | null;
    reachedOn: string | null;
    committeeAnswer: string | null;
    committeeDecision: string | null;
    answeredOn: string | null;
  }>,
): Promise<void> {
  const cols: Record<string, string> = {
    status: 'status',
    moderationNote: 'moderation_note',
    supportUntil: 'support_until',
    supportsNeeded: 'supports_needed',
    reachedOn: 'reached_on',
    committeeAnswer: 'committee_answer',
    committeeDecision: 'committee_decision',
    answeredOn: 'answered_on',
  };
  const sets: string[] = [];
  const params: unknown[] = [id];
  for (const [k, v] of Object.entries(patch)) {
    const col = cols[k];
    if (!col || v === undefined) continue;
    params.push(v);
    sets.push(`${col} = $${params.length}`);
  }
  if (!sets.length) return;
  await db.query(`UPDATE participation_proposal SET ${sets.join(', ')} WHERE id = $1::bigint`, params);
}

/** Adds a support; false when this key already supports the proposal. */
export async function insertSupport(db: Queryable, proposalId: string, keyHash: string): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO participation_support (proposal_id, key_hash) VALUES ($1::bigint, $2) ON CONFLICT DO NOTHING RETURNING 1 AS ok`,
    [proposalId, keyHash],
  );
  return rows.length === 1;
}

export async function linkProposalIntervention(
  db: Queryable,
  proposalId: string,
  interventionId: string,
): Promise<void> {
  await db.query(
    `INSERT INTO participation_proposal_intervention (proposal_id, intervention_id) VALUES ($1::bigint, $2) ON CONFLICT DO NOTHING`,
    [proposalId, interventionId],
  );
}

export async function interventionExists(db: Queryable, id: string): Promise<boolean> {
  return (await db.query(`SELECT 1 FROM intervention WHERE id = $1`, [id])).length === 1;
}

export async function areaExists(db: Queryable, divisionId: string, code: string): Promise<boolean> {
  return (await db.query(`SELECT 1 FROM area WHERE division_id = $1 AND code = $2`, [divisionId, code])).length === 1;
}

export async function goalAreaExists(db: Queryable, id: string): Promise<boolean> {
  return (await db.query(`SELECT 1 FROM goal_area WHERE id = $1`, [id])).length === 1;
}

export async function findThreshold(
  db: Queryable,
  divisionId: string,
  code: string,
): Promise<{ supports: number; periodDays: number } | null> {
  const rows = await db.query<{ supports: number; periodDays: number }>(
    `SELECT supports, period_days AS "periodDays" FROM participation_threshold WHERE division_id = $1 AND area_code = $2`,
    [divisionId, code],
  );
  return rows[0] ?? null;
}

export async function upsertThreshold(
  db: Queryable,
  divisionId: string,
  code: string,
  supports: number,
  periodDays: number,
): Promise<void> {
  await db.query(
    `INSERT INTO participation_threshold (division_id, area_code, supports, period_days) VALUES ($1, $2, $3, $4)
     ON CONFLICT (division_id, area_code) DO UPDATE SET supports = EXCLUDED.supports, period_days = EXCLUDED.period_days`,
    [divisionId, code, supports, periodDays],
  );
}

// ------------------------------------------------------------------------------------ dialogues

export interface DialogueRow {
  id: string;
  heldOn: string;
  place: string;
  divisionId: string;
  areaCode: string;
  areaName: string | null;
  goalAreaId: string | null;
  topic: string;
  participants: number;
  summary: string;
  fedInto: string;
}

export async function insertDialogue(db: Queryable, d: Omit<DialogueRow, 'id' | 'areaName'>): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO participation_dialogue (held_on, place, division_id, area_code, goal_area_id, topic, participants, summary, fed_into)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id::text AS id`,
    [d.heldOn, d.place, d.divisionId, d.areaCode, d.goalAreaId, d.topic, d.participants, d.summary, d.fedInto],
  );
  return (rows[0] as { id: string }).id;
}

export async function listDialogues(
  db: Queryable,
  filter: { area?: { divisionId: string; code: string } | null; goalAreaId?: string | null } = {},
): Promise<DialogueRow[]> {
  return db.query<DialogueRow>(
    `SELECT d.id::text AS id, d.held_on AS "heldOn", d.place, d.division_id AS "divisionId", d.area_code AS "areaCode", a.name AS "areaName",
            d.goal_area_id AS "goalAreaId", d.topic, d.participants, d.summary, d.fed_into AS "fedInto"
       FROM participation_dialogue d LEFT JOIN area a ON a.division_id = d.division_id AND a.code = d.area_code
      WHERE ($1::text IS NULL OR (d.division_id = $1 AND d.area_code = $2))
        AND ($3::text IS NULL OR d.goal_area_id = $3)
      ORDER BY d.held_on DESC, d.id DESC`,
    [filter.area?.divisionId ?? null, filter.area?.code ?? null, filter.goalAreaId ?? null],
  );
}

// ------------------------------------------------------------------------------------ processes

export interface ProcessRow {
  id: string;
  name: string;
  description: string;
  divisionId: string;
  areaCode: string;
  areaName: string | null;
  budget: bigint;
  rule: 'greedy' | 'mes' | 'mes-complete';
  knapsack: boolean;
  maxChoices: number | null;
  phase: 'ideas' | 'assessment' | 'voting' | 'results' | 'follow_up';
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

export async function setProcessPhase(db: Queryable, id: string, phase: string): Promise<void> {
  await db.query(`UPDATE participation_process SET phase = $2 WHERE id = $1`, [id, phase]);
}

export interface ProjectRow {
  processId: string;
  id: string;
  title: string;
  description: string;
  cost: bigint;
  feasible: boolean | null;
  assessment: string;
  followUp: string;
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
  channel: 'digital' | 'paper',
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
): Promise<{ id: string; channel: 'digital' | 'paper'; choices: string[] }[]> {
  return db.query(`SELECT id, channel, choices FROM participation_ballot WHERE process_id = $1 ORDER BY id`, [
    processId,
  ]);
}

// ------------------------------------------------------------------------------------ who takes part

export interface TakingPartRow {
  divisionId: string;
  areaCode: string;
  areaName: string | null;
  ballots: number;
  dialogueParticipants: number;
  proposals: number;
  supports: number;
  population: string | null;
  populationPeriod: string | null;
}

export async function takingPartByArea(db: Queryable): Promise<TakingPartRow[]> {
  return db.query<TakingPartRow>(
    `WITH areas AS (
        SELECT division_id, area_code FROM participation_process
        UNION SELECT division_id, area_code FROM participation_dialogue
        UNION SELECT division_id, area_code FROM participation_proposal WHERE status <> 'submitted' AND status <> 'rejected'),
      ballots AS (
        SELECT p.division_id, p.area_code, count(b.id)::int AS n FROM participation_process p JOIN participation_ballot b ON b.process_id = p.id
         GROUP BY p.division_id, p.area_code),
      dialogues AS (
        SELECT division_id, area_code, sum(participants)::int AS n FROM participation_dialogue GROUP BY division_id, area_code),
      proposals AS (
        SELECT p.division_id, p.area_code, count(DISTINCT p.id)::int AS n, count(s.key_hash)::int AS supports
          FROM participation_proposal p LEFT JOIN participation_support s ON s.proposal_id = p.id
         WHERE p.status <> 'submitted' AND p.status <> 'rejected' GROUP BY p.division_id, p.area_code),
      pop AS (
        SELECT DISTINCT ON (division_id, area_code) division_id, area_code, value::text AS value, period
          FROM observation WHERE indicator_id = 'population' AND breakdown = '' AND value IS NOT NULL
         ORDER BY division_id, area_code, period DESC)
     SELECT x.division_id AS "divisionId", x.area_code AS "areaCode", a.name AS "areaName",
            COALESCE(b.n, 0) AS ballots, COALESCE(d.n, 0) AS "dialogueParticipants",
            COALESCE(pr.n, 0) AS proposals, COALESCE(pr.supports, 0) AS supports,
            pop.value AS population, pop.period AS "populationPeriod"
       FROM areas x
       LEFT JOIN area a ON a.division_id = x.division_id AND a.code = x.area_code
       LEFT JOIN ballots b ON b.division_id = x.division_id AND b.area_code = x.area_code
       LEFT JOIN dialogues d ON d.division_id = x.division_id AND d.area_code = x.area_code
       LEFT JOIN proposals pr ON pr.division_id = x.division_id AND pr.area_code = x.area_code
       LEFT JOIN pop ON pop.division_id = x.division_id AND pop.area_code = x.area_code
      ORDER BY a.name, x.division_id, x.area_code`,
  );
}
