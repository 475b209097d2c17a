/** Every uploaded and fetched batch, drafts first to publish. */
import { useState, type ReactNode } from 'react';
import type { ImportBatchList } from '../../../core/contracts/imports.ts';
import { sendJson, useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { importsStrings } from '../../i18n/imports.ts';
import { Link } from '../../router.tsx';
import { ErrorMessage, WithData } from '../../shell/Status.tsx';
import { SavedQueries } from './SavedQueries.tsx';

export function BatchesPage(): ReactNode {
  const { t, lang } = useI18n(importsStrings);
  const state = useApi<ImportBatchList>('/imports');
  const [error, setError] = useState<Error | null>(null);
  const publish = async (id: number) => {
    setError(null);
    try {
      await sendJson('POST', `/imports/${id}/publish`, {});
      state.reload();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <>
      <p>
        <Link href="/indikatorer/import">← {t('backToUpload')}</Link>
      </p>
      <h1>{t('batchesTitle')}</h1>
      <p className="lead">{t('batchesIntro')}</p>
      {error ? <ErrorMessage error={error} /> : null}
      <WithData state={state}>
        {(data) =>
          data.batches.length ? (
            <div className="fp-table-wrap">
              <table className="fp-table">
                <caption className="fp-visually-hidden">{t('batchesTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('batch')}</th>
                    <th scope="col">{t('what')}</th>
                    <th scope="col">{t('created')}</th>
                    <th scope="col">{t('by')}</th>
                    <th scope="col">{t('counts')}</th>
                    <th scope="col">{t('state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.batches.map((b) => (
                    <tr key={b.id}>
                      <th scope="row">{b.id}</th>
                      <td>{b.description}</td>
                      <td>{new Date(b.createdAt).toLocaleString(lang === 'en' ? 'en-GB' : 'sv-SE')}</td>
                      <td>{b.createdBy ?? ''}</td>
                      <td className="fp-num">
                        {b.summary.added ?? 0} / {b.summary.changed ?? 0} / {b.summary.deleted ?? 0}
                      </td>
                      <td>
                        {b.publication === 'draft' ? (
                          <>
                            {t('draft')}{' '}
                            <button type="button" onClick={() => void publish(b.id)}>
                              {t('publish', { id: b.id })}
                            </button>
                          </>
                        ) : (
                          t('publishedState')
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{t('none')}</p>
          )
        }
      </WithData>
      <SavedQueries onRefreshed={state.reload} />
    </>
  );
}
