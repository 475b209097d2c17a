/**
 * `fardplan backup <file>`: every table, in one consistent snapshot, to a gzip file (see src/services/backup.ts).
 * `fardplan restore <file>`: into an empty database (DATABASE_URL, or the embedded one), in one transaction.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { openDb } from '../runtime.ts';
import { CliError, EXIT } from '../errors.ts';
import { terminalProgress } from '../progress.ts';
import { backupDatabase, restoreDatabase } from '../../services/backup.ts';
import { assertNoServerOnEmbedded, viaServer, type AdminHandler } from '../embedded-owner.ts';
import type { Database } from '../../db/database.ts';

export function register(program: Command): void {
  program
    .command('backup <file>')
    .description('write every table of the database to <file> (gzip; a consistent snapshot, also while serving)')
    .option('--force', 'overwrite <file> when it exists')
    .action(async (file: string, opts: { force?: boolean }) => {
      const path = resolve(file);
      if (existsSync(path) && !opts.force)
        throw new CliError(`${file} exists: choose a new name or pass --force`, EXIT.usage);
      const config = loadConfig();
      const through = await viaServer(config, 'backup', { file: path });
      if (through !== null) return void process.stdout.write(through);
      const db = await openDb(config);
      try {
        const r = await backupDatabase(db, path, { progress: terminalProgress() });
        process.stdout.write(`Wrote ${r.rows} rows of ${r.tables} tables to ${file}.\n`);
      } finally {
        await db.close();
      }
    });

  program
    .command('restore <file>')
    .description('restore a backup into an empty database (nothing is written unless all of it is restored)')
    .action(async (file: string) => {
      const path = resolve(file);
      if (!existsSync(path)) throw new CliError(`${file}: no such file`, EXIT.usage);
      const config = loadConfig();
      assertNoServerOnEmbedded(config, 'restore');
      const db = await openDb(config);
      try {
        const r = await restoreDatabase(db, path, { progress: terminalProgress() });
        process.stdout.write(`Restored ${r.rows} rows of ${r.tables} tables from ${file}.\n`);
      } finally {
        await db.close();
      }
    });
}

/** What the running server does for `fardplan backup` (embedded database). */
export const adminHandlers = (db: Database): Record<string, AdminHandler> => ({
  backup: async (args) => {
    const r = await backupDatabase(db, String(args.file));
    return `Wrote ${r.rows} rows of ${r.tables} tables to ${r.file}.\n`;
  },
});
