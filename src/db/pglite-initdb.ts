/**
 * A freshly initialised, empty PGlite cluster, made once by the build (scripts/build.mjs) and loaded
 * when a new embedded database opens. PGlite otherwise runs initdb in WebAssembly at every first start:
 * 3 s and a peak of about 630 MB resident memory, against about 1.4 s and 320 MB when loading this
 * 4.5 MB archive. The file name carries the PGlite version, so an upgraded PGlite without a new build
 * simply runs initdb again.
 *
 * The build also leaves the same cluster as a directory, which a new database on disk copies before
 * PGlite opens it: loading the archive (PGlite gunzips and untars it in JavaScript) leaves about 80 MB of
 * buffers that nothing collects while the heap stays small, so the copy keeps that much off a first
 * start's peak resident memory (docs/performance.md).
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

/** Server settings for every embedded database (see openPglite). */
export const PGLITE_CONF = 'shared_buffers=32MB';

// src/db and dist/db are both two levels below the repository root
const root = fileURLToPath(new URL('../../', import.meta.url));

function pgliteVersion(): string | null {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8'));
    return typeof pkg.version === 'string' ? pkg.version : null;
  } catch {
    return null;
  }
}

function snapshotPath(): string | null {
  const version = pgliteVersion();
  return version ? join(root, 'dist', 'pglite', `initdb-${version}.tar.gz`) : null;
}

/** The archive for this PGlite version, when the build has made it. */
export function initdbSnapshot(): Blob | undefined {
  const path = snapshotPath();
  return path && existsSync(path) ? new Blob([readFileSync(path)]) : undefined;
}

/** The cluster as a directory (beside the archive), when the build has made it. */
function snapshotDir(): string | null {
  const path = snapshotPath();
  return path ? path.replace(/\.tar\.gz$/, '') : null;
}

/**
 * Copies the empty cluster into `dataDir` (a new database on disk); false when the build has not made it.
 * PG_VERSION, by which a cluster is recognised, is copied last: an interrupted copy is done again.
 */
export function copyInitdbSnapshot(dataDir: string): boolean {
  const dir = snapshotDir();
  if (!dir || !existsSync(join(dir, 'PG_VERSION'))) return false;
  cpSync(dir, dataDir, { recursive: true, filter: (src) => src !== join(dir, 'PG_VERSION') });
  copyFileSync(join(dir, 'PG_VERSION'), join(dataDir, 'PG_VERSION'));
  return true;
}

/** Makes the archive (the build calls this); returns its path, or null when PGlite's version is unknown. */
export async function writeInitdbSnapshot(): Promise<string | null> {
  const path = snapshotPath();
  const dir = snapshotDir();
  if (!path || !dir) return null;
  if (!existsSync(path)) {
    const db = await PGlite.create({ postgresqlconf: PGLITE_CONF });
    try {
      const blob = await db.dumpDataDir('gzip');
      mkdirSync(join(root, 'dist', 'pglite'), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
      renameSync(tmp, path);
    } finally {
      await db.close();
    }
  }
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    // the archive loaded once into a directory and closed: the same cluster, as files
    const tmp = `${dir}.${process.pid}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    const db = await PGlite.create({ dataDir: tmp, loadDataDir: initdbSnapshot()!, postgresqlconf: PGLITE_CONF });
    await db.close();
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  }
  return path;
}
