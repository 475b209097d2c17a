/** Start-up: migrate, then load whatever reference data and framework the database does not hold yet. */
import { LOCK, withDatabaseLock, type Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { refreshPlannerStatistics } from '../db/repositories/datasets.ts';
import { rawOriginReadInWorker } from '../importers/reference/source.ts';
import { startupLoaders, type StartupContext, type StartupLoader } from './loaders.ts';

export interface BootstrapResult {
  migrationsApplied: string[];
  loaded: string[];
  skipped: { id: string; reason: string }[];
}

/**
 * Before a first start opens its database (a new embedded one): sets the reading of the raw reference
 * files of the data directory going in a worker thread, whose heap is freed when it ends, and hands the
 * pending inputs to the loader (ctx.reference), which waits for them. The database is copied from the
 * build's cluster, opened and migrated meanwhile. Read in the main thread, the reading's garbage would sit on
 * top of PGlite's memory (which never shrinks) and V8 would keep the heap it grew to (docs/performance.md). Without a data directory (the shipped dataset, small) there is nothing to
 * do. A file the worker cannot read fails the reference loader, as a read in the loader would.
 */
export function prepareStartup(ctx: StartupContext): StartupContext {
  if (!ctx.dataDir || ctx.reference) return ctx;
  return { ...ctx, reference: rawOriginReadInWorker(ctx.dataDir) };
}

export async function bootstrap(
  db: Database,
  ctx: StartupContext,
  loaders: readonly StartupLoader[] = startupLoaders,
): Promise<BootstrapResult> {
  const migrationsApplied = await migrate(db);
  const loaded: string[] = [];
  const skipped: BootstrapResult['skipped'] = [];
  // Several processes starting at once on one PostgreSQL take turns: the second finds the data loaded.
  await withDatabaseLock(db, LOCK.startupLoad, () => runLoaders(db, ctx, loaders, loaded, skipped));
  return { migrationsApplied, loaded, skipped };
}

async function runLoaders(
  db: Database,
  ctx: StartupContext,
  loaders: readonly StartupLoader[],
  loaded: string[],
  skipped: BootstrapResult['skipped'],
): Promise<void> {
  for (const loader of loaders) {
    if (await loader.isLoaded(db)) continue;
    const reason = loader.needsDataDir && !ctx.dataDir ? 'no data directory' : (loader.unavailable?.(ctx) ?? null);
    if (reason) {
      skipped.push({ id: loader.id, reason });
      continue;
    }
    await db.transaction((tx) => loader.load(tx, ctx));
    ctx.progress.done();
    loaded.push(loader.id);
  }
  if (loaded.length > 0) await refreshPlannerStatistics(db);
}
