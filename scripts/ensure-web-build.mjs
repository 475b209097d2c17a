#!/usr/bin/env node
// Builds the web app (vite) when dist/web is missing or older than the sources, so `npm start` always serves the current app.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { newestMtime } from './newest.mjs';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'dist', 'web', 'index.html');
const srcTime = Math.max(newestMtime(join(root, 'src', 'web')), newestMtime(join(root, 'src', 'core')));
if (existsSync(out) && statSync(out).mtimeMs >= srcTime) process.exit(0);
process.stderr.write('Building the web app…\n');
const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
