/** Words for a status reason (a code with parameters from the API), in the page's language. */
import { useCallback } from 'react';
import { useLang } from '../../i18n/index.tsx';
import { reasonSentence } from '../../../i18n/goal-reasons.ts';
import type { StatusReason } from '../../../core/contracts/goals.ts';

/** `const why = useReason(); why(target.reason)` */
export function useReason(): (r: StatusReason) => string {
  const lang = useLang();
  return useCallback((r: StatusReason) => reasonSentence(r, lang), [lang]);
}
