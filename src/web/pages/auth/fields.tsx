/**
 * What the auth forms share: the contract's refusal in the user's language, and a field tied to its problem
 * (aria-invalid, aria-describedby to the text under it, after the hint).
 */
import type { ReactNode } from 'react';
import type { FieldError } from 'react-hook-form';
import type { Say } from '../../forms.ts';
import type { useI18n } from '../../i18n/index.tsx';
import type { authStrings } from '../../i18n/auth.ts';

type T = ReturnType<typeof useI18n<typeof authStrings>>['t'];

/** A problem the contract found, said by its kind (the server's English is never shown). */
export function authSay(t: T): Say {
  return (issue) => {
    const i = issue as { code: string; maximum?: number | bigint };
    return i.code === 'too_big' ? t('fieldTooLong', { n: Number(i.maximum) }) : t('fieldRequired');
  };
}

/**
 * Props that tie a field to its problem: the text under it (found in the browser), or the form's alert
 * (`alertId`: a refusal by the server, said there in the user's language); the hint stays first.
 */
export function described(id: string, error: FieldError | undefined, alertId: string, hint?: string) {
  const problem = error ? (error.type === 'server' ? alertId : `${id}-error`) : undefined;
  const ids = [hint, problem].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': ids || undefined } as const;
}

/** A field's problem found in the browser (the server's is said in the form's alert). */
export function FieldProblem({ id, error }: { id: string; error: FieldError | undefined }): ReactNode {
  return error && error.type !== 'server' ? (
    <p id={`${id}-error`} className="error">
      {error.message}
    </p>
  ) : null;
}
