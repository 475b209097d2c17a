/** The imports API: uploads with preview and commit, batches (draft → published), saved connector queries. */
import { z } from 'zod';
import { publicationSchema } from './statistics.ts';

/** Largest upload accepted (the file itself; base64 adds a third). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const UploadBody = z.strictObject({
  fileName: z.string().min(1).max(200).describe('the file name: .csv, .xlsx or .json (JSON-stat 2.0)'),
  content: z
    .string()
    .max(Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 4)
    .describe('the file, base64-encoded'),
});
export type UploadBody = z.infer<typeof UploadBody>;

export const ImportProblem = z.object({
  file: z.string().optional(),
  line: z.number().optional(),
  field: z.string().optional(),
  message: z.string(),
});

export const ImportSummary = z.object({
  added: z.number(),
  changed: z.number(),
  unchanged: z.number(),
  deleted: z.number(),
});

export const ImportChange = z.object({
  kind: z.enum(['added', 'changed', 'unchanged', 'deleted']),
  indicatorId: z.string(),
  divisionId: z.string(),
  areaCode: z.string(),
  period: z.string(),
  breakdown: z.string(),
  old: z.string().nullable(),
  new: z.string().nullable(),
  oldStatus: z.string().nullable(),
  newStatus: z.string(),
});
export type ImportChange = z.infer<typeof ImportChange>;

export const ImportPreview = z.object({
  ok: z.boolean(),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx', 'json-stat']),
  problems: z.array(ImportProblem),
  summary: ImportSummary,
  /** Added, changed and deleted values (at most 2000), old → new. */
  changes: z.array(ImportChange),
  truncated: z.boolean(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportBatch = z.object({
  id: z.number(),
  dataset: z.string(),
  description: z.string(),
  publication: publicationSchema,
  sourceKind: z.string(),
  fileName: z.string().nullable(),
  rowCount: z.number(),
  summary: z.record(z.string(), z.number()),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
});
export type ImportBatch = z.infer<typeof ImportBatch>;

export const ImportCommitResponse = z.object({ batch: ImportBatch.nullable(), summary: ImportSummary });
export type ImportCommitResponse = z.infer<typeof ImportCommitResponse>;

export const ImportBatchList = z.object({ batches: z.array(ImportBatch) });
export type ImportBatchList = z.infer<typeof ImportBatchList>;

export const ImportBatchDetail = z.object({
  batch: ImportBatch,
  changes: z.array(ImportChange),
  truncated: z.boolean(),
});
export type ImportBatchDetail = z.infer<typeof ImportBatchDetail>;

export const BatchParams = z.object({ id: z.coerce.number().int().positive() });

export const PublishResponse = z.object({ batch: ImportBatch, summary: ImportSummary });

export const SavedQuery = z.object({
  id: z.number(),
  connector: z.enum(['scb', 'kolada']),
  label: z.string(),
  params: z.record(z.string(), z.unknown()),
  lastRunAt: z.string().nullable(),
  lastBatchId: z.number().nullable(),
});
export const SavedQueryList = z.object({ queries: z.array(SavedQuery) });
export type SavedQueryList = z.infer<typeof SavedQueryList>;

export const RefreshResponse = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      label: z.string(),
      batchId: z.number().nullable(),
      summary: ImportSummary.nullable(),
      error: z.string().nullable(),
    }),
  ),
});
export type RefreshResponse = z.infer<typeof RefreshResponse>;
