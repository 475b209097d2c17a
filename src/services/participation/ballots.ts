/**
 * Voting codes and ballots. A resident's ballot: the code is checked and marked used in one
 * transaction; the ballot then goes into the mix (mix.ts), which writes it with others in a shuffled
 * batch by another transaction. Paper ballots are entered by staff from CSV, all or nothing.
 */
import type { Database, Queryable } from '../../db/database.ts';
import * as repo from '../../db/repositories/participation-budget.ts';
import type { ProcessRow, ProjectRow } from '../../db/repositories/participation-budget.ts';
import { AppError, reasonError, type Problem } from '../../core/errors.ts';
import { ballotProblems, makeCode, normaliseCode } from '../../core/participation/budgeting.ts';
import { codesAllowed, paperBallotsAllowed, votingOpen } from '../../core/participation/phases.ts';
import { readCsv } from '../../importers/csv-table.ts';
import { recordAudit } from '../audit.ts';
import { actingIn, type ActingUser } from '../acting.ts';
import { authorise, lockedProcess, mustProcess, processForChange, sha256, type Effects } from './common.ts';
import { ballotMix, shuffle } from './mix.ts';

const codeHash = (processId: string, code: string): string => sha256(`code:${processId}:${code}`);

/** The projects residents may vote for: assessed as feasible. */
export const votable = (projects: ProjectRow[]): ProjectRow[] => projects.filter((p) => p.feasible === true);

/**
 * Staff: generate `count` single-use voting codes for printing. Returns the codes (shown once, never
 * stored); only their hashes are kept. `randomBytes` must be a CSPRNG (app.deps.randomBytes).
 */
export async function generateCodes(
  db: Database,
  processId: string,
  count: number,
  user: ActingUser | null,
  fx: Effects,
): Promise<{ codes: string[]; total: number }> {
  return db.transaction(async (tx) => {
    const acting = await actingIn(tx, user);
    const p = await processForChange(tx, processId, acting);
    if (!codesAllowed(p.phase)) throw reasonError('conflict', 'voting_ended', 'voting has ended; no more codes');
    const codes = new Set<string>();
    while (codes.size < count) codes.add(makeCode(fx.randomBytes));
    const list = [...codes];
    const hashes = list.map((c) => codeHash(processId, normaliseCode(c) as string));
    if ((await repo.insertCodeHashes(tx, processId, hashes)) !== list.length)
      throw reasonError('conflict', 'code_collision', 'a generated code already existed; try again');
    const counts = await repo.codeCounts(tx, processId);
    await recordAudit(tx, {
      actor: acting.audit,
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

/** Staff (scoped to the process's area): how many codes exist and how many are used. */
export async function codeStatus(db: Queryable, processId: string, user: ActingUser | null) {
  const acting = await actingIn(db, user);
  const p = await mustProcess(db, processId);
  authorise(acting, 'participation:manage', [{ divisionId: p.divisionId, code: p.areaCode }]);
  return repo.codeCounts(db, processId);
}

function checkBallot(p: ProcessRow, projects: ProjectRow[], choices: readonly string[]): string[] {
  return ballotProblems(
    choices,
    votable(projects).map((x) => ({ id: x.id, cost: x.cost })),
    { budget: p.budget, knapsack: p.knapsack, maxChoices: p.maxChoices },
  );
}

/** Checks the ballot and uses the code, in one transaction; returns the choices to put into the mix. */
async function useCode(db: Database, processId: string, input: { code: string; choices: string[] }) {
  return db.transaction(async (tx) => {
    const p = await lockedProcess(tx, processId, 'share');
    if (!votingOpen(p.phase)) throw reasonError('conflict', 'voting_not_open', 'voting is not open in this process');
    const code = normaliseCode(input.code);
    if (!code)
      throw reasonError(
        'validation_failed',
        'vote_code_malformed',
        'that is not a voting code (12 letters and digits, e.g. ABCD-EFGH-JKMN)',
        {},
        'code',
      );
    const problems = checkBallot(p, await repo.listProjects(tx, processId), input.choices);
    if (problems.length)
      throw new AppError(
        'validation_failed',
        problems[0] as string,
        problems.map((m) => ({ field: 'choices', message: m, code: 'ballot_invalid' })),
      );
    const hash = codeHash(processId, code);
    if (!(await repo.consumeCode(tx, processId, hash))) {
      if (await repo.codeState(tx, processId, hash))
        throw reasonError('forbidden', 'vote_code_used', 'this code has already been used');
      throw reasonError('forbidden', 'vote_code_unknown', 'this code is not valid for this vote');
    }
    return [...new Set(input.choices)];
  });
}

/**
 * A resident votes with a code. The code is used in one transaction; the ballot is written later,
 * in a shuffled batch with others, by another (see mix.ts). Answers once the ballot is stored.
 */
export async function castBallot(
  db: Database,
  processId: string,
  input: { code: string; choices: string[] },
  fx: Pick<Effects, 'randomBytes'>,
): Promise<{ ok: true }> {
  const choices = await useCode(db, processId, input);
  await ballotMix(db, fx).add(processId, choices);
  return { ok: true as const };
}

/**
 * Staff: paper ballots from CSV, all or nothing. One row per ballot; column `projects` lists the
 * chosen project ids separated by "|", spaces or (in a ";"-separated file) commas. Errors name the
 * file, line and field. Stored in a shuffled order, so the file's order is not kept either.
 */
export async function importPaperBallots(
  db: Database,
  processId: string,
  file: { content: string; fileName: string },
  user: ActingUser | null,
  fx: Effects,
): Promise<{ imported: number }> {
  const { content: text, fileName } = file;
  return db.transaction(async (tx) => {
    const acting = await actingIn(tx, user);
    const p = await processForChange(tx, processId, acting);
    if (!paperBallotsAllowed(p.phase))
      throw reasonError('conflict', 'paper_not_allowed', 'paper ballots can be entered only before or during voting');
    const projects = await repo.listProjects(tx, processId);
    const rows = readCsv(text, fileName, ['projects']);
    const problems: Problem[] = [];
    const ballots: string[][] = [];
    for (const r of rows) {
      const choices = (r.values['projects'] ?? '').split(/[|,\s]+/).filter((x) => x !== '');
      for (const m of checkBallot(p, projects, choices))
        problems.push({ file: fileName, line: r.line, field: 'projects', message: m, code: 'ballot_invalid' });
      ballots.push(choices);
    }
    if (problems.length) {
      const first = problems[0] as Problem;
      throw new AppError('import_failed', `${fileName}:${first.line}: ${first.message}`, problems);
    }
    const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    const mixed = shuffle(ballots, fx.randomBytes).map((choices) => ({ id: hex(fx.randomBytes(16)), choices }));
    await repo.insertBallots(tx, processId, 'paper', mixed);
    await recordAudit(tx, {
      actor: acting.audit,
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
