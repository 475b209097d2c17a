/** Imports: upload a dataset (preview, then commit as a draft), list and publish batches, saved connector queries. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  BatchParams,
  ImportBatchDetail,
  ImportBatchList,
  ImportCommitResponse,
  ImportPreview,
  MAX_UPLOAD_BYTES,
  PublishResponse,
  RefreshResponse,
  SavedQueryList,
  UploadBody,
} from '../../../core/contracts/imports.ts';
import { guard } from '../../auth.ts';
import { actingUser } from '../../acting.ts';
import {
  commitUpload,
  importDetail,
  listImports,
  previewUpload,
  publishImport,
} from '../../../services/imports/upload.ts';
import { connectorSettings, refreshSavedQueries, savedQueries } from '../../../services/imports/refresh.ts';

/** The JSON body holds the file base64-encoded (a third larger) plus a little. */
const BODY_LIMIT = Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 64 * 1024;

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/imports/preview',
    {
      preHandler: guard('imports:write'),
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['imports'],
        summary:
          'Check an uploaded dataset (tidy or wide CSV/XLSX, or JSON-stat 2.0): every problem by file, row and column, and what would be added, changed (old → new) or left alone. Writes nothing.',
        body: UploadBody,
        response: { 200: ImportPreview },
      },
    },
    async (request) => previewUpload(app.deps.db, request.body, await actingUser(request)),
  );

  app.post(
    '/imports',
    {
      preHandler: guard('imports:write'),
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['imports'],
        summary:
          'Commit an uploaded dataset all-or-nothing as a draft batch (any problem refuses the file with 422); the values reach the statistics when the batch is published',
        body: UploadBody,
        response: { 200: ImportCommitResponse },
      },
    },
    async (request) =>
      commitUpload(app.deps.db, request.body, {
        user: await actingUser(request),
        now: app.deps.now(),
      }),
  );

  app.get(
    '/imports',
    {
      preHandler: guard('imports:write'),
      schema: {
        tags: ['imports'],
        summary: 'Uploaded and fetched batches, newest first, drafts included (staff)',
        response: { 200: ImportBatchList },
      },
    },
    async () => listImports(app.deps.db),
  );

  app.get(
    '/imports/:id',
    {
      preHandler: guard('imports:write'),
      schema: {
        tags: ['imports'],
        summary: 'One batch; for a draft, what publishing it would add, change (old → new) and delete',
        params: BatchParams,
        response: { 200: ImportBatchDetail },
      },
    },
    async (request) => importDetail(app.deps.db, request.params.id),
  );

  app.post(
    '/imports/:id/publish',
    {
      preHandler: guard('imports:write'),
      schema: {
        tags: ['imports'],
        summary:
          'Publish a draft batch: its values enter the statistics, replaced values are kept as revisions (audited)',
        params: BatchParams,
        response: { 200: PublishResponse },
      },
    },
    async (request) =>
      publishImport(app.deps.db, request.params.id, {
        user: await actingUser(request),
        now: app.deps.now(),
      }),
  );

  app.get(
    '/imports/saved-queries',
    {
      preHandler: guard('imports:write'),
      schema: {
        tags: ['imports'],
        summary: 'Saved SCB and Kolada queries (re-run with `fardplan fetch refresh`)',
        response: { 200: SavedQueryList },
      },
    },
    async () => ({ queries: await savedQueries(app.deps.db) }),
  );

  app.post(
    '/imports/saved-queries/refresh',
    {
      preHandler: guard('imports:write'),
      schema: {
        tags: ['imports'],
        summary:
          'Re-run every saved SCB and Kolada query now (each in its own transaction; a failing source is reported, the others still run)',
        response: { 200: RefreshResponse },
      },
    },
    async (request) => {
      const items = await refreshSavedQueries(app.deps.db, connectorSettings(), {
        user: await actingUser(request),
        now: app.deps.now(),
      });
      return {
        items: items.map((i) => ({
          id: i.id,
          label: i.label,
          batchId: i.result?.batchId ?? null,
          summary: i.result?.summary ?? null,
          error: i.error,
        })),
      };
    },
  );
};

export default routes;
