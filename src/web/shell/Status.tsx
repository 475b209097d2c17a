/** Loading, error and not-found states that screen readers announce, always in the user's language. */
import type { ReactNode } from 'react';
import { ApiError, type ApiState } from '../api.ts';
import { errorText, useI18n, useLang } from '../i18n/index.tsx';
import { Link } from '../router.tsx';

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" aria-live="polite" className="loading">
      {t('loading')}
    </p>
  );
}

/** (error) → the text to show for it in the current language; use it wherever a caught error is displayed. */
export function useErrorText(): (error: unknown) => string {
  const lang = useLang();
  return (error) => {
    if (error instanceof ApiError) return errorText(error, lang);
    if (error instanceof TypeError) return errorText({ message: '', id: 'network' }, lang);
    return errorText({ message: '', id: 'internal' }, lang);
  };
}

/** The problems an error names (field and message), for forms and imports. */
function problemsOf(error: unknown): { field?: string; message: string }[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return (error.details as { field?: string; message?: string }[])
    .filter((d) => typeof d.message === 'string')
    .map((d) => ({ field: d.field, message: d.message! }));
}

export function ErrorMessage({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useI18n();
  const text = useErrorText();
  if (error instanceof ApiError && error.status === 404) return <NotFound />;
  const problems = problemsOf(error);
  return (
    <div role="alert" className="error">
      <p>
        <strong>{t('error')}:</strong> {text(error)}
      </p>
      {problems.length ? (
        <ul>
          {problems.map((p, i) => (
            <li key={i}>
              {p.field ? <code>{p.field}</code> : null} {p.message}
            </li>
          ))}
        </ul>
      ) : null}
      {onRetry && !(error instanceof ApiError && error.status < 500) ? (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      ) : null}
    </div>
  );
}

/** A page or item that does not exist (or is not published): a heading and a way back. */
export function NotFound() {
  const { t } = useI18n();
  return (
    <section className="not-found" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t('notFound')}</h1>
      <p>{t('notFoundText')}</p>
      <p>
        <Link href="/">{t('toStart')}</Link>
      </p>
    </section>
  );
}

/** Renders children with the data once it is there; loading and errors meanwhile. */
export function WithData<T>({ state, children }: { state: ApiState<T>; children: (data: T) => ReactNode }) {
  if (state.error) return <ErrorMessage error={state.error} onRetry={state.reload} />;
  if (state.loading || state.data === null) return <Loading />;
  return <>{children(state.data)}</>;
}
