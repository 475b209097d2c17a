/**
 * Applying imported values: what would change (added, changed old → new, unchanged, deleted), a batch that
 * keeps every value's provenance, revisions for every value replaced or withdrawn, and drafts that reach the
 * statistics (the `observation` table every read uses) only when published. Callers run these inside one
 * transaction, so a failure leaves the database as it was.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/database.ts';
import { AppError } from '../../core/errors.ts';
import { can, type Actor } from '../../core/access.ts';
import {
  diffObservations,
  hasEffect,
  type DiffSummary,
  type IncomingObservation,
  type ObservationChange,
} from '../../core/imports/diff.ts';
import {
  clearStaged,
  deleteObservations,
  findImportBatch,
  insertImportBatch,
  insertRevisions,
  insertStaged,
  markPublished,
  readStaged,
  storedValues,
  writeObservations,
} from '../../db/repositories/imports.ts';
import { recordAudit, type AuditActor } from '../audit.ts';

export interface ImportInput {
  dataset: string;
  description: string;
  sourceKind: 'upload' | 'scb' | 'kolada';
  fileName: string | null;
  publication: 'draft' | 'published';
  observations: IncomingObservation[];
  savedQueryId?: number | null;
}

export interface ApplyResult {
  /** Null when nothing would change (no batch is made). */
  batchId: number | null;
  summary: DiffSummary;
  changes: ObservationChange[];
}

export function checksumOf(obs: readonly IncomingObservation[]): string {
  const h = createHash('sha256');
  for (const o of obs) {
    h.update(
      [
        o.indicatorId,
        o.divisionId,
        o.areaCode,
        o.period,
        o.breakdown,
        o.value,
        o.numerator,
        o.denominator,
        o.status,
        o.deleted ? 'd' : '',
      ].join('\u001f'),
    ).update('\n');
  }
  return h.digest('hex');
}

/** What the import would do, without writing. */
export async function previewChanges(tx: Queryable, obs: readonly IncomingObservation[]) {
  return diffObservations(obs, await storedValues(tx, obs));
}

async function writeChanges(tx: Queryable, changes: readonly ObservationChange[], batchId: number, at: Date) {
  await insertRevisions(tx, changes, batchId, at);
  await writeObservations(
    tx,
    changes.filter((c) => c.kind === 'added' || c.kind === 'changed').map((c) => c.next),
    batchId,
  );
  await deleteObservations(
    tx,
    changes.filter((c) => c.kind === 'deleted').map((c) => c.next),
  );
}

/**
 * Records an import as a batch. Published imports write their added, changed and deleted values at once
 * (revisions keep the old ones); drafts keep them staged until `publishBatch`. Nothing changes → no batch.
 */
export async function applyImport(
  tx: Queryable,
  input: ImportInput,
  ctx: { now: Date; actor: AuditActor | null },
): Promise<ApplyResult> {
  const { changes, summary } = await previewChanges(tx, input.observations);
  if (!hasEffect(summary)) return { batchId: null, summary, changes };
  const effective = changes.filter((c) => c.kind !== 'unchanged');
  const batchId = await insertImportBatch(tx, {
    dataset: input.dataset,
    description: input.description,
    checksum: `${checksumOf(input.observations)}:${ctx.now.toISOString()}`,
    rowCount: input.observations.length,
    publication: input.publication,
    sourceKind: input.sourceKind,
    fileName: input.fileName,
    summary: { ...summary },
    createdBy: ctx.actor?.username ?? null,
    createdAt: ctx.now,
    savedQueryId: input.savedQueryId ?? null,
  });
  if (input.publication === 'published') await writeChanges(tx, effective, batchId, ctx.now);
  else
    await insertStaged(
      tx,
      batchId,
      effective.map((c) => ({ ...c.next, deleted: c.kind === 'deleted' })),
    );
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'create',
    entity: 'import_batch',
    entityId: batchId,
    before: null,
    after: { dataset: input.dataset, publication: input.publication, summary },
  });
  return { batchId, summary, changes };
}

/**
 * Publishes a draft batch: its values are compared again with what is stored now (another batch may have
 * been published since), written with revisions, and the batch is marked published; audited.
 */
export async function publishBatch(
  tx: Queryable,
  batchId: number,
  ctx: { now: Date; actor: AuditActor | null; access: Actor | null },
): Promise<{ summary: DiffSummary }> {
  const batch = await findImportBatch(tx, batchId, true);
  if (!batch) throw new AppError('not_found', `import batch ${batchId} was not found`);
  if (!can(ctx.access, 'imports:write')) throw new AppError('forbidden', 'publishing imports needs imports:write');
  if (batch.publication === 'published') throw new AppError('conflict', `import batch ${batchId} is already published`);
  const staged = await readStaged(tx, batchId);
  const { changes, summary } = diffObservations(staged, await storedValues(tx, staged));
  await writeChanges(
    tx,
    changes.filter((c) => c.kind !== 'unchanged'),
    batchId,
    ctx.now,
  );
  await markPublished(tx, batchId, ctx.now, ctx.actor?.username ?? null);
  await clearStaged(tx, batchId);
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'publish',
    entity: 'import_batch',
    entityId: batchId,
    before: { publication: 'draft' },
    after: { publication: 'published', summary },
  });
  return { summary };
}
