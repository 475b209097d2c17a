import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toCsv, type CsvCell } from '../../core/csv.ts';
import { statisticsForExport } from '../../services/datasets.ts';
import { loadConfig } from '../config.ts';
import { openDb } from '../runtime.ts';

const COLUMNS = {
  'sources.csv': ['id', 'name', 'publisher', 'url', 'licence', 'citation'],
  'divisions.csv': ['id', 'name_sv', 'name_en', 'level', 'valid_from', 'valid_to'],
  'areas.csv': ['division', 'code', 'name', 'parent_division', 'parent_code'],
  'indicators.csv': [
    'id',
    'name_sv',
    'name_en',
    'unit',
    'kind',
    'polarity',
    'definition_sv',
    'definition_en',
    'numerator',
    'denominator',
    'multiplier',
    'decimals',
    'source',
  ],
  'observations.csv': [
    'indicator',
    'division',
    'area',
    'period',
    'breakdown',
    'value',
    'numerator',
    'denominator',
    'status',
    'source',
  ],
} as const;

export function register(program: Command): void {
  program
    .command('export')
    .description(
      'export the statistics (sources, divisions, areas, indicators, published observations) as a CSV dataset that `fardplan load` reads back',
    )
    .requiredOption('-o, --out <dir>', 'directory to write the CSV files to')
    .option('-i, --indicator <ids...>', 'only these indicators (and their observations)')
    .action(async (opts: { out: string; indicator?: string[] }) => {
      const db = await openDb(loadConfig());
      try {
        const data = await statisticsForExport(db, opts.indicator ? { indicators: opts.indicator } : {});
        const out = resolve(opts.out);
        mkdirSync(out, { recursive: true });
        const tables: Record<keyof typeof COLUMNS, Record<string, unknown>[]> = {
          'sources.csv': data.sources,
          'divisions.csv': data.divisions,
          'areas.csv': data.areas,
          'indicators.csv': data.indicators,
          'observations.csv': data.observations,
        };
        for (const [file, cols] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, readonly string[]][]) {
          const rows = tables[file];
          writeFileSync(
            join(out, file),
            toCsv([cols, ...rows.map((r) => cols.map((c) => (r[c] ?? '') as CsvCell))], { newline: '\n' }),
          );
          process.stdout.write(`${join(out, file)}: ${rows.length} rows\n`);
        }
      } finally {
        await db.close();
      }
    });
}
