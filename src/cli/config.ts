/** Settings from the environment (and command-line flags, which win). */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  pgliteDir: string;
  dataDir: string | null;
  webDir: string;
  version: string;
  devWrites: boolean;
  trustProxy: boolean;
}

export function version(): string {
  return (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

/** FARDPLAN_DATA_DIR, else ../shared/data beside the checkout when it exists, else null. */
export function findDataDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.FARDPLAN_DATA_DIR) {
    const dir = resolve(env.FARDPLAN_DATA_DIR);
    return existsSync(dir) ? dir : null;
  }
  const beside = resolve(repoRoot, '..', 'shared', 'data');
  return existsSync(beside) ? beside : null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not '${env.PORT}'`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    pgliteDir: resolve(env.FARDPLAN_PGLITE_DIR ?? join(repoRoot, '.data', 'pglite')),
    dataDir: findDataDir(env),
    webDir: join(repoRoot, 'dist', 'web'),
    version: version(),
    devWrites: env.FARDPLAN_DEV_WRITES === '1',
    trustProxy: env.FARDPLAN_TRUST_PROXY === '1',
  };
}
