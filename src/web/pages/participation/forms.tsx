/** Form outcomes of the participation screens: a status or an alert, and the fields the server named. */
import type { FieldError, FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { ApiError } from '../../api.ts';
import type { Say, SubmitReport } from '../../forms.ts';
import { describedBy, FieldProblem, type Problem } from '../../components/FieldProblem.tsx';
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

/** A field tied to its problem (components/FieldProblem.tsx), with the participation pages' style. */
export const ptDescribed = describedBy;

export function PtFieldError({ id, error }: { id: string; error: Problem | undefined }) {
  return <FieldProblem id={id} error={error} className="pt-field-error" />;
}

/** The status a form says when the contract refused its values (each problem is at its field). */
export const formHasErrors = (t: T): Outcome => ({ kind: 'status', text: t('formHasErrors'), fields: [] });

/**
 * What a participation form reports after a submit (submitWith): `done` with the answer; a refusal by the
 * server in the form's alert, its fields marked (ptRefused); values the contract refused said in the status.
 */
export function ptReport<V extends FieldValues, R>(
  form: UseFormReturn<V>,
  t: T,
  setOutcome: (o: Outcome | null) => void,
  done: (answer: R) => void,
): SubmitReport<R> {
  return {
    done,
    failed: (_m, err) => setOutcome(ptRefused(form, err, t)),
    invalid: () => setOutcome(formHasErrors(t)),
  };
}
