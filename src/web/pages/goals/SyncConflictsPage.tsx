/** Admin page: framework items whose change in data/framework was not applied because they were edited in the app. */
import type { ReactNode } from 'react';
import { useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { goalsStrings } from '../../i18n/goals.ts';
import { Link } from '../../router.tsx';
import { WithData } from '../../shell/Status.tsx';
import type { SyncConflicts } from '../../../core/contracts/goals.ts';

export function SyncConflictsPage(): ReactNode {
  const { t } = useI18n(goalsStrings);
  const state = useApi<SyncConflicts>('/goals/sync-conflicts');
  return (
    <section>
      <p>
        <Link href="/mal">← {t('backToGoals')}</Link>
      </p>
      <h1>{t('conflictsTitle')}</h1>
      <p>{t('conflictsIntro')}</p>
      <WithData state={state}>
        {(d) =>
          d.conflicts.length ? (
            <table data-testid="sync-conflicts">
              <caption className="visually-hidden">{t('conflictsTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('conflictItem')}</th>
                  <th scope="col">{t('conflictKind')}</th>
                  <th scope="col">{t('conflictDetected')}</th>
                </tr>
              </thead>
              <tbody>
                {d.conflicts.map((c) => (
                  <tr key={`${c.kind}-${c.id}`}>
                    <th scope="row">
                      {c.kind === 'target' ? <Link href={`/mal/${encodeURIComponent(c.id)}`}>{c.id}</Link> : c.id}
                    </th>
                    <td>{c.kind}</td>
                    <td>{c.detectedAt.slice(0, 10)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>{t('noConflicts')}</p>
          )
        }
      </WithData>
    </section>
  );
}
