/**
 * PGlite clusters made once by the build (scripts/build.mjs) and loaded when a new embedded database opens:
 *
 * - `empty`: freshly initialised. PGlite otherwise runs initdb in WebAssembly at every first start: 3 s and
 *   a peak of about 630 MB resident memory, against about 1.4 s and 320 MB when loading this 4.5 MB archive.
 * - `migrated`: the same with every migration of this checkout applied (pglite-schema.ts makes it), which
 *   a start (`npm start`, a test's database) would otherwise apply one by one: 1.1–1.8 s on a first start.
 *   Its name carries the schema's fingerprint (migration-files.ts), so a checkout with another set of
 *   migrations than the build's starts from the empty cluster and migrates as before.
 *
 * The names carry the PGlite version, so an upgraded PGlite without a new build simply runs initdb again.
 * The build also leaves each cluster as a directory, which a new database on disk copies before PGlite
 * opens it: loading the archive (PGlite gunzips and untars it in JavaScript) leaves about 80 MB of buffers
 * that nothing collects while the heap stays small, so the copy keeps that much off a first start's peak
 * resident memory (docs/performance.md).
 */
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { schemaFingerprint } from './migration-files.ts';

/** Server settings for every embedded database (see openPglite). */
export const PGLITE_CONF = 'shared_buffers=32MB';

/** The cluster a new embedded database starts from. */
export type ClusterStart = 'empty' | 'migrated';

// src/db and dist/db are both two levels below the repository root
const root = fileURLToPath(new URL('../../', import.meta.url));
const snapshotsDir = join(root, 'dist', 'pglite');

function pgliteVersion(): string | null {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8'));
    return typeof pkg.version === 'string' ? pkg.version : null;
  } catch {
    return null;
  }
}

let fingerprint: string | undefined;

/** The archive's path (`…tar.gz`; the directory is the same without the extension), or null. */
function snapshotPath(start: ClusterStart): string | null {
  const version = pgliteVersion();
  if (!version) return null;
  if (start === 'empty') return join(snapshotsDir, `initdb-${version}.tar.gz`);
  fingerprint ??= schemaFingerprint();
  return join(snapshotsDir, `schema-${version}-${fingerprint}.tar.gz`);
}

/** The archive of this cluster, when the build has made it. */
export function clusterArchive(start: ClusterStart = 'empty'): Blob | undefined {
  const path = snapshotPath(start);
  return path && existsSync(path) ? new Blob([readFileSync(path)]) : undefined;
}

/**
 * Copies the cluster into `dataDir` (a new database on disk); false when the build has not made it.
 * PG_VERSION, by which a cluster is recognised, is copied last: an interrupted copy is done again.
 */
export function copyClusterSnapshot(dataDir: string, start: ClusterStart = 'empty'): boolean {
  const dir = snapshotPath(start)?.replace(/\.tar\.gz$/, '');
  if (!dir || !existsSync(join(dir, 'PG_VERSION'))) return false;
  cpSync(dir, dataDir, { recursive: true, filter: (src) => src !== join(dir, 'PG_VERSION') });
  copyFileSync(join(dir, 'PG_VERSION'), join(dataDir, 'PG_VERSION'));
  return true;
}

/**
 * Makes the cluster's archive with `make` and its directory from the archive, unless they exist, and
 * removes the migrated clusters of other schemas (a build after a new migration); returns the archive's
 * path, or null when PGlite's version is unknown. The build calls this.
 */
export async function writeClusterSnapshot(start: ClusterStart, make: () => Promise<Blob>): Promise<string | null> {
  const path = snapshotPath(start);
  if (!path) return null;
  const dir = path.replace(/\.tar\.gz$/, '');
  if (!existsSync(path)) {
    const blob = await make();
    mkdirSync(snapshotsDir, { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    renameSync(tmp, path);
  }
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    // the archive loaded once into a directory and closed: the same cluster, as files
    const tmp = `${dir}.${process.pid}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    const db = await PGlite.create({ dataDir: tmp, loadDataDir: clusterArchive(start)!, postgresqlconf: PGLITE_CONF });
    await db.close();
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  }
  if (start === 'migrated') {
    const keep = dir.slice(snapshotsDir.length + 1);
    for (const name of readdirSync(snapshotsDir))
      if (name.startsWith('schema-') && !name.startsWith(keep))
        rmSync(join(snapshotsDir, name), { recursive: true, force: true });
  }
  return path;
}

/** Makes the empty cluster (the build calls this). */
export function writeInitdbSnapshot(): Promise<string | null> {
  return writeClusterSnapshot('empty', async () => {
    const db = await PGlite.create({ postgresqlconf: PGLITE_CONF });
    try {
      return await db.dumpDataDir('gzip');
    } finally {
      await db.close();
    }
  });
}
