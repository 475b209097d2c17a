/**
 * Uploads in the app: read the file, check every row (problems by file, row and column), show what would be
 * added, changed (old → new) and left alone, and commit all-or-nothing as a draft batch that reaches the
 * statistics when an analyst publishes it.
 */
import type { Database, Queryable } from '../../db/database.ts';
import { AppError } from '../../core/errors.ts';
import { jsonStatToObservations, sheetToObservations, type UploadContext } from '../../core/imports/tidy.ts';
import type { ObservationChange } from '../../core/imports/diff.ts';
import {
  MAX_UPLOAD_BYTES,
  type ImportChange,
  type ImportPreview,
  type UploadBody,
} from '../../core/contracts/imports.ts';
import { readUpload } from '../../importers/upload.ts';
import {
  existingIndicatorIds,
  findImportBatch,
  listImportBatches,
  readStaged,
  storedValues,
} from '../../db/repositories/imports.ts';
import { areaDivisions } from '../../db/repositories/imports-read.ts';
import { refreshPlannerStatistics } from '../../db/repositories/datasets.ts';
import { diffObservations } from '../../core/imports/diff.ts';
import { actingIn, authorise, type ActingUser, type CommandContext } from '../acting.ts';
import { applyImport, previewChanges, publishBatch } from './apply.ts';

const MAX_CHANGES = 2000;

export function presentChange(c: ObservationChange): ImportChange {
  return {
    kind: c.kind,
    indicatorId: c.next.indicatorId,
    divisionId: c.next.divisionId,
    areaCode: c.next.areaCode,
    period: c.next.period,
    breakdown: c.next.breakdown,
    old: c.previous?.value ?? null,
    new: c.kind === 'deleted' ? null : c.next.value,
    oldStatus: c.previous?.status ?? null,
    newStatus: c.next.status,
  };
}

function decode(body: UploadBody): Buffer {
  const bytes = Buffer.from(body.content, 'base64');
  if (bytes.length > MAX_UPLOAD_BYTES)
    throw new AppError('payload_too_large', `${body.fileName}: larger than ${MAX_UPLOAD_BYTES} bytes`);
  return bytes;
}

async function readObservations(tx: Queryable, body: UploadBody) {
  const content = await readUpload(body.fileName, decode(body));
  const ctx: UploadContext = {
    file: body.fileName,
    indicators: await existingIndicatorIds(tx),
    areas: await areaDivisions(tx),
    defaultSource: `Uppladdad fil ${body.fileName}`,
  };
  const read =
    content.format === 'json-stat'
      ? jsonStatToObservations(content.data, ctx)
      : sheetToObservations(content.sheet, ctx);
  return { format: content.format, ...read };
}

/** Checks the file and shows what committing it would do. Writes nothing. */
export async function previewUpload(db: Database, body: UploadBody, user: ActingUser | null): Promise<ImportPreview> {
  return db.transaction(async (tx) => {
    await authorise(tx, user, 'imports:write');
    const read = await readObservations(tx, body);
    const { changes, summary } = read.problems.length
      ? { changes: [], summary: { added: 0, changed: 0, unchanged: 0, deleted: 0 } }
      : await previewChanges(tx, read.observations);
    const effective = changes.filter((c) => c.kind !== 'unchanged');
    return {
      ok: read.problems.length === 0,
      fileName: body.fileName,
      format: read.format,
      problems: read.problems,
      summary,
      changes: effective.slice(0, MAX_CHANGES).map(presentChange),
      truncated: effective.length > MAX_CHANGES,
    };
  });
}

/** Commits the file as a draft batch, all or nothing: any problem refuses the whole file (422). */
export async function commitUpload(db: Database, body: UploadBody, ctx: CommandContext) {
  return db.transaction(async (tx) => {
    const acting = await authorise(tx, ctx.user, 'imports:write');
    const read = await readObservations(tx, body);
    if (read.problems.length)
      throw new AppError(
        'import_failed',
        `${body.fileName}: ${read.problems.length} problems; nothing was imported`,
        read.problems,
      );
    const r = await applyImport(
      tx,
      {
        dataset: `upload:${body.fileName}`,
        description: body.fileName,
        sourceKind: 'upload',
        fileName: body.fileName,
        publication: 'draft',
        observations: read.observations,
      },
      { now: ctx.now, actor: acting.audit },
    );
    return { batch: r.batchId === null ? null : await findImportBatch(tx, r.batchId), summary: r.summary };
  });
}

export async function publishImport(db: Database, id: number, ctx: CommandContext) {
  const published = await db.transaction(async (tx) => {
    const acting = await actingIn(tx, ctx.user);
    const { summary } = await publishBatch(tx, id, { now: ctx.now, actor: acting.audit, access: acting.actor });
    return { batch: (await findImportBatch(tx, id))!, summary };
  });
  await refreshPlannerStatistics(db);
  return published;
}

export async function listImports(db: Database) {
  return { batches: await listImportBatches(db) };
}

/** A batch and, for a draft, what publishing it would do now. */
export async function importDetail(db: Database, id: number) {
  const batch = await findImportBatch(db, id);
  if (!batch) throw new AppError('not_found', `import batch ${id} was not found`);
  if (batch.publication === 'published') return { batch, changes: [], truncated: false };
  const staged = await readStaged(db, id);
  const { changes } = diffObservations(staged, await storedValuesReadOnly(db, staged));
  const effective = changes.filter((c) => c.kind !== 'unchanged');
  return {
    batch,
    changes: effective.slice(0, MAX_CHANGES).map(presentChange),
    truncated: effective.length > MAX_CHANGES,
  };
}

const storedValuesReadOnly = (db: Database, keys: Parameters<typeof storedValues>[1]) =>
  db.transaction((tx) => storedValues(tx, keys));
