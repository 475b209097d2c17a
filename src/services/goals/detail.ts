/** Read model: one target in detail (status, series, path, projection, links, interventions). */
import type { Queryable } from '../../db/database.ts';
import {
  readInterventionsForTarget,
  readLatestManualStatuses,
  readTarget,
  type TargetRow,
} from '../../db/repositories/goals.ts';
import { indicatorsById } from '../../db/repositories/indicators.ts';
import { readVersionsAt } from '../../db/repositories/goal-items.ts';
import { AppError } from '../../core/errors.ts';
import type { Framework, Intervention, Target } from '../../core/goals/framework-schema.ts';
import type { TargetDetail } from '../../core/contracts/goals.ts';
import { loadFramework } from '../../importers/framework.ts';
import { evaluateTarget } from './evaluate.ts';
import { endOfStockholmDay, readSnapshot, type ReadOptions } from './snapshot.ts';
import { targetsOfCommitments } from './tree.ts';

let frameworkCache: Promise<Framework> | null = null;
function frameworkFiles(): Promise<Framework> {
  frameworkCache ??= loadFramework();
  return frameworkCache;
}

/** One target in detail; `asOf` answers from the version history. */
export async function getTargetDetail(
  db: Queryable,
  id: string,
  asOfYear: number,
  opts: ReadOptions = {},
): Promise<TargetDetail> {
  const drafts = opts.includeDrafts ?? false;
  const row = opts.asOf ? await targetAsOf(db, id, opts.asOf, drafts) : await readTarget(db, id, drafts);
  if (!row) throw new AppError('not_found', `target ${id} was not found`);
  const t = row.spec as Target;
  const snap = await readSnapshot(db, opts);
  const { goalAreas: areas, strategies, commitments, targets } = snap;
  const manual = await readLatestManualStatuses(db);
  const m = manual.find((x) => x.targetId === id);
  const e = await evaluateTarget(db, t, asOfYear, m);
  const info = t.indicatorId ? ((await indicatorsById(db, [t.indicatorId]))[0] ?? null) : null;
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
  const byCommitment = targetsOfCommitments(snap);
  const commitmentIds = new Set([
    ...t.commitmentIds,
    ...[...byCommitment].filter(([, ts]) => ts.includes(id)).map(([c]) => c),
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
    asOf: opts.asOf ?? null,
    publication: row.publication,
    retired: row.retired,
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

async function targetAsOf(db: Queryable, id: string, asOf: string, drafts: boolean) {
  const v = (await readVersionsAt(db, 'target', endOfStockholmDay(asOf))).find((x) => x.itemId === id);
  if (!v || (!drafts && (v.publication !== 'published' || v.retired))) return null;
  return { ...(v.item as TargetRow), publication: v.publication, retired: v.retired };
}

/** The year the status is assessed in (the app's clock, Stockholm time). */
export function assessmentYear(now: Date): number {
  return Number(new Intl.DateTimeFormat('sv-SE', { year: 'numeric', timeZone: 'Europe/Stockholm' }).format(now));
}
