/**
 * `fardplan pb tally <file.pb> --rule greedy|mes|mes-complete` counts a pabulib election and prints
 * {"winners": [ids sorted], "order": [ids in selection order], "totalCost": "<integer>"} as JSON.
 * The rules are described in docs/participation.md; a bad file exits with code 3 and a message
 * naming the file, line and field.
 */
import type { Command } from 'commander';
import { AppError } from '../../core/errors.ts';
import type { Outcome } from '../../core/pb/election.ts';
import { ElectionError } from '../../core/pb/election.ts';
import { greedy } from '../../core/pb/greedy.ts';
import { mes, mesComplete } from '../../core/pb/mes.ts';
import { PbFormatError, toApprovalElection, type PbFile } from '../../core/pb/pabulib.ts';
import { greedyCardinal, mesCardinal, mesCompleteCardinal, toCardinalElection } from '../../core/pb/cardinal.ts';
import { readPbFile } from '../../services/participation/pabulib.ts';
import { CliError, EXIT } from '../errors.ts';

export const PB_RULES = ['greedy', 'mes', 'mes-complete'] as const;
export type PbRule = (typeof PB_RULES)[number];

export interface TallyJson {
  winners: string[];
  order: string[];
  totalCost: string;
}

export function countWith(rule: PbRule, election: Parameters<typeof greedy>[0]): Outcome {
  switch (rule) {
    case 'greedy':
      return greedy(election);
    case 'mes':
      return mes(election);
    case 'mes-complete':
      return mesComplete(election);
  }
}

/** Counts any supported vote type: approval and choose-1 by the approval rules, the others by cardinal.ts. */
export function countFile(rule: PbRule, pb: PbFile): Outcome {
  if (pb.voteType === 'approval' || pb.voteType === 'choose-1') return countWith(rule, toApprovalElection(pb));
  const e = toCardinalElection(pb);
  return rule === 'greedy' ? greedyCardinal(e) : rule === 'mes' ? mesCardinal(e) : mesCompleteCardinal(e);
}

/** An amount held in units of 10^-decimals, written as a decimal ("1234.50" with 2 decimals). */
export function formatAmount(units: bigint, decimals: number): string {
  if (decimals === 0) return units.toString();
  const s = units.toString().padStart(decimals + 1, '0');
  return `${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
}

/** Reads, counts and returns the command's JSON object. Throws CliError on bad input. */
export async function tally(
  file: string,
  rule: string,
  options: { allowCountMismatch?: boolean; warn?: (message: string) => void } = {},
): Promise<TallyJson> {
  if (!(PB_RULES as readonly string[]).includes(rule)) {
    throw new CliError(`unknown rule "${rule}": use one of ${PB_RULES.join(', ')}`, EXIT.usage);
  }
  try {
    const pb = await readPbFile(file, { allowCountMismatch: options.allowCountMismatch ?? false });
    for (const w of pb.warnings) options.warn?.(`${file}: ${w}`);
    const outcome = countFile(rule as PbRule, pb);
    return { winners: outcome.winners, order: outcome.order, totalCost: formatAmount(outcome.totalCost, pb.decimals) };
  } catch (err) {
    if (err instanceof AppError) throw new CliError(err.message, EXIT.badInput);
    if (err instanceof PbFormatError || err instanceof ElectionError)
      throw new CliError(`${file}: ${err.message}`, EXIT.badInput);
    throw err;
  }
}

export function register(program: Command): void {
  const pb = program.command('pb').description('participatory budgeting (pabulib .pb files)');
  pb.command('tally')
    .description('count the votes of a .pb file and print winners, selection order and total cost as JSON')
    .argument('<file>', 'a pabulib .pb file (approval, choose-1, cumulative or ordinal votes)')
    .requiredOption('--rule <rule>', `counting rule: ${PB_RULES.join(' | ')}`)
    .option('--allow-count-mismatch', 'count a file whose META num_votes/num_projects disagree with its lists')
    .action(async (file: string, opts: { rule: string; allowCountMismatch?: boolean }) => {
      const result = await tally(file, opts.rule, {
        allowCountMismatch: opts.allowCountMismatch ?? false,
        warn: (m) => process.stderr.write(`warning: ${m}\n`),
      });
      process.stdout.write(`${JSON.stringify(result)}\n`);
    });
}
