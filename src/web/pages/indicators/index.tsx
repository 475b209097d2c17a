/** Indikatorer: definition, choropleth for a division and period, ranking table and time series (issue 4). */
import '../../components/components.css';
import { useMemo, type ReactNode } from 'react';
import type { PageRoute } from '../../router.tsx';
import { Link, navigate, setQuery, useRoute } from '../../router.tsx';
import { useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { areasStrings } from '../../i18n/areas.ts';
import { WithData } from '../../shell/Status.tsx';
import { ChoroplethMap, type MapDatum } from '../../components/ChoroplethMap.tsx';
import { TableTwin, type Column } from '../../components/DataTable.tsx';
import { LineChart } from '../../components/LineChart.tsx';
import { BarChart } from '../../components/BarChart.tsx';
import { SourceNote } from '../../components/SourceNote.tsx';
import { profilePath } from '../areas/index.tsx';
import {
  AreaSearch,
  DEFAULT_DIVISION,
  DivisionSelect,
  divName,
  fmt,
  fmtUnit,
  headline,
  indName,
  unitLabel,
  useCatalog,
  type Catalog,
  type IndicatorMap,
  type Point,
} from '../areas/shared.tsx';

type Row = IndicatorMap['areas'][number];

function IndicatorList({ catalog }: { catalog: Catalog }): ReactNode {
  const { t, lang } = useI18n(areasStrings);
  const list = headline(catalog.indicators);
  if (!list.length) return <p>{t('noIndicators')}</p>;
  return (
    <ul className="fp-indicator-list">
      {list.map((i) => (
        <li key={i.id}>
          <Link href={`/indikatorer/${encodeURIComponent(i.id)}`}>{indName(i, lang)}</Link>{' '}
          <span className="fp-muted">({unitLabel(i.unit, lang)})</span>
        </li>
      ))}
    </ul>
  );
}

function MapView({ data, selected }: { data: IndicatorMap; selected: string | null }): ReactNode {
  const { t, lang } = useI18n(areasStrings);
  const ind = data.indicator;
  const unit = unitLabel(ind.unit, lang);
  const period = data.period ?? '';
  const dname = divName(data.division, lang);
  const statusText = (s: Point['status']) => t(`st_${s}`);
  const valued = data.areas.filter((a) => a.value !== null);
  const max = valued.reduce<Row | null>((m, a) => (m === null || a.value! > m.value! ? a : m), null);
  const min = valued.reduce<Row | null>((m, a) => (m === null || a.value! < m.value! ? a : m), null);
  const hidden = data.areas.length - valued.length;
  const summary =
    max && min
      ? t('summaryMap', {
          max: max.name,
          maxv: fmtUnit(max.value, ind, lang),
          min: min.name,
          minv: fmtUnit(min.value, ind, lang),
          city: fmtUnit(data.city?.value?.value, ind, lang),
          n: valued.length,
          hidden: hidden ? t('hiddenValues', { k: hidden }) : '',
        })
      : null;
  const mapData: MapDatum[] = data.areas.map((a) => ({
    code: a.code,
    name: a.name,
    value: a.value,
    status: a.status,
    geometry: a.geometry as MapDatum['geometry'],
  })); // GeoJSON from the API (core's structural GeoJSONGeometry)
  const sources = [{ source: data.areas.find((a) => a.source)?.source ?? ind.source.citation ?? '', period }];
  const sel = data.areas.find((a) => a.code === selected) ?? null;
  const rankRows = [...data.areas].sort(
    (a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.name.localeCompare(b.name, 'sv'),
  );
  const columns: Column<Row>[] = [
    { key: 'rank', header: t('rank'), value: (a) => a.rank, align: 'right' },
    {
      key: 'name',
      header: t('area'),
      value: (a) => a.name,
      render: (a) => <Link href={profilePath(a.divisionId, a.code)}>{a.name}</Link>,
      rowHeader: true,
    },
    { key: 'code', header: 'Kod', value: (a) => a.code },
    {
      key: 'value',
      header: `${t('value')} (${unit})`,
      value: (a) => a.value,
      render: (a) => <span data-value={a.value ?? ''}>{fmt(a.value, ind, lang)}</span>,
      align: 'right',
    },
    {
      key: 'numerator',
      header: t('numerator'),
      value: (a) => a.numerator,
      render: (a) => fmt(a.numerator, { decimals: 0 }, lang),
      align: 'right',
    },
    {
      key: 'denominator',
      header: t('denominator'),
      value: (a) => a.denominator,
      render: (a) => fmt(a.denominator, { decimals: 0 }, lang),
      align: 'right',
    },
    { key: 'status', header: t('status'), value: (a) => statusText(a.status) },
    { key: 'source', header: t('source'), value: (a) => a.source },
  ];
  const cityTrend = data.city?.trend ?? [];
  // At most 60 bars: the 30 highest-ranked and the 30 lowest when there are more areas.
  const rankedValued = rankRows.filter((a) => a.value !== null);
  const barRows = rankedValued.length > 60 ? [...rankedValued.slice(0, 30), ...rankedValued.slice(-30)] : rankedValued;
  // Time series: the city, and the highlighted area when one is chosen.
  const periodsAll = [
    ...new Set([...cityTrend.map((p) => p.period), ...(sel?.trend ?? []).map((p) => p.period)]),
  ].sort();
  const trendTitle = sel
    ? t('areaOverTime', { indicator: indName(ind, lang), name: sel.name })
    : t('cityOverTime', { indicator: indName(ind, lang) });
  type TRow = { period: string; city: number | null; area: number | null };
  const trendRows: TRow[] = periodsAll.map((period) => ({
    period,
    city: cityTrend.find((p) => p.period === period)?.value ?? null,
    area: sel?.trend.find((p) => p.period === period)?.value ?? null,
  }));
  const trendColumns: Column<TRow>[] = [
    { key: 'period', header: t('period'), value: (r) => r.period, rowHeader: true },
    ...(sel
      ? [
          {
            key: 'area',
            header: sel.name,
            value: (r: TRow) => r.area,
            render: (r: TRow) => fmt(r.area, ind, lang),
            align: 'right' as const,
          },
        ]
      : []),
    {
      key: 'city',
      header: data.city?.name ?? t('cityAverage'),
      value: (r) => r.city,
      render: (r) => fmt(r.city, ind, lang),
      align: 'right',
    },
  ];
  const selectedInfo = sel
    ? sel.rank !== null
      ? t('selectedInfo', {
          name: sel.name,
          value: fmtUnit(sel.value, ind, lang),
          rank: sel.rank,
          of: sel.rankedCount ?? 0,
        })
      : t('selectedInfoNoRank', {
          name: sel.name,
          value: sel.status === 'suppressed' ? t('st_suppressed') : fmtUnit(sel.value, ind, lang),
        })
    : null;
  return (
    <>
      <div className="fp-controls">
        <AreaSearch
          id="area-search"
          areas={data.areas}
          label={t('highlightArea')}
          hint={t('searchHint')}
          matchesText={(n) => t('matches', { n })}
          noMatches={t('noMatches')}
          actionLabel={t('highlightArea')}
          onPick={(a) => setQuery({ area: a.code })}
        />
      </div>
      {sel ? (
        <p className="fp-selected" data-testid="selected-info" role="status">
          <strong>{selectedInfo}</strong> · <Link href={profilePath(sel.divisionId, sel.code)}>{t('openProfile')}</Link>
        </p>
      ) : null}
      {data.division.hasGeometry ? (
        <ChoroplethMap
          data={mapData}
          title={t('mapTitle', { indicator: indName(ind, lang), division: dname, period })}
          unit={unit}
          lang={lang}
          decimals={ind.decimals}
          selected={selected}
          onSelect={(code) => setQuery({ area: code })}
          summary={summary}
          footer={<SourceNote lang={lang} inline sources={sources} />}
          filename={`${ind.id}-${data.division.id}-${period}-karta`}
          extraColumns={[
            {
              key: 'numerator',
              header: t('numerator'),
              value: (a) => data.areas.find((x) => x.code === a.code)?.numerator ?? null,
              align: 'right',
            },
            {
              key: 'denominator',
              header: t('denominator'),
              value: (a) => data.areas.find((x) => x.code === a.code)?.denominator ?? null,
              align: 'right',
            },
          ]}
        />
      ) : (
        <p className="notice">{t('noGeometry')}</p>
      )}
      <TableTwin
        lang={lang}
        title={t('ranking', { division: dname, period })}
        summary={summary}
        initial="table"
        chart={
          <>
            {barRows.length < valued.length ? (
              <p className="fp-muted">{t('barsCapped', { n: barRows.length, total: valued.length })}</p>
            ) : null}
            <BarChart
              lang={lang}
              title={t('ranking', { division: dname, period })}
              unit={unit}
              decimals={ind.decimals}
              data={barRows.map((a) => ({ label: a.name, value: a.value }))}
              references={
                data.city?.value?.value != null ? [{ value: data.city.value.value, label: data.city.name }] : []
              }
            />
          </>
        }
        columns={columns}
        rows={rankRows}
        rowKey={(a) => a.code}
        highlight={selected}
        filename={`${ind.id}-${data.division.id}-${period}-rangordning`}
        footer={<SourceNote lang={lang} inline sources={sources} />}
        id="ranking"
      />
      {periodsAll.length > 1 ? (
        <TableTwin
          lang={lang}
          title={trendTitle}
          chart={
            <LineChart
              lang={lang}
              title={trendTitle}
              unit={unit}
              decimals={ind.decimals}
              data={sel ? sel.trend.map((p) => ({ series: sel.name, period: p.period, value: p.value })) : []}
              reference={cityTrend.map((p) => ({ series: data.city!.name, period: p.period, value: p.value }))}
            />
          }
          columns={trendColumns}
          rows={trendRows}
          rowKey={(r) => r.period}
          filename={`${ind.id}-${sel ? sel.code : 'staden'}-over-tid`}
          summary={`${data.city?.name ?? ''}: ${cityTrend.map((p) => `${p.period} ${fmtUnit(p.value, ind, lang)}`).join(', ')}.${
            sel ? ` ${sel.name}: ${sel.trend.map((p) => `${p.period} ${fmtUnit(p.value, ind, lang)}`).join(', ')}.` : ''
          }`}
          footer={
            <SourceNote lang={lang} inline sources={cityTrend.map((p) => ({ source: p.source, period: p.period }))} />
          }
          id="trend"
        />
      ) : null}
    </>
  );
}

/** The numerator and denominator (helper counts) as the indicator's underlying figures, with the city's values. */
function Basis({
  catalog,
  ind,
  city,
}: {
  catalog: Catalog;
  ind: Catalog['indicators'][number];
  city: Point | null;
}): ReactNode {
  const { t, lang } = useI18n(areasStrings);
  const num = catalog.indicators.find((i) => i.id === ind.numeratorId);
  const den = catalog.indicators.find((i) => i.id === ind.denominatorId);
  if (!num || !den) return null;
  return (
    <details className="fp-basis" data-testid="basis">
      <summary>{t('showBasis')}</summary>
      <dl className="fp-dl">
        <dt>{t('numeratorLabel')}</dt>
        <dd>
          {indName(num, lang)}
          {city?.numerator != null ? ` – ${t('cityAverage')}: ${fmtUnit(city.numerator, num, lang)}` : ''}
        </dd>
        <dt>{t('denominatorLabel')}</dt>
        <dd>
          {indName(den, lang)}
          {city?.denominator != null ? ` – ${t('cityAverage')}: ${fmtUnit(city.denominator, den, lang)}` : ''}
        </dd>
      </dl>
    </details>
  );
}

function IndicatorDetail({ catalog, id }: { catalog: Catalog; id: string }): ReactNode {
  const { t, lang } = useI18n(areasStrings);
  const { query } = useRoute();
  const ind = catalog.indicators.find((i) => i.id === id);
  const divisionId = query.get('division') ?? DEFAULT_DIVISION;
  const period = query.get('period');
  const selected = query.get('area');
  const path = `/indicators/${encodeURIComponent(id)}/map?division=${encodeURIComponent(divisionId)}${period ? `&period=${encodeURIComponent(period)}` : ''}`;
  const map = useApi<IndicatorMap>(ind ? path : null);
  const divisions = useMemo(() => catalog.divisions.filter((d) => d.level > 0 && d.level < 9), [catalog]);
  if (!ind) return <p role="alert">{`${t('indicator')} '${id}' ?`}</p>;
  return (
    <>
      <h2 data-testid="indicator-name">{indName(ind, lang)}</h2>
      <dl className="fp-dl">
        <dt>{t('definition')}</dt>
        <dd>{(lang === 'en' ? ind.definitionEn : ind.definitionSv) || ind.definitionSv || '–'}</dd>
        <dt>{t('unit')}</dt>
        <dd>{unitLabel(ind.unit, lang)}</dd>
        <dt>{t('polarity')}</dt>
        <dd>{t(`pol_${ind.polarity}` as 'pol_neutral')}</dd>
        <dt>{t('source')}</dt>
        <dd>
          {ind.source.url ? (
            <a href={ind.source.url}>{ind.source.name ?? ind.source.citation}</a>
          ) : (
            (ind.source.name ?? ind.source.citation ?? '–')
          )}
        </dd>
      </dl>
      <Basis catalog={catalog} ind={ind} city={map.data?.city?.value ?? null} />
      <div className="fp-controls">
        <div className="fp-field">
          <label htmlFor="indicator">{t('indicator')}</label>
          <select
            id="indicator"
            value={id}
            onChange={(e) =>
              navigate(`/indikatorer/${encodeURIComponent(e.target.value)}?division=${encodeURIComponent(divisionId)}`)
            }
          >
            {catalog.indicators
              .filter((i) => i.headline || i.id === id)
              .map((i) => (
                <option key={i.id} value={i.id}>
                  {indName(i, lang)}
                </option>
              ))}
          </select>
        </div>
        <DivisionSelect
          id="division"
          divisions={divisions}
          value={divisionId}
          label={t('division')}
          lang={lang}
          onChange={(d) => setQuery({ division: d, period: null, area: null })}
          groups={{
            current: t('currentDivisions'),
            older: t('olderDivisions'),
            endedOn: (date) => t('endedOn', { date }),
          }}
        />
        {map.data && map.data.periods.length ? (
          <div className="fp-field">
            <label htmlFor="period">{t('periodLabel')}</label>
            <select id="period" value={map.data.period ?? ''} onChange={(e) => setQuery({ period: e.target.value })}>
              {map.data.periods.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      <WithData state={map}>{(m) => <MapView data={m} selected={selected} />}</WithData>
    </>
  );
}

function IndicatorsPage(): ReactNode {
  const { t } = useI18n(areasStrings);
  const { params } = useRoute();
  const catalog = useCatalog();
  return (
    <section>
      <h1>{t('indicatorsTitle')}</h1>
      <p className="lead">{t('indicatorsIntro')}</p>
      <WithData state={catalog}>
        {(c) => (params.id ? <IndicatorDetail catalog={c} id={params.id} /> : <IndicatorList catalog={c} />)}
      </WithData>
    </section>
  );
}

export const routes: PageRoute[] = [
  { pattern: '/indikatorer', component: IndicatorsPage, nav: 'indicators' },
  { pattern: '/indikatorer/:id', component: IndicatorsPage, nav: 'indicators' },
];
