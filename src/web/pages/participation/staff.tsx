/**
 * Staff screens of participation that go beyond moderation and budgeting: the committee's answer and
 * decision on a proposal, links to the interventions it led to, the dialogue register and the follow-up
 * of built projects. Also the residents' dialogue list, filterable by area and goal area.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, sendJson, useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { participationStrings } from '../../i18n/participation.ts';
import { setQuery, useRoute } from '../../router.tsx';
import { WithData } from '../../shell/Status.tsx';
import { ProcessPicker } from './ProcessPicker.tsx';
import { PROPOSAL_DIVISION, type Dialogue, type Process, type Project, type Proposal } from './model.ts';

const useT = () => useI18n(participationStrings);
type GoalAreas = { goalAreas: { id: string; title: { sv: string; en: string } }[] };
type Decision = 'approved' | 'partly_approved' | 'rejected';

/** The outcome of a form: a status message, or an error (with the fields the server named). */
interface Outcome {
  kind: 'status' | 'alert';
  text: string;
  fields: string[];
}

function outcomeOf(err: unknown, t: ReturnType<typeof useT>['t']): Outcome {
  const fields: string[] = [];
  if (err instanceof ApiError && Array.isArray(err.details)) {
    for (const d of err.details as { field?: unknown }[]) {
      if (typeof d?.field === 'string') fields.push(d.field.split('.').pop() ?? d.field);
    }
  }
  return { kind: 'alert', text: t('error', { message: (err as Error).message }), fields };
}

/** Props that tie a field to the form's error message when the server named that field. */
function fieldProps(outcome: Outcome | null, errorId: string, field: string, describedBy?: string) {
  const invalid = outcome?.kind === 'alert' && outcome.fields.includes(field);
  const ids = [describedBy, invalid ? errorId : undefined].filter(Boolean).join(' ');
  return { 'aria-invalid': invalid || undefined, 'aria-describedby': ids || undefined };
}

/**
 * The outcome of a form: a status region that is always in the page (so what is put in it is
 * announced), and an alert with id `id` when something went wrong (fields point to it with
 * aria-describedby).
 */
function FormOutcome({ id, outcome }: { id: string; outcome: Outcome | null }) {
  return (
    <>
      <div id={`${id}-status`} role="status" className={outcome?.kind === 'status' ? 'notice' : undefined}>
        {outcome?.kind === 'status' ? outcome.text : null}
      </div>
      {outcome?.kind === 'alert' ? (
        <div id={id} role="alert" className="error">
          {outcome.text}
        </div>
      ) : null}
    </>
  );
}

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
      <WithData state={committee}>{(d) => list(d.items, t('nothingForCommittee'))}</WithData>
      <details>
        <summary>{t('answeredProposals')}</summary>
        <WithData state={answered}>{(d) => list(d.items, t('noneAnswered'))}</WithData>
      </details>
    </section>
  );
}

// ------------------------------------------------------------------------------ dialogues

const emptyDialogue = {
  heldOn: '',
  place: '',
  area: '',
  goalArea: '',
  topic: '',
  participants: '',
  summary: '',
  fedInto: '',
};

