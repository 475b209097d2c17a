/** The choices of the analysis pages (divisions, periods, presets) and the areas of a division. */
import type { Queryable } from '../../db/database.ts';
import * as repo from '../../db/repositories/analysis.ts';
import { DEFAULT_CUTOFFS, DEFAULT_SHARES, DEFAULT_TYPE_WEIGHTS } from '../../core/analysis/need-index.ts';
import { DEFAULT_NEED_INDICATORS, NEED_BASE_DIVISION, POPULATION_INDICATOR, SEGREGATION_PRESETS } from './presets.ts';
import { requireDivision } from './shared.ts';

export async function analysisOptions(db: Queryable) {
  const divisions = await repo.divisionsWithAreas(db);
  const presetIndicators = [...new Set(SEGREGATION_PRESETS.flatMap((p) => [p.group, p.total]))];
  const have = new Set(
    (await repo.indicatorPeriods(db, presetIndicators)).map(
      (r) => `${r.divisionId}\u0000${r.period}\u0000${r.indicatorId}`,
    ),
  );
  const periodsOf = new Map<string, string[]>();
  for (const k of have) {
    const [d = '', p = ''] = k.split('\u0000');
    const list = periodsOf.get(d) ?? [];
    if (!list.includes(p)) list.push(p);
    periodsOf.set(d, list);
  }
  const out = [];
  for (const d of divisions) {
    const presets = [];
    for (const p of SEGREGATION_PRESETS) {
      const periods = (periodsOf.get(d.id) ?? [])
        .filter(
          (per) => have.has(`${d.id}\u0000${per}\u0000${p.group}`) && have.has(`${d.id}\u0000${per}\u0000${p.total}`),
        )
        .sort();
      if (periods.length) presets.push({ id: p.id, periods });
    }
    if (presets.length) out.push({ ...d, presets });
  }
  const needPeriods = await repo.periodsWithAll(db, NEED_BASE_DIVISION, [
    ...DEFAULT_NEED_INDICATORS.map((i) => i.id),
    POPULATION_INDICATOR,
  ]);
  const indicators = await repo.indicatorsById(db, [...presetIndicators, ...DEFAULT_NEED_INDICATORS.map((i) => i.id)]);
  return {
    divisions: out,
    plannedYears: await repo.plannedYears(db),
    presets: [...SEGREGATION_PRESETS],
    need: {
      baseDivision: NEED_BASE_DIVISION,
      periods: needPeriods,
      indicators: DEFAULT_NEED_INDICATORS.map((i) => ({ ...i })),
      cutoffs: [...DEFAULT_CUTOFFS],
      shares: [...DEFAULT_SHARES],
      typeWeights: { ...DEFAULT_TYPE_WEIGHTS },
    },
    indicators,
  };
}

export async function divisionAreas(db: Queryable, divisionId: string) {
  await requireDivision(db, divisionId);
  return { division: divisionId, areas: await repo.areasOfDivision(db, divisionId, true) };
}
