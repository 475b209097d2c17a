import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  catalogResponse,
  compareQuery,
  compareResponse,
  mapParams,
  mapQuery,
  mapResponse,
  profileParams,
  profileResponse,
} from './schema.ts';
import { getCatalog, getComparison, getIndicatorMap, getProfile, parseAreaList } from '../../../services/profiles.ts';

// Routes of the profiles feature (issue 4): area profiles, comparisons and indicator maps.
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/profiles/catalog',
    {
      schema: {
        tags: ['profiles'],
        summary: 'Divisions, indicators and every area (code, name) for the area pickers',
        response: { 200: catalogResponse },
      },
    },
    async () => getCatalog(app.deps.db),
  );

  app.get(
    '/areas/:division/:code/profile',
    {
      schema: {
        tags: ['profiles'],
        summary:
          'Every indicator for one area beside the city: latest value, city value, rank among peers, change since the first period, trend',
        params: profileParams,
        response: { 200: profileResponse },
      },
    },
    async (request) => getProfile(app.deps.db, request.params.division, request.params.code),
  );

  app.get(
    '/compare',
    {
      schema: {
        tags: ['profiles'],
        summary: 'Several areas (any division) side by side with the city, for one or more indicators, all periods',
        querystring: compareQuery,
        response: { 200: compareResponse },
      },
    },
    async (request) => {
      const ids = request.query.indicators
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      return getComparison(app.deps.db, parseAreaList(request.query.areas), ids);
    },
  );

  app.get(
    '/indicators/:id/map',
    {
      schema: {
        tags: ['profiles'],
        summary:
          "An indicator's values with geometry for every area of a division in one period, with ranks and the city value",
        params: mapParams,
        querystring: mapQuery,
        response: { 200: mapResponse },
      },
    },
    async (request) => getIndicatorMap(app.deps.db, request.params.id, request.query.division, request.query.period),
  );
};
export default routes;
