import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assessmentYear, getGoalsTree, getTargetDetail } from '../../../services/goals.ts';
import {
  frameworkItemParams,
  goalsResponse,
  manualStatusBody,
  manualStatusResponse,
  publicationBody,
  publicationResponse,
  targetParams,
  targetResponse,
} from './schema.ts';
import { auditActor, canReadDrafts, guard } from '../../auth.ts';
import { setManualStatus, setPublication, type FrameworkItemKind } from '../../../services/goals-edit.ts';

// Routes of the goals feature: the goal tree with computed status, and one target in detail.
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/goals',
    {
      schema: {
        tags: ['goals'],
        summary:
          'The goal framework as a tree (goal area → strategy → target) with the computed status of every target and counts per goal area',
        response: { 200: goalsResponse },
      },
    },
    async (request) =>
      getGoalsTree(app.deps.db, assessmentYear(app.deps.now()), { includeDrafts: await canReadDrafts(request) }),
  );

  app.get(
    '/targets/:id',
    {
      schema: {
        tags: ['goals'],
        summary:
          'One target: observed series, the path to the target, the projection, the status and its reason, areas furthest behind, linked interventions',
        params: targetParams,
        response: { 200: targetResponse },
      },
    },
    async (request) =>
      getTargetDetail(app.deps.db, request.params.id, assessmentYear(app.deps.now()), {
        includeDrafts: await canReadDrafts(request),
      }),
  );

  // Writes: manual statuses (for what has no indicator) and publishing, for targets and commitments.
  for (const [kind, path, permission] of [
    ['target', 'targets', 'targets:write'],
    ['commitment', 'commitments', 'goals:write'],
  ] as const satisfies readonly (readonly [FrameworkItemKind, string, 'targets:write' | 'goals:write'])[]) {
    app.post(
      `/${path}/:id/manual-status`,
      {
        preHandler: guard(permission),
        schema: {
          tags: ['goals'],
          summary: `Set the manual status of a ${kind} (dated and signed; the history is kept and the latest applies)`,
          params: frameworkItemParams,
          body: manualStatusBody,
          response: { 200: manualStatusResponse },
        },
      },
      async (request) =>
        setManualStatus(app.deps.db, kind, request.params.id, request.body, {
          actor: await auditActor(request),
          now: app.deps.now(),
        }),
    );
    app.patch(
      `/${path}/:id`,
      {
        preHandler: guard(permission),
        schema: {
          tags: ['goals'],
          summary: `Publish or unpublish a ${kind} (the public sees published items only)`,
          params: frameworkItemParams,
          body: publicationBody,
          response: { 200: publicationResponse },
        },
      },
      async (request) =>
        setPublication(app.deps.db, kind, request.params.id, request.body.publication, {
          actor: await auditActor(request),
          now: app.deps.now(),
        }),
    );
  }
};
export default routes;
