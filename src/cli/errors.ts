/** Errors the CLI reports as one clear line on stderr with a non-zero exit code (never a stack trace). */
import { AppError, formatProblem } from '../core/errors.ts';

export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Exit codes: 1 general failure, 2 usage, 3 bad input data, 4 database unreachable. */
export const EXIT = { failure: 1, usage: 2, badInput: 3, database: 4 } as const;

export function toCliError(err: unknown): CliError {
  if (err instanceof CliError) return err;
  if (err instanceof AppError) {
    const lines = [err.message];
    if (err.details.length > 1) for (const p of err.details.slice(0, 20)) lines.push(`  ${formatProblem(p)}`);
    if (err.details.length > 20) lines.push(`  … and ${err.details.length - 20} more`);
    return new CliError(
      lines.join('\n'),
      err.id === 'import_failed' || err.id === 'validation_failed' ? EXIT.badInput : EXIT.failure,
    );
  }
  const e = err as { code?: string; message?: string };
  if (e?.code === 'ECONNREFUSED' || e?.code === 'ENOTFOUND')
    return new CliError(`Cannot reach the database: ${e.message}`, EXIT.database);
  return new CliError(e?.message ?? String(err), EXIT.failure);
}
