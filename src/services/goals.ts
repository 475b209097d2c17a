/**
 * Goals and follow-up: loading the framework (data/framework) and the Police's counts into the
 * database, and the goal tree and target details with their computed status.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Queryable } from '../db/database.ts';
import {
  areaExists,
  divisionExists,
  ensureCityArea,
  indicatorHasObservations,
  insertFramework,
  isFrameworkLoaded,
  readCommitments,
  readGoalAreas,
  readGoalLinks,
  readIndicatorInfo,
  readInterventionsForTarget,
  readAreas,
  readLatestManualStatuses,
  readSeries,
  readStrategies,
  readTarget,
  readTargets,
  readVision,
  type FrameworkRows,
  type ManualStatusRow,
  type SeriesRow,
  type TargetRow,
} from '../db/repositories/goals.ts';
import { createBatch, upsertIndicators, upsertObservations } from '../db/repositories/datasets.ts';
import { AppError } from '../core/errors.ts';
import { DIVISIONS, KOMMUN_CODE, KOMMUN_NAME, sdoCode } from '../core/geo/stockholm.ts';
import type { Indicator as StatIndicator, Observation as StatObservation } from '../core/types.ts';
import type {
  Bilingual,
  Citation,
  Commitment,
  Framework,
  GoalArea,
  Indicator,
  Intervention,
  ManualStatus,
  ReformArea,
  Target,
} from '../core/goals/framework-schema.ts';
import {
  areasFurthestBehind,
  countStatuses,
  directionStatus,
  everyAreaStatus,
  gapSeries,
  gapTargetValue,
  levelStatus,
  targetPath,
  type GoalStatus,
  type Observation,
  type Point,
} from '../core/goals/status.ts';
import type { GoalsTree, TargetDetail, TargetEvaluation, TargetSummary } from '../core/contracts/goals.ts';
export type {
  GoalsTree,
  StatusCounts,
  TargetDetail,
  TargetEvaluation,
  TargetSummary,
} from '../core/contracts/goals.ts';
import { loadFramework } from '../importers/framework.ts';
import { readIndicatorCatalogue } from '../importers/indicator-catalogue.ts';
import { writeCatalogue } from './indicators/catalogue.ts';
import {
  countByDistrict,
  countForMunicipality,
  POLISEN_INDICATOR_ID,
  readVulnerableAreaLists,
} from '../importers/polisen.ts';
import { readMembership } from '../importers/stockholm-geography.ts';
import type { StartupLoader } from './loaders.ts';

const CITY = { divisionId: DIVISIONS.kommun, areaCode: KOMMUN_CODE };

// ---------------------------------------------------------------------------------------------
// Loading

const FORM_TO_DB = { level: 'level', direction: 'direction', gap: 'gap', every_area: 'all_areas' } as const;

function citationColumns(c: Citation): { sourceDoc: string; sourceSection: string; sourceQuote: string | null } {
  return { sourceDoc: c.document, sourceSection: c.section, sourceQuote: c.quote ?? null };
}

/** The framework as database rows. `knownDivisions`: divisions present (others are kept in spec only). */
export function frameworkToRows(f: Framework, knownDivisions: ReadonlySet<string>): FrameworkRows {
  const rows: FrameworkRows = {
    vision: {
      id: f.vision.id,
      titleSv: f.vision.title.sv,
      titleEn: f.vision.title.en,
      textSv: f.vision.text.sv,
      textEn: f.vision.text.en,
      ...citationColumns(f.vision.citation),
    },
    goalAreas: [],
    strategies: [],
    targets: [],
    commitments: [],
    links: [],
    manualStatuses: [],
  };
  for (const g of f.goalAreas) {
    const { strategies, ...rest } = g;
    rows.goalAreas.push({
      id: g.id,
      framework: 'roadmap',
      visionId: f.vision.id,
      number: String(g.order),
      titleSv: g.title.sv,
      titleEn: g.title.en,
      textSv: g.description?.sv ?? '',
      textEn: g.description?.en ?? '',
      ...citationColumns(g.citation),
      sort: g.order,
      spec: rest,
    });
    for (const s of strategies) {
      rows.strategies.push({
        id: s.id,
        goalAreaId: g.id,
        number: s.numeral,
        titleSv: s.title.sv,
        titleEn: s.title.en,
        ...citationColumns(s.citation),
        sort: s.number,
      });
    }
  }
  for (const a of f.reformProgramme.areas) {
    const { commitments, ...rest } = a;
    rows.goalAreas.push({
      id: a.id,
      framework: 'reform',
      visionId: f.vision.id,
      number: String(a.number),
      titleSv: a.title.sv,
      titleEn: a.title.en,
      textSv: '',
      textEn: '',
      ...citationColumns(a.citation),
      sort: a.number,
      spec: rest,
    });
    commitments.forEach((c, i) => {
      rows.commitments.push({
        id: c.id,
        goalAreaId: a.id,
        targetId: c.targetIds[0] ?? null,
        titleSv: c.title.sv,
        titleEn: c.title.en,
        textSv: c.text,
        ...citationColumns(c.citation),
        sort: a.number * 100 + i,
        spec: c,
      });
      for (const id of c.linkedGoalAreas)
        rows.links.push({ fromKind: 'commitment', fromId: c.id, toKind: 'goal_area', toId: id });
      for (const id of c.linkedStrategies)
        rows.links.push({ fromKind: 'commitment', fromId: c.id, toKind: 'strategy', toId: id });
      for (const id of c.targetIds)
        rows.links.push({ fromKind: 'commitment', fromId: c.id, toKind: 'target', toId: id });
      if (c.manualStatus) rows.manualStatuses.push(manualRow(c.manualStatus, null, c.id));
    });
  }
  f.targets.forEach((t, i) => {
    const form = t.target;
    const division = form.form === 'gap' || form.form === 'every_area' ? form.division : (t.scope.division ?? null);
    const targetValue = form.form === 'level' || form.form === 'every_area' ? form.targetValue : null;
    rows.targets.push({
      id: t.id,
      goalAreaId: t.goalAreaIds[0] as string,
      strategyId: t.strategyIds[0] ?? null,
      form: FORM_TO_DB[form.form],
      titleSv: t.title.sv,
      titleEn: t.title.en,
      textSv: t.description.sv,
      indicatorId: t.indicatorId,
      needsIndicator: t.needsIndicator?.sv ?? null,
      divisionId: division && knownDivisions.has(division) ? division : null,
      baselinePeriod: String(t.baseline.period),
      baselineValue: t.baseline.value === null ? null : String(t.baseline.value),
      targetValue: targetValue === null ? null : String(targetValue),
      direction: form.form === 'direction' ? form.desired : null,
      deadline: `${t.deadline.year}-12-31`,
      origin: t.origin,
      parentTargetId: t.parentTargetId ?? null,
      ...citationColumns(t.citation),
      sort: i,
      spec: t,
    });
    for (const id of t.goalAreaIds)
      rows.links.push({ fromKind: 'target', fromId: t.id, toKind: 'goal_area', toId: id });
    for (const id of t.strategyIds) rows.links.push({ fromKind: 'target', fromId: t.id, toKind: 'strategy', toId: id });
    for (const id of t.commitmentIds)
      rows.links.push({ fromKind: 'target', fromId: t.id, toKind: 'commitment', toId: id });
  });
  return rows;
}

