/** Who takes part, per area and per need type (ballots only of published processes). */
import type { Queryable } from '../../db/database.ts';
import * as repo from '../../db/repositories/participation.ts';
import { AppError } from '../../core/errors.ts';
import { needIndexService } from '../analysis/index.ts';
import { AREA_TYPES, type AreaType } from '../../core/analysis/need-index.ts';
import type { TakingPart } from '../../core/contracts/participation.ts';

// ------------------------------------------------------------------------------------ who takes part

/** The need-index type (and score) of each area of `divisionId`, or an empty map when the statistics are not loaded. */
async function needTypes(
  db: Queryable,
  divisionId: string,
): Promise<Map<string, { type: AreaType | null; score: number | null }>> {
  const out = new Map<string, { type: AreaType | null; score: number | null }>();
  try {
    const need = await needIndexService(db, { aggregateTo: divisionId });
    const areas = need.division === divisionId ? need.areas : (need.aggregated?.areas ?? []);
    for (const a of areas) out.set(a.id, { type: a.type ?? null, score: a.score ?? null });
  } catch (err) {
    if (!(err instanceof AppError)) throw err; // no DeSO statistics (or no such division): no types
  }
  return out;
}

/**
 * Who takes part, per area: ballots, dialogue participants, proposals and supports against the population, with the
 * area's need-index type; and the same summed per need type, so the city sees whose voice is missing.
 */
export async function whoTakesPart(db: Queryable): Promise<TakingPart> {
  const rows = await repo.takingPartByArea(db);
  const types = new Map<string, Map<string, { type: AreaType | null; score: number | null }>>();
  for (const d of new Set(rows.map((r) => r.divisionId))) types.set(d, await needTypes(db, d));
  const items = rows.map((r) => {
    const need = types.get(r.divisionId)?.get(r.areaCode);
    return {
      area: `${r.divisionId}:${r.areaCode}`,
      areaName: r.areaName,
      ballots: r.ballots,
      dialogueParticipants: r.dialogueParticipants,
      proposals: r.proposals,
      supports: r.supports,
      population: r.population === null ? null : Math.round(Number(r.population)),
      populationPeriod: r.populationPeriod,
      needType: need?.type ?? null,
      needScore: need?.score ?? null,
    };
  });
  const byNeedType = AREA_TYPES.map((type) => {
    const its = items.filter((i) => i.needType === type);
    const sum = (f: (i: (typeof items)[number]) => number | null) => its.reduce((s, i) => s + (f(i) ?? 0), 0);
    return {
      type,
      areas: its.length,
      population: sum((i) => i.population),
      ballots: sum((i) => i.ballots),
      dialogueParticipants: sum((i) => i.dialogueParticipants),
      proposals: sum((i) => i.proposals),
      supports: sum((i) => i.supports),
    };
  }).filter((g) => g.areas > 0);
  return { items, byNeedType };
}
