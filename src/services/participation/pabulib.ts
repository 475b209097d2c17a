/** Pabulib `.pb` files from disk, for counting an election outside the database (`fardplan pb tally`). */
import type { PbFile, PbParseOptions } from '../../core/pb/pabulib.ts';
import { readPabulibFile } from '../../importers/pabulib.ts';

/** Reads and parses a `.pb` file; a bad file is AppError('import_failed') naming the file, line and field. */
export async function readPbFile(path: string, options: PbParseOptions = {}): Promise<PbFile> {
  return readPabulibFile(path, options);
}
