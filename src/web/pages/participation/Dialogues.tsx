/** Dialogues: staff record them; residents read the register, filtered by area and goal area. */
import { useState, type FormEvent } from 'react';
import { sendJson, useApi } from '../../api.ts';
import { setQuery, useRoute } from '../../router.tsx';
import type { Dialogue } from '../../../core/contracts/participation.ts';
import { fieldProps, FormOutcome, outcomeOf, type Outcome } from './forms.tsx';
import { PROPOSAL_DIVISION, PtData, useT } from './shared.tsx';

type GoalAreas = { goalAreas: { id: string; title: { sv: string; en: string } }[] };

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
