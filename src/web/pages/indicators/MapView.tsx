/** Indikatorer: one indicator for a division and period — a choropleth, the areas' ranking and the time series. */
import type { ReactNode } from 'react';
import { Link, setQuery } from '../../router.tsx';
import { useI18n, type Lang } from '../../i18n/index.tsx';
import { areasStrings } from '../../i18n/areas.ts';
import { ChoroplethMap, type MapDatum } from '../../components/ChoroplethMap.tsx';
import { TableTwin, type Column } from '../../components/DataTable.tsx';
import { LineChart } from '../../components/LineChart.tsx';
import { BarChart } from '../../components/BarChart.tsx';
import { SourceNote } from '../../components/SourceNote.tsx';
import { WithData } from '../../shell/Status.tsx';
import { useShapes } from '../../shapes.ts';
import { profilePath } from '../areas/index.tsx';
import {
  AreaSearch,
  divName,
  fmt,
  fmtUnit,
  indName,
  unitLabel,
  type IndicatorMap,
  type Point,
} from '../areas/shared.tsx';

type Row = IndicatorMap['areas'][number];
type T = ReturnType<typeof useI18n<typeof areasStrings>>['t'];
type Sources = { source: string; period: string }[];
type TRow = { period: string; city: number | null; area: number | null };

/** An area's trend as points: its column of values beside the map's periods, where it has a value. */
function trendOf(data: IndicatorMap, row: Row): { period: string; value: number | null }[] {
  return data.periods.flatMap((period, i) => {
    const value = row.trend[i] ?? null;
    return value === null ? [] : [{ period, value }];
  });
}

/** The map's and the ranking's summary: the highest and lowest values beside the city's. */
function mapSummary(data: IndicatorMap, t: T, lang: Lang): string | null {
  const ind = data.indicator;
  const valued = data.areas.filter((a) => a.value !== null);
  const max = valued.reduce<Row | null>((m, a) => (m === null || a.value! > m.value! ? a : m), null);
  const min = valued.reduce<Row | null>((m, a) => (m === null || a.value! < m.value! ? a : m), null);
  const hidden = data.areas.length - valued.length;
  return max && min
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
}

/** The highlighted area's value and rank (or why it has no rank). */
function selectedInfoText(sel: Row, data: IndicatorMap, t: T, lang: Lang): string {
  const { indicator: ind, rankedCount } = data;
  return sel.rank !== null
    ? t('selectedInfo', {
        name: sel.name,
        value: fmtUnit(sel.value, ind, lang),
        rank: sel.rank,
        of: rankedCount,
      })
    : t('selectedInfoNoRank', {
        name: sel.name,
        value: sel.status === 'suppressed' ? t('st_suppressed') : fmtUnit(sel.value, ind, lang),
      });
}

