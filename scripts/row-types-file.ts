/** Where the generated row types live and how they are formatted (shared by `npm run db:types` and its test). */
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import type { Queryable } from '../src/db/database.ts';
import { generateRowTypes } from '../src/db/row-types.ts';

export const ROW_TYPES_FILE = fileURLToPath(new URL('../src/db/rows.generated.ts', import.meta.url));

/** The file's text for the schema `db` is migrated to, formatted as `npm run format` would. */
export async function rowTypesText(db: Queryable): Promise<string> {
  const options = (await prettier.resolveConfig(ROW_TYPES_FILE)) ?? {};
  return prettier.format(await generateRowTypes(db), { ...options, filepath: ROW_TYPES_FILE });
}
