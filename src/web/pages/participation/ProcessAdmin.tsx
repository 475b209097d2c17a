/**
 * Staff: create a process, add and assess projects, move it through its phases, enter paper ballots. Each form
 * is checked in the browser with its endpoint's contract (processBody; projectBody, and projectParams for a new
 * project's id) before it is sent; a refusal by the server is said in the form's alert and marks its field.
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { sendJson, useApi } from '../../api.ts';
import { Link } from '../../router.tsx';
import { contractResolver, submitWith, type FieldOf } from '../../forms.ts';
import {
  processBody,
  projectBody,
  projectParams,
  type ProcessDetail,
  type ProcessSummary,
  type Project,
} from '../../../core/contracts/participation.ts';
import { ProcessPicker } from './ProcessPicker.tsx';
import { PhaseControl } from './PhaseControl.tsx';
import { FormOutcome, ptDescribed, PtFieldError, ptSay, type Outcome, ptReport } from './forms.tsx';
import {
  errorText,
  Notice,
  PROPOSAL_DIVISION,
  ruleName,
  useT,
  withLang,
  type T,
  projectPath,
  AreaOptions,
  useProposalAreas,
} from './shared.tsx';

/** The contract's refusal in words; money that is not whole kronor is said as such. */
const say = (t: T) =>
  ptSay(t, (f) => (f === 'budget' || f === 'cost' ? t('fieldNumber') : f === 'area' ? t('fieldArea') : null));

// ------------------------------------------------------------------------------ a project's row

interface RowValues {
  cost: string;
  feasible: boolean;
  assessment: string;
}
const rowField: FieldOf<RowValues> = (path) =>
  path[0] === 'cost' || path[0] === 'feasible' || path[0] === 'assessment' ? path[0] : null;

function ProjectRowEditor({
  processId,
  project,
  onSaved,
}: {
  processId: string;
  project: Project;
  onSaved: () => void;
}) {
  const { t } = useT();
  const base = `pt-row-${project.id}`;
  const errId = `${base}-outcome`;
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const bodyOf = (v: RowValues) => ({ title: project.title, ...v });
  const form = useForm<RowValues>({
    defaultValues: { cost: project.cost, feasible: project.feasible === true, assessment: project.assessment },
    resolver: contractResolver(projectBody, bodyOf, rowField, say(t)),
  });
  const errors = form.formState.errors;
  const save = submitWith(
    form,
    rowField,
    (v) => sendJson('PUT', projectPath(processId, project.id), bodyOf(v)),
    ptReport(form, t, setOutcome, () => {
      setOutcome({ kind: 'status', text: t('saved'), fields: [] });
      onSaved();
    }),
  );
  return (
    <tr>
      <th scope="row">{project.title}</th>
      <td>
        <input
          id={`${base}-cost`}
          aria-label={`${t('costKr')}: ${project.title}`}
          inputMode="numeric"
          size={9}
          {...form.register('cost')}
          {...ptDescribed(`${base}-cost`, errors.cost, errId)}
        />
        <PtFieldError id={`${base}-cost`} error={errors.cost} />
      </td>
      <td>
        <input
          id={`${base}-feasible`}
          type="checkbox"
          aria-label={`${t('feasible')}: ${project.title}`}
          {...form.register('feasible')}
          {...ptDescribed(`${base}-feasible`, errors.feasible, errId)}
        />
        <PtFieldError id={`${base}-feasible`} error={errors.feasible} />
      </td>
      <td>
        <input
          id={`${base}-assessment`}
          aria-label={`${t('assessment')}: ${project.title}`}
          {...form.register('assessment')}
          {...ptDescribed(`${base}-assessment`, errors.assessment, errId)}
        />
        <PtFieldError id={`${base}-assessment`} error={errors.assessment} />
      </td>
      <td>
        <button type="button" onClick={() => void save()}>
          {t('save')}
        </button>{' '}
        <FormOutcome id={errId} outcome={outcome} />
      </td>
    </tr>
  );
}

// ------------------------------------------------------------------------------ a new project

