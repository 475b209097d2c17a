/**
 * Analysts create and edit indicators: a draft (the whole metadata, validated with the catalogue's
 * schema) is saved, then published into the catalogue. Each command authorises inside its write
 * transaction and records the change in the audit log in the same transaction.
 */
import type { Database, Queryable } from '../../db/database.ts';
import { catalogueProblems, indicatorMetadataSchema, type IndicatorMetadata } from '../../core/contracts/indicators.ts';
import { AppError } from '../../core/errors.ts';
import { indicatorRecord } from '../../core/stats/reference-catalogue.ts';
import { upsertIndicators } from '../../db/repositories/datasets.ts';
import {
  deleteIndicatorDraft,
  findIndicatorDraft,
  indicatorMetadataForUpdate,
  listCatalogueMetadata,
  saveIndicatorDraft,
  setIndicatorMetadata,
} from '../../db/repositories/indicators.ts';
import { recordAudit } from '../audit.ts';
import { authorise, type Acting, type CommandContext } from '../acting.ts';
import { CATALOGUE_SOURCES } from './catalogue.ts';
import { upsertSources } from '../../db/repositories/datasets.ts';

/** Inside the transaction: who acts (refused unless they may edit indicators) and when. */
async function acting(tx: Queryable, ctx: CommandContext): Promise<Acting & { now: Date }> {
  return { ...(await authorise(tx, ctx.user, 'indicators:write')), now: ctx.now };
}

function parse(input: unknown): IndicatorMetadata {
  const r = indicatorMetadataSchema.safeParse(input);
  if (!r.success)
    throw new AppError(
      'validation_failed',
      'the indicator does not follow the catalogue schema',
      r.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message })),
    );
  return r.data;
}

/** Problems of the catalogue with `m` in it (its numerator and denominator must exist and be counts). */
async function checkAgainstCatalogue(tx: Queryable, m: IndicatorMetadata): Promise<void> {
  const others = (await listCatalogueMetadata(tx)).filter((x) => x.id !== m.id);
  const problems = catalogueProblems([...others, m]).filter((p) => p.id === m.id && p.field !== 'helper');
  if (problems.length)
    throw new AppError(
      'validation_failed',
      `indicator ${m.id} refers to indicators that are not counts of the catalogue`,
      problems.map((p) => ({ field: p.field, message: p.message })),
    );
}

/** Saves a draft of a new or an existing indicator (replacing an earlier draft). */
export async function saveDraft(
  db: Database,
  ctx: CommandContext,
  input: unknown,
): Promise<{ id: string; state: 'draft'; metadata: IndicatorMetadata }> {
  const m = parse(input);
  return db.transaction(async (tx) => {
    const a = await acting(tx, ctx);
    const before = await findIndicatorDraft(tx, m.id, true);
    await checkAgainstCatalogue(tx, m);
    await saveIndicatorDraft(tx, {
      id: m.id,
      metadata: m,
      createdBy: a.audit?.username ?? null,
      at: a.now.toISOString(),
    });
    await recordAudit(tx, {
      actor: a.audit,
      at: a.now,
      action: before ? 'update' : 'create',
      entity: 'indicator_draft',
      entityId: m.id,
      before: before?.metadata ?? null,
      after: m,
    });
    return { id: m.id, state: 'draft' as const, metadata: m };
  });
}

/** Publishes a draft: the indicator is created or updated in the catalogue, and the draft removed. */
export async function publishDraft(
  db: Database,
  ctx: CommandContext,
  id: string,
): Promise<{ id: string; state: 'published'; metadata: IndicatorMetadata }> {
  return db.transaction(async (tx) => {
    const a = await acting(tx, ctx);
    const draft = await findIndicatorDraft(tx, id, true);
    if (!draft)
      throw new AppError('not_found', `no draft of indicator ${id}`, [{ field: 'id', message: `no draft of ${id}` }]);
    const current = await indicatorMetadataForUpdate(tx, id);
    const m = parse(draft.metadata);
    await checkAgainstCatalogue(tx, m);
    await upsertSources(tx, CATALOGUE_SOURCES);
    await upsertIndicators(tx, [indicatorRecord(m)]);
    await setIndicatorMetadata(tx, [m], 'app', { username: a.audit?.username ?? null, at: a.now.toISOString() });
    await deleteIndicatorDraft(tx, id);
    await recordAudit(tx, {
      actor: a.audit,
      at: a.now,
      action: current ? 'publish_update' : 'publish',
      entity: 'indicator',
      entityId: id,
      before: current?.metadata ?? null,
      after: m,
    });
    return { id, state: 'published' as const, metadata: m };
  });
}

/** Discards a draft. */
export async function discardDraft(db: Database, ctx: CommandContext, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const a = await acting(tx, ctx);
    const draft = await findIndicatorDraft(tx, id, true);
    if (!draft)
      throw new AppError('not_found', `no draft of indicator ${id}`, [{ field: 'id', message: `no draft of ${id}` }]);
    await deleteIndicatorDraft(tx, id);
    await recordAudit(tx, {
      actor: a.audit,
      at: a.now,
      action: 'delete',
      entity: 'indicator_draft',
      entityId: id,
      before: draft.metadata,
      after: null,
    });
  });
}