function manualRow(m: ManualStatus, targetId: string | null, commitmentId: string | null): ManualStatusRow {
  return { targetId, commitmentId, status: m.status, note: m.note, setBy: m.setBy, setAt: `${m.setAt}T00:00:00Z` };
}

/** The framework's indicators as statistics indicators (so targets can reference them). */
export function frameworkIndicators(f: Framework): StatIndicator[] {
  return f.indicators.map((ind: Indicator, i) => ({
    id: ind.id,
    nameSv: ind.name.sv,
    nameEn: ind.name.en,
    definitionSv: ind.note?.sv ?? '',
    definitionEn: ind.note?.en ?? '',
    unit: ind.unit.sv,
    kind: 'count',
    polarity: ind.better === 'lower' ? 'lower_better' : 'higher_better',
    sourceId: null,
    numeratorId: null,
    denominatorId: null,
    multiplier: 1,
    decimals: 0,
    goalAreaId: null,
    sort: 900 + i,
  }));
}

/** Start-up loader: the framework from the repository's files (needs no data directory). */
export const goalsFrameworkLoader: StartupLoader = {
  id: 'goals-framework',
  needsDataDir: false,
  isLoaded: isFrameworkLoaded,
  async load(tx, ctx) {
    ctx.progress.step('Målramverket (data/framework)');
    const f = await loadFramework();
    // the framework's indicators that the catalogue (data/indicators) defines are written as the catalogue has them
    const catalogue = readIndicatorCatalogue().indicators;
    const inCatalogue = new Set(catalogue.map((i) => i.id));
    const own = frameworkIndicators(f);
    await writeCatalogue(
      tx,
      catalogue.filter((m) => own.some((i) => i.id === m.id)),
    );
    await upsertIndicators(
      tx,
      own.filter((i) => !inCatalogue.has(i.id)),
    );
    const known = new Set<string>();
    for (const t of f.targets) {
      const d = t.target.form === 'gap' || t.target.form === 'every_area' ? t.target.division : t.scope.division;
      if (d && (await divisionExists(tx, d))) known.add(d);
    }
    await insertFramework(tx, frameworkToRows(f, known));
  },
};

