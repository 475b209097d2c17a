/**
 * Participation: proposals, supports, dialogues, participatory-budgeting processes, projects, voting
 * support codes and who takes part (processes, codes and ballots: participation-budget.ts).
 * The public never sees a proposal's contact: `publicProposal` rows do not carry it.
 */
import type { Queryable } from '../database.ts';
import type { Rows } from '../rows.generated.ts';

export interface ProposalRow extends Pick<
  Rows['participation_proposal'],
  | 'divisionId'
  | 'areaCode'
  | 'title'
  | 'body'
  | 'goalAreaId'
  | 'latitude'
  | 'longitude'
  | 'status'
  | 'moderationNote'
  | 'submittedOn'
  | 'supportUntil'
  | 'supportsNeeded'
  | 'reachedOn'
  | 'committeeAnswer'
  | 'committeeDecision'
  | 'answeredOn'
> {
  /** The bigint id as text (`id::text`). */
  id: string;
  /** LEFT JOIN: null when the area is not loaded. */
  areaName: Rows['area']['name'] | null;
  supports: number;
  interventions: Rows['participation_proposal_intervention']['interventionId'][];
  /** The area's threshold, 'code' when it has none. */
  supportVerification: Rows['participation_threshold']['verification'];
}

const PROPOSAL_COLUMNS = `p.id::text AS id, p.division_id AS "divisionId", p.area_code AS "areaCode", a.name AS "areaName",
  p.title, p.body, p.goal_area_id AS "goalAreaId", p.latitude, p.longitude, p.status, p.moderation_note AS "moderationNote",
  p.submitted_on AS "submittedOn", p.support_until AS "supportUntil", p.supports_needed AS "supportsNeeded",
  p.reached_on AS "reachedOn", p.committee_answer AS "committeeAnswer", p.committee_decision AS "committeeDecision",
  p.answered_on AS "answeredOn",
  (SELECT count(*)::int FROM participation_support s WHERE s.proposal_id = p.id) AS supports,
  COALESCE((SELECT array_agg(l.intervention_id ORDER BY l.intervention_id) FROM participation_proposal_intervention l WHERE l.proposal_id = p.id), '{}') AS interventions,
  COALESCE((SELECT t.verification FROM participation_threshold t WHERE t.division_id = p.division_id AND t.area_code = p.area_code), 'code') AS "supportVerification"`;

export type NewProposal = Pick<
  Rows['participation_proposal'],
  'divisionId' | 'areaCode' | 'title' | 'body' | 'goalAreaId' | 'latitude' | 'longitude' | 'contact' | 'submittedOn'
>;

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

export async function areaExists(db: Queryable, divisionId: string, code: string): Promise<boolean> {
  return (await db.query(`SELECT 1 FROM area WHERE division_id = $1 AND code = $2`, [divisionId, code])).length === 1;
}

export async function goalAreaExists(db: Queryable, id: string): Promise<boolean> {
  return (await db.query(`SELECT 1 FROM goal_area WHERE id = $1`, [id])).length === 1;
}

export type SupportVerification = Rows['participation_threshold']['verification'];

type ThresholdRow = Pick<Rows['participation_threshold'], 'supports' | 'periodDays' | 'verification'>;

export async function findThreshold(db: Queryable, divisionId: string, code: string): Promise<ThresholdRow | null> {
  const rows = await db.query<ThresholdRow>(
    `SELECT supports, period_days AS "periodDays", verification FROM participation_threshold WHERE division_id = $1 AND area_code = $2`,
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
  verification: SupportVerification,
): Promise<void> {
  await db.query(
    `INSERT INTO participation_threshold (division_id, area_code, supports, period_days, verification) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (division_id, area_code) DO UPDATE SET supports = EXCLUDED.supports, period_days = EXCLUDED.period_days,
       verification = EXCLUDED.verification`,
    [divisionId, code, supports, periodDays, verification],
  );
}

/** Locks a proposal row for the rest of the transaction; false when there is none. */
export async function lockProposal(db: Queryable, id: string): Promise<boolean> {
  if (!/^\d{1,18}$/.test(id)) return false;
  return (await db.query(`SELECT 1 FROM participation_proposal WHERE id = $1::bigint FOR UPDATE`, [id])).length === 1;
}

export async function insertSupportCodes(
  db: Queryable,
  divisionId: string,
  code: string,
  hashes: readonly string[],
): Promise<number> {
  const rows = await db.query(
    `INSERT INTO participation_support_code (division_id, area_code, code_hash) SELECT $1, $2, h FROM unnest($3::text[]) AS h
     ON CONFLICT DO NOTHING RETURNING 1 AS ok`,
    [divisionId, code, [...hashes]],
  );
  return rows.length;
}

export async function supportCodeExists(
  db: Queryable,
  divisionId: string,
  code: string,
  hash: string,
): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM participation_support_code WHERE division_id = $1 AND area_code = $2 AND code_hash = $3`,
    [divisionId, code, hash],
  );
  return rows.length === 1;
}

export async function supportCodeCount(db: Queryable, divisionId: string, code: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM participation_support_code WHERE division_id = $1 AND area_code = $2`,
    [divisionId, code],
  );
  return rows[0]?.n ?? 0;
}

// ------------------------------------------------------------------------------------ dialogues

export interface DialogueRow extends Pick<
  Rows['participation_dialogue'],
  'heldOn' | 'place' | 'divisionId' | 'areaCode' | 'goalAreaId' | 'topic' | 'participants' | 'summary' | 'fedInto'
> {
  /** The bigint id as text (`id::text`). */
  id: string;
  /** LEFT JOIN: null when the area is not loaded. */
  areaName: Rows['area']['name'] | null;
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
         WHERE p.phase = 'published' -- running counts stay hidden until the results are published
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
