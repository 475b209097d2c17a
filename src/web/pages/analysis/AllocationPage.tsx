/** Analys › Fördelning: the allocation scenario editor (table, map, difference from planned money) and saved scenarios side by side. */
import { useMemo, useState, type ReactNode } from 'react';
import { Link } from '../../router.tsx';
import { ApiError, getJson, sendJson, useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { analysisStrings } from '../../i18n/analysis.ts';
import { WithData, ErrorMessage, Loading } from '../../shell/Status.tsx';
import { ChoroplethMap, type MapDatum } from '../../components/ChoroplethMap.tsx';
import { DataTable, TableTwin, type Column } from '../../components/DataTable.tsx';
import { SourceNote } from '../../components/SourceNote.tsx';
import { formatNumber } from '../../components/format.ts';
import { parseMnkr } from '../../../core/money.ts';
import {
  AREA_TYPES,
  MethodNote,
  divisionName,
  kronor,
  mnkr,
  type AreaShape,
  type AreaType,
  type Options,
} from './shared.tsx';

interface Line {
  code: string;
  name: string;
  population: number;
  type: AreaType | null;
  score: number | null;
  needWeight: number;
  weightShare: number;
  amountSek: string;
  bound: 'floor' | 'cap' | null;
  lastSek: string | null;
  plannedSek: string;
  differenceSek: string;
}

interface Allocation {
  period: string;
  totalSek: string;
  lines: Line[];
  withoutNeedIndex: string[];
  planned: { year: number; inAreasSek: string; cityWideSek: string; unattributedSek: string };
  sources: string[];
}

interface Scenario extends Allocation {
  id: number;
  name: string;
  createdBy: string | null;
  createdAt: string;
}

interface Form {
  division: string;
  sum: string;
  year: string;
  floor: string;
  cap: string;
  weights: Record<AreaType, string>;
  transition: boolean;
  formulaPercent: string;
  baseYear: string;
  /** '' = money planned in baseYear; else the id of a saved scenario. */
  baseScenario: string;
}

const num = (s: string) => Number(s.replace(',', '.').replace(/\s/g, ''));

function toBody(f: Form): { body: Record<string, unknown> } | { error: string } {
  try {
    const total = parseMnkr(f.sum);
    const floor = f.floor.trim() ? parseMnkr(f.floor) : null;
    const cap = f.cap.trim() ? parseMnkr(f.cap) : null;
    const typeWeights = Object.fromEntries(AREA_TYPES.map((t) => [t, num(f.weights[t])]));
    if (Object.values(typeWeights).some((w) => !Number.isFinite(w) || w < 0)) return { error: 'weights' };
    const year = Number(f.year);
    return {
      body: {
        division: f.division,
        totalSek: total.toString(),
        year,
        typeWeights,
        floorSek: floor === null ? null : floor.toString(),
        capSek: cap === null ? null : cap.toString(),
        transition: f.transition
          ? {
              formulaPercent: num(f.formulaPercent),
              base: f.baseScenario
                ? { kind: 'scenario', id: Number(f.baseScenario) }
                : { kind: 'planned', year: Number(f.baseYear) },
            }
          : null,
      },
    };
  } catch {
    return { error: 'money' };
  }
}

function Result({ result, division }: { result: Allocation; division: string }): ReactNode {
  const { t, lang } = useI18n(analysisStrings);
  const shapes = useApi<{ areas: AreaShape[] }>(
    division === 'deso' ? null : `/analysis/areas/${encodeURIComponent(division)}`,
  );
  const typeLabel = (ty: AreaType | null) => (ty ? t(`type_${ty}` as 'type_mixed') : '–');
  const perRes = (l: Line) => (l.population > 0 ? Number(BigInt(l.amountSek)) / l.population : null);
  const columns: Column<Line>[] = [
    { key: 'name', header: t('area'), value: (r) => r.name, rowHeader: true },
    {
      key: 'type',
      header: t('type'),
      value: (r) => (r.type ? AREA_TYPES.indexOf(r.type) + 1 : null),
      render: (r) => typeLabel(r.type),
    },
    {
      key: 'pop',
      header: t('population'),
      value: (r) => r.population,
      render: (r) => formatNumber(r.population, lang),
      align: 'right',
    },
    {
      key: 'w',
      header: t('needWeight'),
      value: (r) => r.needWeight,
      render: (r) => formatNumber(r.needWeight, lang, 2),
      align: 'right',
    },
    {
      key: 'amount',
      header: t('amount'),
      value: (r) => BigInt(r.amountSek),
      render: (r) => kronor(r.amountSek, lang),
      align: 'right',
    },
    { key: 'mnkr', header: t('amountMnkr'), value: (r) => mnkr(r.amountSek, lang, 2), align: 'right' },
    {
      key: 'per',
      header: t('perResident'),
      value: (r) => perRes(r),
      render: (r) => formatNumber(perRes(r), lang),
      align: 'right',
    },
    { key: 'bound', header: t('bound'), value: (r) => (r.bound ? t(r.bound) : '') },
    {
      key: 'planned',
      header: t('planned'),
      value: (r) => BigInt(r.plannedSek),
      render: (r) => kronor(r.plannedSek, lang),
      align: 'right',
    },
    {
      key: 'diff',
      header: t('difference'),
      value: (r) => BigInt(r.differenceSek),
      render: (r) => kronor(r.differenceSek, lang),
      align: 'right',
    },
  ];
  const sum = result.lines.reduce((s, l) => s + BigInt(l.amountSek), 0n);
  const summary = t('allocSummary', {
    total: mnkr(result.totalSek, lang),
    n: result.lines.length,
    sum: kronor(sum, lang),
  });
  const mapData: MapDatum[] = useMemo(
    () =>
      (shapes.data?.areas ?? []).map((s) => {
        const l = result.lines.find((x) => x.code === s.code);
        const v = l && l.population > 0 ? Number(BigInt(l.amountSek)) / l.population : null;
        return { code: s.code, name: s.name, value: v, status: v === null ? 'missing' : 'final', geometry: s.geometry };
      }),
    [shapes.data, result.lines],
  );
  return (
    <section aria-labelledby="an-result">
      <h2 id="an-result">{t('resultTitle')}</h2>
      <MethodNote text={t('allocMethod')} anchor="allocation-scenarios" />
      <p data-sum={sum.toString()}>{summary}</p>
      <p>
        {t('plannedNote', {
          year: result.planned.year,
          inAreas: mnkr(result.planned.inAreasSek, lang),
          cityWide: mnkr(result.planned.cityWideSek, lang),
          unattributed: mnkr(result.planned.unattributedSek, lang),
        })}
      </p>
      {result.withoutNeedIndex.length ? <p>{t('withoutIndex', { list: result.withoutNeedIndex.join(', ') })}</p> : null}
      {shapes.data ? (
        <TableTwin
          lang={lang}
          title={t('resultTitle')}
          summary={t('allocMapMethod')}
          chart={<ChoroplethMap data={mapData} title={t('allocMapTitle')} unit="kr" lang={lang} decimals={0} />}
          columns={columns}
          rows={result.lines}
          rowKey={(r) => r.code}
          filename={`allocation-${division}`}
          kind="map"
          initial="table"
          footer={
            <SourceNote
              lang={lang}
              sources={result.sources.map((s) => ({ source: s, period: result.period }))}
              inline
            />
          }
        />
      ) : (
        <>
          <DataTable
            caption={t('resultTitle')}
            captionHidden
            columns={columns}
            rows={result.lines}
            rowKey={(r) => r.code}
            lang={lang}
          />
          <SourceNote lang={lang} sources={result.sources.map((s) => ({ source: s, period: result.period }))} />
        </>
      )}
    </section>
  );
}

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
  const field = (
    id: string,
    label: string,
    value: string,
    onChange: (v: string) => void,
    extra: { inputMode?: 'decimal' | 'numeric' } = { inputMode: 'decimal' },
  ) => (
    <div className="fp-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} value={value} inputMode={extra.inputMode} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
  return (
    <>
      <form
        className="an-alloc-form"
        onSubmit={(e) => {
          e.preventDefault();
          void compute();
        }}
      >
        <div className="fp-controls">
          <div className="fp-field">
            <label htmlFor="an-alloc-div">{t('division')}</label>
            <select id="an-alloc-div" value={form.division} onChange={(e) => set({ division: e.target.value })}>
              {options.divisions
                .filter((d) => d.level > 0 && d.level < 9)
                .map((d) => (
                  <option key={d.id} value={d.id}>
                    {divisionName(d, lang)}
                  </option>
                ))}
            </select>
          </div>
          {field('an-sum', t('sumMnkr'), form.sum, (v) => set({ sum: v }))}
          {field('an-year', t('year'), form.year, (v) => set({ year: v }), { inputMode: 'numeric' })}
          {field('an-floor', t('floorMnkr'), form.floor, (v) => set({ floor: v }))}
          {field('an-cap', t('capMnkr'), form.cap, (v) => set({ cap: v }))}
        </div>
        <fieldset>
          <legend>{t('typeWeights')}</legend>
          <div className="fp-controls">
            {AREA_TYPES.map((ty) =>
              field(`an-tw-${ty}`, t(`type_${ty}` as 'type_mixed'), form.weights[ty], (v) =>
                set({ weights: { ...form.weights, [ty]: v } }),
              ),
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('transition')}</legend>
          <div className="an-check">
            <input
              id="an-tr"
              type="checkbox"
              checked={form.transition}
              onChange={(e) => set({ transition: e.target.checked })}
            />
            <label htmlFor="an-tr">{t('transition')}</label>
          </div>
          {form.transition ? (
            <div className="fp-controls">
              {field('an-fp', t('formulaPercent'), form.formulaPercent, (v) => set({ formulaPercent: v }))}
              <div className="fp-field">
                <label htmlFor="an-base">{t('baseFrom')}</label>
                <select id="an-base" value={form.baseScenario} onChange={(e) => set({ baseScenario: e.target.value })}>
                  <option value="">{t('basePlanned')}</option>
                  {(saved.data?.scenarios ?? []).map((sc) => (
                    <option key={sc.id} value={String(sc.id)}>
                      {t('baseScenario', { name: sc.name })}
                    </option>
                  ))}
                </select>
              </div>
              {form.baseScenario
                ? null
                : field('an-by', t('baseYear'), form.baseYear, (v) => set({ baseYear: v }), { inputMode: 'numeric' })}
            </div>
          ) : (
            <p className="fp-muted">{t('transitionNone')}</p>
          )}
        </fieldset>
        <button type="submit" disabled={busy}>
          {t('compute')}
        </button>
      </form>
      {error ? <ErrorMessage error={error} /> : null}
      {busy ? <Loading /> : null}
      {result ? (
        <>
          <Result result={result.data} division={result.division} />
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