/** The ranking table's columns. */
function rankColumns(data: IndicatorMap, t: T, lang: Lang): Column<Row>[] {
  const ind = data.indicator;
  const unit = unitLabel(ind.unit, lang);
  const statusText = (s: Point['status']) => t(`st_${s}`);
  return [
    { key: 'rank', header: t('rank'), value: (a) => a.rank, align: 'right' },
    {
      key: 'name',
      header: t('area'),
      value: (a) => a.name,
      render: (a) => <Link href={profilePath(data.division.id, a.code)}>{a.name}</Link>,
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
    { key: 'source', header: t('source'), value: (a) => (a.source === null ? '' : (data.sources[a.source] ?? '')) },
  ];
}

/** The choropleth of the division, or a notice when the division has no boundaries. */
function IndicatorChoropleth({
  data,
  selected,
  summary,
  sources,
}: {
  data: IndicatorMap;
  selected: string | null;
  summary: string | null;
  sources: Sources;
}): ReactNode {
  const { t, lang } = useI18n(areasStrings);
  const ind = data.indicator;
  const period = data.period ?? '';
  const shapes = useShapes(data.division.hasGeometry ? data.division.id : null);
  if (!data.division.hasGeometry) return <p className="notice">{t('noGeometry')}</p>;
  if (!shapes.data) return <WithData state={shapes}>{() => null}</WithData>;
  const mapData: MapDatum[] = data.areas.map((a) => ({
    code: a.code,
    name: a.name,
    value: a.value,
    status: a.status,
    geometry: shapes.byCode.get(a.code) ?? null,
  }));
  return (
    <ChoroplethMap
      data={mapData}
      title={t('mapTitle', { indicator: indName(ind, lang), division: divName(data.division, lang), period })}
      unit={unitLabel(ind.unit, lang)}
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
  );
}

/** The areas ranked as a table, or as bars (at most 60) beside the city's value. */
function Ranking({
  data,
  selected,
  summary,
  sources,
}: {
  data: IndicatorMap;
  selected: string | null;
  summary: string | null;
  sources: Sources;
}): ReactNode {
  const { t, lang } = useI18n(areasStrings);
  const ind = data.indicator;
  const period = data.period ?? '';
  const dname = divName(data.division, lang);
  const valued = data.areas.filter((a) => a.value !== null);
  const rankRows = [...data.areas].sort(
    (a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.name.localeCompare(b.name, 'sv'),
  );
  // At most 60 bars: the 30 highest-ranked and the 30 lowest when there are more areas.
  const rankedValued = rankRows.filter((a) => a.value !== null);
  const barRows = rankedValued.length > 60 ? [...rankedValued.slice(0, 30), ...rankedValued.slice(-30)] : rankedValued;
  return (
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
            unit={unitLabel(ind.unit, lang)}
            decimals={ind.decimals}
            data={barRows.map((a) => ({ label: a.name, value: a.value }))}
            references={
              data.city?.value?.value != null ? [{ value: data.city.value.value, label: data.city.name }] : []
            }
          />
        </>
      }
      columns={rankColumns(data, t, lang)}
      rows={rankRows}
      rowKey={(a) => a.code}
      highlight={selected}
      filename={`${ind.id}-${data.division.id}-${period}-rangordning`}
      footer={<SourceNote lang={lang} inline sources={sources} />}
      id="ranking"
    />
  );
}

/** Time series: the city, and the highlighted area when one is chosen; nothing when there is a single period. */
function Trend({ data, sel }: { data: IndicatorMap; sel: Row | null }): ReactNode {
  const { t, lang } = useI18n(areasStrings);
  const ind = data.indicator;
  const cityTrend = data.city?.trend ?? [];
  const selTrend = sel ? trendOf(data, sel) : [];
  const periodsAll = [...new Set([...cityTrend.map((p) => p.period), ...selTrend.map((p) => p.period)])].sort();
  if (periodsAll.length <= 1) return null;
  const trendTitle = sel
    ? t('areaOverTime', { indicator: indName(ind, lang), name: sel.name })
    : t('cityOverTime', { indicator: indName(ind, lang) });
  const trendRows: TRow[] = periodsAll.map((period) => ({
    period,
    city: cityTrend.find((p) => p.period === period)?.value ?? null,
    area: selTrend.find((p) => p.period === period)?.value ?? null,
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
  return (
    <TableTwin
      lang={lang}
      title={trendTitle}
      chart={
        <LineChart
          lang={lang}
          title={trendTitle}
          unit={unitLabel(ind.unit, lang)}
          decimals={ind.decimals}
          data={sel ? selTrend.map((p) => ({ series: sel.name, period: p.period, value: p.value })) : []}
          reference={cityTrend.map((p) => ({ series: data.city!.name, period: p.period, value: p.value }))}
        />
      }
      columns={trendColumns}
      rows={trendRows}
      rowKey={(r) => r.period}
      filename={`${ind.id}-${sel ? sel.code : 'staden'}-over-tid`}
      summary={`${data.city?.name ?? ''}: ${cityTrend.map((p) => `${p.period} ${fmtUnit(p.value, ind, lang)}`).join(', ')}.${
        sel ? ` ${sel.name}: ${selTrend.map((p) => `${p.period} ${fmtUnit(p.value, ind, lang)}`).join(', ')}.` : ''
      }`}
      footer={
        <SourceNote lang={lang} inline sources={cityTrend.map((p) => ({ source: p.source, period: p.period }))} />
      }
      id="trend"
    />
  );
}

export function MapView({ data, selected }: { data: IndicatorMap; selected: string | null }): ReactNode {
  const { t, lang } = useI18n(areasStrings);
  const ind = data.indicator;
  const period = data.period ?? '';
  const summary = mapSummary(data, t, lang);
  const sources = (data.sources.length ? data.sources : [ind.source.publisher ?? '']).map((source) => ({
    source,
    period,
  }));
  const sel = data.areas.find((a) => a.code === selected) ?? null;
  const selectedInfo = sel ? selectedInfoText(sel, data, t, lang) : null;
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
          <strong>{selectedInfo}</strong> ·{' '}
          <Link href={profilePath(data.division.id, sel.code)}>{t('openProfile')}</Link>
        </p>
      ) : null}
      <IndicatorChoropleth data={data} selected={selected} summary={summary} sources={sources} />
      <Ranking data={data} selected={selected} summary={summary} sources={sources} />
      <Trend data={data} sel={sel} />
    </>
  );
}
