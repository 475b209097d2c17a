#!/usr/bin/env node
// Entry of the `fardplan` command. Runs the compiled JavaScript in dist/ (npm run build, run by
// `npm install`) when it is at least as new as every source file; otherwise the TypeScript sources
// through tsx (a development tool), so an edited checkout never runs stale code.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { newestMtime } from '../scripts/newest.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist', '.build-stamp');

const built =
  process.env.FARDPLAN_RUN_SOURCES !== '1' &&
  existsSync(stamp) &&
  newestMtime(join(root, 'src'), ['web']) <= statSync(stamp).mtimeMs;
let entry = join(root, 'dist', 'cli', 'main.js');
if (!built) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = join(root, 'src', 'cli', 'main.ts');
}
const { main } = await import(entry);
const code = await main(process.argv.slice(2));
if (code !== 0) process.exitCode = code;
