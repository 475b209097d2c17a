/**
 * The whole reports on a user's to-do list (Att göra): the periods due for the committees they may write for whose
 * report is missing or still a draft, and the reports marked ready that they may approve. The rules are in
 * docs/reporting.md ("Att göra").
 */
import type { z } from 'zod';
import type { Queryable } from '../../db/database.ts';
import { can, type Actor } from '../../core/access.ts';
import type { TodoResponse } from '../../core/contracts/reports.ts';
import { addDays } from '../../core/time.ts';
import type { Period } from '../../core/reports/periods.ts';
import { mayApprove } from '../../core/reports/workflow.ts';
import * as repo from '../../db/repositories/reports.ts';
import { approverRoleOf, listPeriodsOf, periodOrDefault } from './read.ts';

type TodoReport = z.infer<typeof TodoResponse>['reports'][number];

/** A period is on the list from this many days before its due date … */
export const DUE_AHEAD_DAYS = 30;
/** … until this many days after it (an older report no longer is). */
export const OVERDUE_FOR_DAYS = 365;

/** The periods on the to-do list on `today`: due within the next DUE_AHEAD_DAYS or in the last OVERDUE_FOR_DAYS. */
export async function periodsDue(db: Queryable, today: string): Promise<Period[]> {
  const year = Number(today.slice(0, 4));
  const from = addDays(today, -OVERDUE_FOR_DAYS);
  const until = addDays(today, DUE_AHEAD_DAYS);
  const out: Period[] = [];
  for (const y of [year - 2, year - 1, year])
    for (const p of await listPeriodsOf(db, y)) if (p.dueOn >= from && p.dueOn <= until) out.push(p);
  return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

async function reportsToWrite(db: Queryable, actor: Actor, today: string): Promise<TodoReport[]> {
  const committees = (await repo.listReportingCommitteeRows(db, today)).filter((c) =>
    can(actor, 'reports:write', { committeeId: c.id }),
  );
  if (committees.length === 0) return [];
  const out: TodoReport[] = [];
  for (const period of await periodsDue(db, today)) {
    const existing = new Map((await repo.listReports(db, { periodId: period.id })).map((r) => [r.committeeId, r]));
    for (const c of committees) {
      if (c.validFrom !== null && c.validFrom > period.endsOn) continue;
      const r = existing.get(c.id);
      if (r && r.state !== 'utkast') continue;
      out.push({
        kind: 'write',
        committee: { id: c.id, name: c.name },
        period,
        reportId: r?.id ?? null,
        state: r?.state ?? null,
        overdue: period.dueOn < today,
      });
    }
  }
  return out;
}

async function reportsToApprove(db: Queryable, actor: Actor, today: string): Promise<TodoReport[]> {
  const out: TodoReport[] = [];
  for (const r of await repo.listReports(db, { state: 'klar' })) {
    if (!mayApprove(actor, { committeeId: r.committeeId, approverRole: await approverRoleOf(db, r.committeeId) }))
      continue;
    const period = await periodOrDefault(db, r.periodId);
    const c = await repo.readCommittee(db, r.committeeId);
    out.push({
      kind: 'approve',
      committee: { id: r.committeeId, name: c?.name ?? r.committeeId },
      period,
      reportId: r.id,
      state: r.state,
      overdue: period.dueOn < today,
    });
  }
  return out.sort(
    (a, b) => a.period.dueOn.localeCompare(b.period.dueOn) || a.committee.name.localeCompare(b.committee.name),
  );
}

/** The whole reports on the actor's to-do list, with the counts the home page shows. */
export async function reportsTodoOf(
  db: Queryable,
  actor: Actor | null,
  today: string,
): Promise<Pick<z.infer<typeof TodoResponse>, 'reports' | 'summary'>> {
  if (!actor) return { reports: [], summary: { due: 0, overdue: 0, toApprove: 0 } };
  const write = await reportsToWrite(db, actor, today);
  const approve = await reportsToApprove(db, actor, today);
  return {
    reports: [...approve, ...write],
    summary: { due: write.length, overdue: write.filter((r) => r.overdue).length, toApprove: approve.length },
  };
}
