import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthResponse } from '../../../core/contracts/health.ts';
import { checkHealth } from '../../../services/health.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['meta'],
        summary: 'Liveness and the database engine in use; 503 with status "degraded" while the database is away',
        response: { 200: healthResponse, 503: healthResponse },
      },
    },
    async (_request, reply) => {
      const h = await checkHealth(app.deps.db, app.deps.dataStatus);
      return reply.status(h.status === 'ok' ? 200 : 503).send({ ...h, version: app.deps.version });
    },
  );
};

export default routes;