/** Start-up loader: the Police's vulnerable areas counted for Stockholm municipality, per list year. */
export const goalsPolisenLoader: StartupLoader = {
  id: 'goals-polisen',
  needsDataDir: true,
  isLoaded: (db) => indicatorHasObservations(db, POLISEN_INDICATOR_ID),
  async load(tx, ctx) {
    if (!ctx.dataDir) return;
    const dir = join(ctx.dataDir, 'polisen');
    if (!existsSync(dir)) {
      ctx.progress.info(`No ${dir}: the vulnerable-areas count is not loaded.`);
      return;
    }
    ctx.progress.step('Polisen, utsatta områden');
    const lists = await readVulnerableAreaLists(dir);
    const counts = lists.map((l) => countForMunicipality(l, KOMMUN_NAME));
    const f = await loadFramework();
    await upsertIndicators(
      tx,
      frameworkIndicators(f).filter((i) => i.id === POLISEN_INDICATOR_ID),
    );
    if (!(await areaExists(tx, CITY.divisionId, CITY.areaCode))) {
      await ensureCityArea(
        tx,
        { id: CITY.divisionId, nameSv: 'Stockholms stad', nameEn: 'City of Stockholm' },
        { code: CITY.areaCode, name: KOMMUN_NAME },
      );
    }
    const batch = await createBatch(tx, {
      dataset: 'polisen-utsatta-omraden-count',
      description: 'Antal utsatta områden i Stockholms kommun per år (Polisens listor)',
      checksum: counts.map((c) => `${c.year}:${c.count}`).join(','),
      fileCount: counts.length,
      rowCount: counts.length,
    });
    const obs: StatObservation[] = counts.map((c) => ({
      indicatorId: POLISEN_INDICATOR_ID,
      divisionId: CITY.divisionId,
      areaCode: CITY.areaCode,
      period: String(c.year),
      breakdown: '',
      value: String(c.count),
      numerator: null,
      denominator: null,
      status: 'final',
      derived: true,
      source: c.source,
    }));
    // per stadsdelsområde (2023 division), when the reference data has written its areas
    const membershipFile = join(ctx.dataDir, 'stockholm', 'stadsdel-stadsdelsomrade.csv');
    const districts = await readAreas(tx, DIVISIONS.sdo2023);
    if (districts.length && existsSync(membershipFile)) {
      const membership = await readMembership(membershipFile);
      const toDistrict = new Map(membership.map((m) => [m.stadsdel.toLocaleUpperCase('sv'), m.sdo2023]));
      const codes = new Set(districts.map((d) => d.code));
      let perList: ReturnType<typeof countByDistrict>[] = [];
      let problem: string | null = null;
      try {
        perList = lists.map((l) => countByDistrict(l, KOMMUN_NAME, toDistrict));
        const unknown = perList.flatMap((by) => [...by.byDistrict.keys()].filter((name) => !codes.has(sdoCode(name))));
        if (unknown.length) problem = `${[...new Set(unknown)].join(', ')} not among the areas of ${DIVISIONS.sdo2023}`;
      } catch (e) {
        problem = (e as Error).message;
      }
      if (problem) {
        // never block start-up over this: the city count is still stored
        ctx.progress.info(`Vulnerable areas not counted per stadsdelsområde: ${problem}`);
      } else {
        for (const by of perList) {
          const byCode = new Map([...by.byDistrict].map(([name, areas]) => [sdoCode(name), areas.length]));
          for (const d of districts) {
            obs.push({
              indicatorId: POLISEN_INDICATOR_ID,
              divisionId: DIVISIONS.sdo2023,
              areaCode: d.code,
              period: String(by.year),
              breakdown: '',
              value: String(byCode.get(d.code) ?? 0),
              numerator: null,
              denominator: null,
              status: 'final',
              derived: true,
              source: by.source,
            });
          }
        }
      }
    } else {
      ctx.progress.info('No stadsdelsområden in the database: the vulnerable areas are counted for the city only.');
    }
    await upsertObservations(tx, obs, batch);
    ctx.progress.tick(obs.length);
  },
};

