/** Stadens samlade rapport: kommunstyrelsen's compiled report for a period, preliminary or fastställd. */
import { Link, navigate, useRoute } from '../../router.tsx';
import { useApi } from '../../api.ts';
import { WithData } from '../../shell/Status.tsx';
import type { CityReport } from '../../../core/contracts/reports.ts';
import { formatShare } from '../../components/format.ts';
import { CityApproval } from './CityApproval.tsx';
import { kr, MoneyTable, periodKey, statusKey, useReportI18n } from './common.tsx';

const STATUSES = ['met', 'on_track', 'at_risk', 'off_track', 'not_measurable'] as const;

export function CityPage() {
  const { t, lang } = useReportI18n();
  const { params } = useRoute();
  const period = params.period ?? '';
  const state = useApi<CityReport>(`/reports/city/${encodeURIComponent(period)}`);
  const year = period.slice(0, 4);
  // While an approval reloads the report, the page keeps showing the report it has (no flash, focus kept).
  const shown = state.data ? { ...state, loading: false, error: null } : state;
  return (
    <WithData state={shown}>
      {(c) => (
        <>
          <p>
            <Link href="/rapporter">{t('title')}</Link>
          </p>
          <h1>{t('cityTitle', { period: `${t(periodKey(c.period.id))} ${c.period.year}` })}</h1>
          <label>
            {t('period')}{' '}
            <select value={period} onChange={(e) => navigate(`/rapporter/stad/${e.target.value}`)}>
              {['T1', 'T2', 'VB'].map((k) => (
                <option key={k} value={`${year}-${k}`}>
                  {t(periodKey(`${year}-${k}`))}
                </option>
              ))}
            </select>
          </label>
          <CityApproval key={c.period.id} report={c} reload={state.reload} />
          <p>
            <a href={`/api/v1/reports/city/${encodeURIComponent(c.period.id)}/export?format=pdf&lang=${lang}`}>
              {t('exportPdf')}
            </a>{' '}
            ·{' '}
            <a href={`/api/v1/reports/city/${encodeURIComponent(c.period.id)}/export?format=docx&lang=${lang}`}>
              {t('exportDocx')}
            </a>{' '}
            ·{' '}
            <a href={`/api/v1/reports/city/${encodeURIComponent(c.period.id)}/export?format=html&lang=${lang}`}>
              {t('exportHtml')}
            </a>
          </p>
          <h2>{t('cityReports')}</h2>
          {c.reports.length === 0 ? (
            <p>{t('cityNoReports')}</p>
          ) : (
            <ul>
              {c.reports.map((r) => (
                <li key={r.id}>
                  <Link href={`/rapporter/${encodeURIComponent(r.id)}`}>{r.committee.name}</Link> ({t('version')}{' '}
                  {r.version}, {r.approvedAt?.slice(0, 10)})
                </li>
              ))}
            </ul>
          )}
          {c.missing.length > 0 && (
            <>
              <h3>{t(c.approved ? 'cityMissingAtApproval' : 'cityMissing')}</h3>
              <ul>
                {c.missing.map((m) => (
                  <li key={m.id}>{m.name}</li>
                ))}
              </ul>
            </>
          )}
          <table tabIndex={0}>
            <caption>{t('goalAreas')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('goalArea')}</th>
                {STATUSES.map((s) => (
                  <th scope="col" key={s}>
                    {t(statusKey(s))}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {c.goalAreas.map((g) => (
                <tr key={g.id}>
                  <th scope="row">{g.title[lang]}</th>
                  {STATUSES.map((s) => (
                    <td key={s} className="num">
                      {g.counts[s]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="source-note">{t('source', c.notes.goals)}</p>
          <table tabIndex={0}>
            <caption>{t('commitments')}</caption>
            <tbody>
              {c.commitments.map((x) => (
                <tr key={x.id}>
                  <th scope="row">{x.title[lang]}</th>
                  <td>{t(statusKey(x.status))}</td>
                  <td>{x.reason[lang]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <MoneyTable
            t={t}
            caption={t('moneyByCommittee')}
            first={t('committee')}
            rows={c.moneyByCommittee.map((m) => ({ ...m, label: m.name }))}
          />
          <p className="source-note">{t('source', c.notes.money)}</p>
          <table tabIndex={0}>
            <caption>{t('moneyByDistrict')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('district')}</th>
                <th scope="col">{t('amount')}</th>
                <th scope="col">{t('moneyShare')}</th>
                <th scope="col">{t('needShare')}</th>
              </tr>
            </thead>
            <tbody>
              {c.moneyByDistrict.map((d) => (
                <tr key={d.key}>
                  <th scope="row">{d.name}</th>
                  <td className="num">{kr(d.amount, lang)}</td>
                  <td className="num">{formatShare(d.moneyShare, lang)}</td>
                  <td className="num">{formatShare(d.needShare, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="source-note">{t('source', c.notes.need)}</p>
        </>
      )}
    </WithData>
  );
}
