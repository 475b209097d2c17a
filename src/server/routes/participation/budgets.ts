/** Routes of participatory budgeting: processes, phases, projects, codes, ballots, results, export. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as c from '../../../core/contracts/participation.ts';
import * as svc from '../../../services/participation/index.ts';
import { guard } from '../../auth.ts';
import { actingUser } from '../../acting.ts';
import { effects, rateLimiter, TAG } from './common.ts';

const budgetRoutes: FastifyPluginAsyncZod = async (app) => {
  const fx = () => effects(app);
  const limited = rateLimiter(app);
  const { processJson, projectJson } = svc;
  // ballots waiting in the mix are written before the server stops
  app.addHook('onClose', async () => svc.ballotMix(app.deps.db, fx()).flushAll());

  app.get(
    '/participation/processes',
    { schema: { tags: TAG, summary: 'Participatory budgeting processes', response: { 200: c.processList } } },
    async () => ({ items: (await svc.listProcesses(app.deps.db)).map(processJson) }),
  );

  app.get(
    '/participation/processes/:id',
    {
      schema: {
        tags: TAG,
        summary: 'A process with its projects',
        params: c.idParams,
        response: { 200: c.processDetail },
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
        tags: TAG,
        summary: 'Create a process (staff)',
        body: c.processBody,
        response: { 200: c.processSummary },
      },
    },
    async (request) => processJson(await svc.createProcess(app.deps.db, request.body, await actingUser(request), fx())),
  );

  app.post(
    '/participation/processes/:id/phase',
    {
      preHandler: guard('participation:manage'),
      schema: {
        tags: TAG,
        summary:
          'Move a process to its next phase (staff). No way back once voting has opened, except the correction closed → voting with a reason (audited).',
        params: c.idParams,
        body: c.phaseBody,
        response: { 200: c.processSummary },
      },
    },
    async (request) =>
      processJson(await svc.setPhase(app.deps.db, request.params.id, request.body, await actingUser(request), fx())),
  );

  app.put(
    '/participation/processes/:id/projects/:projectId',
    {
      preHandler: guard('participation:manage'),
      schema: {
        tags: TAG,
        summary: 'Add or update a project before voting; afterwards only its follow-up (staff)',
        params: c.projectParams,
        body: c.projectBody,
        response: { 200: c.project },
      },
    },
    async (request) =>
      projectJson(
        await svc.saveProject(
          app.deps.db,
          request.params.id,
          request.params.projectId,
          request.body,
          await actingUser(request),
          fx(),
        ),
      ),
  );

  app.post(
    '/participation/processes/:id/codes',
    {
      preHandler: guard('participation:manage'),
      schema: {
        tags: TAG,
        summary: 'Generate single-use voting codes for printing (staff; shown once, only hashes are kept)',
        params: c.idParams,
        body: c.codesBody,
        response: { 200: c.codesResponse },
      },
    },
    async (request) =>
      svc.generateCodes(app.deps.db, request.params.id, request.body.count, await actingUser(request), fx()),
  );

  app.get(
    '/participation/processes/:id/codes',
    {
      preHandler: guard('participation:manage'),
      schema: {
        tags: TAG,
        summary: "How many codes exist and how many are used (staff of the process's area)",
        params: c.idParams,
        response: { 200: c.codeStatusResponse },
      },
    },
    async (request) => svc.codeStatus(app.deps.db, request.params.id, await actingUser(request)),
  );

  app.post(
    '/participation/processes/:id/ballots',
    {
      preHandler: limited('ballot'),
      schema: {
        tags: TAG,
        summary:
          'Vote with a single-use code (public). The code is used in one transaction; the ballot is written in a shuffled batch by another, with no link to the code.',
        params: c.idParams,
        body: c.ballotBody,
        response: { 200: c.okResponse },
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
        tags: TAG,
        summary: 'Import paper ballots from CSV (column "projects"), all or nothing (staff)',
        params: c.idParams,
        body: c.paperBody,
        response: { 200: c.paperResponse },
      },
    },
    async (request) =>
      svc.importPaperBallots(app.deps.db, request.params.id, request.body, await actingUser(request), fx()),
  );

  app.get(
    '/participation/processes/:id/results',
    {
      schema: {
        tags: TAG,
        summary:
          'Results: winners by the rule of the process, votes per project, money used. Public once published; frozen (stored, not recomputed) from closing on.',
        params: c.idParams,
        response: { 200: c.resultsResponse },
      },
    },
    async (request) => svc.getResults(app.deps.db, request.params.id, await actingUser(request)),
  );

  app.get(
    '/participation/processes/:id/export.pb',
    {
      schema: {
        tags: TAG,
        summary: 'The process and its ballots as a pabulib .pb file (anyone can recount it once published)',
        params: c.idParams,
      },
    },
    async (request, reply) => {
      const text = await svc.exportPb(app.deps.db, request.params.id, await actingUser(request));
      reply.header('content-type', 'text/plain; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="${request.params.id}.pb"`);
      return text;
    },
  );

  app.get(
    '/participation/taking-part',
    {
      schema: {
        tags: TAG,
        summary:
          'Who takes part: per area, ballots (of published processes), dialogue participants, proposals and supports against the population',
        response: { 200: c.takingPartResponse },
      },
    },
    async () => svc.whoTakesPart(app.deps.db),
  );
};
export default budgetRoutes;
