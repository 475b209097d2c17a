import { useState, type FormEvent } from 'react';
import { ACCOUNT_ROLES, type AccountRole } from '../../../core/access.ts';
import { ApiError, sendJson, useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { authStrings } from '../../i18n/auth.ts';
import { WithData, useErrorText } from '../../shell/Status.tsx';

type Key = keyof (typeof authStrings)['sv'];

interface User {
  id: number;
  username: string;
  displayName: string;
  role: AccountRole;
  committeeId: string | null;
  disabled: boolean;
  passwordChangedAt: string | null;
}
interface Committee {
  id: string;
  name: string;
  kind: string;
}
interface UsersData {
  users: User[];
  committees: Committee[];
}

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
  value,
  committees,
  onChange,
  label,
}: {
  id: string;
  value: string;
  committees: Committee[];
  onChange: (v: string) => void;
  label?: string;
}) {
  const { t } = useI18n(authStrings);
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-label={label}>
      <option value="">{t('noCommittee')}</option>
      {committees.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </select>
  );
}

function NewUserForm({ committees, onCreated }: { committees: Committee[]; onCreated: (msg: Msg) => void }) {
  const { t } = useI18n(authStrings);
  const errorText = useErrorText();
  const [form, setForm] = useState({
    username: '',
    displayName: '',
    role: 'reader' as AccountRole,
    committeeId: '',
    password: '',
  });
  const [msg, setMsg] = useState<Msg>(null);
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    try {
      const created = await sendJson<User>('POST', '/auth/users', {
        username: form.username,
        displayName: form.displayName,
        role: form.role,
        committeeId: form.committeeId || null,
        password: form.password,
      });
      setMsg(null);
      setForm({ username: '', displayName: '', role: 'reader', committeeId: '', password: '' });
      onCreated({ ok: true, text: t('created', { name: created.username }) });
    } catch (err) {
      setMsg({ ok: false, text: errorText(err) });
    }
  }

  return (
    <form onSubmit={submit} className="stacked-form">
      <h2>{t('newUser')}</h2>
      <div>
        <label htmlFor="nu-username">{t('username')}</label>
        <input
          id="nu-username"
          required
          autoComplete="off"
          value={form.username}
          onChange={(e) => set('username')(e.target.value)}
        />
      </div>
      <div>
        <label htmlFor="nu-name">{t('displayName')}</label>
        <input
          id="nu-name"
          autoComplete="off"
          value={form.displayName}
          onChange={(e) => set('displayName')(e.target.value)}
        />
      </div>
      <div>
        <label htmlFor="nu-role">{t('role')}</label>
        <select id="nu-role" value={form.role} onChange={(e) => set('role')(e.target.value)}>
          {ACCOUNT_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role_${r}` as Key)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="nu-committee">{t('committee')}</label>
        <CommitteeSelect
          id="nu-committee"
          value={form.committeeId}
          committees={committees}
          onChange={set('committeeId')}
        />
        {form.role === 'district_editor' ? <p className="hint">{t('committeeRequired')}</p> : null}
      </div>
      <div>
        <label htmlFor="nu-password">{t('initialPassword')}</label>
        <input
          id="nu-password"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          aria-describedby="nu-pw-hint"
          value={form.password}
          onChange={(e) => set('password')(e.target.value)}
        />
        <p id="nu-pw-hint" className="hint">
          {t('passwordHint')}
        </p>
      </div>
      <Message msg={msg} />
      <button type="submit">{t('create')}</button>
    </form>
  );
}

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
  const [role, setRole] = useState<AccountRole>(user.role);
  const [committeeId, setCommitteeId] = useState(user.committeeId ?? '');
  const [password, setPassword] = useState('');
  const [msg, setMsg] = useState<Msg>(null);
  const name = user.displayName || user.username;

  async function patch(body: Record<string, unknown>): Promise<void> {
    try {
      await sendJson('PATCH', `/auth/users/${user.id}`, body);
      setMsg(null);
      setPassword('');
      onChanged({ ok: true, text: `${name}: ${t('saved')}` });
    } catch (err) {
      setMsg({ ok: false, text: errorText(err) });
    }
  }

  return (
    <tr>
      <th scope="row">
        {user.username}
        {user.displayName ? <div className="hint">{user.displayName}</div> : null}
      </th>
      <td>
        <select
          value={role}
          aria-label={t('changeRole', { name })}
          onChange={(e) => setRole(e.target.value as AccountRole)}
        >
          {ACCOUNT_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role_${r}` as Key)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <CommitteeSelect
          id={`committee-${user.id}`}
          value={committeeId}
          committees={committees}
          onChange={setCommitteeId}
          label={t('changeCommittee', { name })}
        />
      </td>
      <td>{user.disabled ? t('disabled') : t('active')}</td>
      <td>
        <button type="button" onClick={() => void patch({ role, committeeId: committeeId || null })}>
          {t('save')}
        </button>{' '}
        <button type="button" className="secondary" onClick={() => void patch({ disabled: !user.disabled })}>
          {user.disabled ? t('enable') : t('disable')}
        </button>
        <details>
          <summary>{t('setPassword')}</summary>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void patch({ password });
            }}
          >
            <label htmlFor={`pw-${user.id}`}>{t('newPassword')}</label>{' '}
            <input
              id={`pw-${user.id}`}
              type="password"
              autoComplete="new-password"
              minLength={12}
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />{' '}
            <button type="submit">{t('setPassword')}</button>
          </form>
        </details>
        <Message msg={msg} />
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
