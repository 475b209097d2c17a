/**
 * The app factory: builds a Fastify instance from its dependencies, without listening. The process entry
 * (`fardplan serve`, src/cli/commands/serve.ts) opens the database and calls listen(); tests call
 * `buildApp(deps)` and `app.inject()` against a real database.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifyCompress from '@fastify/compress';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppDeps } from './context.ts';
import { registerErrorHandling } from './errors.ts';
import { registerEtags } from './etag.ts';
import { apiRoutes } from './routes/index.ts';
import { registerAuth } from './auth.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { registerResponseCache, type CacheOptions } from './cache.ts';
import { registerInputGuard } from './input-guard.ts';

export interface AppOptions {
  /** The built web app (vite build output); when absent only the API is served. */
  webDir?: string | null;
  logger?: FastifyServerOptions['logger'];
  /** Largest request body in bytes (imports are the largest). */
  bodyLimit?: number;
  /** Believe X-Forwarded-* headers (set when the app runs behind a reverse proxy). */
  trustProxy?: boolean;
  /** The response cache of derived read routes (src/server/cache.ts). */
  cache?: CacheOptions;
}

export async function buildApp(deps: AppDeps, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 10 * 1024 * 1024,
    // Only behind a reverse proxy may X-Forwarded-For be believed (it decides the sign-in rate limit's address).
    trustProxy: options.trustProxy ?? false,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);

  registerErrorHandling(app);
  registerEtags(app);
  registerInputGuard(app); // NUL, unpaired surrogates, impossible dates, out-of-range numbers → 400
  await app.register(fastifyCookie);
  registerAuth(app); // sessions and the CSRF check for cookie-authenticated writes
  registerSecurityHeaders(app); // before the response cache: its hits are sent from onRequest
  // Derived reads served from memory under the data version (their ETag comes from it); then compression
  // (brotli/gzip) of every response above 1 kB when the client accepts it.
  registerResponseCache(app, options.cache);
  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ['br', 'gzip', 'deflate'] });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Färdplan API',
        version: deps.version,
        description: 'Steering and follow-up of social sustainability in Stockholm. Every figure names its source.',
      },
      servers: [],
    },
    transform: jsonSchemaTransform,
  });

  await app.register(
    async (api) => {
      for (const plugin of apiRoutes) await api.register(plugin);
    },
    { prefix: '/api/v1' },
  );

  const webDir = options.webDir;
  if (webDir && existsSync(join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      // The build writes .br and .gz beside each asset: send those to clients that accept them.
      preCompressed: true,
      cacheControl: false,
      // Hashed asset names never change content: cache them for a year. The page itself is always revalidated.
      setHeaders: (reply, path) => {
        reply.header(
          'cache-control',
          /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    // Client-side routes (e.g. /omraden/…) get the app shell; /api keeps its JSON 404.
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith('/api/')) return reply.callNotFound();
      return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
    });
  }
  return app;
}
