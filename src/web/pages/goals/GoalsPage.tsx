/** Mål: the tree goal area → strategy → target with status badges and counts per goal area. */
import type { ReactNode } from 'react';
import { useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { goalsStrings } from '../../i18n/goals.ts';
import { Link, useSearch } from '../../router.tsx';
import { queryOf } from '../../search.ts';
import { useSession } from '../auth/session.ts';
import { ManualAssessment } from './ManualAssessment.tsx';
import { WithData } from '../../shell/Status.tsx';
import { CitationNote } from './Citation.tsx';
import { CreateItemForm } from './CreateItemForm.tsx';
import { itemPage } from './items.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { useReason } from './reason.ts';
import { STATUSES, goalsSearch, type GoalsTree, type StatusCounts, type TargetSummary } from './model.ts';

export function StatusCountList({ counts, label }: { counts: StatusCounts; label: string }): ReactNode {
  const { t } = useI18n(goalsStrings);
  return (
    <ul className="goal-counts" aria-label={label}>
      {STATUSES.filter((s) => counts[s] > 0).map((s) => (
        <li key={s}>
          <StatusBadge status={s} label={t(`status_${s}` as 'status_met')} count={counts[s]} />
        </li>
      ))}
    </ul>
  );
}

function TargetList({ targets }: { targets: TargetSummary[] }): ReactNode {
  const { t, lang } = useI18n(goalsStrings);
  const why = useReason();
  return (
    <ul className="goal-targets">
      {targets.map((x) => (
        <li key={x.id}>
          <StatusBadge status={x.status} label={t(`status_${x.status}` as 'status_met')} />
          <Link href={`/mal/${encodeURIComponent(x.id)}`}>{x.title[lang]}</Link>
          {x.origin === 'derived' ? <span className="goal-cite">({t('derived')})</span> : null}
          {x.publication === 'draft' ? <strong className="goal-draft">{t('draft')}</strong> : null}
          {x.areaCounts ? (
            <span className="goal-cite">
              {' '}
              {t('areasMeeting', {
                met: x.areaCounts.met,
                total: x.areaCounts.total,
                division: t('division_stadsdelsomrade_2023'),
              })}
            </span>
          ) : null}
          <p className="goal-reason">{why(x.reason)}</p>
        </li>
      ))}
    </ul>
  );
}

function Tree({ data, canAssess, reload }: { data: GoalsTree; canAssess: boolean; reload: () => void }): ReactNode {
  const { t, lang } = useI18n(goalsStrings);
  const why = useReason();
  const titles = new Map<string, string>();
  for (const g of data.goalAreas)
    for (const x of [...g.strategies.flatMap((s) => s.targets), ...g.otherTargets]) titles.set(x.id, x.title[lang]);
  return (
    <>
      {data.vision ? (
        <section aria-labelledby="goal-vision">
          <h2 id="goal-vision">
            {t('vision')}: {data.vision.title[lang]}
          </h2>
          <p>{data.vision.text[lang]}</p>
          <p>
            <CitationNote citation={data.vision.citation} />
          </p>
        </section>
      ) : null}
      {data.asOf ? <p className="notice">{t('asOfNotice', { date: data.asOf })}</p> : null}
      <StatusCountList counts={data.counts} label={t('statusCounts')} />
      {data.goalAreas.map((g) => (
        <section key={g.id} className="goal-area" aria-labelledby={`ga-${g.id}`} data-goal-area={g.id}>
          <h2 id={`ga-${g.id}`}>
            {t('goalArea')} {g.order}: <Link href={itemPage('goal_area', g.id)}>{g.title[lang]}</Link>
            {g.publication === 'draft' ? <strong className="goal-draft"> {t('draft')}</strong> : null}
          </h2>
          {g.description ? <p>{g.description[lang]}</p> : null}
          <p>{t('ofTotal', { n: g.total })}</p>
          <StatusCountList counts={g.counts} label={`${t('statusCounts')}: ${g.title[lang]}`} />
          <p>{t('commitmentsOf', { n: g.commitmentTotal })}</p>
          <StatusCountList counts={g.commitmentCounts} label={`${t('commitmentCounts')}: ${g.title[lang]}`} />
          {g.strategies.map((s) => (
            <div key={s.id} className="goal-strategy">
              <h3>
                {t('strategy')} {s.numeral}. <Link href={itemPage('strategy', s.id)}>{s.title[lang]}</Link>
                {s.publication === 'draft' ? <strong className="goal-draft"> {t('draft')}</strong> : null}
              </h3>
              {s.targets.length ? <TargetList targets={s.targets} /> : <p className="goal-cite">{t('noTargets')}</p>}
            </div>
          ))}
          {g.otherTargets.length ? (
            <div className="goal-strategy">
              <h3>{t('otherTargets')}</h3>
              <TargetList targets={g.otherTargets} />
            </div>
          ) : null}
          <p>
            <CitationNote citation={g.citation} />
          </p>
        </section>
      ))}
      <section aria-labelledby="goal-reform">
        <h2 id="goal-reform">{t('reform')}</h2>
        <p>{t('reformIntro')}</p>
        {data.reformAreas.map((a) => (
          <details key={a.id}>
            <summary>
              {a.number}. {a.title[lang]} ({a.commitments.length})
            </summary>
            <p>
              <Link href={itemPage('goal_area', a.id)}>{t('openArea', { title: a.title[lang] })}</Link>
            </p>
            <ul className="goal-targets">
              {a.commitments.map((c) => (
                <li key={c.id}>
                  <StatusBadge status={c.status} label={t(`status_${c.status}` as 'status_met')} />
                  <Link href={itemPage('commitment', c.id)}>{c.title[lang]}</Link>
                  {c.publication === 'draft' ? <strong className="goal-draft"> {t('draft')}</strong> : null}
                  {c.targetIds.length ? (
                    <span>
                      →{' '}
                      {c.targetIds.map((id, i) => (
                        <span key={id}>
                          {i > 0 ? '; ' : ''}
                          <Link href={`/mal/${encodeURIComponent(id)}`}>{titles.get(id) ?? id}</Link>
                        </span>
                      ))}
                    </span>
                  ) : null}
                  <p className="goal-reason" data-testid={`commitment-reason-${c.id}`}>
                    {c.basis === 'manual' && c.manualStatus
                      ? `${t('manual', { date: c.manualStatus.setAt, who: c.manualStatus.setBy })}: ${c.manualStatus.note}`
                      : why(c.reason)}
                  </p>
                  {canAssess && !data.asOf ? <ManualAssessment kind="commitments" id={c.id} onSaved={reload} /> : null}
                  <p className="goal-reason">
                    <CitationNote citation={c.citation} />
                  </p>
                </li>
              ))}
            </ul>
          </details>
        ))}
      </section>
      <section aria-labelledby="goal-method">
        <h2 id="goal-method">{t('why')}</h2>
        <p>{t('method')}</p>
      </section>
    </>
  );
}

export function GoalsPage(): ReactNode {
  const { t } = useI18n(goalsStrings);
  const { asOf } = useSearch(goalsSearch);
  const state = useApi<GoalsTree>(`/goals${queryOf({ asOf })}`);
  const me = useSession();
  const canAssess = me.data?.permissions.includes('goals:write') ?? false;
  const view = (data: GoalsTree) => <Tree data={data} canAssess={canAssess} reload={state.reload} />;
  return (
    <section>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      {canAssess ? (
        <>
          <p>
            <Link href="/mal/synkkonflikter">{t('conflictsTitle')}</Link>
          </p>
          <CreateItemForm kind="goal_area" />
        </>
      ) : null}
      {state.data && !state.error ? view(state.data) : <WithData state={state}>{view}</WithData>}
    </section>
  );
}
