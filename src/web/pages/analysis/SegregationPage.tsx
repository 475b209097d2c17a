/** Analys › Segregation: measures for a group, division and year, their trend, a share map, Moran's I and divides. */
import { useMemo, type ReactNode } from 'react';
import type { Geometry } from 'geojson';
import { setQuery, Link, useSearch } from '../../router.tsx';
import { z } from 'zod';
import { searchText } from '../../search.ts';
import { useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { analysisStrings } from '../../i18n/analysis.ts';
import { WithData } from '../../shell/Status.tsx';
import { ChoroplethMap, type MapDatum } from '../../components/ChoroplethMap.tsx';
import { LineChart, type LinePoint } from '../../components/LineChart.tsx';
import { TableTwin, DataTable } from '../../components/DataTable.tsx';
import { SourceNote } from '../../components/SourceNote.tsx';
import { formatNumber } from '../../components/format.ts';
import { MethodNote, divisionName, pct, type AreaShape, type Options } from './shared.tsx';
import { MEASURES, MULTI, type MultigroupData, type SegregationData } from './segregation.ts';
import { areaColumns, spreadColumns, trendColumns } from './segregation-columns.ts';

export type { SegregationData };

function fmtP(p: number, lang: 'sv' | 'en'): string {
  return p < 0.001 ? '< 0,001'.replace(',', lang === 'sv' ? ',' : '.') : formatNumber(p, lang, 3);
}

function Result({ data, options }: { data: SegregationData; options: Options }): ReactNode {
  const { t, lang } = useI18n(analysisStrings);
  const hasShapes = data.moranNote !== 'no-geometry';
  const shapes = useApi<{ areas: AreaShape[] }>(
    hasShapes ? `/analysis/areas/${encodeURIComponent(data.division)}` : null,
  );
  const division = options.divisions.find((d) => d.id === data.division);
  const presetLabel = options.presets.find((p) => p.id === data.preset);
  const groupLabel = presetLabel ? (lang === 'sv' ? presetLabel.labelSv : presetLabel.labelEn) : '';
  const nameOf = useMemo(() => new Map(data.areas.map((a) => [a.code, a.name])), [data.areas]);
  const sources = data.sources.map((s) => ({ source: s, period: data.period }));

  const trendPoints: LinePoint[] = data.trend.flatMap((p) => [
    { series: 'D', period: p.period, value: p.D },
    { series: 'H', period: p.period, value: p.H },
    { series: 'Gini', period: p.period, value: p.G },
    { series: 'xPx', period: p.period, value: p.xPx },
  ]);
  const mapData: MapDatum[] = useMemo(
    () =>
      (shapes.data?.areas ?? []).map((s) => {
        const a = data.areas.find((x) => x.code === s.code);
        return {
          code: s.code,
          name: s.name,
          value: a?.share === null || a?.share === undefined ? null : 100 * a.share,
          status: a?.share === null || !a ? 'missing' : 'final',
          geometry: s.geometry,
        };
      }),
    [shapes.data, data.areas],
  );
  const first = data.trend[0];
  const last = data.trend[data.trend.length - 1];
  return (
    <>
      <h2>
        {groupLabel} · {divisionName(division, lang, data.division)} · {data.period}
      </h2>
      <p>{t('cityShare', { v: pct(data.cityShare, lang), n: data.measures.n })}</p>
      {data.measures.skipped.length ? (
        <p>{t('skipped', { list: data.measures.skipped.map((c) => nameOf.get(c) ?? c).join(', ') })}</p>
      ) : null}
      {data.missing.length ? <p>{t('missingValues', { n: data.missing.length })}</p> : null}
      <ul className="cards an-measures">
        {MEASURES.map((m) => (
          <li key={m} data-measure={m}>
            <h3>{t(m)}</h3>
            <p className="an-value">{formatNumber(data.measures[m], lang, 3)}</p>
            <MethodNote text={t(`${m}_m` as 'D_m')} anchor="two-group-segregation-measures" />
          </li>
        ))}
      </ul>
      <SourceNote lang={lang} sources={sources} />

      <section aria-labelledby="an-multi">
        <h2 id="an-multi">{t('multiTitle')}</h2>
        <Multigroup division={data.division} period={data.period} />
      </section>

      <section aria-labelledby="an-trend">
        <h2 id="an-trend">{t('trendTitle')}</h2>
        <MethodNote text={t('trendMethod')} anchor="two-group-segregation-measures" />
        {data.trend.length < 2 ? (
          <p>{t('oneYear')}</p>
        ) : (
          <TableTwin
            lang={lang}
            title={t('trendTitle')}
            summary={
              first && last
                ? t('trendSummary', {
                    first: formatNumber(first.D, lang, 3),
                    p1: first.period,
                    last: formatNumber(last.D, lang, 3),
                    p2: last.period,
                  })
                : null
            }
            chart={<LineChart data={trendPoints} lang={lang} decimals={3} title={t('trendTitle')} />}
            columns={trendColumns(t, lang)}
            rows={data.trend}
            rowKey={(r) => r.period}
            filename={`segregation-trend-${data.division}-${data.preset ?? 'group'}`}
            footer={<SourceNote lang={lang} sources={data.sources.map((s) => ({ source: s }))} inline />}
          />
        )}
      </section>

      <section aria-labelledby="an-map">
        <h2 id="an-map">{t('shareMapTitle', { v: `${pct(data.cityShare, lang)} %` })}</h2>
        <MethodNote text={t('shareMapMethod')} anchor="conventions" />
        {!hasShapes ? (
          <>
            <p className="notice">{t('noMap')}</p>
            <DataTable
              caption={t('shareMapTitle', { v: `${pct(data.cityShare, lang)} %` })}
              columns={areaColumns(t, lang)}
              rows={data.areas}
              rowKey={(r) => r.code}
              lang={lang}
            />
          </>
        ) : shapes.data ? (
          <ChoroplethMap
            data={mapData}
            title={t('shareMapTitle', { v: `${pct(data.cityShare, lang)} %` })}
            unit="%"
            lang={lang}
            decimals={1}
            filename={`share-${data.division}-${data.preset ?? 'group'}-${data.period}`}
            footer={<SourceNote lang={lang} sources={sources} inline />}
          />
        ) : (
          <p role="status">{t('show')}…</p>
        )}
      </section>

      <section aria-labelledby="an-moran">
        <h2 id="an-moran">{t('moranTitle')}</h2>
        <MethodNote text={t('moranMethod')} anchor="moran-s-i" />
        {data.moran ? (
          <>
            <p data-moran-i={data.moran.I}>
              {t('moranSummary', {
                I: formatNumber(data.moran.I, lang, 3),
                EI: formatNumber(data.moran.EI, lang, 4),
                zN: formatNumber(data.moran.zNorm, lang, 2),
                pN: fmtP(data.moran.pNorm, lang),
                zR: formatNumber(data.moran.zRand, lang, 2),
                pR: fmtP(data.moran.pRand, lang),
              })}
            </p>
            {data.moran.I > data.moran.EI && data.moran.pRand < 0.05 ? <p>{t('moranRead')}</p> : null}
            {data.moran.isolates.length ? (
              <p>{t('isolates', { list: data.moran.isolates.map((c) => nameOf.get(c) ?? c).join(', ') })}</p>
            ) : null}
          </>
        ) : (
          <p>{t('moranNone')}</p>
        )}
      </section>

      <section aria-labelledby="an-divides">
        <h2 id="an-divides">{t('dividesTitle')}</h2>
        <MethodNote text={t('dividesMethod')} anchor="divides-over-time" />
        <DataTable
          caption={t('dividesTitle')}
          captionHidden
          columns={spreadColumns(t, lang)}
          rows={data.divides.periods}
          rowKey={(r) => String(r.period)}
          lang={lang}
        />
        <p>
          {data.divides.narrowing === null
            ? t('noConvergence')
            : data.divides.narrowing
              ? t('narrowing')
              : t('widening')}
        </p>
      </section>
    </>
  );
}

/** The division, group (a preset) and period in the URL; each is checked against the options before use. */
const segregationSearch = z.object({ division: searchText(), group: searchText(), period: searchText() });

export function SegregationPage(): ReactNode {
  const { t, lang } = useI18n(analysisStrings);
  const search = useSearch(segregationSearch);
  const options = useApi<Options>('/analysis/options');
  return (
    <div className="an-page">
      <p>
        <Link href="/analys">{t('backToAnalysis')}</Link>
      </p>
      <h1>{t('segTitle')}</h1>
      <p className="lead">{t('segIntro')}</p>
      <WithData state={options}>
        {(opts) => {
          const division =
            search.division ?? (opts.divisions.some((d) => d.id === 'deso') ? 'deso' : (opts.divisions[0]?.id ?? ''));
          const div = opts.divisions.find((d) => d.id === division);
          const presetId =
            search.group ??
            (div?.presets.some((p) => p.id === 'foreign-background')
              ? 'foreign-background'
              : (div?.presets[0]?.id ?? ''));
          const periods = div?.presets.find((p) => p.id === presetId)?.periods ?? [];
          const period =
            search.period && periods.includes(search.period) ? search.period : (periods[periods.length - 1] ?? '');
          const path =
            div && presetId && period
              ? `/analysis/segregation?division=${encodeURIComponent(division)}&preset=${encodeURIComponent(presetId)}&period=${encodeURIComponent(period)}`
              : null;
          return (
            <>
              <form className="fp-controls" onSubmit={(e) => e.preventDefault()}>
                <div className="fp-field">
                  <label htmlFor="an-group">{t('group')}</label>
                  <select
                    id="an-group"
                    value={presetId}
                    onChange={(e) => setQuery({ group: e.target.value, period: null })}
                  >
                    {opts.presets
                      .filter((p) => div?.presets.some((x) => x.id === p.id))
                      .map((p) => (
                        <option key={p.id} value={p.id}>
                          {lang === 'sv' ? p.labelSv : p.labelEn}
                        </option>
                      ))}
                  </select>
                </div>
                <div className="fp-field">
                  <label htmlFor="an-division">{t('division')}</label>
                  <select
                    id="an-division"
                    value={division}
                    onChange={(e) => setQuery({ division: e.target.value, period: null })}
                  >
                    {opts.divisions.map((d) => (
                      <option key={d.id} value={d.id}>
                        {divisionName(d, lang)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="fp-field">
                  <label htmlFor="an-period">{t('period')}</label>
                  <select id="an-period" value={period} onChange={(e) => setQuery({ period: e.target.value })}>
                    {periods.map((p) => (
                      <option key={p} value={p}>
                        {p}
                      </option>
                    ))}
                  </select>
                </div>
              </form>
              {path ? <SegregationResult path={path} options={opts} /> : <p>{t('oneYear')}</p>}
            </>
          );
        }}
      </WithData>
    </div>
  );
}

/** Multigroup measures for the birth regions, when the division has them for the year. */
function Multigroup({ division, period }: { division: string; period: string }): ReactNode {
  const { t, lang } = useI18n(analysisStrings);
  const state = useApi<MultigroupData>(
    `/analysis/segregation/multigroup?division=${encodeURIComponent(division)}&set=birth-region&period=${encodeURIComponent(period)}`,
  );
  if (state.loading || !state.data) return state.error ? <p className="fp-muted">{t('multiNone')}</p> : null;
  const d = state.data;
  return (
    <>
      <p>
        {lang === 'sv' ? d.set.labelSv : d.set.labelEn}:{' '}
        {d.groups.map((g) => `${lang === 'sv' ? g.labelSv : g.labelEn} ${pct(g.share, lang)} %`).join(', ')}.
      </p>
      <ul className="cards an-measures">
        {MULTI.map((m) => (
          <li key={m} data-measure={m}>
            <h3>{t(m)}</h3>
            <p className="an-value">{formatNumber(d.measures[m], lang, 3)}</p>
            <MethodNote text={t(`${m}_m` as 'multiD_m')} anchor="multigroup-segregation-measures" />
          </li>
        ))}
      </ul>
      <SourceNote lang={lang} sources={d.sources.map((s) => ({ source: s, period: d.period }))} />
    </>
  );
}

function SegregationResult({ path, options }: { path: string; options: Options }): ReactNode {
  const state = useApi<SegregationData>(path);
  return <WithData state={state}>{(data) => <Result data={data} options={options} />}</WithData>;
}

export type { Geometry };