interface ProjectValues {
  id: string;
  title: string;
  cost: string;
}
/** The new project's body, and its id (the address's projectId, which the contract of the params checks). */
const newProjectContract = projectBody.extend({ projectId: projectParams.shape.projectId });
const newProjectOf = (v: ProjectValues) => ({ projectId: v.id.trim(), title: v.title, cost: v.cost.trim() });
const projectField: FieldOf<ProjectValues> = (path) =>
  path[0] === 'projectId' || path[0] === 'id' ? 'id' : path[0] === 'title' || path[0] === 'cost' ? path[0] : null;

function NewProject({ processId, onAdded }: { processId: string; onAdded: () => void }) {
  const { t } = useT();
  const errId = 'pt-new-project-outcome';
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const form = useForm<ProjectValues>({
    defaultValues: { id: '', title: '', cost: '' },
    resolver: contractResolver(newProjectContract, newProjectOf, projectField, say(t)),
  });
  const errors = form.formState.errors;
  const add = submitWith(
    form,
    projectField,
    (v) => {
      const { projectId, ...body } = newProjectOf(v);
      return sendJson('PUT', projectPath(processId, projectId), body);
    },
    ptReport(form, t, setOutcome, () => {
      form.reset();
      setOutcome({ kind: 'status', text: t('saved'), fields: [] });
      onAdded();
    }),
  );
  const fp = (f: keyof ProjectValues) => ptDescribed(`pt-new-project-${f}`, errors[f], errId);
  return (
    <form onSubmit={(e) => void add(e)} className="pt-form" aria-label={t('addProject')} noValidate>
      <label htmlFor="pt-new-project-id">{t('projectId')}</label>
      <input id="pt-new-project-id" required maxLength={40} {...form.register('id')} {...fp('id')} />
      <PtFieldError id="pt-new-project-id" error={errors.id} />
      <label htmlFor="pt-new-project-title">{t('proposalTitle')}</label>
      <input id="pt-new-project-title" required maxLength={300} {...form.register('title')} {...fp('title')} />
      <PtFieldError id="pt-new-project-title" error={errors.title} />
      <label htmlFor="pt-new-project-cost">{t('costKr')}</label>
      <input id="pt-new-project-cost" required inputMode="numeric" {...form.register('cost')} {...fp('cost')} />
      <PtFieldError id="pt-new-project-cost" error={errors.cost} />
      <FormOutcome id={errId} outcome={outcome} />
      <button type="submit">{t('addProject')}</button>
    </form>
  );
}

// ------------------------------------------------------------------------------ a new process

interface ProcessValues {
  id: string;
  name: string;
  area: string;
  budget: string;
  rule: 'mes-complete' | 'mes' | 'greedy';
  knapsack: boolean;
}
const PROCESS_FIELDS = ['id', 'name', 'area', 'budget', 'rule', 'knapsack'] as const;
const processField: FieldOf<ProcessValues> = (path) => {
  const head = String(path[0] ?? '');
  return (PROCESS_FIELDS as readonly string[]).includes(head) ? (head as keyof ProcessValues) : null;
};
/** The request body; no area chosen is an empty one, which the contract refuses at `area`. */
const processOf = (v: ProcessValues) => ({
  id: v.id.trim(),
  name: v.name,
  area: v.area ? `${PROPOSAL_DIVISION}:${v.area}` : '',
  budget: v.budget.trim(),
  rule: v.rule,
  knapsack: v.knapsack,
});

