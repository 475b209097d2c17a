// The sections of a pabulib `.pb` file (pabulib.ts describes the format): META, PROJECTS and VOTES, each
// read field by field, and the check of META's counts against the lists.

import type { PbMetaEntry, PbParseOptions, PbProjectRow, PbVoteRow } from './pabulib.ts';
import { PbFormatError } from './pabulib-error.ts';
import type { Rec, Section, SectionBody } from './pabulib-tokens.ts';
import { sectionOf } from './pabulib-tokens.ts';

export const PB_VOTE_TYPES = ['approval', 'choose-1', 'cumulative', 'ordinal'] as const;
export type PbVoteType = (typeof PB_VOTE_TYPES)[number];

export interface Amount {
  readonly digits: bigint;
  readonly decimals: number;
}

/** A non-negative decimal amount, read exactly: "1000", "1000.00", "1000.5". Trailing zeros add no decimals. */
export function parseAmount(text: string, line: number, field: string): Amount {
  const m = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) {
    if (text === '') throw new PbFormatError('the amount is missing', line, field);
    throw new PbFormatError(`"${text}" is not a non-negative amount`, line, field);
  }
  const frac = (m[2] ?? '').replace(/0+$/, '');
  return { digits: BigInt(`${m[1] ?? '0'}${frac}`), decimals: frac.length };
}

export const scaled = (a: Amount, decimals: number): bigint => a.digits * 10n ** BigInt(decimals - a.decimals);

/** The vote_type of META, checked before anything else. */
function voteTypeOf(meta: readonly PbMetaEntry[], metaLines: Map<string, number>): PbVoteType {
  const raw = (meta.find((e) => e.key === 'vote_type')?.value ?? 'approval').toLowerCase() || 'approval';
  if (!(PB_VOTE_TYPES as readonly string[]).includes(raw))
    throw new PbFormatError(
      `vote_type "${raw}" cannot be counted here: supported are ${PB_VOTE_TYPES.join(', ')}`,
      metaLines.get('vote_type') ?? null,
      'vote_type',
    );
  return raw as PbVoteType;
}

/** The points of a cumulative vote: whole non-negative numbers, one per listed project. */
function parsePoints(raw: string, count: number, line: number): bigint[] {
  const parts = raw === '' ? [] : raw.split(',').map((x) => x.trim());
  if (parts.length !== count)
    throw new PbFormatError(`${parts.length} points for ${count} projects in the vote`, line, 'points');
  return parts.map((x) => {
    if (!/^\d+$/.test(x))
      throw new PbFormatError(`"${x}" is not a whole non-negative number of points`, line, 'points');
    return BigInt(x);
  });
}

/** The column names of a section's header line, checked. */
function header(r: Rec | undefined, section: Section, required: readonly string[], sectionLine: number): string[] {
  if (!r || sectionOf(r)) throw new PbFormatError(`section ${section} has no header line`, r?.line ?? sectionLine);
  const cols = r.fields.slice();
  const seen = new Set<string>();
  for (const c of cols) {
    if (c === '') throw new PbFormatError(`an empty column name in the ${section} header`, r.line);
    if (seen.has(c)) throw new PbFormatError(`column "${c}" appears twice in the ${section} header`, r.line, c);
    seen.add(c);
  }
  for (const need of required) {
    if (!seen.has(need)) throw new PbFormatError(`the ${section} header lacks the column "${need}"`, r.line);
  }
  return cols;
}

/** The fields of a row by column name; throws when the row has the wrong number of fields. */
function rowFields(r: Rec, cols: readonly string[], section: Section): Record<string, string> {
  if (r.fields.length !== cols.length) {
    throw new PbFormatError(
      `${section} row has ${r.fields.length} fields but the header names ${cols.length} (${cols.join(';')})`,
      r.line,
    );
  }
  const o: Record<string, string> = {};
  cols.forEach((c, k) => {
    o[c] = r.fields[k] ?? '';
  });
  return o;
}

