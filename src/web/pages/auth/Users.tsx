/**
 * Administrators: the accounts, their role, committee and password, and a new account. Each form is checked in
 * the browser with its endpoint's contract (newUserBody, userPatchBody) before it is sent; a refusal by the
 * server is said in the form's alert and marks the field it names.
 */
import { useState } from 'react';
import { useForm, useWatch, type UseFormRegisterReturn } from 'react-hook-form';
import { ACCOUNT_ROLES, type AccountRole } from '../../../core/access.ts';
import { newUserBody, userPatchBody } from '../../../core/contracts/auth.ts';
import { ApiError, sendJson, useApi } from '../../api.ts';
import { contractResolver, submitWith, type FieldOf } from '../../forms.ts';
import { useI18n } from '../../i18n/index.tsx';
import { authStrings } from '../../i18n/auth.ts';
import { WithData, useErrorText } from '../../shell/Status.tsx';
import { authSay, described, FieldProblem } from './fields.tsx';
import type { z } from 'zod';
import type { usersResponse } from '../../../core/contracts/auth.ts';

type Key = keyof (typeof authStrings)['sv'];

/** The accounts and committees, as the API's contract gives them. */
type UsersData = z.infer<typeof usersResponse>;
type User = UsersData['users'][number];
type Committee = UsersData['committees'][number];

type Msg = { ok: boolean; text: string } | null;

function Message({ msg }: { msg: Msg }) {
  if (!msg) return null;
  return (
    <p role={msg.ok ? 'status' : 'alert'} className={msg.ok ? 'ok' : 'error'}>
      {msg.text}
    </p>
  );
}

