import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openApp } from '../runtime.ts';
import { terminalProgress } from '../progress.ts';

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
      const stop = async (): Promise<void> => {
        await app.close();
        await close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await app.listen({ port: config.port, host: config.host });
      process.stderr.write(
        `Färdplan is running at http://${config.host}:${config.port} (database: ${app.deps.db.engine})\n`,
      );
    });
}