function NewProcess({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useT();
  const areas = useProposalAreas();
  const errId = 'pt-np-outcome';
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const form = useForm<ProcessValues>({
    defaultValues: { id: '', name: '', area: '', budget: '', rule: 'mes-complete', knapsack: false },
    resolver: contractResolver(processBody, processOf, processField, say(t)),
  });
  const errors = form.formState.errors;
  const create = submitWith(
    form,
    processField,
    (v) => sendJson('POST', '/participation/processes', processOf(v)),
    ptReport(form, t, setOutcome, () => {
      const id = processOf(form.getValues()).id;
      form.reset();
      setOutcome({ kind: 'status', text: t('saved'), fields: [] });
      onCreated(id);
    }),
  );
  const fp = (f: keyof ProcessValues) => ptDescribed(`pt-np-${f}`, errors[f], errId);
  return (
    <form onSubmit={(e) => void create(e)} className="pt-form" aria-labelledby="pt-new-process" noValidate>
      <h3 id="pt-new-process">{t('newProcess')}</h3>
      <label htmlFor="pt-np-id">{t('processId')}</label>
      <input id="pt-np-id" required maxLength={60} {...form.register('id')} {...fp('id')} />
      <PtFieldError id="pt-np-id" error={errors.id} />
      <label htmlFor="pt-np-name">{t('processName')}</label>
      <input id="pt-np-name" required maxLength={200} {...form.register('name')} {...fp('name')} />
      <PtFieldError id="pt-np-name" error={errors.name} />
      <label htmlFor="pt-np-area">{t('area')}</label>
      <select id="pt-np-area" required {...form.register('area')} {...fp('area')}>
        <AreaOptions areas={areas.data?.areas} empty={t('chooseArea')} />
      </select>
      <PtFieldError id="pt-np-area" error={errors.area} />
      <label htmlFor="pt-np-budget">{t('budgetKr')}</label>
      <input id="pt-np-budget" required inputMode="numeric" {...form.register('budget')} {...fp('budget')} />
      <PtFieldError id="pt-np-budget" error={errors.budget} />
      <label htmlFor="pt-np-rule">{t('ruleLabel')}</label>
      <select id="pt-np-rule" {...form.register('rule')} {...fp('rule')}>
        {(['mes-complete', 'mes', 'greedy'] as const).map((r) => (
          <option key={r} value={r}>
            {ruleName(t, r)}
          </option>
        ))}
      </select>
      <PtFieldError id="pt-np-rule" error={errors.rule} />
      <div className="pt-choice">
        <input id="pt-np-knapsack" type="checkbox" {...form.register('knapsack')} />
        <label htmlFor="pt-np-knapsack">{t('knapsack')}</label>
      </div>
      <FormOutcome id={errId} outcome={outcome} />
      <button type="submit">{t('create')}</button>
    </form>
  );
}

// ------------------------------------------------------------------------------ the screen

export function ProcessAdmin() {
  const { t, lang } = useT();
  const processes = useApi<{ items: ProcessSummary[] }>('/participation/processes');
  const [selected, setSelected] = useState('');
  const detail = useApi<ProcessDetail>(selected ? `/participation/processes/${selected}` : null);
  const [msg, setMsg] = useState<string | null>(null);

  /** Paper ballots: the chosen file is sent as it is (the server reads and checks the CSV). */
  async function paper(file: File | undefined) {
    if (!file) return;
    try {
      const r = await sendJson<{ imported: number }>('POST', `/participation/processes/${selected}/paper-ballots`, {
        fileName: file.name,
        content: await file.text(),
      });
      setMsg(t('imported', { n: r.imported }));
    } catch (err) {
      setMsg(errorText(err, t));
    }
  }

  return (
    <section aria-labelledby="pt-admin">
      <h2 id="pt-admin">{t('processAdmin')}</h2>
      {msg ? <Notice>{msg}</Notice> : null}
      <ProcessPicker id="pt-admin-process" processes={processes} value={selected} onChange={setSelected} />
      {selected && detail.data ? (
        <>
          <PhaseControl
            process={detail.data.process}
            onChanged={() => {
              detail.reload();
              processes.reload();
            }}
          />
          <p>
            <Link href={withLang(`/delta/budget/${selected}/resultat`, lang)}>{t('results')}</Link>
          </p>
          <div className="fp-table-wrap" tabIndex={0} role="region" aria-label={t('projects')}>
            <table className="fp-table">
              <caption>{t('projects')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('projects')}</th>
                  <th scope="col">{t('costKr')}</th>
                  <th scope="col">{t('feasible')}</th>
                  <th scope="col">{t('assessment')}</th>
                  <th scope="col">{t('save')}</th>
                </tr>
              </thead>
              <tbody>
                {detail.data.projects.map((p) => (
                  <ProjectRowEditor
                    key={`${p.id}-${p.cost}-${String(p.feasible)}`}
                    processId={selected}
                    project={p}
                    onSaved={detail.reload}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <NewProject key={selected} processId={selected} onAdded={detail.reload} />
          <p>
            <label htmlFor="pt-paper">{t('paper')}</label>{' '}
            <input id="pt-paper" type="file" accept=".csv,text/csv" onChange={(e) => void paper(e.target.files?.[0])} />
          </p>
        </>
      ) : null}
      <NewProcess
        onCreated={(id) => {
          processes.reload();
          setSelected(id);
        }}
      />
    </section>
  );
}
