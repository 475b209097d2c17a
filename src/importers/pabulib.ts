/**
 * Reads a pabulib `.pb` file from disk and parses it with the core parser. Errors name the file,
 * line and field: a bad file becomes AppError('import_failed') whose one problem carries them.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../core/errors.ts';
import type { PbFile, PbParseOptions } from '../core/pb/pabulib.ts';
import { PbFormatError, parsePabulib } from '../core/pb/pabulib.ts';

/** Parse `.pb` text, turning a format error into an import_failed AppError naming `fileName`. */
export function parsePabulibText(text: string, fileName: string, options: PbParseOptions = {}): PbFile {
  try {
    return parsePabulib(text, options);
  } catch (err) {
    if (err instanceof PbFormatError) {
      const e = err.inFile(fileName);
      throw new AppError('import_failed', e.message, [
        {
          file: fileName,
          ...(e.line !== null ? { line: e.line } : {}),
          ...(e.field !== null ? { field: e.field } : {}),
          message: e.detail,
        },
      ]);
    }
    throw err;
  }
}

/** Read and parse a `.pb` file. */
export async function readPabulibFile(path: string, options: PbParseOptions = {}): Promise<PbFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new AppError(
      'import_failed',
      `${basename(path)}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      [{ file: basename(path), message: 'cannot read the file' }],
    );
  }
  return parsePabulibText(text, basename(path), options);
}
