/** Jämför: one indicator for the chosen areas — their latest values as bars beside the city, and over time. */
import type { ReactNode } from 'react';
import { Link } from '../../router.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { areasStrings } from '../../i18n/areas.ts';
import { BarChart } from '../../components/BarChart.tsx';
import { LineChart } from '../../components/LineChart.tsx';
import { TableTwin, type Column } from '../../components/DataTable.tsx';
import { SourceNote } from '../../components/SourceNote.tsx';
import { profilePath } from '../areas/index.tsx';
import { fmt, fmtUnit, indName, unitLabel, type Comparison, type Point } from '../areas/shared.tsx';
import { latestPoint } from './compare.ts';

type Series = Comparison['indicators'][number];

export function IndicatorBlock({ data, ind }: { data: Comparison; ind: Series }): ReactNode {
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
