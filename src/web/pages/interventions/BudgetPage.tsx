/** Budget: totals by year, goal area, committee, funding source and area; money per resident by stadsdelsområde and the gap to need. Every chart has its table twin. */
import type { ReactNode } from 'react';
import { useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { interventionsStrings } from '../../i18n/interventions.ts';
import { Link, setQuery, useSearch } from '../../router.tsx';
import { lenientSearch, queryOf } from '../../search.ts';
import { budgetQuery } from '../../../core/contracts/interventions.ts';
import { WithData } from '../../shell/Status.tsx';
import { BarChart } from '../../components/BarChart.tsx';
import { TableTwin, type Column } from '../../components/DataTable.tsx';
import { SourceNote } from '../../components/SourceNote.tsx';
import {
  MEASURES,
  mnkr,
  mnkrNumber,
  percentText,
  perResidentText,
  pointsText,
  type BudgetResponse,
  type Measure,
  type TotalsView,
} from './model.ts';

/** The year and measure in the URL: the budget API's own query contract, read leniently. */
const budgetSearch = lenientSearch(budgetQuery);

type Row = TotalsView['rows'][number];
type District = NonNullable<BudgetResponse['perResident']>['districts'][number];

function TotalsTwin({
  id,
  title,
  view,
  measure,
  summary,
}: {
  id: string;
  title: string;
  view: TotalsView;
  measure: Measure;
  summary?: ReactNode;
}): ReactNode {
  const { t, lang } = useI18n(interventionsStrings);
  const label = (r: Row) => (lang === 'en' ? r.nameEn : r.name);
  const columns: Column<Row>[] = [
    { key: 'name', header: title, value: label, rowHeader: true },
    { key: 'n', header: t('interventions'), value: (r) => r.interventions, align: 'right' },
    ...MEASURES.map((m) => ({
      key: m,
      header: `${t(m)} (${t('mnkr')})`,
      value: (r: Row) => mnkr(r.totals[m], lang, false),
      align: 'right' as const,
    })),
  ];
  return (
    <TableTwin
      id={id}
      lang={lang}
      title={title}
      summary={
        <>
          {t('total')} ({t(measure).toLowerCase()}): {mnkr(view.total[measure], lang)}.{' '}
          {view.overlapping ? t('overlapping') : null} {summary}
        </>
      }
      chart={
        <BarChart
          lang={lang}
          title={title}
          unit={t('mnkr')}
          decimals={1}
          data={view.rows.map((r) => ({ label: label(r), value: mnkrNumber(r.totals[measure]) }))}
        />
      }
      columns={columns}
      rows={view.rows}
      rowKey={(r) => r.key}
      filename={`insatser-${id}`}
    />
  );
}

function PerResident({ data }: { data: BudgetResponse }): ReactNode {
  const { t, lang } = useI18n(interventionsStrings);
  const pr = data.perResident;
  if (!pr || data.year === null) return null;
  const title = t('perResidentTitle', { year: data.year });
  const columns: Column<District>[] = [
    { key: 'name', header: t('stadsdelsomrade'), value: (r) => r.name, rowHeader: true },
    {
      key: 'amount',
      header: `${t('amount')} (${t('mnkr')})`,
      value: (r) => mnkr(r.amount, lang, false),
      align: 'right',
    },
    {
      key: 'residents',
      header: t('residents'),
      value: (r) => Number(r.residents),
      render: (r) => Number(r.residents).toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB'),
      align: 'right',
    },
    {
      key: 'perResident',
      header: t('perResident'),
      value: (r) => r.perResident?.value ?? null,
      render: (r) => perResidentText(r.perResident, lang),
      align: 'right',
    },
  ];
  const gapColumns: Column<District>[] = [
    { key: 'name', header: t('stadsdelsomrade'), value: (r) => r.name, rowHeader: true },
    {
      key: 'moneyShare',
      header: t('moneyShare'),
      value: (r) => r.moneyShare?.value ?? null,
      render: (r) => percentText(r.moneyShare, lang),
      align: 'right',
    },
    {
      key: 'needShare',
      header: t('needShare'),
      value: (r) => r.needShare?.value ?? null,
      render: (r) => percentText(r.needShare, lang),
      align: 'right',
    },
    {
      key: 'gap',
      header: t('gap'),
      value: (r) => r.gap?.value ?? null,
      render: (r) => pointsText(r.gap, lang),
      align: 'right',
    },
  ];
  const sources = [
    pr.populationSource
      ? { source: `${t('populationSource')}: ${pr.populationSource}`, period: pr.populationPeriod }
      : null,
    pr.needSource ? { source: `${t('needSource')}: ${pr.needSource}`, period: pr.needPeriod } : null,
  ];
  const needKnown = pr.districts.every((d) => d.needShare !== null);
  return (
    <>
      <TableTwin
        id="per-resident"
        lang={lang}
        title={title}
        summary={
          <>
            {t('perResidentSummary', {
              cityWide: mnkr(pr.cityWide, lang),
              perResident: perResidentText(pr.cityWidePerResident, lang),
            })}{' '}
            {BigInt(pr.unplaced) > 0n
              ? t('unplaced', { amount: mnkr(pr.unplaced, lang), ids: pr.unplacedInterventions.join(', ') })
              : null}
          </>
        }
        chart={
          <BarChart
            lang={lang}
            title={title}
            unit={t('krPerResident')}
            decimals={0}
            data={pr.districts.map((d) => ({ label: d.name, value: d.perResident ? d.perResident.value : null }))}
            references={pr.cityWidePerResident ? [{ value: pr.cityWidePerResident.value, label: t('cityWide') }] : []}
          />
        }
        columns={columns}
        rows={pr.districts}
        rowKey={(r) => r.key}
        filename="insatser-per-invanare"
        footer={<SourceNote lang={lang} sources={sources} />}
      />
      {BigInt(pr.placed) === 0n ? (
        <p className="notice" data-testid="no-placed-money">
          {t('nothingPlaced', { year: data.year })}
        </p>
      ) : (
        <TableTwin
          id="money-need-gap"
          lang={lang}
          title={t('gapTitle', { year: data.year })}
          summary={
            <>
              {t('gapSummary')} {needKnown ? null : t('needMissing')}
            </>
          }
          chart={
            <BarChart
              lang={lang}
              title={t('gapTitle', { year: data.year })}
              unit={t('gap')}
              decimals={1}
              data={pr.districts.map((d) => ({ label: d.name, value: d.gap ? d.gap.value * 100 : null }))}
            />
          }
          columns={gapColumns}
          rows={pr.districts}
          rowKey={(r) => r.key}
          filename="insatser-pengar-och-behov"
          footer={<SourceNote lang={lang} sources={sources} />}
        />
      )}
    </>
  );
}

function View({ data }: { data: BudgetResponse }): ReactNode {
  const { t } = useI18n(interventionsStrings);
  const search = useSearch(budgetSearch);
  const measure = data.measure;
  if (data.years.length === 0) return <p>{t('noYear')}</p>;
  return (
    <>
      <form className="iv-filters" onSubmit={(e) => e.preventDefault()} aria-label={t('filters')}>
        <div className="iv-filter">
          <label htmlFor="iv-b-year">{t('year')}</label>
          <select
            id="iv-b-year"
            value={String(search.year ?? data.year ?? '')}
            onChange={(e) => setQuery({ year: e.target.value })}
          >
            {data.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="iv-filter">
          <label htmlFor="iv-b-measure">{t('measure')}</label>
          <select id="iv-b-measure" value={measure} onChange={(e) => setQuery({ measure: e.target.value })}>
            {MEASURES.map((m) => (
              <option key={m} value={m}>
                {t(m)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <TotalsTwin id="by-year" title={t('byYear')} view={data.byYear} measure={measure} />
      <PerResident data={data} />
      <TotalsTwin id="by-goal-area" title={t('byGoalArea')} view={data.byGoalArea} measure={measure} />
      <TotalsTwin id="by-committee" title={t('byCommittee')} view={data.byCommittee} measure={measure} />
      <TotalsTwin id="by-funding" title={t('byFundingSource')} view={data.byFundingSource} measure={measure} />
      <TotalsTwin id="by-area" title={t('byArea')} view={data.byArea} measure={measure} />
    </>
  );
}

export function BudgetPage(): ReactNode {
  const { t } = useI18n(interventionsStrings);
  const search = useSearch(budgetSearch);
  const state = useApi<BudgetResponse>(`/interventions/budget${queryOf(search)}`);
  return (
    <>
      <p>
        <Link href="/insatser">← {t('backToList')}</Link>
      </p>
      <h1>{t('budgetTitle')}</h1>
      <p className="lead">{t('budgetIntro')}</p>
      <WithData state={state}>{(data) => <View data={data} />}</WithData>
    </>
  );
}
