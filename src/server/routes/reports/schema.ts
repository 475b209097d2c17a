/** The reports API's schemas are the shared contracts (src/core/contracts/reports.ts); a few route-only shapes here. */
import { z } from 'zod';
export * from '../../../core/contracts/reports.ts';

export const CreatedResponse = z.object({ id: z.string() });
export const OkResponse = z.object({ ok: z.literal(true) });
export const LangQuery = z.object({ lang: z.enum(['sv', 'en']).default('sv') });
