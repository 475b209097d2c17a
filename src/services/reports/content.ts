/**
 * The generated sections of a report, built from the same services that feed the screens: the goal
 * tree and target detail (goals), the intervention list and detail (interventions), the area profile
 * (profiles) and who takes part (participation). Nothing here calculates a figure of its own; it
 * selects the committee's part and names source and period.
 */
import type { Queryable } from '../../db/database.ts';
import type {
  AreasContent,
  GeneratedContent,
  InterventionsContent,
  ParticipationContent,
  TargetsContent,
} from '../../core/contracts/reports.ts';
import type { z } from 'zod';
import { followUpInPeriod, type Period } from '../../core/reports/periods.ts';
import type { Generator, Template } from '../../core/reports/templates.ts';
import { DIVISIONS } from '../../core/geo/stockholm.ts';
import { committeeAreaKeys } from '../../db/repositories/users.ts';
import { readSeries } from '../../db/repositories/goals.ts';
import { indicatorsById } from '../../db/repositories/indicators.ts';
import type { CommitteeRow } from '../../db/repositories/reports.ts';
import { readAssessments } from '../../db/repositories/report-assessments.ts';
import { getGoalsTree, getTargetDetail } from '../goals/index.ts';
import { getInterventionDetail, listInterventions } from '../interventions/index.ts';
import { getProfile } from '../areas/profiles.ts';
import { whoTakesPart } from '../participation/taking-part.ts';
import { reasonWords } from './words.ts';
import { sumMoney } from '../../core/reports/money.ts';

export interface ContentContext {
  db: Queryable;
  committee: CommitteeRow;
  period: Period;
  template: Template;
  /** the committee's areas as division:code keys (its own area and every area below it) */
  areaKeys: readonly string[];
}

export async function contentContext(
  db: Queryable,
  committee: CommitteeRow,
  period: Period,
  template: Template,
): Promise<ContentContext> {
  return { db, committee, period, template, areaKeys: await committeeAreaKeys(db, committee.id) };
}

export async function generate(ctx: ContentContext, generator: Generator): Promise<GeneratedContent> {
  switch (generator) {
    case 'targets':
      return { generator, data: await targetsContent(ctx) };
    case 'interventions':
      return { generator, data: await interventionsContent(ctx) };
    case 'areas':
      return { generator, data: await areasContent(ctx) };
    case 'participation':
      return { generator, data: await participationContent(ctx) };
  }
}

const periodLabel = (p: Period): string => `${p.id} (${p.startsOn}–${p.endsOn})`;

// ---------------------------------------------------------------------------------------- targets

function trendOf(series: readonly { year: number; value: number | null }[]): 'up' | 'down' | 'flat' | null {
  const valued = series.filter((p): p is { year: number; value: number } => p.value !== null);
  if (valued.length < 2) return null;
  const [a, b] = [valued[valued.length - 2]!.value, valued[valued.length - 1]!.value];
  return b > a ? 'up' : b < a ? 'down' : 'flat';
}

/** The decimals and unit of a target's indicator: its figures are written with these. */
async function indicatorFigures(
  ctx: ContentContext,
  indicatorId: string | null | undefined,
): Promise<{ decimals: number | null; areaUnit: string | null }> {
  const row = indicatorId ? (await indicatorsById(ctx.db, [indicatorId]))[0] : undefined;
  return { decimals: row?.decimals ?? null, areaUnit: row?.unit ?? null };
}

async function targetsContent(ctx: ContentContext): Promise<z.infer<typeof TargetsContent>> {
  const asOfYear = ctx.period.year;
  const tree = await getGoalsTree(ctx.db, asOfYear);
  const ids: string[] = [];
  for (const a of tree.goalAreas) {
    for (const s of a.strategies) for (const t of s.targets) if (!ids.includes(t.id)) ids.push(t.id);
    for (const t of a.otherTargets) if (!ids.includes(t.id)) ids.push(t.id);
  }
  const assessments = new Map(
    (await readAssessments(ctx.db, ctx.committee.id, ctx.period.id)).map((a) => [a.targetId, a]),
  );
  const mine = new Set(ctx.areaKeys);
  const items: z.infer<typeof TargetsContent>['items'] = [];
  for (const id of ids) {
    const d = await getTargetDetail(ctx.db, id, asOfYear);
    const series = d.series.filter((p) => p.year <= asOfYear);
    const valued = series.filter((p) => p.value !== null);
    const last = valued[valued.length - 1] ?? null;
    const division = d.target.scope.division ?? ('division' in d.target.target ? d.target.target.division : null);
    const areaValues: z.infer<typeof TargetsContent>['items'][number]['areaValues'] = [];
    if (d.target.indicatorId && division) {
      const rows = await readSeries(ctx.db, d.target.indicatorId, division);
      const latest = new Map<string, (typeof rows)[number]>();
      for (const r of rows) {
        if (!mine.has(`${division}:${r.areaCode}`) || !/^\d{4}$/.test(r.period) || Number(r.period) > asOfYear)
          continue;
        const prev = latest.get(r.areaCode);
        if (!prev || r.period > prev.period) latest.set(r.areaCode, r);
      }
      for (const r of latest.values())
        areaValues.push({
          key: `${division}:${r.areaCode}`,
          name: r.areaName,
          period: r.period,
          value: r.value === null ? null : Number(r.value),
        });
    }
    const a = assessments.get(id);
    items.push({
      id,
      title: d.target.title,
      unit: d.target.unit,
      ...(await indicatorFigures(ctx, d.target.indicatorId)),
      status: d.status,
      basis: d.basis,
      reason: reasonWords(d.reason),
      targetValue: d.targetValue,
      series: series.slice(-6),
      latest: last ? { year: last.year, value: last.value } : null,
      trend: trendOf(series),
      areaValues,
      assessment: a ? { status: a.status, text: a.text, setBy: a.setBy, setAt: a.setAt } : null,
      note: {
        source: [...new Set(series.map((p) => p.source).filter(Boolean))].join('; ') || 'Färdplan: målramverket',
        period: last ? String(last.year) : String(asOfYear),
      },
    });
  }
  return { asOfYear, items };
}

