// The pabulib `.pb` format (pabulib.org/format), parsed from and written to strings.
//
// A file has three sections in this order, each introduced by a line holding only its name:
//   META      a header line "key;value", then one "key;value" line per entry (budget is required);
//   PROJECTS  a header line naming the columns (project_id and cost are required), then one line
//             per project;
//   VOTES     a header line naming the columns (voter_id and vote are required), then one line per
//             voter; `vote` lists the approved project ids separated by commas (empty: an empty
//             ballot).
// Fields are separated by ";" and trimmed of surrounding spaces. A field may be quoted with double
// quotes (a quote inside is doubled, as in CSV), which lets it hold ";" or line breaks. Blank lines
// are ignored; line endings may be \n, \r\n or \r; a leading byte-order mark is ignored.
// Amounts (budget, cost) must be whole non-negative numbers; "1000.00" is read as 1000, "1000.5" is
// an error. Every error names the line and field (PbFormatError).
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
  /** The project ids in the `vote` field, in file order. */
  readonly vote: readonly string[];
  readonly fields: Readonly<Record<string, string>>;
  readonly line: number;
}

export interface PbFile {
  readonly meta: readonly PbMetaEntry[];
  readonly budget: bigint;
  /** META vote_type, lower-cased; "approval" when absent. */
  readonly voteType: string;
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

/** A whole non-negative amount: "1000" or "1000.00". */
function parseAmount(text: string, line: number, field: string): bigint {
  const m = /^(\d+)(?:\.(0*))?$/.exec(text);
  if (!m) {
    if (/^\d+\.\d+$/.test(text)) throw new PbFormatError(`"${text}" is not a whole amount`, line, field);
    if (text === '') throw new PbFormatError('the amount is missing', line, field);
    throw new PbFormatError(`"${text}" is not a whole non-negative amount`, line, field);
  }
  return BigInt(m[1] ?? '0');
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
export function parsePabulib(text: string): PbFile {
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
  const budget = parseAmount(budgetEntry.value, metaLines.get('budget') ?? 0, 'budget');
  const voteType = (metaGet('vote_type')?.value ?? 'approval').toLowerCase() || 'approval';

  // PROJECTS
  const projBody = bodies.get('PROJECTS') as { line: number; recs: Rec[] };
  const projectColumns = header(projBody.recs[0], 'PROJECTS', ['project_id', 'cost'], projBody.line);
  const projects: PbProjectRow[] = [];
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
    projects.push({ id, cost: parseAmount(f['cost'] ?? '', r.line, 'cost'), fields: f, line: r.line });
  }

  // VOTES
  const voteBody = bodies.get('VOTES') as { line: number; recs: Rec[] };
  const voteColumns = header(voteBody.recs[0], 'VOTES', ['voter_id', 'vote'], voteBody.line);
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
    const vote = raw === '' ? [] : raw.split(',').map((x) => x.trim());
    const seen = new Set<string>();
    for (const id of vote) {
      if (id === '') throw new PbFormatError(`an empty project id in the vote "${raw}"`, r.line, 'vote');
      if (!projectLine.has(id)) throw new PbFormatError(`unknown project "${id}" (not in PROJECTS)`, r.line, 'vote');
      if (seen.has(id)) throw new PbFormatError(`project "${id}" appears twice in the vote`, r.line, 'vote');
      seen.add(id);
    }
    votes.push({ voterId, vote, fields: f, line: r.line });
  }

  const np = metaGet('num_projects');
  if (np && np.value !== String(projects.length)) {
    warnings.push(`META num_projects is ${np.value} but ${projects.length} projects are listed`);
  }
  const nv = metaGet('num_votes');
  if (nv && nv.value !== String(votes.length)) {
    warnings.push(`META num_votes is ${nv.value} but ${votes.length} votes are listed`);
  }
  return { meta, budget, voteType, projectColumns, projects, voteColumns, votes, warnings };
}

/** The approval election in a parsed file. Throws PbFormatError for vote types other than approval. */
export function toApprovalElection(file: PbFile): ApprovalElection {
  if (file.voteType !== 'approval') {
    throw new PbFormatError(
      `vote_type "${file.voteType}" cannot be counted here: only approval ballots are supported`,
      null,
      'vote_type',
    );
  }
  return {
    budget: file.budget,
    projects: file.projects.map((p) => ({ id: p.id, cost: p.cost })),
    ballots: file.votes.map((v) => v.vote),
  };
}

// ---------------------------------------------------------------------------------------------
// Writing

/** What the writer needs; a parsed PbFile fits. Rows' `fields` supply the other columns. */
export interface PbWriteInput {
  readonly meta: readonly PbMetaEntry[];
  readonly projectColumns?: readonly string[];
  readonly projects: readonly {
    readonly id: string;
    readonly cost: bigint;
    readonly fields?: Readonly<Record<string, string>>;
  }[];
  readonly voteColumns?: readonly string[];
  readonly votes: readonly {
    readonly voterId: string;
    readonly vote: readonly string[];
    readonly fields?: Readonly<Record<string, string>>;
  }[];
}

function quote(v: string): string {
  if (/[;"\r\n]/.test(v) || v !== v.trim()) return `"${v.replace(/"/g, '""')}"`;
  return v;
}

/**
 * Write a `.pb` text (lines end with \n). META must contain budget; the project and vote columns
 * default to project_id;cost and voter_id;vote.
 */
export function writePabulib(input: PbWriteInput): string {
  const lines: string[] = ['META', 'key;value'];
  if (!input.meta.some((e) => e.key === 'budget')) throw new PbFormatError('META has no "budget" entry');
  for (const e of input.meta) lines.push(`${quote(e.key)};${quote(e.value)}`);
  const pc = input.projectColumns ?? ['project_id', 'cost'];
  for (const need of ['project_id', 'cost']) {
    if (!pc.includes(need)) throw new PbFormatError(`the project columns lack "${need}"`);
  }
  lines.push('PROJECTS', pc.map(quote).join(';'));
  for (const p of input.projects) {
    if (p.id === '' || p.id.includes(','))
      throw new PbFormatError(`project id "${p.id}" cannot be written (empty or contains a comma)`);
    lines.push(
      pc
        .map((c) => (c === 'project_id' ? p.id : c === 'cost' ? p.cost.toString() : (p.fields?.[c] ?? '')))
        .map(quote)
        .join(';'),
    );
  }
  const vc = input.voteColumns ?? ['voter_id', 'vote'];
  for (const need of ['voter_id', 'vote']) {
    if (!vc.includes(need)) throw new PbFormatError(`the vote columns lack "${need}"`);
  }
  lines.push('VOTES', vc.map(quote).join(';'));
  for (const v of input.votes) {
    lines.push(
      vc
        .map((c) => (c === 'voter_id' ? v.voterId : c === 'vote' ? v.vote.join(',') : (v.fields?.[c] ?? '')))
        .map(quote)
        .join(';'),
    );
  }
  return lines.join('\n') + '\n';
}
