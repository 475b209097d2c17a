/** Liveness: is the database reachable, and is the reference dataset loaded now (not only at start-up). */
import type { Database } from '../db/database.ts';
import { hasDataset, pingDatabase } from '../db/repositories/meta.ts';
import { REFERENCE_DATASET } from '../db/repositories/datasets.ts';

export interface DataStatus {
  /** The data directory in use, or null when none was found. */
  dataDir: string | null;
  /** True when the reference dataset is in the database. */
  loaded: boolean;
  /** A sentence for the overview page and the log when something is missing. */
  message: string | null;
}

export interface Health {
  status: 'ok' | 'degraded';
  database: Database['engine'];
  data: DataStatus;
}

export async function checkHealth(db: Database, atStart: DataStatus): Promise<Health> {
  try {
    await pingDatabase(db);
    // what is actually loaded now (a `fardplan load` after start counts), not what start-up found
    const loaded = await hasDataset(db, REFERENCE_DATASET);
    const message = loaded
      ? null
      : (atStart.message ??
        'No statistics are loaded. Set FARDPLAN_DATA_DIR and restart, or run `fardplan load <dir>`.');
    return { status: 'ok', database: db.engine, data: { dataDir: atStart.dataDir, loaded, message } };
  } catch {
    return { status: 'degraded', database: db.engine, data: atStart };
  }
}
