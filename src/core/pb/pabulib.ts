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

export const PB_VOTE_TYPES = ['approval', 'choose-1', 'cumulative', 'ordinal'] as const;
export type PbVoteType = (typeof PB_VOTE_TYPES)[number];

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

export class PbFormatError extends Error {
  readonly line: number | null;
  readonly field: string | null;
  readonly detail: string;
  readonly file: string | null;
  constructor(detail: string, line: number | null = null, field: string | null = null, file: string | null = null) {
    const where = [file, line !== null ? `line ${line}` : null, field !== null ? `field "${field}"` : null]
      .filter((x): x is string => x !== null)
      .join(', ');
    super(where ? `${where}: ${detail}` : detail);
    this.name = 'PbFormatError';
    this.line = line;
    this.field = field;
    this.detail = detail;
    this.file = file;
  }

  /** The same error with the file name in front. */
  inFile(file: string): PbFormatError {
    return new PbFormatError(this.detail, this.line, this.field, file);
  }
}

interface Rec {
  readonly line: number;
  readonly fields: string[];
}

/** Split the text into records of fields (CSV-like with ";" and double quotes). */
function tokenize(text: string): Rec[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: Rec[] = [];
  let line = 1;
  let recLine = 1;
  let fields: string[] = [];
  let field = '';
  let i = 0;
  const endRecord = () => {
    fields.push(field.trim());
    out.push({ line: recLine, fields });
    fields = [];
    field = '';
  };
  while (i < s.length) {
    const ch = s[i] as string;
    if (ch === '"' && field.trim() === '') {
      // quoted field
      const quoteLine = line;
      field = '';
      i++;
      for (;;) {
        if (i >= s.length) throw new PbFormatError('a quoted field is not closed (missing ")', quoteLine);
        const c = s[i] as string;
        if (c === '"') {
          if (s[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\r' || c === '\n') {
          if (c === '\r' && s[i + 1] === '\n') i++;
          line++;
          field += '\n';
          i++;
          continue;
        }
        field += c;
        i++;
      }
      continue;
    }
    if (ch === ';') {
      fields.push(field.trim());
      field = '';
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      endRecord();
      i++;
      line++;
      recLine = line;
      continue;
    }
    field += ch;
    i++;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return out.filter((r) => r.fields.some((f) => f !== ''));
}

const SECTIONS = ['META', 'PROJECTS', 'VOTES'] as const;
type Section = (typeof SECTIONS)[number];

function sectionOf(r: Rec): Section | null {
  const first = (r.fields[0] ?? '').toUpperCase();
  if (!(SECTIONS as readonly string[]).includes(first)) return null;
  if (r.fields.slice(1).some((f) => f !== '')) return null;
  return first as Section;
}

interface Amount {
  readonly digits: bigint;
  readonly decimals: number;
}

/** A non-negative decimal amount, read exactly: "1000", "1000.00", "1000.5". Trailing zeros add no decimals. */
function parseAmount(text: string, line: number, field: string): Amount {
  const m = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) {
    if (text === '') throw new PbFormatError('the amount is missing', line, field);
    throw new PbFormatError(`"${text}" is not a non-negative amount`, line, field);
  }
  const frac = (m[2] ?? '').replace(/0+$/, '');
  return { digits: BigInt(`${m[1] ?? '0'}${frac}`), decimals: frac.length };
}

const scaled = (a: Amount, decimals: number): bigint => a.digits * 10n ** BigInt(decimals - a.decimals);

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

/** Parse a `.pb` text. Throws PbFormatError naming the line and field. */
export function parsePabulib(text: string, options: PbParseOptions = {}): PbFile {
  const recs = tokenize(text);
  const warnings: string[] = [];
  // group records by section
  const bodies = new Map<Section, { line: number; recs: Rec[] }>();
  let current: { line: number; recs: Rec[] } | null = null;
  let expect = 0;
  for (const r of recs) {
    const sec = sectionOf(r);
    if (sec) {
      const idx = SECTIONS.indexOf(sec);
      if (bodies.has(sec)) throw new PbFormatError(`section ${sec} appears twice`, r.line);
      if (idx !== expect) {
        throw new PbFormatError(`section ${sec} is out of place: expected ${SECTIONS[expect] ?? 'the end'}`, r.line);
      }
      expect++;
      current = { line: r.line, recs: [] };
      bodies.set(sec, current);
      continue;
    }
    if (!current)
      throw new PbFormatError('text before the META section (a .pb file starts with the line META)', r.line);
    current.recs.push(r);
  }
  for (const sec of SECTIONS) {
    if (!bodies.has(sec)) throw new PbFormatError(`the section ${sec} is missing`);
  }

  // META
  const metaBody = bodies.get('META') as { line: number; recs: Rec[] };
  const metaHead = metaBody.recs[0];
  if (
    !metaHead ||
    (metaHead.fields[0] ?? '').toLowerCase() !== 'key' ||
    (metaHead.fields[1] ?? '').toLowerCase() !== 'value'
  ) {
    throw new PbFormatError('the META section must start with the header "key;value"', metaHead?.line ?? metaBody.line);
  }
  const meta: PbMetaEntry[] = [];
  const metaLines = new Map<string, number>();
  for (const r of metaBody.recs.slice(1)) {
    const key = r.fields[0] ?? '';
    if (key === '') throw new PbFormatError('a META entry has no key', r.line, 'key');
    const prev = metaLines.get(key);
    if (prev !== undefined)
      throw new PbFormatError(`META key "${key}" is given twice (also on line ${prev})`, r.line, 'key');
    metaLines.set(key, r.line);
    // an unquoted ";" inside a value: keep the rest of the line as the value
    meta.push({ key, value: r.fields.slice(1).join(';').trim() });
  }
  const metaGet = (k: string) => meta.find((e) => e.key === k);
  const budgetEntry = metaGet('budget');
  if (!budgetEntry) throw new PbFormatError('META has no "budget" entry', metaBody.line);
  const voteType = voteTypeOf(meta, metaLines);
  const budgetAmount = parseAmount(budgetEntry.value, metaLines.get('budget') ?? 0, 'budget');

  // PROJECTS
  const projBody = bodies.get('PROJECTS') as { line: number; recs: Rec[] };
  const projectColumns = header(projBody.recs[0], 'PROJECTS', ['project_id', 'cost'], projBody.line);
  const rows: { id: string; cost: Amount; fields: Record<string, string>; line: number }[] = [];
  const projectLine = new Map<string, number>();
  for (const r of projBody.recs.slice(1)) {
    const f = rowFields(r, projectColumns, 'PROJECTS');
    const id = f['project_id'] ?? '';
    if (id === '') throw new PbFormatError('the project id is empty', r.line, 'project_id');
    if (id.includes(',')) throw new PbFormatError(`project id "${id}" contains a comma`, r.line, 'project_id');
    const prev = projectLine.get(id);
    if (prev !== undefined)
      throw new PbFormatError(`project "${id}" is listed twice (also on line ${prev})`, r.line, 'project_id');
    projectLine.set(id, r.line);
    rows.push({ id, cost: parseAmount(f['cost'] ?? '', r.line, 'cost'), fields: f, line: r.line });
  }
  const decimals = Math.max(budgetAmount.decimals, ...rows.map((r) => r.cost.decimals));
  const budget = scaled(budgetAmount, decimals);
  const projects: PbProjectRow[] = rows.map((r) => ({ ...r, cost: scaled(r.cost, decimals) }));

  // VOTES
  const voteBody = bodies.get('VOTES') as { line: number; recs: Rec[] };
  const voteColumns = header(
    voteBody.recs[0],
    'VOTES',
    voteType === 'cumulative' ? ['voter_id', 'vote', 'points'] : ['voter_id', 'vote'],
    voteBody.line,
  );
  const votes: PbVoteRow[] = [];
  const voterLine = new Map<string, number>();
  for (const r of voteBody.recs.slice(1)) {
    const f = rowFields(r, voteColumns, 'VOTES');
    const voterId = f['voter_id'] ?? '';
    if (voterId === '') throw new PbFormatError('the voter id is empty', r.line, 'voter_id');
    const prev = voterLine.get(voterId);
    if (prev !== undefined)
      throw new PbFormatError(`voter "${voterId}" votes twice (also on line ${prev})`, r.line, 'voter_id');
    voterLine.set(voterId, r.line);
    const raw = f['vote'] ?? '';
    const listed = raw === '' ? [] : raw.split(',').map((x) => x.trim());
    const points = voteType === 'cumulative' ? parsePoints(f['points'] ?? '', listed.length, r.line) : undefined;
    const vote: string[] = [];
    for (const id of listed) {
      if (id === '') throw new PbFormatError(`an empty project id in the vote "${raw}"`, r.line, 'vote');
      if (!projectLine.has(id)) throw new PbFormatError(`unknown project "${id}" (not in PROJECTS)`, r.line, 'vote');
      if (vote.includes(id)) {
        if (voteType === 'cumulative' || voteType === 'ordinal')
          throw new PbFormatError(`project "${id}" appears twice in the vote`, r.line, 'vote');
        warnings.push(`line ${r.line}: project "${id}" appears twice in the vote of "${voterId}" (counted once)`);
        continue;
      }
      vote.push(id);
    }
    if (voteType === 'choose-1' && vote.length > 1)
      throw new PbFormatError(`a choose-1 vote lists ${vote.length} projects`, r.line, 'vote');
    votes.push({ voterId, vote, ...(points ? { points } : {}), fields: f, line: r.line });
  }

  for (const [key, n, what] of [
    ['num_projects', projects.length, 'projects'],
    ['num_votes', votes.length, 'votes'],
  ] as const) {
    const e = metaGet(key);
    if (!e || e.value === String(n)) continue;
    const message = `META ${key} is ${e.value} but ${n} ${what} are listed`;
    if (!options.allowCountMismatch)
      throw new PbFormatError(`${message} (allow it with --allow-count-mismatch)`, metaLines.get(key) ?? null, key);
    warnings.push(message);
  }
  return { meta, budget, decimals, voteType, projectColumns, projects, voteColumns, votes, warnings };
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
