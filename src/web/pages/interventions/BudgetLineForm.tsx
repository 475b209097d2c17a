/**
 * The budget line of a year (planned, decided, spent) for staff who may change the intervention.
 * The server parses the amounts exactly and checks the year and area; its problems are shown at
 * their fields. An empty amount is unknown (not 0).
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { sendJson } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { interventionsStrings } from '../../i18n/interventions.ts';
import { FieldError, FormStatus, described, outcomeOf, type FieldErrors, type Outcome } from './EditForms.tsx';
import type { Detail } from './model.ts';

const MEASURES = ['planned', 'decided', 'spent'] as const;

export function BudgetLineForm({ d, onSaved }: { d: Detail; onSaved: () => void }): ReactNode {
  const { t } = useI18n(interventionsStrings);
  const uid = useId();
  const [year, setYear] = useState(String(d.budget.at(-1)?.year ?? new Date().getFullYear()));
  const [area, setArea] = useState('');
  const [amounts, setAmounts] = useState<Record<(typeof MEASURES)[number], string>>({
    planned: '',
    decided: '',
    spent: '',
  });
  const [errors, setErrors] = useState<Outcome>({ fields: {}, general: null });
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const areas = d.areas.filter((a) => a.key !== 'city');
  const id = (f: string) => `${uid}-${f}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const fields: FieldErrors = {};
    const y = Number(year);
    if (!/^\d{4}$/.test(year.trim()) || y < 1990 || y > 2100) fields.year = t('yearInvalid');
    if (Object.keys(fields).length) {
      setErrors({ fields, general: null });
      setStatus(t('formHasErrors'));
      document.getElementById(id('year'))?.focus();
      return;
    }
    setBusy(true);
    setStatus(t('saving'));
    const value = (m: (typeof MEASURES)[number]) => (amounts[m].trim() === '' ? null : amounts[m].trim());
    try {
      await sendJson('PUT', `/interventions/${encodeURIComponent(d.id)}/budget/${y}`, {
        planned: value('planned'),
        decided: value('decided'),
        spent: value('spent'),
        area: area || null,
      });
      setErrors({ fields: {}, general: null });
      setStatus(t('budgetLineSaved', { year: y }));
      onSaved();
    } catch (err) {
      setErrors(outcomeOf(err, ['year', 'area', ...MEASURES], (m) => t('notAllowed', { message: m })));
      setStatus('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="iv-form" aria-labelledby={`${uid}-h`} noValidate onSubmit={(e) => void submit(e)}>
      <h3 id={`${uid}-h`}>{t('budgetFormTitle')}</h3>
      <p id={`${uid}-hint`} className="iv-detail">
        {t('budgetFormHint')}
      </p>
      {errors.general ? (
        <div role="alert" className="error">
          <p>{errors.general}</p>
        </div>
      ) : null}
      <div className="iv-form-field">
        <label htmlFor={id('year')}>{t('budgetYear')}</label>
        <input
          id={id('year')}
          name="year"
          inputMode="numeric"
          value={year}
          onChange={(e) => setYear(e.target.value)}
          {...described(id('year'), false, errors.fields.year)}
        />
        <FieldError id={id('year')} message={errors.fields.year} />
      </div>
      {areas.length > 1 ? (
        <div className="iv-form-field">
          <label htmlFor={id('area')}>{t('budgetArea')}</label>
          <select
            id={id('area')}
            name="area"
            value={area}
            onChange={(e) => setArea(e.target.value)}
            {...described(id('area'), false, errors.fields.area)}
          >
            <option value="">{t('wholeIntervention')}</option>
            {areas.map((a) => (
              <option key={a.key} value={a.key}>
                {a.name}
              </option>
            ))}
          </select>
          <FieldError id={id('area')} message={errors.fields.area} />
        </div>
      ) : null}
      {MEASURES.map((m) => (
        <div className="iv-form-field" key={m}>
          <label htmlFor={id(m)}>{t(m)}</label>
          <input
            id={id(m)}
            name={m}
            value={amounts[m]}
            onChange={(e) => setAmounts({ ...amounts, [m]: e.target.value })}
            {...described(id(m), false, errors.fields[m])}
          />
          <FieldError id={id(m)} message={errors.fields[m]} />
        </div>
      ))}
      <button type="submit" disabled={busy}>
        {t('saveBudgetLine')}
      </button>
      <FormStatus text={status} />
    </form>
  );
}
