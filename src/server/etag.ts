/** Weak ETags on GET API responses, answered with 304 when the client already has the same body. */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

export function registerEtags(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' || reply.statusCode !== 200 || !request.url.startsWith('/api/')) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (reply.getHeader('etag')) return payload; // set by the response cache from the data version
    const etag = `W/"${createHash('sha1').update(payload).digest('base64url')}"`;
    reply.header('etag', etag);
    reply.header('cache-control', 'no-cache');
    const inm = request.headers['if-none-match'];
    if (inm && inm.split(',').some((t) => t.trim() === etag)) {
      reply.code(304);
      return '';
    }
    return payload;
  });
}
