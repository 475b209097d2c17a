/** The one error mapping of the HTTP API: every error becomes `{ error: { id, message, details? } }`. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorId } from '../core/errors.ts';
import { isConnectionError } from '../db/database.ts';

export const statusOf: Record<ErrorId, number> = {
  validation_failed: 400,
  import_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  locked: 423,
  rate_limited: 429,
  not_available: 503,
  report_locked: 409,
  pdf_unavailable: 503,
  database_unavailable: 503,
  internal: 500,
};

export interface ErrorBody {
  error: {
    id: ErrorId;
    message: string;
    details?: unknown;
    /** The message code the web app renders in the user's language, with its parameters. */
    code?: string;
    params?: Record<string, string | number>;
  };
}

const body = (id: ErrorId, message: string, details?: unknown, err?: AppError): ErrorBody => ({
  error: {
    id,
    message,
    ...(details === undefined ? {} : { details }),
    ...(err?.code ? { code: err.code } : {}),
    ...(err?.params ? { params: err.params } : {}),
  },
});

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    if (isConnectionError(err)) {
      request.log.warn({ err }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', '5')
        .send(body('database_unavailable', 'The database cannot be reached at the moment. Try again shortly.'));
    }
    if (err instanceof AppError) {
      return reply
        .status(statusOf[err.id])
        .send(body(err.id, err.message, err.details.length ? err.details : undefined, err));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        field: `${err.validationContext ?? 'request'}${v.instancePath.replace(/\//g, '.')}`,
        message: v.message,
      }));
      const first = details[0];
      return reply
        .status(400)
        .send(
          body('validation_failed', first ? `Invalid ${first.field}: ${first.message}` : 'Invalid request', details),
        );
    }
    const status = (err as FastifyError).statusCode;
    if (!isResponseSerializationError(err) && status && status >= 400 && status < 500) {
      const id: ErrorId =
        status === 413
          ? 'payload_too_large'
          : status === 429
            ? 'rate_limited'
            : status === 404
              ? 'not_found'
              : 'validation_failed';
      return reply.status(status).send(body(id, err.message));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send(body('internal', 'An internal error occurred. It has been logged.'));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(body('not_found', `No route ${request.method} ${request.url.split('?')[0]}`));
  });
}
