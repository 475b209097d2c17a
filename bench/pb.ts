/**
 * Participatory budgeting as users meet it: results of a process served after the count at closing,
 * and `fardplan pb tally` wall time against the parsing and counting it does.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/database.ts';
import { readPabulibFile } from '../src/importers/pabulib.ts';
import { toApprovalElection } from '../src/core/pb/pabulib.ts';
import { mesComplete } from '../src/core/pb/mes.ts';
import { SYSTEM_USER } from '../src/services/acting.ts';
import { createProcess, saveProject, setPhase } from '../src/services/participation/processes.ts';
import { importPaperBallots } from '../src/services/participation/ballots.ts';
import { line, ms, quantile, timedAsync } from './report.ts';

const fx = { now: () => new Date(), randomBytes: (n: number) => crypto.getRandomValues(new Uint8Array(n)) };

/**
 * Loads a pabulib case as a process (projects, its ballots as paper ballots), closes voting (which
 * counts with MES and completion and stores the result) and publishes it; then times the results route.
 */
export async function pbServed(db: Database, app: FastifyInstance, file: string, label: string): Promise<void> {
  const e = toApprovalElection(await readPabulibFile(file, { allowCountMismatch: true }));
  const [area] = await db.query<{ k: string }>(
    "SELECT division_id || ':' || code AS k FROM area WHERE division_id = 'stadsdelsomrade-2023' ORDER BY code LIMIT 1",
  );
  if (!area) return line(`  ${label}`, 'skipped (no area)');
  const id = `bench-${label}`.slice(0, 100);
  const input = { id, name: label, area: area.k, budget: String(e.budget), rule: 'mes-complete' as const };
  await createProcess(db, { ...input, knapsack: false, maxChoices: null }, SYSTEM_USER, fx);
  for (const p of e.projects)
    await saveProject(db, id, p.id, { title: p.id, cost: String(p.cost), feasible: true }, SYSTEM_USER, fx);
  await setPhase(db, id, { phase: 'voting' }, SYSTEM_USER, fx);
  const csv = ['projects', ...e.ballots.map((b) => b.join('|'))].join('\n');
  await importPaperBallots(db, id, { content: `${csv}\n`, fileName: 'ballots.csv' }, SYSTEM_USER, fx);
  const closing = await timedAsync(() => setPhase(db, id, { phase: 'closed' }, SYSTEM_USER, fx));
  await setPhase(db, id, { phase: 'published' }, SYSTEM_USER, fx);
  const url = `/api/v1/participation/processes/${id}/results`;
  const s = performance.now();
  const res = await app.inject({ method: 'GET', url });
  const first = performance.now() - s;
  const again: number[] = [];
  for (let i = 0; i < 50; i++) again.push(await timedAsync(() => app.inject({ method: 'GET', url })));
  const counted = (res.json() as { winners?: string[] }).winners ?? [];
  const same = JSON.stringify(counted) === JSON.stringify(mesComplete(e).winners);
  line(
    `  ${label}: closing (count + store), ${e.ballots.length} ballots`,
    `${ms(closing)}; results served (first ${ms(first)}) then p50 ${ms(quantile(again, 0.5))}, p99 ${ms(quantile(again, 0.99))}` +
      `; ${res.statusCode === 200 && same ? 'same winners as the file' : `HTTP ${res.statusCode}, winners differ`}`,
  );
}

/** `fardplan pb tally` as a user runs it (a new process) against parsing and counting in this process. */
export async function pbTallyWall(root: string, file: string, label: string): Promise<void> {
  const bin = join(root, 'bin', 'fardplan.mjs');
  if (!existsSync(bin)) return;
  const run = () =>
    execFileSync(process.execPath, [bin, 'pb', 'tally', file, '--rule', 'mes-complete'], { stdio: 'pipe' });
  run(); // the first run warms the file cache
  const walls: number[] = [];
  for (let i = 0; i < 3; i++) {
    const s = performance.now();
    run();
    walls.push(performance.now() - s);
  }
  const inner = await timedAsync(async () =>
    mesComplete(toApprovalElection(await readPabulibFile(file, { allowCountMismatch: true }))),
  );
  const help = () => execFileSync(process.execPath, [bin, '--help'], { stdio: 'pipe' });
  help();
  const helpWalls: number[] = [];
  for (let i = 0; i < 3; i++) {
    const s = performance.now();
    help();
    helpWalls.push(performance.now() - s);
  }
  line(
    `  fardplan pb tally ${label} --rule mes-complete`,
    `wall ${ms(quantile(walls, 0.5))} (median of 3) vs parse + count in-process ${ms(inner)}`,
  );
  line('  fardplan --help', `wall ${ms(quantile(helpWalls, 0.5))} (median of 3)`);
}
