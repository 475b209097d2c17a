/**
 * Framework items (the shapes of data/framework, also what analysts edit) as database rows, one
 * function per kind, so the first load, the sync on start and the edit commands write the same rows.
 */
import type {
  CommitmentRow,
  GoalAreaRow,
  GoalLinkRow,
  ManualStatusRow,
  StrategyRow,
  TargetRow,
  VisionRow,
} from '../../db/repositories/goals.ts';
import type { ItemKind, ItemRowOf } from '../../db/repositories/goal-items.ts';
import type {
  Citation,
  Commitment,
  Framework,
  GoalArea,
  ManualStatus,
  ReformArea,
  Strategy,
  Target,
} from '../../core/goals/framework-schema.ts';

const FORM_TO_DB = { level: 'level', direction: 'direction', gap: 'gap', every_area: 'all_areas' } as const;

function citationColumns(c: Citation): { sourceDoc: string; sourceSection: string; sourceQuote: string | null } {
  return { sourceDoc: c.document, sourceSection: c.section, sourceQuote: c.quote ?? null };
}

/** What the database already holds that rows may refer to (a reference to anything else is kept in spec only). */
export interface Known {
  divisions: ReadonlySet<string>;
  indicators: ReadonlySet<string>;
}

export function visionRow(f: Framework): VisionRow {
  return {
    id: f.vision.id,
    titleSv: f.vision.title.sv,
    titleEn: f.vision.title.en,
    textSv: f.vision.text.sv,
    textEn: f.vision.text.en,
    ...citationColumns(f.vision.citation),
  };
}

export function roadmapAreaRow(g: Omit<GoalArea, 'strategies'>, visionId: string | null): GoalAreaRow {
  return {
    id: g.id,
    framework: 'roadmap',
    visionId,
    number: String(g.order),
    titleSv: g.title.sv,
    titleEn: g.title.en,
    textSv: g.description?.sv ?? '',
    textEn: g.description?.en ?? '',
    ...citationColumns(g.citation),
    sort: g.order,
    spec: g,
  };
}

export function reformAreaRow(a: Omit<ReformArea, 'commitments'>, visionId: string | null): GoalAreaRow {
  return {
    id: a.id,
    framework: 'reform',
    visionId,
    number: String(a.number),
    titleSv: a.title.sv,
    titleEn: a.title.en,
    textSv: '',
    textEn: '',
    ...citationColumns(a.citation),
    sort: a.number,
    spec: a,
  };
}

export function strategyRow(s: Strategy, goalAreaId: string): StrategyRow {
  return {
    id: s.id,
    goalAreaId,
    number: s.numeral,
    titleSv: s.title.sv,
    titleEn: s.title.en,
    ...citationColumns(s.citation),
    sort: s.number,
    spec: s,
  };
}

export function commitmentRow(c: Commitment, goalAreaId: string, sort: number): CommitmentRow {
  return {
    id: c.id,
    goalAreaId,
    targetId: c.targetIds[0] ?? null,
    titleSv: c.title.sv,
    titleEn: c.title.en,
    textSv: c.text,
    ...citationColumns(c.citation),
    sort,
    responsibleCommitteeId: c.responsibleCommittee ?? null,
    spec: c,
  };
}

export function commitmentLinks(c: Commitment): GoalLinkRow[] {
  return [
    ...c.linkedGoalAreas.map((id) => ({
      fromKind: 'commitment' as const,
      fromId: c.id,
      toKind: 'goal_area' as const,
      toId: id,
    })),
    ...c.linkedStrategies.map((id) => ({
      fromKind: 'commitment' as const,
      fromId: c.id,
      toKind: 'strategy' as const,
      toId: id,
    })),
    ...c.targetIds.map((id) => ({
      fromKind: 'commitment' as const,
      fromId: c.id,
      toKind: 'target' as const,
      toId: id,
    })),
  ];
}

