/**
 * Typed search params: each page states the query parameters it reads as a zod schema and reads them with
 * useSearch(schema) (router.tsx). A hand-edited or outdated URL never breaks a page: a value that does not
 * fit its field is read as absent (`.catch(undefined)`), and the page falls back to its default.
 */
import { z } from 'zod';

/** A page's search schema from an API query contract: every field optional, a value that does not fit read as absent. */
export function lenientSearch<T extends z.ZodRawShape>(
  schema: z.ZodObject<T>,
): z.ZodObject<{ [K in keyof T]: z.ZodCatch<z.ZodOptional<T[K]>> }> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape))
    shape[key] = (field as z.ZodType).optional().catch(undefined);
  return z.object(shape) as unknown as z.ZodObject<{ [K in keyof T]: z.ZodCatch<z.ZodOptional<T[K]>> }>;
}

/** A text parameter (1–200 characters), or absent. */
export const searchText = () => z.string().min(1).max(200).optional().catch(undefined);

/** A date parameter (YYYY-MM-DD), or absent. */
export const searchDate = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined);

/**
 * A comma-separated list (`a,b,c`; empty items dropped, at most `max`), or absent when the parameter is not in
 * the URL (an empty list when it is there but empty: the user removed every item).
 */
export const searchList = (max = 100) =>
  z
    .string()
    .max(4000)
    .optional()
    .transform((s) => (s === undefined ? undefined : s.split(',').filter(Boolean).slice(0, max)))
    .catch(undefined);

/** The query parameters a search object sets (absent and empty values left out). */
export function queryOf(search: Readonly<Record<string, string | number | boolean | null | undefined>>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}
