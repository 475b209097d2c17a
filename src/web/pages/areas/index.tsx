/** Områden: pick a division and an area by typing; its profile beside the city. */
import '../../components/components.css';
import { useMemo, type ReactNode } from 'react';
import type { PageRoute } from '../../router.tsx';
import { searchText } from '../../search.ts';
import { z } from 'zod';
import { Link, navigate, useRoute, useSearch } from '../../router.tsx';
import { useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { areasStrings } from '../../i18n/areas.ts';
import { WithData } from '../../shell/Status.tsx';
import { DataTable, tableCsvRows, type Column } from '../../components/DataTable.tsx';
import { CsvDownload } from '../../components/CsvDownload.tsx';
import { LocatorMap, type LocatorMapProps } from '../../components/LocatorMap.tsx';
import { useShapes } from '../../shapes.ts';
import { Sparkline } from '../../components/Sparkline.tsx';
import { SourceNote } from '../../components/SourceNote.tsx';
import type { Lang } from '../../components/format.ts';
import {
  AreaSearch,
  AssessmentBadge,
  DEFAULT_DIVISION,
  DivisionSelect,
  divName,
  fmtUnit,
  headline,
  indName,
  searchPool,
  signed,
  unitLabel,
  useCatalog,
  type Catalog,
  type Profile,
  type ProfileIndicator,
} from './shared.tsx';

export const profilePath = (divisionId: string, code: string) =>
  `/omraden/${encodeURIComponent(divisionId)}/${encodeURIComponent(code)}`;

function Picker({ catalog, divisionId }: { catalog: Catalog; divisionId: string }): ReactNode {
  const { t, lang } = useI18n(areasStrings);
  const areas = useMemo(() => searchPool(catalog, divisionId), [catalog, divisionId]);
  const divisionById = useMemo(() => new Map(catalog.divisions.map((d) => [d.id, d])), [catalog]);
  return (
    <div className="fp-controls">
      <DivisionSelect
        id="division"
        divisions={catalog.divisions}
        value={divisionId}
        label={t('division')}
        lang={lang}
        onChange={(d) => navigate(`/omraden?division=${encodeURIComponent(d)}`)}
        groups={{
          current: t('currentDivisions'),
          older: t('olderDivisions'),
          endedOn: (date) => t('endedOn', { date }),
        }}
      />
      <AreaSearch
        id="area-search"
        areas={areas}
        label={t('searchArea')}
        hint={t('searchHint')}
        matchesText={(n) => t('matches', { n })}
        noMatches={t('noMatches')}
        actionLabel={t('showProfile')}
        divisionOf={(a) => divName(divisionById.get(a.divisionId), lang)}
        onPick={(a) => navigate(profilePath(a.divisionId, a.code))}
      />
    </div>
  );
}

/** The numerator and denominator of a ratio in this area: the underlying figures, not indicators of their own. */
function Basis({ i, all }: { i: ProfileIndicator; all: ReadonlyMap<string, ProfileIndicator> }): ReactNode {
  const { t, lang } = useI18n(areasStrings);
  const parts = [
    [t('numeratorLabel'), i.numeratorId ? all.get(i.numeratorId) : undefined],
    [t('denominatorLabel'), i.denominatorId ? all.get(i.denominatorId) : undefined],
  ] as const;
  if (!parts.some(([, p]) => p)) return null;
  return (
    <details className="fp-basis">
      <summary>{t('showBasis')}</summary>
      <dl>
        {parts.map(([label, p]) =>
          p ? (
            <div key={label}>
              <dt>
                {label}: {indName(p, lang)}
              </dt>
              <dd>
                {p.latest?.value !== null && p.latest ? fmtUnit(p.latest.value, p, lang) : t('missing')}
                {p.city?.value !== null && p.city ? ` (${t('cityAverage')}: ${fmtUnit(p.city.value, p, lang)})` : ''}
              </dd>
            </div>
          ) : null,
        )}
      </dl>
    </details>
  );
}

/** The small map locating the area: its context division's shapes (fetched once per division) and its polygon. */
function Locator(props: { locator: NonNullable<Profile['locator']>; lang: Lang; approx: string }): ReactNode {
  const shapes = useShapes(props.locator.contextDivision);
  return (
    <div>
      {shapes.data ? (
        // the API sends GeoJSON geometries (typed structurally in core as GeoJSONGeometry)
        <LocatorMap
          lang={props.lang}
          context={shapes.data.areas}
          target={props.locator.target as LocatorMapProps['target']}
        />
      ) : (
        <WithData state={shapes}>{() => null}</WithData>
      )}
      {props.locator.approximate ? <p className="fp-muted">{props.approx}</p> : null}
    </div>
  );
}

function ProfileView({ profile: full }: { profile: Profile }): ReactNode {
  const { t, lang } = useI18n(areasStrings);
  const all = useMemo(() => new Map(full.indicators.map((i) => [i.id, i])), [full]);
  // helper counts are shown as the underlying figures of the indicator they belong to
  const profile = useMemo(() => ({ ...full, indicators: headline(full.indicators) }), [full]);
  const name = profile.area.name;
  const word = (a: ProfileIndicator['assessment']) => t(a);
  const withValues = profile.indicators.filter((i) => i.assessment !== 'unknown');
  const count = (a: string) => withValues.filter((i) => i.assessment === a).length;
  // indicators with a value first (in catalogue order), those without after them: on a phone the first
  // screen shows figures, not a run of "saknas"
  const withDataFirst = useMemo(() => {
    const has = (i: ProfileIndicator) => i.latest !== null && i.latest.value !== null;
    return [...profile.indicators.filter(has), ...profile.indicators.filter((i) => !has(i))];
  }, [profile]);
  const columns: Column<ProfileIndicator>[] = [
    {
      key: 'indicator',
      header: t('indicator'),
      value: (i) => indName(i, lang),
      rowHeader: true,
      render: (i) => (
        <>
          {indName(i, lang)}
          <Basis i={i} all={all} />
        </>
      ),
    },
    {
      key: 'latest',
      header: t('latest'),
      value: (i) => i.latest?.value ?? null,
      render: (i) =>
        i.latest?.value !== null && i.latest ? (
          <span data-value={i.latest.value}>{fmtUnit(i.latest.value, i, lang)}</span>
        ) : (
          <span className="fp-muted">
            {i.latest ? t(i.latest.status === 'suppressed' ? 'suppressed' : 'missing') : t('missing')}
          </span>
        ),
      align: 'right',
    },
    { key: 'period', header: t('period'), value: (i) => i.latestPeriod },
    {
      key: 'city',
      header: t('cityAverage'),
      value: (i) => i.city?.value ?? null,
      render: (i) => <span data-value={i.city?.value ?? ''}>{fmtUnit(i.city?.value, i, lang)}</span>,
      align: 'right',
    },
    {
      key: 'difference',
      header: t('difference'),
      value: (i) => i.difference,
      render: (i) =>
        i.difference === null ? (
          <span className="fp-muted">{t('unknown')}</span>
        ) : (
          <AssessmentBadge assessment={i.assessment} text={signed(i.difference, i, lang)} label={word(i.assessment)} />
        ),
      align: 'right',
    },
    {
      key: 'rank',
      header: t('rank'),
      value: (i) => i.rank,
      render: (i) =>
        i.rank === null ? (
          '–'
        ) : (
          <span title={t('rankTitle')}>{t('rankOf', { rank: i.rank, of: i.rankedCount ?? 0 })}</span>
        ),
      align: 'right',
    },
    {
      key: 'change',
      header: t('change'),
      value: (i) => i.change,
      render: (i) =>
        i.change === null ? (
          '–'
        ) : (
          <span>
            <AssessmentBadge
              assessment={i.changeAssessment ?? 'neutral'}
              text={signed(i.change, i, lang)}
              label={word(i.changeAssessment ?? 'neutral')}
            />{' '}
            <span className="fp-muted">
              {i.firstPeriod}–{i.latestPeriod}
            </span>
          </span>
        ),
      align: 'right',
    },
    {
      key: 'trend',
      header: t('trend'),
      value: (i) => i.trend.map((p) => `${p.period}:${p.value ?? ''}`).join(' '),
      render: (i) => <Sparkline lang={lang} decimals={i.decimals} points={i.trend} />,
      sortable: false,
    },
    {
      key: 'source',
      header: t('source'),
      value: (i) => i.latest?.source ?? i.source.publisher ?? '',
      render: (i) => <span className="fp-source-cell">{i.latest?.source ?? i.source.publisher ?? ''}</span>,
    },
  ];
  const title = t('profileTable', { name });
  const csvColumns: Column<ProfileIndicator>[] = [
    ...columns.filter((c) => c.key !== 'trend'),
    { key: 'unit', header: 'unit', value: (i) => unitLabel(i.unit, lang) },
  ];
  return (
    <section aria-labelledby="profile-title">
      <div className="fp-profile-head">
        <div>
          <h2 id="profile-title" data-testid="area-name">
            {name}
          </h2>
          <p>
            {divName(profile.division, lang)} · {profile.area.code}
          </p>
          <Relations profile={profile} lang={lang} />
          <p className="fp-summary" data-testid="profile-summary">
            {t('summaryProfile', {
              name,
              better: count('better'),
              worse: count('worse'),
              same: count('same'),
              neutral: count('neutral'),
              total: withValues.length,
            })}
          </p>
          <p className="fp-muted">{t('tolerance', { pct: Math.round(profile.tolerance.value * 100) })}</p>
        </div>
        {profile.locator ? <Locator locator={profile.locator} lang={lang} approx={t('locatorApprox')} /> : null}
      </div>
      <DataTable
        caption={title}
        columns={columns}
        rows={withDataFirst}
        rowKey={(i) => i.id}
        lang={lang}
        id="profile-table"
      />
      <p className="fp-muted">{t('sortHint')}</p>
      <CsvDownload lang={lang} filename={`profil-${name}`} rows={tableCsvRows(csvColumns, profile.indicators)} />
      <SourceNote
        lang={lang}
        sources={profile.indicators.map((i) =>
          i.latest ? { source: i.latest.source, period: i.latest.period } : null,
        )}
      />
    </section>
  );
}

function Relations({ profile, lang }: { profile: Profile; lang: Lang }): ReactNode {
  const { t } = useI18n(areasStrings);
  const dn = (r: { divisionNameSv: string; divisionNameEn: string }) =>
    lang === 'en' ? r.divisionNameEn : r.divisionNameSv;
  return (
    <nav aria-label={`${t('partOf')} / ${t('consistsOf')}`}>
      {profile.parents.length ? (
        <p>
          {t('partOf')}:{' '}
          {profile.parents.map((p, i) => (
            <span key={`${p.divisionId}:${p.code}`}>
              {i > 0 ? ', ' : ''}
              <Link href={profilePath(p.divisionId, p.code)}>{p.name}</Link> <span className="fp-muted">({dn(p)})</span>
            </span>
          ))}
        </p>
      ) : null}
      {profile.children.length ? (
        <details>
          <summary>
            {t('consistsOf')} ({profile.children.length})
          </summary>
          <ul className="fp-children">
            {profile.children.map((c) => (
              <li key={`${c.divisionId}:${c.code}`}>
                <Link href={profilePath(c.divisionId, c.code)}>{c.name}</Link>{' '}
                <span className="fp-muted">({dn(c)})</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </nav>
  );
}

/** ?division=…: the division whose areas the picker lists (without an area in the path). */
const areasSearch = z.object({ division: searchText() });

function AreasPage(): ReactNode {
  const { t } = useI18n(areasStrings);
  const { params } = useRoute();
  const search = useSearch(areasSearch);
  const catalog = useCatalog();
  const divisionId = params.division ?? search.division ?? DEFAULT_DIVISION;
  const code = params.code ?? null;
  const profile = useApi<Profile>(
    code ? `/areas/${encodeURIComponent(divisionId)}/${encodeURIComponent(code)}/profile` : null,
  );
  return (
    <section>
      <h1>{t('areasTitle')}</h1>
      <p className="lead">{t('areasIntro')}</p>
      <WithData state={catalog}>
        {(c) => (
          <Picker
            catalog={c}
            divisionId={
              c.divisions.some((d) => d.id === divisionId)
                ? divisionId
                : (c.divisions.find((d) => d.level === 1)?.id ?? divisionId)
            }
          />
        )}
      </WithData>
      {code ? <WithData state={profile}>{(p) => <ProfileView profile={p} />}</WithData> : null}
    </section>
  );
}

export const routes: PageRoute[] = [
  { pattern: '/omraden', component: AreasPage, nav: 'areas' },
  { pattern: '/omraden/:division/:code', component: AreasPage, nav: 'areas' },
];
