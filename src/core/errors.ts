/**
 * Domain errors with stable machine ids. Every layer throws these (or subclasses); the server maps them
 * to HTTP statuses in one place (src/server/errors.ts) and the CLI to exit codes (src/cli/errors.ts).
 */
export type ErrorId =
  | 'validation_failed'
  | 'not_found'
  | 'conflict'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf_failed'
  | 'rate_limited'
  | 'locked'
  | 'payload_too_large'
  | 'import_failed'
  | 'not_available'
  | 'database_unavailable'
  | 'internal';

/** Where in an input a problem was found: file, line (1-based), field/column. */
export interface Problem {
  file?: string;
  line?: number;
  field?: string;
  message: string;
}

export class AppError extends Error {
  readonly id: ErrorId;
  readonly details: Problem[];
  constructor(id: ErrorId, message: string, details: Problem[] = []) {
    super(message);
    this.name = 'AppError';
    this.id = id;
    this.details = details;
  }
}

/** Formats a problem as `file:line: field: message` (parts omitted when unknown). */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.line !== undefined ? String(p.line) : undefined].filter(Boolean).join(':');
  return [where, p.field, p.message].filter(Boolean).join(': ');
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} was not found`);
