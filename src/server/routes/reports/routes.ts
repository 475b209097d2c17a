/**
 * The reporting cycle over HTTP: validate → call the service command or read model → present.
 * Reports are staff reading (drafts:read); every write goes through a command that authorises inside
 * its transaction (the guard only turns away requests that could never be allowed).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { currentUser, guard } from '../../auth.ts';
import { actingUser } from '../../acting.ts';
import { actingIn, type Acting } from '../../../services/acting.ts';
import {
  addComment,
  copyForward,
  createReport,
  patchSection,
  setAssessment,
  setSectionState,
  takeAction,
} from '../../../services/reports/commands.ts';
import { listReportSummaries, readReportModel, todoOf } from '../../../services/reports/read.ts';
import { reportsTodoOf } from '../../../services/reports/todo.ts';
import { approveCityReport, getCityReport } from '../../../services/reports/city.ts';
import { exportCityReport, exportReport } from '../../../services/reports/export.ts';
import {
  AssessmentBody,
  AssessmentParams,
  CityApproveBody,
  CityApproveResponse,
  CityReport,
  CommentBody,
  CreateReportBody,
  CreatedResponse,
  ExportQuery,
  LangQuery,
  OkResponse,
  PeriodParams,
  Report,
  ReportParams,
  ReportsQuery,
  ReportsResponse,
  SectionParams,
  SectionPatchBody,
  SectionStateBody,
  TodoResponse,
  TransitionBody,
  ReportComment,
} from '../../../core/contracts/reports.ts';
import settingsRoutes from './settings.ts';

/** The viewer of a read: what they may do with the report is part of the answer. */
async function viewer(request: FastifyRequest): Promise<Acting> {
  return actingIn(request.server.deps.db, await actingUser(request));
}

const stockholmDay = (d: Date): string => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(d);

