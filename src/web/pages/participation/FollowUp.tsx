/** Staff: the follow-up of what was built for each project. */
import { useState, type FormEvent } from 'react';
import { sendJson, useApi } from '../../api.ts';
import type { ProcessSummary as Process, Project } from '../../../core/contracts/participation.ts';
import { ProcessPicker } from './ProcessPicker.tsx';
import { fieldProps, FormOutcome, outcomeOf, type Outcome } from './forms.tsx';
import { useT } from './shared.tsx';

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
