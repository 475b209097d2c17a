/**
 * Rapporter: the year's reports, links to my to-do list and the city report, and creating a report (for the
 * committees in force that I may write for; a district editor's own committee is preselected). The new
 * report is checked in the browser with the endpoint's contract (CreateReportBody) before it is sent; a
 * refusal by the server is said in the form's alert and marks the field it names.
 */
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Link, navigate, setQuery, useRoute } from '../../router.tsx';
import { ApiError, sendJson, useApi } from '../../api.ts';
import { contractResolver, submitWith, type FieldOf } from '../../forms.ts';
import { WithData } from '../../shell/Status.tsx';
import { CreateReportBody, type CommitteesResponse, type ReportsResponse } from '../../../core/contracts/reports.ts';
import { describedBy as described, FieldProblem } from '../../components/FieldProblem.tsx';
import { errorText, periodKey, reportSay, stateKey, useReportI18n } from './common.tsx';

const KINDS = ['T1', 'T2', 'VB'] as const;

interface Values {
  committeeId: string;
  kind: (typeof KINDS)[number];
}
const fieldOf: FieldOf<Values> = (path) =>
  path[0] === 'committeeId' ? 'committeeId' : path[0] === 'period' ? 'kind' : null;
const ALERT = 'report-new-alert';

export function ListPage() {
  const { t } = useReportI18n();
  const { query } = useRoute();
  const year = Number(query.get('ar') ?? '') || 2026;
  const reports = useApi<z.infer<typeof ReportsResponse>>(`/reports`);
  const committees = useApi<z.infer<typeof CommitteesResponse>>('/report-committees');
  const [problem, setProblem] = useState<string | null>(null);
  const bodyOf = (v: Values) => ({ committeeId: v.committeeId, period: `${year}-${v.kind}` });
  const say = reportSay(t);
  const form = useForm<Values>({
    defaultValues: { committeeId: '', kind: 'T1' },
    resolver: contractResolver(CreateReportBody, bodyOf, fieldOf, (issue) =>
      issue.path[0] === 'committeeId' ? t('fieldChoose') : say(issue),
    ),
  });
  const errors = form.formState.errors;
  // The server offers only the committees in force that I may write for: a district editor's own is chosen for them.
  const only = committees.data?.committees.length === 1 ? committees.data.committees[0]!.id : null;
  useEffect(() => {
    if (only && form.getValues('committeeId') === '') form.setValue('committeeId', only);
  }, [only, form]);
  const create = submitWith(form, fieldOf, (v) => sendJson<{ id: string }>('POST', '/reports', bodyOf(v)), {
    done: (r) => navigate(`/rapporter/${encodeURIComponent(r.id)}`),
    failed: (_m, err) => setProblem(errorText(t, err)),
    invalid: () => setProblem(null),
  });

  if (reports.error instanceof ApiError && (reports.error.status === 401 || reports.error.status === 403))
    return (
      <>
        <h1>{t('title')}</h1>
        <p>{t('intro')}</p>
        <p>
          <Link href="/logga-in?next=%2Frapporter">{t('signInFirst')}</Link>
        </p>
      </>
    );
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <p>
        <Link href="/rapporter/att-gora">{t('todoLink')}</Link> ·{' '}
        <Link href={`/rapporter/stad/${year}-T1`}>{t('cityLink')}</Link>
      </p>
      <label>
        {t('year')}{' '}
        <input type="number" min={2000} max={2100} value={year} onChange={(e) => setQuery({ ar: e.target.value })} />
      </label>
      <WithData state={reports}>
        {(data) => {
          const mine = data.reports.filter((r) => r.period.year === year);
          return mine.length === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <table>
              <caption>
                {t('title')} {year}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('committee')}</th>
                  <th scope="col">{t('period')}</th>
                  <th scope="col">{t('state')}</th>
                  <th scope="col">{t('version')}</th>
                </tr>
              </thead>
              <tbody>
                {mine.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link href={`/rapporter/${encodeURIComponent(r.id)}`}>{r.committee.name}</Link>
                    </th>
                    <td>{t(periodKey(r.period.id))}</td>
                    <td>{t(stateKey(r.state))}</td>
                    <td>{r.version}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </WithData>
      <h2 id="report-new">{t('create')}</h2>
      <WithData state={committees}>
        {(data) => (
          <form className="report-form" onSubmit={(e) => void create(e)} aria-labelledby="report-new" noValidate>
            <label htmlFor="report-new-committee">{t('committee')}</label>
            <select
              id="report-new-committee"
              required
              {...form.register('committeeId')}
              {...described('report-new-committee', errors.committeeId, ALERT)}
            >
              <option value="" />
              {data.committees.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            <FieldProblem id="report-new-committee" error={errors.committeeId} />
            <label htmlFor="report-new-period">{t('period')}</label>
            <select
              id="report-new-period"
              {...form.register('kind')}
              {...described('report-new-period', errors.kind, ALERT)}
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(periodKey(`${year}-${k}`))}
                </option>
              ))}
            </select>
            <FieldProblem id="report-new-period" error={errors.kind} />
            {problem && (
              <p id={ALERT} role="alert" className="notice">
                {problem}
              </p>
            )}
            <p role="status">{!problem && Object.keys(errors).length ? t('formHasErrors') : null}</p>
            <button type="submit">{t('create')}</button>
          </form>
        )}
      </WithData>
    </>
  );
}
