/** A labelled choice of participatory-budgeting process (staff screens). */
import { PtData } from './shared.tsx';
import type { ApiState } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { participationStrings } from '../../i18n/participation.ts';
import type { ProcessSummary as Process } from '../../../core/contracts/participation.ts';

export function ProcessPicker({
  id,
  processes,
  value,
  onChange,
}: {
  id: string;
  processes: ApiState<{ items: Process[] }>;
  value: string;
  onChange: (id: string) => void;
}) {
  const { t } = useI18n(participationStrings);
  return (
    <PtData state={processes}>
      {(d) => (
        <p>
          <label htmlFor={id}>{t('process')}</label>{' '}
          <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
            <option value="" />
            {d.items.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </p>
      )}
    </PtData>
  );
}
