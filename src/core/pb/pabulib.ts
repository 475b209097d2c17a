// The pabulib `.pb` format (pabulib.org/format), parsed from and written to strings.
//
// A file has three sections in this order, each introduced by a line holding only its name:
//   META      a header line "key;value", then one "key;value" line per entry (budget is required);
//   PROJECTS  a header line naming the columns (project_id and cost are required), then one line
//             per project;
//   VOTES     a header line naming the columns (voter_id and vote are required), then one line per
//             voter; `vote` lists project ids separated by commas (empty: an empty ballot).
// vote_type (META, default approval) is checked right after META, before anything else, so that an
// unsupported kind of ballot is the error reported. Supported: approval; choose-1 (approval of at most
// one project); cumulative (a `points` column gives each listed project's points, in the same order);
// ordinal (`vote` lists projects from most to least preferred). A project repeated in one approval vote
// is counted once, with a warning; repeated in a cumulative or ordinal vote it is an error.
// Fields are separated by ";" and trimmed of surrounding spaces. A field may be quoted with double
// quotes (a quote inside is doubled, as in CSV), which lets it hold ";" or line breaks. Blank lines
// are ignored; line endings may be \n, \r\n or \r; a leading byte-order mark is ignored.
// Amounts (budget, cost) are non-negative decimals read exactly: when any has decimals, every amount is
// held in units of 10^-decimals (PbFile.decimals), so "1000.5" with decimals 1 is 10005n. Every error
// names the line and field (PbFormatError). META num_votes / num_projects that disagree with the lists
// are an error unless `allowCountMismatch` is set (then a warning).
// The file's own `selected` column, if any, is kept as an ordinary field and never trusted.

import type { ApprovalElection } from './election.ts';
import type { PbVoteType } from './pabulib-sections.ts';
import { PbFormatError } from './pabulib-error.ts';
import { groupSections, tokenize } from './pabulib-tokens.ts';
import { checkCounts, parseMeta, parseProjects, parseVotes, scaled, scaledProjects } from './pabulib-sections.ts';

export { PbFormatError } from './pabulib-error.ts';

export interface PbMetaEntry {
  readonly key: string;
  readonly value: string;
}

export interface PbProjectRow {
  readonly id: string;
  readonly cost: bigint;
  /** Every column of the row by header name (including project_id and cost), trimmed. */
  readonly fields: Readonly<Record<string, string>>;
  /** 1-based line in the source (0 when built in code). */
  readonly line: number;
}

export interface PbVoteRow {
  readonly voterId: string;
  /** The project ids in the `vote` field, in file order (a repeat in an approval vote dropped). */
  readonly vote: readonly string[];
  /** Cumulative ballots: the points of each project in `vote`, in the same order. */
  readonly points?: readonly bigint[];
  readonly fields: Readonly<Record<string, string>>;
  readonly line: number;
}

export { PB_VOTE_TYPES, type PbVoteType } from './pabulib-sections.ts';

export interface PbParseOptions {
  /** Accept a file whose META num_votes / num_projects disagree with its lists (a warning instead). */
  readonly allowCountMismatch?: boolean;
}

export interface PbFile {
  readonly meta: readonly PbMetaEntry[];
  /** In units of 10^-decimals of the currency. */
  readonly budget: bigint;
  /** How many decimals the amounts (budget, costs) are held with: 0 for whole amounts. */
  readonly decimals: number;
  /** META vote_type, lower-cased; "approval" when absent. */
  readonly voteType: PbVoteType;
  readonly projectColumns: readonly string[];
  readonly projects: readonly PbProjectRow[];
  readonly voteColumns: readonly string[];
  readonly votes: readonly PbVoteRow[];
  /** Things that are odd but not fatal (e.g. num_votes disagreeing with the votes listed). */
  readonly warnings: readonly string[];
}

/** Parse a `.pb` text. Throws PbFormatError naming the line and field. */
export function parsePabulib(text: string, options: PbParseOptions = {}): PbFile {
  const bodies = groupSections(tokenize(text));
  const warnings: string[] = [];
  const meta = parseMeta(bodies.META);
  const { columns: projectColumns, rows, lines: projectLines } = parseProjects(bodies.PROJECTS);
  const decimals = Math.max(meta.budget.decimals, ...rows.map((r) => r.cost.decimals));
  const budget = scaled(meta.budget, decimals);
  const projects = scaledProjects(rows, decimals);
  const { columns: voteColumns, votes } = parseVotes(bodies.VOTES, meta.voteType, projectLines, warnings);
  checkCounts(meta, { projects: projects.length, votes: votes.length }, options, warnings);
  return {
    meta: meta.meta,
    budget,
    decimals,
    voteType: meta.voteType,
    projectColumns,
    projects,
    voteColumns,
    votes,
    warnings,
  };
}

/** The approval election in a parsed file (approval or choose-1). Throws PbFormatError for other vote types. */
export function toApprovalElection(file: PbFile): ApprovalElection {
  if (file.voteType !== 'approval' && file.voteType !== 'choose-1') {
    throw new PbFormatError(
      `vote_type "${file.voteType}" is not an approval vote: count it with the cardinal rules (cardinal.ts)`,
      null,
      'vote_type',
    );
  }
  return {
    budget: file.budget,
    ...(file.decimals > 0 ? { unit: 10n ** BigInt(file.decimals) } : {}),
    projects: file.projects.map((p) => ({ id: p.id, cost: p.cost })),
    ballots: file.votes.map((v) => v.vote),
  };
}

export { writePabulib, type PbWriteInput } from './pabulib-write.ts';
