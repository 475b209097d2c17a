/**
 * Reads a pabulib `.pb` file from disk and parses it with the core parser. Errors name the file,
 * line and field: a bad file becomes AppError('import_failed') whose one problem carries them.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../core/errors.ts';
import type { PbFile } from '../core/pb/pabulib.ts';
import { PbFormatError, parsePabulib } from '../core/pb/pabulib.ts';

/** Parse `.pb` text, turning a format error into an import_failed AppError naming `fileName`. */
export function parsePabulibText(text: string, fileName: string): PbFile {
  try {
    return parsePabulib(text);
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
export async function readPabulibFile(path: string): Promise<PbFile> {
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
  return parsePabulibText(text, basename(path));
}

/**
 * Refuses a file that ends before its own META says it should: fewer projects than `num_projects`
 * or fewer votes than `num_votes` (a download or copy cut short). Counting such a file would
 * silently give another result.
 */
export function assertComplete(pb: PbFile, fileName: string): void {
  const declared = (key: string): number | null => {
    const v = pb.meta.find((m) => m.key.toLowerCase() === key)?.value.trim();
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : null;
  };
  const checks = [
    { key: 'num_projects', section: 'PROJECTS', found: pb.projects.length },
    { key: 'num_votes', section: 'VOTES', found: pb.votes.length },
  ];
  for (const c of checks) {
    const n = declared(c.key);
    if (n !== null && c.found < n) {
      const message = `the file looks truncated: META ${c.key} says ${n}, but the ${c.section} section has only ${c.found}`;
      throw new AppError('import_failed', `${fileName}: ${message}`, [{ file: fileName, field: c.key, message }]);
    }
  }
}