export const goalsStartupLoaders: StartupLoader[] = [goalsFrameworkLoader, goalsPolisenLoader];

// ---------------------------------------------------------------------------------------------
// Status of a target

function yearOf(period: string): number | null {
  return /^\d{4}$/.test(period) ? Number(period) : null;
}

function toObservations(rows: readonly SeriesRow[]): (Observation & { source: string })[] {
  const out: (Observation & { source: string })[] = [];
  for (const r of rows) {
    const y = yearOf(r.period);
    if (y === null) continue;
    out.push({ year: y, value: r.value === null ? null : Number(r.value), source: r.source });
  }
  return out;
}

function manualFrom(m: ManualStatusRow | undefined): TargetEvaluation['manualStatus'] {
  if (!m) return null;
  return { status: m.status, note: m.note, setBy: m.setBy, setAt: m.setAt.slice(0, 10), source: 'manual' };
}

/** Computes the status of one target from the observations in the database. */
export async function evaluateTarget(
  db: Queryable,
  t: Target,
  asOfYear: number,
  manual?: ManualStatusRow,
): Promise<TargetEvaluation> {
  const empty = {
    series: [],
    path: [],
    projection: [],
    targetValue: null,
    projectedAtDeadline: null,
    areasBehind: [],
    manualStatus: manualFrom(manual),
  };
  const form = t.target;
  const unit = t.unit;
  if (t.indicatorId === null) {
    if (manual) {
      return {
        ...empty,
        status: manual.status,
        basis: 'manual',
        reason: {
          sv: `Manuell bedömning ${manual.setAt.slice(0, 10)} av ${manual.setBy}: ${manual.note}`,
          en: `Manual assessment on ${manual.setAt.slice(0, 10)} by ${manual.setBy}: ${manual.note}`,
        },
      };
    }
    return {
      ...empty,
      status: 'not_measurable',
      basis: 'no_indicator',
      reason: {
        sv: `Status kan inte beräknas: indikator saknas. ${t.needsIndicator?.sv ?? ''}`.trim(),
        en: `The status cannot be computed: the indicator is missing. ${t.needsIndicator?.en ?? ''}`.trim(),
      },
    };
  }
  const deadline = t.deadline.year;
  const opts = { asOfYear };

  if (form.form === 'level' || form.form === 'direction') {
    const rows = await readSeries(db, t.indicatorId, CITY.divisionId, CITY.areaCode);
    const obs = toObservations(rows);
    const baselineValue = t.baseline.value ?? obs.find((o) => o.year === t.baseline.period)?.value ?? null;
    const baseline = { year: t.baseline.period, value: baselineValue };
    const areaRows = t.scope.division ? await readSeries(db, t.indicatorId, t.scope.division) : [];
    if (form.form === 'direction') {
      const r = directionStatus(obs, { form: 'direction', desired: form.desired, deadline, baseline, unit }, opts);
      return {
        ...empty,
        status: r.status,
        basis: r.basis,
        reason: r.reason,
        series: withSource(r.series, obs),
        projection: r.projection,
        projectedAtDeadline: r.projectedAtDeadline,
      };
    }
    const targetValue =
      form.targetValue ??
      (baselineValue !== null && form.targetFactor !== undefined ? baselineValue * form.targetFactor : null);
    if (targetValue === null) {
      return {
        ...empty,
        series: withSource(obs.filter((o) => o.value !== null) as Point[], obs),
        status: 'not_measurable',
        basis: 'no_data',
        reason: {
          sv: `Målvärdet räknas från utgångsvärdet ${t.baseline.period}, som saknas ännu.`,
          en: `The target value is computed from the ${t.baseline.period} baseline, which is missing.`,
        },
      };
    }
    const r = levelStatus(
      obs,
      { form: 'level', targetValue, comparator: form.comparator, deadline, baseline, unit },
      opts,
    );
    const path =
      baselineValue !== null && deadline >= t.baseline.period
        ? targetPath({ year: t.baseline.period, value: baselineValue }, { year: deadline, value: targetValue })
        : [];
    return {
      ...empty,
      status: r.status,
      basis: r.basis,
      reason: r.reason,
      series: withSource(r.series, obs),
      path,
      projection: r.projection,
      targetValue,
      projectedAtDeadline: r.projectedAtDeadline,
      areasBehind: behind(areaRows, targetValue, form.comparator),
    };
  }

  if (form.form === 'every_area') {
    const rows = await readSeries(db, t.indicatorId, form.division);
    const byArea = new Map<string, { name: string; rows: SeriesRow[] }>();
    for (const r of rows) {
      const e = byArea.get(r.areaCode) ?? { name: r.areaName, rows: [] };
      e.rows.push(r);
      byArea.set(r.areaCode, e);
    }
    const spec = { form: 'level' as const, targetValue: form.targetValue, comparator: form.comparator, deadline, unit };
    const r = everyAreaStatus(
      [...byArea].map(([code, e]) => ({ areaId: code, name: e.name, observations: toObservations(e.rows) })),
      spec,
      opts,
    );
    return {
      ...empty,
      status: r.status,
      basis: 'trend',
      reason: r.reason,
      path: targetPath(
        { year: t.baseline.period, value: form.targetValue },
        { year: deadline, value: form.targetValue },
      ),
      targetValue: form.targetValue,
      areasBehind: behind(rows, form.targetValue, form.comparator),
    };
  }

  // gap: weakest area against the city value, per year
  const areaRows = await readSeries(db, t.indicatorId, form.division);
  const cityRows = toObservations(await readSeries(db, t.indicatorId, CITY.divisionId, CITY.areaCode));
  const byYear = new Map<number, { areaId: string; value: number | null }[]>();
  for (const r of areaRows) {
    const y = yearOf(r.period);
    if (y === null) continue;
    const list = byYear.get(y) ?? [];
    list.push({ areaId: r.areaCode, value: r.value === null ? null : Number(r.value) });
    byYear.set(y, list);
  }
  const averages = new Map<number, number>();
  for (const o of cityRows) if (o.value !== null) averages.set(o.year, o.value);
  const better = (await readIndicatorInfo(db, t.indicatorId))?.polarity === 'lower_better' ? 'lower' : 'higher';
  const gaps = gapSeries(byYear, averages, better);
  const baseGap = t.baseline.value ?? gaps.find((g) => g.year === t.baseline.period)?.value ?? null;
  if (baseGap === null) {
    return {
      ...empty,
      series: gaps.map((g) => ({ year: g.year, value: g.value, source: '' })),
      status: 'not_measurable',
      basis: 'no_data',
      reason: {
        sv: `Skillnaden ${t.baseline.period} (utgångsläget) saknas, så målet kan inte räknas ut ännu.`,
        en: `The ${t.baseline.period} gap (the baseline) is missing, so the target cannot be computed yet.`,
      },
    };
  }
  const targetValue = gapTargetValue(baseGap, form.reduction);
  const r = levelStatus(
    gaps,
    {
      form: 'level',
      targetValue,
      comparator: 'at_most',
      deadline,
      baseline: { year: t.baseline.period, value: baseGap },
      unit,
    },
    opts,
  );
  return {
    ...empty,
    status: r.status,
    basis: r.basis,
    reason: r.reason,
    series: r.series.map((p) => ({ ...p, source: areaRows[0]?.source ?? '' })),
    path: targetPath({ year: t.baseline.period, value: baseGap }, { year: deadline, value: targetValue }),
    projection: r.projection,
    targetValue,
    projectedAtDeadline: r.projectedAtDeadline,
  };
}