/** What META holds for the rest of the file. */
export interface PbMeta {
  readonly meta: PbMetaEntry[];
  /** The line of each key. */
  readonly lines: Map<string, number>;
  readonly budget: Amount;
  readonly voteType: PbVoteType;
}

/** The META section: the "key;value" header, the entries, the budget and the vote type (checked first). */
export function parseMeta(body: SectionBody): PbMeta {
  checkMetaHeader(body);
  const meta: PbMetaEntry[] = [];
  const lines = new Map<string, number>();
  for (const r of body.recs.slice(1)) meta.push(metaEntry(r, lines));
  const budgetEntry = meta.find((e) => e.key === 'budget');
  if (!budgetEntry) throw new PbFormatError('META has no "budget" entry', body.line);
  const voteType = voteTypeOf(meta, lines);
  const budget = parseAmount(budgetEntry.value, lines.get('budget') ?? 0, 'budget');
  return { meta, lines, budget, voteType };
}

function checkMetaHeader(body: SectionBody): void {
  const head = body.recs[0];
  if (!head || (head.fields[0] ?? '').toLowerCase() !== 'key' || (head.fields[1] ?? '').toLowerCase() !== 'value') {
    throw new PbFormatError('the META section must start with the header "key;value"', head?.line ?? body.line);
  }
}

/** One META entry; records its line in `lines` (a key given twice is an error). */
function metaEntry(r: Rec, lines: Map<string, number>): PbMetaEntry {
  const key = r.fields[0] ?? '';
  if (key === '') throw new PbFormatError('a META entry has no key', r.line, 'key');
  const prev = lines.get(key);
  if (prev !== undefined)
    throw new PbFormatError(`META key "${key}" is given twice (also on line ${prev})`, r.line, 'key');
  lines.set(key, r.line);
  // an unquoted ";" inside a value: keep the rest of the line as the value
  return { key, value: r.fields.slice(1).join(';').trim() };
}

/** A project row with its cost as read (before scaling to the file's decimals). */
export interface PbProjectRead {
  readonly id: string;
  readonly cost: Amount;
  readonly fields: Record<string, string>;
  readonly line: number;
}

/** The PROJECTS section: its columns, its rows and the line of each project id. */
export function parseProjects(body: SectionBody): {
  columns: string[];
  rows: PbProjectRead[];
  lines: Map<string, number>;
} {
  const columns = header(body.recs[0], 'PROJECTS', ['project_id', 'cost'], body.line);
  const rows: PbProjectRead[] = [];
  const lines = new Map<string, number>();
  for (const r of body.recs.slice(1)) rows.push(projectRow(r, columns, lines));
  return { columns, rows, lines };
}

/** One project row; records the id's line in `lines`. */
function projectRow(r: Rec, columns: readonly string[], lines: Map<string, number>): PbProjectRead {
  const f = rowFields(r, columns, 'PROJECTS');
  const id = f['project_id'] ?? '';
  if (id === '') throw new PbFormatError('the project id is empty', r.line, 'project_id');
  if (id.includes(',')) throw new PbFormatError(`project id "${id}" contains a comma`, r.line, 'project_id');
  const prev = lines.get(id);
  if (prev !== undefined)
    throw new PbFormatError(`project "${id}" is listed twice (also on line ${prev})`, r.line, 'project_id');
  lines.set(id, r.line);
  return { id, cost: parseAmount(f['cost'] ?? '', r.line, 'cost'), fields: f, line: r.line };
}

/** The PROJECTS rows with their costs in units of 10^-decimals. */
export function scaledProjects(rows: readonly PbProjectRead[], decimals: number): PbProjectRow[] {
  return rows.map((r) => ({ ...r, cost: scaled(r.cost, decimals) }));
}

/** What the VOTES rows are checked against. */
interface VoteContext {
  readonly columns: readonly string[];
  readonly voteType: PbVoteType;
  /** The line of each project id in PROJECTS. */
  readonly projectLines: ReadonlyMap<string, number>;
  /** The line of each voter id seen so far. */
  readonly voterLines: Map<string, number>;
  readonly warnings: string[];
}

