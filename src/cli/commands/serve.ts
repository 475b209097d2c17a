import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openApp } from '../runtime.ts';
import { terminalProgress } from '../progress.ts';
import { installShutdown, startWatchdog } from '../../server/lifecycle.ts';
import { assertNoServerOnEmbedded, ownEmbeddedDatabase } from '../embedded-owner.ts';
import * as user from './user.ts';
import * as load from './load.ts';
import * as migrateCmd from './migrate.ts';
import * as backup from './backup.ts';

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the web app and the API (loads the reference data on first start)')
    .option('-p, --port <port>', 'port (env PORT, default 3000)')
    .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1)')
    .option('--dev-writes', 'open the write routes without sign-in (development only)')
    .action(async (opts: { port?: string; host?: string; devWrites?: boolean }) => {
      const config = loadConfig({
        ...process.env,
        ...(opts.port ? { PORT: opts.port } : {}),
        ...(opts.host ? { HOST: opts.host } : {}),
      });
      if (opts.devWrites) config.devWrites = true;
      assertNoServerOnEmbedded(config, 'serve');
      const { app, close } = await openApp(config, terminalProgress(), {
        logger: { level: process.env.FARDPLAN_LOG_LEVEL ?? 'info' },
      });
      const stopWatchdog = startWatchdog(Number(process.env.FARDPLAN_WATCHDOG_SECONDS ?? 120));
      let release = async (): Promise<void> => undefined;
      installShutdown({
        graceMs: Number(process.env.FARDPLAN_SHUTDOWN_GRACE_MS ?? 10_000),
        close: async () => {
          await app.close(); // stops accepting; waits for the requests in flight
          await release();
          await stopWatchdog();
          await close(); // PGlite writes its files; the PostgreSQL pool ends its connections
        },
      });
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      const url = `http://${config.host}:${typeof address === 'object' && address ? address.port : config.port}`;
      // The CLI's user, load, migrate and backup commands run through this server (embedded database only).
      const db = app.deps.db;
      release = await ownEmbeddedDatabase(config, url, {
        ...user.adminHandlers(db),
        ...load.adminHandlers(db),
        ...migrateCmd.adminHandlers(db),
        ...backup.adminHandlers(db),
      });
      process.stderr.write(`Färdplan is running at ${url} (database: ${db.engine})\n`);
    });
}