function withSource(
  points: readonly Point[],
  obs: readonly (Observation & { source: string })[],
): (Point & { source: string })[] {
  return points.map((p) => ({ ...p, source: obs.find((o) => o.year === p.year)?.source ?? '' }));
}

function behind(rows: readonly SeriesRow[], targetValue: number, comparator: 'at_most' | 'at_least') {
  const latest = new Map<string, { name: string; year: number; value: number }>();
  for (const r of rows) {
    const y = yearOf(r.period);
    if (y === null || r.value === null) continue;
    const prev = latest.get(r.areaCode);
    if (!prev || y > prev.year) latest.set(r.areaCode, { name: r.areaName, year: y, value: Number(r.value) });
  }
  return areasFurthestBehind(
    [...latest].map(([areaId, v]) => ({ areaId, name: v.name, value: v.value })),
    targetValue,
    comparator,
    5,
  ).map((a) => ({ areaCode: a.areaId, name: a.name, value: a.value, shortfall: a.shortfall }));
}

// ---------------------------------------------------------------------------------------------
// The tree

function citationOf(row: { sourceDoc: string; sourceSection: string; sourceQuote: string | null }): Citation {
  return {
    document: row.sourceDoc,
    section: row.sourceSection,
    ...(row.sourceQuote ? { quote: row.sourceQuote } : {}),
  };
}

