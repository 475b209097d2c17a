import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  areasQuery,
  areasResponse,
  crosswalksResponse,
  divisionsResponse,
  indicatorsResponse,
  valuesParams,
  valuesQuery,
  valuesResponse,
} from './schema.ts';
import {
  getAreas,
  getAreasGeoJson,
  getCrosswalks,
  getDivisions,
  getIndicators,
  getIndicatorValues,
} from '../../../services/reference.ts';

// Routes of the reference feature (issue 3): divisions, areas, the indicator catalogue and values.
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/divisions',
    {
      schema: {
        tags: ['reference'],
        summary: 'Every division: id, name, level, validity period and number of areas',
        response: { 200: divisionsResponse },
      },
    },
    async () => getDivisions(app.deps.db),
  );

  app.get(
    '/areas',
    {
      schema: {
        tags: ['reference'],
        summary:
          'The areas of a division: code, name, parent; with format=geojson a FeatureCollection with polygons (WGS84)',
        querystring: areasQuery,
        response: { 200: areasResponse },
      },
    },
    async (request, reply) => {
      if (request.query.format === 'geojson') {
        void reply.type('application/geo+json; charset=utf-8');
        return getAreasGeoJson(app.deps.db, request.query.division);
      }
      return getAreas(app.deps.db, request.query.division);
    },
  );

  app.get(
    '/crosswalks',
    {
      schema: {
        tags: ['reference'],
        summary:
          'The crosswalks between divisions: method, every link with weight and confidence, and the areas that could not be matched',
        response: { 200: crosswalksResponse },
      },
    },
    async () => getCrosswalks(app.deps.db),
  );

  app.get(
    '/indicators',
    {
      schema: {
        tags: ['reference'],
        summary: 'The indicator catalogue: definition, unit, kind, polarity, numerator and denominator, source',
        response: { 200: indicatorsResponse },
      },
    },
    async () => getIndicators(app.deps.db),
  );

  app.get(
    '/indicators/:id/values',
    {
      schema: {
        tags: ['reference'],
        summary:
          'Values of an indicator per area of a division in one period (value, numerator, denominator, status, source), with the city value',
        params: valuesParams,
        querystring: valuesQuery,
        response: { 200: valuesResponse },
      },
    },
    async (request) => getIndicatorValues(app.deps.db, request.params.id, request.query.division, request.query.period),
  );
};
export default routes;
