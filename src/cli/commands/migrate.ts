import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openDb } from '../runtime.ts';
import { migrate } from '../../db/migrate.ts';
import type { Database } from '../../db/database.ts';
import { viaServer, type AdminHandler } from '../embedded-owner.ts';

const report = (applied: string[]): string =>
  applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'The database is up to date.\n';

/** What the running server does for `fardplan migrate` (embedded database: it migrated at start). */
export const adminHandlers = (db: Database): Record<string, AdminHandler> => ({
  migrate: async () => report(await migrate(db)),
});

export function register(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (forward only)')
    .action(async () => {
      const config = loadConfig();
      const through = await viaServer(config, 'migrate', {});
      if (through !== null) return void process.stdout.write(through);
      const db = await openDb(config);
      try {
        process.stdout.write(report(await migrate(db)));
      } finally {
        await db.close();
      }
    });
}
