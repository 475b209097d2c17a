/**
 * Att göra: the reports waiting for my approval, the reports due for my committees (also those not yet created,
 * with a button that creates them) and the sections and assessments assigned to me, each with its deadline.
 */
import { useState } from 'react';
import type { z } from 'zod';
import { Link, navigate } from '../../router.tsx';
import { sendJson, useApi } from '../../api.ts';
import { WithData } from '../../shell/Status.tsx';
import type { TodoResponse } from '../../../core/contracts/reports.ts';
import { errorText, periodKey, sectionKey, stateKey, useReportI18n, type T } from './common.tsx';

type Todo = z.infer<typeof TodoResponse>;
type TodoReport = Todo['reports'][number];

const reportName = (t: T, r: TodoReport): string =>
  t('todoReport', { committee: r.committee.name, period: t(periodKey(r.period.id)), year: r.period.year });

function Due({ t, r }: { t: T; r: TodoReport }) {
  return (
    <>
      {' '}
      · {t('due', { date: r.period.dueOn })}
      {r.overdue && <span className="report-overdue"> {t('overdue')}</span>}
    </>
  );
}

function CreateButton({ t, r }: { t: T; r: TodoReport }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const create = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const made = await sendJson<{ id: string }>('POST', '/reports', {
        committeeId: r.committee.id,
        period: r.period.id,
      });
      navigate(`/rapporter/${encodeURIComponent(made.id)}`);
    } catch (e) {
      setProblem(errorText(t, e));
      setBusy(false);
    }
  };
  return (
    <>
      {' '}
      <button
        type="button"
        disabled={busy}
        onClick={() => void create()}
        aria-label={t('todoCreateLabel', {
          committee: r.committee.name,
          period: t(periodKey(r.period.id)),
          year: r.period.year,
        })}
      >
        {t('todoCreate')}
      </button>
      {problem && (
        <span role="alert" className="notice">
          {' '}
          {problem}
        </span>
      )}
    </>
  );
}

function ReportList({ t, reports, testId }: { t: T; reports: TodoReport[]; testId: string }) {
  return (
    <ul data-testid={testId}>
      {reports.map((r) => (
        <li key={`${r.kind}-${r.committee.id}-${r.period.id}`}>
          {r.reportId ? (
            <Link href={`/rapporter/${encodeURIComponent(r.reportId)}`}>{reportName(t, r)}</Link>
          ) : (
            <strong>{reportName(t, r)}</strong>
          )}{' '}
          ({r.state ? t(stateKey(r.state)) : t('todoNotCreated')})
          <Due t={t} r={r} />
          {!r.reportId && <CreateButton t={t} r={r} />}
        </li>
      ))}
    </ul>
  );
}

/** A period's reports listed open up to this many; more (a user who writes for every committee) are folded. */
const OPEN_GROUP_MAX = 5;

/**
 * The reports due, one group per period: a district editor sees their committee's few reports as a plain
 * list; an analyst who may write for every committee sees each period folded, with how many are not created
 * and how many are drafts, and unfolds the one they work on.
 */
function DueReports({ t, reports }: { t: T; reports: TodoReport[] }) {
  const groups: { period: TodoReport['period']; overdue: boolean; reports: TodoReport[] }[] = [];
  for (const r of reports) {
    const g = groups.find((x) => x.period.id === r.period.id);
    if (g) g.reports.push(r);
    else groups.push({ period: r.period, overdue: r.overdue, reports: [r] });
  }
  if (groups.every((g) => g.reports.length <= OPEN_GROUP_MAX))
    return <ReportList t={t} reports={reports} testId="todo-due" />;
  return (
    <div data-testid="todo-due">
      {groups.map((g) => {
        const notCreated = g.reports.filter((r) => !r.reportId).length;
        return (
          <details key={g.period.id} open={g.reports.length <= OPEN_GROUP_MAX} className="todo-period">
            <summary>
              <strong>{t('todoPeriod', { period: t(periodKey(g.period.id)), year: g.period.year })}</strong> ·{' '}
              {t('todoPeriodCounts', { n: g.reports.length, notCreated, drafts: g.reports.length - notCreated })} ·{' '}
              {t('due', { date: g.period.dueOn })}
              {g.overdue && <span className="report-overdue"> {t('overdue')}</span>}
            </summary>
            <ReportList t={t} reports={g.reports} testId={`todo-due-${g.period.id}`} />
          </details>
        );
      })}
    </div>
  );
}

function MyItems({ t, lang, items }: { t: T; lang: 'sv' | 'en'; items: Todo['items'] }) {
  return (
    <ul>
      {items.map((i) => (
        <li key={`${i.reportId}-${i.sectionKey}-${i.targetId ?? ''}`}>
          <Link href={`/rapporter/${encodeURIComponent(i.reportId)}#sec-${i.sectionKey}`}>
            {i.kind === 'section'
              ? t('todoSection', { section: t(sectionKey(i.sectionKey)) })
              : t('todoAssessment', { target: i.title?.[lang] ?? i.targetId ?? '' })}
          </Link>{' '}
          – {i.committee}, {i.period}
          {i.deadline && <> · {t('due', { date: i.deadline })}</>}
          {i.overdue && <span className="report-overdue"> {t('overdue')}</span>}
        </li>
      ))}
    </ul>
  );
}

export function TodoPage() {
  const { t, lang } = useReportI18n();
  const state = useApi<Todo>('/reports/todo');
  return (
    <>
      <h1>{t('todoTitle')}</h1>
      <p>{t('todoIntro')}</p>
      <WithData state={state}>
        {(d) => {
          const approve = d.reports.filter((r) => r.kind === 'approve');
          const write = d.reports.filter((r) => r.kind === 'write');
          if (approve.length + write.length + d.items.length === 0) return <p>{t('todoNone')}</p>;
          return (
            <>
              {approve.length > 0 && (
                <section aria-labelledby="todo-approve">
                  <h2 id="todo-approve">{t('todoApproveTitle')}</h2>
                  <ReportList t={t} reports={approve} testId="todo-approve" />
                </section>
              )}
              {write.length > 0 && (
                <section aria-labelledby="todo-due">
                  <h2 id="todo-due">{t('todoDueTitle')}</h2>
                  <DueReports t={t} reports={write} />
                </section>
              )}
              {d.items.length > 0 && (
                <section aria-labelledby="todo-mine">
                  <h2 id="todo-mine">{t('todoMineTitle')}</h2>
                  <MyItems t={t} lang={lang} items={d.items} />
                </section>
              )}
            </>
          );
        }}
      </WithData>
    </>
  );
}
