/**
 * What the auth forms share: the contract's refusal in the user's language; a field is tied to its problem by
 * the shared components/FieldProblem.tsx.
 */
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type PasswordProblem } from '../../../core/access.ts';
import type { Say } from '../../forms.ts';
import type { useI18n } from '../../i18n/index.tsx';
import type { authStrings } from '../../i18n/auth.ts';

type T = ReturnType<typeof useI18n<typeof authStrings>>['t'];

/** A problem the contract found, said by its kind (the server's English is never shown). */
export function authSay(t: T): Say {
  return (issue) => {
    const i = issue as { code: string; maximum?: number | bigint; params?: { passwordProblem?: PasswordProblem } };
    const rule = i.params?.passwordProblem;
    if (rule === 'too_short' || rule === 'too_long')
      return t(`password_${rule}`, { n: rule === 'too_short' ? PASSWORD_MIN_LENGTH : PASSWORD_MAX_LENGTH });
    if (rule === 'single_character' || rule === 'common' || rule === 'control_character') return t(`password_${rule}`);
    return i.code === 'too_big' ? t('fieldTooLong', { n: Number(i.maximum) }) : t('fieldRequired');
  };
}

export { describedBy as described, FieldProblem } from '../../components/FieldProblem.tsx';
