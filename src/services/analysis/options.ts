/** The choices of the analysis pages (divisions, periods, presets) and the areas of a division. */
import { roundGeometry } from '../areas/locator.ts';
import type { Queryable } from '../../db/database.ts';
import { areasByCode, listDivisions } from '../../db/repositories/areas.ts';
import { indicatorsById } from '../../db/repositories/indicators.ts';
import { presentIndicator } from '../../core/contracts/indicators.ts';
import { plannedYears } from '../../db/repositories/interventions-budget.ts';
import { indicatorCoverage, periodsWithAll } from '../../db/repositories/observations.ts';
import { DEFAULT_CUTOFFS, DEFAULT_SHARES, DEFAULT_TYPE_WEIGHTS } from '../../core/analysis/need-index.ts';
import { DEFAULT_NEED_INDICATORS, NEED_BASE_DIVISION, POPULATION_INDICATOR, SEGREGATION_PRESETS } from './presets.ts';
import { requireDivision } from './shared.ts';

export async function analysisOptions(db: Queryable) {
  const divisions = (await listDivisions(db)).filter((d) => d.areaCount > 0);
  const presetIndicators = [...new Set(SEGREGATION_PRESETS.flatMap((p) => [p.group, p.total]))];
  const have = new Set(
    (await indicatorCoverage(db, presetIndicators)).map(
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
    if (presets.length)
      out.push({ id: d.id, nameSv: d.nameSv, nameEn: d.nameEn, level: d.level, areaCount: d.areaCount, presets });
  }
  const needPeriods = await periodsWithAll(db, NEED_BASE_DIVISION, [
    ...DEFAULT_NEED_INDICATORS.map((i) => i.id),
    POPULATION_INDICATOR,
  ]);
  const indicators = await indicatorsById(db, [...presetIndicators, ...DEFAULT_NEED_INDICATORS.map((i) => i.id)]);
  return {
    divisions: out,
    plannedYears: await plannedYears(db),
    presets: [...SEGREGATION_PRESETS],
    need: {
      baseDivision: NEED_BASE_DIVISION,
      periods: needPeriods,
      indicators: DEFAULT_NEED_INDICATORS.map((i) => ({ ...i })),
      cutoffs: [...DEFAULT_CUTOFFS],
      shares: [...DEFAULT_SHARES],
      typeWeights: { ...DEFAULT_TYPE_WEIGHTS },
    },
    indicators: indicators.map(presentIndicator),
  };
}

export async function divisionAreas(db: Queryable, divisionId: string) {
  await requireDivision(db, divisionId);
  const areas = await areasByCode(db, divisionId, true);
  // 4 decimals (about 10 m) are plenty for a map; the polygons as loaded: GET /areas?division=…&format=geojson
  return {
    division: divisionId,
    areas: areas.map((a) => ({ code: a.code, name: a.name, geometry: roundGeometry(a.geometry, 4) })),
  };
}
