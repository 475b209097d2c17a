/**
 * The organisation: committees (read by anyone; changed by administrators, audited), named area
 * groups, and the admins' to-do list of interventions with no responsible committee.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  areaGroupList,
  committee,
  committeeCreateBody,
  committeeIdParams,
  committeeList,
  committeePatchBody,
  responsibilityTodo,
} from '../../../core/contracts/committees.ts';
import { createCommittee, updateCommittee } from '../../../services/committees/commands.ts';
import {
  getCommittee,
  listAreaGroups,
  listCommittees,
  responsibilityTodo as todo,
} from '../../../services/committees/queries.ts';
import { guard } from '../../auth.ts';
import { actingUser } from '../../acting.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/committees',
    {
      schema: {
        tags: ['committees'],
        summary: 'The committees (nämnder, bolagsstyrelser): kind, validity and the areas each answers for',
        response: { 200: committeeList },
      },
    },
    async () => listCommittees(app.deps.db, app.deps.now()),
  );

  app.get(
    '/committees/:id',
    {
      schema: {
        tags: ['committees'],
        summary: 'One committee',
        params: committeeIdParams,
        response: { 200: committee },
      },
    },
    async (request) => getCommittee(app.deps.db, request.params.id, app.deps.now()),
  );

  app.post(
    '/committees',
    {
      preHandler: guard('settings:manage'),
      schema: {
        tags: ['committees'],
        summary: 'Add a committee (administrators; audited)',
        body: committeeCreateBody,
        response: { 200: committee },
      },
    },
    async (request) => {
      const id = await createCommittee(app.deps.db, request.body, {
        user: await actingUser(request),
        now: app.deps.now(),
      });
      return getCommittee(app.deps.db, id, app.deps.now());
    },
  );

  app.patch(
    '/committees/:id',
    {
      preHandler: guard('settings:manage'),
      schema: {
        tags: ['committees'],
        summary:
          'Rename, change kind, retire (validTo) or re-area a committee (administrators; audited; later starts leave it alone)',
        params: committeeIdParams,
        body: committeePatchBody,
        response: { 200: committee },
      },
    },
    async (request) => {
      await updateCommittee(app.deps.db, request.params.id, request.body, {
        user: await actingUser(request),
        now: app.deps.now(),
      });
      return getCommittee(app.deps.db, request.params.id, app.deps.now());
    },
  );

  app.get(
    '/area-groups',
    {
      schema: {
        tags: ['committees'],
        summary: 'Named groups of areas (Järva, ytterstaden, fokusområden i söderort …) with their member areas',
        response: { 200: areaGroupList },
      },
    },
    async () => listAreaGroups(app.deps.db),
  );

  app.get(
    '/committees/todo/responsibility',
    {
      preHandler: guard('settings:manage'),
      schema: {
        tags: ['committees'],
        summary: 'Interventions with no responsible committee ("ansvar saknas"), for administrators',
        querystring: z.object({}),
        response: { 200: responsibilityTodo },
      },
    },
    async () => todo(app.deps.db),
  );
};
export default routes;
