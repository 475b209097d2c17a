import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthResponse } from './schema.ts';
import { pingDatabase } from '../../../db/repositories/meta.ts';

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
      const reachable = await pingDatabase(app.deps.db).then(
        () => true,
        () => false,
      );
      return reply.status(reachable ? 200 : 503).send({
        status: reachable ? ('ok' as const) : ('degraded' as const),
        database: app.deps.db.engine,
        version: app.deps.version,
        data: app.deps.dataStatus,
      });
    },
  );
};
export default routes;
