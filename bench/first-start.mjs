// A first start as `npm start` makes it (src/cli/runtime.ts openApp), in a process of its own running the
// compiled code: set the reading of the raw reference files going in a worker thread when FARDPLAN_DATA_DIR
// is set (prepareStartup; readMs is when it ended, the opening and migrating going on meanwhile), open a new embedded database (in a temporary directory) from the build's migrated
// cluster, migrate (nothing left to apply when the build is current), load the Stockholm
// reference data (those raw files, else the shipped dataset). Prints one JSON line with the times and the
// process's peak resident memory. Used by bench/run.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url);
const { openPglite } = await import(new URL('db/database.js', dist).href);
const { migrate } = await import(new URL('db/migrate.js', dist).href);
const { bootstrap, prepareStartup } = await import(new URL('services/bootstrap.js', dist).href);
const { silentProgress } = await import(new URL('services/progress.js', dist).href);

const dir = mkdtempSync(join(tmpdir(), 'fardplan-first-start-'));
try {
  const tp = performance.now();
  const ctx = prepareStartup({
    dataDir: process.env.FARDPLAN_DATA_DIR || null,
    progress: silentProgress,
    now: () => new Date(),
  });
  let tr = tp;
  void ctx.reference?.read().then(() => (tr = performance.now()));
  const t0 = performance.now();
  const db = await openPglite(join(dir, 'pglite'), { start: 'migrated' });
  const t1 = performance.now();
  await migrate(db);
  const t2 = performance.now();
  await bootstrap(db, ctx);
  const t3 = performance.now();
  await db.close();
  const ms = (n) => Math.round(n);
  process.stdout.write(
    `${JSON.stringify({ readMs: ms(tr - tp), openMs: ms(t1 - t0), migrateMs: ms(t2 - t1), loadMs: ms(t3 - t2), totalMs: ms(t3 - tp), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
