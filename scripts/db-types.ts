/**
 * `npm run db:types`: migrates an empty embedded database and writes the row types of every table to
 * src/db/rows.generated.ts (src/db/row-types.ts). Run it after adding a migration; the test
 * test/db/row-types.test.ts fails while the file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { openPglite } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { ROW_TYPES_FILE, rowTypesText } from './row-types-file.ts';

const db = await openPglite();
try {
  await migrate(db);
  writeFileSync(ROW_TYPES_FILE, await rowTypesText(db));
  process.stdout.write(`wrote ${ROW_TYPES_FILE}\n`);
} finally {
  await db.close();
}
