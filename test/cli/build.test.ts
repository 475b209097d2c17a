/**
 * The build run by `prepare` does nothing when dist/ is as new as the sources: `npx fardplan` installs the
 * checkout into npm's cache the first time, which runs `prepare`, and a rebuild then deleted dist/cli under
 * the other `fardplan` processes running at that moment (the cause of a CI failure: "Cannot find module
 * dist/cli/main.js").
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths.ts';
import { newestMtime } from '../../scripts/newest.mjs';

describe('the build (npm install runs it as prepare)', () => {
  it('leaves a fresh dist/ untouched', (t) => {
    const stamp = join(repoRoot, 'dist', '.build-stamp');
    const main = join(repoRoot, 'dist', 'cli', 'main.js');
    let before: { stamp: number; main: number };
    try {
      before = { stamp: statSync(stamp).mtimeMs, main: statSync(main).mtimeMs };
    } catch {
      return t.skip('dist/ is not built');
    }
    // an edited checkout would really be rebuilt here, under the other tests: only a fresh one is tried
    if (newestMtime(join(repoRoot, 'src'), ['web']) > before.stamp) return t.skip('dist/ is older than the sources');
    const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual({ stamp: statSync(stamp).mtimeMs, main: statSync(main).mtimeMs }, before);
  });
});
