/** The participation screens: Delta (home), proposals, a budget process, voting, results, who takes part, staff. */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { getJson, sendJson, useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { participationStrings } from '../../i18n/participation.ts';
import { Link, useRoute } from '../../router.tsx';
import { WithData } from '../../shell/Status.tsx';
import { ProcessPicker } from './ProcessPicker.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { useSession } from '../auth/session.ts';
import { formatKronor, formatPercent, ratio } from '../../../core/money.ts';
import { CommitteeAnswers, DialogueForm, DialogueList, FollowUp } from './staff.tsx';
import {
  PROPOSAL_DIVISION,
  supporterKey,
  type Process,
  type Project,
  type Proposal,
  type Results,
  type TakingPart,
  type TakingPartByType,
} from './model.ts';
import { analysisStrings } from '../../i18n/analysis.ts';

const useT = () => useI18n(participationStrings);
type T = ReturnType<typeof useT>['t'];

function kr(value: string, lang: 'sv' | 'en'): string {
  return formatKronor(BigInt(value), lang);
}

function Notice({ children, kind = 'status' }: { children: ReactNode; kind?: 'status' | 'alert' }) {
  return (
    <div role={kind} className={kind === 'alert' ? 'error' : 'notice'}>
      {children}
    </div>
  );
}

function PublishedNote({ t }: { t: T }) {
  return (
    <aside className="notice" aria-labelledby="pt-published">
      <h2 id="pt-published">{t('published')}</h2>
      <p>{t('publishedText')}</p>
    </aside>
  );
}

function withLang(href: string, lang: 'sv' | 'en'): string {
  return lang === 'en' ? `${href}${href.includes('?') ? '&' : '?'}lang=en` : href;
}

// ------------------------------------------------------------------------------------ home

export function HomePage() {
  const { t, lang } = useT();
  const processes = useApi<{ items: Process[] }>('/participation/processes');
  const proposals = useApi<{ items: Proposal[] }>('/participation/proposals');
  return (
    <div className="pt-page">
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <PublishedNote t={t} />

      <section aria-labelledby="pt-budgets">
        <h2 id="pt-budgets">{t('budgets')}</h2>
        <WithData state={processes}>
          {(d) =>
            d.items.length === 0 ? (
              <p>{t('noBudgets')}</p>
            ) : (
              <ul className="pt-list">
                {d.items.map((p) => (
                  <li key={p.id}>
                    <Link href={withLang(`/delta/budget/${p.id}`, lang)}>{p.name}</Link> – {p.areaName ?? p.area},{' '}
                    {t(`phase_${p.phase}`)}
                  </li>
                ))}
              </ul>
            )
          }
        </WithData>
      </section>

      <section aria-labelledby="pt-proposals">
        <h2 id="pt-proposals">{t('proposals')}</h2>
        <p>
          <Link href={withLang('/delta/forslag/nytt', lang)} className="pt-button">
            {t('newProposal')}
          </Link>
        </p>
        <WithData state={proposals}>
          {(d) =>
            d.items.length === 0 ? (
              <p>{t('noProposals')}</p>
            ) : (
              <ul className="pt-list" data-testid="pt-proposal-list">
                {d.items.map((p) => (
                  <li key={p.id}>
                    <Link href={withLang(`/delta/forslag/${p.id}`, lang)}>{p.title}</Link> – {p.areaName ?? p.area}.{' '}
                    {t(`status_${p.status}`)},{' '}
                    {p.supportsNeeded !== null
                      ? t('supportsOf', { n: p.supports, needed: p.supportsNeeded })
                      : t('supports', { n: p.supports })}
                  </li>
                ))}
              </ul>
            )
          }
        </WithData>
      </section>

      <DialogueList />
      <p>
        <Link href={withLang('/delta/vem', lang)}>{t('takingPart')}</Link> ·{' '}
        <Link href={withLang('/delta/personal', lang)}>{t('staff')}</Link>
      </p>
    </div>
  );
}

// ------------------------------------------------------------------------------------ proposals

export function NewProposalPage() {
  const { t, lang } = useT();
  const areas = useApi<{ areas: { code: string; name: string }[] }>(`/areas?division=${PROPOSAL_DIVISION}`);
  const goals = useApi<{ goalAreas: { id: string; title: { sv: string; en: string } }[] }>('/goals');
  const [area, setArea] = useState('');
  const [goalArea, setGoalArea] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [contact, setContact] = useState('');
  const [similar, setSimilar] = useState<{ id: string; title: string; supports: number }[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const text = `${title} ${body}`.trim();
    if (text.length < 4) {
      setSimilar([]);
      return;
    }
    const timer = setTimeout(() => {
      getJson<{ items: { id: string; title: string; supports: number }[] }>(
        `/participation/proposals/similar?q=${encodeURIComponent(text)}`,
      )
        .then((r) => setSimilar(r.items))
        .catch(() => setSimilar([]));
    }, 300);
    return () => clearTimeout(timer);
  }, [title, body]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const r = await sendJson<{ id: string }>('POST', '/participation/proposals', {
        area: `${PROPOSAL_DIVISION}:${area}`,
        title,
        body,
        goalArea: goalArea || null,
        contact: contact || null,
      });
      setDone(r.id);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <div className="pt-page">
      <p>
        <Link href={withLang('/delta', lang)}>{t('back')}</Link>
      </p>
      <h1>{t('newProposal')}</h1>
      <PublishedNote t={t} />
      {done ? (
        <Notice>
          <p data-testid="pt-thanks">{t('thanks')}</p>
        </Notice>
      ) : (
        <form onSubmit={submit} className="pt-form">
          <label htmlFor="pt-area">{t('area')}</label>
          <WithData state={areas}>
            {(d) => (
              <select id="pt-area" required value={area} onChange={(e) => setArea(e.target.value)}>
                <option value="">{t('chooseArea')}</option>
                {d.areas.map((a) => (
                  <option key={a.code} value={a.code}>
                    {a.name}
                  </option>
                ))}
              </select>
            )}
          </WithData>
          <label htmlFor="pt-goal-area">{t('goalArea')}</label>
          <select id="pt-goal-area" value={goalArea} onChange={(e) => setGoalArea(e.target.value)}>
            <option value="">{t('noGoalArea')}</option>
            {(goals.data?.goalAreas ?? []).map((g) => (
              <option key={g.id} value={g.id}>
                {g.title[lang]}
              </option>
            ))}
          </select>
          <label htmlFor="pt-title">{t('proposalTitle')}</label>
          <input
            id="pt-title"
            required
            minLength={3}
            maxLength={200}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
          <label htmlFor="pt-body">{t('proposalBody')}</label>
          <textarea
            id="pt-body"
            required
            minLength={10}
            maxLength={5000}
            rows={6}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
          {similar.length > 0 ? (
            <section aria-live="polite" aria-labelledby="pt-similar" className="notice" data-testid="pt-similar">
              <h2 id="pt-similar">{t('similar')}</h2>
              <p>{t('similarHelp')}</p>
              <ul>
                {similar.map((s) => (
                  <li key={s.id}>
                    <Link href={withLang(`/delta/forslag/${s.id}`, lang)}>{s.title}</Link> (
                    {t('supports', { n: s.supports })})
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <label htmlFor="pt-contact">{t('contact')}</label>
          <input
            id="pt-contact"
            type="email"
            maxLength={300}
            aria-describedby="pt-contact-help"
            value={contact}
            onChange={(e) => setContact(e.target.value)}
          />
          <p id="pt-contact-help" className="pt-help">
            {t('contactHelp')}
          </p>
          {error ? <Notice kind="alert">{t('error', { message: error })}</Notice> : null}
          <button type="submit">{t('send')}</button>
        </form>
      )}
    </div>
  );
}

export function ProposalPage() {
  const { t, lang } = useT();
  const { params } = useRoute();
  const state = useApi<Proposal>(`/participation/proposals/${encodeURIComponent(params['id'] ?? '')}`);
  const [message, setMessage] = useState<{ text: string; kind: 'status' | 'alert' } | null>(null);

  async function support(id: string) {
    try {
      await sendJson('POST', `/participation/proposals/${id}/support`, { supporterKey: supporterKey() });
      setMessage({ text: t('supported'), kind: 'status' });
      state.reload();
    } catch (err) {
      setMessage({ text: t('error', { message: (err as Error).message }), kind: 'alert' });
    }
  }

  return (
    <div className="pt-page">
      <p>
        <Link href={withLang('/delta', lang)}>{t('back')}</Link>
      </p>
      <WithData state={state}>
        {(p) => (
          <article>
            <h1>{p.title}</h1>
            <p>
              {t('area')}: {p.areaName ?? p.area}. {t(`status_${p.status}`)}.
            </p>
            <p className="pt-body">{p.body}</p>
            <p data-testid="pt-supports">
              {p.supportsNeeded !== null
                ? t('supportsOf', { n: p.supports, needed: p.supportsNeeded })
                : t('supports', { n: p.supports })}
            </p>
            {p.status === 'published' && p.supportUntil ? <p>{t('supportUntil', { date: p.supportUntil })}</p> : null}
            {p.status === 'published' ? (
              <button type="button" onClick={() => void support(p.id)}>
                {t('support')}
              </button>
            ) : null}
            {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
            {p.committeeAnswer ? (
              <section aria-labelledby="pt-answer">
                <h2 id="pt-answer">{t('answer')}</h2>
                <p>
                  <strong>
                    {p.committeeDecision
                      ? t(`decision_${p.committeeDecision as 'approved' | 'partly_approved' | 'rejected'}`)
                      : ''}
                  </strong>{' '}
                  {p.answeredOn}
                </p>
                <p>{p.committeeAnswer}</p>
              </section>
            ) : null}
            {p.interventions && p.interventions.length > 0 ? (
              <section aria-labelledby="pt-led-to">
                <h2 id="pt-led-to">{t('linkedInterventions')}</h2>
                <ul className="pt-list" data-testid="pt-led-to">
                  {p.interventions.map((iv) => (
                    <li key={iv}>
                      <Link href={withLang(`/insatser/${encodeURIComponent(iv)}`, lang)}>{iv}</Link>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
          </article>
        )}
      </WithData>
    </div>
  );
}

// ------------------------------------------------------------------------------------ budgeting

function VoteForm({ process, projects, onVoted }: { process: Process; projects: Project[]; onVoted: () => void }) {
  const { t, lang } = useT();
  const [code, setCode] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const votable = projects.filter((p) => p.feasible === true);
  const cost = votable.filter((p) => chosen.includes(p.id)).reduce((s, p) => s + BigInt(p.cost), 0n);
  const over = process.knapsack && cost > BigInt(process.budget);
  const tooMany = process.maxChoices !== null && chosen.length > process.maxChoices;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await sendJson('POST', `/participation/processes/${process.id}/ballots`, { code, choices: chosen });
      onVoted();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <form onSubmit={submit} className="pt-form" aria-labelledby="pt-vote">
      <h2 id="pt-vote">{t('vote')}</h2>
      <label htmlFor="pt-code">{t('code')}</label>
      <input
        id="pt-code"
        required
        autoComplete="off"
        aria-describedby="pt-code-help"
        value={code}
        onChange={(e) => setCode(e.target.value)}
      />
      <p id="pt-code-help" className="pt-help">
        {t('codeHelp')}
      </p>
      <fieldset>
        <legend>{t('choose')}</legend>
        {process.maxChoices !== null ? <p>{t('maxChoices', { n: process.maxChoices })}</p> : null}
        {votable.map((p) => (
          <div key={p.id} className="pt-choice">
            <input
              type="checkbox"
              id={`pt-choice-${p.id}`}
              checked={chosen.includes(p.id)}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, p.id] : chosen.filter((x) => x !== p.id))}
            />
            <label htmlFor={`pt-choice-${p.id}`}>
              {p.title} ({kr(p.cost, lang)})
            </label>
          </div>
        ))}
      </fieldset>
      <p aria-live="polite">{t('chosenCost', { cost: kr(cost.toString(), lang), budget: kr(process.budget, lang) })}</p>
      {over ? <Notice kind="alert">{t('overBudget')}</Notice> : null}
      {error ? <Notice kind="alert">{t('error', { message: error })}</Notice> : null}
      <button type="submit" disabled={over || tooMany}>
        {t('sendVote')}
      </button>
    </form>
  );
}

export function ProcessPage() {
  const { t, lang } = useT();
  const { params } = useRoute();
  const id = params['id'] ?? '';
  const state = useApi<{ process: Process; projects: Project[] }>(`/participation/processes/${encodeURIComponent(id)}`);
  const [voted, setVoted] = useState(false);
  return (
    <div className="pt-page">
      <p>
        <Link href={withLang('/delta', lang)}>{t('back')}</Link>
      </p>
      <WithData state={state}>
        {({ process, projects }) => (
          <>
            <h1>{process.name}</h1>
            <p>
              {t('area')}: {process.areaName ?? process.area}. {t('budget')}: {kr(process.budget, lang)}. {t('phase')}:{' '}
              {t(`phase_${process.phase}`)}.
            </p>
            {process.description ? <p>{process.description}</p> : null}
            <h2>{t('rule')}</h2>
            <p>{t(`rule_${process.rule}`)}</p>
            <PublishedNote t={t} />
            {process.phase === 'results' || process.phase === 'follow_up' ? (
              <p>
                <Link href={withLang(`/delta/budget/${process.id}/resultat`, lang)}>{t('seeResults')}</Link>
              </p>
            ) : null}
            {process.phase === 'voting' ? (
              voted ? (
                <Notice>
                  <p data-testid="pt-voted">{t('voted')}</p>
                </Notice>
              ) : (
                <VoteForm process={process} projects={projects} onVoted={() => setVoted(true)} />
              )
            ) : (
              <section aria-labelledby="pt-projects">
                <h2 id="pt-projects">{t('projects')}</h2>
                <ul className="pt-list">
                  {projects.map((p) => (
                    <li key={p.id}>
                      <strong>{p.title}</strong> ({kr(p.cost, lang)})
                      {p.feasible === false ? ` – ${t('notFeasible')}: ${p.assessment}` : ''}
                      {p.followUp ? <p>{p.followUp}</p> : null}
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </>
        )}
      </WithData>
    </div>
  );
}

export function ResultsPage() {
  const { t, lang } = useT();
  const { params } = useRoute();
  const id = params['id'] ?? '';
  const state = useApi<Results>(`/participation/processes/${encodeURIComponent(id)}/results`);
  return (
    <div className="pt-page">
      <p>
        <Link href={withLang(`/delta/budget/${id}`, lang)}>{t('back')}</Link>
      </p>
      <WithData state={state}>
        {(r) => {
          const title = new Map(r.projects.map((p) => [p.id, p.title]));
          const budget = BigInt(r.budget);
          const used = BigInt(r.totalCost);
          return (
            <>
              <h1>
                {t('results')}: {r.process.name}
              </h1>
              <h2>{t('rule')}</h2>
              <p data-testid="pt-rule" data-rule={r.rule}>
                {t(`rule_${r.rule}`)}
              </p>
              <dl className="pt-facts">
                <div>
                  <dt>{t('ballots')}</dt>
                  <dd data-testid="pt-ballots">{t('ballotsText', { n: r.ballots, paper: r.paperBallots })}</dd>
                </div>
                <div>
                  <dt>{t('moneyUsed')}</dt>
                  <dd data-testid="pt-money">
                    {t('moneyUsedText', {
                      used: kr(r.totalCost, lang),
                      budget: kr(r.budget, lang),
                      share: budget > 0n ? formatPercent(ratio(used, budget), lang, 0) : '–',
                      left: kr(r.left, lang),
                    })}
                  </dd>
                </div>
              </dl>
              <h2>{t('winners')}</h2>
              <ol data-testid="pt-winners">
                {r.order.map((pid) => (
                  <li key={pid} data-project={pid}>
                    {title.get(pid) ?? pid}
                  </li>
                ))}
              </ol>
              <div className="fp-table-wrap" tabIndex={0} role="region" aria-label={t('votesPerProject')}>
                <table className="fp-table" id="pt-votes">
                  <caption>{t('votesPerProject')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('projects')}</th>
                      <th scope="col" className="fp-num">
                        {t('votes')}
                      </th>
                      <th scope="col" className="fp-num">
                        {t('cost')}
                      </th>
                      <th scope="col">{t('selected')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.projects.map((p) => (
                      <tr key={p.id} data-project={p.id}>
                        <th scope="row">{p.title}</th>
                        <td className="fp-num" data-votes={p.votes}>
                          {p.votes}
                        </td>
                        <td className="fp-num">{kr(p.cost, lang)}</td>
                        <td>{p.selected ? t('yes') : t('no')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p>
                <a href={`/api/v1/participation/processes/${encodeURIComponent(id)}/export.pb`}>{t('recount')}</a>
              </p>
            </>
          );
        }}
      </WithData>
    </div>
  );
}

// ------------------------------------------------------------------------------------ who takes part

export function TakingPartPage() {
  const { t, lang } = useT();
  const typeName = (type: string | null): string =>
    type ? ((analysisStrings[lang] as Record<string, string>)[`type_${type}`] ?? type) : t('noData');
  const state = useApi<{ items: TakingPart[]; byNeedType: TakingPartByType[] }>('/participation/taking-part');
  const perThousand = (n: number, population: number | null): string =>
    population
      ? ((n * 1000) / population).toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 })
      : t('noData');
  const num = (header: string, key: string, value: (r: TakingPart) => number | null): Column<TakingPart> => ({
    key,
    header,
    value,
    align: 'right',
  });
  const areaColumns: Column<TakingPart>[] = [
    { key: 'area', header: t('area'), value: (r) => r.areaName ?? r.area, rowHeader: true },
    num(t('ballots'), 'ballots', (r) => r.ballots),
    num(t('participants'), 'participants', (r) => r.dialogueParticipants),
    num(t('proposals'), 'proposals', (r) => r.proposals),
    {
      key: 'population',
      header: t('population'),
      value: (r) => r.population,
      render: (r) => r.population ?? t('noData'),
      align: 'right',
    },
    {
      key: 'perThousand',
      header: t('perThousand'),
      value: (r) => (r.population ? (r.ballots * 1000) / r.population : null),
      render: (r) => perThousand(r.ballots, r.population),
      align: 'right',
    },
    { key: 'needType', header: t('needType'), value: (r) => typeName(r.needType) },
  ];
  const typeColumns: Column<TakingPartByType>[] = [
    { key: 'type', header: t('needType'), value: (g) => typeName(g.type), rowHeader: true },
    { key: 'areas', header: t('areasCount'), value: (g) => g.areas, align: 'right' },
    { key: 'population', header: t('population'), value: (g) => g.population, align: 'right' },
    { key: 'ballots', header: t('ballots'), value: (g) => g.ballots, align: 'right' },
    { key: 'participants', header: t('participants'), value: (g) => g.dialogueParticipants, align: 'right' },
    {
      key: 'perThousand',
      header: t('perThousand'),
      value: (g) => (g.population ? (g.ballots * 1000) / g.population : null),
      render: (g) => perThousand(g.ballots, g.population),
      align: 'right',
    },
  ];
  return (
    <div className="pt-page">
      <p>
        <Link href={withLang('/delta', lang)}>{t('back')}</Link>
      </p>
      <h1>{t('takingPart')}</h1>
      <p>{t('takingPartIntro')}</p>
      <WithData state={state}>
        {(d) => (
          <>
            <DataTable
              caption={t('takingPart')}
              captionHidden
              id="pt-taking-part"
              lang={lang}
              rows={d.items}
              rowKey={(r) => r.area}
              columns={areaColumns}
            />
            {d.byNeedType.length ? (
              <>
                <h2>{t('byNeedType')}</h2>
                <p>{t('byNeedTypeIntro')}</p>
                <DataTable
                  caption={t('byNeedType')}
                  captionHidden
                  id="pt-taking-part-by-type"
                  lang={lang}
                  rows={d.byNeedType}
                  rowKey={(g) => g.type}
                  columns={typeColumns}
                />
              </>
            ) : null}
          </>
        )}
      </WithData>
    </div>
  );
}

// ------------------------------------------------------------------------------------ staff

function Moderation() {
  const { t } = useT();
  const state = useApi<{ items: Proposal[] }>('/participation/staff/proposals?status=submitted');
  const [error, setError] = useState<string | null>(null);
  async function act(id: string, action: 'publish' | 'reject') {
    try {
      await sendJson('POST', `/participation/proposals/${id}/moderate`, { action });
      state.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <section aria-labelledby="pt-moderation">
      <h2 id="pt-moderation">{t('moderation')}</h2>
      {error ? <Notice kind="alert">{t('error', { message: error })}</Notice> : null}
      <WithData state={state}>
        {(d) =>
          d.items.length === 0 ? (
            <p>{t('nothingToModerate')}</p>
          ) : (
            <ul className="pt-list">
              {d.items.map((p) => (
                <li key={p.id}>
                  <strong>{p.title}</strong> ({p.areaName ?? p.area}): {p.body}{' '}
                  <button type="button" onClick={() => void act(p.id, 'publish')}>
                    {t('publish')}
                  </button>{' '}
                  <button type="button" onClick={() => void act(p.id, 'reject')}>
                    {t('reject')}
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </WithData>
    </section>
  );
}

function Codes() {
  const { t } = useT();
  const processes = useApi<{ items: Process[] }>('/participation/processes');
  const [processId, setProcessId] = useState('');
  const [count, setCount] = useState(10);
  const [codes, setCodes] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  async function generate(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const r = await sendJson<{ codes: string[] }>('POST', `/participation/processes/${processId}/codes`, { count });
      setCodes(r.codes);
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <section aria-labelledby="pt-codes">
      <h2 id="pt-codes">{t('codes')}</h2>
      <WithData state={processes}>
        {(d) => (
          <form onSubmit={generate} className="pt-form">
            <label htmlFor="pt-code-process">{t('process')}</label>
            <select id="pt-code-process" required value={processId} onChange={(e) => setProcessId(e.target.value)}>
              <option value="" />
              {d.items.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            <label htmlFor="pt-code-count">{t('count')}</label>
            <input
              id="pt-code-count"
              type="number"
              min={1}
              max={5000}
              value={count}
              onChange={(e) => setCount(Number(e.target.value))}
            />
            <button type="submit">{t('generate')}</button>
          </form>
        )}
      </WithData>
      {error ? <Notice kind="alert">{t('error', { message: error })}</Notice> : null}
      {codes.length > 0 ? (
        <>
          <Notice>{t('codesCreated')}</Notice>
          <button type="button" onClick={() => window.print()}>
            {t('print')}
          </button>
          <ol className="pt-codes">
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

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
      setMsg(t('error', { message: (err as Error).message }));
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

function ProcessAdmin() {
  const { t, lang } = useT();
  const processes = useApi<{ items: Process[] }>('/participation/processes');
  const areas = useApi<{ areas: { code: string; name: string }[] }>(`/areas?division=${PROPOSAL_DIVISION}`);
  const [selected, setSelected] = useState('');
  const detail = useApi<{ process: Process; projects: Project[] }>(
    selected ? `/participation/processes/${selected}` : null,
  );
  const [msg, setMsg] = useState<string | null>(null);
  const [np, setNp] = useState({ id: '', name: '', area: '', budget: '', rule: 'mes-complete', knapsack: false });
  const [proj, setProj] = useState({ id: '', title: '', cost: '' });
  const fail = (err: unknown) => setMsg(t('error', { message: (err as Error).message }));

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
  async function setPhase(phase: string) {
    try {
      await sendJson('POST', `/participation/processes/${selected}/phase`, { phase });
      detail.reload();
      processes.reload();
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
          <p>
            <label htmlFor="pt-admin-phase">{t('phase')}</label>{' '}
            <select
              id="pt-admin-phase"
              value={detail.data.process.phase}
              onChange={(e) => void setPhase(e.target.value)}
            >
              {(['ideas', 'assessment', 'voting', 'results', 'follow_up'] as const).map((ph) => (
                <option key={ph} value={ph}>
                  {t(`phase_${ph}`)}
                </option>
              ))}
            </select>{' '}
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
          <option value="mes-complete">mes-complete</option>
          <option value="mes">mes</option>
          <option value="greedy">greedy</option>
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

export function StaffPage() {
  const { t, lang } = useT();
  const session = useSession();
  return (
    <div className="pt-page">
      <p>
        <Link href={withLang('/delta', lang)}>{t('back')}</Link>
      </p>
      <h1>{t('staff')}</h1>
      <WithData state={session}>
        {(me) =>
          me.permissions.includes('participation:moderate') || me.permissions.includes('participation:manage') ? (
            <>
              <Moderation />
              {me.permissions.includes('participation:manage') ? (
                <>
                  <CommitteeAnswers />
                  <DialogueForm />
                </>
              ) : null}
              <Codes />
              <ProcessAdmin />
              {me.permissions.includes('participation:manage') ? <FollowUp /> : null}
            </>
          ) : (
            <p>
              <Link href={`/logga-in?next=${encodeURIComponent('/delta/personal')}`}>{t('signInFirst')}</Link>
            </p>
          )
        }
      </WithData>
    </div>
  );
}
