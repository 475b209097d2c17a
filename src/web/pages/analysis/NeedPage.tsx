/** Analys › Behov: the need index for every DeSO, its weights, and a map of area types for a higher division. */
import { useMemo, useState, type ReactNode } from 'react';
import { z } from 'zod';
import type { NeedResponse } from '../../../core/contracts/analysis.ts';
import { setQuery, Link, useSearch } from '../../router.tsx';
import { searchText } from '../../search.ts';
import { useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { analysisStrings } from '../../i18n/analysis.ts';
import { WithData } from '../../shell/Status.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { SourceNote } from '../../components/SourceNote.tsx';
import { formatNumber } from '../../components/format.ts';
import {
  AREA_TYPES,
  MethodNote,
  TYPE_COLORS,
  TypeMap,
  divisionName,
  type AreaShape,
  type AreaType,
  type Options,
} from './shared.tsx';

/** The need index as the API's contract gives it. */
export type NeedData = NeedResponse;

/** The words of each polarity the contract allows. */
const POLARITY_WORDS = {
  higherIsWorse: 'higherIsWorse',
  higherIsBetter: 'higherIsBetter',
} as const satisfies Record<NeedData['indicators'][number]['polarity'], string>;

/** `id:weight,…`: the indicators and their weights (every weight a number ≥ 0), or absent. */
const weightList = z
  .string()
  .max(4000)
  .transform((raw, ctx) => {
    const parsed = raw.split(',').map((p) => {
      const [id = '', w = ''] = p.split(':');
      return { id, weight: Number(w) };
    });
    if (parsed.every((p) => p.id && Number.isFinite(p.weight) && p.weight >= 0)) return parsed;
    ctx.addIssue({ code: 'custom', message: 'id:weight,… with weights ≥ 0' });
    return z.NEVER;
  })
  .optional()
  .catch(undefined);

/** The page's state in the URL: weights, population weighting (nej = off) and the map's division. */
const needSearch = z.object({
  vikter: weightList,
  befolkningsvagd: z.enum(['nej']).optional().catch(undefined),
  karta: searchText(),
});

function WeightsForm({
  options,
  weights,
  populationWeighted,
}: {
  options: Options;
  weights: { id: string; weight: number }[];
  populationWeighted: boolean;
}): ReactNode {
  const { t, lang } = useI18n(analysisStrings);
  const [draft, setDraft] = useState(() =>
    weights.map((w) => ({ ...w, text: String(w.weight).replace('.', lang === 'sv' ? ',' : '.') })),
  );
  const [pw, setPw] = useState(populationWeighted);
  const name = (id: string) => {
    const i = options.indicators.find((x) => x.id === id);
    return i ? (lang === 'sv' ? i.nameSv : i.nameEn) : id;
  };
  const valid =
    draft.every((d) => Number.isFinite(Number(d.text.replace(',', '.'))) && Number(d.text.replace(',', '.')) >= 0) &&
    draft.some((d) => Number(d.text.replace(',', '.')) > 0);
  return (
    <form
      className="an-weights"
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        setQuery({
          vikter: draft.map((d) => `${d.id}:${Number(d.text.replace(',', '.'))}`).join(','),
          befolkningsvagd: pw ? null : 'nej',
        });
      }}
    >
      <fieldset>
        <legend>{t('indicators')}</legend>
        {draft.map((d, i) => (
          <div className="fp-field an-weight" key={d.id}>
            <label htmlFor={`an-w-${d.id}`}>{name(d.id)}</label>
            <input
              id={`an-w-${d.id}`}
              inputMode="decimal"
              value={d.text}
              aria-invalid={!Number.isFinite(Number(d.text.replace(',', '.'))) || Number(d.text.replace(',', '.')) < 0}
              onChange={(e) => setDraft(draft.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))}
            />
          </div>
        ))}
        <div className="an-check">
          <input id="an-pw" type="checkbox" checked={pw} onChange={(e) => setPw(e.target.checked)} />
          <label htmlFor="an-pw">{t('populationWeighted')}</label>
        </div>
        <button type="submit" disabled={!valid}>
          {t('recompute')}
        </button>
      </fieldset>
    </form>
  );
}

