/**
 * Participation use cases: citizen proposals (submit, moderate, support, committee answer, links to
 * interventions, similar proposals), dialogues, participatory budgeting (processes, phases, projects,
 * voting codes, ballots, paper ballots, results, .pb export) and who takes part.
 *
 * Privacy: a proposal's contact is never returned to the public; a supporter key and a voting code
 * are stored only as hashes; a ballot row holds a random id, the process, the channel and the
 * choices — no code, no voter, no time. Voting and supporting are not written to the audit log
 * (that would tie a time to a ballot); staff actions are.
 */
import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../db/database.ts';
import * as repo from '../db/repositories/participation.ts';
import { publishedInterventionExists } from '../db/repositories/interventions.ts';
import type { ProcessRow, ProjectRow, ProposalRow } from '../db/repositories/participation.ts';
import { AppError, notFound } from '../core/errors.ts';
import type { Problem } from '../core/errors.ts';
import { mostSimilar } from '../core/participation/similarity.ts';
import {
  ballotProblems,
  makeCode,
  normaliseCode,
  processResult,
  type PbRuleId,
  type Phase,
  type ProcessResult,
} from '../core/participation/budgeting.ts';
import type { ApprovalElection } from '../core/pb/election.ts';
import { writePabulib } from '../core/pb/pabulib.ts';
import { readCsv } from '../importers/csv-table.ts';
import { recordAudit, type AuditActor } from './audit.ts';
import { needIndexService } from './analysis.ts';
import { AREA_TYPES, type AreaType } from '../core/analysis/need-index.ts';

export interface Effects {
  now: () => Date;
  randomBytes: (n: number) => Uint8Array;
}

/** Default support threshold when an area has none configured. */
export const DEFAULT_THRESHOLD = { supports: 100, periodDays: 90 } as const;

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return isoDay(d);
}

function splitArea(key: string): { divisionId: string; code: string } {
  const i = key.indexOf(':');
  if (i <= 0)
    throw new AppError('validation_failed', `area must be "division:code" (got "${key}")`, [
      { field: 'area', message: 'expected division:code' },
    ]);
  return { divisionId: key.slice(0, i), code: key.slice(i + 1) };
}

async function checkArea(db: Queryable, key: string): Promise<{ divisionId: string; code: string }> {
  const a = splitArea(key);
  if (!(await repo.areaExists(db, a.divisionId, a.code)))
    throw new AppError('validation_failed', `unknown area "${key}"`, [{ field: 'area', message: 'unknown area' }]);
  return a;
}

async function checkGoalArea(db: Queryable, id: string | null | undefined): Promise<string | null> {
  if (!id) return null;
  if (!(await repo.goalAreaExists(db, id)))
    throw new AppError('validation_failed', `unknown goal area "${id}"`, [
      { field: 'goalArea', message: 'unknown goal area' },
    ]);
  return id;
}

// ------------------------------------------------------------------------------------ proposals

/** What the public sees of a proposal (no contact, no moderation note). */
export interface PublicProposal {
  id: string;
  area: string;
  areaName: string | null;
  title: string;
  body: string;
  goalAreaId: string | null;
  location: { latitude: number; longitude: number } | null;
  status: ProposalRow['status'];
  submittedOn: string;
  supportUntil: string | null;
  supportsNeeded: number | null;
  supports: number;
  reachedOn: string | null;
  committeeAnswer: string | null;
  committeeDecision: string | null;
  answeredOn: string | null;
  interventions: string[];
}

export interface StaffProposal extends PublicProposal {
  moderationNote: string | null;
}

const PUBLIC_STATUSES = ['published', 'committee', 'answered'] as const;

function publicView(p: ProposalRow): PublicProposal {
  return {
    id: p.id,
    area: `${p.divisionId}:${p.areaCode}`,
    areaName: p.areaName,
    title: p.title,
    body: p.body,
    goalAreaId: p.goalAreaId,
    location: p.latitude !== null && p.longitude !== null ? { latitude: p.latitude, longitude: p.longitude } : null,
    status: p.status,
    submittedOn: p.submittedOn,
    supportUntil: p.supportUntil,
    supportsNeeded: p.supportsNeeded,
    supports: p.supports,
    reachedOn: p.reachedOn,
    committeeAnswer: p.committeeAnswer,
    committeeDecision: p.committeeDecision,
    answeredOn: p.answeredOn,
    interventions: p.interventions,
  };
}

