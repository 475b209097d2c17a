/**
 * Forms on the intervention page for staff who may write: a follow-up entry (period, text) and a
 * change of status and publication. The server decides (district editors only for their
 * committee's areas); its 401/403 message is shown as it is. Errors are tied to their fields with
 * aria-describedby; the outcome is announced in a status region.
 */
import { useId, useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { ApiError, sendJson } from '../../api.ts';
import { contractResolver, submitWith, type FieldOf } from '../../forms.ts';
import { followUpBody, patchBody } from '../../../core/contracts/interventions.ts';
import { useI18n } from '../../i18n/index.tsx';
import { interventionsStrings } from '../../i18n/interventions.ts';
import { STATUS_TRANSITIONS } from '../../../core/interventions/edit.ts';
import { STATUSES, type Detail, type Status } from './model.ts';

export type FieldErrors = Record<string, string>;

export interface Outcome {
  fields: FieldErrors;
  /** A message for the whole form (401/403/404/500, or a problem without a field). */
  general: string | null;
}

/** The server's error split into field errors (`body.period`, `period` → period) and a general message. */
export function outcomeOf(e: unknown, fields: readonly string[], notAllowed: (m: string) => string): Outcome {
  if (!(e instanceof ApiError)) return { fields: {}, general: e instanceof Error ? e.message : String(e) };
  if (e.status === 401 || e.status === 403) return { fields: {}, general: notAllowed(e.message) };
  const out: FieldErrors = {};
  const details = Array.isArray(e.details) ? (e.details as { field?: unknown; message?: unknown }[]) : [];
  for (const d of details) {
    const f = typeof d.field === 'string' ? d.field.replace(/^body\.?/, '') : '';
    if (fields.includes(f) && !out[f]) out[f] = typeof d.message === 'string' ? d.message : e.message;
  }
  return { fields: out, general: Object.keys(out).length ? null : e.message };
}

/** Ids for a field's hint and error, and the props that tie them to the control. */
export function described(base: string, hint: boolean, error: string | undefined) {
  const ids = [hint ? `${base}-hint` : null, error ? `${base}-error` : null].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': ids || undefined } as const;
}

export function FieldError({ id, message }: { id: string; message: string | undefined }): ReactNode {
  return message ? (
    <p id={`${id}-error`} className="iv-field-error">
      {message}
    </p>
  ) : null;
}

export function FormStatus({ text }: { text: string }): ReactNode {
  return (
    <p role="status" aria-live="polite" className="iv-form-status">
      {text}
    </p>
  );
}

interface FollowUpValues {
  period: string;
  text: string;
}

const followUpField: FieldOf<FollowUpValues> = (path) =>
  path[0] === 'period' || path[0] === 'text' ? (path[0] as keyof FollowUpValues) : null;
const followUpOf = (v: FollowUpValues) => ({ period: v.period.trim(), text: v.text.trim(), outputs: [] });

export function FollowUpForm({ id, onSaved }: { id: string; onSaved: () => void }): ReactNode {
  const { t } = useI18n(interventionsStrings);
  const uid = useId();
  const [general, setGeneral] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const pId = `${uid}-period`;
  const tId = `${uid}-text`;
  const form = useForm<FollowUpValues>({
    defaultValues: { period: '', text: '' },
    // the API's own contract: the period's pattern and a text that is not empty
    resolver: contractResolver(followUpBody, followUpOf, followUpField, (issue) =>
      issue.path[0] === 'period' ? t('periodInvalid') : issue.path[0] === 'text' ? t('textRequired') : issue.message,
    ),
  });
  const errors = form.formState.errors;

  const submit = submitWith(
    form,
    followUpField,
    async (v) => {
      setStatus(t('saving'));
      const body = followUpOf(v);
      await sendJson('POST', `/interventions/${encodeURIComponent(id)}/follow-ups`, body);
      return body.period;
    },
    {
      done: (period) => {
        setGeneral(null);
        setStatus(t('followUpSaved', { period }));
        form.reset();
        onSaved();
      },
      failed: (message, err) => {
        setGeneral(generalOf(message, err, form.getFieldState('period').error || form.getFieldState('text').error, t));
        setStatus('');
      },
      invalid: () => {
        setGeneral(null);
        setStatus(t('formHasErrors'));
      },
    },
  );

  return (
    <form className="iv-form" aria-labelledby={`${uid}-h`} noValidate onSubmit={(e) => void submit(e)}>
      <h3 id={`${uid}-h`}>{t('addFollowUp')}</h3>
      {general ? (
        <div role="alert" className="error">
          <p>{general}</p>
        </div>
      ) : null}
      <div className="iv-form-field">
        <label htmlFor={pId}>{t('followUpPeriod')}</label>
        <p id={`${pId}-hint`} className="iv-detail">
          {t('followUpPeriodHint')}
        </p>
        <input id={pId} required {...form.register('period')} {...described(pId, true, errors.period?.message)} />
        <FieldError id={pId} message={errors.period?.message} />
      </div>
      <div className="iv-form-field">
        <label htmlFor={tId}>{t('followUpText')}</label>
        <textarea
          id={tId}
          rows={4}
          required
          {...form.register('text')}
          {...described(tId, false, errors.text?.message)}
        />
        <FieldError id={tId} message={errors.text?.message} />
      </div>
      <button type="submit" disabled={form.formState.isSubmitting}>
        {t('saveFollowUp')}
      </button>
      <FormStatus text={status} />
    </form>
  );
}

/**
 * The message above a form after a refusal: none when a field shows it; a refused account (401/403) said
 * as such; otherwise the server's message.
 */
export function generalOf(
  message: string,
  err: unknown,
  atField: unknown,
  t: (key: 'notAllowed', vars: { message: string }) => string,
): string | null {
  if (atField) return null;
  return err instanceof ApiError && (err.status === 401 || err.status === 403) ? t('notAllowed', { message }) : message;
}

interface StatusValues {
  status: Status;
  publication: Detail['publication'];
}

const statusField: FieldOf<StatusValues> = (path) =>
  path[0] === 'status' || path[0] === 'publication' ? path[0] : null;

/** The change: only what differs from the intervention (the contract refuses an empty one, at the form). */
const statusChangeOf = (d: Detail, v: StatusValues) => ({
  ...(v.status !== d.status ? { status: v.status } : {}),
  ...(v.publication !== d.publication ? { publication: v.publication } : {}),
});

/**
 * Labelled by the heading of the section it sits in (`labelledBy`). The change is checked with the endpoint's
 * contract (patchBody): nothing changed is refused in the browser, and said in the status region.
 */
export function StatusForm({
  d,
  onSaved,
  labelledBy,
}: {
  d: Detail;
  onSaved: () => void;
  labelledBy: string;
}): ReactNode {
  const { t } = useI18n(interventionsStrings);
  const uid = useId();
  const [general, setGeneral] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const sId = `${uid}-status`;
  const pubId = `${uid}-publication`;
  const allowed = STATUSES.filter((s) => s === d.status || STATUS_TRANSITIONS[d.status].includes(s));
  const form = useForm<StatusValues>({
    defaultValues: { status: d.status, publication: d.publication },
    // the intervention the form compares with is the latest one (it changes after each save)
    resolver: (values, context, options) =>
      contractResolver(
        patchBody,
        (v: StatusValues) => statusChangeOf(d, v),
        statusField,
        (issue) => issue.message,
      )(values, context, options),
  });
  const errors = {
    fields: { status: form.formState.errors.status?.message, publication: form.formState.errors.publication?.message },
    general,
  };

  const submit = submitWith(
    form,
    statusField,
    async (v) => {
      setAnnounce(t('saving'));
      await sendJson('PATCH', `/interventions/${encodeURIComponent(d.id)}`, statusChangeOf(d, v));
    },
    {
      done: () => {
        setGeneral(null);
        setAnnounce(t('changesSaved'));
        onSaved();
      },
      failed: (message, err) => {
        const atField = form.getFieldState('status').error || form.getFieldState('publication').error;
        setGeneral(generalOf(message, err, atField, t));
        setAnnounce('');
      },
      // the one refusal the contract can make here: nothing changed
      invalid: () => {
        setGeneral(null);
        setAnnounce(t('nothingChanged'));
      },
    },
  );
  const busy = form.formState.isSubmitting;

  return (
    <form className="iv-form" aria-labelledby={labelledBy} noValidate onSubmit={(e) => void submit(e)}>
      {errors.general ? (
        <div role="alert" className="error">
          <p>{errors.general}</p>
        </div>
      ) : null}
      <div className="iv-form-field">
        <label htmlFor={sId}>{t('status')}</label>
        <p id={`${sId}-hint`} className="iv-detail">
          {t('statusHint')}
        </p>
        <select id={sId} {...form.register('status')} {...described(sId, true, errors.fields.status)}>
          {allowed.map((s) => (
            <option key={s} value={s}>
              {t(`status_${s}`)}
            </option>
          ))}
        </select>
        <FieldError id={sId} message={errors.fields.status} />
      </div>
      <div className="iv-form-field">
        <label htmlFor={pubId}>{t('publication')}</label>
        <select id={pubId} {...form.register('publication')} {...described(pubId, false, errors.fields.publication)}>
          <option value="published">{t('publication_published')}</option>
          <option value="draft">{t('publication_draft')}</option>
        </select>
        <FieldError id={pubId} message={errors.fields.publication} />
      </div>
      <button type="submit" disabled={busy}>
        {t('saveChanges')}
      </button>
      <FormStatus text={announce} />
    </form>
  );
}