const routes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.db, now: () => app.deps.now() };
  const tags = ['reports'];
  const read = guard('drafts:read');
  const write = guard('reports:write');

  app.get(
    '/reports',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Reports, by period and committee',
        querystring: ReportsQuery,
        response: { 200: ReportsResponse },
      },
    },
    async (request) => ({
      reports: await listReportSummaries(app.deps.db, {
        periodId: request.query.period,
        committeeId: request.query.committee,
      }),
    }),
  );

  app.post(
    '/reports',
    {
      preHandler: write,
      schema: {
        tags,
        summary: "Create a committee's report for a period from its kind's template",
        body: CreateReportBody,
        response: { 200: CreatedResponse },
      },
    },
    async (request) => ({ id: await createReport(deps, await actingUser(request), request.body) }),
  );

  app.get(
    '/reports/todo',
    {
      preHandler: read,
      schema: {
        tags,
        summary:
          'My to-do list (Att göra): sections and assessments assigned to me, reports due for my committees, reports waiting for my approval',
        response: { 200: TodoResponse },
      },
    },
    async (request) => {
      const user = await currentUser(request);
      const today = stockholmDay(app.deps.now());
      const mine = user ? await todoOf(app.deps.db, user.id, today) : { items: [] };
      return { ...mine, ...(await reportsTodoOf(app.deps.db, (await viewer(request)).actor, today)) };
    },
  );

  app.get(
    '/reports/city/:id',
    {
      preHandler: read,
      schema: {
        tags,
        summary:
          "Kommunstyrelsen's city report for a period: approved reports, status summaries, money against need; frozen once approved (fastställd)",
        params: PeriodParams,
        response: { 200: CityReport },
      },
    },
    async (request) =>
      getCityReport(app.deps.db, request.params.id, { actor: (await viewer(request)).actor, now: app.deps.now() }),
  );

  app.get(
    '/reports/city/:id/export',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'The city report as HTML, PDF or DOCX (the same content as the API: frozen once approved)',
        params: PeriodParams,
        querystring: ExportQuery.extend(LangQuery.shape),
      },
    },
    async (request, reply) => {
      const file = await exportCityReport(app.deps.db, request.params.id, request.query.format, {
        lang: request.query.lang,
        now: app.deps.now(),
      });
      reply.header('content-type', file.contentType);
      reply.header('content-disposition', `attachment; filename="${file.filename}"`);
      return reply.send(file.body);
    },
  );

  app.post(
    '/reports/city/:id/approve',
    {
      preHandler: guard('reports:approve'),
      schema: {
        tags,
        summary:
          "Fastställ the period's city report: its content is frozen as it is now (once per period; 409 when already approved)",
        params: PeriodParams,
        body: CityApproveBody,
        response: { 200: CityApproveResponse },
      },
    },
    async (request) => approveCityReport(deps, await actingUser(request), request.params.id, request.body ?? {}),
  );

  app.get(
    '/reports/:id',
    {
      preHandler: read,
      schema: {
        tags,
        summary:
          'One report: sections with generated figures (frozen when approved), texts, comments, versions, what I may do',
        params: ReportParams,
        response: { 200: Report },
      },
    },
    async (request) => {
      const a = await viewer(request);
      return readReportModel(app.deps.db, request.params.id, a);
    },
  );

  app.get(
    '/reports/:id/export',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'The report as accessible HTML, tagged PDF or DOCX',
        params: ReportParams,
        querystring: ExportQuery.extend(LangQuery.shape),
      },
    },
    async (request, reply) => {
      const file = await exportReport(app.deps.db, request.params.id, request.query.format, {
        lang: request.query.lang,
        now: app.deps.now(),
        viewer: await viewer(request),
      });
      reply.header('content-type', file.contentType);
      reply.header('content-disposition', `attachment; filename="${file.filename}"`);
      return reply.send(file.body);
    },
  );

  app.post(
    '/reports/:id/copy-forward',
    {
      preHandler: write,
      schema: {
        tags,
        summary:
          "Create the next period's report with structure, assignments and texts carried over (figures refreshed)",
        params: ReportParams,
        response: { 200: CreatedResponse },
      },
    },
    async (request) => ({ id: await copyForward(deps, await actingUser(request), request.params.id) }),
  );

  app.post(
    '/reports/:id/transition',
    {
      preHandler: write,
      schema: {
        tags,
        summary:
          'submit (utkast → klar), return (klar → utkast), approve (klar → godkänd), new_version (godkänd → utkast, version + 1)',
        params: ReportParams,
        body: TransitionBody,
        response: { 200: OkResponse },
      },
    },
    async (request) => {
      await takeAction(deps, await actingUser(request), request.params.id, request.body.action);
      return { ok: true as const };
    },
  );

  app.patch(
    '/reports/:id/sections/:key',
    {
      preHandler: write,
      schema: {
        tags,
        summary: "Change a section's text, reporter or deadline",
        params: SectionParams,
        body: SectionPatchBody,
        response: { 200: OkResponse },
      },
    },
    async (request) => {
      await patchSection(deps, await actingUser(request), request.params.id, request.params.key, request.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/reports/:id/sections/:key/state',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'Mark a written section ready (klar) or back to draft (utkast)',
        params: SectionParams,
        body: SectionStateBody,
        response: { 200: OkResponse },
      },
    },
    async (request) => {
      await setSectionState(deps, await actingUser(request), request.params.id, request.params.key, request.body.state);
      return { ok: true as const };
    },
  );

  app.post(
    '/reports/:id/sections/:key/comments',
    {
      preHandler: write,
      schema: {
        tags,
        summary: 'Comment on a section',
        params: SectionParams,
        body: CommentBody,
        response: { 200: ReportComment },
      },
    },
    async (request) =>
      addComment(deps, await actingUser(request), request.params.id, request.params.key, request.body.body),
  );

  app.put(
    '/reports/:id/assessments/:targetId',
    {
      preHandler: write,
      schema: {
        tags,
        summary: "The committee's own assessment of a target for the report's period",
        params: AssessmentParams,
        body: AssessmentBody,
        response: { 200: OkResponse },
      },
    },
    async (request) => {
      await setAssessment(deps, await actingUser(request), request.params.id, request.params.targetId, request.body);
      return { ok: true as const };
    },
  );

  await settingsRoutes(app, {});
};

export default routes;