const staffView = (p: ProposalRow): StaffProposal => ({ ...publicView(p), moderationNote: p.moderationNote });

export async function listPublicProposals(db: Queryable, area?: string): Promise<PublicProposal[]> {
  const rows = await repo.listProposals(db, { statuses: PUBLIC_STATUSES, area: area ? splitArea(area) : null });
  return rows.map(publicView);
}

/** Proposals waiting for moderation (and the rest), for staff. */
export async function listStaffProposals(db: Queryable, status?: string): Promise<StaffProposal[]> {
  const rows = await repo.listProposals(db, status ? { statuses: [status] } : {});
  return rows.map(staffView);
}

export async function getPublicProposal(db: Queryable, id: string): Promise<PublicProposal> {
  const p = await repo.findProposal(db, id);
  if (!p || !(PUBLIC_STATUSES as readonly string[]).includes(p.status)) throw notFound('The proposal');
  return publicView(p);
}

export interface SubmitProposalInput {
  area: string;
  title: string;
  body: string;
  goalArea?: string | null;
  location?: { latitude: number; longitude: number } | null;
  contact?: string | null;
}

/** A resident submits a proposal; it waits for moderation. */
export async function submitProposal(
  db: Database,
  input: SubmitProposalInput,
  fx: Pick<Effects, 'now'>,
): Promise<{ id: string; status: 'submitted' }> {
  return db.transaction(async (tx) => {
    const a = await checkArea(tx, input.area);
    const id = await repo.insertProposal(tx, {
      divisionId: a.divisionId,
      areaCode: a.code,
      title: input.title.trim(),
      body: input.body.trim(),
      goalAreaId: await checkGoalArea(tx, input.goalArea),
      latitude: input.location?.latitude ?? null,
      longitude: input.location?.longitude ?? null,
      contact: input.contact?.trim() || null,
      submittedOn: isoDay(fx.now()),
    });
    return { id, status: 'submitted' as const };
  });
}

/** Published proposals similar to a text being typed (title + body). */
export async function similarProposals(
  db: Queryable,
  text: string,
  area?: string,
): Promise<{ id: string; title: string; score: number; supports: number }[]> {
  const rows = await repo.listProposals(db, { statuses: PUBLIC_STATUSES, area: area ? splitArea(area) : null });
  return mostSimilar(
    text,
    rows.map((r) => ({ id: r.id, text: `${r.title} ${r.body}`, row: r })),
    5,
  ).map((x) => ({
    id: x.item.id,
    title: x.item.row.title,
    score: Math.round(x.score * 100) / 100,
    supports: x.item.row.supports,
  }));
}

/** The area of a proposal (for scoping staff actions). */
export async function proposalArea(db: Queryable, id: string): Promise<{ divisionId: string; code: string }> {
  const p = await repo.findProposal(db, id);
  if (!p) throw notFound('The proposal');
  return { divisionId: p.divisionId, code: p.areaCode };
}

/** Staff: publish (opens the support period with the area's threshold) or reject. */
export async function moderateProposal(
  db: Database,
  id: string,
  decision: { action: 'publish' | 'reject'; note?: string | null },
  actor: AuditActor | null,
  fx: Pick<Effects, 'now'>,
): Promise<StaffProposal> {
  return db.transaction(async (tx) => {
    const before = await repo.findProposal(tx, id);
    if (!before) throw notFound('The proposal');
    if (before.status !== 'submitted') throw new AppError('conflict', `the proposal is already ${before.status}`);
    const today = isoDay(fx.now());
    if (decision.action === 'publish') {
      const t = (await repo.findThreshold(tx, before.divisionId, before.areaCode)) ?? DEFAULT_THRESHOLD;
      await repo.updateProposal(tx, id, {
        status: 'published',
        moderationNote: decision.note ?? null,
        supportUntil: addDays(today, t.periodDays),
        supportsNeeded: t.supports,
      });
    } else {
      await repo.updateProposal(tx, id, { status: 'rejected', moderationNote: decision.note ?? null });
    }
    const after = (await repo.findProposal(tx, id)) as ProposalRow;
    await recordAudit(tx, {
      actor,
      at: fx.now(),
      action: decision.action,
      entity: 'proposal',
      entityId: id,
      before: staffView(before),
      after: staffView(after),
    });
    return staffView(after);
  });
}

