/** Rapporter: the year's reports, links to my to-do list and the city report, and creating a report. */
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { Link, navigate, setQuery, useRoute } from '../../router.tsx';
import { ApiError, sendJson, useApi } from '../../api.ts';
import { WithData } from '../../shell/Status.tsx';
import type { CommitteesResponse, ReportsResponse } from '../../../core/contracts/reports.ts';
import { errorText, periodKey, stateKey, useReportI18n } from './common.tsx';

const KINDS = ['T1', 'T2', 'VB'] as const;

export function ListPage() {
  const { t } = useReportI18n();
  const { query } = useRoute();
  const year = Number(query.get('ar') ?? '') || 2026;
  const reports = useApi<z.infer<typeof ReportsResponse>>(`/reports`);
  const committees = useApi<z.infer<typeof CommitteesResponse>>('/report-committees');
  const [committee, setCommittee] = useState('');
  const [kind, setKind] = useState<(typeof KINDS)[number]>('T1');
  const [error, setError] = useState<string | null>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const r = await sendJson<{ id: string }>('POST', '/reports', {
        committeeId: committee,
        period: `${year}-${kind}`,
      });
      navigate(`/rapporter/${encodeURIComponent(r.id)}`);
    } catch (err) {
      setError(errorText(t, err));
    }
  }

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
      <h2>{t('create')}</h2>
      <WithData state={committees}>
        {(data) => (
          <form className="report-form" onSubmit={(e) => void create(e)}>
            <label>
              {t('committee')}
              <select value={committee} onChange={(e) => setCommittee(e.target.value)} required>
                <option value="" />
                {data.committees.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('period')}
              <select value={kind} onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])}>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(periodKey(`${year}-${k}`))}
                  </option>
                ))}
              </select>
            </label>
            {error && (
              <p role="alert" className="notice">
                {error}
              </p>
            )}
            <button type="submit">{t('create')}</button>
          </form>
        )}
      </WithData>
    </>
  );
}
