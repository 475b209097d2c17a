import type { Queryable } from '../database.ts';

export async function pingDatabase(db: Queryable): Promise<void> {
  await db.query('SELECT 1');
}

/** True when an import batch of `dataset` exists (the dataset was loaded before). */
export async function hasDataset(db: Queryable, dataset: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM import_batch WHERE dataset = $1 LIMIT 1', [dataset]);
  return rows.length > 0;
}
