/**
 * Loading the Stockholm reference dataset into the database: ONE transaction (the caller's),
 * with progress, batched writes, and idempotent: the same data twice changes nothing (checksum in
 * import_batch).
 */
import type { Queryable } from '../db/database.ts';
import {
  createBatch,
  findBatch,
  upsertAreas,
  upsertDivisions,
  upsertObservations,
  upsertSources,
} from '../db/repositories/datasets.ts';
import { isReferenceLoaded, REFERENCE_DATASET } from '../db/repositories/datasets.ts';
import { upsertCrosswalks } from '../db/repositories/crosswalks.ts';
import { referenceIndicators } from '../core/stats/reference-catalogue.ts';
import { readIndicatorCatalogue } from '../importers/indicator-catalogue.ts';
import { chooseReference, rawOrigin, type ReferenceOrigin } from '../importers/reference/source.ts';
import { assembleReferenceDataset } from '../importers/stockholm-reference.ts';
import { writeCatalogue } from './indicators/catalogue.ts';
import { writePoliceCounts } from './indicators/police-count.ts';
import { relinkAfterLoad } from './relink.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DatasetLoader } from './datasets.ts';
import type { StartupLoader } from './loaders.ts';
import type { Progress } from './progress.ts';

export interface ReferenceLoadResult {
  changed: boolean;
  rows: number;
  /** Milliseconds spent reading and building, and writing. */
  buildMs: number;
  writeMs: number;
}

/** Reads the data directory's raw files and writes the dataset inside `tx` (the caller's transaction). */
export async function loadReferenceData(
  tx: Queryable,
  dataDir: string,
  progress: Progress,
): Promise<ReferenceLoadResult> {
  return loadReferenceFrom(tx, rawOrigin(dataDir), progress);
}

/** Writes the reference dataset from its origin (raw files or the shipped dataset) inside `tx`. */
export async function loadReferenceFrom(
  tx: Queryable,
  origin: ReferenceOrigin,
  progress: Progress,
): Promise<ReferenceLoadResult> {
  const t0 = performance.now();
  const { checksum, fileCount } = origin;
  if (await findBatch(tx, REFERENCE_DATASET, checksum)) {
    progress.info('Stockholm reference data: already loaded; nothing changed');
    return { changed: false, rows: 0, buildMs: 0, writeMs: 0 };
  }
  progress.step('Stockholm reference data: reading', 6);
  const catalogue = readIndicatorCatalogue();
  const inputs = await origin.read(() => progress.tick(1));
  const ds = assembleReferenceDataset(inputs, referenceIndicators(catalogue.indicators), () => progress.tick(1));
  const t1 = performance.now();
  const order = new Map(ds.divisions.map((d) => [d.id, d.level]));
  const areas = [...ds.areas].sort((a, b) => (order.get(a.divisionId) ?? 0) - (order.get(b.divisionId) ?? 0));
  const links = ds.crosswalks.reduce((n, c) => n + c.links.length, 0);
  const rows =
    ds.sources.length + ds.divisions.length + areas.length + links + ds.indicators.length + ds.observations.length;
  progress.step('Stockholm reference data: writing', rows);
  const batchId = await createBatch(tx, {
    dataset: REFERENCE_DATASET,
    description: origin.description,
    checksum,
    fileCount,
    rowCount: rows,
  });
  await upsertSources(tx, ds.sources);
  await upsertDivisions(tx, ds.divisions);
  progress.tick(ds.sources.length + ds.divisions.length);
  await upsertAreas(tx, areas);
  progress.tick(areas.length);
  await upsertCrosswalks(tx, ds.crosswalks, null);
  progress.tick(links);
  await writeCatalogue(tx, catalogue.indicators);
  progress.tick(ds.indicators.length);
  const CHUNK = 10000;
  for (let i = 0; i < ds.observations.length; i += CHUNK) {
    const chunk = ds.observations.slice(i, i + CHUNK);
    await upsertObservations(tx, chunk, batchId);
    progress.tick(chunk.length);
  }
  await writePoliceCounts(tx, inputs, progress);
  await relinkAfterLoad(tx);
  const t2 = performance.now();
  progress.info(
    `Stockholm reference data: ${rows} rows (${ds.observations.length} observations) in ${((t2 - t0) / 1000).toFixed(1)} s`,
  );
  return { changed: true, rows, buildMs: Math.round(t1 - t0), writeMs: Math.round(t2 - t1) };
}

/** At start: the raw data directory when set, else the dataset shipped in data/reference/stockholm. */
export const referenceStartupLoader: StartupLoader = {
  id: REFERENCE_DATASET,
  needsDataDir: false,
  isLoaded: (db) => isReferenceLoaded(db),
  unavailable: (ctx) =>
    (ctx.reference ?? chooseReference({ dataDir: ctx.dataDir, shipped: ctx.shipped }))
      ? null
      : 'no data directory and no shipped dataset',
  async load(tx, ctx) {
    const origin = ctx.reference ?? chooseReference({ dataDir: ctx.dataDir, shipped: ctx.shipped });
    if (!origin) {
      ctx.progress.info('No reference data (no data directory and no shipped dataset): statistics are not loaded.');
      return;
    }
    await loadReferenceFrom(tx, origin, ctx.progress);
  },
};

/** `fardplan load <dir>` for a directory in the Stockholm reference layout (stockholm/, scb/, polisen/). */
export const referenceDirectoryLoader: DatasetLoader = {
  id: REFERENCE_DATASET,
  detect: (dir) => existsSync(join(dir, 'stockholm', 'stadsdel-stadsdelsomrade.csv')) && existsSync(join(dir, 'scb')),
  async load(tx, ctx) {
    const r = await loadReferenceData(tx, ctx.dir, ctx.progress);
    return {
      dataset: REFERENCE_DATASET,
      changed: r.changed,
      rows: r.rows,
      message: r.changed
        ? `${ctx.dir}: loaded the Stockholm reference data (${r.rows} rows)`
        : `${ctx.dir}: already loaded; nothing changed`,
    };
  },
};