/**
 * A resident supports a published proposal. `supporterKey` is a random key the browser keeps (room
 * for e-identification later); only its hash is stored, so the same key cannot support twice.
 * Reaching the threshold within the period sends the proposal to the committee.
 */
export async function supportProposal(
  db: Database,
  id: string,
  supporterKey: string,
  fx: Pick<Effects, 'now'>,
): Promise<PublicProposal> {
  return db.transaction(async (tx) => {
    const p = await repo.findProposal(tx, id);
    if (!p || !(PUBLIC_STATUSES as readonly string[]).includes(p.status)) throw notFound('The proposal');
    const today = isoDay(fx.now());
    if (p.status !== 'published')
      throw new AppError('conflict', 'the proposal no longer collects support (it has gone to the committee)');
    if (p.supportUntil !== null && today > p.supportUntil)
      throw new AppError('conflict', `the support period ended on ${p.supportUntil}`);
    const added = await repo.insertSupport(tx, id, sha256(`support:${id}:${supporterKey}`));
    if (!added) throw new AppError('conflict', 'you already support this proposal');
    const after = (await repo.findProposal(tx, id)) as ProposalRow;
    if (after.supportsNeeded !== null && after.supports >= after.supportsNeeded) {
      await repo.updateProposal(tx, id, { status: 'committee', reachedOn: today });
    }
    return publicView((await repo.findProposal(tx, id)) as ProposalRow);
  });
}

/** Staff: the committee's answer and decision, published with the proposal. */
export async function answerProposal(
  db: Database,
  id: string,
  input: { answer: string; decision: 'approved' | 'partly_approved' | 'rejected'; interventions?: string[] },
  actor: AuditActor | null,
  fx: Pick<Effects, 'now'>,
): Promise<StaffProposal> {
  return db.transaction(async (tx) => {
    const before = await repo.findProposal(tx, id);
    if (!before) throw notFound('The proposal');
    if (before.status === 'submitted' || before.status === 'rejected')
      throw new AppError('conflict', `a ${before.status} proposal cannot be answered`);
    await repo.updateProposal(tx, id, {
      status: 'answered',
      committeeAnswer: input.answer,
      committeeDecision: input.decision,
      answeredOn: isoDay(fx.now()),
    });
    for (const iv of input.interventions ?? []) await linkOne(tx, id, iv);
    const after = (await repo.findProposal(tx, id)) as ProposalRow;
    await recordAudit(tx, {
      actor,
      at: fx.now(),
      action: 'answer',
      entity: 'proposal',
      entityId: id,
      before: staffView(before),
      after: staffView(after),
    });
    return staffView(after);
  });
}

async function linkOne(tx: Queryable, id: string, interventionId: string): Promise<void> {
  // only published interventions: a public proposal must not name (or reveal) a draft
  if (!(await publishedInterventionExists(tx, interventionId))) {
    throw new AppError('validation_failed', `unknown intervention "${interventionId}"`, [
      { field: 'interventions', message: 'unknown intervention' },
    ]);
  }
  await repo.linkProposalIntervention(tx, id, interventionId);
}

/** Staff: link a proposal to an intervention it led to. */
export async function linkProposal(
  db: Database,
  id: string,
  interventionId: string,
  actor: AuditActor | null,
  fx: Pick<Effects, 'now'>,
): Promise<StaffProposal> {
  return db.transaction(async (tx) => {
    const before = await repo.findProposal(tx, id);
    if (!before) throw notFound('The proposal');
    await linkOne(tx, id, interventionId);
    const after = (await repo.findProposal(tx, id)) as ProposalRow;
    await recordAudit(tx, {
      actor,
      at: fx.now(),
      action: 'link',
      entity: 'proposal',
      entityId: id,
      before: staffView(before),
      after: staffView(after),
    });
    return staffView(after);
  });
}

