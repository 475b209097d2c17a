// The newest modification time of the files under a folder, skipping sub-folders named in `skip`. Shared by
// bin/fardplan.mjs (run dist/ or the sources?), scripts/build.mjs (is dist/ fresh?) and
// scripts/ensure-web-build.mjs (is dist/web fresh?).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** @param {string} dir @param {readonly string[]} [skip] @returns {number} milliseconds since the epoch (0: no files) */
export function newestMtime(dir, skip = []) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (skip.includes(e.name)) continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p, skip) : statSync(p).mtimeMs);
  }
  return t;
}
