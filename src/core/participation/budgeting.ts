/**
 * Participatory budgeting: voting codes, ballot checks, results. Pure (randomness is passed in).
 */
import type { ApprovalElection, Outcome } from '../pb/election.ts';
import { compareIds } from '../pb/election.ts';
import { greedy } from '../pb/greedy.ts';
import { mes, mesComplete } from '../pb/mes.ts';

export const PB_RULES = ['greedy', 'mes', 'mes-complete'] as const;
export type PbRuleId = (typeof PB_RULES)[number];

export { PHASES, type Phase } from './phases.ts';

// ------------------------------------------------------------------------------ voting codes

/** 31 characters without look-alikes (no 0/O, 1/I/L). 12 characters: about 59 bits. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 12;

/**
 * A voting code from random bytes: `XXXX-XXXX-XXXX`. Each character takes 5 random bits and
 * rejects the one value (31) outside the 31-letter alphabet, so every character is uniform.
 * `randomBytes` must be a CSPRNG in production (tests pass a seeded one).
 */
export function makeCode(randomBytes: (n: number) => Uint8Array): string {
  let out = '';
  while (out.length < CODE_LENGTH) {
    const bytes = randomBytes(16);
    for (const b of bytes) {
      const v = b & 31;
      if (v >= CODE_ALPHABET.length) continue;
      out += CODE_ALPHABET[v];
      if (out.length === CODE_LENGTH) break;
    }
  }
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}`;
}

/** A typed code in canonical form (upper case, no spaces or dashes), or null when it cannot be one. */
export function normaliseCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '');
  if (s.length !== CODE_LENGTH) return null;
  for (const ch of s) if (!CODE_ALPHABET.includes(ch)) return null;
  return s;
}

// ------------------------------------------------------------------------------ ballots

export interface BallotRules {
  readonly budget: bigint;
  /** The ballot's projects may not cost more than the budget together. */
  readonly knapsack: boolean;
  readonly maxChoices: number | null;
}

export interface VotableProject {
  readonly id: string;
  readonly cost: bigint;
}

/** Problems with a ballot (empty: fine). A ballot with no project is allowed (it counts as taking part). */
export function ballotProblems(
  choices: readonly string[],
  projects: readonly VotableProject[],
  rules: BallotRules,
): string[] {
  const problems: string[] = [];
  const cost = new Map(projects.map((p) => [p.id, p.cost]));
  const seen = new Set<string>();
  let total = 0n;
  for (const id of choices) {
    const c = cost.get(id);
    if (c === undefined) problems.push(`"${id}" is not a project you can vote for in this process`);
    else if (seen.has(id)) problems.push(`"${id}" is chosen twice`);
    else total += c;
    seen.add(id);
  }
  if (rules.maxChoices !== null && seen.size > rules.maxChoices)
    problems.push(`at most ${rules.maxChoices} projects may be chosen (${seen.size} were)`);
  if (rules.knapsack && total > rules.budget)
    problems.push(`the chosen projects cost ${total} kr together, more than the budget of ${rules.budget} kr`);
  return problems;
}

// ------------------------------------------------------------------------------ results

export function countByRule(rule: PbRuleId, e: ApprovalElection): Outcome {
  switch (rule) {
    case 'greedy':
      return greedy(e);
    case 'mes':
      return mes(e);
    case 'mes-complete':
      return mesComplete(e);
  }
}

export interface ProjectResult {
  readonly id: string;
  readonly votes: number;
  readonly cost: bigint;
  readonly selected: boolean;
  /** Place in the selection order (1-based), or null. */
  readonly rank: number | null;
}

export interface ProcessResult {
  readonly rule: PbRuleId;
  readonly budget: bigint;
  readonly ballots: number;
  readonly outcome: Outcome;
  readonly projects: ProjectResult[];
  /** budget − total cost of the winners */
  readonly left: bigint;
}

/** Count a process: the winners by its rule, and the votes of every project (most votes first, then id). */
export function processResult(rule: PbRuleId, e: ApprovalElection): ProcessResult {
  const outcome = countByRule(rule, e);
  const votes = new Map(e.projects.map((p) => [p.id, 0]));
  for (const b of e.ballots) for (const id of b) votes.set(id, (votes.get(id) ?? 0) + 1);
  const rank = new Map(outcome.order.map((id, i) => [id, i + 1]));
  const projects = e.projects
    .map((p) => ({
      id: p.id,
      votes: votes.get(p.id) ?? 0,
      cost: p.cost,
      selected: rank.has(p.id),
      rank: rank.get(p.id) ?? null,
    }))
    .sort((a, b) => b.votes - a.votes || compareIds(a.id, b.id));
  return { rule, budget: e.budget, ballots: e.ballots.length, outcome, projects, left: e.budget - outcome.totalCost };
}
