/** Analys › Fördelning: the allocation scenario editor (table, map, difference from planned money) and saved scenarios side by side. */
import { useState, type ReactNode } from 'react';
import { Link } from '../../router.tsx';
import { ApiError, getJson, sendJson, useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { analysisStrings } from '../../i18n/analysis.ts';
import { WithData, ErrorMessage, Loading } from '../../shell/Status.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { AREA_TYPES, MethodNote, kronor, mnkr, type AreaType, type Options } from './shared.tsx';
import { toBody, type Allocation, type Form, type Scenario } from './allocation.ts';
import { AllocationResult } from './AllocationResult.tsx';
import { AllocationForm } from './AllocationForm.tsx';

function Scenarios({ reloadKey }: { reloadKey: number }): ReactNode {
  const { t, lang } = useI18n(analysisStrings);
  const list = useApi<{ scenarios: { id: number; name: string; createdBy: string | null; createdAt: string }[] }>(
    `/analysis/scenarios?r=${reloadKey}`,
  );
  const [selected, setSelected] = useState<number[]>([]);
  const [compared, setCompared] = useState<Scenario[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const compare = async () => {
    setError(null);
    try {
      setCompared(
        (await getJson<{ scenarios: Scenario[] }>(`/analysis/scenarios/compare?ids=${selected.join(',')}`)).scenarios,
      );
    } catch (e) {
      setError(e as Error);
    }
  };
  const remove = async (id: number) => {
    setError(null);
    try {
      await sendJson('DELETE', `/analysis/scenarios/${id}`);
      setSelected(selected.filter((x) => x !== id));
      setCompared(null);
      list.reload();
    } catch (e) {
      setError(e as Error);
    }
  };
  const rows = compared
    ? [...new Set(compared.flatMap((s) => s.lines.map((l) => l.code)))].map((code) => ({
        code,
        name: compared.flatMap((s) => s.lines).find((l) => l.code === code)?.name ?? code,
      }))
    : [];
  type Row = (typeof rows)[number];
  const columns: Column<Row>[] = compared
    ? [
        { key: 'name', header: t('area'), value: (r) => r.name, rowHeader: true },
        ...compared.map((s) => ({
          key: `s${s.id}`,
          header: `${s.name} (${t('amountMnkr')})`,
          value: (r: Row) => mnkr(s.lines.find((l) => l.code === r.code)?.amountSek ?? '0', lang, 2),
          align: 'right' as const,
        })),
        {
          key: 'planned',
          header: t('planned'),
          value: (r) => kronor(compared[0]?.lines.find((l) => l.code === r.code)?.plannedSek ?? '0', lang),
          align: 'right',
        },
      ]
    : [];
  return (
    <section aria-labelledby="an-scenarios">
      <h2 id="an-scenarios">{t('scenarios')}</h2>
      {error ? <ErrorMessage error={error} /> : null}
      <WithData state={list}>
        {(data) =>
          data.scenarios.length === 0 ? (
            <p>{t('noScenarios')}</p>
          ) : (
            <>
              <ul className="an-scenario-list">
                {data.scenarios.map((s) => (
                  <li key={s.id}>
                    <input
                      type="checkbox"
                      id={`an-sc-${s.id}`}
                      checked={selected.includes(s.id)}
                      onChange={(e) =>
                        setSelected(e.target.checked ? [...selected, s.id] : selected.filter((x) => x !== s.id))
                      }
                      aria-label={t('selectScenario', { name: s.name })}
                    />{' '}
                    <label htmlFor={`an-sc-${s.id}`}>{s.name}</label>{' '}
                    <span className="fp-muted">
                      {s.createdBy ? t('createdBy', { who: s.createdBy }) : ''} {s.createdAt.slice(0, 10)}
                    </span>{' '}
                    <button type="button" className="fp-link-button" onClick={() => void remove(s.id)}>
                      {t('delete')} <span className="visually-hidden">{s.name}</span>
                    </button>
                  </li>
                ))}
              </ul>
              <button type="button" disabled={selected.length < 1} onClick={() => void compare()}>
                {t('compareSelected')}
              </button>
            </>
          )
        }
      </WithData>
      {compared ? (
        <>
          <h3>{t('compareTitle')}</h3>
          <MethodNote text={t('compareMethod')} anchor="allocation-scenarios" />
          <DataTable
            caption={t('compareTitle')}
            captionHidden
            columns={columns}
            rows={rows}
            rowKey={(r) => r.code}
            lang={lang}
          />
        </>
      ) : null}
    </section>
  );
}

function Editor({ options }: { options: Options }): ReactNode {
  const { t, lang } = useI18n(analysisStrings);
  const thisYear = new Date().getFullYear();
  // the latest year with planned money in the register (not after this year), else this year
  const year =
    [...options.plannedYears].reverse().find((y) => y <= thisYear) ??
    options.plannedYears[options.plannedYears.length - 1] ??
    thisYear;
  const initialDivision = options.divisions.some((d) => d.id === 'stadsdelsomrade-2023')
    ? 'stadsdelsomrade-2023'
    : (options.divisions[0]?.id ?? 'deso');
  const [form, setForm] = useState<Form>({
    division: initialDivision,
    sum: '100',
    year: String(year),
    floor: '',
    cap: '',
    weights: Object.fromEntries(
      AREA_TYPES.map((ty) => [ty, String(options.need.typeWeights[ty]).replace('.', lang === 'sv' ? ',' : '.')]),
    ) as Record<AreaType, string>,
    transition: false,
    formulaPercent: '70',
    baseYear: String(year - 1),
    baseScenario: '',
  });
  const [result, setResult] = useState<{ data: Allocation; division: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const saved = useApi<{ scenarios: { id: number; name: string }[] }>(`/analysis/scenarios?r=${reloadKey}`);
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const compute = async () => {
    setError(null);
    setMessage(null);
    const b = toBody(form);
    if ('error' in b) {
      setError(new Error(t('invalidMoney')));
      return;
    }
    setBusy(true);
    try {
      setResult({ data: await sendJson<Allocation>('POST', '/analysis/allocation', b.body), division: form.division });
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const save = async () => {
    setError(null);
    setMessage(null);
    const b = toBody(form);
    if ('error' in b || !name.trim()) return;
    try {
      await sendJson('POST', '/analysis/scenarios', { ...b.body, name: name.trim() });
      setMessage(t('saved', { name: name.trim() }));
      setReloadKey((k) => k + 1);
    } catch (e) {
      setError(
        e instanceof ApiError && (e.status === 401 || e.status === 403) ? new Error(t('saveNeedsLogin')) : (e as Error),
      );
    }
  };
  return (
    <>
      <AllocationForm
        options={options}
        form={form}
        set={set}
        scenarios={saved.data?.scenarios ?? []}
        busy={busy}
        onCompute={() => void compute()}
      />
      {error ? <ErrorMessage error={error} /> : null}
      {busy ? <Loading /> : null}
      {result ? (
        <>
          <AllocationResult result={result.data} division={result.division} />
          <form
            className="fp-controls"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <div className="fp-field">
              <label htmlFor="an-name">{t('scenarioName')}</label>
              <input id="an-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
            </div>
            <button type="submit" disabled={!name.trim()}>
              {t('save')}
            </button>
          </form>
          {message ? <p role="status">{message}</p> : null}
        </>
      ) : null}
      <Scenarios reloadKey={reloadKey} />
    </>
  );
}

export function AllocationPage(): ReactNode {
  const { t } = useI18n(analysisStrings);
  const options = useApi<Options>('/analysis/options');
  return (
    <div className="an-page">
      <p>
        <Link href="/analys">{t('backToAnalysis')}</Link>
      </p>
      <h1>{t('allocTitle')}</h1>
      <p className="lead">{t('allocIntro')}</p>
      <WithData state={options}>{(opts) => <Editor options={opts} />}</WithData>
    </div>
  );
}
