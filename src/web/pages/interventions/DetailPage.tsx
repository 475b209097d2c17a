/** One intervention: facts, budget lines per year (with totals), follow-up history, linked goal areas, strategies and targets with status. */
import type { ReactNode } from 'react';
import { useApi } from '../../api.ts';
import { useSession } from '../auth/session.ts';
import { FollowUpForm, StatusForm } from './EditForms.tsx';
import { BudgetLineForm } from './BudgetLineForm.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { interventionsStrings } from '../../i18n/interventions.ts';
import { Link, useRoute } from '../../router.tsx';
import { WithData } from '../../shell/Status.tsx';
import { type Detail } from './model.ts';
import { Amount } from './Amount.tsx';
import { NOT_STATED } from '../../../core/interventions/register.ts';
import { TotalsList } from './ListPage.tsx';

const GOAL_STATUSES = ['met', 'on_track', 'at_risk', 'off_track', 'not_measurable'] as const;

function Budget({ d }: { d: Detail }): ReactNode {
  const { t } = useI18n(interventionsStrings);
  if (d.budget.length === 0) return <p>{t('noBudget')}</p>;
  const perArea = d.budget.some((b) => b.area !== null);
  return (
    <div className="fp-table-wrap">
      <table className="fp-table" id="iv-budget">
        <caption className="fp-visually-hidden">{t('budgetLines')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('year')}</th>
            {perArea ? <th scope="col">{t('budgetArea')}</th> : null}
            <th scope="col" className="fp-num">
              {t('planned')} ({t('mnkr')})
            </th>
            <th scope="col" className="fp-num">
              {t('decided')} ({t('mnkr')})
            </th>
            <th scope="col" className="fp-num">
              {t('spent')} ({t('mnkr')})
            </th>
          </tr>
        </thead>
        <tbody>
          {d.budget.map((b) => (
            <tr key={`${b.year}-${b.area?.key ?? ''}`}>
              <th scope="row">{b.year}</th>
              {perArea ? <td>{b.area ? b.area.name : t('wholeIntervention')}</td> : null}
              <td className="fp-num">
                <Amount kronor={b.planned} />
              </td>
              <td className="fp-num">
                <Amount kronor={b.decided} />
              </td>
              <td className="fp-num">
                <Amount kronor={b.spent} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-row="total">
            <th scope="row" colSpan={perArea ? 2 : 1}>
              {t('total')}
            </th>
            <td className="fp-num">
              <Amount kronor={d.totals.planned} known={d.known.planned} partial={partialSum(d, 'planned')} />
            </td>
            <td className="fp-num">
              <Amount kronor={d.totals.decided} known={d.known.decided} partial={partialSum(d, 'decided')} />
            </td>
            <td className="fp-num">
              <Amount kronor={d.totals.spent} known={d.known.spent} partial={partialSum(d, 'spent')} />
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Links({ d }: { d: Detail }): ReactNode {
  const { t, lang } = useI18n(interventionsStrings);
  const name = (n: { name: string; nameEn: string }) => (lang === 'en' ? n.nameEn : n.name);
  if (!d.goalAreas.length && !d.strategies.length && !d.targets.length) return <p>{t('noLinks')}</p>;
  return (
    <>
      {d.goalAreas.length ? (
        <>
          <h3>{t('goalArea')}</h3>
          <ul>
            {d.goalAreas.map((g) => (
              <li key={g.id}>
                <Link href={`/insatser?goalArea=${encodeURIComponent(g.id)}`}>{name(g)}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {d.strategies.length ? (
        <>
          <h3>{t('strategies')}</h3>
          <ul>
            {d.strategies.map((s) => (
              <li key={s.id}>{name(s)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {d.targets.length ? (
        <>
          <h3>{t('targets')}</h3>
          <ul className="iv-targets">
            {d.targets.map((x) => {
              const st = GOAL_STATUSES.find((s) => s === x.status);
              return (
                <li key={x.id}>
                  <Link href={`/mal/${encodeURIComponent(x.id)}`}>{name(x)}</Link> — {t('targetStatus')}:{' '}
                  {st ? t(`goalStatus_${st}`) : t('noStatus')}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </>
  );
}

function View({ d, canWrite, reload }: { d: Detail; canWrite: boolean; reload: () => void }): ReactNode {
  const { t, lang } = useI18n(interventionsStrings);
  return (
    <article aria-labelledby="iv-title">
      <p>
        <Link href="/insatser">← {t('backToList')}</Link>
      </p>
      <h1 id="iv-title">{d.name}</h1>
      {d.publication === 'draft' ? <p className="notice">{t('draftNotice')}</p> : null}
      <dl className="iv-facts">
        <div>
          <dt>{t('status')}</dt>
          <dd data-testid="iv-status">{t(`status_${d.status}`)}</dd>
        </div>
        <div>
          <dt>{t('committee')}</dt>
          <dd data-testid="iv-committee">{d.committee || t('responsibilityMissing')}</dd>
        </div>
        <div>
          <dt>{t('fundingSource')}</dt>
          <dd>{fundingText(d.fundingSource, t('notStated'))}</dd>
        </div>
        <div>
          <dt>{t('areas')}</dt>
          <dd>
            {d.areas.length
              ? d.areas.map((a) => (a.key === 'city' ? t('cityWide') : a.name)).join(', ')
              : t('notStated')}
          </dd>
        </div>
        {d.groups.length ? (
          <div>
            <dt>{t('areaGroups')}</dt>
            <dd>{d.groups.map((g) => (lang === 'en' ? g.nameEn || g.name : g.name)).join(', ')}</dd>
          </div>
        ) : null}
        {d.startDate || d.endDate ? (
          <div>
            <dt>{t('dates')}</dt>
            <dd>
              {d.startDate ?? '…'} – {d.endDate ?? '…'}
            </dd>
          </div>
        ) : null}
      </dl>
      {d.description ? (
        <section aria-labelledby="iv-desc">
          <h2 id="iv-desc">{t('description')}</h2>
          {d.description.split(/\n\n+/).map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </section>
      ) : null}
      <section aria-labelledby="iv-budget-h">
        <h2 id="iv-budget-h">{t('budgetLines')}</h2>
        <TotalsList
          totals={d.totals}
          known={d.known}
          partial={{
            planned: partialSum(d, 'planned'),
            decided: partialSum(d, 'decided'),
            spent: partialSum(d, 'spent'),
          }}
          label={`${t('total')}: ${d.name}`}
          id="iv-detail-totals"
        />
        {!d.known.planned && !d.known.decided && !d.known.spent ? (
          <p className="source-note">{t('amountUnknownNote')}</p>
        ) : null}
        <Budget d={d} />
        {canWrite ? <BudgetLineForm d={d} onSaved={reload} /> : null}
      </section>
      <section aria-labelledby="iv-follow-h">
        <h2 id="iv-follow-h">{t('followUp')}</h2>
        {d.followUps.length === 0 ? (
          <p>{t('noFollowUp')}</p>
        ) : (
          <ol className="iv-follow">
            {d.followUps.map((f, i) => (
              <li key={`${f.period}-${i}`}>
                <h3>{f.period}</h3>
                <p>{f.text}</p>
                {f.outputs.length ? (
                  <ul aria-label={t('outputs')}>
                    {f.outputs.map((o) => (
                      <li key={o.label}>
                        {o.label}: {o.value.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB')}
                        {o.unit ? ` ${o.unit}` : ''}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        {canWrite ? <FollowUpForm id={d.id} onSaved={reload} /> : null}
      </section>
      {canWrite ? (
        <section aria-labelledby="iv-edit-h">
          <h2 id="iv-edit-h">{t('editTitle')}</h2>
          <StatusForm d={d} onSaved={reload} labelledBy="iv-edit-h" />
        </section>
      ) : null}
      <section aria-labelledby="iv-links-h">
        <h2 id="iv-links-h">{t('links')}</h2>
        <Links d={d} />
      </section>
      {d.citation ? (
        <figure className="iv-citation">
          {d.citation.quote ? (
            <blockquote lang="sv" data-testid="iv-quote">
              <p>{d.citation.quote}</p>
            </blockquote>
          ) : null}
          <figcaption className="source-note">
            {d.citation.quote ? `${t('quotedPassage')}. ` : ''}
            {t('source')}: {d.citation.document}, {d.citation.section}
          </figcaption>
        </figure>
      ) : null}
    </article>
  );
}

/** The funding source, with the register's "not given" in the page's language. */
export const fundingText = (source: string, notStated: string): string => (source === NOT_STATED ? notStated : source);

/** A sum over the budget lines of which some give the amount and some do not. */
export const partialSum = (d: Pick<Detail, 'budget' | 'known'>, m: 'planned' | 'decided' | 'spent'): boolean =>
  d.known[m] && d.budget.some((b) => b[m] === null);

export function DetailPage(): ReactNode {
  const { params } = useRoute();
  const state = useApi<Detail>(`/interventions/${encodeURIComponent(params.id ?? '')}`);
  const me = useSession();
  // The forms are only for those who may change this intervention (the server says so per
  // intervention, and still decides on save).
  const canWrite = (d: Detail) => d.canEdit && (me.data ? me.data.permissions.includes('interventions:write') : true);
  // Keep the page (and the forms' announcements) while it reloads after a change.
  if (state.data && state.data.id === params.id && !state.error)
    return <View d={state.data} canWrite={canWrite(state.data)} reload={state.reload} />;
  return <WithData state={state}>{(d) => <View d={d} canWrite={canWrite(d)} reload={state.reload} />}</WithData>;
}