const targetOf = (row: TargetRow): Target => row.spec as Target;

/** `includeDrafts`: staff see draft goal areas, strategies, targets and commitments too; the public never does. */
export async function getGoalsTree(
  db: Queryable,
  asOfYear: number,
  opts: { includeDrafts?: boolean } = {},
): Promise<GoalsTree> {
  const drafts = opts.includeDrafts ?? false;
  const [vision, areas, strategies, targetRows, commitmentRows, manual] = await Promise.all([
    readVision(db),
    readGoalAreas(db, drafts),
    readStrategies(db, drafts),
    readTargets(db, drafts),
    readCommitments(db, drafts),
    readLatestManualStatuses(db),
  ]);
  const manualByTarget = new Map(manual.filter((m) => m.targetId).map((m) => [m.targetId as string, m]));
  const manualByCommitment = new Map(manual.filter((m) => m.commitmentId).map((m) => [m.commitmentId as string, m]));
  const summaries = new Map<string, TargetSummary>();
  for (const row of targetRows) {
    const t = targetOf(row);
    const e = await evaluateTarget(db, t, asOfYear, manualByTarget.get(t.id));
    summaries.set(t.id, {
      id: t.id,
      title: t.title,
      origin: t.origin,
      parentTargetId: t.parentTargetId ?? null,
      form: t.target.form,
      deadline: t.deadline.year,
      hasIndicator: t.indicatorId !== null,
      status: e.status,
      reason: e.reason,
    });
  }
  const targets = targetRows.map(targetOf);
  const goalAreas: GoalsTree['goalAreas'] = areas
    .filter((a) => a.framework === 'roadmap')
    .map((a) => {
      const spec = a.spec as Omit<GoalArea, 'strategies'>;
      const mine = targets.filter((t) => t.goalAreaIds.includes(a.id));
      const placed = new Set<string>();
      const strats = strategies
        .filter((s) => s.goalAreaId === a.id)
        .map((s) => {
          const ts = mine.filter((t) => !placed.has(t.id) && t.strategyIds.includes(s.id));
          for (const t of ts) placed.add(t.id);
          return {
            id: s.id,
            number: s.sort,
            numeral: s.number,
            title: { sv: s.titleSv, en: s.titleEn },
            citation: citationOf(s),
            targets: ts.map((t) => summaries.get(t.id) as TargetSummary),
          };
        });
      const counts = countStatuses(mine.map((t) => (summaries.get(t.id) as TargetSummary).status));
      return {
        id: a.id,
        order: a.sort,
        title: { sv: a.titleSv, en: a.titleEn },
        description: spec.description ?? null,
        citation: citationOf(a),
        counts,
        total: mine.length,
        strategies: strats,
        otherTargets: mine.filter((t) => !placed.has(t.id)).map((t) => summaries.get(t.id) as TargetSummary),
      };
    });
  const reformAreas: GoalsTree['reformAreas'] = areas
    .filter((a) => a.framework === 'reform')
    .map((a) => {
      const spec = a.spec as Omit<ReformArea, 'commitments'>;
      return {
        id: a.id,
        number: a.sort,
        title: { sv: a.titleSv, en: a.titleEn },
        linkedGoalAreas: spec.linkedGoalAreas ?? [],
        citation: citationOf(a),
        commitments: commitmentRows
          .filter((c) => c.goalAreaId === a.id)
          .map((c) => {
            const spec = c.spec as Commitment;
            const m = manualByCommitment.get(c.id);
            const measured = spec.targetIds
              .map((id) => summaries.get(id))
              .filter((s): s is TargetSummary => !!s && s.hasIndicator);
            const status: GoalStatus = m ? m.status : 'not_measurable';
            const reason: Bilingual = m
              ? {
                  sv: `Manuell bedömning ${m.setAt.slice(0, 10)} av ${m.setBy}: ${m.note}`,
                  en: `Manual assessment on ${m.setAt.slice(0, 10)} by ${m.setBy}: ${m.note}`,
                }
              : measured.length
                ? {
                    sv: 'Följs upp genom de mätbara målen nedan.',
                    en: 'Followed up through the measurable targets below.',
                  }
                : {
                    sv: 'Åtagandet har ingen indikator och ingen manuell bedömning ännu.',
                    en: 'The commitment has no indicator and no manual assessment yet.',
                  };
            return {
              id: c.id,
              title: { sv: c.titleSv, en: c.titleEn },
              text: c.textSv,
              linkedGoalAreas: spec.linkedGoalAreas,
              targetIds: spec.targetIds,
              status,
              reason,
              manualStatus: m ? { status: m.status, note: m.note, setBy: m.setBy, setAt: m.setAt.slice(0, 10) } : null,
              citation: citationOf(c),
            };
          }),
      };
    });
  const all = [...summaries.values()];
  return {
    asOfYear,
    vision: vision
      ? {
          id: vision.id,
          title: { sv: vision.titleSv, en: vision.titleEn },
          text: { sv: vision.textSv, en: vision.textEn },
          citation: citationOf(vision),
        }
      : null,
    goalAreas,
    reformAreas,
    counts: countStatuses(all.map((s) => s.status)),
    total: all.length,
  };
}

