/**
 * Benchmarks (`npm run bench`): prints figures, asserts nothing. Measures what users wait for, on PGlite and
 * (when BENCH_DATABASE_URL or TEST_DATABASE_URL names a PostgreSQL server) on PostgreSQL:
 *  1. the first start: migrations and the Stockholm reference data (time, peak memory of this process);
 *  2. throughput of the main read routes at 32 concurrent connections (wrk, else autocannon), as a ratio of a trivial
 *     Fastify server serving the same bytes in the same run, with p50/p99 latency (the ceiling's p99 too: the
 *     floor this machine sets for those bytes), once without compression and once as a browser asks (brotli);
 *  3. the web bundle (dist/web, when built): the first page's JavaScript, raw and compressed;
 *  4. counting participatory-budgeting elections (greedy, MES, MES with completion; first and second run),
 *     `pb tally` and `--help` wall time, and (per engine) a process's results served after closing;
 *  5. the national-scale synthetic dataset (5,984 DeSO × 20 indicators × 10 years): load time and memory,
 *     and indicator route latency at that scale against Stockholm scale;
 *  6. segregation measures over the 544 DeSO.
 * Env: FARDPLAN_DATA_DIR / FARDPLAN_TESTDATA_DIR (data), BENCH_SECONDS (per load run, default 5),
 * BENCH_ONLY=start,pb,bundle,scale (run only those parts; start includes 2 and 6), BENCH_SCALE=0 (skip 5),
 * BENCH_SCALE_ENGINES=pglite,postgresql (default: postgresql when available, else pglite), BENCH_LOAD=autocannon
 * (load with autocannon even where wrk is installed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { openPglite, openPostgres, type Database, type Engine } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { bootstrap } from '../src/services/bootstrap.ts';
import { silentProgress } from '../src/services/progress.ts';
import { buildApp } from '../src/server/app.ts';
import { readPabulibFile } from '../src/importers/pabulib.ts';
import { toApprovalElection } from '../src/core/pb/pabulib.ts';
import { greedy } from '../src/core/pb/greedy.ts';
import { mes, mesComplete } from '../src/core/pb/mes.ts';
import { twoGroupMeasures } from '../src/core/analysis/segregation.ts';
import { ceilingServer, load, loadGenerator, type LoadResult } from './http.ts';
import { kb, line, mb, ms, quantile } from './report.ts';
import { pbServed, pbTallyWall } from './pb.ts';
import { DIVISION, NATIONAL, indicatorId, loadSynthetic } from './synthetic.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const dataDir = resolve(process.env.FARDPLAN_DATA_DIR ?? join(root, '..', 'shared', 'data'));
const testdataDir = resolve(process.env.FARDPLAN_TESTDATA_DIR ?? join(root, '..', 'shared', 'testdata'));
const pgAdmin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? null;
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const only = process.env.BENCH_ONLY?.split(',') ?? null;
const part = (name: string): boolean => !only || only.includes(name);

/** Peak resident memory of this process while `fn` runs. */
async function withPeak<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; peak: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const s = performance.now();
  try {
    const value = await fn();
    return { value, ms: performance.now() - s, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(sampler);
  }
}