export async function setThreshold(
  db: Database,
  area: string,
  supports: number,
  periodDays: number,
  actor: AuditActor | null,
  fx: Pick<Effects, 'now'>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const a = await checkArea(tx, area);
    const before = await repo.findThreshold(tx, a.divisionId, a.code);
    await repo.upsertThreshold(tx, a.divisionId, a.code, supports, periodDays);
    await recordAudit(tx, {
      actor,
      at: fx.now(),
      action: 'update',
      entity: 'participation_threshold',
      entityId: area,
      before,
      after: { supports, periodDays },
    });
  });
}

// ------------------------------------------------------------------------------------ dialogues

export interface DialogueInput {
  heldOn: string;
  place: string;
  area: string;
  goalArea?: string | null;
  topic: string;
  participants: number;
  summary: string;
  fedInto: string;
}

export async function addDialogue(
  db: Database,
  input: DialogueInput,
  actor: AuditActor | null,
  fx: Pick<Effects, 'now'>,
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const a = await checkArea(tx, input.area);
    const row = {
      heldOn: input.heldOn,
      place: input.place,
      divisionId: a.divisionId,
      areaCode: a.code,
      goalAreaId: await checkGoalArea(tx, input.goalArea),
      topic: input.topic,
      participants: input.participants,
      summary: input.summary,
      fedInto: input.fedInto,
    };
    const id = await repo.insertDialogue(tx, row);
    await recordAudit(tx, {
      actor,
      at: fx.now(),
      action: 'create',
      entity: 'dialogue',
      entityId: id,
      before: null,
      after: row,
    });
    return { id };
  });
}

export async function listDialogues(db: Queryable, filter: { area?: string; goalArea?: string }) {
  const rows = await repo.listDialogues(db, {
    area: filter.area ? splitArea(filter.area) : null,
    goalAreaId: filter.goalArea ?? null,
  });
  return rows.map((d) => ({ ...d, area: `${d.divisionId}:${d.areaCode}` }));
}

// ------------------------------------------------------------------------------------ processes

export interface ProcessInput {
  id: string;
  name: string;
  description?: string;
  area: string;
  budget: bigint;
  rule: PbRuleId;
  knapsack: boolean;
  maxChoices: number | null;
}

export async function createProcess(
  db: Database,
  input: ProcessInput,
  actor: AuditActor | null,
  fx: Pick<Effects, 'now'>,
): Promise<ProcessRow> {
  return db.transaction(async (tx) => {
    const a = await checkArea(tx, input.area);
    if (await repo.findProcess(tx, input.id)) throw new AppError('conflict', `a process with id "${input.id}" exists`);
    const row = {
      id: input.id,
      name: input.name,
      description: input.description ?? '',
      divisionId: a.divisionId,
      areaCode: a.code,
      budget: input.budget,
      rule: input.rule,
      knapsack: input.knapsack,
      maxChoices: input.maxChoices,
      phase: 'ideas' as const,
    };
    await repo.insertProcess(tx, row);
    await recordAudit(tx, {
      actor,
      at: fx.now(),
      action: 'create',
      entity: 'participation_process',
      entityId: input.id,
      before: null,
      after: row,
    });
    return (await repo.findProcess(tx, input.id)) as ProcessRow;
  });
}

async function mustProcess(db: Queryable, id: string): Promise<ProcessRow> {
  const p = await repo.findProcess(db, id);
  if (!p) throw notFound('The process');
  return p;
}

export async function processArea(db: Queryable, id: string): Promise<{ divisionId: string; code: string }> {
  const p = await mustProcess(db, id);
  return { divisionId: p.divisionId, code: p.areaCode };
}

