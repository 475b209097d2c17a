/** Shared parts of the participation routes: the acting user, effects and the public-write rate limit. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, auditActor } from '../../auth.ts';
import { AppError } from '../../../core/errors.ts';
import { decideWrite, PUBLIC_WRITE_LIMITS, type PublicWrite } from '../../../core/participation/rate.ts';
import type { Acting, Effects } from '../../../services/participation/index.ts';

export const TAG = ['participation'];

/** Who acts (for the services' own authorisation and the audit log). */
export async function acting(request: FastifyRequest): Promise<Acting> {
  return { actor: await actorOf(request), audit: await auditActor(request) };
}

export const effects = (app: FastifyInstance): Effects => ({ now: app.deps.now, randomBytes: app.deps.randomBytes });

/**
 * Public writes are rate limited per client address (request.ip; behind a proxy set trustProxy).
 * The event times live in this process's memory only: no address is stored in the database.
 */
export function rateLimiter(app: FastifyInstance) {
  const writes = new Map<string, readonly number[]>();
  return (kind: PublicWrite) => async (request: FastifyRequest, reply: FastifyReply) => {
    const now = app.deps.now().getTime();
    const key = `${kind} ${request.ip}`;
    const d = decideWrite(writes.get(key) ?? [], now, PUBLIC_WRITE_LIMITS[kind]);
    writes.set(key, d.events);
    if (writes.size > 50_000) {
      // keep memory bounded: forget addresses with nothing left in their window
      for (const [k, ev] of writes) {
        const w = PUBLIC_WRITE_LIMITS[k.slice(0, k.indexOf(' ')) as PublicWrite];
        if (ev.every((t) => t <= now - w.windowMs)) writes.delete(k);
      }
    }
    if (!d.allowed) {
      reply.header('retry-after', String(d.retryAfterSeconds));
      throw new AppError('rate_limited', `Too many requests from this address: try again in ${d.retryAfterSeconds} s`, [
        { message: 'rate limited', code: 'rate_limited', params: { seconds: d.retryAfterSeconds } },
      ]);
    }
  };
}
