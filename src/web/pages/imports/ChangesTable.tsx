/**
 * What an import adds, changes (old → new) and deletes, as a sortable table: up to 2,000 rows from the server,
 * so a long one folds to its first 50 (in the order chosen) with a button for the rest.
 */
import type { ReactNode } from 'react';
import type { ImportChange } from '../../../core/contracts/imports.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { importsStrings } from '../../i18n/imports.ts';

const keyOf = (c: ImportChange): string => [c.indicatorId, c.divisionId, c.areaCode, c.period, c.breakdown].join('|');

export function ChangesTable({ changes }: { changes: readonly ImportChange[] }): ReactNode {
  const { t, lang } = useI18n(importsStrings);
  if (!changes.length) return null;
  const oldNew = (c: ImportChange): string =>
    `${c.kind === 'added' ? '' : `${c.old ?? c.oldStatus ?? '–'} → `}${c.kind === 'deleted' ? '–' : (c.new ?? c.newStatus)}`;
  const columns: Column<ImportChange>[] = [
    { key: 'kind', header: t('kind'), value: (c) => t(`kind_${c.kind}`) },
    { key: 'indicator', header: t('indicator'), value: (c) => c.indicatorId },
    {
      key: 'area',
      header: t('area'),
      value: (c) => `${c.areaCode} (${c.divisionId})`,
      render: (c) => (
        <>
          {c.areaCode} <span className="fp-muted">({c.divisionId})</span>
        </>
      ),
    },
    { key: 'period', header: t('period'), value: (c) => c.period },
    { key: 'breakdown', header: t('breakdown'), value: (c) => c.breakdown || t('total') },
    { key: 'oldNew', header: t('oldNew'), value: oldNew },
  ];
  return (
    <DataTable
      caption={t('changesTitle')}
      columns={columns}
      rows={changes}
      rowKey={keyOf}
      lang={lang}
      id="import-changes"
    />
  );
}
