/**
 * The budget line of a year (planned, decided, spent) for staff who may change the intervention. The
 * year (the path's) and the body are checked in the browser by the endpoint's contract; the server parses
 * the amounts exactly ("2,5 mnkr") and checks the area, and its problems are shown at their fields too.
 * An empty amount is unknown (not 0).
 */
import { useId, useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { sendJson } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { interventionsStrings } from '../../i18n/interventions.ts';
import { contractResolver, submitWith, type FieldOf } from '../../forms.ts';
import { budgetBody, budgetParams } from '../../../core/contracts/interventions.ts';
import { FieldError, FormStatus, described, generalOf } from './EditForms.tsx';
import type { Detail } from './model.ts';

const MEASURES = ['planned', 'decided', 'spent'] as const;
type Measure = (typeof MEASURES)[number];

interface Values extends Record<Measure, string> {
  year: string;
  area: string;
}

/** The request as the form sends it: the path's year and the body. */
const request = z.object({ year: budgetParams.shape.year, ...budgetBody.shape });

const FIELDS = ['year', 'area', ...MEASURES] as const;
/** The server's reasons for refusing an amount, said in the page's language. */
const AMOUNT_PROBLEMS = ['amount_syntax', 'amount_too_precise', 'amount_negative', 'amount_too_large'] as const;
export const isAmountProblem = (code: string): code is (typeof AMOUNT_PROBLEMS)[number] =>
  (AMOUNT_PROBLEMS as readonly string[]).includes(code);
const fieldOf: FieldOf<Values> = (path) => {
  const head = String(path[0] ?? '');
  return (FIELDS as readonly string[]).includes(head) ? (head as keyof Values) : null;
};

const amountOf = (text: string): string | null => (text.trim() === '' ? null : text.trim());
const bodyOf = (v: Values) => ({
  planned: amountOf(v.planned),
  decided: amountOf(v.decided),
  spent: amountOf(v.spent),
  area: v.area || null,
});

export function BudgetLineForm({ d, onSaved }: { d: Detail; onSaved: () => void }): ReactNode {
  const { t } = useI18n(interventionsStrings);
  const uid = useId();
  const [status, setStatus] = useState('');
  const [general, setGeneral] = useState<string | null>(null);
  const areas = d.areas.filter((a) => a.key !== 'city');
  const id = (f: string) => `${uid}-${f}`;
  const form = useForm<Values>({
    defaultValues: {
      year: String(d.budget.at(-1)?.year ?? new Date().getFullYear()),
      area: '',
      planned: '',
      decided: '',
      spent: '',
    },
    resolver: contractResolver(
      request,
      (v: Values) => ({ year: v.year.trim() === '' ? Number.NaN : v.year.trim(), ...bodyOf(v) }),
      fieldOf,
      (issue) => (issue.path[0] === 'year' ? t('yearInvalid') : issue.message),
    ),
  });
  const errors = form.formState.errors;
  const error = (f: keyof Values) => errors[f]?.message;

  const submit = submitWith(
    form,
    fieldOf,
    async (v) => {
      setStatus(t('saving'));
      const year = Number(v.year);
      await sendJson('PUT', `/interventions/${encodeURIComponent(d.id)}/budget/${year}`, bodyOf(v));
      return year;
    },
    {
      done: (year) => {
        setGeneral(null);
        setStatus(t('budgetLineSaved', { year }));
        onSaved();
      },
      failed: (message, err) => {
        const first = FIELDS.find((f) => form.getFieldState(f).error);
        setGeneral(generalOf(message, err, first, t));
        setStatus('');
        if (first) form.setFocus(first);
      },
      invalid: () => {
        setGeneral(null);
        setStatus(t('formHasErrors'));
      },
      say: (p) => (p.code && isAmountProblem(p.code) ? t(p.code, p.params) : undefined),
    },
  );

  return (
    <form className="iv-form" aria-labelledby={`${uid}-h`} noValidate onSubmit={(e) => void submit(e)}>
      <h3 id={`${uid}-h`}>{t('budgetFormTitle')}</h3>
      <p id={`${uid}-hint`} className="iv-detail">
        {t('budgetFormHint')}
      </p>
      {general ? (
        <div role="alert" className="error">
          <p>{general}</p>
        </div>
      ) : null}
      <div className="iv-form-field">
        <label htmlFor={id('year')}>{t('budgetYear')}</label>
        <input
          id={id('year')}
          inputMode="numeric"
          {...form.register('year')}
          {...described(id('year'), false, error('year'))}
        />
        <FieldError id={id('year')} message={error('year')} />
      </div>
      {areas.length > 1 ? (
        <div className="iv-form-field">
          <label htmlFor={id('area')}>{t('budgetArea')}</label>
          <select id={id('area')} {...form.register('area')} {...described(id('area'), false, error('area'))}>
            <option value="">{t('wholeIntervention')}</option>
            {areas.map((a) => (
              <option key={a.key} value={a.key}>
                {a.name}
              </option>
            ))}
          </select>
          <FieldError id={id('area')} message={error('area')} />
        </div>
      ) : null}
      {MEASURES.map((m) => (
        <div className="iv-form-field" key={m}>
          <label htmlFor={id(m)}>{t(m)}</label>
          <input id={id(m)} {...form.register(m)} {...described(id(m), false, error(m))} />
          <FieldError id={id(m)} message={error(m)} />
        </div>
      ))}
      <button type="submit" disabled={form.formState.isSubmitting}>
        {t('saveBudgetLine')}
      </button>
      <FormStatus text={status} />
    </form>
  );
}
