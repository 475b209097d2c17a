/** Target editing for analysts: indicator, level and deadline, with the decision the change rests on. */
import { useState, type FormEvent, type ReactNode } from 'react';
import { sendJson } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { goalsStrings } from '../../i18n/goals.ts';
import type { ChangeResult, TargetChange, TargetDetail } from '../../../core/contracts/goals.ts';
import { FieldError, fieldErrors, invalid, type FieldErrors } from './forms.tsx';

export function TargetEditor({ d, onSaved }: { d: TargetDetail; onSaved: () => void }): ReactNode {
  const { t } = useI18n(goalsStrings);
  const x = d.target;
  const form = x.target;
  const [indicatorId, setIndicatorId] = useState(x.indicatorId ?? '');
  const [comparator, setComparator] = useState<'at_least' | 'at_most'>(
    form.form === 'level' || form.form === 'every_area' ? form.comparator : 'at_least',
  );
  const [value, setValue] = useState(
    (form.form === 'level' || form.form === 'every_area') && form.targetValue !== null ? String(form.targetValue) : '',
  );
  const [year, setYear] = useState(String(x.deadline.year));
  const [committee, setCommittee] = useState(x.responsibleCommittee ?? '');
  const [decisionRef, setDecisionRef] = useState('');
  const [publication, setPublication] = useState(d.publication);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const change: TargetChange = { decisionRef, publication };
    const id = indicatorId.trim();
    if (id !== (x.indicatorId ?? '')) {
      change.indicatorId = id || null;
      if (id) change.needsIndicator = null;
    }
    if (value.trim() !== '') {
      const n = Number(value.replace(',', '.'));
      change.target =
        form.form === 'every_area'
          ? { ...form, comparator, targetValue: n }
          : { form: 'level', comparator, targetValue: Number.isFinite(n) ? n : Number.NaN };
    }
    if (year !== String(x.deadline.year)) change.deadline = { ...x.deadline, year: Number(year), stated: true };
    if (committee.trim() !== (x.responsibleCommittee ?? '')) change.responsibleCommittee = committee.trim() || null;
    try {
      const r = await sendJson<ChangeResult>('PATCH', `/targets/${encodeURIComponent(x.id)}`, change);
      setErrors({});
      setStatus(t('saved', { version: r.version }));
      onSaved();
    } catch (err) {
      const { fields, message } = fieldErrors(err);
      setErrors(fields);
      setStatus(t('formError', { message }));
    }
  };

  return (
    <section aria-labelledby="goal-edit" className="goal-edit">
      <h2 id="goal-edit">{t('edit')}</h2>
      <p>{t('editIntro')}</p>
      <form onSubmit={(e) => void submit(e)} className="stacked-form" noValidate>
        <label htmlFor="ge-indicator">{t('indicatorId')}</label>
        <input
          id="ge-indicator"
          name="indicatorId"
          value={indicatorId}
          onChange={(e) => setIndicatorId(e.target.value)}
          {...invalid('ge-indicator-error', errors['indicatorId'] ?? errors['needsIndicator'])}
        />
        <FieldError id="ge-indicator-error" error={errors['indicatorId'] ?? errors['needsIndicator']} />
        <label htmlFor="ge-comparator">{t('comparator')}</label>
        <select
          id="ge-comparator"
          value={comparator}
          onChange={(e) => setComparator(e.target.value as 'at_least' | 'at_most')}
        >
          <option value="at_least">{t('comparator_at_least')}</option>
          <option value="at_most">{t('comparator_at_most')}</option>
        </select>
        <label htmlFor="ge-value">{t('targetValueInput')}</label>
        <input
          id="ge-value"
          name="targetValue"
          inputMode="decimal"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          {...invalid('ge-value-error', errors['target'])}
        />
        <FieldError id="ge-value-error" error={errors['target']} />
        <label htmlFor="ge-year">{t('deadlineYear')}</label>
        <input
          id="ge-year"
          name="deadline"
          inputMode="numeric"
          value={year}
          onChange={(e) => setYear(e.target.value)}
          {...invalid('ge-year-error', errors['deadline'])}
        />
        <FieldError id="ge-year-error" error={errors['deadline']} />
        <label htmlFor="ge-committee">{t('responsibleCommittee')}</label>
        <input
          id="ge-committee"
          name="responsibleCommittee"
          value={committee}
          onChange={(e) => setCommittee(e.target.value)}
          {...invalid('ge-committee-error', errors['responsibleCommittee'])}
        />
        <FieldError id="ge-committee-error" error={errors['responsibleCommittee']} />
        <label htmlFor="ge-publication">{t('publication')}</label>
        <select
          id="ge-publication"
          value={publication}
          onChange={(e) => setPublication(e.target.value as 'draft' | 'published')}
        >
          <option value="published">{t('publication_published')}</option>
          <option value="draft">{t('publication_draft')}</option>
        </select>
        <label htmlFor="ge-decision">{t('decisionRef')}</label>
        <input
          id="ge-decision"
          name="decisionRef"
          value={decisionRef}
          onChange={(e) => setDecisionRef(e.target.value)}
          {...invalid('ge-decision-error', errors['decisionRef'])}
        />
        <FieldError id="ge-decision-error" error={errors['decisionRef']} />
        <button type="submit">{t('save')}</button>
      </form>
      <p role="status" aria-live="polite" data-testid="goal-edit-status">
        {status}
      </p>
    </section>
  );
}

/** Publishes a draft target (no decision needed: publishing shows what was decided). */
export function PublishButton({ d, onSaved }: { d: TargetDetail; onSaved: () => void }): ReactNode {
  const { t } = useI18n(goalsStrings);
  const [status, setStatus] = useState<string | null>(null);
  if (d.publication === 'published') return null;
  const publish = async () => {
    try {
      await sendJson('PATCH', `/targets/${encodeURIComponent(d.target.id)}`, { publication: 'published' });
      setStatus(t('published'));
      onSaved();
    } catch (err) {
      setStatus(t('formError', { message: fieldErrors(err).message }));
    }
  };
  return (
    <p>
      <strong className="goal-draft">{t('draft')}</strong>{' '}
      <button type="button" onClick={() => void publish()}>
        {t('publish')}
      </button>{' '}
      <span role="status">{status}</span>
    </p>
  );
}
