/**
 * Security headers on every response (helmet's policy): the content security policy, nosniff, HSTS, frame and
 * referrer policies. They are taken from helmet once, at start-up: @fastify/helmet built helmet's middleware
 * again for every request (parsing the policy each time), 47 % of what a cached answer allocated (36 kB; 22 kB
 * with the middleware built once), and running the middleware per request still cost more than the rest of a
 * cache hit's own work (docs/performance.md).
 *
 * Registered before the response cache: its hits and 304s are sent from `onRequest`, and must carry these
 * headers too (test/server/cache.test.ts).
 */
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

export const SECURITY_POLICY: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      upgradeInsecureRequests: null,
    },
  },
  crossOriginEmbedderPolicy: false,
};

/**
 * The headers the policy sets, taken once from helmet's own middleware: the policy holds no function of the
 * request, so every response gets the same headers, set with Fastify's reply (a cache hit no longer runs
 * helmet's chain of twelve middlewares). Which headers it removes (`X-Powered-By`) is taken too.
 */
export function securityHeaders(options: Readonly<HelmetOptions> = SECURITY_POLICY): {
  set: Record<string, string>;
  removed: string[];
} {
  const set: Record<string, string> = {};
  const removed: string[] = [];
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      removed.push(name.toLowerCase());
    },
  };
  let failed: unknown;
  helmet(options)({} as never, res as never, (err?: unknown) => (failed = err));
  if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
  return { set, removed };
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  const { set, removed } = securityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    for (const name of removed) reply.raw.removeHeader(name);
    reply.headers(set);
    done();
  });
}
