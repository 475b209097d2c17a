/**
 * Presenting register records as API answers: money as strings of whole kronor (JSON has no
 * bigint), exact ratios, area and goal names. Drafts of targets are never named here.
 */
import type { Queryable } from '../../db/database.ts';
import { readAreaRefs, readGoalRefs } from '../../db/repositories/interventions.ts';
import { readAreaGroups } from '../../db/repositories/committees.ts';
import { ratio, roundHalfAwayFromZero, type Kronor, type Ratio } from '../../core/money.ts';
import type { MoneyTotals } from '../../core/interventions/budget.ts';
import { CITY_WIDE, type BudgetLine } from '../../core/interventions/types.ts';

export interface MoneyJson {
  planned: string;
  decided: string;
  spent: string;
}

export const moneyJson = (t: MoneyTotals): MoneyJson => ({
  planned: t.planned.toString(),
  decided: t.decided.toString(),
  spent: t.spent.toString(),
});

/** Which amounts any line gives (an intervention with no known amount shows "unknown", not 0). */
export const knownJson = (lines: readonly BudgetLine[]) => ({
  planned: lines.some((l) => l.planned !== null),
  decided: lines.some((l) => l.decided !== null),
  spent: lines.some((l) => l.spent !== null),
});

export const kr = (k: Kronor | null): string | null => (k === null ? null : k.toString());

export const ratioJson = (r: Ratio | null): { num: string; den: string; value: number } | null =>
  r === null
    ? null
    : {
        num: r.num.toString(),
        den: r.den.toString(),
        value: Number(roundHalfAwayFromZero(ratio(r.num * 1_000_000n, r.den))) / 1e6,
      };

export interface Named {
  id: string;
  name: string;
  nameEn: string;
}

export interface Lookups {
  areaName: Map<string, string>;
  goalAreas: Map<string, Named>;
  strategies: Map<string, Named>;
  /** Published targets only. */
  targets: Map<string, Named & { goalAreaId: string; status: string | null }>;
  groups: Map<string, Named>;
}

export async function lookups(db: Queryable): Promise<Lookups> {
  const areas = await readAreaRefs(db);
  const goals = await readGoalRefs(db);
  const groups = await readAreaGroups(db);
  return {
    areaName: new Map(areas.map((a) => [a.code, a.name ?? a.code])),
    goalAreas: new Map(goals.goalAreas.map((g) => [g.code, { id: g.code, name: g.name, nameEn: g.nameEn }])),
    strategies: new Map(goals.strategies.map((g) => [g.code, { id: g.code, name: g.name, nameEn: g.nameEn }])),
    targets: new Map(
      goals.targets
        .filter((g) => g.publication === 'published')
        .map((g) => [
          g.code,
          { id: g.code, name: g.name, nameEn: g.nameEn, goalAreaId: g.goalAreaId, status: g.status },
        ]),
    ),
    groups: new Map(groups.map((g) => [g.id, { id: g.id, name: g.name, nameEn: g.nameEn }])),
  };
}

export function areaLabel(l: Lookups, key: string): { key: string; name: string } {
  if (key === CITY_WIDE) return { key, name: 'Hela staden' };
  return { key, name: l.areaName.get(key) ?? key.slice(key.indexOf(':') + 1) };
}

export const named = (m: Map<string, Named>, id: string): Named => m.get(id) ?? { id, name: id, nameEn: id };
