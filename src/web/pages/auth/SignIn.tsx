/**
 * Sign-in. The values are checked in the browser with the endpoint's contract (signInBody) before they are
 * sent; a refusal (wrong password, locked, too many attempts) is said in the alert, in the user's language.
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ApiError, sendJson, setCsrfToken } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { authStrings } from '../../i18n/auth.ts';
import { Link, navigate, useSearch } from '../../router.tsx';
import { searchText } from '../../search.ts';
import { z } from 'zod';
import { Loading, useErrorText } from '../../shell/Status.tsx';
import { contractResolver, submitWith, type FieldOf } from '../../forms.ts';
import { signInBody } from '../../../core/contracts/auth.ts';
import { authSay, described, FieldProblem } from './fields.tsx';
import { safeNext, useSession } from './session.ts';

interface Values {
  username: string;
  password: string;
}
const fieldOf: FieldOf<Values> = (path) => (path[0] === 'username' || path[0] === 'password' ? path[0] : null);
const ALERT = 'sign-in-error';

/** ?next=/path: where to go after signing in (safeNext keeps it inside the app). */
const signInSearch = z.object({ next: searchText() });

export function SignInPage() {
  const { t } = useI18n(authStrings);
  const errorText = useErrorText();
  const { next } = useSearch(signInSearch);
  const me = useSession();
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const form = useForm<Values>({
    defaultValues: { username: '', password: '' },
    resolver: contractResolver(signInBody, (v: Values) => v, fieldOf, authSay(t)),
  });
  const errors = form.formState.errors;

  const submit = submitWith(form, fieldOf, (v) => sendJson<{ csrfToken: string }>('POST', '/auth/sign-in', v), {
    done: (res) => {
      setCsrfToken(res.csrfToken);
      form.setValue('password', '');
      navigate(safeNext(next ?? null));
    },
    failed: (_message, err) => {
      const id = err instanceof ApiError ? err.id : '';
      const known = ['unauthenticated', 'locked', 'rate_limited'].includes(id);
      setStatus('');
      setError(
        known
          ? t(`error_${id}` as 'error_locked') + (id === 'locked' && err instanceof Error ? ` (${err.message})` : '')
          : errorText(err),
      );
    },
    invalid: () => {
      setError(null);
      setStatus(t('formHasErrors'));
    },
  });

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
      <form
        onSubmit={(e) => void submit(e)}
        className="stacked-form"
        noValidate
        aria-describedby={error ? ALERT : undefined}
      >
        <div>
          <label htmlFor="sign-in-username">{t('username')}</label>
          <input
            id="sign-in-username"
            autoComplete="username"
            required
            {...form.register('username')}
            {...described('sign-in-username', errors.username, ALERT)}
          />
          <FieldProblem id="sign-in-username" error={errors.username} />
        </div>
        <div>
          <label htmlFor="sign-in-password">{t('password')}</label>
          <input
            id="sign-in-password"
            type="password"
            autoComplete="current-password"
            required
            {...form.register('password')}
            {...described('sign-in-password', errors.password, ALERT)}
          />
          <FieldProblem id="sign-in-password" error={errors.password} />
        </div>
        {error ? (
          <p id={ALERT} role="alert" className="error">
            {error}
          </p>
        ) : null}
        <p role="status" className="visually-hidden">
          {status}
        </p>
        <button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </section>
  );
}
