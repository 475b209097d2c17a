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
  | 'report_locked'
  | 'pdf_unavailable'
  | 'database_unavailable'
  | 'internal';

/** Where in an input a problem was found: file, line (1-based), field/column. */
export interface Problem {
  file?: string;
  line?: number;
  field?: string;
  message: string;
  /** A stable reason id (e.g. `vote_code_used`) that the web app renders in the user's language. */
  code?: string;
  /** Parameters of the reason (rendered into the translated text). */
  params?: Record<string, string | number>;
}

/**
 * What the user is told, in their own language: a stable message code (e.g. `voting_code_used`) with its
 * parameters. The web app renders it from its dictionaries (src/web/i18n/errors.ts); the English `message`
 * is for logs, the CLI and API clients.
 */
export interface ErrorText {
  code: string;
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  readonly id: ErrorId;
  readonly details: Problem[];
  readonly code: string | undefined;
  readonly params: Record<string, string | number> | undefined;
  constructor(id: ErrorId, message: string, details: Problem[] = [], text?: ErrorText) {
    super(message);
    this.name = 'AppError';
    this.id = id;
    this.details = details;
    this.code = text?.code;
    this.params = text?.params;
  }
}

/** Formats a problem as `file:line: field: message` (parts omitted when unknown). */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.line !== undefined ? String(p.line) : undefined].filter(Boolean).join(':');
  return [where, p.field, p.message].filter(Boolean).join(': ');
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} was not found`);

/** An AppError whose one detail is a stable reason with parameters (the message is for logs and the CLI). */
export const reasonError = (
  id: ErrorId,
  code: string,
  message: string,
  params?: Record<string, string | number>,
  field?: string,
): AppError =>
  new AppError(id, message, [{ message, code, ...(params ? { params } : {}), ...(field ? { field } : {}) }], {
    code,
    ...(params ? { params } : {}),
  });
