/**
 * Staff: the follow-up of what was built for each project. Checked in the browser with the endpoint's contract
 * (projectBody) before it is sent; a refusal by the server is said in the alert and marks the field.
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { sendJson, useApi } from '../../api.ts';
import { contractResolver, submitWith, type FieldOf } from '../../forms.ts';
import { projectBody, type ProcessSummary as Process, type Project } from '../../../core/contracts/participation.ts';
import { ProcessPicker } from './ProcessPicker.tsx';
import { FormOutcome, ptDescribed, PtFieldError, ptSay, type Outcome, ptReport } from './forms.tsx';
import { useT, projectPath } from './shared.tsx';

// ------------------------------------------------------------------------------ follow-up of built projects

interface Values {
  followUp: string;
}
const fieldOf: FieldOf<Values> = (path) => (path[0] === 'followUp' ? 'followUp' : null);

function FollowUpRow({ processId, project, onSaved }: { processId: string; project: Project; onSaved: () => void }) {
  const { t } = useT();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const id = `pt-fu-${processId}-${project.id}`;
  const bodyOf = (v: Values) => ({ title: project.title, cost: project.cost, followUp: v.followUp });
  const form = useForm<Values>({
    defaultValues: { followUp: project.followUp },
    resolver: contractResolver(projectBody, bodyOf, fieldOf, ptSay(t)),
  });
  const errors = form.formState.errors;
  const save = submitWith(
    form,
    fieldOf,
    (v) => sendJson('PUT', projectPath(processId, project.id), bodyOf(v)),
    ptReport(form, t, setOutcome, () => {
      setOutcome({ kind: 'status', text: t('saved'), fields: [] });
      onSaved();
    }),
  );
  return (
    <li>
      <form onSubmit={(e) => void save(e)} className="pt-form" noValidate>
        <label htmlFor={id}>{t('followUpOf', { title: project.title })}</label>
        <textarea
          id={id}
          rows={3}
          maxLength={10000}
          {...form.register('followUp')}
          {...ptDescribed(id, errors.followUp, `${id}-outcome`)}
        />
        <PtFieldError id={id} error={errors.followUp} />
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