function NeedResult({
  data,
  options,
  mapDivision,
}: {
  data: NeedData;
  options: Options;
  mapDivision: string;
}): ReactNode {
  const { t, lang } = useI18n(analysisStrings);
  const shapes = useApi<{ areas: AreaShape[] }>(`/analysis/areas/${encodeURIComponent(mapDivision)}`);
  const [showDeso, setShowDeso] = useState(false);
  const withGeometry = useMemo(() => (shapes.data?.areas ?? []).filter((x) => x.geometry), [shapes.data]);
  const typed = useMemo(
    () =>
      (data.aggregated?.areas ?? []).map((a) => ({
        code: a.id,
        name: a.name,
        type: a.type,
        score: a.score,
        population: a.population,
      })),
    [data.aggregated],
  );
  const typeLabel = (ty: AreaType | null) => (ty ? t(`type_${ty}` as 'type_mixed') : '–');
  const sources = data.sources.map((s) => ({ source: s, period: data.period }));
  type IndRow = NeedData['indicators'][number];
  const indColumns: Column<IndRow>[] = [
    { key: 'name', header: t('indicator'), value: (r) => (lang === 'sv' ? r.nameSv : r.nameEn), rowHeader: true },
    { key: 'pol', header: t('polarity'), value: (r) => t(POLARITY_WORDS[r.polarity]) },
    {
      key: 'w',
      header: t('weight'),
      value: (r) => r.normalisedWeight,
      render: (r) => `${formatNumber(100 * r.normalisedWeight, lang, 0)} %`,
      align: 'right',
    },
  ];
  type DesoRow = NeedData['areas'][number];
  const desoColumns: Column<DesoRow>[] = [
    { key: 'id', header: 'DeSO', value: (r) => r.id, rowHeader: true },
    { key: 'type', header: t('type'), value: (r) => AREA_TYPES.indexOf(r.type) + 1, render: (r) => typeLabel(r.type) },
    {
      key: 'score',
      header: t('score'),
      value: (r) => r.score,
      render: (r) => formatNumber(r.score, lang, 2),
      align: 'right',
    },
    ...data.indicators.map((ind, i) => ({
      key: ind.id,
      header: lang === 'sv' ? ind.nameSv : ind.nameEn,
      value: (r: DesoRow) => r.values[i] ?? null,
      render: (r: DesoRow) => formatNumber(r.values[i] ?? null, lang, 1),
      align: 'right' as const,
    })),
    {
      key: 'pop',
      header: t('population'),
      value: (r) => r.population,
      render: (r) => formatNumber(r.population, lang),
      align: 'right',
    },
  ];
  const div = options.divisions.find((d) => d.id === mapDivision);
  return (
    <>
      <DataTable
        caption={t('indicators')}
        columns={indColumns}
        rows={data.indicators}
        rowKey={(r) => r.id}
        lang={lang}
      />
      <section aria-labelledby="an-types">
        <h2 id="an-types">{t('typesTitle')}</h2>
        <MethodNote text={t('typesMethod')} anchor="need-index-and-area-types" />
        <ul className="an-types" data-deso-count={data.areas.length}>
          {AREA_TYPES.map((ty) => (
            <li key={ty} data-type={ty}>
              <svg width={18} height={14} aria-hidden="true">
                <rect width={18} height={14} fill={TYPE_COLORS[ty]} stroke="#1a1a1a" strokeWidth={0.5} />
              </svg>{' '}
              <strong>{typeLabel(ty)}</strong>:{' '}
              {t('areasPop', { n: data.byType[ty].areas, p: formatNumber(data.byType[ty].population, lang) })}
            </li>
          ))}
        </ul>
        <p>{t('cutoffs', { list: data.cutoffs.map((c) => formatNumber(c, lang, 2)).join(' · ') })}</p>
        <p className="an-note">{t('scbDiffers')}</p>
      </section>
      <section aria-labelledby="an-typemap">
        <h2 id="an-typemap">{t('typeMapTitle', { division: divisionName(div, lang, mapDivision).toLowerCase() })}</h2>
        <MethodNote text={t('typeMapMethod')} anchor="need-index-and-area-types" />
        <div className="fp-field">
          <label htmlFor="an-mapdiv">{t('aggregateTo')}</label>
          <select id="an-mapdiv" value={mapDivision} onChange={(e) => setQuery({ karta: e.target.value })}>
            {options.divisions
              .filter((d) => d.id !== 'deso' && d.level > 0 && d.level < 9)
              .map((d) => (
                <option key={d.id} value={d.id}>
                  {divisionName(d, lang)}
                </option>
              ))}
          </select>
        </div>
        <WithData state={shapes}>
          {() => (
            <TypeMap
              areas={typed}
              shapes={withGeometry}
              title={t('typeMapTitle', { division: divisionName(div, lang, mapDivision).toLowerCase() })}
              filename={`need-index-${mapDivision}-${data.period}`}
              footer={<SourceNote lang={lang} sources={sources} inline />}
            />
          )}
        </WithData>
      </section>
      <section aria-labelledby="an-deso">
        <h2 id="an-deso">{t('desoTable')}</h2>
        <button
          type="button"
          aria-expanded={showDeso}
          aria-controls="an-deso-table"
          onClick={() => setShowDeso(!showDeso)}
        >
          {showDeso ? t('hideDeso') : t('showDeso', { n: data.areas.length })}
        </button>
        <div id="an-deso-table">
          {showDeso ? (
            <DataTable
              caption={t('desoTable')}
              captionHidden
              columns={desoColumns}
              rows={data.areas}
              rowKey={(r) => r.id}
              lang={lang}
              fold={false}
            />
          ) : null}
        </div>
        <SourceNote lang={lang} sources={sources} />
      </section>
    </>
  );
}

export function NeedPage(): ReactNode {
  const { t } = useI18n(analysisStrings);
  const search = useSearch(needSearch);
  const options = useApi<Options>('/analysis/options');
  return (
    <div className="an-page">
      <p>
        <Link href="/analys">{t('backToAnalysis')}</Link>
      </p>
      <h1>{t('needTitle')}</h1>
      <p className="lead">{t('needIntro')}</p>
      <WithData state={options}>
        {(opts) => {
          const weights = search.vikter ?? opts.need.indicators;
          const pw = search.befolkningsvagd !== 'nej';
          const mapDivision = search.karta ?? 'stadsdel';
          const path = `/analysis/need-index?aggregateTo=${encodeURIComponent(mapDivision)}&indicators=${encodeURIComponent(weights.map((w) => `${w.id}:${w.weight}`).join(','))}&populationWeighted=${pw}`;
          return (
            <>
              <WeightsForm
                key={JSON.stringify(search.vikter ?? null)}
                options={opts}
                weights={weights}
                populationWeighted={pw}
              />
              <NeedLoader path={path} options={opts} mapDivision={mapDivision} />
            </>
          );
        }}
      </WithData>
    </div>
  );
}

function NeedLoader({
  path,
  options,
  mapDivision,
}: {
  path: string;
  options: Options;
  mapDivision: string;
}): ReactNode {
  const state = useApi<NeedData>(path);
  return (
    <WithData state={state}>
      {(data) => <NeedResult data={data} options={options} mapDivision={mapDivision} />}
    </WithData>
  );
}
