/**
 * Staff: the committee's answer and decision on a proposal, and links to the interventions it led to. Both
 * forms are checked in the browser with their endpoint's contract (answerBody, linkBody) before sending; a
 * refusal by the server is said in the alert and marks the field it names.
 */
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { sendJson, useApi } from '../../api.ts';
import { contractResolver, submitWith, type FieldOf } from '../../forms.ts';
import { answerBody, linkBody, type StaffProposal as Proposal } from '../../../core/contracts/participation.ts';
import { FormOutcome, ptDescribed, PtFieldError, ptRefused, ptSay, type Outcome } from './forms.tsx';
import { PtData, useT } from './shared.tsx';

type Decision = 'approved' | 'partly_approved' | 'rejected';

interface AnswerValues {
  decision: Decision | '';
  answer: string;
}
interface LinkValues {
  interventionId: string;
}
const answerField: FieldOf<AnswerValues> = (path) => (path[0] === 'decision' || path[0] === 'answer' ? path[0] : null);
const linkField: FieldOf<LinkValues> = (path) => (path[0] === 'interventionId' ? 'interventionId' : null);
const linkOf = (v: LinkValues) => ({ interventionId: v.interventionId.trim() });

// ------------------------------------------------------------------------------ committee answers

function AnswerForm({ proposal, onSaved }: { proposal: Proposal; onSaved: (message: string) => void }) {
  const { t } = useT();
  const base = `pt-ans-${proposal.id}`;
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const errId = `${base}-outcome`;
  const say = ptSay(t);
  const answerForm = useForm<AnswerValues>({
    defaultValues: {
      answer: proposal.committeeAnswer ?? '',
      decision: (proposal.committeeDecision as Decision | null) ?? '',
    },
    resolver: contractResolver(answerBody, (v: AnswerValues) => v, answerField, say),
  });
  const linkForm = useForm<LinkValues>({
    defaultValues: { interventionId: '' },
    resolver: contractResolver(linkBody, linkOf, linkField, say),
  });
  const errors = answerForm.formState.errors;
  const linkErrors = linkForm.formState.errors;
  const path = `/participation/proposals/${encodeURIComponent(proposal.id)}`;
  const invalid = () => setOutcome({ kind: 'status', text: t('formHasErrors'), fields: [] });

  const save = submitWith(answerForm, answerField, (v) => sendJson('POST', `${path}/answer`, v), {
    done: () => {
      setOutcome(null);
      onSaved(t('answerSaved'));
    },
    failed: (_m, err) => setOutcome(ptRefused(answerForm, err, t)),
    invalid,
  });
  const link = submitWith(linkForm, linkField, (v) => sendJson('POST', `${path}/interventions`, linkOf(v)), {
    done: () => {
      linkForm.reset();
      setOutcome(null);
      onSaved(t('linked'));
    },
    failed: (_m, err) => setOutcome(ptRefused(linkForm, err, t)),
    invalid,
  });
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
      <form onSubmit={(e) => void save(e)} className="pt-form" aria-labelledby={`${base}-h`} noValidate>
        <label htmlFor={`${base}-decision`}>{t('decision')}</label>
        <select
          id={`${base}-decision`}
          required
          {...answerForm.register('decision')}
          {...ptDescribed(`${base}-decision`, errors.decision, errId)}
        >
          <option value="">{t('chooseDecision')}</option>
          {(['approved', 'partly_approved', 'rejected'] as const).map((d) => (
            <option key={d} value={d}>
              {t(`decision_${d}`)}
            </option>
          ))}
        </select>
        <PtFieldError id={`${base}-decision`} error={errors.decision} />
        <label htmlFor={`${base}-answer`}>{t('answerText')}</label>
        <textarea
          id={`${base}-answer`}
          required
          rows={4}
          maxLength={10000}
          {...answerForm.register('answer')}
          {...ptDescribed(`${base}-answer`, errors.answer, errId, `${base}-answer-help`)}
        />
        <p id={`${base}-answer-help`} className="pt-help">
          {t('answerHelp')}
        </p>
        <PtFieldError id={`${base}-answer`} error={errors.answer} />
        <button type="submit">{t('publishAnswer')}</button>
      </form>
      <form
        onSubmit={(e) => void link(e)}
        className="pt-form"
        aria-label={`${t('linkIntervention')}: ${proposal.title}`}
        noValidate
      >
        <label htmlFor={`${base}-iv`}>{t('interventionId')}</label>
        <input
          id={`${base}-iv`}
          required
          maxLength={200}
          {...linkForm.register('interventionId')}
          {...ptDescribed(`${base}-iv`, linkErrors.interventionId, errId, `${base}-iv-help`)}
        />
        <p id={`${base}-iv-help`} className="pt-help">
          {t('interventionHelp')}
        </p>
        <PtFieldError id={`${base}-iv`} error={linkErrors.interventionId} />
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
