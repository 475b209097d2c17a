import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  indicatorDraftBody,
  indicatorDraftResponse,
  indicatorDraftsResponse,
  indicatorMetadataResponse,
  indicatorsResponse,
  mapParams,
  mapQuery,
  mapResponse,
  valuesParams,
  valuesQuery,
  valuesResponse,
} from '../../../core/contracts/indicators.ts';
import { getIndicators, getIndicatorValues } from '../../../services/indicators/values.ts';
import { getIndicatorMap } from '../../../services/indicators/map.ts';
import { discardDraft, publishDraft, saveDraft } from '../../../services/indicators/commands.ts';
import type { CommandContext } from '../../../services/acting.ts';
import { actingUser } from '../../acting.ts';
import { getIndicatorMetadata, listDrafts } from '../../../services/indicators/read.ts';
import { guard } from '../../auth.ts';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../core/errors.ts';

// The indicators slice: the catalogue, values and maps, and analysts' drafts (draft → published).
const routes: FastifyPluginAsyncZod = async (app) => {
  const acting = async (request: FastifyRequest): Promise<CommandContext> => ({
    user: await actingUser(request),
    now: app.deps.now(),
  });

  app.get(
    '/indicators',
    {
      schema: {
        tags: ['indicators'],
        summary:
          'The indicator catalogue: definition, unit, kind, polarity, numerator and denominator, source. headline=false marks helper counts (underlying figures of another indicator).',
        response: { 200: indicatorsResponse },
      },
    },
    async () => getIndicators(app.deps.db),
  );

  app.get(
    '/indicators/:id/values',
    {
      schema: {
        tags: ['indicators'],
        summary:
          'Values of an indicator per area of a division in one period (value, numerator, denominator, status, source), with the city value',
        params: valuesParams,
        querystring: valuesQuery,
        response: { 200: valuesResponse },
      },
    },
    async (request) => getIndicatorValues(app.deps.db, request.params.id, request.query.division, request.query.period),
  );

  app.get(
    '/indicators/:id/map',
    {
      schema: {
        tags: ['indicators'],
        summary:
          "An indicator's values with geometry for every area of a division in one period, with ranks and the city value (the indicator in the one Indicator shape of the catalogue)",
        params: mapParams,
        querystring: mapQuery,
        response: { 200: mapResponse },
      },
    },
    async (request) => getIndicatorMap(app.deps.db, request.params.id, request.query.division, request.query.period),
  );

  app.get(
    '/indicators/:id/metadata',
    {
      schema: {
        tags: ['indicators'],
        summary:
          "An indicator's catalogue metadata (data/indicators/<id>.json) and its underlying figures (numerator and denominator)",
        params: valuesParams,
        response: { 200: indicatorMetadataResponse },
      },
    },
    async (request) => getIndicatorMetadata(app.deps.db, request.params.id),
  );

  app.get(
    '/indicators/drafts',
    {
      preHandler: guard('indicators:write'),
      schema: {
        tags: ['indicators'],
        summary: "Analysts' drafts of new and changed indicators (not yet published)",
        response: { 200: indicatorDraftsResponse },
      },
    },
    async () => listDrafts(app.deps.db),
  );

  app.put(
    '/indicators/:id/draft',
    {
      preHandler: guard('indicators:write'),
      schema: {
        tags: ['indicators'],
        summary:
          'Save a draft of a new or changed indicator: the whole metadata, validated with the catalogue schema (audited)',
        params: valuesParams,
        body: indicatorDraftBody,
        response: { 200: indicatorDraftResponse },
      },
    },
    async (request) => {
      if (request.body.id !== request.params.id)
        throw new AppError('validation_failed', 'the id differs from the path', [
          { field: 'id', message: `expected ${request.params.id}` },
        ]);
      return saveDraft(app.deps.db, await acting(request), request.body);
    },
  );

  app.post(
    '/indicators/:id/publish',
    {
      preHandler: guard('indicators:write'),
      schema: {
        tags: ['indicators'],
        summary: 'Publish the draft: the indicator is created or updated in the catalogue (audited)',
        params: valuesParams,
        response: { 200: indicatorDraftResponse },
      },
    },
    async (request) => publishDraft(app.deps.db, await acting(request), request.params.id),
  );

  app.delete(
    '/indicators/:id/draft',
    {
      preHandler: guard('indicators:write'),
      schema: {
        tags: ['indicators'],
        summary: 'Discard the draft (audited)',
        params: valuesParams,
        response: { 200: z.object({ id: z.string(), discarded: z.literal(true) }) },
      },
    },
    async (request) => {
      await discardDraft(app.deps.db, await acting(request), request.params.id);
      return { id: request.params.id, discarded: true as const };
    },
  );
};
export default routes;
