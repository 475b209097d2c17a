/**
 * Target editing for analysts: indicator, level and deadline, with the decision the change rests on. The
 * values become a change (only what differs from the target) that the endpoint's contract checks in the
 * browser; the server's refusals (a content change without a decision, an unknown indicator) land at
 * their fields too.
 */
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { sendJson } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { goalsStrings } from '../../i18n/goals.ts';
import { contractResolver, submitWith, type FieldOf } from '../../forms.ts';
import {
  targetChangeBody,
  type ChangeResult,
  type TargetChange,
  type TargetDetail,
} from '../../../core/contracts/goals.ts';
import { FieldError, FormField, changeReport, fieldErrors } from './forms.tsx';
import { useSay } from './say.ts';

interface Values {
  indicatorId: string;
  comparator: 'at_least' | 'at_most';
  targetValue: string;
  year: string;
  responsibleCommittee: string;
  publication: 'draft' | 'published';
  decisionRef: string;
}

const FIELD: Readonly<Record<string, keyof Values>> = {
  indicatorId: 'indicatorId',
  needsIndicator: 'indicatorId',
  target: 'targetValue',
  deadline: 'year',
  responsibleCommittee: 'responsibleCommittee',
  publication: 'publication',
  decisionRef: 'decisionRef',
};

/** The form field of a problem at `path` of the change. */
const fieldOf: FieldOf<Values> = (path) => FIELD[String(path[0] ?? '')] ?? null;

/** A number as people type it (decimal comma allowed); NaN when it is not one, for the contract to refuse. */
const numberOf = (text: string): number => {
  const t = text.trim().replace(',', '.');
  return t === '' ? Number.NaN : Number(t);
};

/** The change the form's values make to the target (nothing for unchanged fields). */
function changeOf(d: TargetDetail, v: Values): TargetChange {
  const x = d.target;
  const form = x.target;
  const change: TargetChange = { publication: v.publication };
  if (v.decisionRef.trim()) change.decisionRef = v.decisionRef.trim();
  const id = v.indicatorId.trim();
  if (id !== (x.indicatorId ?? '')) {
    change.indicatorId = id || null;
    if (id) change.needsIndicator = null;
  }
  if (v.targetValue.trim() !== '') {
    const n = numberOf(v.targetValue);
    change.target =
      form.form === 'every_area'
        ? { ...form, comparator: v.comparator, targetValue: n }
        : { form: 'level', comparator: v.comparator, targetValue: n };
  }
  if (v.year.trim() !== String(x.deadline.year))
    change.deadline = { ...x.deadline, year: numberOf(v.year), stated: true };
  const committee = v.responsibleCommittee.trim();
  if (committee !== (x.responsibleCommittee ?? '')) change.responsibleCommittee = committee || null;
  return change;
}

function defaults(d: TargetDetail): Values {
  const x = d.target;
  const form = x.target;
  const level = form.form === 'level' || form.form === 'every_area';
  return {
    indicatorId: x.indicatorId ?? '',
    comparator: level ? form.comparator : 'at_least',
    targetValue: level && form.targetValue !== null ? String(form.targetValue) : '',
    year: String(x.deadline.year),
    responsibleCommittee: x.responsibleCommittee ?? '',
    publication: d.publication,
    decisionRef: '',
  };
}

export function TargetEditor({ d, onSaved }: { d: TargetDetail; onSaved: () => void }): ReactNode {
  const { t } = useI18n(goalsStrings);
  const say = useSay();
  const [status, setStatus] = useState<string | null>(null);
  const form = useForm<Values>({
    defaultValues: defaults(d),
    // the target the form compares with is the latest one (it changes after each save)
    resolver: (values, context, options) =>
      contractResolver(targetChangeBody, (v: Values) => changeOf(d, v), fieldOf, say)(values, context, options),
  });
  const errors = form.formState.errors;
  const field = (id: string, key: keyof Values, label: string, inputMode?: 'numeric' | 'decimal') => (
    <FormField id={id} label={label} reg={form.register(key)} error={errors[key]?.message} inputMode={inputMode} />
  );

  const submit = submitWith(
    form,
    fieldOf,
    (v) => sendJson<ChangeResult>('PATCH', `/targets/${encodeURIComponent(d.target.id)}`, changeOf(d, v)),
    changeReport(t, setStatus, () => form.setValue('decisionRef', ''), onSaved),
  );

  return (
    <section aria-labelledby="goal-edit" className="goal-edit">
      <h2 id="goal-edit">{t('edit')}</h2>
      <p>{t('editIntro')}</p>
      <form onSubmit={(e) => void submit(e)} className="stacked-form" noValidate>
        {field('ge-indicator', 'indicatorId', t('indicatorId'))}
        <label htmlFor="ge-comparator">{t('comparator')}</label>
        <select id="ge-comparator" {...form.register('comparator')}>
          <option value="at_least">{t('comparator_at_least')}</option>
          <option value="at_most">{t('comparator_at_most')}</option>
        </select>
        {field('ge-value', 'targetValue', t('targetValueInput'), 'decimal')}
        {field('ge-year', 'year', t('deadlineYear'), 'numeric')}
        {field('ge-committee', 'responsibleCommittee', t('responsibleCommittee'))}
        <label htmlFor="ge-publication">{t('publication')}</label>
        <select id="ge-publication" {...form.register('publication')}>
          <option value="published">{t('publication_published')}</option>
          <option value="draft">{t('publication_draft')}</option>
        </select>
        {field('ge-decision', 'decisionRef', t('decisionRef'))}
        <FieldError id="ge-root-error" error={errors.root?.message} />
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
