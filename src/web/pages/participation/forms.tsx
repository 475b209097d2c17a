/** Form outcomes of the participation screens: a status or an alert, and the fields the server named. */
import type { FieldError, FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { ApiError } from '../../api.ts';
import type { Say } from '../../forms.ts';
import { errorText, type T } from './shared.tsx';

/** The outcome of a form: a status message, or an error (with the fields the server named). */
export interface Outcome {
  kind: 'status' | 'alert';
  text: string;
  fields: string[];
}

export function outcomeOf(err: unknown, t: T): Outcome {
  const fields: string[] = [];
  if (err instanceof ApiError && Array.isArray(err.details)) {
    for (const d of err.details as { field?: unknown }[]) {
      if (typeof d?.field === 'string') fields.push(d.field.split('.').pop() ?? d.field);
    }
  }
  return { kind: 'alert', text: errorText(err, t), fields };
}

/**
 * The outcome of a form: a status region that is always in the page (so what is put in it is
 * announced), and an alert with id `id` when something went wrong (fields point to it with
 * aria-describedby).
 */
export function FormOutcome({ id, outcome }: { id: string; outcome: Outcome | null }) {
  return (
    <>
      <div id={`${id}-status`} role="status" className={outcome?.kind === 'status' ? 'notice' : undefined}>
        {outcome?.kind === 'status' ? outcome.text : null}
      </div>
      {outcome?.kind === 'alert' ? (
        <div id={id} role="alert" className="error">
          {outcome.text}
        </div>
      ) : null}
    </>
  );
}

/**
 * The words of the contract's refusal in the page's language: the zod issue's kind and bounds (the server's
 * English is never shown). A form may say a field's problem its own way first (`own`).
 */
export function ptSay(t: T, own: (field: string) => string | null = () => null): Say {
  return (issue) => {
    const field = String(issue.path[0] ?? '');
    const mine = own(field);
    if (mine) return mine;
    const i = issue as { code: string; origin?: string; minimum?: number | bigint; maximum?: number | bigint };
    const number = i.origin === 'number' || i.origin === 'int' || i.code === 'invalid_type';
    if (i.code === 'too_small' && i.origin === 'string')
      return Number(i.minimum) <= 1 ? t('fieldRequired') : t('fieldTooShort', { n: Number(i.minimum) });
    if (i.code === 'too_big' && i.origin === 'string') return t('fieldTooLong', { n: Number(i.maximum) });
    if (i.code === 'invalid_value') return t('fieldChoose');
    if (i.code === 'invalid_format' && (issue as { format?: string }).format === 'email') return t('fieldEmail');
    if (number) return t('fieldNumber');
    return t('fieldInvalid');
  };
}

/**
 * After a refused request (submitWith has put its problems at their fields): the fields the server named
 * carry the alert's text (in the page's language, and their aria-describedby points to the alert).
 */
export function ptRefused<V extends FieldValues>(form: UseFormReturn<V>, err: unknown, t: T): Outcome {
  const outcome = outcomeOf(err, t);
  for (const [name, error] of Object.entries(form.formState.errors)) {
    if (name !== 'root' && (error as FieldError | undefined)?.type === 'server')
      form.setError(name as Path<V>, { type: 'server', message: outcome.text });
  }
  return outcome;
}

/** A field's problem as react-hook-form keeps it ('server' when the server named the field). */
type Problem = { type?: string | undefined; message?: string | undefined };

/**
 * Props that tie a field to its problem: the text under it (a refusal in the browser, `${id}-error`) or the
 * form's alert (`alertId`, a refusal by the server); `help` stays first.
 */
export function ptDescribed(id: string, error: Problem | undefined, alertId: string, help?: string) {
  const problem = error ? (error.type === 'server' ? alertId : `${id}-error`) : undefined;
  const ids = [help, problem].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': ids || undefined } as const;
}

/** A field's problem found in the browser (the server's is in the form's alert). */
export function PtFieldError({ id, error }: { id: string; error: Problem | undefined }) {
  return error && error.type !== 'server' ? (
    <p id={`${id}-error`} className="pt-field-error">
      {error.message}
    </p>
  ) : null;
}
