/**
 * Jämför: 2–8 areas from any division and one or more indicators; a bar chart per indicator with
 * the city as a reference line, and a time series where several periods exist.
 * Default: the programme's presentation — Rinkeby-Kista, Skärholmen, Farsta and Östermalm in the
 * 13-area division beside Stockholm.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { setQuery, useSearch } from '../../router.tsx';
import { searchList } from '../../search.ts';
import { z } from 'zod';
import { useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { areasStrings } from '../../i18n/areas.ts';
import { WithData } from '../../shell/Status.tsx';
import {
  AreaSearch,
  DEFAULT_DIVISION,
  searchPool,
  DivisionSelect,
  divName,
  indName,
  useCatalog,
  type Catalog,
  type Comparison,
} from '../areas/shared.tsx';
import { defaultAreas, defaultIndicators } from './compare.ts';
import { GroupedBlock } from './GroupedBlock.tsx';
import { IndicatorBlock } from './IndicatorBlock.tsx';

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

/** The compared areas (division:code, at most 8) and indicators; absent: the defaults, empty: none chosen. */
const compareSearch = z.object({ areas: searchList(8), ind: searchList() });

function CompareView({ catalog }: { catalog: Catalog }): ReactNode {
  const search = useSearch(compareSearch);
  const areas = search.areas ?? defaultAreas(catalog);
  const indicators = search.ind ?? defaultIndicators(catalog);
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

export function ComparePage(): ReactNode {
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