export function DialogueForm() {
  const { t, lang } = useT();
  const areas = useApi<{ areas: { code: string; name: string }[] }>(`/areas?division=${PROPOSAL_DIVISION}`);
  const goals = useApi<GoalAreas>('/goals');
  const [d, setD] = useState(emptyDialogue);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const errId = 'pt-dlg-outcome';
  const set = (k: keyof typeof emptyDialogue) => (e: { target: { value: string } }) =>
    setD({ ...d, [k]: e.target.value });

  async function save(e: FormEvent) {
    e.preventDefault();
    try {
      await sendJson('POST', '/participation/dialogues', {
        heldOn: d.heldOn,
        place: d.place,
        area: `${PROPOSAL_DIVISION}:${d.area}`,
        goalArea: d.goalArea || null,
        topic: d.topic,
        participants: Number(d.participants),
        summary: d.summary,
        fedInto: d.fedInto,
      });
      setD(emptyDialogue);
      setOutcome({ kind: 'status', text: t('dialogueSaved'), fields: [] });
    } catch (err) {
      setOutcome(outcomeOf(err, t));
    }
  }
  const fp = (field: string, help?: string) => fieldProps(outcome, errId, field, help);
  return (
    <section aria-labelledby="pt-dlg">
      <h2 id="pt-dlg">{t('recordDialogue')}</h2>
      <form onSubmit={save} className="pt-form" aria-labelledby="pt-dlg">
        <label htmlFor="pt-dlg-date">{t('date')}</label>
        <input id="pt-dlg-date" type="date" required value={d.heldOn} onChange={set('heldOn')} {...fp('heldOn')} />
        <label htmlFor="pt-dlg-place">{t('placeOrChannel')}</label>
        <input
          id="pt-dlg-place"
          required
          maxLength={300}
          value={d.place}
          onChange={set('place')}
          {...fp('place', 'pt-dlg-place-help')}
        />
        <p id="pt-dlg-place-help" className="pt-help">
          {t('placeHelp')}
        </p>
        <label htmlFor="pt-dlg-area">{t('area')}</label>
        <select id="pt-dlg-area" required value={d.area} onChange={set('area')} {...fp('area')}>
          <option value="">{t('chooseArea')}</option>
          {(areas.data?.areas ?? []).map((a) => (
            <option key={a.code} value={a.code}>
              {a.name}
            </option>
          ))}
        </select>
        <label htmlFor="pt-dlg-goal">{t('goalArea')}</label>
        <select id="pt-dlg-goal" value={d.goalArea} onChange={set('goalArea')} {...fp('goalArea')}>
          <option value="">{t('noGoalArea')}</option>
          {(goals.data?.goalAreas ?? []).map((g) => (
            <option key={g.id} value={g.id}>
              {g.title[lang]}
            </option>
          ))}
        </select>
        <label htmlFor="pt-dlg-topic">{t('topic')}</label>
        <input id="pt-dlg-topic" required maxLength={300} value={d.topic} onChange={set('topic')} {...fp('topic')} />
        <label htmlFor="pt-dlg-participants">{t('participantCount')}</label>
        <input
          id="pt-dlg-participants"
          type="number"
          required
          min={0}
          max={1000000}
          value={d.participants}
          onChange={set('participants')}
          {...fp('participants')}
        />
        <label htmlFor="pt-dlg-summary">{t('whatWasSaid')}</label>
        <textarea
          id="pt-dlg-summary"
          rows={4}
          maxLength={10000}
          value={d.summary}
          onChange={set('summary')}
          {...fp('summary')}
        />
        <label htmlFor="pt-dlg-fed">{t('fedInto')}</label>
        <input
          id="pt-dlg-fed"
          maxLength={2000}
          value={d.fedInto}
          onChange={set('fedInto')}
          {...fp('fedInto', 'pt-dlg-fed-help')}
        />
        <p id="pt-dlg-fed-help" className="pt-help">
          {t('fedIntoHelp')}
        </p>
        <button type="submit">{t('saveDialogue')}</button>
      </form>
      <FormOutcome id={errId} outcome={outcome} />
    </section>
  );
}

