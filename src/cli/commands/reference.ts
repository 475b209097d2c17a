import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { shippedReferenceDir, writeShippedReference } from '../../services/indicators/reference-build.ts';
import { CliError, EXIT } from '../errors.ts';

export function register(program: Command): void {
  const reference = program.command('reference').description('the Stockholm reference dataset shipped with Färdplan');
  reference
    .command('build')
    .description(
      'regenerate data/reference/stockholm from the raw files (the layout of ../shared/data) through the importers',
    )
    .requiredOption('--from <dir>', 'the raw data directory')
    .option('--out <dir>', 'where to write the dataset', shippedReferenceDir)
    .action(async (opts: { from: string; out: string }) => {
      const from = resolve(opts.from);
      if (!existsSync(from) || !statSync(from).isDirectory())
        throw new CliError(`${opts.from}: no such directory`, EXIT.usage);
      const out = resolve(opts.out);
      const { manifest, bytes } = await writeShippedReference(from, out, () => new Date());
      const c = manifest.counts;
      process.stdout.write(
        `${out}: ${c.stadsdelar} stadsdelar, ${c.deso} DeSO in ${c.regso} RegSO, ${c.tables} tables (${c.records} records), ` +
          `${c.policeLists} Police lists; ${(bytes / 1024).toFixed(0)} kB, extracted ${manifest.extractedAt}\n`,
      );
    });
}