export function targetRow(t: Target, sort: number, known: Known): TargetRow {
  const form = t.target;
  const division = form.form === 'gap' || form.form === 'every_area' ? form.division : (t.scope.division ?? null);
  const targetValue = form.form === 'level' || form.form === 'every_area' ? form.targetValue : null;
  return {
    id: t.id,
    goalAreaId: t.goalAreaIds[0] as string,
    strategyId: t.strategyIds[0] ?? null,
    form: FORM_TO_DB[form.form],
    titleSv: t.title.sv,
    titleEn: t.title.en,
    textSv: t.description.sv,
    indicatorId: t.indicatorId !== null && known.indicators.has(t.indicatorId) ? t.indicatorId : null,
    needsIndicator: t.needsIndicator?.sv ?? null,
    divisionId: division && known.divisions.has(division) ? division : null,
    baselinePeriod: String(t.baseline.period),
    baselineValue: t.baseline.value === null ? null : String(t.baseline.value),
    targetValue: targetValue === null ? null : String(targetValue),
    direction: form.form === 'direction' ? form.desired : null,
    deadline: `${t.deadline.year}-12-31`,
    origin: t.origin,
    parentTargetId: t.parentTargetId ?? null,
    ...citationColumns(t.citation),
    sort,
    responsibleCommitteeId: t.responsibleCommittee ?? null,
    spec: t,
  };
}

export function targetLinks(t: Target): GoalLinkRow[] {
  return [
    ...t.goalAreaIds.map((id) => ({
      fromKind: 'target' as const,
      fromId: t.id,
      toKind: 'goal_area' as const,
      toId: id,
    })),
    ...t.strategyIds.map((id) => ({
      fromKind: 'target' as const,
      fromId: t.id,
      toKind: 'strategy' as const,
      toId: id,
    })),
    ...t.commitmentIds.map((id) => ({
      fromKind: 'target' as const,
      fromId: t.id,
      toKind: 'commitment' as const,
      toId: id,
    })),
  ];
}

export function manualRow(m: ManualStatus, targetId: string | null, commitmentId: string | null): ManualStatusRow {
  return { targetId, commitmentId, status: m.status, note: m.note, setBy: m.setBy, setAt: `${m.setAt}T00:00:00Z` };
}

/** One framework item as it is written: its kind, row, links and (for commitments) the file's manual status. */
export type FrameworkItem = {
  [K in ItemKind]: { kind: K; id: string; row: ItemRowOf[K]; links: GoalLinkRow[]; manual: ManualStatusRow | null };
}[ItemKind];

/** Every item of the framework files, in the order they must be written (parents first). */
export function frameworkItems(f: Framework, known: Known): FrameworkItem[] {
  const out: FrameworkItem[] = [];
  for (const g of f.goalAreas) {
    const { strategies, ...rest } = g;
    out.push({ kind: 'goal_area', id: g.id, row: roadmapAreaRow(rest, f.vision.id), links: [], manual: null });
    for (const s of strategies)
      out.push({ kind: 'strategy', id: s.id, row: strategyRow(s, g.id), links: [], manual: null });
  }
  for (const a of f.reformProgramme.areas) {
    const { commitments, ...rest } = a;
    void commitments;
    out.push({ kind: 'goal_area', id: a.id, row: reformAreaRow(rest, f.vision.id), links: [], manual: null });
  }
  // parents before the etappmål that refer to them
  const targets = f.targets.map((t, i) => ({ t, i }));
  targets.sort((x, y) => Number(x.t.parentTargetId !== undefined) - Number(y.t.parentTargetId !== undefined));
  for (const { t, i } of targets)
    out.push({ kind: 'target', id: t.id, row: targetRow(t, i, known), links: targetLinks(t), manual: null });
  for (const a of f.reformProgramme.areas) {
    a.commitments.forEach((c, i) => {
      out.push({
        kind: 'commitment',
        id: c.id,
        row: commitmentRow(c, a.id, a.number * 100 + i),
        links: commitmentLinks(c),
        manual: c.manualStatus ? manualRow(c.manualStatus, null, c.id) : null,
      });
    });
  }
  return out;
}
