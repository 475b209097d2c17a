import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthResponse } from './schema.ts';
import { hasDataset, pingDatabase } from '../../../db/repositories/meta.ts';
import { REFERENCE_DATASET } from '../../../db/repositories/reference.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      schema: { tags: ['meta'], summary: 'Liveness and the database engine in use', response: { 200: healthResponse } },
    },
    async () => {
      await pingDatabase(app.deps.db);
      // what is actually loaded now (a `fardplan load` after start counts), not what start-up found
      const loaded = await hasDataset(app.deps.db, REFERENCE_DATASET);
      const s = app.deps.dataStatus;
      return {
        status: 'ok' as const,
        database: app.deps.db.engine,
        version: app.deps.version,
        data: {
          dataDir: s.dataDir,
          loaded,
          message: loaded
            ? null
            : (s.message ??
              'No statistics are loaded. Set FARDPLAN_DATA_DIR and restart, or run `fardplan load <dir>`.'),
        },
      };
    },
  );
};
export default routes;
