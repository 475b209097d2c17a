#!/usr/bin/env node
// Compiles the server, CLI and core (src/, without src/web) to dist/ with tsc, so that `fardplan` and
// `npm start` run plain JavaScript without a compiler at start. Run by `npm install` (prepare) and by hand
// (`npm run build`). dist/ mirrors src/ one level below the repository root, so paths relative to a
// module (../../docs, ../../data) resolve the same; the SQL migrations are copied beside the compiled
// runner. bin/fardplan.mjs falls back to tsx when a source is newer than the build. Source maps go beside the
// JavaScript, so stack traces and the test suite's coverage name the TypeScript lines.
//
// A build whose output is as new as every source does nothing (`--force` builds anyway). That matters beyond
// speed: `npx fardplan` in a checkout installs the checkout into npm's cache once, which runs `prepare` here
// while other `fardplan` processes may be running from dist/ (the test suite does exactly that). While a build
// runs, the stamp is gone, so bin/fardplan.mjs runs the sources instead of a half-written dist/.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newestMtime } from './newest.mjs';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const stamp = join(dist, '.build-stamp');
if (!existsSync(join(root, 'node_modules', 'typescript'))) {
  process.stderr.write('build: typescript is not installed (production install): skipped; tsx runs the sources\n');
  process.exit(0);
}

const inputs = Math.max(
  newestMtime(join(root, 'src'), ['web']), // src/web is the web app's, built by vite
  ...['tsconfig.json', 'tsconfig.build.json', 'package.json'].map((f) => statSync(join(root, f)).mtimeMs),
);
/**
 * PGlite clusters, empty and migrated, so that a new embedded database need not run initdb nor apply every
 * migration one by one (src/db/pglite-initdb.ts).
 */
async function initdbSnapshot() {
  const { writeInitdbSnapshot } = await import(join(dist, 'db', 'pglite-initdb.js'));
  await writeInitdbSnapshot();
  const { writeSchemaSnapshot } = await import(join(dist, 'db', 'pglite-schema.js'));
  await writeSchemaSnapshot();
}
if (!process.argv.includes('--force') && existsSync(stamp) && statSync(stamp).mtimeMs >= inputs) {
  await initdbSnapshot();
  process.exit(0);
}
rmSync(stamp, { force: true });
for (const dir of ['cli', 'core', 'db', 'importers', 'server', 'services'])
  rmSync(join(dist, dir), { recursive: true, force: true });
const tsc = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
mkdirSync(join(dist, 'db', 'migrations'), { recursive: true });
cpSync(join(root, 'src', 'db', 'migrations'), join(dist, 'db', 'migrations'), {
  recursive: true,
  filter: (src) => !src.endsWith('.ts'),
});
await initdbSnapshot();
writeFileSync(join(dist, '.build-stamp'), `${new Date().toISOString()}\n`);
