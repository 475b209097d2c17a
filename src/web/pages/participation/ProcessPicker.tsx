/** A labelled choice of participatory-budgeting process (staff screens). */
import type { ApiState } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { participationStrings } from '../../i18n/participation.ts';
import { WithData } from '../../shell/Status.tsx';
import type { Process } from './model.ts';

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
    <WithData state={processes}>
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
    </WithData>
  );
}
