/**
 * A written section: its text, reporter and deadline, ready/draft, and comments. The section and a comment are
 * checked in the browser with their endpoint's contract (SectionPatchBody, CommentBody) before they are sent;
 * a refusal by the server is said in the form's alert and marks the field it names.
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { sendJson } from '../../api.ts';
import { contractResolver, submitWith, type FieldOf } from '../../forms.ts';
import { CommentBody, SectionPatchBody, type Report, type ReportersResponse } from '../../../core/contracts/reports.ts';
import { describedBy as described, FieldProblem } from '../../components/FieldProblem.tsx';
import { errorText, reportSay, sectionKey, stateKey, useReportI18n } from './common.tsx';

type Section = Report['sections'][number];

interface SectionValues {
  body: string;
  assignee: string;
  deadline: string;
}
const sectionOf = (v: SectionValues) => ({
  body: v.body,
  assigneeId: v.assignee ? Number(v.assignee) : null,
  deadline: v.deadline || null,
});
const sectionField: FieldOf<SectionValues> = (path) =>
  path[0] === 'body' || path[0] === 'deadline' ? path[0] : path[0] === 'assigneeId' ? 'assignee' : null;
interface CommentValues {
  comment: string;
}
const commentOf = (v: CommentValues) => ({ body: v.comment });
const commentField: FieldOf<CommentValues> = (path) => (path[0] === 'body' ? 'comment' : null);

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
  const base = `/reports/${encodeURIComponent(report.id)}/sections/${encodeURIComponent(s.key)}`;
  const id = `sec-${s.key}`;
  const say = reportSay(t);
  /** A refusal by the server, per form (its fields point to it). */
  const [problem, setProblem] = useState<{ form: 'section' | 'comment'; text: string } | null>(null);
  const sectionForm = useForm<SectionValues>({
    defaultValues: {
      body: s.body,
      assignee: s.assignee ? String(s.assignee.id) : '',
      deadline: s.deadline ?? '',
    },
    resolver: contractResolver(SectionPatchBody, sectionOf, sectionField, say),
  });
  const commentForm = useForm<CommentValues>({
    defaultValues: { comment: '' },
    resolver: contractResolver(CommentBody, commentOf, commentField, say),
  });
  const errors = sectionForm.formState.errors;
  const commentErrors = commentForm.formState.errors;
  const outcome = (form: 'section' | 'comment', after?: () => void) => ({
    done: () => {
      setProblem(null);
      after?.();
      props.notify(t('saved'));
      props.reload();
    },
    failed: (_m: string, err: unknown) => setProblem({ form, text: errorText(t, err) }),
    invalid: () => {
      setProblem(null);
      props.notify(t('formHasErrors'));
    },
  });
  const save = submitWith(sectionForm, sectionField, (v) => sendJson('PATCH', base, sectionOf(v)), outcome('section'));
  const send = submitWith(
    commentForm,
    commentField,
    (v) => sendJson('POST', `${base}/comments`, commentOf(v)),
    outcome('comment', () => commentForm.reset()),
  );
  async function toggle() {
    try {
      await sendJson('POST', `${base}/state`, { state: s.state === 'klar' ? 'utkast' : 'klar' });
      props.notify(t('saved'));
      props.reload();
    } catch (err) {
      props.notify(errorText(t, err));
    }
  }
  const alertOf = (form: 'section' | 'comment', alertId: string) =>
    problem?.form === form ? (
      <p id={alertId} role="alert" className="notice">
        {problem.text}
      </p>
    ) : null;

  return (
    <>
      <p>{t('sectionState', { state: t(stateKey(s.state)).toLowerCase() })}</p>
      {props.editable ? (
        <form className="report-form" onSubmit={(e) => void save(e)} noValidate>
          <label htmlFor={`${id}-body`}>
            {t('text')}: {t(sectionKey(s.key))}
          </label>
          <textarea
            id={`${id}-body`}
            {...sectionForm.register('body')}
            {...described(`${id}-body`, errors.body, `${id}-alert`)}
          />
          <FieldProblem id={`${id}-body`} error={errors.body} />
          <label htmlFor={`${id}-who`}>{t('reporter')}</label>
          <select
            id={`${id}-who`}
            {...sectionForm.register('assignee')}
            {...described(`${id}-who`, errors.assignee, `${id}-alert`)}
          >
            <option value="">{t('noReporter')}</option>
            {props.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName || p.username}
              </option>
            ))}
          </select>
          <FieldProblem id={`${id}-who`} error={errors.assignee} />
          <label htmlFor={`${id}-due`}>{t('deadline')}</label>
          <input
            id={`${id}-due`}
            type="date"
            {...sectionForm.register('deadline')}
            {...described(`${id}-due`, errors.deadline, `${id}-alert`)}
          />
          <FieldProblem id={`${id}-due`} error={errors.deadline} />
          {alertOf('section', `${id}-alert`)}
          <div className="report-actions">
            <button type="submit">{t('save')}</button>
            <button type="button" onClick={() => void toggle()}>
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
        <form className="report-form" onSubmit={(e) => void send(e)} noValidate>
          <label htmlFor={`${id}-c`}>{t('addComment')}</label>
          <textarea
            id={`${id}-c`}
            required
            {...commentForm.register('comment')}
            {...described(`${id}-c`, commentErrors.comment, `${id}-c-alert`)}
          />
          <FieldProblem id={`${id}-c`} error={commentErrors.comment} />
          {alertOf('comment', `${id}-c-alert`)}
          <button type="submit">{t('send')}</button>
        </form>
      )}
    </>
  );
}
