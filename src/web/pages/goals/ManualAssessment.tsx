/** The manual assessment form for a target or a commitment: status, reasoning, date (who: the signed-in user). */
import { useState, type FormEvent, type ReactNode } from 'react';
import { sendJson } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { goalsStrings } from '../../i18n/goals.ts';
import type { GoalStatus } from '../../../core/contracts/goals.ts';
import { FieldError, fieldErrors, invalid, type FieldErrors } from './forms.tsx';
import { STATUSES } from './model.ts';

export function ManualAssessment({
  kind,
  id,
  onSaved,
}: {
  kind: 'targets' | 'commitments';
  id: string;
  onSaved: () => void;
}): ReactNode {
  const { t } = useI18n(goalsStrings);
  const [status, setStatus] = useState<GoalStatus>('not_measurable');
  const [note, setNote] = useState('');
  const [date, setDate] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const prefix = `ma-${kind}-${id}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await sendJson('POST', `/${kind}/${encodeURIComponent(id)}/manual-status`, {
        status,
        note,
        ...(date ? { date } : {}),
      });
      setErrors({});
      setMessage(t('assessSaved'));
      onSaved();
    } catch (err) {
      const r = fieldErrors(err);
      setErrors(r.fields);
      setMessage(t('formError', { message: r.message }));
    }
  };
  return (
    <details className="goal-assess">
      <summary>{t('assess')}</summary>
      <p>{t('assessIntro')}</p>
      <form onSubmit={(e) => void submit(e)} className="stacked-form" noValidate>
        <label htmlFor={`${prefix}-status`}>{t('assessStatus')}</label>
        <select id={`${prefix}-status`} value={status} onChange={(e) => setStatus(e.target.value as GoalStatus)}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status_${s}` as 'status_met')}
            </option>
          ))}
        </select>
        <label htmlFor={`${prefix}-note`}>{t('assessNote')}</label>
        <textarea
          id={`${prefix}-note`}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          {...invalid(`${prefix}-note-error`, errors['note'])}
        />
        <FieldError id={`${prefix}-note-error`} error={errors['note']} />
        <label htmlFor={`${prefix}-date`}>{t('assessDate')}</label>
        <input
          id={`${prefix}-date`}
          type="date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
          {...invalid(`${prefix}-date-error`, errors['date'])}
        />
        <FieldError id={`${prefix}-date-error`} error={errors['date']} />
        <button type="submit">{t('assessSave')}</button>
      </form>
      <p role="status" aria-live="polite">
        {message}
      </p>
    </details>
  );
}
