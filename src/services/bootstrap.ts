/** Start-up: migrate, then load whatever reference data and framework the database does not hold yet. */
import { LOCK, withDatabaseLock, type Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { refreshPlannerStatistics } from '../db/repositories/datasets.ts';
import { startupLoaders, type StartupContext, type StartupLoader } from './loaders.ts';

export interface BootstrapResult {
  migrationsApplied: string[];
  loaded: string[];
  skipped: { id: string; reason: string }[];
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
