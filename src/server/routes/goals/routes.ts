import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assessmentYear, getGoalsTree, getTargetDetail } from '../../../services/goals.ts';
import { goalsResponse, targetParams, targetResponse } from './schema.ts';
import { canReadDrafts } from '../../auth.ts';

// Routes of the goals feature: the goal tree with computed status, and one target in detail.
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/goals',
    {
      schema: {
        tags: ['goals'],
        summary: 'The goal framework as a tree (goal area → strategy → target) with the computed status of every target and counts per goal area',
        response: { 200: goalsResponse },
      },
    },
    async (request) => getGoalsTree(app.deps.db, assessmentYear(app.deps.now()), { includeDrafts: await canReadDrafts(request) }),
  );

  app.get(
    '/targets/:id',
    {
      schema: {
        tags: ['goals'],
        summary: 'One target: observed series, the path to the target, the projection, the status and its reason, areas furthest behind, linked interventions',
        params: targetParams,
        response: { 200: targetResponse },
      },
    },
    async (request) => getTargetDetail(app.deps.db, request.params.id, assessmentYear(app.deps.now()), { includeDrafts: await canReadDrafts(request) }),
  );
};
export default routes;
