import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  budgetBody,
  budgetLineResponse,
  budgetParams,
  budgetQuery,
  budgetResponse,
  commitResponse,
  detailResponse,
  exportQuery,
  followUpBody,
  idParams,
  importBody,
  listQuery,
  listResponse,
  okResponse,
  patchBody,
  previewResponse,
} from '../../../core/contracts/interventions.ts';
import {
  addFollowUp,
  commitImport,
  exportRegister,
  getBudgetViews,
  getInterventionDetail,
  listInterventions,
  previewImport,
  setBudgetLine,
  updateIntervention,
} from '../../../services/interventions/index.ts';
import { actorOf, canReadDrafts, guard } from '../../auth.ts';
import { actingUser } from '../../acting.ts';
import { AppError } from '../../../core/errors.ts';
import { assessmentYear } from '../../../services/goals/index.ts';

const MAX_FILE_BODY = 15 * 1024 * 1024;

function decode(content: string): Buffer {
  if (!/^[A-Za-z0-9+/=\s]*$/.test(content))
    throw new AppError('validation_failed', 'content must be the file encoded as base64', [
      { field: 'content', message: 'not base64' },
    ]);
  return Buffer.from(content, 'base64');
}

// Routes of the interventions slice: validate, call the service, present. Reads are public (drafts
// for staff); writes pass the guard ('interventions:write') and the service command then checks the
// acting user against the intervention's committee and areas inside its transaction.
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/interventions',
    {
      schema: {
        tags: ['interventions'],
        summary:
          'The register of interventions (insatser), filtered by area, goal area, committee, status and year, with the totals of what is filtered',
        querystring: listQuery,
        response: { 200: listResponse },
      },
    },
    async (request) => listInterventions(app.deps.db, request.query, { includeDrafts: await canReadDrafts(request) }),
  );

  app.get(
    '/interventions/budget',
    {
      schema: {
        tags: ['interventions'],
        summary:
          'Budget views: totals by year, goal area, committee, funding source and area; spending per resident by stadsdelsområde (city-wide money separate) beside need, and the gap between shares of money and need',
        querystring: budgetQuery,
        response: { 200: budgetResponse },
      },
    },
    async (request) => getBudgetViews(app.deps.db, request.query, { includeDrafts: await canReadDrafts(request) }),
  );

  app.get(
    '/interventions/export',
    {
      schema: {
        tags: ['interventions'],
        summary: 'The register as CSV or XLSX, in the import layout (one row per budget line)',
        querystring: exportQuery,
      },
    },
    async (request, reply) => {
      const file = await exportRegister(app.deps.db, request.query.format, {
        includeDrafts: await canReadDrafts(request),
      });
      reply.header('content-type', file.contentType);
      reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
      return reply.send(file.body);
    },
  );

  app.get(
    '/interventions/:id',
    {
      schema: {
        tags: ['interventions'],
        summary:
          'One intervention: budget lines, follow-up history, linked goal areas, strategies and targets (with status)',
        params: idParams,
        response: { 200: detailResponse },
      },
    },
    async (request) =>
      getInterventionDetail(app.deps.db, request.params.id, {
        includeDrafts: await canReadDrafts(request),
        actor: await actorOf(request),
        asOfYear: assessmentYear(app.deps.now()),
      }),
  );

  app.post(
    '/interventions/import/preview',
    {
      bodyLimit: MAX_FILE_BODY,
      preHandler: guard('interventions:write'),
      schema: {
        tags: ['interventions'],
        summary: 'Preview an import (CSV or XLSX): every row’s problems with row and column; nothing is written',
        body: importBody,
        response: { 200: previewResponse },
      },
    },
    async (request) => previewImport(app.deps.db, decode(request.body.content), request.body.format),
  );

  app.post(
    '/interventions/import',
    {
      bodyLimit: MAX_FILE_BODY,
      preHandler: guard('interventions:write'),
      schema: {
        tags: ['interventions'],
        summary:
          'Import a file: written only when it has no problems (422 import_failed with every problem otherwise), all in one transaction',
        body: importBody,
        response: { 200: commitResponse },
      },
    },
    async (request) => {
      return commitImport(app.deps.db, decode(request.body.content), request.body.format, {
        user: await actingUser(request),
        now: app.deps.now(),
      });
    },
  );

  app.post(
    '/interventions/:id/follow-ups',
    {
      preHandler: guard('interventions:write'),
      schema: {
        tags: ['interventions'],
        summary: 'Add a follow-up entry (period, text, output figures) to an intervention',
        params: idParams,
        body: followUpBody,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      const b = request.body;
      await addFollowUp(
        app.deps.db,
        request.params.id,
        {
          period: b.period,
          text: b.text,
          outputs: b.outputs.map((o) => ({ label: o.label, value: o.value, unit: o.unit ?? null })),
        },
        { user: await actingUser(request), now: app.deps.now() },
      );
      return { ok: true as const };
    },
  );

  app.patch(
    '/interventions/:id',
    {
      preHandler: guard('interventions:write'),
      schema: {
        tags: ['interventions'],
        summary:
          'Change an intervention: name, description, status (allowed changes only), start and end dates, funding source, publication (draft/published); recorded in the audit log with the values before and after',
        params: idParams,
        body: patchBody,
        response: { 200: detailResponse },
      },
    },
    async (request) => {
      await updateIntervention(app.deps.db, request.params.id, request.body, {
        user: await actingUser(request),
        now: app.deps.now(),
      });
      return getInterventionDetail(app.deps.db, request.params.id, {
        includeDrafts: true,
        actor: await actorOf(request),
        asOfYear: assessmentYear(app.deps.now()),
      });
    },
  );

  app.put(
    '/interventions/:id/budget/:year',
    {
      preHandler: guard('interventions:write'),
      schema: {
        tags: ['interventions'],
        summary:
          'Set the budget line of a year (planned, decided, spent; exact kronor), for the whole intervention or one of its areas; recorded in the audit log with the line before and after',
        params: budgetParams,
        body: budgetBody,
        response: { 200: budgetLineResponse },
      },
    },
    async (request) => {
      const b = request.body;
      return setBudgetLine(
        app.deps.db,
        request.params.id,
        request.params.year,
        { planned: b.planned, decided: b.decided, spent: b.spent, area: b.area ?? null },
        { user: await actingUser(request), now: app.deps.now() },
      );
    },
  );
};
export default routes;
