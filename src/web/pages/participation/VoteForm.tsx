/** Voting with a code: choose, review (the chosen projects and their total), then send. */
import { useState, type FormEvent } from 'react';
import { sendJson } from '../../api.ts';
import type { ProcessSummary, Project } from '../../../core/contracts/participation.ts';
import { errorText, kr, Notice, useT } from './shared.tsx';

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
  const [code, setCode] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const [busy, setBusy] = useState(false);
  const votable = projects.filter((p) => p.feasible === true);
  const cost = votable.filter((p) => chosen.includes(p.id)).reduce((s, p) => s + BigInt(p.cost), 0n);
  const over = process.knapsack && cost > BigInt(process.budget);
  const tooMany = process.maxChoices !== null && chosen.length > process.maxChoices;

  function review(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setReviewing(true);
  }

  async function send() {
    setError(null);
    setBusy(true);
    try {
      await sendJson('POST', `/participation/processes/${process.id}/ballots`, { code, choices: chosen });
      onVoted();
    } catch (err) {
      setError(errorText(err, t));
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
    <form onSubmit={review} className="pt-form" aria-labelledby="pt-vote">
      <h2 id="pt-vote">{t('vote')}</h2>
      <label htmlFor="pt-code">{t('code')}</label>
      <input
        id="pt-code"
        required
        autoComplete="off"
        aria-describedby="pt-code-help"
        value={code}
        onChange={(e) => setCode(e.target.value)}
      />
      <p id="pt-code-help" className="pt-help">
        {t('codeHelp')}
      </p>
      <fieldset>
        <legend>{t('choose')}</legend>
        {process.maxChoices !== null ? <p>{t('maxChoices', { n: process.maxChoices })}</p> : null}
        {votable.map((p) => (
          <div key={p.id} className="pt-choice">
            <input
              type="checkbox"
              id={`pt-choice-${p.id}`}
              checked={chosen.includes(p.id)}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, p.id] : chosen.filter((x) => x !== p.id))}
            />
            <label htmlFor={`pt-choice-${p.id}`}>
              {p.title} ({kr(p.cost, lang)})
            </label>
          </div>
        ))}
      </fieldset>
      <p aria-live="polite">{t('chosenCost', { cost: kr(cost.toString(), lang), budget: kr(process.budget, lang) })}</p>
      {over ? <Notice kind="alert">{t('overBudget')}</Notice> : null}
      {error ? <Notice kind="alert">{error}</Notice> : null}
      <button type="submit" disabled={over || tooMany}>
        {t('reviewVote')}
      </button>
    </form>
  );
}