// ---------------------------------------------------------------------------------------- interventions

/**
 * The committee's interventions with their money for the report's budget year: budget lines are per
 * year, so a report for a period in year Y (a tertial or the annual report) shows year Y's lines, as
 * yearly amounts. An intervention is listed when it has a budget line that year or a follow-up in the
 * period. Unknown amounts stay unknown (null) and a sum over lines where some are unknown is partial.
 */
async function interventionsContent(ctx: ContentContext): Promise<z.infer<typeof InterventionsContent>> {
  const all = await listInterventions(ctx.db, {});
  const mine = new Set(ctx.areaKeys);
  const chosen = all.items.filter(
    (i) => i.committee === ctx.committee.name || (i.areas.length > 0 && i.areas.some((a) => mine.has(a.key))),
  );
  const year = ctx.period.year;
  const items: z.infer<typeof InterventionsContent>['items'] = [];
  for (const i of chosen) {
    const d = await getInterventionDetail(ctx.db, i.id, { asOfYear: year });
    const lines = d.budget.filter((b) => b.year === year);
    const followUps = d.followUps
      .filter((f) => followUpInPeriod(f.period, ctx.period))
      .map((f) => ({ period: f.period, text: f.text }));
    if (lines.length === 0 && followUps.length === 0) continue;
    items.push({
      id: i.id,
      name: i.name,
      status: i.status,
      committee: i.committee,
      areas: i.areas.map((a) => a.name),
      money: sumMoney(lines),
      followUps,
    });
  }
  return {
    year,
    total: sumMoney(items.map((i) => i.money)),
    items,
    note: { source: 'Färdplans insatsregister (budgetrader och uppföljningar)', period: periodLabel(ctx.period) },
  };
}

// ---------------------------------------------------------------------------------------- areas

/** The committee's own area: the stadsdelsområde if it has one, else its first area. */
export function ownAreaKey(keys: readonly string[]): string | null {
  return (
    keys.find((k) => k.startsWith(`${DIVISIONS.sdo2023}:`)) ??
    keys.find((k) => k.startsWith(`${DIVISIONS.sdo2020}:`)) ??
    keys[0] ??
    null
  );
}

async function areasContent(ctx: ContentContext): Promise<z.infer<typeof AreasContent>> {
  const key = ownAreaKey(ctx.areaKeys);
  if (!key) return { area: null, city: '', items: [] };
  const at = key.indexOf(':');
  const profile = await getProfile(ctx.db, key.slice(0, at), key.slice(at + 1));
  const wanted = ctx.template.keyIndicators;
  let chosen = wanted
    .map((id) => profile.indicators.find((i) => i.id === id))
    .filter((i): i is (typeof profile.indicators)[number] => !!i && i.latest !== null);
  if (chosen.length === 0)
    chosen = profile.indicators.filter((i) => i.kind !== 'count' && i.latest?.value != null).slice(0, 4);
  return {
    area: { key, name: profile.area.name },
    city: profile.city.name,
    items: chosen.map((i) => ({
      indicatorId: i.id,
      name: { sv: i.nameSv, en: i.nameEn },
      unit: i.unit,
      decimals: i.decimals,
      period: i.latestPeriod,
      value: i.latest?.value ?? null,
      cityValue: i.city?.value ?? null,
      difference: i.difference,
      rank: i.rank,
      rankedCount: i.rankedCount,
      assessment: i.assessment,
      trend: i.trend.slice(-6).map((p) => ({
        period: p.period,
        value: p.value,
        city: i.cityTrend.find((c) => c.period === p.period)?.value ?? null,
      })),
      note: { source: i.latest?.source || i.source.name || '', period: i.latestPeriod ?? '' },
    })),
  };
}

// ---------------------------------------------------------------------------------------- participation

async function participationContent(ctx: ContentContext): Promise<z.infer<typeof ParticipationContent>> {
  const mine = new Set(ctx.areaKeys);
  const all = await whoTakesPart(ctx.db);
  return {
    items: all.items
      .filter((i) => mine.has(i.area))
      .map((i) => ({
        area: i.area,
        areaName: i.areaName ?? i.area,
        proposals: i.proposals,
        supports: i.supports,
        dialogueParticipants: i.dialogueParticipants,
        ballots: i.ballots,
        population: i.population,
      })),
    note: { source: 'Färdplan: förslag, dialoger och medborgarbudgetar', period: periodLabel(ctx.period) },
  };
}
