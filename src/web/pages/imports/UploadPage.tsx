/** Upload a dataset: preview (every error by row and column, old → new), import as a draft, publish. */
import type { z } from 'zod';
import type { ImportProblem } from '../../../core/contracts/imports.ts';
import { useState, type ReactNode } from 'react';
import type { ImportCommitResponse, ImportPreview } from '../../../core/contracts/imports.ts';
import { ApiError, sendJson } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { importsStrings } from '../../i18n/imports.ts';
import { Link } from '../../router.tsx';
import { ErrorMessage } from '../../shell/Status.tsx';
import { ChangesTable } from './ChangesTable.tsx';
import { FileForm } from '../../components/FileForm.tsx';

const COLUMNS = 'indicator, area, division, period, value, numerator, denominator, breakdown, status, source';

type Problem = z.infer<typeof ImportProblem>;

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function ProblemList({ problems }: { problems: readonly Problem[] }): ReactNode {
  const { t } = useI18n(importsStrings);
  return (
    <section aria-labelledby="imp-problems-h" role="alert">
      <h2 id="imp-problems-h">
        {problems.length === 1 ? t('problemsTitleOne') : t('problemsTitle', { n: problems.length })}
      </h2>
      <div className="fp-table-wrap">
        <table className="fp-table" data-testid="import-problems">
          <thead>
            <tr>
              <th scope="col">{t('fileCol')}</th>
              <th scope="col">{t('row')}</th>
              <th scope="col">{t('column')}</th>
              <th scope="col">{t('problem')}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p, i) => (
              <tr key={i}>
                <td>{p.file ?? ''}</td>
                <td className="fp-num">{p.line ?? ''}</td>
                <td>{p.field ?? ''}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function UploadPage(): ReactNode {
  const { t } = useI18n(importsStrings);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [committed, setCommitted] = useState<ImportCommitResponse | null>(null);
  const [published, setPublished] = useState<ImportCommitResponse | null>(null);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const body = async () => ({ fileName: file!.name, content: await toBase64(file!) });
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.details) && e.details.length && e.status === 422)
        setProblems(e.details as Problem[]);
      else
        setError(
          e instanceof ApiError && (e.status === 401 || e.status === 403) ? new Error(t('needsRights')) : (e as Error),
        );
    } finally {
      setBusy(false);
    }
  };
  const reset = () => {
    setPreview(null);
    setCommitted(null);
    setPublished(null);
    setProblems(null);
  };
  const check = () =>
    run(async () => {
      reset();
      const p = await sendJson<ImportPreview>('POST', '/imports/preview', await body());
      setPreview(p);
      if (!p.ok) setProblems(p.problems);
    });
  const commit = () =>
    run(async () => {
      setCommitted(await sendJson<ImportCommitResponse>('POST', '/imports', await body()));
    });
  const publish = (id: number) =>
    run(async () => {
      setPublished(await sendJson<ImportCommitResponse>('POST', `/imports/${id}/publish`, {}));
    });
  const indicators = [...new Set(preview?.changes.map((c) => c.indicatorId) ?? [])];

  return (
    <>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <p className="source-note">
        {t('columns')}: <code>{COLUMNS}</code>. {t('wideNote')}
      </p>
      <p>
        <Link href="/indikatorer/import/batcher">{t('batchesLink')}</Link>
      </p>
      <FileForm
        id="imp-file"
        label={t('file')}
        accept=".csv,.xlsx,.json,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        submit={t('preview')}
        file={file}
        busy={busy}
        onFile={(f) => {
          setFile(f);
          reset();
        }}
        onSubmit={() => void check()}
      />
      {error ? <ErrorMessage error={error} /> : null}
      {problems?.length ? <ProblemList problems={problems} /> : null}
      {preview?.ok && !committed ? (
        <section aria-labelledby="imp-preview-h" aria-live="polite">
          <h2 id="imp-preview-h">{t('summary', preview.summary)}</h2>
          <ChangesTable changes={preview.changes} />
          {preview.truncated ? <p className="fp-muted">{t('truncated')}</p> : null}
          <button type="button" onClick={() => void commit()} disabled={busy}>
            {t('commit')}
          </button>
        </section>
      ) : null}
      {committed && !published ? (
        <section role="status">
          {committed.batch ? (
            <>
              <p>{t('committed', { id: committed.batch.id })}</p>
              <button type="button" onClick={() => void publish(committed.batch!.id)} disabled={busy}>
                {t('publish', { id: committed.batch.id })}
              </button>
            </>
          ) : (
            <p>{t('nothingToDo')}</p>
          )}
        </section>
      ) : null}
      {published?.batch ? (
        <section role="status">
          <p>{t('published', { id: published.batch.id, ...published.summary })}</p>
          <ul>
            {indicators.map((i) => (
              <li key={i}>
                <Link href={`/indikatorer/${encodeURIComponent(i)}`}>{t('seeIndicator', { indicator: i })}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
