import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../core/errors.ts';
import { guard } from '../../auth.ts';
import { actingUser } from '../../acting.ts';
import {
  analysisOptions,
  computeAllocation,
  divisionAreas,
  dividesService,
  getScenarios,
  listScenarios,
  methodsDocument,
  multigroupSegregation,
  needIndexService,
  removeScenario,
  saveScenario,
  segregation,
  type NeedIndicatorChoice,
} from '../../../services/analysis/index.ts';
import {
  allocationBody,
  allocationResponse,
  areasResponse,
  compareQuery,
  compareResponse,
  divisionParams,
  dividesQuery,
  dividesResponse,
  idParams,
  methodsResponse,
  multigroupQuery,
  multigroupResponse,
  needQuery,
  needResponse,
  optionsResponse,
  scenarioBody,
  scenarioFullResponse,
  scenarioListResponse,
  scenarioResponse,
  segregationQuery,
  segregationResponse,
} from '../../../core/contracts/analysis.ts';

/** `id:weight[:higherIsWorse|higherIsBetter],…` → indicator choices. */
function parseIndicators(s: string | undefined): NeedIndicatorChoice[] | undefined {
  if (!s) return undefined;
  return s.split(',').map((part) => {
    const [id = '', w = '', pol] = part.split(':').map((x) => x.trim());
    const weight = Number(w);
    if (!id || w === '' || !Number.isFinite(weight) || weight < 0) {
      throw new AppError('validation_failed', `indicators: '${part}' is not id:weight with a weight of zero or more`, [
        { field: 'indicators', message: part },
      ]);
    }
    if (pol !== undefined && pol !== 'higherIsWorse' && pol !== 'higherIsBetter') {
      throw new AppError('validation_failed', `indicators: polarity '${pol}' must be higherIsWorse or higherIsBetter`, [
        { field: 'indicators', message: part },
      ]);
    }
    return { id, weight, ...(pol ? { polarity: pol } : {}) };
  });
}

function parseShares(s: string | undefined): [number, number, number, number, number] | undefined {
  if (!s) return undefined;
  const xs = s.split(',').map((x) => Number(x.trim()) / 100);
  if (xs.length !== 5 || xs.some((x) => !Number.isFinite(x)))
    throw new AppError('validation_failed', 'shares: give five percentages, large challenges first', [
      { field: 'shares', message: s },
    ]);
  return xs as [number, number, number, number, number];
}

function parseCutoffs(s: string | undefined): [number, number, number, number] | undefined {
  if (!s) return undefined;
  const xs = s.split(',').map((x) => Number(x.trim()));
  if (xs.length !== 4 || xs.some((x) => !Number.isFinite(x)))
    throw new AppError('validation_failed', 'cutoffs: give four numbers, highest first', [
      { field: 'cutoffs', message: s },
    ]);
  return xs as [number, number, number, number];
}

