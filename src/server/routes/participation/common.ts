/**
 * Shared parts of the participation routes: effects and the public-write rate limit. (The acting user is
 * `actingUser(request)` from src/server/acting.ts; the services authorise inside their transactions.)
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../core/errors.ts';
import { PUBLIC_WRITE_LIMITS, type PublicWrite } from '../../../core/participation/rate.ts';
import { hitRateLimit } from '../../../services/rate-limits.ts';
import type { Effects } from '../../../services/participation/index.ts';

export const TAG = ['participation'];

export const effects = (app: FastifyInstance): Effects => ({ now: app.deps.now, randomBytes: app.deps.randomBytes });

/**
 * Public writes are rate limited per client address (request.ip; behind a proxy set trustProxy). The events are
 * kept in the database (hashed with the address), so the limit holds across several app processes.
 */
export function rateLimiter(app: FastifyInstance) {
  return (kind: PublicWrite) => async (request: FastifyRequest, reply: FastifyReply) => {
    const d = await hitRateLimit(app.deps.db, kind, request.ip, PUBLIC_WRITE_LIMITS[kind], app.deps.now());
    if (!d.allowed) {
      reply.header('retry-after', String(d.retryAfterSeconds));
      throw new AppError('rate_limited', `Too many requests from this address: try again in ${d.retryAfterSeconds} s`, [
        { message: 'rate limited', code: 'rate_limited', params: { seconds: d.retryAfterSeconds } },
      ]);
    }
  };
}
