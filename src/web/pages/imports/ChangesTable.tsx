/** What an import adds, changes (old → new) and deletes, as a table. */
import type { ReactNode } from 'react';
import type { ImportChange } from '../../../core/contracts/imports.ts';
import { useI18n } from '../../i18n/index.tsx';
import { importsStrings } from '../../i18n/imports.ts';

export function ChangesTable({ changes }: { changes: readonly ImportChange[] }): ReactNode {
  const { t } = useI18n(importsStrings);
  if (!changes.length) return null;
  return (
    <div className="fp-table-wrap">
      <table className="fp-table" data-testid="import-changes">
        <caption>{t('changesTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('kind')}</th>
            <th scope="col">{t('indicator')}</th>
            <th scope="col">{t('area')}</th>
            <th scope="col">{t('period')}</th>
            <th scope="col">{t('breakdown')}</th>
            <th scope="col">{t('oldNew')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={[c.indicatorId, c.divisionId, c.areaCode, c.period, c.breakdown].join('|')}>
              <td>{t(`kind_${c.kind}`)}</td>
              <td>{c.indicatorId}</td>
              <td>
                {c.areaCode} <span className="fp-muted">({c.divisionId})</span>
              </td>
              <td>{c.period}</td>
              <td>{c.breakdown || t('total')}</td>
              <td>
                {c.kind === 'added' ? '' : `${c.old ?? c.oldStatus ?? '–'} → `}
                {c.kind === 'deleted' ? '–' : (c.new ?? c.newStatus)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
