import type { Command } from 'commander';
import { resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { loadConfig } from '../config.ts';
import { openDb } from '../runtime.ts';
import { CliError, EXIT } from '../errors.ts';
import { terminalProgress } from '../progress.ts';
import { migrate } from '../../db/migrate.ts';
import { loadDirectory } from '../../services/datasets.ts';
import { directoryLoaders } from '../../services/loaders.ts';

export function register(program: Command): void {
  program
    .command('load <dir>')
    .description(
      'load a dataset directory in one transaction (the Stockholm reference data, or CSV dataset files); nothing is written if any file is bad',
    )
    .action(async (dir: string) => {
      const path = resolve(dir);
      if (!existsSync(path) || !statSync(path).isDirectory())
        throw new CliError(`${dir}: no such directory`, EXIT.usage);
      const db = await openDb(loadConfig());
      try {
        await migrate(db);
        const result = await loadDirectory(db, path, directoryLoaders, {
          progress: terminalProgress(),
          now: () => new Date(),
        });
        process.stdout.write(`${result.message}\n`);
      } finally {
        await db.close();
      }
    });
}
