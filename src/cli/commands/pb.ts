/**
 * `fardplan pb tally <file.pb> --rule greedy|mes|mes-complete` counts a pabulib election and prints
 * {"winners": [ids sorted], "order": [ids in selection order], "totalCost": "<integer>"} as JSON.
 * The rules are described in docs/participation.md; a bad file exits with code 3 and a message
 * naming the file, line and field.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../core/errors.ts';
import type { Outcome } from '../../core/pb/election.ts';
import { ElectionError } from '../../core/pb/election.ts';
import { greedy } from '../../core/pb/greedy.ts';
import { mes, mesComplete } from '../../core/pb/mes.ts';
import { PbFormatError, toApprovalElection } from '../../core/pb/pabulib.ts';
import { assertComplete, readPabulibFile } from '../../importers/pabulib.ts';
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

/** Reads, counts and returns the command's JSON object. Throws CliError on bad input. */
export async function tally(file: string, rule: string): Promise<TallyJson> {
  if (!(PB_RULES as readonly string[]).includes(rule)) {
    throw new CliError(`unknown rule "${rule}": use one of ${PB_RULES.join(', ')}`, EXIT.usage);
  }
  try {
    const pb = await readPabulibFile(file);
    assertComplete(pb, basename(file));
    const outcome = countWith(rule as PbRule, toApprovalElection(pb));
    return { winners: outcome.winners, order: outcome.order, totalCost: outcome.totalCost.toString() };
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
    .argument('<file>', 'a pabulib .pb file (approval votes)')
    .requiredOption('--rule <rule>', `counting rule: ${PB_RULES.join(' | ')}`)
    .action(async (file: string, opts: { rule: string }) => {
      const result = await tally(file, opts.rule);
      process.stdout.write(`${JSON.stringify(result)}\n`);
    });
}
