/** Reads of the indicators slice beyond values and maps: an indicator's metadata and the drafts. */
import type { Queryable } from '../../db/database.ts';
import { presentIndicator } from '../../core/contracts/indicators.ts';
import { AppError } from '../../core/errors.ts';
import { indicatorMetadata, listIndicatorDrafts } from '../../db/repositories/indicators.ts';
import { findIndicator } from '../../db/repositories/indicators.ts';

export async function getIndicatorMetadata(db: Queryable, id: string) {
  const row = await findIndicator(db, id);
  if (!row)
    throw new AppError('not_found', `indicator ${id} was not found`, [
      { field: 'id', message: `unknown indicator ${id}` },
    ]);
  const part = async (ref: string | null) => {
    if (!ref) return null;
    const r = await findIndicator(db, ref);
    return r ? presentIndicator(r) : null;
  };
  return {
    id,
    metadata: (await indicatorMetadata(db, id)) as Record<string, unknown> | null,
    numerator: await part(row.numeratorId),
    denominator: await part(row.denominatorId),
  };
}

export async function listDrafts(db: Queryable) {
  const rows = await listIndicatorDrafts(db);
  return {
    drafts: rows.map((r) => ({
      id: r.id,
      createdBy: r.createdBy,
      updatedAt: r.updatedAt,
      metadata: r.metadata as unknown as Record<string, unknown>,
    })),
  };
}
