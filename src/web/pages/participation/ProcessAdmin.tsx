/** Staff: create a process, add and assess projects, move it through its phases, enter paper ballots. */
import { useState, type FormEvent } from 'react';
import { sendJson, useApi } from '../../api.ts';
import { Link } from '../../router.tsx';
import type { ProcessDetail, ProcessSummary, Project } from '../../../core/contracts/participation.ts';
import { ProcessPicker } from './ProcessPicker.tsx';
import { PhaseControl } from './PhaseControl.tsx';
import { errorText, Notice, PROPOSAL_DIVISION, ruleName, useT, withLang } from './shared.tsx';

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
  const [cost, setCost] = useState(project.cost);
  const [feasible, setFeasible] = useState(project.feasible === true);
  const [assessment, setAssessment] = useState(project.assessment);
  const [msg, setMsg] = useState<string | null>(null);
  async function save() {
    try {
      await sendJson('PUT', `/participation/processes/${processId}/projects/${project.id}`, {
        title: project.title,
        cost,
        feasible,
        assessment,
      });
      setMsg(t('saved'));
      onSaved();
    } catch (err) {
      setMsg(errorText(err, t));
    }
  }
  return (
    <tr>
      <th scope="row">{project.title}</th>
      <td>
        <input
          aria-label={`${t('costKr')}: ${project.title}`}
          inputMode="numeric"
          value={cost}
          onChange={(e) => setCost(e.target.value)}
          size={9}
        />
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`${t('feasible')}: ${project.title}`}
          checked={feasible}
          onChange={(e) => setFeasible(e.target.checked)}
        />
      </td>
      <td>
        <input
          aria-label={`${t('assessment')}: ${project.title}`}
          value={assessment}
          onChange={(e) => setAssessment(e.target.value)}
        />
      </td>
      <td>
        <button type="button" onClick={() => void save()}>
          {t('save')}
        </button>{' '}
        <span role="status">{msg}</span>
      </td>
    </tr>
  );
}

export function ProcessAdmin() {
  const { t, lang } = useT();
  const processes = useApi<{ items: ProcessSummary[] }>('/participation/processes');
  const areas = useApi<{ areas: { code: string; name: string }[] }>(`/areas?division=${PROPOSAL_DIVISION}`);
  const [selected, setSelected] = useState('');
  const detail = useApi<ProcessDetail>(selected ? `/participation/processes/${selected}` : null);
  const [msg, setMsg] = useState<string | null>(null);
  const [np, setNp] = useState({ id: '', name: '', area: '', budget: '', rule: 'mes-complete', knapsack: false });
  const [proj, setProj] = useState({ id: '', title: '', cost: '' });
  const fail = (err: unknown) => setMsg(errorText(err, t));

  async function createProcess(e: FormEvent) {
    e.preventDefault();
    try {
      await sendJson('POST', '/participation/processes', {
        id: np.id,
        name: np.name,
        area: `${PROPOSAL_DIVISION}:${np.area}`,
        budget: np.budget,
        rule: np.rule,
        knapsack: np.knapsack,
      });
      processes.reload();
      setSelected(np.id);
      setMsg(t('saved'));
    } catch (err) {
      fail(err);
    }
  }
  async function addProject(e: FormEvent) {
    e.preventDefault();
    try {
      await sendJson('PUT', `/participation/processes/${selected}/projects/${encodeURIComponent(proj.id)}`, {
        title: proj.title,
        cost: proj.cost,
      });
      setProj({ id: '', title: '', cost: '' });
      detail.reload();
    } catch (err) {
      fail(err);
    }
  }
  async function paper(file: File | undefined) {
    if (!file) return;
    try {
      const r = await sendJson<{ imported: number }>('POST', `/participation/processes/${selected}/paper-ballots`, {
        fileName: file.name,
        content: await file.text(),
      });
      setMsg(t('imported', { n: r.imported }));
    } catch (err) {
      fail(err);
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
          <form onSubmit={addProject} className="pt-form" aria-label={t('addProject')}>
            <label htmlFor="pt-new-project-id">{t('projectId')}</label>
            <input
              id="pt-new-project-id"
              required
              value={proj.id}
              onChange={(e) => setProj({ ...proj, id: e.target.value })}
            />
            <label htmlFor="pt-new-project-title">{t('proposalTitle')}</label>
            <input
              id="pt-new-project-title"
              required
              value={proj.title}
              onChange={(e) => setProj({ ...proj, title: e.target.value })}
            />
            <label htmlFor="pt-new-project-cost">{t('costKr')}</label>
            <input
              id="pt-new-project-cost"
              required
              inputMode="numeric"
              pattern="[0-9]+"
              value={proj.cost}
              onChange={(e) => setProj({ ...proj, cost: e.target.value })}
            />
            <button type="submit">{t('addProject')}</button>
          </form>
          <p>
            <label htmlFor="pt-paper">{t('paper')}</label>{' '}
            <input id="pt-paper" type="file" accept=".csv,text/csv" onChange={(e) => void paper(e.target.files?.[0])} />
          </p>
        </>
      ) : null}
      <form onSubmit={createProcess} className="pt-form" aria-labelledby="pt-new-process">
        <h3 id="pt-new-process">{t('newProcess')}</h3>
        <label htmlFor="pt-np-id">{t('processId')}</label>
        <input
          id="pt-np-id"
          required
          pattern="[a-z0-9-]{2,60}"
          value={np.id}
          onChange={(e) => setNp({ ...np, id: e.target.value })}
        />
        <label htmlFor="pt-np-name">{t('processName')}</label>
        <input id="pt-np-name" required value={np.name} onChange={(e) => setNp({ ...np, name: e.target.value })} />
        <label htmlFor="pt-np-area">{t('area')}</label>
        <select id="pt-np-area" required value={np.area} onChange={(e) => setNp({ ...np, area: e.target.value })}>
          <option value="">{t('chooseArea')}</option>
          {(areas.data?.areas ?? []).map((a) => (
            <option key={a.code} value={a.code}>
              {a.name}
            </option>
          ))}
        </select>
        <label htmlFor="pt-np-budget">{t('budgetKr')}</label>
        <input
          id="pt-np-budget"
          required
          inputMode="numeric"
          pattern="[0-9]+"
          value={np.budget}
          onChange={(e) => setNp({ ...np, budget: e.target.value })}
        />
        <label htmlFor="pt-np-rule">{t('ruleLabel')}</label>
        <select id="pt-np-rule" value={np.rule} onChange={(e) => setNp({ ...np, rule: e.target.value })}>
          {(['mes-complete', 'mes', 'greedy'] as const).map((r) => (
            <option key={r} value={r}>
              {ruleName(t, r)}
            </option>
          ))}
        </select>
        <div className="pt-choice">
          <input
            id="pt-np-knapsack"
            type="checkbox"
            checked={np.knapsack}
            onChange={(e) => setNp({ ...np, knapsack: e.target.checked })}
          />
          <label htmlFor="pt-np-knapsack">{t('knapsack')}</label>
        </div>
        <button type="submit">{t('create')}</button>
      </form>
    </section>
  );
}
