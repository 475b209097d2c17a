/**
 * The city's organisation as data: committees (nämnder, bolagsstyrelser) and named area groups.
 * The shipped files are data/organisation/committees.json and data/organisation/area-groups.json;
 * these schemas check them, and the admin API uses the same rules for one committee or group.
 */
import { z } from 'zod';
import { textProblem } from '../interventions/limits.ts';

/** The kinds of committee in the city's organisation (stable ids; words live in the web app). */
export const COMMITTEE_KINDS = [
  'kommunfullmaktige',
  'kommunstyrelse',
  'stadsdelsnamnd',
  'facknamnd',
  'bolagsstyrelse',
] as const;
export type CommitteeKind = (typeof COMMITTEE_KINDS)[number];

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,79}$/;
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written YYYY-MM-DD')
  .refine(isRealDate, 'not a real calendar date');

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isRealDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= ([31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0);
}

/** An area as a division and a code (the same key the access control uses: `division:code`). */
const safeKey = z
  .string()
  .min(1)
  .max(100)
  .refine((s) => textProblem(s) === null && !s.includes(':'), 'no NUL, lone surrogate or ":"');
export const areaRefSchema = z.strictObject({ division: safeKey, code: safeKey });
export type AreaRef = z.infer<typeof areaRefSchema>;

export const areaKeyOf = (a: AreaRef): string => `${a.division}:${a.code}`;
export function areaRefOf(key: string): AreaRef | null {
  const i = key.indexOf(':');
  if (i <= 0 || i === key.length - 1) return null;
  return { division: key.slice(0, i), code: key.slice(i + 1) };
}

const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => textProblem(s) === null, 'must not contain NUL characters or lone UTF-16 surrogates');

export const bilingualSchema = z.strictObject({ sv: text(200).pipe(z.string().min(1)), en: text(200) });

export const committeeRecordSchema = z
  .strictObject({
    id: z.string().regex(ID_PATTERN, 'lower-case letters, digits and "-"'),
    name: bilingualSchema,
    kind: z.enum(COMMITTEE_KINDS),
    validFrom: isoDate.nullable(),
    validTo: isoDate.nullable(),
    areas: z.array(areaRefSchema).max(500),
    aliases: z.array(text(200)).max(20).default([]),
    note: text(2000).default(''),
  })
  .refine((c) => c.validFrom === null || c.validTo === null || c.validFrom <= c.validTo, {
    message: 'validTo is before validFrom',
    path: ['validTo'],
  });
export type CommitteeRecord = z.infer<typeof committeeRecordSchema>;

const sourceSchema = z.object({ title: z.string(), url: z.string().optional(), note: z.string().optional() });

export const committeesFileSchema = z.object({
  about: z.string().optional(),
  source: sourceSchema,
  committees: z.array(committeeRecordSchema),
});

export const areaGroupRecordSchema = z.strictObject({
  id: z.string().regex(ID_PATTERN, 'lower-case letters, digits and "-"'),
  name: bilingualSchema,
  aliases: z.array(text(200)).max(20).default([]),
  members: z.array(areaRefSchema).min(1).max(2000),
  note: text(4000).default(''),
});
export type AreaGroupRecord = z.infer<typeof areaGroupRecordSchema>;

export const areaGroupsFileSchema = z.object({
  about: z.string().optional(),
  source: sourceSchema,
  groups: z.array(areaGroupRecordSchema),
});

/** Whether a committee is in force on a day (YYYY-MM-DD). */
export function committeeActiveOn(c: { validFrom: string | null; validTo: string | null }, day: string): boolean {
  return (c.validFrom === null || c.validFrom <= day) && (c.validTo === null || day <= c.validTo);
}

/**
 * A stable fingerprint of a shipped record (FNV-1a over its canonical JSON), stored beside the row
 * so that a later start can tell "changed in the file" from "unchanged".
 */
export function fingerprint(value: unknown): string {
  const json = JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < json.length; i++) {
    h ^= BigInt(json.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/**
 * Finds a committee by a name as the documents write it: its id, Swedish or English name or an
 * alias, ignoring case. When several match, the one in force on `day` (else the latest) wins.
 */
export function matchCommittee<
  T extends {
    id: string;
    name: string;
    nameEn: string;
    aliases: readonly string[];
    validFrom: string | null;
    validTo: string | null;
  },
>(list: readonly T[], text: string, day: string): T | null {
  const k = text.trim().toLowerCase();
  if (k === '') return null;
  const hits = list.filter(
    (c) =>
      c.id === k ||
      c.name.toLowerCase() === k ||
      c.nameEn.toLowerCase() === k ||
      c.aliases.some((a) => a.toLowerCase() === k),
  );
  if (hits.length <= 1) return hits[0] ?? null;
  const active = hits.filter((c) => committeeActiveOn(c, day));
  if (active.length) return active[0]!;
  return [...hits].sort((a, b) => (b.validTo ?? '9999').localeCompare(a.validTo ?? '9999'))[0]!;
}
