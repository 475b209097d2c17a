/**
 * A form field tied to its problem (WCAG 3.3.1): aria-invalid, and aria-describedby pointing to the text under
 * the field (a refusal found in the browser by the contract) or to the form's alert (a refusal by the server,
 * said there in the user's language); a hint stays first. Shared by every react-hook-form form.
 */
import type { ReactNode } from 'react';

/** A field's problem as react-hook-form keeps it ('server' when the server named the field). */
export interface Problem {
  type?: string | undefined;
  message?: string | undefined;
}

/** The props that tie field `id` to its problem: `${id}-error` under it, or the form's alert `alertId`. */
export function describedBy(id: string, error: Problem | undefined, alertId: string, hint?: string) {
  const problem = error ? (error.type === 'server' ? alertId : `${id}-error`) : undefined;
  const ids = [hint, problem].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': ids || undefined } as const;
}

/** A field's problem found in the browser (the server's is said in the form's alert). */
export function FieldProblem({
  id,
  error,
  className = 'error',
}: {
  id: string;
  error: Problem | undefined;
  className?: string;
}): ReactNode {
  return error && error.type !== 'server' ? (
    <p id={`${id}-error`} className={className}>
      {error.message}
    </p>
  ) : null;
}
