/**
 * Shared zod building blocks for request contracts, and the input rules every route obeys:
 * - text never holds NUL characters or lone UTF-16 surrogates (PostgreSQL cannot store them; they are never
 *   meant), and has a length cap;
 * - a date is a real calendar date (`2026-02-30` is refused, not rolled over);
 * - whole numbers fit PostgreSQL's bigint and JavaScript's safe integers; money is whole kronor within that range;
 * - ids are short printable strings.
 * `findUnsafeInput` applies the first and the range rules to any parsed JSON value, naming the field; the server
 * runs it on every request before the route's own schema (src/server/input-guard.ts).
 */
import { z } from 'zod';

/** True when `s` holds a NUL or an unpaired UTF-16 surrogate. */
export function hasUnsafeChars(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/** True for YYYY-MM-DD that names a real day (years 1000–9999). */
export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1000 || mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[mo - 1]!;
}

/**
 * A statistics period: a year (`2022`), a span of years (`2020-2022`), a half, quarter or month of a year
 * (`2022H1`, `2022Q3`, `2022M03`, `2022-03`) or a real day (`2022-12-31`). `NaN`, `Infinity`, `2022abc` are not.
 */
export function isPeriod(s: string): boolean {
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return isRealDate(s);
  const span = /^(\d{4})-(\d{4})$/.exec(s);
  if (span) return Number(span[1]) < Number(span[2]);
  return /^\d{4}(?:H[12]|Q[1-4]|M(?:0[1-9]|1[0-2])|-(?:0[1-9]|1[0-2]))?$/.test(s) && Number(s.slice(0, 4)) >= 1000;
}

/** Text: no NUL, no lone surrogates, at most `max` characters. */
export const safeText = (max = 10_000) =>
  z
    .string()
    .max(max)
    .refine((s) => !hasUnsafeChars(s), { message: 'contains a NUL character or an unpaired surrogate' });

/** A calendar date, YYYY-MM-DD, that exists. */
export const isoDate = () => z.string().refine(isRealDate, { message: 'not a real date (YYYY-MM-DD)' });

/** A whole number within JavaScript's safe range (and so within PostgreSQL's bigint). */
export const safeInt = () => z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

/** Whole kronor, as a number or a string of digits, within ±10^15 (a thousand billion kronor is enough). */
export const moneyKronor = () =>
  z.union([z.number().int(), z.string().regex(/^-?\d{1,16}$/)]).refine((v) => Math.abs(Number(v)) <= 1e15, {
    message: 'amount out of range',
  });

/** An id in a URL or a body: 1–200 printable characters. */
export const idText = () =>
  z
    .string()
    .min(1)
    .max(200)
    // eslint-disable-next-line no-control-regex
    .refine((s) => !hasUnsafeChars(s) && !/[\u0000-\u001f]/.test(s), { message: 'not a valid id' });

export interface UnsafeInput {
  field: string;
  message: string;
}

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}(?:$|T)/;

/** The first value in `value` (a parsed request part) that no route accepts, with its field path; or null. */
export function findUnsafeInput(value: unknown, path: string, depth = 0): UnsafeInput | null {
  if (depth > 40) return { field: path, message: 'nested too deeply' };
  if (typeof value === 'string') {
    if (hasUnsafeChars(value)) return { field: path, message: 'contains a NUL character or an unpaired surrogate' };
    if (DATE_SHAPE.test(value) && !isRealDate(value.slice(0, 10))) return { field: path, message: 'not a real date' };
    if (/^-?\d{16,}$/.test(value)) return { field: path, message: 'number out of range' };
    return null;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value)))
      return { field: path, message: 'number out of range' };
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const r = findUnsafeInput(value[i], `${path}.${i}`, depth + 1);
      if (r) return r;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (hasUnsafeChars(k)) return { field: path, message: 'a field name contains a NUL or an unpaired surrogate' };
      const r = findUnsafeInput(v, `${path}.${k}`, depth + 1);
      if (r) return r;
    }
  }
  return null;
}
