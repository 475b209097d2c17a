/**
 * Loading datasets: each kind of dataset has a loader; `loadDirectory` picks the loader for a directory and
 * runs it in ONE transaction, so that a failure leaves the database exactly as it was. Loaders are idempotent:
 * the same dataset twice changes nothing (its checksum is recorded in import_batch).
 */
import type { Database, Queryable } from '../db/database.ts';
import { AppError } from '../core/errors.ts';
import {
  createBatch,
  findBatch,
  knownIds,
  readStatistics,
  refreshPlannerStatistics,
  upsertAreas,
  upsertDivisions,
  upsertIndicators,
  upsertObservations,
  upsertSources,
} from '../db/repositories/datasets.ts';
import { isCsvDataset, readCsvDataset } from '../importers/csv-dataset.ts';
import type { Progress } from './progress.ts';

export interface LoadContext {
  dir: string;
  progress: Progress;
  now: () => Date;
}

export interface LoadResult {
  dataset: string;
  /** False when the same dataset was already loaded and nothing changed. */
  changed: boolean;
  rows: number;
  message: string;
}

export interface DatasetLoader {
  id: string;
  /** True when `dir` holds a dataset of this kind. */
  detect(dir: string): boolean;
  /** Reads, validates and writes inside the transaction `tx`. Throws AppError('import_failed', …) on bad input. */
  load(tx: Queryable, ctx: LoadContext): Promise<LoadResult>;
}

export const csvDatasetLoader: DatasetLoader = {
  id: 'csv-dataset',
  detect: isCsvDataset,
  async load(tx, ctx) {
    ctx.progress.step('Reading CSV dataset');
    const ds = readCsvDataset(ctx.dir, await knownIds(tx));
    const rows =
      ds.sources.length + ds.divisions.length + ds.areas.length + ds.indicators.length + ds.observations.length;
    if (await findBatch(tx, 'csv-dataset', ds.checksum)) {
      return {
        dataset: 'csv-dataset',
        changed: false,
        rows: 0,
        message: `${ctx.dir}: already loaded; nothing changed`,
      };
    }
    ctx.progress.step('Writing', rows);
    const batchId = await createBatch(tx, {
      dataset: 'csv-dataset',
      description: ctx.dir,
      checksum: ds.checksum,
      fileCount: ds.fileCount,
      rowCount: rows,
    });
    await upsertSources(tx, ds.sources);
    await upsertDivisions(tx, ds.divisions);
    await upsertAreas(tx, ds.areas);
    await upsertIndicators(tx, ds.indicators);
    ctx.progress.tick(ds.sources.length + ds.divisions.length + ds.areas.length + ds.indicators.length);
    await upsertObservations(tx, ds.observations, batchId);
    ctx.progress.tick(ds.observations.length);
    return {
      dataset: 'csv-dataset',
      changed: true,
      rows,
      message: `${ctx.dir}: loaded ${rows} rows from ${ds.fileCount} files`,
    };
  },
};

/** Loaders tried in order by `loadDirectory`; features add theirs in src/services/loaders.ts. */
export async function loadDirectory(
  db: Database,
  dir: string,
  loaders: readonly DatasetLoader[],
  ctx: Omit<LoadContext, 'dir'>,
): Promise<LoadResult> {
  const loader = loaders.find((l) => l.detect(dir));
  if (!loader) {
    throw new AppError(
      'import_failed',
      `${dir}: not a dataset Färdplan knows (expected the Stockholm reference data layout or CSV dataset files)`,
      [{ file: dir, message: 'unknown dataset layout' }],
    );
  }
  try {
    const result = await db.transaction((tx) => loader.load(tx, { ...ctx, dir }));
    if (result.changed) await refreshPlannerStatistics(db);
    return result;
  } finally {
    ctx.progress.done();
  }
}

/** The statistics (sources, divisions, areas, indicators, published observations) as `fardplan export` writes them. */
export async function statisticsForExport(db: Queryable, opts: { indicators?: string[] } = {}) {
  return readStatistics(db, opts);
}
