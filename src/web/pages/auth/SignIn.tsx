import { useState, type FormEvent } from 'react';
import { ApiError, sendJson, setCsrfToken } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { authStrings } from '../../i18n/auth.ts';
import { Link, navigate, useRoute } from '../../router.tsx';
import { Loading } from '../../shell/Status.tsx';
import { safeNext, useSession } from './session.ts';

export function SignInPage() {
  const { t } = useI18n(authStrings);
  const { query } = useRoute();
  const me = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await sendJson<{ csrfToken: string }>('POST', '/auth/sign-in', { username, password });
      setCsrfToken(res.csrfToken);
      setPassword('');
      navigate(safeNext(query.get('next')));
    } catch (err) {
      const id = err instanceof ApiError ? err.id : '';
      const known = ['unauthenticated', 'locked', 'rate_limited'].includes(id);
      setError(
        known
          ? t(`error_${id}` as 'error_locked') + (id === 'locked' && err instanceof Error ? ` (${err.message})` : '')
          : (err as Error).message,
      );
    } finally {
      setBusy(false);
    }
  }

  if (me.loading && !me.data) return <Loading />;
  return (
    <section className="auth-page">
      <h1>{t('signInTitle')}</h1>
      {me.data?.user ? (
        <p>
          {t('alreadySignedIn', { name: me.data.user.displayName || me.data.user.username })}{' '}
          <Link href="/konto">{t('toAccount')}</Link>
        </p>
      ) : null}
      <p>{t('signInIntro')}</p>
      <form onSubmit={submit} className="stacked-form" aria-describedby={error ? 'sign-in-error' : undefined}>
        <div>
          <label htmlFor="sign-in-username">{t('username')}</label>
          <input
            id="sign-in-username"
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor="sign-in-password">{t('password')}</label>
          <input
            id="sign-in-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {error ? (
          <p id="sign-in-error" role="alert" className="error">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </section>
  );
}
