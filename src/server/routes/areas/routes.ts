import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  areaSearchQuery,
  boundariesBody,
  boundariesParams,
  boundariesResponse,
  areaSearchResponse,
  areasQuery,
  areasResponse,
  crosswalksResponse,
  divisionsResponse,
  catalogResponse,
  compareQuery,
  compareResponse,
  profileParams,
  profileResponse,
} from '../../../core/contracts/areas.ts';
import { searchAreas } from '../../../services/areas/search.ts';
import { loadBoundaries } from '../../../services/areas/boundaries.ts';
import { guard } from '../../auth.ts';
import { actingUser } from '../../acting.ts';
import { getAreas, getAreasGeoJson, getCrosswalks, getDivisions } from '../../../services/areas/read.ts';
import { getCatalog, getComparison, getProfile, parseAreaList } from '../../../services/areas/profiles.ts';

// The areas slice: divisions, areas (with polygons), crosswalks, an area's profile and comparisons.
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/divisions',
    {
      schema: {
        tags: ['areas'],
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
        tags: ['areas'],
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
    '/areas/search',
    {
      schema: {
        tags: ['areas'],
        summary:
          'Find an area by name or code across every division (e.g. Järva, Rinkeby, Husby, Tensta); each hit names its division and whether it is current',
        querystring: areaSearchQuery,
        response: { 200: areaSearchResponse },
      },
    },
    async (request) => searchAreas(app.deps.db, request.query.q, request.query.limit),
  );

  app.post(
    '/divisions/:id/boundaries',
    {
      preHandler: guard('imports:write'),
      bodyLimit: 50 * 1024 * 1024,
      schema: {
        tags: ['areas'],
        summary:
          'Upload polygons for a division (GeoJSON, or a zipped shapefile in SWEREF 99 TM or WGS84, base64): codes are checked against the division, matching areas get their polygon, the rest is reported (audited)',
        params: boundariesParams,
        body: boundariesBody,
        response: { 200: boundariesResponse },
      },
    },
    async (request) =>
      loadBoundaries(
        app.deps.db,
        { user: await actingUser(request), now: app.deps.now() },
        request.params.id,
        request.body.file,
        Buffer.from(request.body.content, 'base64'),
        request.body.codeField ? { codeField: request.body.codeField } : {},
      ),
  );

  app.get(
    '/crosswalks',
    {
      schema: {
        tags: ['areas'],
        summary:
          'The crosswalks between divisions: method, every link with weight and confidence, and the areas that could not be matched',
        response: { 200: crosswalksResponse },
      },
    },
    async () => getCrosswalks(app.deps.db),
  );

  app.get(
    '/profiles/catalog',
    {
      schema: {
        tags: ['areas'],
        summary:
          'Divisions, indicators and every area (code, name) for the area pickers. Indicators have the one Indicator shape of the catalogue (with headline, aggregable, multiplier and the source licence).',
        response: { 200: catalogResponse },
      },
    },
    async () => getCatalog(app.deps.db),
  );

  app.get(
    '/areas/:division/:code/profile',
    {
      schema: {
        tags: ['areas'],
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
        tags: ['areas'],
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
};
export default routes;
