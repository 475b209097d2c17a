/**
 * `fardplan segregation <file.csv> --group <column> --total <column> [--groups a,b,…]
 *   [--neighbours <file.json>] [--value <column>]`
 * prints the segregation measures as JSON (see docs/methods.md). Areas skipped (zero total) and
 * areas without neighbours are reported on stderr so that stdout stays plain JSON.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../core/errors.ts';
import { multiGroupTable, tableMoran, tableNeighbours, twoGroupTable } from '../../services/segregation-files.ts';
import { CliError, EXIT } from '../errors.ts';

export interface SegregationOptions {
  group: string;
  total: string;
  groups?: string;
  neighbours?: string;
  value?: string;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${path}: ${(err as Error).message}`, EXIT.badInput);
  }
}

/** Computes the command's JSON output; warnings go to `warn`. */
export function segregationReport(
  file: string,
  opts: SegregationOptions,
  warn: (line: string) => void = () => {},
): Record<string, unknown> {
  try {
    const name = basename(file);
    const input = twoGroupTable(readText(file), name, opts.group, opts.total);
    const { table, measures: two } = input;
    if (two.skipped.length)
      warn(`${name}: ${two.skipped.length} area(s) with zero ${opts.total} skipped: ${two.skipped.join(', ')}`);
    const out: Record<string, unknown> = { D: two.D, H: two.H, M: two.M, xPx: two.xPx, xPy: two.xPy, G: two.G };
    if (opts.groups !== undefined) {
      const groups = opts.groups
        .split(',')
        .map((g) => g.trim())
        .filter(Boolean);
      if (groups.length < 2) throw new CliError('--groups needs at least two columns, separated by commas', EXIT.usage);
      const multi = multiGroupTable(table, groups);
      if (multi.skipped.length)
        warn(`${name}: ${multi.skipped.length} area(s) with no one in the groups skipped: ${multi.skipped.join(', ')}`);
      Object.assign(out, {
        multiD: multi.multiD,
        multiH: multi.multiH,
        multiM: multi.M,
        multiG: multi.multiG,
        normExposure: multi.normExposure,
      });
    }
    if (opts.neighbours !== undefined) {
      const nbFile = basename(opts.neighbours);
      const { neighbours, unknown } = tableNeighbours(table, readText(opts.neighbours), nbFile);
      if (unknown.length === Object.keys(neighbours).length) {
        throw new CliError(
          `${nbFile}: none of its unit ids is in the first column ('${table.idColumn}') of ${name}`,
          EXIT.badInput,
        );
      }
      if (unknown.length)
        warn(`${nbFile}: ${unknown.length} unit id(s) not in ${name} ignored: ${unknown.slice(0, 10).join(', ')}`);
      const m = tableMoran(input, neighbours, opts.value);
      if (m.isolates.length)
        warn(`${nbFile}: ${m.isolates.length} area(s) without neighbours: ${m.isolates.join(', ')}`);
      out['moran'] = { I: m.I, EI: m.EI, zNorm: m.zNorm, pNorm: m.pNorm, zRand: m.zRand, pRand: m.pRand };
    }
    return out;
  } catch (err) {
    if (err instanceof CliError) throw err;
    if (err instanceof AppError) throw new CliError(err.message, EXIT.badInput);
    throw err;
  }
}

export function register(program: Command): void {
  program
    .command('segregation')
    .description(
      'Segregation measures (D, H, M, xPx, xPy, G; multigroup D, H, M, G, normalised exposure; Moran’s I) for a CSV with one row per area; prints JSON',
    )
    .argument('<file.csv>', 'one row per area: the first column is the area id, the others counts')
    .requiredOption('--group <column>', 'column with the count of the group of interest')
    .requiredOption('--total <column>', 'column with the total count of the area')
    .option('--groups <a,b,…>', 'columns for the multigroup measures (multiD, multiH, multiM, multiG, normExposure)')
    .option(
      '--neighbours <file.json>',
      "neighbour file (unit id → neighbour ids, ids from the CSV's first column) for Moran's I",
    )
    .option('--value <column>', "column for Moran's I instead of the share group/total")
    .action((file: string, opts: SegregationOptions) => {
      const report = segregationReport(file, opts, (line) => process.stderr.write(`fardplan: warning: ${line}\n`));
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    });
}
