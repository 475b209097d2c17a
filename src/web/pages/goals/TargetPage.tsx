/** One target: chart (observed, path, projection) with its table twin, the status sentence, areas furthest behind, interventions. */
import { useMemo, type ReactNode } from 'react';
import { useApi } from '../../api.ts';
import { TableTwin, type Column } from '../../components/DataTable.tsx';
import { SourceNote } from '../../components/SourceNote.tsx';
import { formatNumber } from '../../components/format.ts';
import { useI18n } from '../../i18n/index.tsx';
import { goalsStrings } from '../../i18n/goals.ts';
import { Link, useRoute, useSearch } from '../../router.tsx';
import { queryOf } from '../../search.ts';
import { WithData } from '../../shell/Status.tsx';
import { CitationNote } from './Citation.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { useReason } from './reason.ts';
import { TargetChart } from './TargetChart.tsx';
import { chartRows, goalsSearch, type ChartRow, type TargetDetail } from './model.ts';
import { useSession } from '../auth/session.ts';
import { History } from './History.tsx';
import { CommitteeAssessments } from './CommitteeAssessments.tsx';
import { ManualAssessment } from './ManualAssessment.tsx';
import { PublishButton, TargetEditor } from './TargetEditor.tsx';

/** Each area's own value and status for an every-area target ("7 of 11 districts meet the target"). */
function AreaStatuses({ d }: { d: TargetDetail }): ReactNode {
  const { t, lang } = useI18n(goalsStrings);
  if (!d.areaCounts) return null;
  const fmt = (v: number | null) => formatNumber(v, lang, v !== null && !Number.isInteger(v) ? 1 : 0);
  const division = t(`division_${d.areaCounts.division.replace(/-/g, '_')}` as 'division_stadsdelsomrade_2023');
  return (
    <section aria-labelledby="goal-areas">
      <h2 id="goal-areas">{t('areasTitle')}</h2>
      <p data-testid="area-count">
        {t('areasMeeting', {
          met: d.areaCounts.met,
          total: d.areaCounts.total,
          division: division.startsWith('division_') ? d.areaCounts.division : division,
        })}
      </p>
      <table>
        <caption className="visually-hidden">{t('areasTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('area')}</th>
            <th scope="col" className="num">
              {t('latest')}
            </th>
            <th scope="col">{t('assessStatus')}</th>
          </tr>
        </thead>
        <tbody>
          {d.areas.map((a) => (
            <tr key={a.areaCode}>
              <th scope="row">{a.name}</th>
              <td className="num">
                {fmt(a.value)}
                {a.year ? ` (${a.year})` : ''}
              </td>
              <td>
                <StatusBadge status={a.status} label={t(`status_${a.status}` as 'status_met')} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The target value in words: "≥ 90 %", "ska öka", "50 % av utgångsvärdet". */
function targetValueText(d: TargetDetail, lang: 'sv' | 'en', fmt: (v: number | null) => string, unit: string): string {
  const form = d.target.target;
  if (form.form === 'direction') {
    if (lang === 'sv') return form.desired === 'increase' ? 'ska öka' : 'ska minska';
    return form.desired === 'increase' ? 'should increase' : 'should decrease';
  }
  if (d.targetValue !== null)
    return `${form.form === 'gap' || form.comparator === 'at_most' ? '≤' : '≥'} ${fmt(d.targetValue)} ${unit}`;
  if (form.form === 'level' && form.targetFactor !== undefined)
    return `${fmt(form.targetFactor * 100)} % ${lang === 'sv' ? 'av utgångsvärdet' : 'of the baseline'}`;
  return '–';
}

/** The target's facts: value, year, baseline, scope, indicator (or what it needs), committee, links. */
function TargetFacts({ d }: { d: TargetDetail }): ReactNode {
  const { t, lang } = useI18n(goalsStrings);
  const x = d.target;
  const unit = x.unit[lang];
  const fmt = (v: number | null) => formatNumber(v, lang, v !== null && !Number.isInteger(v) ? 1 : 0);
  const targetText = targetValueText(d, lang, fmt, unit);
  return (
    <>
      <dl className="goal-facts">
        <dt>{t('targetValue')}</dt>
        <dd>{targetText}</dd>
        <dt>{t('deadline')}</dt>
        <dd>
          {x.deadline.year}
          {x.deadline.stated ? '' : ` (${t('deadlineAssumed')}: ${x.deadline.note?.[lang] ?? ''})`}
        </dd>
        <dt>{t('baseline')}</dt>
        <dd>
          {x.baseline.period}:{' '}
          {x.baseline.value !== null ? `${fmt(x.baseline.value)} ${unit}` : (x.baseline.note?.[lang] ?? '–')}
        </dd>
        <dt>{t('scope')}</dt>
        <dd>{x.scope.description[lang]}</dd>
        <dt>{t('indicator')}</dt>
        <dd>
          {d.indicator ? (
            d.indicator.name[lang]
          ) : (
            <>
              <strong>{t('missingIndicator')}:</strong> {x.needsIndicator?.[lang]}
            </>
          )}
          {x.proxy ? (
            <>
              {' '}
              <strong>{t('proxy')}:</strong> {x.proxy[lang]}
            </>
          ) : null}
          {x.neededData && !d.indicator ? (
            <>
              {' '}
              <strong>{t('needs')}:</strong> <code>{x.neededData.indicatorId}</code> –{' '}
              {t(`needsSource_${x.neededData.source}` as 'needsSource_scb', { ref: x.neededData.ref })}
            </>
          ) : null}
        </dd>
        {x.responsibleCommittee ? (
          <>
            <dt>{t('responsibleCommittee')}</dt>
            <dd>{x.responsibleCommittee}</dd>
          </>
        ) : null}
        <dt>{t('linked')}</dt>
        <dd>
          {d.goalAreas.map((g) => g.title[lang]).join(', ')}
          {d.strategies.length
            ? ` – ${d.strategies.map((s) => `${t('strategy').toLowerCase()} ${s.numeral}: ${s.title[lang]}`).join('; ')}`
            : ''}
        </dd>
        {d.parent ? (
          <>
            <dt>{t('parent')}</dt>
            <dd>
              <Link href={`/mal/${encodeURIComponent(d.parent.id)}`}>{d.parent.title[lang]}</Link>
            </dd>
          </>
        ) : null}
        {d.milestones.length ? (
          <>
            <dt>{t('milestones')}</dt>
            <dd>
              {d.milestones.map((m) => (
                <Link key={m.id} href={`/mal/${encodeURIComponent(m.id)}`}>
                  {m.title[lang]}
                </Link>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
    </>
  );
}

function Detail({
  d,
  canWrite,
  canRead,
  reload,
}: {
  d: TargetDetail;
  canWrite: boolean;
  canRead: boolean;
  reload: () => void;
}): ReactNode {
  const { t, lang } = useI18n(goalsStrings);
  const why = useReason();
  const x = d.target;
  const unit = x.unit[lang];
  const fmt = (v: number | null) => formatNumber(v, lang, v !== null && !Number.isInteger(v) ? 1 : 0);
  const rows = useMemo(() => chartRows(d), [d]);
  const columns: Column<ChartRow>[] = [
    { key: 'year', header: t('year'), value: (r) => r.year, rowHeader: true, sortable: true },
    {
      key: 'observed',
      header: `${t('observed')} (${unit})`,
      value: (r) => r.observed,
      render: (r) => fmt(r.observed),
      align: 'right',
    },
    { key: 'path', header: `${t('path')} (${unit})`, value: (r) => r.path, render: (r) => fmt(r.path), align: 'right' },
    {
      key: 'projection',
      header: `${t('projection')} (${unit})`,
      value: (r) => r.projection,
      render: (r) => fmt(r.projection),
      align: 'right',
    },
  ];
  const labels = useMemo(() => ({ observed: t('observed'), path: t('path'), projection: t('projection') }), [t]);
  const target = d.targetValue !== null ? { year: x.deadline.year, value: d.targetValue } : null;
  const first = d.path[0];
  const last = d.path.at(-1);
  const summary = t('summaryChart', {
    obs: d.series.length ? d.series.map((p) => `${p.year}: ${fmt(p.value)}`).join(', ') : '–',
    from: first ? `${fmt(first.value)} (${first.year})` : '–',
    to: last ? `${fmt(last.value)} (${last.year})` : '–',
  });
  return (
    <>
      <h1>{x.title[lang]}</h1>
      {d.asOf ? <p className="notice">{t('asOfNotice', { date: d.asOf })}</p> : null}
      {canWrite && !d.asOf ? <PublishButton d={d} onSaved={reload} /> : null}
      <p>
        <StatusBadge status={d.status} label={t(`status_${d.status}` as 'status_met')} />
      </p>
      <p className="goal-status-sentence" data-testid="status-reason">
        {why(d.reason)}
      </p>
      <p>{x.description[lang]}</p>
      <TargetFacts d={d} />
      {x.derivation ? (
        <p>
          <strong>{t('derived')}:</strong> {x.derivation[lang]}
        </p>
      ) : null}
      <p>
        <CitationNote citation={x.citation} />
      </p>
      {rows.length ? (
        <TableTwin
          lang={lang}
          title={t('chartTitle')}
          summary={summary}
          chart={
            <TargetChart
              series={d.series}
              path={d.path}
              projection={d.projection}
              target={target}
              labels={labels}
              unit={unit}
              lang={lang}
              title={t('chartTitle')}
            />
          }
          columns={columns}
          rows={rows}
          rowKey={(r) => String(r.year)}
          filename={`mal-${x.id}`}
          footer={<SourceNote lang={lang} sources={d.series.map((p) => ({ source: p.source }))} />}
        />
      ) : (
        <p>{t('noSeries')}</p>
      )}
      <AreaStatuses d={d} />
      <h2>{t('areasBehind')}</h2>
      {d.areasBehind.length ? (
        <table>
          <caption className="visually-hidden">{t('areasBehind')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('area')}</th>
              <th scope="col" className="num">
                {t('latest')}
              </th>
              <th scope="col" className="num">
                {t('shortfall')}
              </th>
            </tr>
          </thead>
          <tbody>
            {d.areasBehind.map((a) => (
              <tr key={a.areaCode}>
                <th scope="row">{a.name}</th>
                <td className="num">{fmt(a.value)}</td>
                <td className="num">{fmt(a.shortfall)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('noAreasBehind')}</p>
      )}
      <h2>{t('interventions')}</h2>
      {d.interventions.length ? (
        <ul>
          {d.interventions.map((i) => (
            <li key={i.id}>
              {i.origin === 'register' ? (
                <Link href={`/insatser/${encodeURIComponent(i.id)}`}>{i.name[lang]}</Link>
              ) : (
                i.name[lang]
              )}
              {i.responsible ? ` – ${t('responsible')}: ${i.responsible}` : ''}
              {i.origin === 'framework' ? <span className="goal-cite"> ({t('fromFramework')})</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('noInterventions')}</p>
      )}
      {canWrite && !d.asOf ? (
        <>
          <TargetEditor key={d.target.id} d={d} onSaved={reload} />
          <ManualAssessment kind="targets" id={d.target.id} onSaved={reload} />
        </>
      ) : null}
      {canRead ? <CommitteeAssessments targetId={d.target.id} /> : null}
      <History
        key={`${JSON.stringify(d.target)}-${d.publication}`}
        path={`/targets/${encodeURIComponent(x.id)}`}
        page={`/mal/${encodeURIComponent(x.id)}`}
      />
      <h2>{t('why')}</h2>
      <p>{t('method')}</p>
    </>
  );
}

export function TargetPage(): ReactNode {
  const { t } = useI18n(goalsStrings);
  const { params } = useRoute();
  const { asOf } = useSearch(goalsSearch);
  const path = params['id'] ? `/targets/${encodeURIComponent(params['id'])}${queryOf({ asOf })}` : null;
  const state = useApi<TargetDetail>(path);
  const me = useSession();
  // the forms are for those who may change targets; everyone else reads (the server decides anyway)
  const canWrite = me.data?.permissions.includes('targets:write') ?? false;
  // staff see the committees' assessments from the reports beside the computed status
  const canRead = me.data?.permissions.includes('drafts:read') ?? false;
  const view = (d: TargetDetail) => <Detail d={d} canWrite={canWrite} canRead={canRead} reload={state.reload} />;
  return (
    <section>
      <p>
        <Link href="/mal">← {t('backToGoals')}</Link>
      </p>
      {state.data && !state.error ? view(state.data) : <WithData state={state}>{view}</WithData>}
    </section>
  );
}
