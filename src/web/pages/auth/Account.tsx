/**
 * The account page: who you are, what you may do, and a new password. The password form is checked in the
 * browser with the endpoint's contract (passwordBody) and that the new password is typed the same twice; a
 * refusal by the server (a wrong current password, a password the policy refuses) marks the field it names.
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { sendJson, setCsrfToken } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { authStrings } from '../../i18n/auth.ts';
import { Link, navigate } from '../../router.tsx';
import { WithData, useErrorText } from '../../shell/Status.tsx';
import { contractResolver, submitWith, type FieldOf } from '../../forms.ts';
import { passwordBody } from '../../../core/contracts/auth.ts';
import { authSay, described, FieldProblem } from './fields.tsx';
import { useSession } from './session.ts';

type Key = keyof (typeof authStrings)['sv'];
const permKey = (p: string): Key => `perm_${p.replace(':', '_')}` as Key;

interface Values {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

/** The request body and the repetition, which must be the same as the new password. */
const request = z
  .object({ body: passwordBody, repeat: z.string() })
  .refine((v) => v.body.newPassword === v.repeat, { path: ['repeat'], message: 'differ' });
const FIELDS = ['currentPassword', 'newPassword', 'repeat'] as const;
/** The form field of a problem at `path` of the body (or of the request, for the repetition). */
const fieldOf: FieldOf<Values> = (path) => {
  const head = String(path[0] === 'body' ? path[1] : path[0]);
  return (FIELDS as readonly string[]).includes(head) ? (head as keyof Values) : null;
};
const bodyOf = (v: Values) => ({ currentPassword: v.currentPassword, newPassword: v.newPassword });
const ALERT = 'pw-error';

function PasswordForm() {
  const { t } = useI18n(authStrings);
  const errorText = useErrorText();
  const say = authSay(t);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const form = useForm<Values>({
    defaultValues: { currentPassword: '', newPassword: '', repeat: '' },
    resolver: contractResolver(
      request,
      (v: Values) => ({ body: bodyOf(v), repeat: v.repeat }),
      fieldOf,
      (issue) => (issue.path[0] === 'repeat' ? t('passwordsDiffer') : say(issue)),
    ),
  });
  const errors = form.formState.errors;

  const submit = submitWith(form, fieldOf, (v) => sendJson('POST', '/auth/password', bodyOf(v)), {
    done: () => {
      form.reset();
      setMessage({ ok: true, text: t('passwordChanged') });
    },
    failed: (_message, err) => {
      setMessage({ ok: false, text: errorText(err) });
      const first = FIELDS.find((f) => form.getFieldState(f).error);
      if (first) form.setFocus(first);
    },
    invalid: () => setMessage(null),
  });

  return (
    <form onSubmit={(e) => void submit(e)} className="stacked-form" noValidate>
      <h2>{t('changePassword')}</h2>
      <div>
        <label htmlFor="pw-current">{t('currentPassword')}</label>
        <input
          id="pw-current"
          type="password"
          autoComplete="current-password"
          required
          {...form.register('currentPassword')}
          {...described('pw-current', errors.currentPassword, ALERT)}
        />
        <FieldProblem id="pw-current" error={errors.currentPassword} />
      </div>
      <div>
        <label htmlFor="pw-new">{t('newPassword')}</label>
        <input
          id="pw-new"
          type="password"
          autoComplete="new-password"
          required
          {...form.register('newPassword')}
          {...described('pw-new', errors.newPassword, ALERT, 'pw-hint')}
        />
        <p id="pw-hint" className="hint">
          {t('passwordHint')}
        </p>
        <FieldProblem id="pw-new" error={errors.newPassword} />
      </div>
      <div>
        <label htmlFor="pw-repeat">{t('repeatPassword')}</label>
        <input
          id="pw-repeat"
          type="password"
          autoComplete="new-password"
          required
          {...form.register('repeat')}
          {...described('pw-repeat', errors.repeat, ALERT)}
        />
        <FieldProblem id="pw-repeat" error={errors.repeat} />
      </div>
      {message && !message.ok ? (
        <p id={ALERT} role="alert" className="error">
          {message.text}
        </p>
      ) : null}
      <p role="status" className={message?.ok ? 'ok' : undefined}>
        {message?.ok ? message.text : !message && Object.keys(errors).length ? t('formHasErrors') : null}
      </p>
      <button type="submit" disabled={form.formState.isSubmitting}>
        {t('save')}
      </button>
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