// ---------------------------------------------------------------------------------------------
// One target

let frameworkCache: Promise<Framework> | null = null;
function frameworkFiles(): Promise<Framework> {
  frameworkCache ??= loadFramework();
  return frameworkCache;
}

export async function getTargetDetail(
  db: Queryable,
  id: string,
  asOfYear: number,
  opts: { includeDrafts?: boolean } = {},
): Promise<TargetDetail> {
  const drafts = opts.includeDrafts ?? false;
  const row = await readTarget(db, id, drafts);
  if (!row) throw new AppError('not_found', `target ${id} was not found`);
  const t = targetOf(row);
  const [areas, strategies, commitments, targets, manual, links] = await Promise.all([
    readGoalAreas(db, drafts),
    readStrategies(db, drafts),
    readCommitments(db, drafts),
    readTargets(db, drafts),
    readLatestManualStatuses(db),
    readGoalLinks(db),
  ]);
  const m = manual.find((x) => x.targetId === id);
  const e = await evaluateTarget(db, t, asOfYear, m);
  const info = t.indicatorId ? await readIndicatorInfo(db, t.indicatorId) : null;
  const registered = await readInterventionsForTarget(db, id, drafts);
  let interventions: TargetDetail['interventions'] = registered.map((r) => ({
    id: r.id,
    name: { sv: r.name, en: r.name },
    status: r.status,
    responsible: r.committeeName,
    origin: 'register' as const,
  }));
  if (!interventions.length) {
    const f = await frameworkFiles();
    interventions = f.interventions
      .filter((i: Intervention) => i.linkedTargets.includes(id))
      .map((i) => ({
        id: i.id,
        name: i.name,
        status: i.status,
        responsible: i.responsibleCommittee,
        origin: 'framework' as const,
      }));
  }
  const commitmentIds = new Set([
    ...t.commitmentIds,
    ...links.filter((l) => l.fromKind === 'commitment' && l.toKind === 'target' && l.toId === id).map((l) => l.fromId),
  ]);
  const parentRow = t.parentTargetId ? targets.find((x) => x.id === t.parentTargetId) : undefined;
  return {
    ...e,
    manualStatus: e.manualStatus
      ? {
          status: e.manualStatus.status,
          note: e.manualStatus.note,
          setBy: e.manualStatus.setBy,
          setAt: e.manualStatus.setAt,
        }
      : null,
    target: t,
    asOfYear,
    goalAreas: areas
      .filter((a) => t.goalAreaIds.includes(a.id))
      .map((a) => ({ id: a.id, title: { sv: a.titleSv, en: a.titleEn } })),
    strategies: strategies
      .filter((s) => t.strategyIds.includes(s.id))
      .map((s) => ({ id: s.id, goalAreaId: s.goalAreaId, numeral: s.number, title: { sv: s.titleSv, en: s.titleEn } })),
    commitments: commitments
      .filter((c) => commitmentIds.has(c.id))
      .map((c) => ({ id: c.id, title: { sv: c.titleSv, en: c.titleEn } })),
    parent: parentRow ? { id: parentRow.id, title: { sv: parentRow.titleSv, en: parentRow.titleEn } } : null,
    milestones: targets
      .filter((x) => x.parentTargetId === id)
      .map((x) => ({ id: x.id, title: { sv: x.titleSv, en: x.titleEn } })),
    indicator: info
      ? {
          id: info.id,
          name: { sv: info.nameSv, en: info.nameEn },
          unit: info.unit,
          definition: { sv: info.definitionSv, en: info.definitionEn },
        }
      : null,
    interventions,
  };
}

/** The year the status is assessed in (the app's clock, Stockholm time). */
export function assessmentYear(now: Date): number {
  return Number(new Intl.DateTimeFormat('sv-SE', { year: 'numeric', timeZone: 'Europe/Stockholm' }).format(now));
}
