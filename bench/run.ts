/**
 * Benchmarks (`npm run bench`): prints figures, asserts nothing. Measures what users wait for:
 *  1. the first-start load of the Stockholm reference data (time, peak memory), in-memory PGlite;
 *  2. API latency on the loaded data: the area profile and the indicator map for the 544-DeSO division, indicator values;
 *  3. counting participatory-budgeting elections (greedy, MES, MES with completion) on the real pabulib cases;
 *  4. segregation measures over the 544 DeSO.
 * Set FARDPLAN_DATA_DIR / FARDPLAN_TESTDATA_DIR to point elsewhere.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPglite } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { bootstrap } from '../src/services/bootstrap.ts';
import { silentProgress } from '../src/services/progress.ts';
import { buildApp } from '../src/server/app.ts';
import { readPabulibFile } from '../src/importers/pabulib.ts';
import { toApprovalElection } from '../src/core/pb/pabulib.ts';
import { greedy } from '../src/core/pb/greedy.ts';
import { mes, mesComplete } from '../src/core/pb/mes.ts';
import { twoGroupMeasures } from '../src/core/analysis/segregation.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const dataDir = resolve(process.env.FARDPLAN_DATA_DIR ?? join(root, '..', 'shared', 'data'));
const testdataDir = resolve(process.env.FARDPLAN_TESTDATA_DIR ?? join(root, '..', 'shared', 'testdata'));

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MB`;
const ms = (n: number): string => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}
function line(label: string, value: string): void {
  process.stdout.write(`${label.padEnd(58)} ${value}\n`);
}

async function main(): Promise<void> {
  process.stdout.write(`Färdplan benchmarks — node ${process.version}, ${new Date().toISOString()}\n\n`);
  if (!existsSync(dataDir)) {
    process.stdout.write(`No data directory at ${dataDir}: skipping the data benchmarks.\n`);
    return;
  }
  // 1. First-start load.
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const db = await openPglite();
  const t0 = performance.now();
  await migrate(db);
  const t1 = performance.now();
  await bootstrap(db, { dataDir, progress: silentProgress, now: () => new Date() });
  const t2 = performance.now();
  clearInterval(sampler);
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM observation');
  process.stdout.write('1. First start on an empty embedded database\n');
  line('  migrations', ms(t1 - t0));
  line(`  reference data, framework and register (${n} observations)`, ms(t2 - t1));
  line('  peak resident memory', mb(peak));

  // 2. API latency.
  const app = await buildApp({
    db,
    version: 'bench',
    devWrites: false,
    dataStatus: { dataDir, loaded: true, message: null },
    now: () => new Date(),
    randomBytes: (k) => new Uint8Array(k),
  });
  await app.ready();
  const [deso] = await db.query<{ code: string }>(
    `SELECT code FROM area WHERE division_id = 'deso' ORDER BY code LIMIT 1 OFFSET 100`,
  );
  const routes = [
    ['area profile, one DeSO', `/api/v1/areas/deso/${deso?.code}/profile`],
    [
      'area profile, one stadsdelsområde',
      `/api/v1/areas/stadsdelsomrade-2023/${encodeURIComponent((await db.query<{ code: string }>(`SELECT code FROM area WHERE division_id = 'stadsdelsomrade-2023' LIMIT 1`))[0]?.code ?? '')}/profile`,
    ],
    ['indicator map, 544 DeSO', '/api/v1/indicators/share-low-economic-standard/map?division=deso&period=2022'],
    [
      'indicator map, 117 stadsdelar (with polygons)',
      '/api/v1/indicators/share-low-economic-standard/map?division=stadsdel&period=2022',
    ],
    ['indicator values, 544 DeSO', '/api/v1/indicators/population/values?division=deso&period=2022'],
    ['goals tree with status', '/api/v1/goals'],
  ] as const;
  process.stdout.write('\n2. API latency (in-process inject, 30 requests each after one warm-up)\n');
  for (const [label, url] of routes) {
    const first = await app.inject({ method: 'GET', url });
    if (first.statusCode !== 200) {
      line(`  ${label}`, `skipped (HTTP ${first.statusCode})`);
      continue;
    }
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const s = performance.now();
      await app.inject({ method: 'GET', url });
      times.push(performance.now() - s);
    }
    line(
      `  ${label}`,
      `p50 ${ms(quantile(times, 0.5))}, p95 ${ms(quantile(times, 0.95))}, ${(first.body.length / 1024).toFixed(0)} kB`,
    );
  }

  // 4. Segregation over the DeSO (foreign background against the whole population).
  const rows = await app.inject({
    method: 'GET',
    url: '/api/v1/indicators/population-foreign-background/values?division=deso&period=2022',
  });
  const totals = await app.inject({
    method: 'GET',
    url: '/api/v1/indicators/population/values?division=deso&period=2022',
  });
  await app.close();
  await db.close();

  // 3. Participatory budgeting.
  process.stdout.write('\n3. Counting participatory-budgeting elections (real pabulib cases)\n');
  const pbDir = join(testdataDir, 'pb');
  if (existsSync(pbDir)) {
    for (const c of readdirSync(pbDir).sort()) {
      const file = join(pbDir, c, 'instance.pb');
      if (!existsSync(file)) continue;
      const e = toApprovalElection(await readPabulibFile(file));
      const timed = (f: () => unknown): number => {
        const s = performance.now();
        f();
        return performance.now() - s;
      };
      line(
        `  ${c} (${e.ballots.length} voters, ${e.projects.length} projects)`,
        `greedy ${ms(timed(() => greedy(e)))}, mes ${ms(timed(() => mes(e)))}, mes-complete ${ms(timed(() => mesComplete(e)))}`,
      );
    }
  }

  process.stdout.write('\n4. Segregation measures over the 544 DeSO\n');
  if (rows.statusCode === 200 && totals.statusCode === 200) {
    type V = { values: { code: string; value: number | null }[] };
    const g = new Map((rows.json() as V).values.map((a) => [a.code, Number(a.value)]));
    const units = (totals.json() as V).values
      .filter((a) => a.value !== null && g.has(a.code))
      .map((a) => ({ id: a.code, group: g.get(a.code)!, total: Number(a.value) }));
    const s = performance.now();
    for (let i = 0; i < 100; i++) twoGroupMeasures(units);
    line(`  D, H, xPx, xPy, Gini over ${units.length} areas`, `${ms((performance.now() - s) / 100)} per run`);
  } else {
    line('  segregation', `skipped (HTTP ${rows.statusCode}/${totals.statusCode})`);
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
