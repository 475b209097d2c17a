import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openApp } from '../runtime.ts';
import { terminalProgress } from '../progress.ts';
import { installShutdown, startWatchdog } from '../../server/lifecycle.ts';

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
      const { app, close } = await openApp(config, terminalProgress(), {
        logger: { level: process.env.FARDPLAN_LOG_LEVEL ?? 'info' },
      });
      const stopWatchdog = startWatchdog(Number(process.env.FARDPLAN_WATCHDOG_SECONDS ?? 120));
      installShutdown({
        graceMs: Number(process.env.FARDPLAN_SHUTDOWN_GRACE_MS ?? 10_000),
        close: async () => {
          await app.close(); // stops accepting; waits for the requests in flight
          await stopWatchdog();
          await close(); // PGlite writes its files; the PostgreSQL pool ends its connections
        },
      });
      await app.listen({ port: config.port, host: config.host });
      process.stderr.write(
        `Färdplan is running at http://${config.host}:${config.port} (database: ${app.deps.db.engine})\n`,
      );
    });
}
