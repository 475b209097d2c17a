/** Helpers shared by the analysis use cases. */
import type { Queryable } from '../../db/database.ts';
import * as repo from '../../db/repositories/analysis.ts';
import { AppError } from '../../core/errors.ts';

export const num = (s: string | null): number | null => (s === null ? null : Number(s));

export function sourcesOf(rows: readonly { source: string }[]): string[] {
  return [...new Set(rows.map((r) => r.source))].sort();
}

export async function requireDivision(db: Queryable, divisionId: string): Promise<repo.DivisionRow> {
  const d = (await repo.divisionsWithAreas(db)).find((x) => x.id === divisionId);
  if (!d) throw new AppError('not_found', `The division '${divisionId}' was not found or has no areas`);
  return d;
}
