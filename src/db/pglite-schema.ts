/**
 * The build's migrated cluster (pglite-initdb.ts): the empty cluster with every migration of this checkout
 * applied, data-version triggers included, as `migrate` leaves a new database. The build calls this.
 */
import { openPglite } from './database.ts';
import { migrate } from './migrate.ts';
import { writeClusterSnapshot } from './pglite-initdb.ts';

export function writeSchemaSnapshot(): Promise<string | null> {
  return writeClusterSnapshot('migrated', async () => {
    const db = await openPglite();
    try {
      await migrate(db);
      return await (db as unknown as { dump: () => Promise<Blob> }).dump();
    } finally {
      await db.close();
    }
  });
}
