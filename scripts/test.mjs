#!/usr/bin/env node
// Runs the whole test suite with Node's own test runner (through tsx for TypeScript).
// Unit, database (PGlite, and PostgreSQL when TEST_DATABASE_URL is set), API and, unless
// --no-e2e is given, the browser tests (which need the web app built first).
// Coverage of the server side (src/ without src/web, which runs in the browser) is measured with c8 over
// every process the tests start (the CLI's too, compiled or not: dist/ has source maps) and must stay above the
// floor in COVERAGE_FLOOR; a run of some files only (filters) reports coverage without the floor.
// --no-coverage runs without it.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const withE2e = !args.includes('--no-e2e');
const withCoverage = !args.includes('--no-coverage');
const filters = args.filter((a) => !a.startsWith('--'));

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...find(p));
    else if (name.endsWith('.test.ts') || name.endsWith('.test.tsx')) out.push(p);
  }
  return out;
}

let files = find(join(root, 'test'))
  .map((f) => relative(root, f))
  .sort();
if (!withE2e) files = files.filter((f) => !f.startsWith('test/e2e/'));
if (filters.length) files = files.filter((f) => filters.some((x) => f.includes(x)));

const env = {
  ...process.env,
  TZ: 'Europe/Stockholm',
  NODE_ENV: 'test',
  FARDPLAN_LOG_LEVEL: process.env.FARDPLAN_LOG_LEVEL ?? 'silent',
};

if (withE2e && files.some((f) => f.startsWith('test/e2e/'))) {
  // the production build, as `npm start` serves it (NODE_ENV=test would give React's development build,
  // which then stayed in dist/web for the next `npm start` and the bundle benchmark)
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/**
 * Lines, statements and branches of src/ (not src/web) that the whole suite must cover, in percent. No floor for
 * functions: mapping the compiled CLI back to src/ counts its helper functions again, so that figure depends on
 * whether dist/ is fresh; lines and statements do not.
 */
const COVERAGE_FLOOR = { lines: 95, statements: 95, branches: 84 };

const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const testRun = ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files];
const c8 = [
  join(root, 'node_modules', 'c8', 'bin', 'c8.js'),
  '--all',
  '--src=src',
  '--include=src/**',
  // the CLI tests run the compiled dist/ when it is fresh: its source maps put that coverage back on src/
  '--include=dist/**',
  '--exclude=src/web/**',
  '--exclude=dist/web/**',
  '--exclude=src/**/*.d.ts',
  '--reporter=text-summary',
  '--reporter=json-summary',
  '--report-dir=test-results/coverage',
  '--temp-directory=test-results/coverage/tmp',
  ...(filters.length ? [] : ['--check-coverage', ...Object.entries(COVERAGE_FLOOR).map(([k, v]) => `--${k}=${v}`)]),
  process.execPath,
];
const res = withCoverage
  ? spawnSync(process.execPath, [...c8, ...testRun], { cwd: root, stdio: 'inherit', env })
  : spawnSync(process.execPath, testRun, { cwd: root, stdio: 'inherit', env });
process.exit(res.status ?? 1);
