/**
 * Staff: move a process to its next phase (the state machine of the core), or correct a closed vote with a
 * reason. The correction is checked in the browser with the endpoint's contract (phaseBody: a reason, when
 * given, is not blank) before it is sent; a refusal by the server is said in the alert and marks its field.
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { sendJson } from '../../api.ts';
import { contractResolver, submitWith, type FieldOf } from '../../forms.ts';
import { phaseBody, type ProcessSummary } from '../../../core/contracts/participation.ts';
import { nextPhases, type Phase } from '../../../core/participation/phases.ts';
import { FormOutcome, ptDescribed, PtFieldError, ptSay, type Outcome, ptReport } from './forms.tsx';
import { errorText, phaseLabel, useT } from './shared.tsx';

interface Values {
  reason: string;
}
/** A correction's problems are the reason's (the server names `phase` when the reason is missing). */
const fieldOf: FieldOf<Values> = (path) => (path[0] === 'reason' || path[0] === 'phase' ? 'reason' : null);
const correctionOf = (v: Values) => ({ phase: 'voting' as const, reason: v.reason });
const OUTCOME = 'pt-phase-outcome';

export function PhaseControl({ process, onChanged }: { process: ProcessSummary; onChanged: () => void }) {
  const { t } = useT();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const form = useForm<Values>({
    defaultValues: { reason: '' },
    resolver: contractResolver(phaseBody, correctionOf, fieldOf, ptSay(t)),
  });
  const errors = form.formState.errors;
  const next = nextPhases(process.phase);
  const moved = (phase: Phase) => {
    setOutcome({ kind: 'status', text: t('phaseChanged', { phase: phaseLabel(t, phase) }), fields: [] });
    onChanged();
  };

  async function move(phase: Phase) {
    setOutcome(null);
    try {
      await sendJson('POST', `/participation/processes/${process.id}/phase`, { phase });
      moved(phase);
    } catch (err) {
      setOutcome({ kind: 'alert', text: errorText(err, t), fields: [] });
    }
  }
  const correct = submitWith(
    form,
    fieldOf,
    (v) => sendJson('POST', `/participation/processes/${process.id}/phase`, correctionOf(v)),
    ptReport(form, t, setOutcome, () => {
      form.reset();
      moved('voting');
    }),
  );

  return (
    <section aria-labelledby="pt-phase-heading">
      <h3 id="pt-phase-heading">
        {t('phase')}: {phaseLabel(t, process.phase)}
      </h3>
      {next.length ? (
        <p>
          {next.map((ph) => (
            <button key={ph} type="button" onClick={() => void move(ph)} data-phase={ph}>
              {t('moveTo', { phase: phaseLabel(t, ph) })}
            </button>
          ))}
        </p>
      ) : null}
      {process.phase === 'voting' || process.phase === 'closed' ? <p>{t('noWayBack')}</p> : null}
      {process.phase === 'closed' ? (
        <form onSubmit={(e) => void correct(e)} className="pt-form" aria-labelledby="pt-correction" noValidate>
          <h4 id="pt-correction">{t('correction')}</h4>
          <label htmlFor="pt-correction-reason">{t('correctionReason')}</label>
          <textarea
            id="pt-correction-reason"
            required
            rows={2}
            maxLength={2000}
            {...form.register('reason')}
            {...ptDescribed('pt-correction-reason', errors.reason, OUTCOME)}
          />
          <PtFieldError id="pt-correction-reason" error={errors.reason} />
          <button type="submit">{t('reopenVoting')}</button>
        </form>
      ) : null}
      <FormOutcome id={OUTCOME} outcome={outcome} />
    </section>
  );
}
