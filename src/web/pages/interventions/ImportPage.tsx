/** Import: choose a CSV/XLSX file, check it (every problem with row and column), then write it all at once. */
import { useState, type ReactNode } from 'react';
import { ApiError, sendJson } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { interventionsStrings } from '../../i18n/interventions.ts';
import { Link } from '../../router.tsx';
import { ErrorMessage } from '../../shell/Status.tsx';
import { mnkr, type Preview } from './model.ts';
import { FileForm } from '../../components/FileForm.tsx';

const COLUMNS =
  'id, name, description, committee, funding_source, areas, goal_areas, strategies, targets, start_date, end_date, status, year, budget_area, planned_mnkr, decided_mnkr, spent_mnkr';

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function ImportPage(): ReactNode {
  const { t, lang } = useI18n(interventionsStrings);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const body = async () => ({
    format: file!.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv',
    content: await toBase64(file!),
  });
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(
        e instanceof ApiError && (e.status === 401 || e.status === 403)
          ? new Error(t('importNeedsRights'))
          : (e as Error),
      );
    } finally {
      setBusy(false);
    }
  };
  const check = () =>
    run(async () => {
      setDone(null);
      setPreview(await sendJson<Preview>('POST', '/interventions/import/preview', await body()));
    });
  const commit = () =>
    run(async () => {
      const r = await sendJson<{ written: number }>('POST', '/interventions/import', await body());
      setDone(r.written);
      setPreview(null);
    });

  return (
    <>
      <p>
        <Link href="/insatser">← {t('backToList')}</Link>
      </p>
      <h1>{t('importTitle')}</h1>
      <p className="lead">{t('importIntro')}</p>
      <p className="source-note">
        <code>{COLUMNS}</code>
      </p>
      <FileForm
        id="iv-file"
        label={t('file')}
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        submit={t('preview')}
        file={file}
        busy={busy}
        onFile={(f) => {
          setFile(f);
          setPreview(null);
          setDone(null);
        }}
        onSubmit={() => void check()}
      />
      {error ? <ErrorMessage error={error} /> : null}
      {done !== null ? (
        <p role="status" className="iv-ok">
          {t('imported', { n: done })}
        </p>
      ) : null}
      {preview ? (
        <section aria-labelledby="iv-preview-h" aria-live="polite">
          {preview.ok ? (
            <>
              <h2 id="iv-preview-h">
                {t('previewOk', { n: preview.interventions.length, lines: preview.totals.budgetLines })}
              </h2>
              <div className="fp-table-wrap">
                <table className="fp-table">
                  <caption className="fp-visually-hidden">{t('interventions')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('name')}</th>
                      <th scope="col">{t('action')}</th>
                      <th scope="col" className="fp-num">
                        {t('planned')} ({t('mnkr')})
                      </th>
                      <th scope="col" className="fp-num">
                        {t('decided')} ({t('mnkr')})
                      </th>
                      <th scope="col" className="fp-num">
                        {t('spent')} ({t('mnkr')})
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.interventions.map((i) => (
                      <tr key={i.id}>
                        <th scope="row">{i.name}</th>
                        <td>{t(`action_${i.action}`)}</td>
                        <td className="fp-num">{mnkr(i.totals.planned, lang, false)}</td>
                        <td className="fp-num">{mnkr(i.totals.decided, lang, false)}</td>
                        <td className="fp-num">{mnkr(i.totals.spent, lang, false)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <button type="button" onClick={() => void commit()} disabled={busy}>
                {t('commit')}
              </button>
            </>
          ) : (
            <>
              <h2 id="iv-preview-h">
                {t('problems')} ({preview.problems.length})
              </h2>
              <div className="fp-table-wrap">
                <table className="fp-table" id="iv-problems">
                  <caption className="fp-visually-hidden">{t('problems')}</caption>
                  <thead>
                    <tr>
                      <th scope="col" className="fp-num">
                        {t('row')}
                      </th>
                      <th scope="col">{t('column')}</th>
                      <th scope="col">{t('value')}</th>
                      <th scope="col">{t('problem')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.problems.map((p, i) => (
                      <tr key={i}>
                        <td className="fp-num">{p.row}</td>
                        <td>
                          {p.column}
                          {p.columnIndex ? ` (${p.columnIndex})` : ''}
                        </td>
                        <td>{p.value ?? ''}</td>
                        <td>
                          {t(`problem_${p.code}` as 'problem_bad-amount')}
                          {lang === 'sv' ? (
                            <span className="iv-detail" lang="en">
                              {' '}
                              ({p.message})
                            </span>
                          ) : (
                            <span className="iv-detail">: {p.message}</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      ) : null}
    </>
  );
}
