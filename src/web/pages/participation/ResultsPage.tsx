/** The results of a published participatory budget (frozen when voting closed). */
import { useApi } from '../../api.ts';
import { Link, useRoute } from '../../router.tsx';
import type { Results } from '../../../core/contracts/participation.ts';
import { formatPercent, ratio } from '../../../core/money.ts';
import { kr, PtData, ruleName, useT, withLang } from './shared.tsx';

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
      <PtData state={state}>
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
                <strong>{ruleName(t, r.rule)}.</strong> {t(`rule_${r.rule}`)}
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
      </PtData>
    </div>
  );
}

// ------------------------------------------------------------------------------------ who takes part
