/** The status of one target, computed from the observations in the database (the method: docs/goals.md). */
import type { Queryable } from '../../db/database.ts';
import { readSeries, type ManualStatusRow, type SeriesRow } from '../../db/repositories/goals.ts';
import { indicatorsById } from '../../db/repositories/indicators.ts';
import { DIVISIONS, KOMMUN_CODE } from '../../core/geo/stockholm.ts';
import type { Target } from '../../core/goals/framework-schema.ts';
import {
  areasFurthestBehind,
  directionStatus,
  everyAreaStatus,
  gapSeries,
  gapTargetValue,
  levelStatus,
  targetPath,
  type Observation,
  type Point,
} from '../../core/goals/status.ts';
import type { TargetEvaluation } from '../../core/contracts/goals.ts';
import { reason } from '../../core/goals/reasons.ts';

const CITY = { divisionId: DIVISIONS.kommun, areaCode: KOMMUN_CODE };

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

type Empty = Omit<TargetEvaluation, 'status' | 'basis' | 'reason'>;
type Ctx = { db: Queryable; t: Target; indicatorId: string; asOfYear: number; empty: Empty };

/** Computes the status of one target from the observations in the database. */
export async function evaluateTarget(
  db: Queryable,
  t: Target,
  asOfYear: number,
  manual?: ManualStatusRow,
): Promise<TargetEvaluation> {
  const empty: Empty = {
    series: [],
    path: [],
    projection: [],
    targetValue: null,
    projectedAtDeadline: null,
    areasBehind: [],
    areas: [],
    areaCounts: null,
    manualStatus: manualFrom(manual),
  };
  const form = t.target;
  let computed: TargetEvaluation;
  if (t.indicatorId === null) {
    computed = {
      ...empty,
      status: 'not_measurable',
      basis: 'no_indicator',
      reason: reason('no_indicator', { needs: t.needsIndicator ?? null }),
    };
  } else {
    const ctx: Ctx = { db, t, indicatorId: t.indicatorId, asOfYear, empty };
    if (form.form === 'level' || form.form === 'direction') computed = await evaluateCity(ctx);
    else if (form.form === 'every_area') computed = await evaluateEveryArea(ctx, form);
    else computed = await evaluateGap(ctx, form);
  }
  // A target the data cannot assess yet (no indicator, or no values) takes its latest manual assessment.
  if (computed.status !== 'not_measurable' || !manual) return computed;
  return {
    ...computed,
    status: manual.status,
    basis: 'manual',
    reason: reason('manual', { date: manual.setAt.slice(0, 10), by: manual.setBy, note: manual.note }),
  };
}

/** Level and direction targets, on the city's series. */
async function evaluateCity({ db, t, indicatorId, asOfYear, empty }: Ctx): Promise<TargetEvaluation> {
  const form = t.target;
  if (form.form !== 'level' && form.form !== 'direction') throw new Error('not a city target');
  const unit = t.unit;
  const deadline = t.deadline.year;
  const opts = { asOfYear };
  {
    const rows = await readSeries(db, indicatorId, CITY.divisionId, CITY.areaCode);
    const obs = toObservations(rows);
    const baselineValue = t.baseline.value ?? obs.find((o) => o.year === t.baseline.period)?.value ?? null;
    const baseline = { year: t.baseline.period, value: baselineValue };
    const areaRows = t.scope.division ? await readSeries(db, indicatorId, t.scope.division) : [];
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
        reason: reason('relative_baseline_missing', { baselineYear: t.baseline.period }),
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
}

/** Every-area targets: each area's own status, and the count of areas meeting the target. */
async function evaluateEveryArea(
  { db, t, indicatorId, asOfYear, empty }: Ctx,
  form: Extract<Target['target'], { form: 'every_area' }>,
): Promise<TargetEvaluation> {
  const unit = t.unit;
  const deadline = t.deadline.year;
  const opts = { asOfYear };
  {
    const rows = await readSeries(db, indicatorId, form.division);
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
      areas: r.areas.map((a) => ({
        areaCode: a.areaId,
        name: a.name,
        year: a.result.latest?.year ?? null,
        value: a.result.latest?.value ?? null,
        status: a.result.status,
        reason: a.result.reason,
      })),
      areaCounts: { met: r.counts.met, total: r.areas.length, division: form.division },
    };
  }
}

/** Gap targets: the weakest area against the city value, per year. */
async function evaluateGap(
  { db, t, indicatorId, asOfYear, empty }: Ctx,
  form: Extract<Target['target'], { form: 'gap' }>,
): Promise<TargetEvaluation> {
  const unit = t.unit;
  const deadline = t.deadline.year;
  const opts = { asOfYear };
  const areaRows = await readSeries(db, indicatorId, form.division);
  const cityRows = toObservations(await readSeries(db, indicatorId, CITY.divisionId, CITY.areaCode));
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
  const better = (await indicatorsById(db, [indicatorId]))[0]?.polarity === 'lower_better' ? 'lower' : 'higher';
  const gaps = gapSeries(byYear, averages, better);
  const baseGap = t.baseline.value ?? gaps.find((g) => g.year === t.baseline.period)?.value ?? null;
  if (baseGap === null) {
    return {
      ...empty,
      series: gaps.map((g) => ({ year: g.year, value: g.value, source: '' })),
      status: 'not_measurable',
      basis: 'no_data',
      reason: reason('gap_baseline_missing', { baselineYear: t.baseline.period }),
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
