/** Routes of citizen proposals, supports, thresholds, support codes and dialogues. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as c from '../../../core/contracts/participation.ts';
import * as svc from '../../../services/participation/index.ts';
import { guard } from '../../auth.ts';
import { actingUser } from '../../acting.ts';
import { effects, rateLimiter, TAG } from './common.ts';

const proposalRoutes: FastifyPluginAsyncZod = async (app) => {
  const fx = () => effects(app);
  const limited = rateLimiter(app);

  app.get(
    '/participation/proposals',
    {
      schema: {
        tags: TAG,
        summary: 'Published citizen proposals (medborgarförslag), optionally of one area',
        querystring: c.areaQuery,
        response: { 200: c.proposalList },
      },
    },
    async (request) => ({ items: await svc.listPublicProposals(app.deps.db, request.query.area) }),
  );

  app.get(
    '/participation/proposals/similar',
    {
      schema: {
        tags: TAG,
        summary: 'Published proposals similar to a text being typed',
        querystring: c.similarQuery,
        response: { 200: c.similarResponse },
      },
    },
    async (request) => ({ items: await svc.similarProposals(app.deps.db, request.query.q, request.query.area) }),
  );

  app.get(
    '/participation/proposals/:id',
    {
      schema: {
        tags: TAG,
        summary: 'One published proposal with its supports and the committee answer',
        params: c.idParams,
        response: { 200: c.publicProposal },
      },
    },
    async (request) => svc.getPublicProposal(app.deps.db, request.params.id),
  );

  app.post(
    '/participation/proposals',
    {
      preHandler: limited('proposal'),
      schema: {
        tags: TAG,
        summary: 'Submit a proposal (public; it is published after moderation)',
        body: c.submitBody,
        response: { 200: c.submitResponse },
      },
    },
    async (request) => svc.submitProposal(app.deps.db, request.body, fx()),
  );

  app.post(
    '/participation/proposals/:id/support',
    {
      preHandler: limited('support'),
      schema: {
        tags: TAG,
        summary: "Support a published proposal (public; with a resident's one-time code, once per proposal)",
        params: c.idParams,
        body: c.supportBody,
        response: { 200: c.publicProposal },
      },
    },
    async (request) => svc.supportProposal(app.deps.db, request.params.id, request.body, fx()),
  );

  app.get(
    '/participation/staff/proposals',
    {
      preHandler: guard('participation:moderate'),
      schema: {
        tags: TAG,
        summary: 'Proposals for moderation (staff; district editors see their committee’s areas)',
        querystring: c.staffProposalQuery,
        response: { 200: c.staffProposalList },
      },
    },
    async (request) => ({
      items: await svc.listStaffProposals(app.deps.db, request.query.status, await actingUser(request)),
    }),
  );

  app.post(
    '/participation/proposals/:id/moderate',
    {
      preHandler: guard('participation:moderate'),
      schema: {
        tags: TAG,
        summary: 'Publish or reject a submitted proposal (staff)',
        params: c.idParams,
        body: c.moderateBody,
        response: { 200: c.staffProposal },
      },
    },
    async (request) =>
      svc.moderateProposal(app.deps.db, request.params.id, request.body, await actingUser(request), fx()),
  );

  app.post(
    '/participation/proposals/:id/answer',
    {
      preHandler: guard('participation:manage'),
      schema: {
        tags: TAG,
        summary: "Publish the committee's answer and decision (staff)",
        params: c.idParams,
        body: c.answerBody,
        response: { 200: c.staffProposal },
      },
    },
    async (request) =>
      svc.answerProposal(app.deps.db, request.params.id, request.body, await actingUser(request), fx()),
  );

  app.post(
    '/participation/proposals/:id/interventions',
    {
      preHandler: guard('participation:manage'),
      schema: {
        tags: TAG,
        summary: 'Link a proposal to an intervention it led to (staff)',
        params: c.idParams,
        body: c.linkBody,
        response: { 200: c.staffProposal },
      },
    },
    async (request) =>
      svc.linkProposal(app.deps.db, request.params.id, request.body.interventionId, await actingUser(request), fx()),
  );

  app.put(
    '/participation/thresholds',
    {
      preHandler: guard('participation:manage'),
      schema: {
        tags: TAG,
        summary: "Set an area's support threshold, period and how supports are verified (staff)",
        body: c.thresholdBody,
        response: { 200: c.okResponse },
      },
    },
    async (request) => {
      await svc.setThreshold(app.deps.db, request.body, await actingUser(request), fx());
      return { ok: true as const };
    },
  );

  app.post(
    '/participation/support-codes',
    {
      preHandler: guard('participation:manage'),
      schema: {
        tags: TAG,
        summary: "Generate residents' one-time support codes for an area (staff; shown once, only hashes are kept)",
        body: c.supportCodesBody,
        response: { 200: c.supportCodesResponse },
      },
    },
    async (request) =>
      svc.generateSupportCodes(app.deps.db, request.body.area, request.body.count, await actingUser(request), fx()),
  );

  app.get(
    '/participation/dialogues',
    {
      schema: {
        tags: TAG,
        summary: 'The register of citizen dialogues, by area and goal area',
        querystring: c.dialogueQuery,
        response: { 200: c.dialogueList },
      },
    },
    async (request) => ({ items: await svc.listDialogues(app.deps.db, request.query) }),
  );

  app.post(
    '/participation/dialogues',
    {
      preHandler: guard('participation:manage'),
      schema: {
        tags: TAG,
        summary: 'Record a dialogue (staff; district editors in their committee’s areas)',
        body: c.dialogueBody,
        response: { 200: c.createdResponse },
      },
    },
    async (request) => svc.addDialogue(app.deps.db, request.body, await actingUser(request), fx()),
  );
};
export default proposalRoutes;
