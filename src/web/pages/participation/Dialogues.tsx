/**
 * Dialogues: staff record them (checked in the browser with the endpoint's contract, dialogueBody, before
 * sending); residents read the register, filtered by area and goal area.
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { sendJson, useApi } from '../../api.ts';
import { setQuery, useSearch } from '../../router.tsx';
import { queryOf } from '../../search.ts';
import { dialogueQuery } from '../../../core/contracts/participation.ts';
import { z } from 'zod';
import { contractResolver, submitWith, type FieldOf } from '../../forms.ts';
import { dialogueBody, type Dialogue } from '../../../core/contracts/participation.ts';
import type { goalsResponse } from '../../../core/contracts/goals.ts';
import { FormOutcome, ptDescribed, PtFieldError, ptSay, type Outcome, ptReport } from './forms.tsx';
import { PROPOSAL_DIVISION, PtData, useT, AreaOptions, useProposalAreas } from './shared.tsx';

/** The goal areas a dialogue can be about, from the goals API's contract. */
type GoalAreas = Pick<z.infer<typeof goalsResponse>, 'goalAreas'>;

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
type Values = typeof emptyDialogue;
const FIELDS = Object.keys(emptyDialogue) as (keyof Values)[];
const fieldOf: FieldOf<Values> = (path) => {
  const head = String(path[0] ?? '');
  return (FIELDS as string[]).includes(head) ? (head as keyof Values) : null;
};
/** The request body: no area chosen is an empty one, no count is not a number (both refused by the contract). */
const bodyOf = (d: Values) => ({
  heldOn: d.heldOn,
  place: d.place,
  area: d.area ? `${PROPOSAL_DIVISION}:${d.area}` : '',
  goalArea: d.goalArea || null,
  topic: d.topic,
  participants: d.participants.trim() === '' ? Number.NaN : Number(d.participants),
  summary: d.summary,
  fedInto: d.fedInto,
});

export function DialogueForm() {
  const { t, lang } = useT();
  const areas = useProposalAreas();
  const goals = useApi<GoalAreas>('/goals');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const errId = 'pt-dlg-outcome';
  const form = useForm<Values>({
    defaultValues: emptyDialogue,
    resolver: contractResolver(
      dialogueBody,
      bodyOf,
      fieldOf,
      ptSay(t, (f) => (f === 'heldOn' ? t('fieldDate') : f === 'area' ? t('fieldArea') : null)),
    ),
  });
  const errors = form.formState.errors;

  const save = submitWith(
    form,
    fieldOf,
    (v) => sendJson('POST', '/participation/dialogues', bodyOf(v)),
    ptReport(form, t, setOutcome, () => {
      form.reset();
      setOutcome({ kind: 'status', text: t('dialogueSaved'), fields: [] });
    }),
  );
  const ids: Record<keyof Values, string> = {
    heldOn: 'pt-dlg-date',
    place: 'pt-dlg-place',
    area: 'pt-dlg-area',
    goalArea: 'pt-dlg-goal',
    topic: 'pt-dlg-topic',
    participants: 'pt-dlg-participants',
    summary: 'pt-dlg-summary',
    fedInto: 'pt-dlg-fed',
  };
  const fp = (field: keyof Values, help?: string) => ({
    id: ids[field],
    ...form.register(field),
    ...ptDescribed(ids[field], errors[field], errId, help),
  });
  const problem = (field: keyof Values) => <PtFieldError id={ids[field]} error={errors[field]} />;
  return (
    <section aria-labelledby="pt-dlg">
      <h2 id="pt-dlg">{t('recordDialogue')}</h2>
      <form onSubmit={(e) => void save(e)} className="pt-form" aria-labelledby="pt-dlg" noValidate>
        <label htmlFor="pt-dlg-date">{t('date')}</label>
        <input type="date" required {...fp('heldOn')} />
        {problem('heldOn')}
        <label htmlFor="pt-dlg-place">{t('placeOrChannel')}</label>
        <input required maxLength={300} {...fp('place', 'pt-dlg-place-help')} />
        <p id="pt-dlg-place-help" className="pt-help">
          {t('placeHelp')}
        </p>
        {problem('place')}
        <label htmlFor="pt-dlg-area">{t('area')}</label>
        <select required {...fp('area')}>
          <AreaOptions areas={areas.data?.areas} empty={t('chooseArea')} />
        </select>
        {problem('area')}
        <label htmlFor="pt-dlg-goal">{t('goalArea')}</label>
        <select {...fp('goalArea')}>
          <option value="">{t('noGoalArea')}</option>
          {(goals.data?.goalAreas ?? []).map((g) => (
            <option key={g.id} value={g.id}>
              {g.title[lang]}
            </option>
          ))}
        </select>
        {problem('goalArea')}
        <label htmlFor="pt-dlg-topic">{t('topic')}</label>
        <input required maxLength={300} {...fp('topic')} />
        {problem('topic')}
        <label htmlFor="pt-dlg-participants">{t('participantCount')}</label>
        <input type="number" required min={0} max={1000000} {...fp('participants')} />
        {problem('participants')}
        <label htmlFor="pt-dlg-summary">{t('whatWasSaid')}</label>
        <textarea rows={4} maxLength={10000} {...fp('summary')} />
        {problem('summary')}
        <label htmlFor="pt-dlg-fed">{t('fedInto')}</label>
        <input maxLength={2000} {...fp('fedInto', 'pt-dlg-fed-help')} />
        <p id="pt-dlg-fed-help" className="pt-help">
          {t('fedIntoHelp')}
        </p>
        {problem('fedInto')}
        <button type="submit">{t('saveDialogue')}</button>
      </form>
      <FormOutcome id={errId} outcome={outcome} />
    </section>
  );
}

/** The list's filters in the URL (named for this page; the values are the dialogue API's own query fields). */
const dialogueSearch = z.object({
  dialogArea: dialogueQuery.shape.area.catch(undefined),
  dialogGoal: dialogueQuery.shape.goalArea.catch(undefined),
});

/** Residents' dialogue register, filterable by area and goal area (kept in the URL). */
export function DialogueList() {
  const { t, lang } = useT();
  const search = useSearch(dialogueSearch);
  const area = search.dialogArea ?? '';
  const goalArea = search.dialogGoal ?? '';
  const dialogues = useApi<{ items: Dialogue[] }>(`/participation/dialogues${queryOf({ area, goalArea })}`);
  const areas = useProposalAreas();
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
      <PtData state={dialogues}>
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
      </PtData>
    </section>
  );
}
