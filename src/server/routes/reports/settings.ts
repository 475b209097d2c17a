/** The reporting cycle's settings and look-ups: period dates, approver roles, committees, reporters, assessment history. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { guard } from '../../auth.ts';
import { setApproverRole, setPeriodDates, setTemplate } from '../../../services/reports/settings.ts';
import {
  approverRoleOf,
  assessmentHistory,
  listPeriodsOf,
  reportersOf,
  reportingCommittees,
  templateFor,
} from '../../../services/reports/read.ts';
import {
  AssessmentHistoryResponse,
  CommitteesResponse,
  PeriodBody,
  PeriodParams,
  PeriodsQuery,
  PeriodsResponse,
  ReportParams,
  ReportPeriod,
  ReportersResponse,
  SettingsBody,
  SettingsParams,
  SettingsResponse,
  TemplateBody,
  TemplateParams,
  TemplateResponse,
} from '../../../core/contracts/reports.ts';
import { actingUser } from '../../acting.ts';
import { actingIn } from '../../../services/acting.ts';
import { stockholmDate } from '../../../core/time.ts';

const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.db, now: () => app.deps.now() };
  const tags = ['reports'];
  const read = guard('drafts:read');

  app.get(
    '/report-periods',
    {
      preHandler: read,
      schema: {
        tags,
        summary: "A year's report periods (T1, T2, VB) with their dates",
        querystring: PeriodsQuery,
        response: { 200: PeriodsResponse },
      },
    },
    async (request) => ({ periods: await listPeriodsOf(app.deps.db, request.query.year) }),
  );

  app.put(
    '/report-periods/:id',
    {
      preHandler: guard('settings:manage'),
      schema: {
        tags,
        summary: "Set a period's dates (start, end, due)",
        params: PeriodParams,
        body: PeriodBody,
        response: { 200: ReportPeriod },
      },
    },
    async (request) => setPeriodDates(deps, await actingUser(request), request.params.id, request.body),
  );

  app.get(
    '/targets/:id/assessments',
    {
      preHandler: read,
      schema: {
        tags,
        summary: "The committees' assessments of a target, period by period",
        params: z.object({ id: z.string().min(1).max(200) }),
        response: { 200: AssessmentHistoryResponse },
      },
    },
    async (request) => assessmentHistory(app.deps.db, request.params.id),
  );

  app.get(
    '/report-settings/:committeeId',
    {
      preHandler: read,
      schema: {
        tags,
        summary: "Who approves a committee's reports",
        params: SettingsParams,
        response: { 200: SettingsResponse },
      },
    },
    async (request) => ({
      committeeId: request.params.committeeId,
      approverRole: await approverRoleOf(app.deps.db, request.params.committeeId),
    }),
  );

  app.put(
    '/report-settings/:committeeId',
    {
      preHandler: guard('settings:manage'),
      schema: {
        tags,
        summary: "Set the role that approves a committee's reports",
        params: SettingsParams,
        body: SettingsBody,
        response: { 200: SettingsResponse },
      },
    },
    async (request) => {
      await setApproverRole(deps, await actingUser(request), request.params.committeeId, request.body.approverRole);
      return { committeeId: request.params.committeeId, approverRole: request.body.approverRole };
    },
  );

  app.get(
    '/report-committees',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Committees in force today that I may write reports for, with their kind',
        response: { 200: CommitteesResponse },
      },
    },
    async (request) => ({
      committees: await reportingCommittees(
        app.deps.db,
        stockholmDate(app.deps.now()),
        (await actingIn(app.deps.db, await actingUser(request))).actor,
      ),
    }),
  );

  app.get(
    '/reports/:id/reporters',
    {
      preHandler: read,
      schema: {
        tags,
        summary: 'Accounts that can be assigned a section of the report',
        params: ReportParams,
        response: { 200: ReportersResponse },
      },
    },
    async (request) => ({ people: await reportersOf(app.deps.db, request.params.id) }),
  );
  app.get(
    '/report-templates/:kind',
    {
      preHandler: read,
      schema: {
        tags,
        summary: "A committee kind's report template (stored, or the default)",
        params: TemplateParams,
        response: { 200: TemplateResponse },
      },
    },
    async (request) => templateFor(app.deps.db, request.params.kind),
  );

  app.put(
    '/report-templates/:kind',
    {
      preHandler: guard('settings:manage'),
      schema: {
        tags,
        summary: "Set a committee kind's report template (sections in order, key indicators)",
        params: TemplateParams,
        body: TemplateBody,
        response: { 200: TemplateResponse },
      },
    },
    async (request) => setTemplate(deps, await actingUser(request), request.params.kind, request.body),
  );
};

export default settingsRoutes;
