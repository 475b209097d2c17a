/** Read model: the goal tree with every target's computed status and the summaries that add up. */
import type { Queryable } from '../../db/database.ts';
import { readLatestManualStatuses, readVision, type ManualStatusRow } from '../../db/repositories/goals.ts';
import type {
  Citation,
  Commitment,
  GoalArea,
  ReformArea,
  Strategy,
  Target,
} from '../../core/goals/framework-schema.ts';
import { countStatuses } from '../../core/goals/status.ts';
import { commitmentStatus } from '../../core/goals/rollup.ts';
import type { CommitmentSummary, GoalsTree, TargetStatuses, TargetSummary } from '../../core/contracts/goals.ts';
import { evaluateTarget } from './evaluate.ts';
import { readSnapshot, type ReadOptions, type Snapshot } from './snapshot.ts';

export function citationOf(row: { sourceDoc: string; sourceSection: string; sourceQuote: string | null }): Citation {
  return {
    document: row.sourceDoc,
    section: row.sourceSection,
    ...(row.sourceQuote ? { quote: row.sourceQuote } : {}),
  };
}

/** Every target's computed status (manual assessments apply to targets without an indicator). */
export async function summarise(
  db: Queryable,
  targets: Snapshot['targets'],
  asOfYear: number,
  manual: readonly ManualStatusRow[],
): Promise<Map<string, TargetSummary>> {
  const manualByTarget = new Map(manual.filter((m) => m.targetId).map((m) => [m.targetId as string, m]));
  const out = new Map<string, TargetSummary>();
  for (const row of targets) {
    const t = row.spec as Target;
    const e = await evaluateTarget(db, t, asOfYear, manualByTarget.get(t.id));
    out.set(t.id, {
      id: t.id,
      title: t.title,
      origin: t.origin,
      parentTargetId: t.parentTargetId ?? null,
      form: t.target.form,
      deadline: t.deadline.year,
      hasIndicator: t.indicatorId !== null,
      status: e.status,
      basis: e.basis,
      reason: e.reason,
      areaCounts: e.areaCounts,
      publication: row.publication,
    });
  }
  return out;
}

/** The targets that follow up each commitment: those it lists and those that name it (links count both ways). */
export function targetsOfCommitments(snap: Snapshot): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const c of snap.commitments) out.set(c.id, new Set((c.spec as Commitment).targetIds));
  for (const t of snap.targets) for (const c of (t.spec as Target).commitmentIds) out.get(c)?.add(t.id);
  return new Map([...out].map(([k, v]) => [k, [...v]]));
}

function commitmentSummaries(
  snap: Snapshot,
  summaries: ReadonlyMap<string, TargetSummary>,
  manual: readonly ManualStatusRow[],
): CommitmentSummary[] {
  const manualBy = new Map(manual.filter((m) => m.commitmentId).map((m) => [m.commitmentId as string, m]));
  const targetIds = targetsOfCommitments(snap);
  return snap.commitments.map((c) => {
    const spec = c.spec as Commitment;
    const ids = (targetIds.get(c.id) ?? []).filter((id) => summaries.has(id));
    const m = manualBy.get(c.id);
    const s = commitmentStatus(
      ids.map((id) => summaries.get(id) as TargetSummary),
      m ? { status: m.status, note: m.note, setBy: m.setBy, setAt: m.setAt } : null,
    );
    return {
      id: c.id,
      title: { sv: c.titleSv, en: c.titleEn },
      text: c.textSv,
      linkedGoalAreas: spec.linkedGoalAreas,
      linkedStrategies: spec.linkedStrategies,
      targetIds: ids,
      ...s,
      manualStatus: m ? { status: m.status, note: m.note, setBy: m.setBy, setAt: m.setAt.slice(0, 10) } : null,
      responsibleCommittee: c.responsibleCommitteeId,
      citation: citationOf(c),
      publication: c.publication,
    };
  });
}

