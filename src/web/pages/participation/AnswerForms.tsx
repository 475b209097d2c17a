/** Staff: the committee's answer and decision on a proposal, and links to the interventions it led to. */
import { useState, type FormEvent, type ReactNode } from 'react';
import { sendJson, useApi } from '../../api.ts';
import type { StaffProposal as Proposal } from '../../../core/contracts/participation.ts';
import { fieldProps, FormOutcome, outcomeOf, type Outcome } from './forms.tsx';
import { PtData, useT } from './shared.tsx';

type Decision = 'approved' | 'partly_approved' | 'rejected';

// ------------------------------------------------------------------------------ committee answers

function AnswerForm({ proposal, onSaved }: { proposal: Proposal; onSaved: (message: string) => void }) {
  const { t } = useT();
  const base = `pt-ans-${proposal.id}`;
  const [answer, setAnswer] = useState(proposal.committeeAnswer ?? '');
  const [decision, setDecision] = useState<Decision | ''>((proposal.committeeDecision as Decision | null) ?? '');
  const [intervention, setIntervention] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const errId = `${base}-outcome`;

  async function save(e: FormEvent) {
    e.preventDefault();
    try {
      await sendJson('POST', `/participation/proposals/${encodeURIComponent(proposal.id)}/answer`, {
        answer,
        decision,
      });
      setOutcome(null);
      onSaved(t('answerSaved'));
    } catch (err) {
      setOutcome(outcomeOf(err, t));
    }
  }
  async function link(e: FormEvent) {
    e.preventDefault();
    try {
      await sendJson('POST', `/participation/proposals/${encodeURIComponent(proposal.id)}/interventions`, {
        interventionId: intervention.trim(),
      });
      setIntervention('');
      setOutcome(null);
      onSaved(t('linked'));
    } catch (err) {
      setOutcome(outcomeOf(err, t));
    }
  }
  return (
    <li className="pt-staff-item" data-testid={`pt-answer-${proposal.id}`}>
      <h3 id={`${base}-h`}>{proposal.title}</h3>
      <p>
        {proposal.areaName ?? proposal.area}. {t(`status_${proposal.status}`)}.{' '}
        {t('supports', { n: proposal.supports })}
        {proposal.interventions && proposal.interventions.length > 0
          ? `. ${t('linkedInterventions')}: ${proposal.interventions.join(', ')}`
          : ''}
      </p>
      <form onSubmit={save} className="pt-form" aria-labelledby={`${base}-h`}>
        <label htmlFor={`${base}-decision`}>{t('decision')}</label>
        <select
          id={`${base}-decision`}
          required
          value={decision}
          onChange={(e) => setDecision(e.target.value as Decision | '')}
          {...fieldProps(outcome, errId, 'decision')}
        >
          <option value="">{t('chooseDecision')}</option>
          {(['approved', 'partly_approved', 'rejected'] as const).map((d) => (
            <option key={d} value={d}>
              {t(`decision_${d}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${base}-answer`}>{t('answerText')}</label>
        <textarea
          id={`${base}-answer`}
          required
          rows={4}
          maxLength={10000}
          value={answer}
          onChange={(e) => setAnswer(e.target.value)}
          {...fieldProps(outcome, errId, 'answer', `${base}-answer-help`)}
        />
        <p id={`${base}-answer-help`} className="pt-help">
          {t('answerHelp')}
        </p>
        <button type="submit">{t('publishAnswer')}</button>
      </form>
      <form onSubmit={link} className="pt-form" aria-label={`${t('linkIntervention')}: ${proposal.title}`}>
        <label htmlFor={`${base}-iv`}>{t('interventionId')}</label>
        <input
          id={`${base}-iv`}
          required
          maxLength={200}
          value={intervention}
          onChange={(e) => setIntervention(e.target.value)}
          {...fieldProps(outcome, errId, 'interventionId', `${base}-iv-help`)}
        />
        <p id={`${base}-iv-help`} className="pt-help">
          {t('interventionHelp')}
        </p>
        <button type="submit">{t('linkIntervention')}</button>
      </form>
      <FormOutcome id={errId} outcome={outcome} />
    </li>
  );
}

/** Proposals that reached their threshold (and answered ones, to correct or link them). */
export function CommitteeAnswers() {
  const { t } = useT();
  const committee = useApi<{ items: Proposal[] }>('/participation/staff/proposals?status=committee');
  const answered = useApi<{ items: Proposal[] }>('/participation/staff/proposals?status=answered');
  const [saved, setSaved] = useState<Outcome | null>(null);
  const reload = (message: string) => {
    setSaved({ kind: 'status', text: message, fields: [] });
    committee.reload();
    answered.reload();
  };
  const list = (items: Proposal[], empty: string): ReactNode =>
    items.length === 0 ? (
      <p>{empty}</p>
    ) : (
      <ul className="pt-list">
        {items.map((p) => (
          <AnswerForm
            key={`${p.id}-${p.status}-${p.answeredOn ?? ''}-${(p.interventions ?? []).length}`}
            proposal={p}
            onSaved={reload}
          />
        ))}
      </ul>
    );
  return (
    <section aria-labelledby="pt-committee">
      <h2 id="pt-committee">{t('committeeAnswers')}</h2>
      <p>{t('committeeIntro')}</p>
      <FormOutcome id="pt-committee-outcome" outcome={saved} />
      <PtData state={committee}>{(d) => list(d.items, t('nothingForCommittee'))}</PtData>
      <details>
        <summary>{t('answeredProposals')}</summary>
        <PtData state={answered}>{(d) => list(d.items, t('noneAnswered'))}</PtData>
      </details>
    </section>
  );
}

// ------------------------------------------------------------------------------ dialogues