function CommitteeSelect({
  id,
  committees,
  field,
  label,
  describedBy,
}: {
  id: string;
  committees: Committee[];
  field: UseFormRegisterReturn;
  label?: string;
  describedBy: { 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };
}) {
  const { t } = useI18n(authStrings);
  return (
    <select id={id} aria-label={label} {...field} {...describedBy}>
      <option value="">{t('noCommittee')}</option>
      {committees.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </select>
  );
}

interface NewValues {
  username: string;
  displayName: string;
  role: AccountRole;
  committeeId: string;
  password: string;
}
const NEW_FIELDS = ['username', 'displayName', 'role', 'committeeId', 'password'] as const;
const newField: FieldOf<NewValues> = (path) => {
  const head = String(path[0] ?? '');
  return (NEW_FIELDS as readonly string[]).includes(head) ? (head as keyof NewValues) : null;
};
const newUserOf = (v: NewValues) => ({
  username: v.username.trim(),
  displayName: v.displayName,
  role: v.role,
  committeeId: v.committeeId || null,
  password: v.password,
});
const NEW_ALERT = 'nu-error';

function NewUserForm({ committees, onCreated }: { committees: Committee[]; onCreated: (msg: Msg) => void }) {
  const { t } = useI18n(authStrings);
  const errorText = useErrorText();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<NewValues>({
    defaultValues: { username: '', displayName: '', role: 'reader', committeeId: '', password: '' },
    resolver: contractResolver(newUserBody, newUserOf, newField, authSay(t)),
  });
  const errors = form.formState.errors;
  const role = useWatch({ control: form.control, name: 'role' });
  const submit = submitWith(form, newField, (v) => sendJson<User>('POST', '/auth/users', newUserOf(v)), {
    done: (created) => {
      setProblem(null);
      form.reset();
      onCreated({ ok: true, text: t('created', { name: created.username }) });
    },
    failed: (_m, err) => setProblem(errorText(err)),
    invalid: () => setProblem(null),
  });

  return (
    <form onSubmit={(e) => void submit(e)} className="stacked-form" noValidate>
      <h2>{t('newUser')}</h2>
      <div>
        <label htmlFor="nu-username">{t('username')}</label>
        <input
          id="nu-username"
          required
          autoComplete="off"
          {...form.register('username')}
          {...described('nu-username', errors.username, NEW_ALERT)}
        />
        <FieldProblem id="nu-username" error={errors.username} />
      </div>
      <div>
        <label htmlFor="nu-name">{t('displayName')}</label>
        <input
          id="nu-name"
          autoComplete="off"
          {...form.register('displayName')}
          {...described('nu-name', errors.displayName, NEW_ALERT)}
        />
        <FieldProblem id="nu-name" error={errors.displayName} />
      </div>
      <div>
        <label htmlFor="nu-role">{t('role')}</label>
        <select id="nu-role" {...form.register('role')} {...described('nu-role', errors.role, NEW_ALERT)}>
          {ACCOUNT_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role_${r}` as Key)}
            </option>
          ))}
        </select>
        <FieldProblem id="nu-role" error={errors.role} />
      </div>
      <div>
        <label htmlFor="nu-committee">{t('committee')}</label>
        <CommitteeSelect
          id="nu-committee"
          committees={committees}
          field={form.register('committeeId')}
          describedBy={described(
            'nu-committee',
            errors.committeeId,
            NEW_ALERT,
            role === 'district_editor' ? 'nu-committee-hint' : undefined,
          )}
        />
        {role === 'district_editor' ? (
          <p id="nu-committee-hint" className="hint">
            {t('committeeRequired')}
          </p>
        ) : null}
        <FieldProblem id="nu-committee" error={errors.committeeId} />
      </div>
      <div>
        <label htmlFor="nu-password">{t('initialPassword')}</label>
        <input
          id="nu-password"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          {...form.register('password')}
          {...described('nu-password', errors.password, NEW_ALERT, 'nu-pw-hint')}
        />
        <p id="nu-pw-hint" className="hint">
          {t('passwordHint')}
        </p>
        <FieldProblem id="nu-password" error={errors.password} />
      </div>
      {problem ? (
        <p id={NEW_ALERT} role="alert" className="error">
          {problem}
        </p>
      ) : null}
      <p role="status">{!problem && Object.keys(errors).length ? t('formHasErrors') : null}</p>
      <button type="submit">{t('create')}</button>
    </form>
  );
}

interface AccessValues {
  role: AccountRole;
  committeeId: string;
}
const accessField: FieldOf<AccessValues> = (path) => (path[0] === 'role' || path[0] === 'committeeId' ? path[0] : null);
const accessOf = (v: AccessValues) => ({ role: v.role, committeeId: v.committeeId || null });
interface PasswordValues {
  password: string;
}
const passwordField: FieldOf<PasswordValues> = (path) => (path[0] === 'password' ? 'password' : null);

function UserRow({
  user,
  committees,
  onChanged,
}: {
  user: User;
  committees: Committee[];
  onChanged: (msg: Msg) => void;
}) {
  const { t } = useI18n(authStrings);
  const errorText = useErrorText();
  const say = authSay(t);
  const [problem, setProblem] = useState<string | null>(null);
  const name = user.displayName || user.username;
  const alertId = `user-${user.id}-error`;
  const access = useForm<AccessValues>({
    defaultValues: { role: user.role, committeeId: user.committeeId ?? '' },
    resolver: contractResolver(userPatchBody, accessOf, accessField, say),
  });
  const pw = useForm<PasswordValues>({
    defaultValues: { password: '' },
    resolver: contractResolver(userPatchBody, (v: PasswordValues) => v, passwordField, say),
  });
  const accessErrors = access.formState.errors;
  const pwErrors = pw.formState.errors;
  const patch = (body: Record<string, unknown>) => sendJson('PATCH', `/auth/users/${user.id}`, body);
  const outcome = {
    done: () => {
      setProblem(null);
      pw.reset();
      onChanged({ ok: true, text: `${name}: ${t('saved')}` });
    },
    failed: (_m: string, err: unknown) => setProblem(errorText(err)),
    invalid: () => setProblem(null),
  };
  const saveAccess = submitWith(access, accessField, (v) => patch(accessOf(v)), outcome);
  const setPassword = submitWith(pw, passwordField, (v) => patch({ password: v.password }), outcome);
  async function toggle(): Promise<void> {
    try {
      await patch({ disabled: !user.disabled });
      outcome.done();
    } catch (err) {
      setProblem(errorText(err));
    }
  }
  const invalid = Object.keys(accessErrors).length > 0 || Object.keys(pwErrors).length > 0;

  return (
    <tr>
      <th scope="row">
        {user.username}
        {user.displayName ? <div className="hint">{user.displayName}</div> : null}
      </th>
      <td>
        <select
          id={`role-${user.id}`}
          aria-label={t('changeRole', { name })}
          {...access.register('role')}
          {...described(`role-${user.id}`, accessErrors.role, alertId)}
        >
          {ACCOUNT_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role_${r}` as Key)}
            </option>
          ))}
        </select>
        <FieldProblem id={`role-${user.id}`} error={accessErrors.role} />
      </td>
      <td>
        <CommitteeSelect
          id={`committee-${user.id}`}
          committees={committees}
          field={access.register('committeeId')}
          label={t('changeCommittee', { name })}
          describedBy={described(`committee-${user.id}`, accessErrors.committeeId, alertId)}
        />
        <FieldProblem id={`committee-${user.id}`} error={accessErrors.committeeId} />
      </td>
      <td>{user.disabled ? t('disabled') : t('active')}</td>
      <td>
        <button type="button" onClick={() => void saveAccess()}>
          {t('save')}
        </button>{' '}
        <button type="button" className="secondary" onClick={() => void toggle()}>
          {user.disabled ? t('enable') : t('disable')}
        </button>
        <details>
          <summary>{t('setPassword')}</summary>
          <form onSubmit={(e) => void setPassword(e)} noValidate>
            <label htmlFor={`pw-${user.id}`}>{t('newPassword')}</label>{' '}
            <input
              id={`pw-${user.id}`}
              type="password"
              autoComplete="new-password"
              minLength={12}
              required
              {...pw.register('password')}
              {...described(`pw-${user.id}`, pwErrors.password, alertId)}
            />{' '}
            <FieldProblem id={`pw-${user.id}`} error={pwErrors.password} />
            <button type="submit">{t('setPassword')}</button>
          </form>
        </details>
        {problem ? (
          <p id={alertId} role="alert" className="error">
            {problem}
          </p>
        ) : null}
        <p role="status">{!problem && invalid ? t('formHasErrors') : null}</p>
      </td>
    </tr>
  );
}