/** A fresh PostgreSQL database of our own (dropped by `drop`). */
async function freshPostgres(): Promise<{ db: Database; drop(): Promise<void> }> {
  const name = `fardplan_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgAdmin! });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgAdmin!);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString());
  return {
    db,
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: pgAdmin! });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function open(engine: Engine): Promise<{ db: Database; drop(): Promise<void> }> {
  if (engine === 'postgresql') return freshPostgres();
  const db = await openPglite(undefined, { start: 'migrated' });
  return { db, drop: () => db.close() };
}

function appOf(db: Database): Promise<FastifyInstance> {
  return buildApp({
    db,
    version: 'bench',
    devWrites: false,
    dataStatus: { dataDir, loaded: true, message: null },
    now: () => new Date(),
    randomBytes: (k) => new Uint8Array(k),
  });
}

async function routesOf(db: Database): Promise<[string, string][]> {
  const one = async (sql: string): Promise<string> => (await db.query<{ v: string }>(sql))[0]?.v ?? '';
  const deso = await one(`SELECT code AS v FROM area WHERE division_id = 'deso' ORDER BY code LIMIT 1 OFFSET 100`);
  const sdo = await one(`SELECT code AS v FROM area WHERE division_id = 'stadsdelsomrade-2023' ORDER BY code LIMIT 1`);
  return [
    ['area profile, one DeSO', `/api/v1/areas/deso/${deso}/profile`],
    ['area profile, one stadsdelsområde', `/api/v1/areas/stadsdelsomrade-2023/${encodeURIComponent(sdo)}/profile`],
    ['indicator map, 544 DeSO', '/api/v1/indicators/share-low-economic-standard/map?division=deso&period=2022'],
    ['indicator values, 544 DeSO', '/api/v1/indicators/population/values?division=deso&period=2022'],
    ['goals tree with status', '/api/v1/goals'],
    ['interventions list', '/api/v1/interventions'],
    ['budget views', '/api/v1/interventions/budget'],
    ['segregation, DeSO', '/api/v1/analysis/segregation?division=deso&preset=foreign-background'],
    ['need index', '/api/v1/analysis/need-index'],
    ['saved allocation scenarios', '/api/v1/analysis/scenarios'],
  ];
}

async function firstStart(engine: Engine): Promise<{ db: Database; drop(): Promise<void> } | null> {
  const opened = await open(engine);
  const { ms: migrateMs } = await withPeak(() => migrate(opened.db));
  const boot = await withPeak(() => bootstrap(opened.db, { dataDir, progress: silentProgress, now: () => new Date() }));
  const [{ n } = { n: 0 }] = await opened.db.query<{ n: number }>('SELECT count(*)::int AS n FROM observation');
  process.stdout.write(`\n1. First start on an empty database (${engine})\n`);
  line('  migrations', ms(migrateMs));
  line(`  reference data, framework and register (${n} observations)`, ms(boot.ms));
  line('  peak resident memory of this (benchmark) process', mb(boot.peak));
  if (engine === 'pglite') firstStartAsUsers();
  return opened;
}

/**
 * `npm start` on a new machine: a process of its own with the compiled code (bench/first-start.mjs), three
 * times each (this shared machine's speed varies from one run to the next): the median run, and the range.
 */
function firstStartAsUsers(): void {
  if (!existsSync(join(root, 'dist', 'db', 'database.js'))) return line('  a new process', 'skipped: npm run build');
  interface Run {
    readMs: number;
    openMs: number;
    migrateMs: number;
    loadMs: number;
    totalMs: number;
    maxRssMb: number;
  }
  for (const [label, env] of [
    ['shipped dataset', { FARDPLAN_DATA_DIR: '' }],
    ['raw data directory', { FARDPLAN_DATA_DIR: dataDir }],
  ] as const) {
    const runs: Run[] = [0, 1, 2].map(
      () =>
        JSON.parse(
          execFileSync(process.execPath, [join(root, 'bench', 'first-start.mjs')], {
            env: { ...process.env, ...env },
            encoding: 'utf8',
          }),
        ) as Run,
    );
    runs.sort((a, b) => a.totalMs - b.totalMs);
    const r = runs[1]!;
    const read = r.readMs > 0 ? `raw files read in a worker meanwhile by ${ms(r.readMs)}; ` : '';
    const range = `runs ${runs.map((x) => (x.totalMs / 1000).toFixed(1)).join(', ')} s`;
    const peaks = `peak ${Math.min(...runs.map((x) => x.maxRssMb))}–${Math.max(...runs.map((x) => x.maxRssMb))} MB`;
    line(
      `  as npm start, a new process, data directory on disk, ${label} (median of 3)`,
      `${(r.totalMs / 1000).toFixed(1)} s (${read}open ${ms(r.openMs)}, migrate ${ms(r.migrateMs)}, load ${ms(r.loadMs)}); ${range}; ${peaks}`,
    );
  }
}

/** What a browser sends: every JSON response above 1 kB then comes compressed (brotli). */
const BROWSER = { 'accept-encoding': 'br, gzip' };

/** A latency in ms: a decimal below 10 ms (wrk measures microseconds), whole ms above. */
function lat(v: number): string {
  return v < 10 ? v.toFixed(1) : v.toFixed(0);
}

/** The share of a run's answers that met a TCP tail loss probe (LoadResult.lossProbes), or `–` where unknown. */
function stalled(r: LoadResult): string {
  return r.lossProbes === null || r.total === 0 ? '–' : `${((100 * r.lossProbes) / r.total).toFixed(1)} %`;
}

/**
 * Two seconds of load on each server before anything is counted, unreported: a new process's first seconds
 * under load are spent compiling hot code and collecting what the first start left behind, which is not what
 * a running server costs.
 */
async function warmUp(
  app: FastifyInstance,
  address: string,
  ceiling: Awaited<ReturnType<typeof ceilingServer>>,
  path: string,
): Promise<void> {
  const first = await app.inject({ method: 'GET', url: path });
  ceiling.set(first.rawPayload, first.headers);
  await load(`${address}${path}`, 2);
  await load(ceiling.url, 2);
}

async function throughput(engine: Engine, db: Database): Promise<void> {
  const app = await appOf(db);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const ceiling = await ceilingServer();
  const header = (title: string): void => {
    process.stdout.write(`\n  ${title}\n`);
    process.stdout.write(
      `  ${'route'.padEnd(34)} ${'req/s'.padStart(8)} ${'ceiling'.padStart(8)} ${'ratio'.padStart(7)} ${'p50'.padStart(6)} ${'p99'.padStart(6)} ${'ceil p99'.padStart(9)} ${'size'.padStart(8)}  stalled (app, ceiling)\n`,
    );
  };
  const row = (label: string, a: LoadResult, c: LoadResult, size: number): void => {
    const bad = a.errors + a.timeouts + a.non2xx;
    process.stdout.write(
      `  ${label.padEnd(34)} ${a.rps.toFixed(0).padStart(8)} ${c.rps.toFixed(0).padStart(8)} ${`${((100 * a.rps) / c.rps).toFixed(0)} %`.padStart(7)} ${lat(a.p50).padStart(6)} ${lat(a.p99).padStart(6)} ${lat(c.p99).padStart(9)} ${kb(size).padStart(8)}  ${stalled(a)}, ${stalled(c)}${bad ? `  ${a.timeouts} timeouts, ${a.errors} errors, ${a.non2xx} non-2xx` : ''}\n`,
    );
  };
  process.stdout.write(
    `\n2. Throughput at 32 connections, ${seconds} s per run after a 2 s warm-up (${engine}); ceiling = trivial Fastify, same bytes; load by ${loadGenerator}\n`,
  );
  const compressed: [string, LoadResult, LoadResult, number][] = [];
  const routes = await routesOf(db);
  await warmUp(app, address, ceiling, routes[0]![1]);
  header('without compression (Accept-Encoding absent)');
  for (const [label, path] of routes) {
    const first = await app.inject({ method: 'GET', url: path });
    if (first.statusCode !== 200) {
      line(`  ${label}`, `skipped (HTTP ${first.statusCode})`);
      continue;
    }
    ceiling.set(first.rawPayload, first.headers);
    const a = await load(`${address}${path}`, seconds);
    const c = await load(ceiling.url, seconds);
    row(label, a, c, first.rawPayload.length);
    const br = await app.inject({ method: 'GET', url: path, headers: BROWSER });
    ceiling.set(br.rawPayload, br.headers);
    const ab = await load(`${address}${path}`, seconds, 32, BROWSER);
    const cb = await load(ceiling.url, seconds, 32, BROWSER);
    compressed.push([label, ab, cb, br.rawPayload.length]);
  }
  header('as a browser asks (Accept-Encoding: br, gzip; the ceiling sends the same compressed bytes)');
  for (const r of compressed) row(...r);
  const stats = app.responseCache?.tracker;
  if (stats) line('  data version reads during the runs', String(stats.reads));
  await ceiling.close();
  await app.close();
}

function bundle(): void {
  process.stdout.write('\n3. Web bundle (dist/web)\n');
  const web = join(root, 'dist', 'web');
  if (!existsSync(join(web, 'index.html'))) {
    line('  dist/web', 'not built (npm run build:web)');
    return;
  }
  const html = readFileSync(join(web, 'index.html'), 'utf8');
  const first = [...html.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  let raw = 0;
  let brSize = 0;
  let gz = 0;
  for (const f of first) {
    const b = readFileSync(join(web, f));
    raw += b.length;
    brSize += brotliCompressSync(b).length;
    gz += gzipSync(b).length;
  }
  line(`  first page JavaScript (${first.length} file(s))`, `${kb(raw)} raw, ${kb(gz)} gzip, ${kb(brSize)} brotli`);
  const all = existsSync(join(web, 'assets')) ? readdirSync(join(web, 'assets')).filter((f) => f.endsWith('.js')) : [];
  const total = all.reduce((s, f) => s + readFileSync(join(web, 'assets', f)).length, 0);
  line(`  all JavaScript (${all.length} file(s))`, kb(total));
  const maps = existsSync(join(web, 'assets'))
    ? readdirSync(join(web, 'assets')).filter((f) => f.endsWith('.map'))
    : [];
  line('  source maps in dist/web', String(maps.length));
}

async function pbEngine(): Promise<void> {
  process.stdout.write('\n4. Counting participatory-budgeting elections (real pabulib cases; first run, then again)\n');
  const pbDir = join(testdataDir, 'pb');
  if (!existsSync(pbDir)) return;
  const timed = (f: () => unknown): number => {
    const s = performance.now();
    f();
    return performance.now() - s;
  };
  for (const c of readdirSync(pbDir).sort()) {
    const file = join(pbDir, c, 'instance.pb');
    if (!existsSync(file)) continue;
    const s = performance.now();
    const e = toApprovalElection(await readPabulibFile(file, { allowCountMismatch: true }));
    const parse = performance.now() - s;
    const first = timed(() => mesComplete(e));
    line(
      `  ${c} (${e.ballots.length} voters, ${e.projects.length} projects)`,
      `parse ${ms(parse)}, greedy ${ms(timed(() => greedy(e)))}, mes ${ms(timed(() => mes(e)))}, mes-complete ${ms(first)} (again ${ms(timed(() => mesComplete(e)))})`,
    );
  }
  const file = join(pbDir, PB_SERVED[0], 'instance.pb');
  if (existsSync(file)) await pbTallyWall(root, file, PB_SERVED[0]);
}

/** The pabulib cases loaded as processes: the slowest to count and the most voters. */
const PB_SERVED: [string, ...string[]] = ['pb_netherlands_amsterdam_166', 'pb_poland_wieliczka_2023_green_budget'];

async function pbResults(engine: Engine, db: Database): Promise<void> {
  process.stdout.write(`\n   Participatory-budgeting results of a process, counted at closing (${engine})\n`);
  const app = await appOf(db);
  try {
    for (const c of PB_SERVED) {
      const file = join(testdataDir, 'pb', c, 'instance.pb');
      if (existsSync(file)) await pbServed(db, app, file, c);
    }
  } finally {
    await app.close();
  }
}

async function scale(engine: Engine): Promise<void> {
  const opened = await open(engine);
  try {
    await migrate(opened.db);
    const loaded = await withPeak(() => loadSynthetic(opened.db, NATIONAL));
    process.stdout.write(
      `\n5. National scale (${engine}): ${NATIONAL.areas} DeSO × ${NATIONAL.indicators} indicators × ${NATIONAL.years} years\n`,
    );
    line(`  load of ${loaded.value} observations (one transaction, batches)`, `${(loaded.ms / 1000).toFixed(1)} s`);
    line('  peak resident memory of the process', mb(loaded.peak));
    const app = await appOf(opened.db);
    const url = `/api/v1/indicators/${indicatorId(3)}/values?division=${DIVISION}&period=2020`;
    const cold: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      const r = await app.inject({ method: 'GET', url: `${url}&n=${i}` });
      cold.push(performance.now() - s);
      if (r.statusCode !== 200) line('  values route', `HTTP ${r.statusCode}`);
    }
    line(`  indicator values, ${NATIONAL.areas} DeSO, computed (p50 of 5)`, ms(quantile(cold, 0.5)));
    const warm: number[] = [];
    for (let i = 0; i < 30; i++) {
      const s = performance.now();
      await app.inject({ method: 'GET', url });
      warm.push(performance.now() - s);
    }
    line(`  the same, cached (p50 of 30)`, ms(quantile(warm, 0.5)));
    await app.close();
    if (existsSync(dataDir)) {
      // the same Stockholm route as in part 2, now with the national observations in the same tables
      await bootstrap(opened.db, { dataDir, progress: silentProgress, now: () => new Date() });
      await stockholmValuesLatency(opened.db, 'with the national data in the same tables');
    }
  } finally {
    await opened.drop();
  }
}

async function stockholmValuesLatency(db: Database, beside = ''): Promise<void> {
  const app = await appOf(db);
  const url = '/api/v1/indicators/population/values?division=deso&period=2022';
  const cold: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    await app.inject({ method: 'GET', url: `${url}&n=${i}` });
    cold.push(performance.now() - s);
  }
  line(
    `  Stockholm: indicator values, 544 DeSO, computed (p50 of 5)${beside ? `, ${beside}` : ''}`,
    ms(quantile(cold, 0.5)),
  );
  await app.close();
}

async function segregation(db: Database): Promise<void> {
  const app = await appOf(db);
  const get = async (url: string) => app.inject({ method: 'GET', url });
  const rows = await get('/api/v1/indicators/population-foreign-background/values?division=deso&period=2022');
  const totals = await get('/api/v1/indicators/population/values?division=deso&period=2022');
  await app.close();
  process.stdout.write('\n6. Segregation measures over the 544 DeSO\n');
  if (rows.statusCode !== 200 || totals.statusCode !== 200) {
    line('  segregation', `skipped (HTTP ${rows.statusCode}/${totals.statusCode})`);
    return;
  }
  type V = { values: { code: string; value: number | null }[] };
  const g = new Map((rows.json() as V).values.map((a) => [a.code, Number(a.value)]));
  const units = (totals.json() as V).values
    .filter((a) => a.value !== null && g.has(a.code))
    .map((a) => ({ id: a.code, group: g.get(a.code)!, total: Number(a.value) }));
  const s = performance.now();
  for (let i = 0; i < 100; i++) twoGroupMeasures(units);
  line(`  D, H, M, xPx, xPy, Gini over ${units.length} areas`, `${ms((performance.now() - s) / 100)} per run`);
}

async function main(): Promise<void> {
  process.stdout.write(`Färdplan benchmarks — node ${process.version}, ${new Date().toISOString()}\n`);
  const engines: Engine[] = pgAdmin ? ['pglite', 'postgresql'] : ['pglite'];
  if (!part('start')) {
    // skipped
  } else if (!existsSync(dataDir)) {
    process.stdout.write(`No data directory at ${dataDir}: skipping the data benchmarks.\n`);
  } else {
    for (const engine of engines) {
      const opened = await firstStart(engine);
      if (!opened) continue;
      try {
        await throughput(engine, opened.db);
        process.stdout.write(`\n   Indicator route latency at Stockholm scale (${engine})\n`);
        await stockholmValuesLatency(opened.db);
        if (part('pb')) await pbResults(engine, opened.db);
        if (engine === 'pglite') await segregation(opened.db);
      } finally {
        await opened.drop();
      }
    }
  }
  if (part('bundle')) bundle();
  if (part('pb')) await pbEngine();
  if (process.env.BENCH_SCALE !== '0' && part('scale')) {
    const scaleEngines = (process.env.BENCH_SCALE_ENGINES?.split(',') as Engine[] | undefined) ?? [
      pgAdmin ? 'postgresql' : 'pglite',
    ];
    for (const engine of scaleEngines) {
      if (engine === 'postgresql' && !pgAdmin) continue;
      await scale(engine);
    }
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
