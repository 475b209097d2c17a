/** Problems of the goals forms in the user's language, by the zod issue code of the contract that found them. */
import { useI18n } from '../../i18n/index.tsx';
import { goalsStrings } from '../../i18n/goals.ts';
import type { Say } from '../../forms.ts';

export function useSay(): Say {
  const { t } = useI18n(goalsStrings);
  return (issue) => {
    if (issue.path.includes('decisionRef')) return t('errDecision');
    if (issue.path.includes('targetValue')) return t('errDecimal');
    if (issue.path.includes('year')) return t('errNumber');
    switch (issue.code) {
      case 'too_small':
        return t('errRequired');
      case 'invalid_type':
        return issue.path.some((p) => p === 'order' || p === 'number') ? t('errNumber') : t('errRequired');
      case 'invalid_format':
        return t('errFormat');
      default:
        return issue.message;
    }
  };
}
