/** Staff: move a process to its next phase (the state machine of the core), or correct a closed vote with a reason. */
import { useState, type FormEvent } from 'react';
import { sendJson } from '../../api.ts';
import type { ProcessSummary } from '../../../core/contracts/participation.ts';
import { nextPhases, type Phase } from '../../../core/participation/phases.ts';
import { errorText, Notice, phaseLabel, useT } from './shared.tsx';

export function PhaseControl({ process, onChanged }: { process: ProcessSummary; onChanged: () => void }) {
  const { t } = useT();
  const [reason, setReason] = useState('');
  const [msg, setMsg] = useState<{ kind: 'status' | 'alert'; text: string } | null>(null);
  const next = nextPhases(process.phase);

  async function move(phase: Phase, why?: string) {
    setMsg(null);
    try {
      await sendJson('POST', `/participation/processes/${process.id}/phase`, why ? { phase, reason: why } : { phase });
      setMsg({ kind: 'status', text: t('phaseChanged', { phase: phaseLabel(t, phase) }) });
      setReason('');
      onChanged();
    } catch (err) {
      setMsg({ kind: 'alert', text: errorText(err, t) });
    }
  }
  function correct(e: FormEvent) {
    e.preventDefault();
    void move('voting', reason);
  }

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
        <form onSubmit={correct} className="pt-form" aria-labelledby="pt-correction">
          <h4 id="pt-correction">{t('correction')}</h4>
          <label htmlFor="pt-correction-reason">{t('correctionReason')}</label>
          <textarea
            id="pt-correction-reason"
            required
            rows={2}
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="submit">{t('reopenVoting')}</button>
        </form>
      ) : null}
      {msg ? <Notice kind={msg.kind}>{msg.text}</Notice> : null}
    </section>
  );
}
