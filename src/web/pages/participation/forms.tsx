/** Form outcomes of the staff screens: a status or an alert, and the fields the server named. */
import { ApiError } from '../../api.ts';
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

/** Props that tie a field to the form's error message when the server named that field. */
export function fieldProps(outcome: Outcome | null, errorId: string, field: string, describedBy?: string) {
  const invalid = outcome?.kind === 'alert' && outcome.fields.includes(field);
  const ids = [describedBy, invalid ? errorId : undefined].filter(Boolean).join(' ');
  return { 'aria-invalid': invalid || undefined, 'aria-describedby': ids || undefined };
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
