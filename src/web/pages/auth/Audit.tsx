import { useState, type FormEvent } from 'react';
import { ApiError, useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { authStrings } from '../../i18n/auth.ts';
import { setQuery, useSearch } from '../../router.tsx';
import { lenientSearch, queryOf } from '../../search.ts';
import { WithData } from '../../shell/Status.tsx';
import type { z } from 'zod';
import { auditQuery, type auditResponse } from '../../../core/contracts/auth.ts';

/** An entry of the audit log, as the API's contract gives it. */
type AuditItem = z.infer<typeof auditResponse>['items'][number];

const FILTERS = ['entity', 'entityId', 'username', 'action', 'from', 'to'] as const;
const PAGE = 50;

/** The page's URL: the audit API's own query contract, read leniently (a value that does not fit is absent). */
const auditSearch = lenientSearch(
  auditQuery.pick({ entity: true, entityId: true, username: true, action: true, from: true, to: true, offset: true }),
);

export function AuditPage() {
  const { t, lang } = useI18n(authStrings);
  const search = useSearch(auditSearch);
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries(FILTERS.map((f) => [f, search[f] ?? ''])),
  );
  const offset = search.offset ?? 0;
  const state = useApi<{ items: AuditItem[]; total: number }>(
    `/auth/audit${queryOf({ ...search, limit: PAGE, offset })}`,
  );
  const forbidden = state.error instanceof ApiError && (state.error.status === 401 || state.error.status === 403);
  const fmt = new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'medium',
    timeZone: 'Europe/Stockholm',
  });

  function submit(e: FormEvent): void {
    e.preventDefault();
    setQuery(
      { ...Object.fromEntries(FILTERS.map((f) => [f, draft[f]?.trim() || null])), offset: null },
      { push: true },
    );
  }

  const labels: Record<(typeof FILTERS)[number], string> = {
    entity: t('entity'),
    entityId: t('entityId'),
    username: t('user'),
    action: t('action'),
    from: t('from'),
    to: t('to'),
  };

  return (
    <section className="auth-page">
      <h1>{t('auditTitle')}</h1>
      <p>{t('auditIntro')}</p>
      {forbidden ? (
        <p role="alert" className="error">
          {t('forbidden')}
        </p>
      ) : (
        <>
          <form onSubmit={submit} className="filters" aria-label={t('filter')}>
            {FILTERS.map((f) => (
              <div key={f}>
                <label htmlFor={`audit-${f}`}>{labels[f]}</label>{' '}
                <input
                  id={`audit-${f}`}
                  type={f === 'from' || f === 'to' ? 'date' : 'text'}
                  value={draft[f] ?? ''}
                  onChange={(e) => setDraft((d) => ({ ...d, [f]: e.target.value }))}
                />
              </div>
            ))}
            <button type="submit">{t('filter')}</button>
          </form>
          <WithData state={state}>
            {(data) => (
              <>
                <p role="status">{t('total', { n: data.total })}</p>
                {data.items.length === 0 ? (
                  <p>{t('empty')}</p>
                ) : (
                  <div className="table-scroll">
                    <table>
                      <caption className="visually-hidden">{t('auditTitle')}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('when')}</th>
                          <th scope="col">{t('user')}</th>
                          <th scope="col">{t('action')}</th>
                          <th scope="col">{t('what')}</th>
                          <th scope="col">{t('changes')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {data.items.map((i) => (
                          <tr key={i.id}>
                            <td>
                              <time dateTime={i.at}>{fmt.format(new Date(i.at))}</time>
                            </td>
                            <td>{i.username ?? '–'}</td>
                            <td>{i.action}</td>
                            <td>
                              {i.entity} <code>{i.entityId}</code>
                            </td>
                            <td>
                              {i.changed.join(', ') || '–'}
                              <details>
                                <summary>{t('showDetails')}</summary>
                                <p>{t('before')}:</p>
                                <pre>{JSON.stringify(i.before, null, 2)}</pre>
                                <p>{t('after')}:</p>
                                <pre>{JSON.stringify(i.after, null, 2)}</pre>
                              </details>
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
                <nav aria-label={t('auditTitle')} className="pager">
                  {offset > 0 ? (
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => setQuery({ offset: String(Math.max(0, offset - PAGE)) }, { push: true })}
                    >
                      {t('previous')}
                    </button>
                  ) : null}{' '}
                  {offset + PAGE < data.total ? (
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => setQuery({ offset: String(offset + PAGE) }, { push: true })}
                    >
                      {t('next')}
                    </button>
                  ) : null}
                </nav>
              </>
            )}
          </WithData>
        </>
      )}
    </section>
  );
}
