/**
 * The city report: kommunstyrelsen's compiled report for a period. All committees' approved reports
 * (their written sections as approved), the status summary per goal area and per commitment (the goal
 * tree the goals screen shows), the committees' assessments, and money by committee and by district
 * against need (the budget views of the interventions screens).
 *
 * Until it is approved (fastställd) the report is preliminary: compiled live from the register on every
 * read. Approving stores the content as it is then (`city_report_approval`); from then on every read and
 * every document gives that stored content, whatever the register says later. An approval is final.
 */
import type { Database, Queryable } from '../../db/database.ts';
import type { Actor } from '../../core/access.ts';
import { cityApprovable, mayApproveCity } from '../../core/reports/workflow.ts';
import { CITY_CONTENT_VERSION, upgradeCityContent } from '../../core/reports/city-content.ts';
import { AppError } from '../../core/errors.ts';
import { CityReportContent, type CityApproval, type CityReport } from '../../core/contracts/reports.ts';
import * as repo from '../../db/repositories/reports.ts';
import * as approvals from '../../db/repositories/city-report.ts';
import { actingIn, type ActingUser } from '../acting.ts';
import { audit, deny, refused, storedPeriod } from './commands.ts';
import * as work from '../../db/repositories/report-assessments.ts';
import { getGoalsTree } from '../goals/index.ts';
import { getBudgetViews } from '../interventions/index.ts';
import { listReportSummaries, periodOrDefault, type Snapshot } from './read.ts';
import { reasonWords } from './words.ts';

/** The city report's content compiled from the register now (the preliminary report). */
export async function compileCityReport(db: Queryable, periodId: string): Promise<CityReportContent> {
  const period = await periodOrDefault(db, periodId);
  const reports = await listReportSummaries(db, { periodId: period.id, state: 'godkand' });
  const open = (await repo.listReports(db, { periodId: period.id })).filter((r) => r.state !== 'godkand');
  const missing: { id: string; name: string }[] = [];
  for (const r of open)
    missing.push({ id: r.committeeId, name: (await repo.readCommittee(db, r.committeeId))?.name ?? r.committeeId });
  const approvedCommittees = new Set(reports.map((r) => r.committee.id));
  const chapters: CityReportContent['chapters'] = [];
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

/**
 * The approved content as the current contract reads it: upgraded from the version it was stored in. Content
 * that cannot be read (written by a newer Färdplan, or a contract change without its upgrade step) is refused
 * with what is wrong and where, never shown half-read nor recompiled from the register.
 */
function frozenContent(row: approvals.CityApprovalRow): CityReportContent {
  const unreadable = (why: string, details: { field?: string; message: string }[] = []): AppError =>
    new AppError(
      'not_available',
      `The approved city report for ${row.periodId} cannot be read: ${why}`,
      details.length ? details : [{ field: 'content_version', message: why }],
      { code: 'city_report_unreadable', params: { period: row.periodId } },
    );
  const upgraded = upgradeCityContent(row.content, row.contentVersion);
  if (!upgraded.ok) {
    const r = upgraded.refusal;
    throw unreadable(
      r.code === 'newer'
        ? `it was stored as content version ${r.version} by a newer Färdplan; this one reads up to version ${r.known}`
        : r.code === 'missing_step'
          ? `no upgrade step from content version ${r.version}`
          : `the stored content (version ${r.version}) is not an object`,
    );
  }
  const parsed = CityReportContent.safeParse(upgraded.value);
  if (!parsed.success)
    throw unreadable(
      `the stored content (version ${row.contentVersion}) does not satisfy the contract of version ${CITY_CONTENT_VERSION}`,
      parsed.error.issues.slice(0, 10).map((i) => ({ field: i.path.join('.'), message: i.message })),
    );
  return parsed.data;
}

const approvalOf = (row: approvals.CityApprovalRow): CityApproval => ({
  by: row.approvedBy,
  at: row.approvedAt,
  note: row.note,
});

/**
 * The city report as the viewer reads it: the frozen content with who approved it and when, or, while it is
 * preliminary, the content compiled now (`now` is the moment of the figures).
 */
export async function getCityReport(
  db: Queryable,
  periodId: string,
  viewer: { actor: Actor | null; now: Date },
): Promise<CityReport> {
  const row = await approvals.readCityApproval(db, (await periodOrDefault(db, periodId)).id);
  const allowed = { approve: !row && mayApproveCity(viewer.actor) };
  if (row) {
    const content = frozenContent(row);
    return { ...content, approved: approvalOf(row), figuresAt: row.approvedAt, allowed };
  }
  const content = await compileCityReport(db, periodId);
  return { ...content, approved: null, figuresAt: viewer.now.toISOString(), allowed };
}

/**
 * Fastställer the period's city report: in one transaction, checks the approver (`reports:approve`
 * city-wide), locks the period, refuses a second approval (409), compiles the content, stores it frozen
 * and records the audit entry. Committees whose reports are not approved yet are allowed to be missing:
 * the frozen content lists them (`missing`), and so does the audit entry.
 */
export async function approveCityReport(
  deps: { db: Database; now: () => Date },
  user: ActingUser | null,
  periodId: string,
  input: { note?: string } = {},
): Promise<{ period: string; approved: CityApproval }> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const acting = await actingIn(tx, user);
    if (!mayApproveCity(acting.actor)) deny(acting, 'reports:approve');
    const period = await storedPeriod(tx, periodId);
    await approvals.lockPeriod(tx, period.id);
    const decision = cityApprovable(
      period.id,
      (await approvals.readCityApproval(tx, period.id, { lock: true })) !== null,
    );
    if (!decision.ok) throw refused(decision.refusal, acting);
    const content = await compileCityReport(tx, period.id);
    const approved: CityApproval = {
      by: acting.audit?.username ?? null,
      at: now.toISOString(),
      note: input.note ?? '',
    };
    await approvals.insertCityApproval(tx, {
      periodId: period.id,
      content,
      contentVersion: CITY_CONTENT_VERSION,
      approvedAt: now,
      approvedBy: approved.by,
      note: approved.note,
    });
    await audit(tx, acting, now, 'publish', 'city_report', period.id, null, {
      period: period.id,
      reports: content.reports.map((r) => ({ id: r.id, version: r.version })),
      missing: content.missing.map((m) => m.id),
      note: approved.note,
    });
    return { period: period.id, approved };
  });
}
