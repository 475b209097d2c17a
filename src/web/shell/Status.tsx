/** Loading and error states that screen readers announce. */
import type { ReactNode } from 'react';
import type { ApiState } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" aria-live="polite" className="loading">
      {t('loading')}
    </p>
  );
}

export function ErrorMessage({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div role="alert" className="error">
      <p>
        <strong>{t('error')}:</strong> {error.message}
      </p>
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      ) : null}
    </div>
  );
}

/** Renders children with the data once it is there; loading and errors meanwhile. */
export function WithData<T>({ state, children }: { state: ApiState<T>; children: (data: T) => ReactNode }) {
  if (state.error) return <ErrorMessage error={state.error} onRetry={state.reload} />;
  if (state.loading || state.data === null) return <Loading />;
  return <>{children(state.data)}</>;
}
