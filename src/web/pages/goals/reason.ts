/** Words for a status reason (a code with parameters from the API), in the page's language. */
import { useCallback } from 'react';
import { formatNumber, type Lang } from '../../components/format.ts';
import { useI18n } from '../../i18n/index.tsx';
import { goalsStrings } from '../../i18n/goals.ts';
import type { StatusReason } from '../../../core/contracts/goals.ts';

/** Parameters that are values in the target's unit (years and counts are shown as they are). */
const VALUES = new Set(['latest', 'first', 'target', 'projected', 'ref']);

type T = ReturnType<typeof useI18n<typeof goalsStrings>>['t'];

export function reasonText(r: StatusReason, lang: Lang, t: T): string {
  const p = r.params;
  const unit = p['unit'] && typeof p['unit'] === 'object' ? p['unit'][lang] : '';
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p)) {
    if (v === null) vars[k] = '';
    else if (typeof v === 'object') vars[k] = v[lang];
    else if (typeof v === 'number' && VALUES.has(k)) {
      const n = formatNumber(v, lang, Number.isInteger(v) ? 0 : 1);
      vars[k] = unit ? `${n} ${unit}` : n;
    } else vars[k] = v;
  }
  if (p['cmp'] === 'at_most' || p['cmp'] === 'at_least') vars['goal'] = t(`reasonGoal_${p['cmp']}`, vars);
  if (p['desired'] === 'increase' || p['desired'] === 'decrease') vars['desired'] = t(`reasonDesired_${p['desired']}`);
  return t(`reason_${r.code}`, vars).trim();
}

/** `const why = useReason(); why(target.reason)` */
export function useReason(): (r: StatusReason) => string {
  const { t, lang } = useI18n(goalsStrings);
  return useCallback((r: StatusReason) => reasonText(r, lang, t), [lang, t]);
}
