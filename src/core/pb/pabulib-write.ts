// Writing the pabulib `.pb` format (the reader is pabulib.ts).
import { PbFormatError, type PbMetaEntry } from './pabulib.ts';

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
