/** Shared bits of the goals forms: server errors mapped to the fields they name. */
import type { ReactNode } from 'react';
import { ApiError } from '../../api.ts';

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
