import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import * as s from './schema.ts';
import * as svc from '../../../services/participation.ts';
import type { ProcessRow, ProjectRow } from '../../../db/repositories/participation.ts';
import { assertCanEditAreas, auditActor, canReadDrafts, guard } from '../../auth.ts';
import type { Permission } from '../../../core/access.ts';
import { AppError } from '../../../core/errors.ts';
import { PUBLIC_WRITE_LIMITS, type PublicWrite } from '../../../core/participation/rate.ts';
import { hitRateLimit } from '../../../services/rate-limits.ts';

const processJson = (p: ProcessRow) => ({
  id: p.id,
  name: p.name,
  description: p.description,
  area: `${p.divisionId}:${p.areaCode}`,
  areaName: p.areaName,
  budget: p.budget.toString(),
  rule: p.rule,
  knapsack: p.knapsack,
  maxChoices: p.maxChoices,
  phase: p.phase,
});
const projectJson = (p: ProjectRow) => ({
  id: p.id,
  title: p.title,
  description: p.description,
  cost: p.cost.toString(),
  feasible: p.feasible,
  assessment: p.assessment,
  followUp: p.followUp,
});

// Routes of the participation feature (issue 9). Reading, submitting a proposal, supporting one and
// voting with a code are public; staff work goes through the guard ('participation:moderate' or
// 'participation:manage', scoped to the committee's areas for district editors).
const routes: FastifyPluginAsyncZod = async (app) => {
  const fx = () => ({ now: app.deps.now, randomBytes: app.deps.randomBytes });
  const scoped = async (request: FastifyRequest, area: { divisionId: string; code: string }, permission: Permission) =>
    assertCanEditAreas(request, [area], { permission });
  // Public writes are rate limited per client address (request.ip; behind a proxy set trustProxy). The events are
  // kept in the database (hashed with the address), so the limit holds across several app processes.
  const limited = (kind: PublicWrite) => async (request: FastifyRequest, reply: FastifyReply) => {
    const d = await hitRateLimit(app.deps.db, kind, request.ip, PUBLIC_WRITE_LIMITS[kind], app.deps.now());
    if (!d.allowed) {
      reply.header('retry-after', String(d.retryAfterSeconds));
      throw new AppError('rate_limited', `Too many requests from this address: try again in ${d.retryAfterSeconds} s`);
    }
  };
  const areaOfKey = (key: string) => {
    const i = key.indexOf(':');
    return { divisionId: key.slice(0, i), code: key.slice(i + 1) };
  };

  // ---------------------------------------------------------------- proposals (public)
  app.get(
    '/participation/proposals',
    {
      schema: {
        tags: ['participation'],
        summary: 'Published citizen proposals (medborgarförslag), optionally of one area',
        querystring: s.areaQuery,
        response: { 200: s.proposalList },
      },
    },
    async (request) => ({
      items: await svc.listPublicProposals(app.deps.db, request.query.area),
    }),
  );

  app.get(
    '/participation/proposals/similar',
    {
      schema: {
        tags: ['participation'],
        summary: 'Published proposals similar to a text being typed',
        querystring: s.similarQuery,
        response: { 200: s.similarResponse },
      },
    },
    async (request) => ({
      items: await svc.similarProposals(app.deps.db, request.query.q, request.query.area),
    }),
  );

  app.get(
    '/participation/proposals/:id',
    {
      schema: {
        tags: ['participation'],
        summary: 'One published proposal with its supports and the committee answer',
        params: s.idParams,
        response: { 200: s.publicProposal },
      },
    },
    async (request) => svc.getPublicProposal(app.deps.db, request.params.id),
  );

  app.post(
    '/participation/proposals',
    {
      preHandler: limited('proposal'),
      schema: {
        tags: ['participation'],
        summary: 'Submit a proposal (public; it is published after moderation)',
        body: s.submitBody,
        response: { 200: s.submitResponse },
      },
    },
    async (request) => svc.submitProposal(app.deps.db, request.body, fx()),
  );

  app.post(
    '/participation/proposals/:id/support',
    {
      preHandler: limited('support'),
      schema: {
        tags: ['participation'],
        summary: 'Support a published proposal (public; once per supporter key)',
        params: s.idParams,
        body: s.supportBody,
        response: { 200: s.publicProposal },
      },
    },
    async (request) => svc.supportProposal(app.deps.db, request.params.id, request.body.supporterKey, fx()),
  );

  // ---------------------------------------------------------------- proposals (staff)
  app.get(
    '/participation/staff/proposals',
    {
      preHandler: guard('participation:moderate'),
      schema: {
        tags: ['participation'],
        summary: 'All proposals for moderation (staff)',
        querystring: s.staffProposalQuery,
        response: { 200: s.staffProposalList },
      },
    },
    async (request) => ({
      items: await svc.listStaffProposals(app.deps.db, request.query.status),
    }),
  );

  const proposalArea = (id: string) => svc.proposalArea(app.deps.db, id);

  app.post(
    '/participation/proposals/:id/moderate',
    {
      preHandler: guard('participation:moderate'),
      schema: {
        tags: ['participation'],
        summary: 'Publish or reject a submitted proposal (staff)',
        params: s.idParams,
        body: s.moderateBody,
        response: { 200: s.staffProposal },
      },
    },
    async (request) => {
      await scoped(request, await proposalArea(request.params.id), 'participation:moderate');
      return svc.moderateProposal(app.deps.db, request.params.id, request.body, await auditActor(request), fx());
    },
  );

  app.post(
    '/participation/proposals/:id/answer',
    {
      preHandler: guard('participation:manage'),
      schema: {
        tags: ['participation'],
        summary: "Publish the committee's answer and decision (staff)",
        params: s.idParams,
        body: s.answerBody,
        response: { 200: s.staffProposal },
      },
    },
    async (request) => {
      await scoped(request, await proposalArea(request.params.id), 'participation:manage');
      return svc.answerProposal(app.deps.db, request.params.id, request.body, await auditActor(request), fx());
    },
  );

  app.post(
    '/participation/proposals/:id/interventions',
    {
      preHandler: guard('participation:manage'),
      schema: {
        tags: ['participation'],
        summary: 'Link a proposal to an intervention it led to (staff)',
        params: s.idParams,
        body: s.linkBody,
        response: { 200: s.staffProposal },
      },
    },
    async (request) => {
      await scoped(request, await proposalArea(request.params.id), 'participation:manage');
      return svc.linkProposal(
        app.deps.db,
        request.params.id,
        request.body.interventionId,
        await auditActor(request),
        fx(),
      );
    },
  );

  app.put(
    '/participation/thresholds',
    {
      preHandler: guard('participation:manage'),
      schema: {
        tags: ['participation'],
        summary: "Set an area's support threshold and period (staff)",
        body: s.thresholdBody,
        response: { 200: s.okResponse },
      },
    },
    async (request) => {
      await scoped(request, areaOfKey(request.body.area), 'participation:manage');
      await svc.setThreshold(
        app.deps.db,
        request.body.area,
        request.body.supports,
        request.body.periodDays,
        await auditActor(request),
        fx(),
      );
      return { ok: true as const };
    },
  );

  // ---------------------------------------------------------------- dialogues
  app.get(
    '/participation/dialogues',
    {
      schema: {
        tags: ['participation'],
        summary: 'The register of citizen dialogues, by area and goal area',
        querystring: s.dialogueQuery,
        response: { 200: s.dialogueList },
      },
    },
    async (request) => ({
      items: await svc.listDialogues(app.deps.db, request.query),
    }),
  );

  app.post(
    '/participation/dialogues',
    {
      preHandler: guard('participation:manage'),
      schema: {
        tags: ['participation'],
        summary: 'Record a dialogue (staff)',
        body: s.dialogueBody,
        response: { 200: s.createdResponse },
      },
    },
    async (request) => {
      await scoped(request, areaOfKey(request.body.area), 'participation:manage');
      return svc.addDialogue(app.deps.db, request.body, await auditActor(request), fx());
    },
  );

  // ---------------------------------------------------------------- participatory budgeting
  app.get(
    '/participation/processes',
    {
      schema: {
        tags: ['participation'],
        summary: 'Participatory budgeting processes',
        response: { 200: s.processList },
      },
    },
    async () => ({
      items: (await svc.listProcesses(app.deps.db)).map(processJson),
    }),
  );

  app.get(
    '/participation/processes/:id',
    {
      schema: {
        tags: ['participation'],
        summary: 'A process with its projects',
        params: s.idParams,
        response: { 200: s.processDetail },
      },
    },
    async (request) => {
      const { process, projects } = await svc.getProcess(app.deps.db, request.params.id);
      return { process: processJson(process), projects: projects.map(projectJson) };
    },
  );

  app.post(
    '/participation/processes',
    {
      preHandler: guard('participation:manage'),
      schema: {
        tags: ['participation'],
        summary: 'Create a process (staff)',
        body: s.processBody,
        response: { 200: s.processSummary },
      },
    },
    async (request) => {
      await scoped(request, areaOfKey(request.body.area), 'participation:manage');
      const b = request.body;
      return processJson(
        await svc.createProcess(app.deps.db, { ...b, budget: BigInt(b.budget) }, await auditActor(request), fx()),
      );
    },
  );

  app.post(
    '/participation/processes/:id/phase',
    {
      preHandler: guard('participation:manage'),
      schema: {
        tags: ['participation'],
        summary: 'Move a process to a phase (staff)',
        params: s.idParams,
        body: s.phaseBody,
        response: { 200: s.processSummary },
      },
    },
    async (request) => {
      await scoped(request, await svc.processArea(app.deps.db, request.params.id), 'participation:manage');
      return processJson(
        await svc.setPhase(app.deps.db, request.params.id, request.body.phase, await auditActor(request), fx()),
      );
    },
  );

  app.put(
    '/participation/processes/:id/projects/:projectId',
    {
      preHandler: guard('participation:manage'),
      schema: {
        tags: ['participation'],
        summary: 'Add or update a project: cost, feasibility assessment, follow-up (staff)',
        params: s.projectParams,
        body: s.projectBody,
        response: { 200: s.project },
      },
    },
    async (request) => {
      await scoped(request, await svc.processArea(app.deps.db, request.params.id), 'participation:manage');
      const b = request.body;
      const row = await svc.saveProject(
        app.deps.db,
        request.params.id,
        { ...b, id: request.params.projectId, cost: BigInt(b.cost) },
        await auditActor(request),
        fx(),
      );
      return projectJson(row);
    },
  );

  app.post(
    '/participation/processes/:id/codes',
    {
      preHandler: guard('participation:manage'),
      schema: {
        tags: ['participation'],
        summary: 'Generate single-use voting codes for printing (staff; shown once, only hashes are kept)',
        params: s.idParams,
        body: s.codesBody,
        response: { 200: s.codesResponse },
      },
    },
    async (request) => {
      await scoped(request, await svc.processArea(app.deps.db, request.params.id), 'participation:manage');
      return svc.generateCodes(app.deps.db, request.params.id, request.body.count, await auditActor(request), fx());
    },
  );

  app.get(
    '/participation/processes/:id/codes',
    {
      preHandler: guard('participation:manage'),
      schema: {
        tags: ['participation'],
        summary: 'How many codes exist and how many are used (staff)',
        params: s.idParams,
        response: { 200: s.codeStatusResponse },
      },
    },
    async (request) => svc.codeStatus(app.deps.db, request.params.id),
  );

  app.post(
    '/participation/processes/:id/ballots',
    {
      preHandler: limited('ballot'),
      schema: {
        tags: ['participation'],
        summary: 'Vote with a single-use code (public). The ballot is stored without any link to the code.',
        params: s.idParams,
        body: s.ballotBody,
        response: { 200: s.okResponse },
      },
    },
    async (request) => svc.castBallot(app.deps.db, request.params.id, request.body, fx()),
  );

  app.post(
    '/participation/processes/:id/paper-ballots',
    {
      preHandler: guard('participation:manage'),
      bodyLimit: 6 * 1024 * 1024,
      schema: {
        tags: ['participation'],
        summary: 'Import paper ballots from CSV (column "projects"), all or nothing (staff)',
        params: s.idParams,
        body: s.paperBody,
        response: { 200: s.paperResponse },
      },
    },
    async (request) => {
      await scoped(request, await svc.processArea(app.deps.db, request.params.id), 'participation:manage');
      return svc.importPaperBallots(
        app.deps.db,
        request.params.id,
        request.body.content,
        request.body.fileName,
        await auditActor(request),
        fx(),
      );
    },
  );

  app.get(
    '/participation/processes/:id/results',
    {
      schema: {
        tags: ['participation'],
        summary: 'Results: winners by the rule of the process, votes per project, money used',
        params: s.idParams,
        response: { 200: s.resultsResponse },
      },
    },
    async (request) => {
      const r = await svc.getResults(app.deps.db, request.params.id, { staff: await canReadDrafts(request) });
      return {
        process: processJson(r.process),
        rule: r.result.rule,
        budget: r.result.budget.toString(),
        ballots: r.result.ballots,
        paperBallots: r.paperBallots,
        winners: r.result.outcome.winners,
        order: r.result.outcome.order,
        totalCost: r.result.outcome.totalCost.toString(),
        left: r.result.left.toString(),
        projects: r.result.projects.map((p) => ({
          id: p.id,
          title: r.titles[p.id] ?? p.id,
          votes: p.votes,
          cost: p.cost.toString(),
          selected: p.selected,
          rank: p.rank,
        })),
      };
    },
  );

  app.get(
    '/participation/processes/:id/export.pb',
    {
      schema: {
        tags: ['participation'],
        summary: 'The process and its ballots as a pabulib .pb file (anyone can recount it)',
        params: s.idParams,
      },
    },
    async (request, reply) => {
      const text = await svc.exportPb(app.deps.db, request.params.id, { staff: await canReadDrafts(request) });
      reply.header('content-type', 'text/plain; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="${request.params.id}.pb"`);
      return text;
    },
  );

  app.get(
    '/participation/taking-part',
    {
      schema: {
        tags: ['participation'],
        summary:
          'Who takes part: per area, ballots, dialogue participants, proposals and supports against the population',
        response: { 200: s.takingPartResponse },
      },
    },
    async () => ({
      ...(await svc.whoTakesPart(app.deps.db)),
    }),
  );
};
export default routes;
