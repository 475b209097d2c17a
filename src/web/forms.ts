/**
 * Forms: react-hook-form holds the values; the endpoint's zod contract (src/core/contracts) checks them in the
 * browser before anything is sent, and a refused request's problems are put at the fields they name. The same
 * schema checks the request on the server, so the two never disagree about what is valid.
 */
import type { FieldErrors, FieldValues, Path, Resolver, UseFormReturn, UseFormSetError } from 'react-hook-form';
import type { z } from 'zod';
import { ApiError } from './api.ts';

/** The form field a problem's path (in the request body) belongs to, or null for none (then: the form as a whole). */
export type FieldOf<V> = (path: readonly PropertyKey[]) => Path<V> | null;

/** A problem as the form shows it: the zod issue code (or 'server') and the text. */
export type Say = (issue: {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  /** a custom issue's parameters (e.g. the password rule broken) */
  params?: Record<string, unknown>;
}) => string;

/**
 * A resolver that builds the request body from the form's values and checks it with the contract; each problem
 * goes to its field (the first one per field), worded by `say` in the user's language.
 */
export function contractResolver<V extends FieldValues>(
  schema: z.ZodType,
  toBody: (values: V) => unknown,
  fieldOf: FieldOf<V>,
  say: Say,
): Resolver<V> {
  return (values) => {
    const r = schema.safeParse(toBody(values));
    if (r.success) return { values, errors: {} };
    const errors: Record<string, { type: string; message: string }> = {};
    for (const issue of r.error.issues) {
      const field = fieldOf(issue.path) ?? 'root';
      errors[field] ??= { type: issue.code, message: say(issue) };
    }
    return { values: {}, errors: errors as FieldErrors<V> };
  };
}

/** `body.item.title.sv` → ['item', 'title', 'sv'] (the request body's path of a server problem). */
export function bodyPath(field: string | undefined): string[] {
  return (field ?? '')
    .replace(/^body\.?/, '')
    .split('.')
    .filter(Boolean);
}

/** One problem of a refused request: its (English) message, and a stable code the web app can say in its words. */
export interface ServerProblem {
  field?: string;
  message: string;
  code?: string;
  params?: Record<string, string | number>;
}
/** The web app's own words for a problem, or undefined to show the server's message. */
export type SayProblem = (problem: ServerProblem) => string | undefined;

/**
 * Puts the problems of a refused request at their fields; those that name no field of the form go to 'root'.
 * Returns the message for the form's status line.
 */
export function serverErrors<V extends FieldValues>(
  err: unknown,
  setError: UseFormSetError<V>,
  fieldOf: FieldOf<V>,
  say?: SayProblem,
): string {
  if (err instanceof ApiError && Array.isArray(err.details)) {
    for (const d of err.details as ServerProblem[]) {
      const field = fieldOf(bodyPath(d.field));
      setError(field ?? 'root', { type: 'server', message: say?.(d) ?? d.message });
    }
  }
  return err instanceof Error ? err.message : String(err);
}

/** What a form tells its user after a submit: the request's answer, a refusal's message, or invalid values. */
export interface SubmitReport<R> {
  done: (answer: R) => void;
  /** `message` is the refusal's text; `err` the error itself. */
  failed: (message: string, err: unknown) => void;
  invalid: () => void;
  /** The form's own words for the server's problem codes (field messages). */
  say?: SayProblem;
}

/**
 * The form's submit handler: checks the values (the resolver), sends them, and reports; a refused request's
 * problems go to their fields (serverErrors).
 */
export function submitWith<V extends FieldValues, R>(
  form: UseFormReturn<V>,
  fieldOf: FieldOf<V>,
  send: (values: V) => Promise<R>,
  report: SubmitReport<R>,
): ReturnType<UseFormReturn<V>['handleSubmit']> {
  return form.handleSubmit(async (values) => {
    let answer: R;
    try {
      answer = await send(values);
    } catch (err) {
      report.failed(serverErrors(err, form.setError, fieldOf, report.say), err);
      return;
    }
    report.done(answer);
  }, report.invalid);
}
