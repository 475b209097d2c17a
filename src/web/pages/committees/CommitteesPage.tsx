/** Committees admin: the organisation, forms to add and change committees, and the "ansvar saknas" list. */
import { useState, type ReactNode } from 'react';
import { useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { committeesStrings } from '../../i18n/committees.ts';
import { Link } from '../../router.tsx';
import { WithData } from '../../shell/Status.tsx';
import { useSession } from '../auth/session.ts';
import type { Committee, CommitteeList, ResponsibilityTodo } from '../../../core/contracts/committees.ts';
import { CommitteeForm } from './CommitteeForm.tsx';

function Todo(): ReactNode {
  const { t } = useI18n(committeesStrings);
  const state = useApi<ResponsibilityTodo>('/committees/todo/responsibility');
  return (
    <section aria-labelledby="cm-todo-h">
      <h2 id="cm-todo-h">{t('todoTitle')}</h2>
      <p>{t('todoIntro')}</p>
      <WithData state={state}>
        {(d) =>
          d.items.length === 0 ? (
            <p>{t('todoNone')}</p>
          ) : (
            <ul id="cm-todo">
              {d.items.map((i) => (
                <li key={i.id}>
                  <Link href={`/insatser/${encodeURIComponent(i.id)}`}>{i.name}</Link>
                  {i.citation ? ` (${i.citation.document})` : ''}
                </li>
              ))}
            </ul>
          )
        }
      </WithData>
    </section>
  );
}

function Table({ items, onEdit, canEdit }: { items: Committee[]; onEdit: (c: Committee) => void; canEdit: boolean }) {
  const { t, lang } = useI18n(committeesStrings);
  return (
    <div className="fp-table-wrap">
      <table className="fp-table" id="cm-table">
        <caption className="fp-visually-hidden">{t('title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('kind')}</th>
            <th scope="col">{t('validity')}</th>
            <th scope="col">{t('areas')}</th>
            <th scope="col" className="fp-num">
              {t('users')}
            </th>
            <th scope="col" className="fp-num">
              {t('interventions')}
            </th>
            {canEdit ? <td /> : null}
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id} data-id={c.id}>
              <th scope="row">
                {lang === 'en' && c.nameEn ? c.nameEn : c.name}
                <br />
                <code>{c.id}</code>
                {c.editedInApp ? <span className="draft-tag"> ({t('editedInApp')})</span> : null}
              </th>
              <td>{t(`kind_${c.kind}`)}</td>
              <td>
                {c.validFrom ?? '…'} – {c.validTo ?? '…'}
                <br />
                {c.active ? t('active') : t('retired')}
              </td>
              <td>
                {c.areas.length
                  ? c.areas.map((a) => a.name ?? t('unknownArea', { key: `${a.division}:${a.code}` })).join(', ')
                  : t('noAreas')}
              </td>
              <td className="fp-num">{c.users}</td>
              <td className="fp-num">{c.interventions}</td>
              {canEdit ? (
                <td>
                  <button type="button" onClick={() => onEdit(c)} aria-label={`${t('edit')}: ${c.name}`}>
                    {t('edit')}
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CommitteesPage(): ReactNode {
  const { t } = useI18n(committeesStrings);
  const state = useApi<CommitteeList>('/committees');
  const me = useSession();
  const isAdmin = !!me.data?.permissions.includes('settings:manage');
  const [editing, setEditing] = useState<Committee | null>(null);
  const [message, setMessage] = useState('');
  const done = (m: string) => {
    setMessage(m);
    setEditing(null);
    state.reload();
  };
  return (
    <>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <p>
        <Link href="/admin/omradesgrupper">{t('groupsTitle')}</Link>
      </p>
      {isAdmin ? null : <p className="notice">{me.data ? t('notAllowed') : t('signInFirst')}</p>}
      <p role="status" aria-live="polite">
        {message}
      </p>
      <WithData state={state}>
        {(d) => (
          <>
            <Table items={d.items} onEdit={setEditing} canEdit={isAdmin} />
            {d.source ? (
              <p className="source-note">
                {t('source')}: {d.source}
              </p>
            ) : null}
          </>
        )}
      </WithData>
      {isAdmin ? (
        <>
          <CommitteeForm key={editing?.id ?? 'new'} existing={editing} onDone={done} />
          <Todo />
        </>
      ) : null}
    </>
  );
}
