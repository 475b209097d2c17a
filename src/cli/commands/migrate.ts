import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openDb } from '../runtime.ts';
import { migrate } from '../../db/migrate.ts';

export function register(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (forward only)')
    .action(async () => {
      const db = await openDb(loadConfig());
      try {
        const applied = await migrate(db);
        process.stdout.write(
          applied.length
            ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`
            : 'The database is up to date.\n',
        );
      } finally {
        await db.close();
      }
    });
}
