/**
 * Admin commands on committees: add, rename, retire (validTo) and re-area. Each authorises inside
 * its transaction (settings:manage), locks the row, writes and records the audit entry. A change
 * made here marks the committee as edited in the app, so later starts leave it alone.
 */
import type { Database } from '../../db/database.ts';
import { readCommitteeRows, writeCommittee, type CommitteeRow } from '../../db/repositories/committees.ts';
import { AppError } from '../../core/errors.ts';
import type { CommitteeCreate, CommitteePatch } from '../../core/contracts/committees.ts';
import { recordAudit } from '../audit.ts';
import { auditActorOf, authorise, type ActingUser } from '../acting.ts';

const snapshot = (c: CommitteeRow) => ({
  id: c.id,
  name: c.name,
  nameEn: c.nameEn,
  kind: c.kind,
  validFrom: c.validFrom,
  validTo: c.validTo,
  note: c.note,
  areas: c.areas.map((a) => `${a.division}:${a.code}`),
});

function checkValidity(validFrom: string | null, validTo: string | null): void {
  if (validFrom !== null && validTo !== null && validTo < validFrom)
    throw new AppError('validation_failed', `validTo ${validTo} is before validFrom ${validFrom}`, [
      { field: 'validTo', message: 'before validFrom' },
    ]);
}

export async function createCommittee(
  db: Database,
  input: CommitteeCreate,
  ctx: { user: ActingUser | null; now: Date },
): Promise<string> {
  checkValidity(input.validFrom, input.validTo);
  return db.transaction(async (tx) => {
    await authorise(tx, ctx.user, 'settings:manage');
    if ((await readCommitteeRows(tx, [input.id])).length)
      throw new AppError('conflict', `A committee with id "${input.id}" already exists`, [
        { field: 'id', message: 'already exists' },
      ]);
    const row = {
      id: input.id,
      name: input.name,
      nameEn: input.nameEn,
      kind: input.kind,
      validFrom: input.validFrom,
      validTo: input.validTo,
      aliases: [],
      note: input.note,
      source: '',
      areas: input.areas,
    };
    await writeCommittee(tx, row, { sourceHash: null, editedAt: ctx.now });
    const [after] = await readCommitteeRows(tx, [input.id]);
    await recordAudit(tx, {
      actor: auditActorOf(ctx.user),
      at: ctx.now,
      action: 'create',
      entity: 'committee',
      entityId: input.id,
      before: null,
      after: after ? snapshot(after) : null,
    });
    return input.id;
  });
}

/** Rename, change kind or validity (retire: set validTo), re-area. 404 for an unknown id. */
export async function updateCommittee(
  db: Database,
  id: string,
  patch: CommitteePatch,
  ctx: { user: ActingUser | null; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    await authorise(tx, ctx.user, 'settings:manage');
    const [before] = await readCommitteeRows(tx, [id], { lock: true });
    if (!before) throw new AppError('not_found', `Committee ${id} was not found`);
    const next = {
      id,
      name: patch.name ?? before.name,
      nameEn: patch.nameEn ?? before.nameEn,
      kind: patch.kind ?? before.kind,
      validFrom: patch.validFrom !== undefined ? patch.validFrom : before.validFrom,
      validTo: patch.validTo !== undefined ? patch.validTo : before.validTo,
      aliases: before.aliases,
      note: patch.note ?? before.note,
      source: before.source,
      areas: patch.areas ?? before.areas,
    };
    checkValidity(next.validFrom, next.validTo);
    await writeCommittee(tx, next, { sourceHash: null, editedAt: ctx.now });
    const [after] = await readCommitteeRows(tx, [id]);
    const retired = before.validTo === null && next.validTo !== null;
    await recordAudit(tx, {
      actor: auditActorOf(ctx.user),
      at: ctx.now,
      action: retired ? 'retire' : 'update',
      entity: 'committee',
      entityId: id,
      before: snapshot(before),
      after: after ? snapshot(after) : null,
    });
  });
}
