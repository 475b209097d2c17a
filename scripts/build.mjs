#!/usr/bin/env node
// Compiles the server, CLI and core (src/, without src/web) to dist/ with tsc, so that `fardplan` and
// `npm start` run plain JavaScript without a compiler at start. Run by `npm install` (prepare) and by hand
// (`npm run build`). dist/ mirrors src/ one level below the repository root, so paths relative to a
// module (../../docs, ../../data) resolve the same; the SQL migrations are copied beside the compiled
// runner. bin/fardplan.mjs falls back to tsx when a source is newer than the build. Source maps go beside the
// JavaScript, so stack traces and the test suite's coverage name the TypeScript lines.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
if (!existsSync(join(root, 'node_modules', 'typescript'))) {
  process.stderr.write('build: typescript is not installed (production install): skipped; tsx runs the sources\n');
  process.exit(0);
}
for (const dir of ['cli', 'core', 'db', 'importers', 'server', 'services'])
  rmSync(join(dist, dir), { recursive: true, force: true });
rmSync(join(dist, '.build-stamp'), { force: true });
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
// an empty PGlite cluster, so that a new embedded database need not run initdb (src/db/pglite-initdb.ts)
const { writeInitdbSnapshot } = await import(join(dist, 'db', 'pglite-initdb.js'));
await writeInitdbSnapshot();
writeFileSync(join(dist, '.build-stamp'), `${new Date().toISOString()}\n`);
