/** Indikatorer: definition, choropleth for a division and period, ranking table and time series. */
import '../../components/components.css';
import { useMemo, type ReactNode } from 'react';
import type { PageRoute } from '../../router.tsx';
import { lenientSearch, queryOf, searchText } from '../../search.ts';
import { mapQuery } from '../../../core/contracts/indicators.ts';
import { Link, navigate, setQuery, useRoute, useSearch } from '../../router.tsx';
import { useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { areasStrings } from '../../i18n/areas.ts';
import { WithData } from '../../shell/Status.tsx';
import {
  DEFAULT_DIVISION,
  DivisionSelect,
  fmtUnit,
  headline,
  indName,
  unitLabel,
  useCatalog,
  type Catalog,
  type IndicatorMap,
  type Point,
} from '../areas/shared.tsx';
import { MapView } from './MapView.tsx';

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

/** The map's division and period (the map API's own query contract) and the chosen area, from the URL. */
const mapSearch = lenientSearch(mapQuery).extend({ area: searchText() });

function IndicatorDetail({ catalog, id }: { catalog: Catalog; id: string }): ReactNode {
  const { t, lang } = useI18n(areasStrings);
  const search = useSearch(mapSearch);
  const ind = catalog.indicators.find((i) => i.id === id);
  const divisionId = search.division ?? DEFAULT_DIVISION;
  const period = search.period ?? null;
  const selected = search.area ?? null;
  const path = `/indicators/${encodeURIComponent(id)}/map${queryOf({ division: divisionId, period })}`;
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
