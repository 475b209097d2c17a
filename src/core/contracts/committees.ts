/**
 * The committees and area-groups API: one zod schema per request and response, used by the routes
 * (validation and serialisation), the services (return types) and the web app (types).
 */
import { z } from 'zod';
import { publicationSchema } from './statistics.ts';
import { COMMITTEE_KINDS, ID_PATTERN, areaRefSchema, isRealDate } from '../committees/schema.ts';
import { textProblem } from '../interventions/limits.ts';

const safe = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => textProblem(s) === null, 'must not contain NUL characters or lone UTF-16 surrogates');
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written YYYY-MM-DD')
  .refine(isRealDate, 'not a real calendar date');

export const committeeKind = z.enum(COMMITTEE_KINDS).meta({ id: 'CommitteeKind' });

export const committeeArea = z
  .object({
    division: z.string(),
    code: z.string(),
    name: z.string().nullable().describe('null when the area is not loaded (yet)'),
  })
  .meta({ id: 'CommitteeArea' });

export const committee = z
  .object({
    id: z.string(),
    name: z.string(),
    nameEn: z.string(),
    kind: committeeKind,
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    active: z.boolean().describe('in force today'),
    aliases: z.array(z.string()),
    note: z.string(),
    areas: z.array(committeeArea),
    editedInApp: z.boolean().describe('changed in the app: later starts leave it alone'),
    users: z.number(),
    interventions: z.number(),
  })
  .meta({ id: 'Committee' });
export type Committee = z.infer<typeof committee>;

export const committeeList = z.object({ source: z.string(), items: z.array(committee) }).meta({ id: 'CommitteeList' });
export type CommitteeList = z.infer<typeof committeeList>;

export const committeeIdParams = z.object({ id: safe(80).pipe(z.string().min(1)) });

export const committeeCreateBody = z
  .strictObject({
    id: z.string().regex(ID_PATTERN, 'lower-case letters, digits and "-" (at most 80)'),
    name: safe(200).pipe(z.string().trim().min(1, 'name is empty')),
    nameEn: safe(200).default(''),
    kind: committeeKind,
    validFrom: day.nullable().default(null),
    validTo: day.nullable().default(null),
    areas: z.array(areaRefSchema).max(500).default([]),
    note: safe(2000).default(''),
  })
  .meta({ id: 'CommitteeCreate' });
export type CommitteeCreate = z.infer<typeof committeeCreateBody>;

export const committeePatchBody = z
  .strictObject({
    name: safe(200).pipe(z.string().trim().min(1, 'name is empty')).optional(),
    nameEn: safe(200).optional(),
    kind: committeeKind.optional(),
    validFrom: day.nullable().optional(),
    validTo: day.nullable().optional().describe('set to retire the committee (the last day it is in force)'),
    areas: z.array(areaRefSchema).max(500).optional().describe('replaces the areas it answers for'),
    note: safe(2000).optional(),
  })
  .refine((o) => Object.keys(o).length > 0, { message: 'give at least one field to change' })
  .meta({ id: 'CommitteePatch' });
export type CommitteePatch = z.infer<typeof committeePatchBody>;

export const areaGroup = z
  .object({
    id: z.string(),
    name: z.string(),
    nameEn: z.string(),
    aliases: z.array(z.string()),
    note: z.string(),
    members: z.array(committeeArea),
  })
  .meta({ id: 'AreaGroup' });
export type AreaGroup = z.infer<typeof areaGroup>;
export const areaGroupList = z.object({ items: z.array(areaGroup) }).meta({ id: 'AreaGroupList' });
export type AreaGroupList = z.infer<typeof areaGroupList>;

/** Interventions that name no responsible committee (the admins' to-do list). */
export const responsibilityTodo = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        publication: publicationSchema,
        committeeText: z.string().describe('what the register says (may be empty or an unknown name)'),
        citation: z.object({ document: z.string(), section: z.string() }).nullable(),
      }),
    ),
  })
  .meta({ id: 'ResponsibilityTodo' });
export type ResponsibilityTodo = z.infer<typeof responsibilityTodo>;
