/** A written section: its text, reporter and deadline, ready/draft, and comments. */
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { sendJson } from '../../api.ts';
import type { Report, ReportersResponse } from '../../../core/contracts/reports.ts';
import { errorText, sectionKey, stateKey, useReportI18n } from './common.tsx';

type Section = Report['sections'][number];

export function WrittenSection(props: {
  report: Report;
  section: Section;
  editable: boolean;
  canComment: boolean;
  people: z.infer<typeof ReportersResponse>['people'];
  reload: () => void;
  notify: (msg: string) => void;
}) {
  const { t } = useReportI18n();
  const { report, section: s } = props;
  const [body, setBody] = useState(s.body);
  const [assignee, setAssignee] = useState(s.assignee ? String(s.assignee.id) : '');
  const [deadline, setDeadline] = useState(s.deadline ?? '');
  const [comment, setComment] = useState('');
  const base = `/reports/${encodeURIComponent(report.id)}/sections/${encodeURIComponent(s.key)}`;
  const id = `sec-${s.key}`;

  async function run(fn: () => Promise<unknown>) {
    try {
      await fn();
      props.notify(t('saved'));
      props.reload();
    } catch (err) {
      props.notify(errorText(t, err));
    }
  }
  function save(e: FormEvent) {
    e.preventDefault();
    void run(() =>
      sendJson('PATCH', base, {
        body,
        assigneeId: assignee ? Number(assignee) : null,
        deadline: deadline || null,
      }),
    );
  }
  function send(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      await sendJson('POST', `${base}/comments`, { body: comment });
      setComment('');
    });
  }

  return (
    <>
      <p>{t('sectionState', { state: t(stateKey(s.state)).toLowerCase() })}</p>
      {props.editable ? (
        <form className="report-form" onSubmit={save}>
          <label htmlFor={`${id}-body`}>
            {t('text')}: {t(sectionKey(s.key))}
          </label>
          <textarea id={`${id}-body`} value={body} onChange={(e) => setBody(e.target.value)} />
          <label htmlFor={`${id}-who`}>{t('reporter')}</label>
          <select id={`${id}-who`} value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value="">{t('noReporter')}</option>
            {props.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName || p.username}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-due`}>{t('deadline')}</label>
          <input id={`${id}-due`} type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
          <div className="report-actions">
            <button type="submit">{t('save')}</button>
            <button
              type="button"
              onClick={() =>
                void run(() => sendJson('POST', `${base}/state`, { state: s.state === 'klar' ? 'utkast' : 'klar' }))
              }
            >
              {s.state === 'klar' ? t('markDraft') : t('markReady')}
            </button>
          </div>
        </form>
      ) : (
        <>
          {s.body
            .split(/\n{2,}/)
            .filter(Boolean)
            .map((p, k) => (
              <p key={k}>{p}</p>
            ))}
          {s.assignee && (
            <p>
              {t('reporter')}: {s.assignee.displayName || s.assignee.username}
            </p>
          )}
        </>
      )}
      <h4>{t('comments')}</h4>
      <ul className="report-comments">
        {s.comments.map((c) => (
          <li key={c.id}>
            <strong>{c.author ?? '–'}</strong> ({c.at.slice(0, 10)}): {c.body}
          </li>
        ))}
      </ul>
      {props.canComment && (
        <form className="report-form" onSubmit={send}>
          <label htmlFor={`${id}-c`}>{t('addComment')}</label>
          <textarea id={`${id}-c`} value={comment} onChange={(e) => setComment(e.target.value)} required />
          <button type="submit">{t('send')}</button>
        </form>
      )}
    </>
  );
}