/** The VOTES section: its columns and rows. A repeat in an approval vote adds a warning to `warnings`. */
export function parseVotes(
  body: SectionBody,
  voteType: PbVoteType,
  projectLines: ReadonlyMap<string, number>,
  warnings: string[],
): { columns: string[]; votes: PbVoteRow[] } {
  const columns = header(
    body.recs[0],
    'VOTES',
    voteType === 'cumulative' ? ['voter_id', 'vote', 'points'] : ['voter_id', 'vote'],
    body.line,
  );
  const ctx: VoteContext = { columns, voteType, projectLines, voterLines: new Map(), warnings };
  const votes: PbVoteRow[] = [];
  for (const r of body.recs.slice(1)) votes.push(voteRow(r, ctx));
  return { columns, votes };
}

/** One VOTES row. */
function voteRow(r: Rec, ctx: VoteContext): PbVoteRow {
  const f = rowFields(r, ctx.columns, 'VOTES');
  const voterId = f['voter_id'] ?? '';
  if (voterId === '') throw new PbFormatError('the voter id is empty', r.line, 'voter_id');
  const prev = ctx.voterLines.get(voterId);
  if (prev !== undefined)
    throw new PbFormatError(`voter "${voterId}" votes twice (also on line ${prev})`, r.line, 'voter_id');
  ctx.voterLines.set(voterId, r.line);
  const raw = f['vote'] ?? '';
  const listed = raw === '' ? [] : raw.split(',').map((x) => x.trim());
  const points = ctx.voteType === 'cumulative' ? parsePoints(f['points'] ?? '', listed.length, r.line) : undefined;
  const vote = voteList(raw, listed, r.line, voterId, ctx);
  if (ctx.voteType === 'choose-1' && vote.length > 1)
    throw new PbFormatError(`a choose-1 vote lists ${vote.length} projects`, r.line, 'vote');
  return { voterId, vote, ...(points ? { points } : {}), fields: f, line: r.line };
}

/**
 * The project ids of a vote, checked; a repeat is dropped in an approval vote with one warning per repeated
 * project (saying how often it was listed), an error otherwise.
 */
function voteList(raw: string, listed: readonly string[], line: number, voterId: string, ctx: VoteContext): string[] {
  const times = new Map<string, number>();
  for (const id of listed) {
    if (id === '') throw new PbFormatError(`an empty project id in the vote "${raw}"`, line, 'vote');
    if (!ctx.projectLines.has(id)) throw new PbFormatError(`unknown project "${id}" (not in PROJECTS)`, line, 'vote');
    const n = (times.get(id) ?? 0) + 1;
    if (n > 1 && (ctx.voteType === 'cumulative' || ctx.voteType === 'ordinal'))
      throw new PbFormatError(`project "${id}" appears twice in the vote`, line, 'vote');
    times.set(id, n);
  }
  for (const [id, n] of times) {
    if (n > 1) {
      const often = n === 2 ? 'twice' : `${n} times`;
      ctx.warnings.push(`line ${line}: project "${id}" appears ${often} in the vote of "${voterId}" (counted once)`);
    }
  }
  return [...times.keys()];
}

/** META num_projects / num_votes against the lists: an error, or a warning with `allowCountMismatch`. */
export function checkCounts(
  meta: PbMeta,
  listed: { readonly projects: number; readonly votes: number },
  options: PbParseOptions,
  warnings: string[],
): void {
  for (const [key, n, what] of [
    ['num_projects', listed.projects, 'projects'],
    ['num_votes', listed.votes, 'votes'],
  ] as const) {
    const e = meta.meta.find((x) => x.key === key);
    if (!e || e.value === String(n)) continue;
    const message = `META ${key} is ${e.value} but ${n} ${what} are listed`;
    if (!options.allowCountMismatch)
      throw new PbFormatError(`${message} (allow it with --allow-count-mismatch)`, meta.lines.get(key) ?? null, key);
    warnings.push(message);
  }
}