export async function setPhase(
  db: Database,
  id: string,
  phase: Phase,
  actor: AuditActor | null,
  fx: Pick<Effects, 'now'>,
): Promise<ProcessRow> {
  return db.transaction(async (tx) => {
    const before = await mustProcess(tx, id);
    await repo.setProcessPhase(tx, id, phase);
    const after = await mustProcess(tx, id);
    await recordAudit(tx, {
      actor,
      at: fx.now(),
      action: 'phase',
      entity: 'participation_process',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export interface ProjectInput {
  id: string;
  title: string;
  description?: string;
  cost: bigint;
  feasible?: boolean | null;
  assessment?: string;
  followUp?: string;
}

export async function saveProject(
  db: Database,
  processId: string,
  input: ProjectInput,
  actor: AuditActor | null,
  fx: Pick<Effects, 'now'>,
): Promise<ProjectRow> {
  if (!/^[A-Za-z0-9._-]{1,40}$/.test(input.id)) {
    throw new AppError('validation_failed', 'a project id is 1–40 letters, digits, ".", "_" or "-"', [
      { field: 'id', message: 'invalid id' },
    ]);
  }
  return db.transaction(async (tx) => {
    const p = await mustProcess(tx, processId);
    const before = (await repo.listProjects(tx, processId)).find((x) => x.id === input.id) ?? null;
    if (before && (p.phase === 'voting' || p.phase === 'results') && before.cost !== input.cost) {
      throw new AppError('conflict', 'the cost of a project cannot change once voting has started');
    }
    const row: ProjectRow = {
      processId,
      id: input.id,
      title: input.title,
      description: input.description ?? before?.description ?? '',
      cost: input.cost,
      feasible: input.feasible === undefined ? (before?.feasible ?? null) : input.feasible,
      assessment: input.assessment ?? before?.assessment ?? '',
      followUp: input.followUp ?? before?.followUp ?? '',
    };
    await repo.upsertProject(tx, row);
    await recordAudit(tx, {
      actor,
      at: fx.now(),
      action: before ? 'update' : 'create',
      entity: 'participation_project',
      entityId: `${processId}/${input.id}`,
      before,
      after: row,
    });
    return row;
  });
}

/** The projects residents may vote for: assessed as feasible. */
const votable = (projects: ProjectRow[]): ProjectRow[] => projects.filter((p) => p.feasible === true);

export async function getProcess(db: Queryable, id: string) {
  const p = await mustProcess(db, id);
  const projects = await repo.listProjects(db, id);
  return { process: p, projects };
}

export async function listProcesses(db: Queryable): Promise<ProcessRow[]> {
  return repo.listProcesses(db);
}

// ------------------------------------------------------------------------------------ codes and ballots

const codeHash = (processId: string, code: string): string => sha256(`code:${processId}:${code}`);

/**
 * Staff: generate `count` single-use voting codes for printing. Returns the codes (shown once, never
 * stored); only their hashes are kept. `randomBytes` must be a CSPRNG (app.deps.randomBytes).
 */
export async function generateCodes(
  db: Database,
  processId: string,
  count: number,
  actor: AuditActor | null,
  fx: Effects,
): Promise<{ codes: string[]; total: number }> {
  return db.transaction(async (tx) => {
    const p = await mustProcess(tx, processId);
    if (p.phase === 'results' || p.phase === 'follow_up')
      throw new AppError('conflict', 'voting has ended; no more codes can be made');
    const codes = new Set<string>();
    while (codes.size < count) codes.add(makeCode(fx.randomBytes));
    const list = [...codes];
    const inserted = await repo.insertCodeHashes(
      tx,
      processId,
      list.map((c) => codeHash(processId, normaliseCode(c) as string)),
    );
    if (inserted !== list.length) throw new AppError('conflict', 'a generated code already existed; try again');
    const counts = await repo.codeCounts(tx, processId);
    await recordAudit(tx, {
      actor,
      at: fx.now(),
      action: 'generate_codes',
      entity: 'participation_process',
      entityId: processId,
      before: null,
      after: { generated: count, total: counts.total },
    });
    return { codes: list, total: counts.total };
  });
}

export async function codeStatus(db: Queryable, processId: string): Promise<{ total: number; used: number }> {
  await mustProcess(db, processId);
  return repo.codeCounts(db, processId);
}

function newBallotId(fx: Pick<Effects, 'randomBytes'>): string {
  return Buffer.from(fx.randomBytes(16)).toString('hex');
}

function checkBallot(
  p: ProcessRow,
  projects: ProjectRow[],
  choices: readonly string[],
  where: Omit<Problem, 'message'> = {},
): string[] {
  return ballotProblems(
    choices,
    votable(projects).map((x) => ({ id: x.id, cost: x.cost })),
    { budget: p.budget, knapsack: p.knapsack, maxChoices: p.maxChoices },
  ).map((m) => (where.line !== undefined ? `line ${where.line}: ${m}` : m));
}

/**
 * A resident votes with a code. The code is consumed and the ballot stored in the same transaction,
 * with a random id and nothing that ties it to the code. A code works once.
 */
export async function castBallot(
  db: Database,
  processId: string,
  input: { code: string; choices: string[] },
  fx: Pick<Effects, 'randomBytes'>,
): Promise<{ ok: true }> {
  return db.transaction(async (tx) => {
    const p = await mustProcess(tx, processId);
    if (p.phase !== 'voting') throw new AppError('conflict', 'voting is not open in this process');
    const code = normaliseCode(input.code);
    if (!code)
      throw new AppError(
        'validation_failed',
        'that is not a voting code (12 letters and digits, e.g. ABCD-EFGH-JKMN)',
        [{ field: 'code', message: 'not a voting code' }],
      );
    const problems = checkBallot(p, await repo.listProjects(tx, processId), input.choices);
    if (problems.length)
      throw new AppError(
        'validation_failed',
        problems[0] as string,
        problems.map((m) => ({ field: 'choices', message: m })),
      );
    if (!(await repo.consumeCode(tx, processId, codeHash(processId, code)))) {
      throw new AppError('forbidden', 'this code is not valid for this vote, or it has already been used');
    }
    await repo.insertBallots(tx, processId, 'digital', [{ id: newBallotId(fx), choices: [...new Set(input.choices)] }]);
    return { ok: true as const };
  });
}

/**
 * Staff: paper ballots from CSV, all or nothing. One row per ballot; column `projects` lists the
 * chosen project ids separated by "|", spaces or (in a ";"-separated file) commas. Errors name the
 * file, line and field.
 */
export async function importPaperBallots(
  db: Database,
  processId: string,
  text: string,
  fileName: string,
  actor: AuditActor | null,
  fx: Effects,
): Promise<{ imported: number }> {
  return db.transaction(async (tx) => {
    const p = await mustProcess(tx, processId);
    if (p.phase !== 'voting' && p.phase !== 'assessment')
      throw new AppError('conflict', 'paper ballots can be entered only before or during voting');
    const projects = await repo.listProjects(tx, processId);
    const rows = readCsv(text, fileName, ['projects']);
    const problems: Problem[] = [];
    const ballots: { id: string; choices: string[] }[] = [];
    for (const r of rows) {
      const raw = r.values['projects'] ?? '';
      const choices = raw.split(/[|,\s]+/).filter((x) => x !== '');
      for (const m of checkBallot(p, projects, choices))
        problems.push({ file: fileName, line: r.line, field: 'projects', message: m });
      ballots.push({ id: newBallotId(fx), choices });
    }
    if (problems.length) {
      const first = problems[0] as Problem;
      throw new AppError('import_failed', `${fileName}:${first.line}: ${first.message}`, problems);
    }
    await repo.insertBallots(tx, processId, 'paper', ballots);
    await recordAudit(tx, {
      actor,
      at: fx.now(),
      action: 'import',
      entity: 'participation_ballots',
      entityId: processId,
      before: null,
      after: { paperBallots: ballots.length, file: fileName },
    });
    return { imported: ballots.length };
  });
}

/** The election of a process: feasible projects and every ballot. */
export async function processElection(
  db: Queryable,
  processId: string,
): Promise<{ process: ProcessRow; projects: ProjectRow[]; election: ApprovalElection; paper: number }> {
  const p = await mustProcess(db, processId);
  const projects = votable(await repo.listProjects(db, processId));
  const ballots = await repo.listBallots(db, processId);
  const known = new Set(projects.map((x) => x.id));
  return {
    process: p,
    projects,
    election: {
      budget: p.budget,
      projects: projects.map((x) => ({ id: x.id, cost: x.cost })),
      // a project withdrawn after voting is dropped from the ballots that chose it
      ballots: ballots.map((b) => b.choices.filter((c) => known.has(c))),
    },
    paper: ballots.filter((b) => b.channel === 'paper').length,
  };
}

export interface ResultsView {
  process: ProcessRow;
  result: ProcessResult;
  titles: Record<string, string>;
  paperBallots: number;
}

/** Results: visible to the public from the results phase on; to staff (allowDuringVoting) any time. */
export async function getResults(db: Queryable, processId: string, opts: { staff: boolean }): Promise<ResultsView> {
  const { process, projects, election, paper } = await processElection(db, processId);
  if (!opts.staff && process.phase !== 'results' && process.phase !== 'follow_up')
    throw new AppError('conflict', 'the results are published when voting has closed');
  return {
    process,
    result: processResult(process.rule, election),
    titles: Object.fromEntries(projects.map((x) => [x.id, x.title])),
    paperBallots: paper,
  };
}

/** The process as a pabulib .pb file (ballots numbered 1…n in their stored, random order). */
export async function exportPb(db: Queryable, processId: string, opts: { staff: boolean }): Promise<string> {
  const { process, projects, election } = await processElection(db, processId);
  if (!opts.staff && process.phase !== 'results' && process.phase !== 'follow_up')
    throw new AppError('conflict', 'the ballots are published when voting has closed');
  return writePabulib({
    meta: [
      { key: 'description', value: process.name },
      { key: 'country', value: 'Sweden' },
      { key: 'unit', value: 'Stockholm' },
      { key: 'district', value: process.areaName ?? process.areaCode },
      { key: 'instance', value: process.id },
      { key: 'num_projects', value: String(projects.length) },
      { key: 'num_votes', value: String(election.ballots.length) },
      { key: 'budget', value: process.budget.toString() },
      { key: 'vote_type', value: 'approval' },
      { key: 'rule', value: process.rule },
      { key: 'currency', value: 'SEK' },
      ...(process.knapsack ? [{ key: 'max_sum_cost', value: process.budget.toString() }] : []),
      ...(process.maxChoices !== null ? [{ key: 'max_length', value: String(process.maxChoices) }] : []),
    ],
    projectColumns: ['project_id', 'cost', 'name'],
    projects: projects.map((x) => ({ id: x.id, cost: x.cost, fields: { name: x.title } })),
    votes: election.ballots.map((b, i) => ({ voterId: String(i + 1), vote: b })),
  });
}

// ------------------------------------------------------------------------------------ who takes part

/** The need-index type (and score) of each area of `divisionId`, or an empty map when the statistics are not loaded. */
async function needTypes(
  db: Queryable,
  divisionId: string,
): Promise<Map<string, { type: AreaType | null; score: number | null }>> {
  const out = new Map<string, { type: AreaType | null; score: number | null }>();
  try {
    const need = await needIndexService(db, { aggregateTo: divisionId });
    const areas = need.division === divisionId ? need.areas : (need.aggregated?.areas ?? []);
    for (const a of areas) out.set(a.id, { type: a.type ?? null, score: a.score ?? null });
  } catch (err) {
    if (!(err instanceof AppError)) throw err; // no DeSO statistics (or no such division): no types
  }
  return out;
}

/**
 * Who takes part, per area: ballots, dialogue participants, proposals and supports against the population, with the
 * area's need-index type; and the same summed per need type, so the city sees whose voice is missing.
 */
export async function whoTakesPart(db: Queryable) {
  const rows = await repo.takingPartByArea(db);
  const types = new Map<string, Map<string, { type: AreaType | null; score: number | null }>>();
  for (const d of new Set(rows.map((r) => r.divisionId))) types.set(d, await needTypes(db, d));
  const items = rows.map((r) => {
    const need = types.get(r.divisionId)?.get(r.areaCode);
    return {
      area: `${r.divisionId}:${r.areaCode}`,
      areaName: r.areaName,
      ballots: r.ballots,
      dialogueParticipants: r.dialogueParticipants,
      proposals: r.proposals,
      supports: r.supports,
      population: r.population === null ? null : Math.round(Number(r.population)),
      populationPeriod: r.populationPeriod,
      needType: need?.type ?? null,
      needScore: need?.score ?? null,
    };
  });
  const byNeedType = AREA_TYPES.map((type) => {
    const its = items.filter((i) => i.needType === type);
    const sum = (f: (i: (typeof items)[number]) => number | null) => its.reduce((s, i) => s + (f(i) ?? 0), 0);
    return {
      type,
      areas: its.length,
      population: sum((i) => i.population),
      ballots: sum((i) => i.ballots),
      dialogueParticipants: sum((i) => i.dialogueParticipants),
      proposals: sum((i) => i.proposals),
      supports: sum((i) => i.supports),
    };
  }).filter((g) => g.areas > 0);
  return { items, byNeedType };
}
