/** Helpers shared by the analysis use cases. */
import type { Queryable } from '../../db/database.ts';
import { type DivisionRow, findDivision } from '../../db/repositories/areas.ts';
import { AppError } from '../../core/errors.ts';

export const num = (s: string | null): number | null => (s === null ? null : Number(s));

export function sourcesOf(rows: readonly { source: string }[]): string[] {
  return [...new Set(rows.map((r) => r.source))].sort();
}

export async function requireDivision(db: Queryable, divisionId: string): Promise<DivisionRow> {
  const d = await findDivision(db, divisionId);
  if (!d || d.areaCount === 0)
    throw new AppError('not_found', `The division '${divisionId}' was not found or has no areas`);
  return d;
}
