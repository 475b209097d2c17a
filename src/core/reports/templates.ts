import { z } from 'zod';

/**
 * Committee kinds and report templates. A template lists a report's sections in order: generated
 * sections (filled from the same services as the screens) and written sections (free text with a
 * reporter and a deadline).
 */
export const COMMITTEE_KINDS = [
  'kommunfullmaktige',
  'kommunstyrelse',
  'stadsdelsnamnd',
  'facknamnd',
  'bolagsstyrelse',
] as const;
export type CommitteeKind = (typeof COMMITTEE_KINDS)[number];

/** The committee kinds of older databases and what they are now. */
const LEGACY_KINDS: Readonly<Record<string, CommitteeKind>> = {
  district: 'stadsdelsnamnd',
  specialist: 'facknamnd',
  council: 'kommunstyrelse',
  company: 'bolagsstyrelse',
  other: 'facknamnd',
};

/** A committee kind in today's vocabulary (older values mapped; unknown values become `facknamnd`). */
export function committeeKind(raw: string): CommitteeKind {
  if ((COMMITTEE_KINDS as readonly string[]).includes(raw)) return raw as CommitteeKind;
  return LEGACY_KINDS[raw] ?? 'facknamnd';
}

export const GENERATORS = ['targets', 'interventions', 'areas', 'participation'] as const;
export type Generator = (typeof GENERATORS)[number];

export const WRITTEN_KEYS = ['analysis', 'measures', 'risks'] as const;

export type TemplateSection =
  { key: string; kind: 'generated'; generator: Generator } | { key: string; kind: 'written' };

export interface Template {
  committeeKind: CommitteeKind;
  sections: TemplateSection[];
  /** indicator ids shown in "areas against the city"; empty = the template's defaults */
  keyIndicators: string[];
}

const gen = (generator: Generator): TemplateSection => ({ key: generator, kind: 'generated', generator });
const written = (key: string): TemplateSection => ({ key, kind: 'written' });

/** The key indicators compared with the city by default. */
export const DEFAULT_KEY_INDICATORS = [
  'share-low-economic-standard',
  'net-income-median',
  'share-rental-dwellings',
  'share-born-outside-europe',
] as const;

/** The default template of a committee kind: districts report on areas and participation too. */
export function defaultTemplate(kind: CommitteeKind): Template {
  const local = kind === 'stadsdelsnamnd';
  const sections: TemplateSection[] = [
    gen('targets'),
    gen('interventions'),
    ...(local ? [gen('areas'), gen('participation')] : []),
    written('analysis'),
    written('measures'),
    written('risks'),
  ];
  return { committeeKind: kind, sections, keyIndicators: [...DEFAULT_KEY_INDICATORS] };
}

/** A stored template (report_template.spec). */
export const templateSpecSchema = z.strictObject({
  sections: z
    .array(
      z.union([
        z.strictObject({ key: z.string().min(1).max(60), kind: z.literal('generated'), generator: z.enum(GENERATORS) }),
        z.strictObject({ key: z.string().min(1).max(60), kind: z.literal('written') }),
      ]),
    )
    .min(1),
  keyIndicators: z.array(z.string().min(1)).default([]),
});

/** The template of a committee kind: the stored one when valid, else the default. */
export function templateFrom(kind: CommitteeKind, stored: unknown): Template {
  const parsed = stored === null || stored === undefined ? null : templateSpecSchema.safeParse(stored);
  if (!parsed || !parsed.success) return defaultTemplate(kind);
  const keyIndicators = parsed.data.keyIndicators.length ? parsed.data.keyIndicators : [...DEFAULT_KEY_INDICATORS];
  return { committeeKind: kind, sections: parsed.data.sections, keyIndicators };
}
