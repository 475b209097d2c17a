/**
 * The input rules every route obeys, checked before the route's own schema: no NUL characters or unpaired
 * surrogates in any text (parameters, query, body, field names), no impossible dates, no whole numbers beyond the
 * safe range. A violation is a 400 validation_failed naming the field, never a database error (a 500).
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../core/errors.ts';
import { findUnsafeInput } from '../core/contracts/primitives.ts';

export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const bad = findUnsafeInput(value, part);
      if (bad)
        throw new AppError('validation_failed', `Invalid ${bad.field}: ${bad.message}`, [
          { field: bad.field, message: bad.message },
        ]);
    }
  });
}
