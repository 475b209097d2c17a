/**
 * Voting with a code: choose, review (the chosen projects and their total), then send. The ballot is checked
 * with the endpoint's contract (ballotBody) before the review; a refused code is marked at its field.
 */
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { sendJson } from '../../api.ts';
import { contractResolver, serverErrors, type FieldOf } from '../../forms.ts';
import { ballotBody, type ProcessSummary, type Project } from '../../../core/contracts/participation.ts';
import { FormOutcome, ptDescribed, PtFieldError, ptRefused, ptSay, type Outcome } from './forms.tsx';
import { kr, Notice, useT } from './shared.tsx';

interface Values {
  code: string;
  choices: string[];
}

const fieldOf: FieldOf<Values> = (path) => (path[0] === 'code' || path[0] === 'choices' ? path[0] : null);
const OUTCOME = 'pt-vote-outcome';

export function VoteForm({
  process,
  projects,
  onVoted,
}: {
  process: ProcessSummary;
  projects: Project[];
  onVoted: () => void;
}) {
  const { t, lang } = useT();
  const form = useForm<Values>({
    defaultValues: { code: '', choices: [] },
    resolver: contractResolver(
      ballotBody,
      (v: Values) => v,
      fieldOf,
      ptSay(t, (f) => (f === 'code' ? t('fieldCode') : null)),
    ),
  });
  const chosen = useWatch({ control: form.control, name: 'choices' });
  const errors = form.formState.errors;
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const [busy, setBusy] = useState(false);
  const votable = projects.filter((p) => p.feasible === true);
  const cost = votable.filter((p) => chosen.includes(p.id)).reduce((s, p) => s + BigInt(p.cost), 0n);
  const over = process.knapsack && cost > BigInt(process.budget);
  const tooMany = process.maxChoices !== null && chosen.length > process.maxChoices;

  const review = form.handleSubmit(
    () => {
      setOutcome(null);
      setReviewing(true);
    },
    () => setOutcome({ kind: 'status', text: t('formHasErrors'), fields: [] }),
  );

  async function send() {
    setOutcome(null);
    setBusy(true);
    try {
      await sendJson('POST', `/participation/processes/${process.id}/ballots`, form.getValues());
      onVoted();
    } catch (err) {
      serverErrors(err, form.setError, fieldOf);
      setOutcome(ptRefused(form, err, t));
      setReviewing(false);
    } finally {
      setBusy(false);
    }
  }

  if (reviewing) {
    const picked = votable.filter((p) => chosen.includes(p.id));
    return (
      <section aria-labelledby="pt-review" className="pt-form" data-testid="pt-review">
        <h2 id="pt-review" tabIndex={-1} ref={(el) => el?.focus()}>
          {t('reviewTitle')}
        </h2>
        {picked.length === 0 ? (
          <p>{t('reviewEmpty')}</p>
        ) : (
          <ul className="pt-list" data-testid="pt-review-list">
            {picked.map((p) => (
              <li key={p.id}>
                {p.title} ({kr(p.cost, lang)})
              </li>
            ))}
          </ul>
        )}
        <p data-testid="pt-review-total">
          {t('reviewTotal', { n: picked.length, cost: kr(cost.toString(), lang), budget: kr(process.budget, lang) })}
        </p>
        <p>{t('reviewHelp')}</p>
        <button type="button" onClick={() => void send()} disabled={busy}>
          {t('sendVote')}
        </button>{' '}
        <button type="button" onClick={() => setReviewing(false)} disabled={busy}>
          {t('reviewChange')}
        </button>
      </section>
    );
  }

  return (
    <form onSubmit={(e) => void review(e)} className="pt-form" aria-labelledby="pt-vote" noValidate>
      <h2 id="pt-vote">{t('vote')}</h2>
      <label htmlFor="pt-code">{t('code')}</label>
      <input
        id="pt-code"
        required
        autoComplete="off"
        {...form.register('code')}
        {...ptDescribed('pt-code', errors.code, OUTCOME, 'pt-code-help')}
      />
      <p id="pt-code-help" className="pt-help">
        {t('codeHelp')}
      </p>
      <PtFieldError id="pt-code" error={errors.code} />
      <fieldset aria-describedby={ptDescribed('pt-choices', errors.choices, OUTCOME)['aria-describedby']}>
        <legend>{t('choose')}</legend>
        {process.maxChoices !== null ? <p>{t('maxChoices', { n: process.maxChoices })}</p> : null}
        {votable.map((p) => (
          <div key={p.id} className="pt-choice">
            <input
              type="checkbox"
              id={`pt-choice-${p.id}`}
              checked={chosen.includes(p.id)}
              onChange={(e) =>
                form.setValue('choices', e.target.checked ? [...chosen, p.id] : chosen.filter((x) => x !== p.id))
              }
            />
            <label htmlFor={`pt-choice-${p.id}`}>
              {p.title} ({kr(p.cost, lang)})
            </label>
          </div>
        ))}
        <PtFieldError id="pt-choices" error={errors.choices} />
      </fieldset>
      <p aria-live="polite">{t('chosenCost', { cost: kr(cost.toString(), lang), budget: kr(process.budget, lang) })}</p>
      {over ? <Notice kind="alert">{t('overBudget')}</Notice> : null}
      <FormOutcome id={OUTCOME} outcome={outcome} />
      <button type="submit" disabled={over || tooMany}>
        {t('reviewVote')}
      </button>
    </form>
  );
}
