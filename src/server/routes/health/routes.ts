import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthResponse } from './schema.ts';
import { pingDatabase } from '../../../db/repositories/meta.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      schema: { tags: ['meta'], summary: 'Liveness and the database engine in use', response: { 200: healthResponse } },
    },
    async () => {
      await pingDatabase(app.deps.db);
      return {
        status: 'ok' as const,
        database: app.deps.db.engine,
        version: app.deps.version,
        data: app.deps.dataStatus,
      };
    },
  );
};
export default routes;
