/** The committees' own assessments of a target, period by period (written in their reports; staff only). */
import type { ReactNode } from 'react';
import { useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { goalsStrings } from '../../i18n/goals.ts';
import type { AssessmentHistoryResponse } from '../../../core/contracts/reports.ts';

export function CommitteeAssessments({ targetId }: { targetId: string }): ReactNode {
  const { t } = useI18n(goalsStrings);
  const state = useApi<AssessmentHistoryResponse>(`/targets/${encodeURIComponent(targetId)}/assessments`);
  const items = state.data?.items ?? [];
  return (
    <section aria-labelledby="committee-assessments">
      <h2 id="committee-assessments">{t('assessmentsTitle')}</h2>
      {items.length === 0 ? (
        <p>{t('assessmentsNone')}</p>
      ) : (
        <table data-testid="committee-assessments">
          <caption className="visually-hidden">{t('assessmentsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assessmentsPeriod')}</th>
              <th scope="col">{t('assessmentsCommittee')}</th>
              <th scope="col">{t('assessmentsStatus')}</th>
              <th scope="col">{t('assessmentsText')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={`${a.period}-${a.committeeId}`}>
                <th scope="row">{a.period}</th>
                <td>{a.committee}</td>
                <td>{t(`status_${a.status}`)}</td>
                <td>{a.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
