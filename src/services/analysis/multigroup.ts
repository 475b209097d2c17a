/** Segregation between several groups that partition a population. */
import type { Queryable } from '../../db/database.ts';
import { observationsOfDivision, periodsWithAll } from '../../db/repositories/observations.ts';
import { AppError } from '../../core/errors.ts';
import { multiGroupMeasures } from '../../core/analysis/segregation.ts';
import { num, requireDivision, sourcesOf } from './shared.ts';

export interface MultigroupSet {
  id: string;
  labelSv: string;
  labelEn: string;
  /** Each group as a signed sum of count indicators. */
  groups: { id: string; labelSv: string; labelEn: string; terms: { indicator: string; sign: 1 | -1 }[] }[];
}

/** Sets of groups that partition a population, built from the catalogue's counts. */
export const MULTIGROUP_SETS: readonly MultigroupSet[] = [
  {
    id: 'birth-region',
    labelSv: 'Födelseregion (Sverige, övriga Europa, utanför Europa)',
    labelEn: 'Birth region (Sweden, rest of Europe, outside Europe)',
    groups: [
      {
        id: 'sweden',
        labelSv: 'Födda i Sverige',
        labelEn: 'Born in Sweden',
        terms: [
          { indicator: 'population-birth-region-total', sign: 1 },
          { indicator: 'population-born-abroad', sign: -1 },
        ],
      },
      {
        id: 'europe',
        labelSv: 'Födda i övriga Europa',
        labelEn: 'Born in the rest of Europe',
        terms: [
          { indicator: 'population-born-abroad', sign: 1 },
          { indicator: 'population-born-outside-europe', sign: -1 },
        ],
      },
      {
        id: 'outside-europe',
        labelSv: 'Födda utanför Europa',
        labelEn: 'Born outside Europe',
        terms: [{ indicator: 'population-born-outside-europe', sign: 1 }],
      },
    ],
  },
];

export async function multigroupSegregation(db: Queryable, q: { division: string; set: string; period?: string }) {
  await requireDivision(db, q.division);
  const set = MULTIGROUP_SETS.find((x) => x.id === q.set);
  if (!set)
    throw new AppError('validation_failed', `Unknown set of groups '${q.set}'`, [
      { field: 'set', message: `one of ${MULTIGROUP_SETS.map((x) => x.id).join(', ')}` },
    ]);
  const ids = [...new Set(set.groups.flatMap((g) => g.terms.map((t) => t.indicator)))];
  const periods = await periodsWithAll(db, q.division, ids);
  if (!periods.length) throw new AppError('not_found', `No values for ${set.id} in the division '${q.division}'`);
  const period = q.period ?? (periods[periods.length - 1] as string);
  if (!periods.includes(period))
    throw new AppError('not_found', `No values for the period ${period} (available: ${periods.join(', ')})`);
  const rows = await observationsOfDivision(db, q.division, { indicatorIds: ids, period: period });
  const byArea = new Map<string, Map<string, number | null>>();
  for (const r of rows) {
    const m = byArea.get(r.areaCode) ?? new Map<string, number | null>();
    m.set(r.indicatorId, num(r.value));
    byArea.set(r.areaCode, m);
  }
  const units: { id: string; counts: number[] }[] = [];
  const missing: string[] = [];
  for (const [code, m] of [...byArea.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const counts = set.groups.map((g) =>
      g.terms.reduce<number | null>((s, t) => {
        const v = m.get(t.indicator);
        return s === null || v === null || v === undefined ? null : s + t.sign * v;
      }, 0),
    );
    if (counts.some((c) => c === null)) missing.push(code);
    // rounding in derived counts can leave a tiny negative remainder: clamp at zero
    else units.push({ id: code, counts: counts.map((c) => Math.max(0, c as number)) });
  }
  const r = multiGroupMeasures(
    units,
    set.groups.map((g) => g.id),
  );
  return {
    division: q.division,
    set: { id: set.id, labelSv: set.labelSv, labelEn: set.labelEn },
    groups: set.groups.map((g, k) => ({
      id: g.id,
      labelSv: g.labelSv,
      labelEn: g.labelEn,
      share: r.shares[k] as number,
    })),
    period,
    periods,
    measures: {
      multiD: r.multiD,
      multiH: r.multiH,
      M: r.M,
      multiG: r.multiG,
      normExposure: r.normExposure,
      n: r.n,
      skipped: r.skipped,
    },
    missing,
    sources: sourcesOf(rows),
  };
}
