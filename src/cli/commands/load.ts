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
import { silentProgress } from '../../services/progress.ts';
import type { Database } from '../../db/database.ts';
import { viaServer, type AdminHandler } from '../embedded-owner.ts';

/** What the running server does for `fardplan load` (embedded database). */
export const adminHandlers = (db: Database): Record<string, AdminHandler> => ({
  load: async (args) => {
    const result = await loadDirectory(db, String(args.dir), directoryLoaders, {
      progress: silentProgress,
      now: () => new Date(),
    });
    return `${result.message}\n`;
  },
});

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
      const config = loadConfig();
      const through = await viaServer(config, 'load', { dir: path });
      if (through !== null) return void process.stdout.write(through);
      const db = await openDb(config);
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
