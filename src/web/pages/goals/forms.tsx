/** Shared bits of the goals forms: server errors mapped to the fields they name. */
import type { ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { ApiError } from '../../api.ts';
import type { SubmitReport } from '../../forms.ts';
import type { ChangeResult } from '../../../core/contracts/goals.ts';

export type FieldErrors = Record<string, string>;

/** `body.deadline.year` → `deadline`; problems without a field go under ''. */
export function fieldErrors(e: unknown): { fields: FieldErrors; message: string } {
  const fields: FieldErrors = {};
  if (e instanceof ApiError && Array.isArray(e.details)) {
    for (const d of e.details as { field?: string; message: string }[]) {
      const key = (d.field ?? '').replace(/^body\.(item\.)?/, '').split('.')[0] ?? '';
      fields[key] = fields[key] ? `${fields[key]}; ${d.message}` : d.message;
    }
  }
  return { fields, message: e instanceof Error ? e.message : String(e) };
}

/** The error text under a field (its id is the field's aria-describedby). */
export function FieldError({ id, error }: { id: string; error: string | undefined }): ReactNode {
  return error ? (
    <p className="goal-field-error" id={id}>
      {error}
    </p>
  ) : null;
}

/** Props that mark a field invalid and point at its error. */
export function invalid(id: string, error: string | undefined) {
  return error ? { 'aria-invalid': true as const, 'aria-describedby': id } : {};
}

/** "a, b ,c" → ['a', 'b', 'c'] (ids typed in one field). */
export function idList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A labelled field of a react-hook-form form (`reg` from `register(name)`), with its error under it. */
export function FormField({
  id,
  label,
  reg,
  error,
  multiline = false,
  inputMode,
}: {
  id: string;
  label: string;
  reg: UseFormRegisterReturn;
  error?: string | undefined;
  multiline?: boolean;
  inputMode?: 'numeric' | 'decimal';
}): ReactNode {
  const props = { id, ...reg, ...invalid(`${id}-error`, error) };
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea {...props} rows={4} /> : <input {...props} inputMode={inputMode} />}
      <FieldError id={`${id}-error`} error={error} />
    </>
  );
}

/**
 * What a change form of the goals tells after a submit: the version saved (the decision field is then
 * emptied, as a decision belongs to one change), a refusal, or values to correct.
 */
export function changeReport(
  t: (key: 'saved' | 'formError' | 'formInvalid', vars?: Record<string, string | number>) => string,
  setStatus: (text: string) => void,
  clearDecision: () => void,
  onSaved: () => void,
): SubmitReport<ChangeResult> {
  return {
    done: (r) => {
      clearDecision();
      setStatus(t('saved', { version: r.version }));
      onSaved();
    },
    failed: (message) => setStatus(t('formError', { message })),
    invalid: () => setStatus(t('formInvalid')),
  };
}