// Routes of the analysis feature: segregation, need index, allocation scenarios. Methods: docs/methods.md.
const routes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.deps.db;

  app.get(
    '/analysis/options',
    {
      schema: {
        tags: ['analysis'],
        summary:
          'Divisions, groups (group/total count indicators) and periods available for the analyses; need-index defaults',
        response: { 200: optionsResponse },
      },
    },
    async () => analysisOptions(db()),
  );

  app.get(
    '/analysis/methods',
    {
      schema: {
        tags: ['analysis'],
        summary: 'The methods document (docs/methods.md, Markdown): the formula of every measure and the conventions',
        response: { 200: methodsResponse },
      },
    },
    async () => methodsDocument(),
  );

  app.get(
    '/analysis/areas/:division',
    {
      schema: {
        tags: ['analysis'],
        summary: "A division's areas with their polygons (for the analysis maps)",
        params: divisionParams,
        response: { 200: areasResponse },
      },
    },
    async (request) => divisionAreas(db(), request.params.division),
  );

  app.get(
    '/analysis/segregation',
    {
      schema: {
        tags: ['analysis'],
        summary:
          "Segregation measures (D, H, xPx, xPy, Gini) for a group in a division and period, their trend, each area's share, divides over time and Moran's I",
        querystring: segregationQuery,
        response: { 200: segregationResponse },
      },
    },
    async (request) => segregation(db(), request.query),
  );

  app.get(
    '/analysis/segregation/multigroup',
    {
      schema: {
        tags: ['analysis'],
        summary:
          'Multigroup segregation measures (multigroup D, H, mutual information M, Gini, normalised exposure) for a set of groups in a division and period',
        querystring: multigroupQuery,
        response: { 200: multigroupResponse },
      },
    },
    async (request) => multigroupSegregation(db(), request.query),
  );

  app.get(
    '/analysis/divides',
    {
      schema: {
        tags: ['analysis'],
        summary:
          'Divides between the areas of a division for an indicator, per year: max/min, population-weighted top/bottom fifth ratio, coefficient of variation, and sigma convergence',
        querystring: dividesQuery,
        response: { 200: dividesResponse },
      },
    },
    async (request) => dividesService(db(), request.query),
  );

  app.get(
    '/analysis/need-index',
    {
      schema: {
        tags: ['analysis'],
        summary:
          'Need index and area types for every DeSO (configurable indicators, weights, cut-offs), optionally aggregated to a higher division',
        querystring: needQuery,
        response: { 200: needResponse },
      },
    },
    async (request) => {
      const q = request.query;
      const indicators = parseIndicators(q.indicators);
      const cutoffs = parseCutoffs(q.cutoffs);
      const shares = parseShares(q.shares);
      return needIndexService(db(), {
        ...(q.period ? { period: q.period } : {}),
        ...(q.aggregateTo ? { aggregateTo: q.aggregateTo } : {}),
        ...(q.populationWeighted ? { populationWeighted: q.populationWeighted === 'true' } : {}),
        ...(indicators ? { indicators } : {}),
        ...(cutoffs ? { cutoffs } : {}),
        ...(shares ? { shares } : {}),
        ...(q.method ? { method: q.method } : {}),
      });
    },
  );

  app.post(
    '/analysis/allocation',
    {
      schema: {
        tags: ['analysis'],
        summary:
          'Computes an allocation scenario (not saved): the sum shared by population × need weight with floor, cap and transition, exact to the krona, beside the money planned per area',
        body: allocationBody,
        response: { 200: allocationResponse },
      },
    },
    async (request) => computeAllocation(db(), request.body),
  );

  app.get(
    '/analysis/scenarios',
    { schema: { tags: ['analysis'], summary: 'Saved allocation scenarios', response: { 200: scenarioListResponse } } },
    async () => ({ scenarios: await listScenarios(db()) }),
  );

  app.get(
    '/analysis/scenarios/compare',
    {
      schema: {
        tags: ['analysis'],
        summary: 'Saved scenarios side by side',
        querystring: compareQuery,
        response: { 200: compareResponse },
      },
    },
    async (request) => ({ scenarios: await getScenarios(db(), request.query.ids.split(',').map(Number)) }),
  );

  app.get(
    '/analysis/scenarios/:id',
    {
      schema: {
        tags: ['analysis'],
        summary: 'One saved allocation scenario with its result',
        params: idParams,
        response: { 200: scenarioFullResponse },
      },
    },
    async (request) => {
      const [s] = await getScenarios(db(), [request.params.id]);
      return s as NonNullable<typeof s>;
    },
  );

  app.post(
    '/analysis/scenarios',
    {
      preHandler: guard('indicators:write'),
      schema: {
        tags: ['analysis'],
        summary: 'Computes and saves a named allocation scenario (analysts)',
        body: scenarioBody,
        response: { 200: scenarioResponse },
      },
    },
    async (request) => saveScenario(db(), request.body, { user: await actingUser(request), now: app.deps.now() }),
  );

  app.delete(
    '/analysis/scenarios/:id',
    {
      preHandler: guard('indicators:write'),
      schema: { tags: ['analysis'], summary: 'Deletes a saved allocation scenario (analysts)', params: idParams },
    },
    async (request, reply) => {
      await removeScenario(db(), request.params.id, { user: await actingUser(request), now: app.deps.now() });
      return reply.code(204).send();
    },
  );
};
export default routes;