/** The goal tree; `asOf` answers from the version history, `includeDrafts` shows staff the drafts. */
export async function getGoalsTree(db: Queryable, asOfYear: number, opts: ReadOptions = {}): Promise<GoalsTree> {
  const [vision, snap, manual] = await Promise.all([
    readVision(db),
    readSnapshot(db, opts),
    readLatestManualStatuses(db),
  ]);
  const summaries = await summarise(db, snap.targets, asOfYear, manual);
  const commitments = commitmentSummaries(snap, summaries, manual);
  const targets = snap.targets.map((r) => r.spec as Target);
  const countCommitments = (list: CommitmentSummary[]) => countStatuses(list.map((c) => c.status));
  const goalAreas: GoalsTree['goalAreas'] = snap.goalAreas
    .filter((a) => a.framework === 'roadmap')
    .map((a) => {
      const spec = a.spec as Omit<GoalArea, 'strategies'>;
      const mine = targets.filter((t) => t.goalAreaIds.includes(a.id));
      const placed = new Set<string>();
      const strats = snap.strategies
        .filter((s) => s.goalAreaId === a.id)
        .map((s) => {
          const ts = mine.filter((t) => !placed.has(t.id) && t.strategyIds.includes(s.id));
          for (const t of ts) placed.add(t.id);
          const cs = commitments.filter((c) => c.linkedStrategies.includes(s.id));
          const list = ts.map((t) => summaries.get(t.id) as TargetSummary);
          return {
            id: s.id,
            number: (s.spec as Partial<Strategy>).number ?? s.sort,
            numeral: s.number,
            title: { sv: s.titleSv, en: s.titleEn },
            citation: citationOf(s),
            targets: list,
            counts: countStatuses(list.map((x) => x.status)),
            commitmentCounts: countCommitments(cs),
            commitmentTotal: cs.length,
            publication: s.publication,
          };
        });
      const cs = commitments.filter((c) => c.linkedGoalAreas.includes(a.id));
      return {
        id: a.id,
        order: a.sort,
        title: { sv: a.titleSv, en: a.titleEn },
        description: spec.description ?? null,
        citation: citationOf(a),
        counts: countStatuses(mine.map((t) => (summaries.get(t.id) as TargetSummary).status)),
        total: mine.length,
        commitmentCounts: countCommitments(cs),
        commitmentTotal: cs.length,
        strategies: strats,
        otherTargets: mine.filter((t) => !placed.has(t.id)).map((t) => summaries.get(t.id) as TargetSummary),
        publication: a.publication,
      };
    });
  const reformAreas: GoalsTree['reformAreas'] = snap.goalAreas
    .filter((a) => a.framework === 'reform')
    .map((a) => {
      const spec = a.spec as Omit<ReformArea, 'commitments'>;
      return {
        id: a.id,
        number: a.sort,
        title: { sv: a.titleSv, en: a.titleEn },
        linkedGoalAreas: spec.linkedGoalAreas ?? [],
        citation: citationOf(a),
        commitments: commitments.filter((c) => snap.commitments.find((r) => r.id === c.id)?.goalAreaId === a.id),
        publication: a.publication,
      };
    });
  const all = [...summaries.values()];
  return {
    asOfYear,
    asOf: opts.asOf ?? null,
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

/**
 * The computed status of the given targets (published ones; unknown ids are left out), for pages that show
 * what an intervention serves.
 */
export async function targetStatusesByIds(
  db: Queryable,
  ids: readonly string[],
  asOfYear: number,
): Promise<TargetStatuses> {
  if (!ids.length) return [];
  const [snap, manual] = await Promise.all([readSnapshot(db), readLatestManualStatuses(db)]);
  const wanted = new Set(ids);
  const summaries = await summarise(
    db,
    snap.targets.filter((t) => wanted.has(t.id)),
    asOfYear,
    manual,
  );
  return ids.flatMap((id) => {
    const s = summaries.get(id);
    return s ? [{ id, title: s.title, status: s.status, reason: s.reason }] : [];
  });
}