/** Residents' dialogue register, filterable by area and goal area (kept in the URL). */
export function DialogueList() {
  const { t, lang } = useT();
  const { query } = useRoute();
  const area = query.get('dialogArea') ?? '';
  const goalArea = query.get('dialogGoal') ?? '';
  const params = new URLSearchParams();
  if (area) params.set('area', area);
  if (goalArea) params.set('goalArea', goalArea);
  const qs = params.toString();
  const dialogues = useApi<{ items: Dialogue[] }>(`/participation/dialogues${qs ? `?${qs}` : ''}`);
  const areas = useApi<{ areas: { code: string; name: string }[] }>(`/areas?division=${PROPOSAL_DIVISION}`);
  const goals = useApi<GoalAreas>('/goals');
  const goalTitle = (id: string | null) =>
    id ? (goals.data?.goalAreas.find((g) => g.id === id)?.title[lang] ?? id) : null;
  return (
    <section aria-labelledby="pt-dialogues">
      <h2 id="pt-dialogues">{t('dialogues')}</h2>
      <div className="pt-filters" role="group" aria-label={t('filterDialogues')}>
        <label htmlFor="pt-dlg-filter-area">{t('area')}</label>{' '}
        <select id="pt-dlg-filter-area" value={area} onChange={(e) => setQuery({ dialogArea: e.target.value || null })}>
          <option value="">{t('allAreas')}</option>
          {(areas.data?.areas ?? []).map((a) => (
            <option key={a.code} value={`${PROPOSAL_DIVISION}:${a.code}`}>
              {a.name}
            </option>
          ))}
        </select>{' '}
        <label htmlFor="pt-dlg-filter-goal">{t('goalAreaFilter')}</label>{' '}
        <select
          id="pt-dlg-filter-goal"
          value={goalArea}
          onChange={(e) => setQuery({ dialogGoal: e.target.value || null })}
        >
          <option value="">{t('allGoalAreas')}</option>
          {(goals.data?.goalAreas ?? []).map((g) => (
            <option key={g.id} value={g.id}>
              {g.title[lang]}
            </option>
          ))}
        </select>
      </div>
      <WithData state={dialogues}>
        {(d) => {
          if (d.items.length === 0) return <p role="status">{t('noDialogues')}</p>;
          const byArea = new Map<string, Dialogue[]>();
          for (const x of d.items) byArea.set(x.areaName ?? x.area, [...(byArea.get(x.areaName ?? x.area) ?? []), x]);
          return (
            <div data-testid="pt-dialogue-list">
              <p role="status" className="visually-hidden">
                {t('dialoguesShown', { n: d.items.length })}
              </p>
              {[...byArea.entries()]
                .sort(([a], [b]) => a.localeCompare(b, lang))
                .map(([name, items]) => (
                  <section key={name} aria-label={`${t('dialogues')}: ${name}`}>
                    <h3>{name}</h3>
                    <ul className="pt-list">
                      {items.map((x) => (
                        <li key={x.id}>
                          {x.heldOn}, {x.place}: <strong>{x.topic}</strong> ({t('participants').toLowerCase()}:{' '}
                          {x.participants}).
                          {goalTitle(x.goalAreaId) ? ` ${t('goalAreaFilter')}: ${goalTitle(x.goalAreaId)}.` : ''}{' '}
                          {x.summary}
                          {x.fedInto ? ` → ${x.fedInto}` : ''}
                        </li>
                      ))}
                    </ul>
                  </section>
                ))}
            </div>
          );
        }}
      </WithData>
    </section>
  );
}

// ------------------------------------------------------------------------------ follow-up of built projects

function FollowUpRow({ processId, project, onSaved }: { processId: string; project: Project; onSaved: () => void }) {
  const { t } = useT();
  const [text, setText] = useState(project.followUp);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const id = `pt-fu-${processId}-${project.id}`;
  async function save(e: FormEvent) {
    e.preventDefault();
    try {
      await sendJson(
        'PUT',
        `/participation/processes/${encodeURIComponent(processId)}/projects/${encodeURIComponent(project.id)}`,
        {
          title: project.title,
          cost: project.cost,
          followUp: text,
        },
      );
      setOutcome({ kind: 'status', text: t('saved'), fields: [] });
      onSaved();
    } catch (err) {
      setOutcome(outcomeOf(err, t));
    }
  }
  return (
    <li>
      <form onSubmit={save} className="pt-form">
        <label htmlFor={id}>{t('followUpOf', { title: project.title })}</label>
        <textarea
          id={id}
          rows={3}
          maxLength={10000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          {...fieldProps(outcome, `${id}-outcome`, 'followUp')}
        />
        <button type="submit">{t('save')}</button>
      </form>
      <FormOutcome id={`${id}-outcome`} outcome={outcome} />
    </li>
  );
}

export function FollowUp() {
  const { t } = useT();
  const processes = useApi<{ items: Process[] }>('/participation/processes');
  const [selected, setSelected] = useState('');
  const results = useApi<{ projects: { id: string; selected: boolean }[] }>(
    selected ? `/participation/processes/${encodeURIComponent(selected)}/results` : null,
  );
  const detail = useApi<{ process: Process; projects: Project[] }>(
    selected ? `/participation/processes/${encodeURIComponent(selected)}` : null,
  );
  const winners = new Set((results.data?.projects ?? []).filter((p) => p.selected).map((p) => p.id));
  return (
    <section aria-labelledby="pt-fu">
      <h2 id="pt-fu">{t('followUpTitle')}</h2>
      <p>{t('followUpIntro')}</p>
      <ProcessPicker id="pt-fu-process" processes={processes} value={selected} onChange={setSelected} />
      {selected && detail.data ? (
        <ul className="pt-list">
          {detail.data.projects
            .filter((p) => winners.size === 0 || winners.has(p.id) || p.followUp)
            .map((p) => (
              <FollowUpRow key={`${selected}-${p.id}`} processId={selected} project={p} onSaved={detail.reload} />
            ))}
        </ul>
      ) : null}
    </section>
  );
}
