/** Opening the database and the app from a Config: shared by the CLI commands. */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { randomBytes } from 'node:crypto';
import { isNewPglite, openDatabase, type Database } from '../db/database.ts';
import type { ClusterStart } from '../db/pglite-initdb.ts';
import { buildApp } from '../server/app.ts';
import { bootstrap, prepareStartup } from '../services/bootstrap.ts';
import type { Progress } from '../services/progress.ts';
import type { Config } from './config.ts';
import { CliError, EXIT } from './errors.ts';

/** Opens the configured database; a new embedded one starts from the build's `start` cluster (default empty). */
export async function openDb(config: Config, start?: ClusterStart): Promise<Database> {
  try {
    return await openDatabase({
      databaseUrl: config.databaseUrl,
      pgliteDir: config.pgliteDir,
      ...(start ? { start } : {}),
    });
  } catch (err) {
    const where = config.databaseUrl
      ? 'the PostgreSQL server in DATABASE_URL'
      : `the embedded database in ${config.pgliteDir}`;
    throw new CliError(`Cannot open ${where}: ${(err as Error).message}`, EXIT.database);
  }
}

export async function openApp(
  config: Config,
  progress: Progress,
  options: { logger?: FastifyServerOptions['logger'] } = {},
): Promise<{ app: FastifyInstance; db: Database; close: () => Promise<void> }> {
  const ctx = { dataDir: config.dataDir, progress, now: () => new Date() };
  // a new embedded database: the raw reference files are read in a worker while it opens (prepareStartup)
  const first = !config.databaseUrl && isNewPglite(config.pgliteDir);
  const prepared = first ? prepareStartup(ctx) : ctx;
  // bootstrap migrates it next: a new embedded database starts from the build's migrated cluster
  const db = await openDb(config, 'migrated');
  const result = await bootstrap(db, prepared);
  const missing = result.skipped.length > 0;
  // Without a data directory the reference dataset shipped in data/reference is loaded instead.
  const message = missing
    ? `Some data was not loaded: ${result.skipped.map((s) => `${s.id} (${s.reason})`).join(', ')}. Set FARDPLAN_DATA_DIR to the reference data folder (or place it at ../shared/data) and restart, or run \`fardplan load <dir>\`.`
    : null;
  if (message) progress.info(message);
  const app = await buildApp(
    {
      db,
      version: config.version,
      devWrites: config.devWrites,
      dataStatus: { dataDir: config.dataDir, loaded: !missing, message },
      now: () => new Date(),
      randomBytes: (n) => randomBytes(n),
    },
    { webDir: config.webDir, logger: options.logger ?? false, trustProxy: config.trustProxy },
  );
  return { app, db, close: () => db.close() };
}
