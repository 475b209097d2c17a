/**
 * Results of a participatory budget. While voting is open they exist only for the staff who run the
 * process (scoped to its area). When voting closes they are computed once, from the stored ballots
 * with the process's rule, and frozen in the process row; from then on they are served from there,
 * never recomputed, and they are public once the process is published.
 */
import type { Queryable } from '../../db/database.ts';
import * as repo from '../../db/repositories/participation-budget.ts';
import type { ProcessRow, ProjectRow } from '../../db/repositories/participation-budget.ts';
import { reasonError } from '../../core/errors.ts';
import { processResult } from '../../core/participation/budgeting.ts';
import { resultsFrozen, resultsPublic } from '../../core/participation/phases.ts';
import type { ApprovalElection } from '../../core/pb/election.ts';
import { writePabulib } from '../../core/pb/pabulib.ts';
import { resultsResponse, type Results } from '../../core/contracts/participation.ts';
import { can } from '../../core/access.ts';
import { actingIn, type ActingUser } from '../acting.ts';
import { mustProcess } from './common.ts';
import { processJson } from './presenters.ts';

const votable = (projects: ProjectRow[]): ProjectRow[] => projects.filter((p) => p.feasible === true);

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
      ballots: ballots.map((b) => b.choices.filter((c) => known.has(c))),
    },
    paper: ballots.filter((b) => b.channel === 'paper').length,
  };
}

/** The results as stored (without the process summary, which is added when served). */
type StoredResults = Omit<Results, 'process' | 'frozen'>;

async function compute(db: Queryable, processId: string): Promise<StoredResults> {
  const { process, projects, election, paper } = await processElection(db, processId);
  const r = processResult(process.rule, election);
  const titles = new Map(projects.map((x) => [x.id, x.title]));
  return {
    rule: r.rule,
    budget: r.budget.toString(),
    ballots: r.ballots,
    paperBallots: paper,
    winners: [...r.outcome.winners],
    order: [...r.outcome.order],
    totalCost: r.outcome.totalCost.toString(),
    left: r.left.toString(),
    projects: r.projects.map((p) => ({
      id: p.id,
      title: titles.get(p.id) ?? p.id,
      votes: p.votes,
      cost: p.cost.toString(),
      selected: p.selected,
      rank: p.rank,
    })),
  };
}

/** Computes the results and stores them with the process (inside the closing transaction). */
export async function freezeResults(tx: Queryable, processId: string): Promise<void> {
  await repo.setFrozenResults(tx, processId, await compute(tx, processId));
}

const storedShape = resultsResponse.omit({ process: true, frozen: true });

/**
 * The results. Public only once published; staff who manage the process's area see the running
 * count during voting. From closing on, the stored results (a process closed before results were
 * stored, by an older version, gets them computed and stored once).
 */
export async function getResults(
  db: Queryable,
  processId: string,
  user: ActingUser | null,
  opts: { recompute?: boolean } = {},
): Promise<Results> {
  const acting = await actingIn(db, user);
  const process = await mustProcess(db, processId);
  const staff = can(acting.actor, 'participation:manage', {
    areaIds: [`${process.divisionId}:${process.areaCode}`],
  });
  if (!resultsPublic(process.phase) && !staff)
    throw reasonError('conflict', 'results_not_published', 'the results are published when voting has closed');
  if (!resultsFrozen(process.phase))
    return { process: processJson(process), frozen: false, ...(await compute(db, processId)) };
  let stored = opts.recompute ? null : await repo.findFrozenResults(db, processId);
  if (stored === null) {
    stored = await compute(db, processId);
    await repo.setFrozenResults(db, processId, stored);
  }
  return { process: processJson(process), frozen: true, ...storedShape.parse(stored) };
}

/** The process as a pabulib .pb file (ballots numbered 1…n in their stored, random order). */
export async function exportPb(db: Queryable, processId: string, user: ActingUser | null): Promise<string> {
  const acting = await actingIn(db, user);
  const { process, projects, election } = await processElection(db, processId);
  const staff = can(acting.actor, 'participation:manage', {
    areaIds: [`${process.divisionId}:${process.areaCode}`],
  });
  if (!resultsPublic(process.phase) && !staff)
    throw reasonError('conflict', 'results_not_published', 'the ballots are published when voting has closed');
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
