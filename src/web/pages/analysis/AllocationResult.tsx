/** Analys › Fördelning: the result of an allocation as a table and a map of kronor per resident, beside planned money. */
import { useMemo, type ReactNode } from 'react';
import { useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { analysisStrings } from '../../i18n/analysis.ts';
import { ChoroplethMap, type MapDatum } from '../../components/ChoroplethMap.tsx';
import { DataTable, TableTwin, type Column } from '../../components/DataTable.tsx';
import { SourceNote } from '../../components/SourceNote.tsx';
import { formatNumber } from '../../components/format.ts';
import { AREA_TYPES, MethodNote, kronor, mnkr, type AreaShape, type AreaType } from './shared.tsx';
import type { Allocation, Line } from './allocation.ts';

export function AllocationResult({ result, division }: { result: Allocation; division: string }): ReactNode {
  const { t, lang } = useI18n(analysisStrings);
  const shapes = useApi<{ areas: AreaShape[] }>(
    division === 'deso' ? null : `/analysis/areas/${encodeURIComponent(division)}`,
  );
  const typeLabel = (ty: AreaType | null) => (ty ? t(`type_${ty}` as 'type_mixed') : '–');
  const perRes = (l: Line) => (l.population > 0 ? Number(BigInt(l.amountSek)) / l.population : null);
  const columns: Column<Line>[] = [
    { key: 'name', header: t('area'), value: (r) => r.name, rowHeader: true },
    {
      key: 'type',
      header: t('type'),
      value: (r) => (r.type ? AREA_TYPES.indexOf(r.type) + 1 : null),
      render: (r) => typeLabel(r.type),
    },
    {
      key: 'pop',
      header: t('population'),
      value: (r) => r.population,
      render: (r) => formatNumber(r.population, lang),
      align: 'right',
    },
    {
      key: 'w',
      header: t('needWeight'),
      value: (r) => r.needWeight,
      render: (r) => formatNumber(r.needWeight, lang, 2),
      align: 'right',
    },
    {
      key: 'amount',
      header: t('amount'),
      value: (r) => BigInt(r.amountSek),
      render: (r) => kronor(r.amountSek, lang),
      align: 'right',
    },
    { key: 'mnkr', header: t('amountMnkr'), value: (r) => mnkr(r.amountSek, lang, 2), align: 'right' },
    {
      key: 'per',
      header: t('perResident'),
      value: (r) => perRes(r),
      render: (r) => formatNumber(perRes(r), lang),
      align: 'right',
    },
    { key: 'bound', header: t('bound'), value: (r) => (r.bound ? t(r.bound) : '') },
    {
      key: 'planned',
      header: t('planned'),
      value: (r) => BigInt(r.plannedSek),
      render: (r) => kronor(r.plannedSek, lang),
      align: 'right',
    },
    {
      key: 'diff',
      header: t('difference'),
      value: (r) => BigInt(r.differenceSek),
      render: (r) => kronor(r.differenceSek, lang),
      align: 'right',
    },
  ];
  const sum = result.lines.reduce((s, l) => s + BigInt(l.amountSek), 0n);
  const summary = t('allocSummary', {
    total: mnkr(result.totalSek, lang),
    n: result.lines.length,
    sum: kronor(sum, lang),
  });
  const mapData: MapDatum[] = useMemo(
    () =>
      (shapes.data?.areas ?? []).map((s) => {
        const l = result.lines.find((x) => x.code === s.code);
        const v = l && l.population > 0 ? Number(BigInt(l.amountSek)) / l.population : null;
        return { code: s.code, name: s.name, value: v, status: v === null ? 'missing' : 'final', geometry: s.geometry };
      }),
    [shapes.data, result.lines],
  );
  return (
    <section aria-labelledby="an-result">
      <h2 id="an-result">{t('resultTitle')}</h2>
      <MethodNote text={t('allocMethod')} anchor="allocation-scenarios" />
      <p data-sum={sum.toString()}>{summary}</p>
      <p>
        {t('plannedNote', {
          year: result.planned.year,
          inAreas: mnkr(result.planned.inAreasSek, lang),
          cityWide: mnkr(result.planned.cityWideSek, lang),
          unattributed: mnkr(result.planned.unattributedSek, lang),
        })}
      </p>
      {result.withoutNeedIndex.length ? <p>{t('withoutIndex', { list: result.withoutNeedIndex.join(', ') })}</p> : null}
      {shapes.data ? (
        <TableTwin
          lang={lang}
          title={t('resultTitle')}
          summary={t('allocMapMethod')}
          chart={<ChoroplethMap data={mapData} title={t('allocMapTitle')} unit="kr" lang={lang} decimals={0} />}
          columns={columns}
          rows={result.lines}
          rowKey={(r) => r.code}
          filename={`allocation-${division}`}
          kind="map"
          initial="table"
          footer={
            <SourceNote
              lang={lang}
              sources={result.sources.map((s) => ({ source: s, period: result.period }))}
              inline
            />
          }
        />
      ) : (
        <>
          <DataTable
            caption={t('resultTitle')}
            captionHidden
            columns={columns}
            rows={result.lines}
            rowKey={(r) => r.code}
            lang={lang}
          />
          <SourceNote lang={lang} sources={result.sources.map((s) => ({ source: s, period: result.period }))} />
        </>
      )}
    </section>
  );
}
