import { useState, type FormEvent } from 'react';
import { sendJson, setCsrfToken } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { authStrings } from '../../i18n/auth.ts';
import { Link, navigate } from '../../router.tsx';
import { WithData, useErrorText } from '../../shell/Status.tsx';
import { useSession } from './session.ts';

type Key = keyof (typeof authStrings)['sv'];
const permKey = (p: string): Key => `perm_${p.replace(':', '_')}` as Key;

function PasswordForm() {
  const { t } = useI18n(authStrings);
  const errorText = useErrorText();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (next !== repeat) {
      setMessage({ ok: false, text: t('passwordsDiffer') });
      return;
    }
    try {
      await sendJson('POST', '/auth/password', { currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setRepeat('');
      setMessage({ ok: true, text: t('passwordChanged') });
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    }
  }

  return (
    <form onSubmit={submit} className="stacked-form">
      <h2>{t('changePassword')}</h2>
      <div>
        <label htmlFor="pw-current">{t('currentPassword')}</label>
        <input
          id="pw-current"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </div>
      <div>
        <label htmlFor="pw-new">{t('newPassword')}</label>
        <input
          id="pw-new"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          aria-describedby="pw-hint"
          value={next}
          onChange={(e) => setNext(e.target.value)}
        />
        <p id="pw-hint" className="hint">
          {t('passwordHint')}
        </p>
      </div>
      <div>
        <label htmlFor="pw-repeat">{t('repeatPassword')}</label>
        <input
          id="pw-repeat"
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
        />
      </div>
      {message ? (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
          {message.text}
        </p>
      ) : null}
      <button type="submit">{t('save')}</button>
    </form>
  );
}

export function AccountPage() {
  const { t } = useI18n(authStrings);
  const me = useSession();

  async function signOut(): Promise<void> {
    await sendJson('POST', '/auth/sign-out').catch(() => undefined);
    setCsrfToken(null);
    navigate('/');
  }

  return (
    <section className="auth-page">
      <h1>{t('accountTitle')}</h1>
      <WithData state={me}>
        {(data) =>
          !data.user ? (
            <p>
              {t('notSignedIn')} <Link href="/logga-in?next=/konto">{t('toSignIn')}</Link>
            </p>
          ) : (
            <>
              <p data-testid="signed-in-as">
                {t('signedInAs', {
                  name: data.user.displayName || data.user.username,
                  role: t(`role_${data.user.role}` as Key),
                })}
              </p>
              <h2>{t('yourPermissions')}</h2>
              <ul>
                {data.permissions.map((p) => (
                  <li key={p}>{t(permKey(p))}</li>
                ))}
              </ul>
              {data.user.role === 'district_editor' ? <p>{t('scopedNote')}</p> : null}
              {data.permissions.includes('users:manage') || data.permissions.includes('audit:read') ? (
                <ul className="links">
                  {data.permissions.includes('users:manage') ? (
                    <li>
                      <Link href="/admin/anvandare">{t('usersTitle')}</Link>
                    </li>
                  ) : null}
                  {data.permissions.includes('audit:read') ? (
                    <li>
                      <Link href="/admin/andringslogg">{t('auditTitle')}</Link>
                    </li>
                  ) : null}
                </ul>
              ) : null}
              <PasswordForm />
              <p>
                <button type="button" className="secondary" onClick={() => void signOut()}>
                  {t('signOut')}
                </button>
              </p>
            </>
          )
        }
      </WithData>
    </section>
  );
}
