/** Saved SCB and Kolada queries, and the button that re-runs them all. */
import { useState, type ReactNode } from 'react';
import type { RefreshResponse, SavedQueryList } from '../../../core/contracts/imports.ts';
import { sendJson, useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { importsStrings } from '../../i18n/imports.ts';
import { ErrorMessage, WithData } from '../../shell/Status.tsx';

export function SavedQueries({ onRefreshed }: { onRefreshed: () => void }): ReactNode {
  const { t, lang } = useI18n(importsStrings);
  const state = useApi<SavedQueryList>('/imports/saved-queries');
  const [result, setResult] = useState<RefreshResponse | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const refresh = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await sendJson<RefreshResponse>('POST', '/imports/saved-queries/refresh'));
      state.reload();
      onRefreshed();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="imp-saved-h">
      <h2 id="imp-saved-h">{t('savedTitle')}</h2>
      <p>{t('savedIntro')}</p>
      <WithData state={state}>
        {(data) =>
          data.queries.length ? (
            <>
              <ul>
                {data.queries.map((q) => (
                  <li key={q.id}>
                    {q.label}
                    {q.lastRunAt
                      ? ` · ${t('lastRun')} ${new Date(q.lastRunAt).toLocaleString(lang === 'en' ? 'en-GB' : 'sv-SE')}`
                      : ''}
                  </li>
                ))}
              </ul>
              <button type="button" onClick={() => void refresh()} disabled={busy}>
                {t('refresh')}
              </button>
            </>
          ) : (
            <p>{t('noSaved')}</p>
          )
        }
      </WithData>
      {error ? <ErrorMessage error={error} /> : null}
      {result ? (
        <ul role="status">
          {result.items.map((i) => (
            <li key={i.id}>
              {i.label}: {i.error ? i.error : i.summary ? t('summary', i.summary) : ''}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