export function UsersPage() {
  const { t } = useI18n(authStrings);
  const state = useApi<UsersData>('/auth/users');
  const [notice, setNotice] = useState<Msg>(null);
  const changed = (msg: Msg): void => {
    setNotice(msg);
    state.reload();
  };
  const forbidden = state.error instanceof ApiError && (state.error.status === 401 || state.error.status === 403);
  return (
    <section className="auth-page">
      <h1>{t('usersTitle')}</h1>
      {forbidden ? (
        <p role="alert" className="error">
          {t('forbidden')}
        </p>
      ) : (
        <>
          <Message msg={notice} />
          <WithData state={state}>
            {(data) => (
              <>
                <p>{t('usersIntro')}</p>
                <div className="table-scroll">
                  <table>
                    <caption className="visually-hidden">{t('usersTitle')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('username')}</th>
                        <th scope="col">{t('role')}</th>
                        <th scope="col">{t('committee')}</th>
                        <th scope="col">{t('status')}</th>
                        <th scope="col">{t('actions')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.users.map((u) => (
                        <UserRow
                          key={`${u.id}-${u.role}-${u.committeeId ?? ''}-${u.disabled}`}
                          user={u}
                          committees={data.committees}
                          onChanged={changed}
                        />
                      ))}
                    </tbody>
                  </table>
                </div>
                <NewUserForm committees={data.committees} onCreated={changed} />
              </>
            )}
          </WithData>
        </>
      )}
    </section>
  );
}
