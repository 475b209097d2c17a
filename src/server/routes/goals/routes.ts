import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  assessmentYear,
  changeItem,
  createCommitment,
  createGoalArea,
  createStrategy,
  createTarget,
  getGoalsTree,
  getTargetDetail,
  getVersions,
  listSyncConflicts,
  setManualStatus,
} from '../../../services/goals/index.ts';
import {
  changeResponse,
  type ChangeResult,
  commitmentChangeBody,
  commitmentCreateBody,
  frameworkItemParams,
  goalAreaChangeBody,
  goalAreaCreateBody,
  goalsQuery,
  goalsResponse,
  manualStatusBody,
  manualStatusResponse,
  strategyChangeBody,
  strategyCreateBody,
  syncConflictsResponse,
  targetChangeBody,
  targetCreateBody,
  targetParams,
  targetResponse,
  versionsResponse,
} from '../../../core/contracts/goals.ts';
import { canReadDrafts, guard } from '../../auth.ts';
import { actingUser } from '../../acting.ts';
import type { ActingUser } from '../../../services/acting.ts';
import type { Database } from '../../../db/database.ts';

/** The year a status is assessed in: the asOf date's year, or now's (Stockholm time). */
function yearFor(asOf: string | undefined, now: Date): number {
  return asOf ? Number(asOf.slice(0, 4)) : assessmentYear(now);
}

// Routes of the goals slice: the tree and targets with computed status (optionally as of a date), the
// versions of every item, the edit commands, manual assessments, and the framework sync's conflicts.
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/goals',
    {
      schema: {
        tags: ['goals'],
        summary:
          'The goal framework as a tree (goal area → strategy → target) with computed statuses, commitments with statuses derived from their targets, and counts',
        querystring: goalsQuery,
        response: { 200: goalsResponse },
      },
    },
    async (request) =>
      getGoalsTree(app.deps.db, yearFor(request.query.asOf, app.deps.now()), {
        includeDrafts: await canReadDrafts(request),
        asOf: request.query.asOf ?? null,
      }),
  );

  app.get(
    '/targets/:id',
    {
      schema: {
        tags: ['goals'],
        summary:
          'One target: observed series, the path to the target, the projection, the status and its reason, each area for every-area targets, linked interventions',
        params: targetParams,
        querystring: goalsQuery,
        response: { 200: targetResponse },
      },
    },
    async (request) =>
      getTargetDetail(app.deps.db, request.params.id, yearFor(request.query.asOf, app.deps.now()), {
        includeDrafts: await canReadDrafts(request),
        asOf: request.query.asOf ?? null,
      }),
  );

  app.get(
    '/goals/sync-conflicts',
    {
      preHandler: guard('goals:write'),
      schema: {
        tags: ['goals'],
        summary:
          'Items changed in data/framework that were not applied on start because they had been edited in the app',
        response: { 200: syncConflictsResponse },
      },
    },
    async () => listSyncConflicts(app.deps.db),
  );

  // Creating an item of the framework: a draft, version 1, with the decision it rests on.
  const creates = [
    {
      path: '/targets',
      permission: 'targets:write',
      summary: 'Create a target (in the framework shape), with the decision it rests on; it starts as a draft',
      body: targetCreateBody,
      run: createTarget,
    },
    {
      path: '/commitments',
      permission: 'goals:write',
      summary: 'Create a commitment in a reform area, with the decision it rests on; it starts as a draft',
      body: commitmentCreateBody,
      run: createCommitment,
    },
    {
      path: '/goal-areas',
      permission: 'goals:write',
      summary: 'Create a goal area of the roadmap, with the decision it rests on; it starts as a draft',
      body: goalAreaCreateBody,
      run: createGoalArea,
    },
    {
      path: '/strategies',
      permission: 'goals:write',
      summary: 'Create a strategy in a goal area of the roadmap, with the decision it rests on; it starts as a draft',
      body: strategyCreateBody,
      run: createStrategy,
    },
  ] as const;
  for (const c of creates) {
    app.post(
      c.path,
      {
        preHandler: guard(c.permission),
        schema: { tags: ['goals'], summary: c.summary, body: c.body, response: { 200: changeResponse } },
      },
      async (request) =>
        (c.run as (db: Database, u: ActingUser | null, input: unknown, now: Date) => Promise<ChangeResult>)(
          app.deps.db,
          await actingUser(request),
          request.body,
          app.deps.now(),
        ),
    );
  }

  const kinds = [
    ['target', 'targets', 'targets:write', targetChangeBody],
    ['commitment', 'commitments', 'goals:write', commitmentChangeBody],
    ['goal_area', 'goal-areas', 'goals:write', goalAreaChangeBody],
    ['strategy', 'strategies', 'goals:write', strategyChangeBody],
  ] as const;
  for (const [kind, path, permission, body] of kinds) {
    app.patch(
      `/${path}/:id`,
      {
        preHandler: guard(permission),
        schema: {
          tags: ['goals'],
          summary: `Change a ${kind.replace('_', ' ')}: its content (with a decision reference), publication, or retirement; kept as a new version`,
          params: frameworkItemParams,
          body: body as z.ZodType<Record<string, unknown>>,
          response: { 200: changeResponse },
        },
      },
      async (request) =>
        changeItem(app.deps.db, await actingUser(request), kind, request.params.id, request.body, app.deps.now()),
    );
    app.get(
      `/${path}/:id/versions`,
      {
        schema: {
          tags: ['goals'],
          summary: `Every version of a ${kind.replace('_', ' ')}: who, when, the decision, and the full item`,
          params: frameworkItemParams,
          response: { 200: versionsResponse },
        },
      },
      async (request) => getVersions(app.deps.db, kind, request.params.id, await canReadDrafts(request)),
    );
  }

  for (const [kind, path, permission] of [
    ['target', 'targets', 'targets:write'],
    ['commitment', 'commitments', 'goals:write'],
  ] as const) {
    app.post(
      `/${path}/:id/manual-status`,
      {
        preHandler: guard(permission),
        schema: {
          tags: ['goals'],
          summary: `Record a manual assessment of a ${kind} (status, text, date, by whom; the history is kept and the latest applies)`,
          params: frameworkItemParams,
          body: manualStatusBody,
          response: { 200: manualStatusResponse },
        },
      },
      async (request) =>
        setManualStatus(app.deps.db, await actingUser(request), kind, request.params.id, request.body, app.deps.now()),
    );
  }
};
export default routes;
