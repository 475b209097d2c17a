/** Status per goal area on the overview page (the goals feature's part of Översikt). */
import type { ReactNode } from 'react';
import { useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { goalsStrings } from '../../i18n/goals.ts';
import { Link } from '../../router.tsx';
import { WithData } from '../../shell/Status.tsx';
import { StatusCountList } from '../goals/GoalsPage.tsx';
import type { GoalsTree } from '../goals/model.ts';

export function GoalSummary(): ReactNode {
  const { t, lang } = useI18n(goalsStrings);
  const state = useApi<GoalsTree>('/goals');
  return (
    <section aria-labelledby="goal-summary" data-testid="goal-summary">
      <h2 id="goal-summary">{t('overviewTitle')}</h2>
      <p>{t('overviewIntro')}</p>
      <WithData state={state}>
        {(data) => (
          <ul className="goal-summary-list">
            {data.goalAreas.map((g) => (
              <li key={g.id}>
                <h3>
                  <Link href={`/mal#ga-${g.id}`}>{g.title[lang]}</Link>
                </h3>
                <p>{t('ofTotal', { n: g.total })}</p>
                <StatusCountList counts={g.counts} label={`${t('statusCounts')}: ${g.title[lang]}`} />
              </li>
            ))}
          </ul>
        )}
      </WithData>
    </section>
  );
}
