/** Insatser: the register with filters (area, goal area, committee, status, year) kept in the URL, and the totals of what is filtered. */
import type { ReactNode } from 'react';
import { useApi } from '../../api.ts';
import { useSession } from '../auth/session.ts';
import { useI18n } from '../../i18n/index.tsx';
import { interventionsStrings } from '../../i18n/interventions.ts';
import { Link, setQuery, useSearch } from '../../router.tsx';
import { lenientSearch, queryOf } from '../../search.ts';
import { listQuery } from '../../../core/contracts/interventions.ts';
import { ErrorMessage, Loading } from '../../shell/Status.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { Amount } from './Amount.tsx';
import { STATUSES, mnkr, type ListItem, type ListResponse, type Money } from './model.ts';

const FILTERS = ['area', 'includeCityWide', 'goalArea', 'committee', 'status', 'year'] as const;

/** The filters in the URL: the list API's own query contract, read leniently. */
const listSearch = lenientSearch(
  listQuery.pick({ area: true, includeCityWide: true, goalArea: true, committee: true, status: true, year: true }),
);

export function TotalsList({
  totals,
  known,
  partial,
  label,
  id,
}: {
  totals: Money;
  /** Which amounts are given at all: an unknown amount is shown as unknown, never as 0. */
  known?: Record<'planned' | 'decided' | 'spent', boolean>;
  /** Which sums leave out lines that do not give the amount. */
  partial?: Record<'planned' | 'decided' | 'spent', boolean>;
  label: string;
  id?: string;
}): ReactNode {
  const { t } = useI18n(interventionsStrings);
  return (
    <dl className="iv-totals" aria-label={label} id={id}>
      {(['planned', 'decided', 'spent'] as const).map((m) => (
        <div key={m} data-measure={m}>
          <dt>{t(m)}</dt>
          <dd>
            <Amount kronor={totals[m]} known={!known || known[m]} partial={partial?.[m] ?? false} unit />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Filters({ data }: { data: ListResponse }): ReactNode {
  const { t, lang } = useI18n(interventionsStrings);
  const search = useSearch(listSearch);
  const select = (key: (typeof FILTERS)[number], label: string, options: { value: string; label: string }[]) => (
    <div className="iv-filter">
      <label htmlFor={`iv-f-${key}`}>{label}</label>
      <select
        id={`iv-f-${key}`}
        name={key}
        value={search[key] ?? ''}
        onChange={(e) => setQuery({ [key]: e.target.value || null })}
      >
        <option value="">{t('all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  const o = data.options;
  return (
    <form className="iv-filters" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
      <div className="iv-filter">
        <label htmlFor="iv-f-area">{t('area')}</label>
        <select
          id="iv-f-area"
          name="area"
          value={search.area ?? ''}
          onChange={(e) => setQuery({ area: e.target.value || null })}
        >
          <option value="">{t('all')}</option>
          <optgroup label={t('areaGroupsOption')}>
            {o.groups.map((g) => (
              // a group may bear an area's name (Järva): the option says which it is, not only its optgroup
              <option key={g.key} value={g.key}>
                {t('areaGroupOption', { name: lang === 'en' ? g.nameEn || g.name : g.name })}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('areasOption')}>
            {o.areas.map((a) => (
              <option key={a.key} value={a.key}>
                {a.key === 'city' ? t('cityWide') : a.name}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      {search.area && search.area !== 'city' ? (
        <div className="iv-filter iv-filter-check">
          <input
            type="checkbox"
            id="iv-f-includeCityWide"
            name="includeCityWide"
            checked={search.includeCityWide === 'true'}
            onChange={(e) => setQuery({ includeCityWide: e.target.checked ? 'true' : null })}
          />
          <label htmlFor="iv-f-includeCityWide">{t('includeCityWide')}</label>
        </div>
      ) : null}
      {select(
        'goalArea',
        t('goalArea'),
        o.goalAreas.map((g) => ({ value: g.id, label: lang === 'en' ? g.nameEn : g.name })),
      )}
      {select(
        'committee',
        t('committee'),
        o.committees.map((c) => ({ value: c, label: c === '' ? t('notStated') : c })),
      )}
      {select(
        'status',
        t('status'),
        STATUSES.map((s) => ({ value: s, label: t(`status_${s}`) })),
      )}
      {select(
        'year',
        t('year'),
        o.years.map((y) => ({ value: String(y), label: String(y) })),
      )}
      {FILTERS.some((k) => search[k] !== undefined) ? (
        <button type="button" onClick={() => setQuery(Object.fromEntries(FILTERS.map((k) => [k, null])))}>
          {t('clearFilters')}
        </button>
      ) : null}
    </form>
  );
}

function Results({ data }: { data: ListResponse }): ReactNode {
  const { t, lang } = useI18n(interventionsStrings);
  const columns: Column<ListItem>[] = [
    {
      key: 'name',
      header: t('name'),
      value: (r) => r.name,
      render: (r) => (
        <>
          <Link href={`/insatser/${encodeURIComponent(r.id)}`}>{r.name}</Link>
          {r.publication === 'draft' ? (
            <>
              {' '}
              <span className="draft-tag">({t('publication_draft')})</span>
            </>
          ) : null}
        </>
      ),
      rowHeader: true,
    },
    { key: 'committee', header: t('committee'), value: (r) => r.committee || t('responsibilityMissing') },
    {
      key: 'areas',
      header: t('areas'),
      value: (r) => r.areas.map((a) => (a.key === 'city' ? t('cityWide') : a.name)).join(', '),
    },
    { key: 'status', header: t('status'), value: (r) => t(`status_${r.status}`) },
    {
      key: 'planned',
      header: `${t('planned')} (${t('mnkr')})`,
      value: (r) => (r.known.planned ? mnkr(r.totals.planned, lang, false) : ''),
      render: (r) => <Amount kronor={r.totals.planned} known={r.known.planned} />,
      align: 'right',
    },
    {
      key: 'decided',
      header: `${t('decided')} (${t('mnkr')})`,
      value: (r) => (r.known.decided ? mnkr(r.totals.decided, lang, false) : ''),
      render: (r) => <Amount kronor={r.totals.decided} known={r.known.decided} />,
      align: 'right',
    },
    {
      key: 'spent',
      header: `${t('spent')} (${t('mnkr')})`,
      value: (r) => (r.known.spent ? mnkr(r.totals.spent, lang, false) : ''),
      render: (r) => <Amount kronor={r.totals.spent} known={r.known.spent} />,
      align: 'right',
    },
  ];
  const heading = data.year === null ? t('totalsOfFiltered') : t('totalsOfFilteredYear', { year: data.year });
  return (
    <>
      <section aria-labelledby="iv-totals-h" className="iv-summary">
        <h2 id="iv-totals-h">{heading}</h2>
        <p role="status" aria-live="polite" data-testid="iv-count">
          {data.count === 1 ? t('countOne') : t('count', { n: data.count })}
        </p>
        <TotalsList totals={data.totals} label={heading} id="iv-list-totals" />
        <p className="source-note">{t('totalsNote')}</p>
      </section>
      {data.items.length === 0 ? (
        <p>{t('noneFound')}</p>
      ) : (
        <DataTable
          caption={t('title')}
          captionHidden
          columns={columns}
          rows={data.items}
          rowKey={(r) => r.id}
          lang={lang}
          id="iv-table"
        />
      )}
    </>
  );
}

export function ListPage(): ReactNode {
  const { t } = useI18n(interventionsStrings);
  const search = useSearch(listSearch);
  const state = useApi<ListResponse>(`/interventions${queryOf(search)}`);
  // importing is for staff who may change the register: a resident is not offered it
  const canImport = useSession().data?.permissions.includes('interventions:write') ?? false;
  return (
    <>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <ul className="iv-links">
        <li>
          <Link href="/insatser/budget">{t('budgetLink')}</Link>
        </li>
        {canImport ? (
          <li>
            <Link href="/insatser/import">{t('importLink')}</Link>
          </li>
        ) : null}
        <li>
          <a href="/api/v1/interventions/export?format=csv" download>
            {t('exportCsv')}
          </a>
        </li>
        <li>
          <a href="/api/v1/interventions/export?format=xlsx" download>
            {t('exportXlsx')}
          </a>
        </li>
      </ul>
      {/* keep the filters on screen while new results load (a select must not vanish under the user) */}
      {state.error ? <ErrorMessage error={state.error} onRetry={state.reload} /> : null}
      {state.data === null ? (
        state.error ? null : (
          <Loading />
        )
      ) : (
        <div aria-busy={state.loading}>
          <Filters data={state.data} />
          <Results data={state.data} />
        </div>
      )}
    </>
  );
}
