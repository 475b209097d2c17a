/**
 * Jämför: 2–8 areas from any division and one or more indicators; a bar chart per indicator with
 * the city as a reference line, and a time series where several periods exist (issue 4).
 * Default: the programme's presentation — Rinkeby-Kista, Skärholmen, Farsta and Östermalm in the
 * 13-area division beside Stockholm.
 */
import '../../components/components.css';
import { useMemo, useState, type ReactNode } from 'react';
import type { PageRoute } from '../../router.tsx';
import { Link, setQuery, useRoute } from '../../router.tsx';
import { useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { areasStrings } from '../../i18n/areas.ts';
import { WithData } from '../../shell/Status.tsx';
import { BarChart } from '../../components/BarChart.tsx';
import { LineChart } from '../../components/LineChart.tsx';
import { TableTwin, type Column } from '../../components/DataTable.tsx';
import { SourceNote } from '../../components/SourceNote.tsx';
import { profilePath } from '../areas/index.tsx';
import {
  AreaSearch,
  DEFAULT_DIVISION,
  searchPool,
  DivisionSelect,
  divName,
  fmt,
  fmtUnit,
  indName,
  unitLabel,
  useCatalog,
  type Catalog,
  type Comparison,
  type Point,
} from '../areas/shared.tsx';

const DEFAULT_AREA_NAMES = ['Järva', 'Skärholmen', 'Farsta', 'Norra innerstaden'];
/** Indicators shown by default when present (by id pattern), else the first non-count ones. */
const DEFAULT_INDICATOR_PATTERNS = [
  /unemploy|arbetsl/i,
  /low-economic|lag-ekonomisk|låg/i,
  /post-secondary|eftergymn|higher-education/i,
  /employ|förvärv|sysselsatt/i,
  /foreign|utländsk/i,
];

export function defaultAreas(catalog: Catalog): string[] {
  const keys: string[] = [];
  for (const n of DEFAULT_AREA_NAMES) {
    const a = catalog.areas.find((x) => x.divisionId === DEFAULT_DIVISION && x.name === n);
    if (a) keys.push(`${a.divisionId}:${a.code}`);
  }
  if (keys.length >= 2) return keys;
  const firstDivision = catalog.divisions.find((d) => d.level === 1 && d.areaCount > 1);
  return catalog.areas
    .filter((a) => a.divisionId === firstDivision?.id)
    .slice(0, 4)
    .map((a) => `${a.divisionId}:${a.code}`);
}

export function defaultIndicators(catalog: Catalog): string[] {
  const out: string[] = [];
  for (const re of DEFAULT_INDICATOR_PATTERNS) {
    const i = catalog.indicators.find((x) => re.test(x.id) && x.kind !== 'count' && x.headline && !out.includes(x.id));
    if (i) out.push(i.id);
    if (out.length >= 3) break;
  }
  if (out.length === 0)
    out.push(
      ...catalog.indicators
        .filter((i) => i.kind !== 'count')
        .slice(0, 2)
        .map((i) => i.id),
    );
  if (out.length === 0 && catalog.indicators[0]) out.push(catalog.indicators[0].id);
  return out;
}

type Series = Comparison['indicators'][number];

function latestPoint(points: readonly Point[]): Point | null {
  for (let i = points.length - 1; i >= 0; i--) if (points[i]!.value !== null) return points[i]!;
  return points[points.length - 1] ?? null;
}

function IndicatorBlock({ data, ind }: { data: Comparison; ind: Series }): ReactNode {
  const { t, lang } = useI18n(areasStrings);
  const unit = unitLabel(ind.unit, lang);
  const name = indName(ind, lang);
  const areaName = (s: { divisionId: string; code: string }) =>
    data.areas.find((a) => a.divisionId === s.divisionId && a.code === s.code)?.name ?? s.code;
  // Distinct labels even when two divisions have an area of the same name.
  const label = (s: { divisionId: string; code: string }) => {
    const n = areaName(s);
    const dup = data.areas.filter((a) => a.name === n).length > 1;
    const a = data.areas.find((x) => x.divisionId === s.divisionId && x.code === s.code);
    return dup && a ? `${n} (${lang === 'en' ? a.divisionNameEn : a.divisionNameSv})` : n;
  };
  const rows = ind.series.map((s) => ({
    key: `${s.divisionId}:${s.code}`,
    label: label(s),
    href: profilePath(s.divisionId, s.code),
    point: latestPoint(s.points),
  }));
  const periods = [...new Set(rows.map((r) => r.point?.period).filter((p): p is string => !!p))].sort();
  const cityPoint = ind.city.find((p) => p.period === periods[periods.length - 1]) ?? latestPoint(ind.city);
  const valued = rows.filter((r) => r.point?.value !== null && r.point?.value !== undefined);
  const max = valued.reduce<(typeof rows)[number] | null>(
    (m, r) => (m === null || r.point!.value! > m.point!.value! ? r : m),
    null,
  );
  const min = valued.reduce<(typeof rows)[number] | null>(
    (m, r) => (m === null || r.point!.value! < m.point!.value! ? r : m),
    null,
  );
  const summary =
    max && min
      ? t('summaryBars', {
          max: max.label,
          maxv: fmtUnit(max.point!.value, ind, lang),
          min: min.label,
          minv: fmtUnit(min.point!.value, ind, lang),
          city: fmtUnit(cityPoint?.value, ind, lang),
        })
      : null;
  type Row = (typeof rows)[number] | { key: string; label: string; href: null; point: Point | null };
  const tableRows: Row[] = [...rows, { key: 'city', label: data.city.name, href: null, point: cityPoint ?? null }];
  const columns: Column<Row>[] = [
    {
      key: 'area',
      header: t('area'),
      value: (r) => r.label,
      render: (r) => (r.href ? <Link href={r.href}>{r.label}</Link> : <strong>{r.label}</strong>),
      rowHeader: true,
    },
    {
      key: 'value',
      header: `${t('value')} (${unit})`,
      value: (r) => r.point?.value ?? null,
      render: (r) => (
        <span data-value={r.point?.value ?? ''}>
          {r.point?.value === null && r.point
            ? t(r.point.status === 'suppressed' ? 'suppressed' : 'missing')
            : fmt(r.point?.value, ind, lang)}
        </span>
      ),
      align: 'right',
    },
    { key: 'period', header: t('period'), value: (r) => r.point?.period ?? null },
    { key: 'source', header: t('source'), value: (r) => r.point?.source ?? '' },
  ];
  const allPeriods = [...new Set([...ind.city, ...ind.series.flatMap((s) => s.points)].map((p) => p.period))].sort();
  const timeRows = allPeriods.map((period) => ({
    period,
    city: ind.city.find((p) => p.period === period)?.value ?? null,
    values: ind.series.map((s) => s.points.find((p) => p.period === period)?.value ?? null),
  }));
  type TRow = (typeof timeRows)[number];
  const timeColumns: Column<TRow>[] = [
    { key: 'period', header: t('period'), value: (r) => r.period, rowHeader: true },
    ...ind.series.map((s, i) => ({
      key: `a${i}`,
      header: label(s),
      value: (r: TRow) => r.values[i] ?? null,
      render: (r: TRow) => fmt(r.values[i], ind, lang),
      align: 'right' as const,
    })),
    {
      key: 'city',
      header: data.city.name,
      value: (r) => r.city,
      render: (r) => fmt(r.city, ind, lang),
      align: 'right',
    },
  ];
  const changes = ind.series
    .map((s) => {
      const v = s.points.filter((p) => p.value !== null);
      return v.length > 1
        ? `${label(s)} ${fmt(v[0]!.value, ind, lang)} → ${fmt(v[v.length - 1]!.value, ind, lang)}`
        : null;
    })
    .filter(Boolean)
    .join('; ');
  const sources = [...ind.series.flatMap((s) => s.points), ...ind.city].map((p) => ({
    source: p.source,
    period: p.period,
  }));
  return (
    <section className="fp-indicator-block" aria-labelledby={`h-${ind.id}`} data-indicator={ind.id}>
      <h2 id={`h-${ind.id}`}>{name}</h2>
      <TableTwin
        lang={lang}
        title={t('latestValues', { indicator: name })}
        summary={summary}
        chart={
          <BarChart
            lang={lang}
            title={t('latestValues', { indicator: name })}
            unit={unit}
            decimals={ind.decimals}
            data={rows.map((r) => ({ label: r.label, value: r.point?.value ?? null }))}
            references={cityPoint?.value != null ? [{ value: cityPoint.value, label: data.city.name }] : []}
          />
        }
        columns={columns}
        rows={tableRows}
        rowKey={(r) => r.key}
        filename={`jamfor-${ind.id}`}
        footer={
          <SourceNote
            lang={lang}
            inline
            sources={rows.map((r) => (r.point ? { source: r.point.source, period: r.point.period } : null))}
          />
        }
        id={`bars-${ind.id}`}
      />
      {allPeriods.length > 1 ? (
        <TableTwin
          lang={lang}
          title={t('overTime', { indicator: name })}
          summary={
            changes
              ? t('summaryLines', { first: allPeriods[0]!, last: allPeriods[allPeriods.length - 1]!, changes })
              : null
          }
          chart={
            <LineChart
              lang={lang}
              title={t('overTime', { indicator: name })}
              unit={unit}
              decimals={ind.decimals}
              data={ind.series.flatMap((s) =>
                s.points.map((p) => ({ series: label(s), period: p.period, value: p.value })),
              )}
              reference={ind.city.map((p) => ({ series: data.city.name, period: p.period, value: p.value }))}
            />
          }
          columns={timeColumns}
          rows={timeRows}
          rowKey={(r) => r.period}
          filename={`jamfor-${ind.id}-over-tid`}
          footer={<SourceNote lang={lang} inline sources={sources} />}
          id={`lines-${ind.id}`}
        />
      ) : null}
    </section>
  );
}

/**
 * One grouped bar chart for all chosen indicators when they share a unit (e.g. all shares in %):
 * a group per indicator, a bar per area, the city's value as a dashed line in each group.
 */
function GroupedBlock({ data }: { data: Comparison }): ReactNode {
  const { t, lang } = useI18n(areasStrings);
  const first = data.indicators[0]!;
  const unit = unitLabel(first.unit, lang);
  const decimals = Math.max(...data.indicators.map((i) => i.decimals));
  const areaLabel = (s: { divisionId: string; code: string }) =>
    data.areas.find((a) => a.divisionId === s.divisionId && a.code === s.code)?.name ?? s.code;
  type Row = { key: string; indicator: string; area: string; point: Point | null; isCity: boolean };
  const rows: Row[] = data.indicators.flatMap((ind) => {
    const pts = ind.series.map((s) => ({
      key: `${ind.id}|${s.divisionId}:${s.code}`,
      indicator: indName(ind, lang),
      area: areaLabel(s),
      point: latestPoint(s.points),
      isCity: false,
    }));
    const periods = pts
      .map((p) => p.point?.period)
      .filter((p): p is string => !!p)
      .sort();
    const cityPoint = ind.city.find((p) => p.period === periods[periods.length - 1]) ?? latestPoint(ind.city);
    return [
      ...pts,
      { key: `${ind.id}|city`, indicator: indName(ind, lang), area: data.city.name, point: cityPoint, isCity: true },
    ];
  });
  const columns: Column<Row>[] = [
    { key: 'indicator', header: t('indicator'), value: (r) => r.indicator },
    { key: 'area', header: t('area'), value: (r) => r.area, rowHeader: true },
    {
      key: 'value',
      header: `${t('value')} (${unit})`,
      value: (r) => r.point?.value ?? null,
      render: (r) => <span data-value={r.point?.value ?? ''}>{fmt(r.point?.value, { decimals }, lang)}</span>,
      align: 'right',
    },
    { key: 'period', header: t('period'), value: (r) => r.point?.period ?? null },
    { key: 'source', header: t('source'), value: (r) => r.point?.source ?? '' },
  ];
  const title = t('groupedTitle', { unit });
  return (
    <section aria-labelledby="h-grouped" data-testid="grouped">
      <h2 id="h-grouped">{t('allChosen')}</h2>
      <TableTwin
        lang={lang}
        title={title}
        summary={t('groupedSummary', { n: data.indicators.length, areas: data.areas.length, city: data.city.name })}
        chart={
          <BarChart
            lang={lang}
            title={title}
            unit={unit}
            decimals={decimals}
            data={rows
              .filter((r) => !r.isCity)
              .map((r) => ({ label: r.area, value: r.point?.value ?? null, group: r.indicator }))}
            references={rows
              .filter((r) => r.isCity && r.point?.value != null)
              .map((r) => ({ value: r.point!.value!, label: r.area, group: r.indicator }))}
          />
        }
        columns={columns}
        rows={rows}
        rowKey={(r) => r.key}
        filename="jamfor-alla-indikatorer"
        footer={
          <SourceNote
            lang={lang}
            inline
            sources={rows.map((r) => (r.point ? { source: r.point.source, period: r.point.period } : null))}
          />
        }
        id="grouped"
      />
    </section>
  );
}

function Chooser({
  catalog,
  areas,
  indicators,
}: {
  catalog: Catalog;
  areas: string[];
  indicators: string[];
}): ReactNode {
  const { t, lang } = useI18n(areasStrings);
  const [divisionId, setDivisionId] = useState(DEFAULT_DIVISION);
  // the search covers every division, the chosen one first
  const pool = useMemo(
    () => searchPool(catalog, divisionId).filter((a) => !areas.includes(`${a.divisionId}:${a.code}`)),
    [catalog, divisionId, areas],
  );
  const divisionById = useMemo(() => new Map(catalog.divisions.map((d) => [d.id, d])), [catalog]);
  const nameOf = (key: string) => {
    const [d, ...rest] = key.split(':');
    const code = rest.join(':');
    const a = catalog.areas.find((x) => x.divisionId === d && x.code === code);
    const div = catalog.divisions.find((x) => x.id === d);
    return a ? `${a.name} (${divName(div, lang).split(' (')[0]})` : key;
  };
  const set = (a: string[], i: string[]) => setQuery({ areas: a.join(','), ind: i.join(',') }, { push: true });
  return (
    <div className="fp-chooser">
      <h2 id="chosen">{t('chosenAreas')}</h2>
      <ul className="fp-chips" aria-labelledby="chosen" data-testid="chosen-areas">
        {areas.map((k) => (
          <li key={k} data-key={k}>
            {nameOf(k)}
            <button
              type="button"
              aria-label={t('remove', { name: nameOf(k) })}
              onClick={() =>
                set(
                  areas.filter((x) => x !== k),
                  indicators,
                )
              }
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {areas.length < 2 ? <p className="notice">{t('needTwo')}</p> : null}
      <div className="fp-controls">
        <DivisionSelect
          id="division"
          divisions={catalog.divisions}
          value={divisionId}
          onChange={setDivisionId}
          label={t('division')}
          lang={lang}
          groups={{
            current: t('currentDivisions'),
            older: t('olderDivisions'),
            endedOn: (date) => t('endedOn', { date }),
          }}
        />
        {areas.length < 8 ? (
          <AreaSearch
            id="area-search"
            areas={pool}
            label={t('searchArea')}
            hint={t('searchHint')}
            matchesText={(n) => t('matches', { n })}
            noMatches={t('noMatches')}
            actionLabel={t('addArea')}
            divisionOf={(a) => divName(divisionById.get(a.divisionId), lang)}
            onPick={(a) => set([...areas, `${a.divisionId}:${a.code}`], indicators)}
          />
        ) : (
          <p>{t('maxEight')}</p>
        )}
      </div>
      <fieldset className="fp-checks">
        <legend>{t('indicators')}</legend>
        {catalog.indicators
          .filter((i) => i.headline || indicators.includes(i.id))
          .map((i) => (
            <label key={i.id}>
              <input
                type="checkbox"
                checked={indicators.includes(i.id)}
                onChange={(e) =>
                  set(areas, e.target.checked ? [...indicators, i.id] : indicators.filter((x) => x !== i.id))
                }
                data-indicator={i.id}
              />
              {indName(i, lang)}
            </label>
          ))}
      </fieldset>
    </div>
  );
}

function CompareView({ catalog }: { catalog: Catalog }): ReactNode {
  const { query } = useRoute();
  const areas = query.has('areas')
    ? (query.get('areas') ?? '').split(',').filter(Boolean).slice(0, 8)
    : defaultAreas(catalog);
  const indicators = query.has('ind')
    ? (query.get('ind') ?? '').split(',').filter(Boolean)
    : defaultIndicators(catalog);
  const path =
    areas.length >= 1 && indicators.length
      ? `/compare?areas=${encodeURIComponent(areas.join(','))}&indicators=${encodeURIComponent(indicators.join(','))}`
      : null;
  const cmp = useApi<Comparison>(path);
  return (
    <>
      <Chooser catalog={catalog} areas={areas} indicators={indicators} />
      {path && areas.length >= 2 ? (
        <WithData state={cmp}>
          {(c) => (
            <>
              {c.indicators.length >= 2 && c.indicators.every((i) => i.unit === c.indicators[0]!.unit) ? (
                <GroupedBlock data={c} />
              ) : null}
              {c.indicators.map((ind) => (
                <IndicatorBlock key={ind.id} data={c} ind={ind} />
              ))}
            </>
          )}
        </WithData>
      ) : null}
    </>
  );
}

function ComparePage(): ReactNode {
  const { t } = useI18n(areasStrings);
  const catalog = useCatalog();
  return (
    <section>
      <h1>{t('compareTitle')}</h1>
      <p className="lead">{t('compareIntro')}</p>
      <WithData state={catalog}>{(c) => <CompareView catalog={c} />}</WithData>
    </section>
  );
}

export const routes: PageRoute[] = [{ pattern: '/jamfor', component: ComparePage, nav: 'compare' }];
