/**
 * The registry of data loaders. Each feature adds its loader here (one line each).
 * - directoryLoaders: tried in order by `fardplan load <dir>`.
 * - startupLoaders: run in order at start when their data is not in the database yet, each in one transaction.
 */
import type { Queryable } from '../db/database.ts';
import type { ReferenceOrigin } from '../importers/reference/source.ts';
import { csvDatasetLoader, type DatasetLoader } from './datasets.ts';
import type { Progress } from './progress.ts';
import { goalsStartupLoaders } from './goals/index.ts';
import { referenceDirectoryLoader, referenceStartupLoader } from './reference-load.ts';
import { interventionsLoader } from './interventions/index.ts';
import { indicatorCatalogueLoader } from './indicators/catalogue.ts';
import { organisationLoader } from './committees/loading.ts';

export interface StartupContext {
  /** The reference data directory, or null when none was found. */
  dataDir: string | null;
  /** False: no fallback to the reference dataset shipped in data/reference (a start without data). Default true. */
  shipped?: boolean;
  progress: Progress;
  now: () => Date;
  /** The reference data already read (prepareStartup, before the database was opened); else read when loaded. */
  reference?: ReferenceOrigin;
}

export interface StartupLoader {
  id: string;
  /** True when this loader needs the data directory (it is skipped, with a message, when there is none). */
  needsDataDir: boolean;
  isLoaded(db: Queryable): Promise<boolean>;
  /** Why it cannot load in this context (it is skipped with that reason), or null. */
  unavailable?(ctx: StartupContext): string | null;
  load(tx: Queryable, ctx: StartupContext): Promise<void>;
}

export const directoryLoaders: DatasetLoader[] = [referenceDirectoryLoader, csvDatasetLoader];

export const startupLoaders: StartupLoader[] = [
  indicatorCatalogueLoader, // first: every later loader finds its indicators
  referenceStartupLoader, // raw data directory, else the dataset shipped in data/reference (with the Police counts)
  organisationLoader(), // committees and area groups (before the register, which names them)
  ...goalsStartupLoaders,
  interventionsLoader(), // after the goals framework (it refers to goal areas, strategies and targets)
];
