/** Jämför: all chosen indicators in one grouped bar chart when they share a unit. */
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { areasStrings } from '../../i18n/areas.ts';
import { BarChart } from '../../components/BarChart.tsx';
import { TableTwin, type Column } from '../../components/DataTable.tsx';
import { SourceNote } from '../../components/SourceNote.tsx';
import { fmt, indName, unitLabel, type Comparison, type Point } from '../areas/shared.tsx';
import { latestPoint } from './compare.ts';

/**
 * One grouped bar chart for all chosen indicators when they share a unit (e.g. all shares in %):
 * a group per indicator, a bar per area, the city's value as a dashed line in each group.
 */
export function GroupedBlock({ data }: { data: Comparison }): ReactNode {
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
