/**
 * The manual assessment form for a target or a commitment: status, reasoning, date (who: the signed-in user).
 * The endpoint's contract checks it before it is sent (src/web/forms.ts); server refusals land at the fields.
 */
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { sendJson } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { goalsStrings } from '../../i18n/goals.ts';
import { contractResolver, submitWith, type FieldOf } from '../../forms.ts';
import { manualStatusBody, type GoalStatus } from '../../../core/contracts/goals.ts';
import { FieldError, FormField, invalid } from './forms.tsx';
import { STATUSES } from './model.ts';
import { useSay } from './say.ts';

interface Values {
  status: GoalStatus;
  note: string;
  date: string;
}

const bodyOf = (v: Values) => ({ status: v.status, note: v.note.trim(), ...(v.date ? { date: v.date } : {}) });

const fieldOf: FieldOf<Values> = (path) => {
  const head = String(path[0] ?? '');
  return head === 'status' || head === 'note' || head === 'date' ? head : null;
};

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
  const say = useSay();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<Values>({
    defaultValues: { status: 'not_measurable', note: '', date: '' },
    resolver: contractResolver(manualStatusBody, bodyOf, fieldOf, say),
  });
  const errors = form.formState.errors;
  const prefix = `ma-${kind}-${id}`;
  const submit = submitWith(
    form,
    fieldOf,
    (v) => sendJson('POST', `/${kind}/${encodeURIComponent(id)}/manual-status`, bodyOf(v)),
    {
      done: () => {
        setMessage(t('assessSaved'));
        onSaved();
      },
      failed: (message) => setMessage(t('formError', { message })),
      invalid: () => setMessage(t('formInvalid')),
    },
  );
  return (
    <details className="goal-assess">
      <summary>{t('assess')}</summary>
      <p>{t('assessIntro')}</p>
      <form onSubmit={(e) => void submit(e)} className="stacked-form" noValidate>
        <label htmlFor={`${prefix}-status`}>{t('assessStatus')}</label>
        <select id={`${prefix}-status`} {...form.register('status')}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status_${s}` as 'status_met')}
            </option>
          ))}
        </select>
        <FormField
          id={`${prefix}-note`}
          label={t('assessNote')}
          reg={form.register('note')}
          error={errors.note?.message}
          multiline
        />
        <label htmlFor={`${prefix}-date`}>{t('assessDate')}</label>
        <input
          id={`${prefix}-date`}
          type="date"
          {...form.register('date')}
          {...invalid(`${prefix}-date-error`, errors.date?.message)}
        />
        <FieldError id={`${prefix}-date-error`} error={errors.date?.message} />
        <FieldError id={`${prefix}-root-error`} error={errors.root?.message} />
        <button type="submit">{t('assessSave')}</button>
      </form>
      <p role="status" aria-live="polite">
        {message}
      </p>
    </details>
  );
}
