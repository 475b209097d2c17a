/**
 * The city report: kommunstyrelsen's compiled report for a period. All committees' approved reports
 * (their written sections as approved), the status summary per goal area and per commitment (the goal
 * tree the goals screen shows), the committees' assessments, and money by committee and by district
 * against need (the budget views of the interventions screens).
 */
import type { z } from 'zod';
import type { Queryable } from '../../db/database.ts';
import type { CityReport } from '../../core/contracts/reports.ts';
import * as repo from '../../db/repositories/reports.ts';
import * as work from '../../db/repositories/report-assessments.ts';
import { getGoalsTree } from '../goals/index.ts';
import { getBudgetViews } from '../interventions/index.ts';
import { listReportSummaries, periodOrDefault, type Snapshot } from './read.ts';
import { reasonWords } from './words.ts';

export async function getCityReport(db: Queryable, periodId: string): Promise<z.infer<typeof CityReport>> {
  const period = await periodOrDefault(db, periodId);
  const reports = await listReportSummaries(db, { periodId: period.id, state: 'godkand' });
  const open = (await repo.listReports(db, { periodId: period.id })).filter((r) => r.state !== 'godkand');
  const missing: { id: string; name: string }[] = [];
  for (const r of open)
    missing.push({ id: r.committeeId, name: (await repo.readCommittee(db, r.committeeId))?.name ?? r.committeeId });
  const approvedCommittees = new Set(reports.map((r) => r.committee.id));
  const chapters: z.infer<typeof CityReport>['chapters'] = [];
  for (const r of reports) {
    const v = (await repo.readVersions(db, r.id)).find((x) => x.version === r.version);
    const snap = v?.snapshot as Snapshot | undefined;
    chapters.push({
      reportId: r.id,
      committee: r.committee.name,
      sections: (snap?.sections ?? []).filter((s) => s.kind === 'written').map((s) => ({ key: s.key, body: s.body })),
    });
  }
  const tree = await getGoalsTree(db, period.year);
  const budget = await getBudgetViews(db, { year: period.year });
  const assessments = (await work.readAssessmentsOfPeriod(db, period.id)).filter((a) =>
    approvedCommittees.has(a.committeeId),
  );
  const per = budget.perResident;
  return {
    period,
    reports,
    missing,
    goalAreas: tree.goalAreas.map((g) => ({ id: g.id, title: g.title, total: g.total, counts: g.counts })),
    commitments: tree.reformAreas.flatMap((a) =>
      a.commitments.map((c) => ({ id: c.id, title: c.title, status: c.status, reason: reasonWords(c.reason) })),
    ),
    assessments: assessments.map((a) => ({
      targetId: a.targetId,
      committee: a.committee,
      status: a.status,
      text: a.text,
    })),
    moneyByCommittee: budget.byCommittee.rows.map((r) => ({
      key: r.key,
      name: r.name,
      interventions: r.interventions,
      ...r.totals,
    })),
    moneyByDistrict: (per?.districts ?? []).map((d) => ({
      key: d.key,
      name: d.name,
      amount: d.amount,
      residents: d.residents,
      moneyShare: d.moneyShare?.value ?? null,
      needShare: d.needShare?.value ?? null,
    })),
    chapters,
    year: budget.year,
    notes: {
      goals: { source: 'Färdplan: målstatus beräknad från indikatorerna', period: String(period.year) },
      money: { source: 'Färdplans insatsregister', period: String(budget.year ?? period.year) },
      need: {
        source: [per?.populationSource, per?.needSource].filter(Boolean).join('; ') || 'SCB',
        period: [per?.populationPeriod, per?.needPeriod].filter(Boolean).join(', ') || String(period.year),
      },
    },
  };
}
