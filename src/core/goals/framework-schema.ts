// The goals framework as data: zod schemas for data/framework/*.json, and parsing with the
// cross-reference checks (framework-checks.ts). Pure (no I/O): reading the files is done by
// src/importers/framework.ts.
import { z } from 'zod';
import { checkFrameworkReferences } from './framework-checks.ts';

export { allCitations, checkFrameworkReferences, oneSidedLinks } from './framework-checks.ts';

export const bilingualSchema = z.object({ sv: z.string().min(1), en: z.string().min(1) }).strict();

/** A source document in ../shared/seeds, cited by file name and a section (heading or phrase in the file). */
export const citationSchema = z
  .object({
    document: z
      .string()
      .regex(/^\d{3}_[0-9a-f]{16}\.txt$/, 'document must be a seed file name such as 000_7e220e8d6a405f53.txt'),
    /** a heading (or, where the document has none, a short phrase) that can be found in the file */
    section: z.string().min(3),
    /** optional exact phrase from the passage (found in the file after normalising OCR damage) */
    quote: z.string().min(3).optional(),
  })
  .strict();

const id = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'ids are lower-case letters, digits, dots and hyphens');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD');
const year = z.number().int().min(1990).max(2100);

export const goalStatusSchema = z.enum(['met', 'on_track', 'at_risk', 'off_track', 'not_measurable']);

/** Set by a person for commitments that have no indicator; never computed. */
export const manualStatusSchema = z
  .object({
    status: goalStatusSchema,
    note: z.string().min(1),
    setAt: isoDate,
    setBy: z.string().min(1),
  })
  .strict();

export const visionSchema = z
  .object({
    id,
    title: bilingualSchema,
    text: bilingualSchema,
    citation: citationSchema,
  })
  .strict();

export const strategySchema = z
  .object({
    id,
    /** 1-based number as in the remissvar (shown there as a Roman numeral) */
    number: z.number().int().min(1),
    numeral: z.string().regex(/^[IVX]+$/),
    title: bilingualSchema,
    citation: citationSchema,
  })
  .strict();

export const goalAreaSchema = z
  .object({
    id,
    order: z.number().int().min(1),
    title: bilingualSchema,
    description: bilingualSchema.optional(),
    citation: citationSchema,
    strategies: z.array(strategySchema).min(1),
  })
  .strict();

export const commitmentSchema = z
  .object({
    id,
    title: bilingualSchema,
    /** the commitment in the programme's words (Swedish) */
    text: z.string().min(1),
    linkedGoalAreas: z.array(id).min(1),
    linkedStrategies: z.array(id).default([]),
    /** measurable targets that follow the commitment up */
    targetIds: z.array(id).default([]),
    /** for commitments without an indicator: set by a person, with a dated note; null = not yet assessed */
    manualStatus: manualStatusSchema.nullable(),
    /** the committee (nämnd) answering for the commitment: a committee id, stored as given */
    responsibleCommittee: z.string().min(1).max(100).optional(),
    citation: citationSchema,
  })
  .strict();

export const reformAreaSchema = z
  .object({
    id,
    number: z.number().int().min(1),
    title: bilingualSchema,
    linkedGoalAreas: z.array(id).min(1),
    citation: citationSchema,
    commitments: z.array(commitmentSchema).min(1),
  })
  .strict();

export const reformProgrammeSchema = z
  .object({
    id,
    title: bilingualSchema,
    adopted: z.string().min(1),
    citation: citationSchema,
    areas: z.array(reformAreaSchema).length(7),
  })
  .strict();

export const indicatorSchema = z
  .object({
    id,
    name: bilingualSchema,
    unit: bilingualSchema,
    /** which direction is good */
    better: z.enum(['higher', 'lower']),
    /** the source, named as it must be shown beside every figure */
    source: z.string().min(1),
    /** available = Färdplan has data (importer or reference data); needs_data = defined but no data source yet */
    availability: z.enum(['available', 'needs_data']),
    /** the level the data exists at */
    level: z.enum(['city', 'area']),
    division: z.string().optional(),
    note: bilingualSchema.optional(),
  })
  .strict();

/**
 * Where the data for a missing indicator would come from: an SCB table (its id in Statistikdatabasen),
 * a Kolada KPI (its id), or the reporting of a committee (its id).
 */
export const neededDataSchema = z
  .object({
    /** the indicator id it would get in Färdplan's catalogue */
    indicatorId: id,
    source: z.enum(['scb', 'kolada', 'committee', 'other']),
    /** SCB table id, Kolada KPI id, committee id, or the name of the other source */
    ref: z.string().min(2).max(200),
  })
  .strict();

const comparatorSchema = z.enum(['at_most', 'at_least']);

export const levelFormSchema = z
  .object({
    form: z.literal('level'),
    comparator: comparatorSchema,
    /** absolute target value; or null with targetFactor (e.g. 0.5 = "halved" relative to the baseline) */
    targetValue: z.number().nullable(),
    targetFactor: z.number().positive().optional(),
  })
  .strict()
  .refine((f) => (f.targetValue === null) !== (f.targetFactor === undefined), {
    message: 'a level target has either targetValue or targetFactor (with targetValue null), not both',
  });

export const directionFormSchema = z
  .object({
    form: z.literal('direction'),
    desired: z.enum(['increase', 'decrease']),
  })
  .strict();

export const gapFormSchema = z
  .object({
    form: z.literal('gap'),
    /** share of the baseline gap to close, e.g. 0.5 = halve the gap */
    reduction: z.number().gt(0).max(1),
    /** the gap between the weakest area and the city average */
    between: z.literal('weakest_area_and_city_average'),
    division: z.string().min(1),
  })
  .strict();

export const everyAreaFormSchema = z
  .object({
    form: z.literal('every_area'),
    comparator: comparatorSchema,
    targetValue: z.number(),
    division: z.string().min(1),
  })
  .strict();

export const targetFormSchema = z.discriminatedUnion('form', [
  levelFormSchema,
  directionFormSchema,
  gapFormSchema,
  everyAreaFormSchema,
]);

export const targetSchema = z
  .object({
    id,
    /** document = the document names the target; derived = an etappmål Färdplan formulates from a document's stated aim */
    origin: z.enum(['document', 'derived']),
    parentTargetId: id.optional(),
    title: bilingualSchema,
    description: bilingualSchema,
    goalAreaIds: z.array(id).min(1),
    strategyIds: z.array(id).default([]),
    commitmentIds: z.array(id).default([]),
    /**
     * an indicator: from indicators.json or from the statistics catalogue (checked against the database
     * when loaded), or null with needsIndicator describing what is missing
     */
    indicatorId: id.nullable(),
    needsIndicator: bilingualSchema.nullable(),
    /** with needsIndicator: the indicator it needs and where the data would come from */
    neededData: neededDataSchema.optional(),
    /** when the indicator is a stand-in for what the target says: why, in words */
    proxy: bilingualSchema.optional(),
    /** the committee (nämnd) answering for the target: a committee id, stored as given */
    responsibleCommittee: z.string().min(1).max(100).optional(),
    target: targetFormSchema,
    unit: bilingualSchema,
    deadline: z
      .object({
        year,
        /** false when the document gives no year and Färdplan has set one (see note) */
        stated: z.boolean(),
        note: bilingualSchema.optional(),
      })
      .strict(),
    baseline: z
      .object({
        /** the baseline period (a year) */
        period: year,
        /** null = not known yet (no data) */
        value: z.number().nullable(),
        note: bilingualSchema.optional(),
      })
      .strict(),
    scope: z
      .object({
        level: z.enum(['city', 'every_area', 'group']),
        division: z.string().optional(),
        description: bilingualSchema,
      })
      .strict(),
    derivation: bilingualSchema.optional(),
    citation: citationSchema,
  })
  .strict()
  .refine((t) => (t.indicatorId === null) !== (t.needsIndicator === null), {
    message: 'a target has either an indicatorId or needsIndicator (the other null)',
    path: ['needsIndicator'],
  })
  .refine((t) => t.indicatorId !== null || t.neededData !== undefined, {
    message: 'a target without an indicator names the indicator it needs and its source (neededData)',
    path: ['neededData'],
  })
  .refine((t) => t.deadline.year >= t.baseline.period, {
    message: 'the deadline is before the baseline period',
    path: ['deadline', 'year'],
  })
  .refine((t) => (t.origin === 'derived') === (t.derivation !== undefined), {
    message: 'derived targets (and only those) explain their derivation',
  });

export const kronorSchema = z.string().regex(/^(0|[1-9]\d*)$/, 'amounts are whole kronor written as an integer string');

export const interventionSchema = z
  .object({
    id,
    name: bilingualSchema,
    description: z.string().min(1),
    /** the committee (nämnd) responsible, null when the document does not say */
    responsibleCommittee: z.string().min(1).nullable(),
    /** where the money comes from (budget proposal, fund, …), null when not said */
    fundingSource: z.string().min(1).nullable(),
    /** kronor per budget year, integers as strings (exact money); {} when the document gives no amount */
    amountsPerYear: z.record(z.string().regex(/^\d{4}$/), kronorSchema),
    /** named target areas (stadsdelsområden or places), [] = city-wide / not named */
    targetAreas: z.array(z.string().min(1)),
    linkedGoalAreas: z.array(id).min(1),
    linkedStrategies: z.array(id).default([]),
    linkedTargets: z.array(id).default([]),
    status: z.enum(['proposed', 'decided', 'ongoing', 'completed']),
    note: z.string().optional(),
    citation: citationSchema,
  })
  .strict();

export const visionFileSchema = visionSchema;
export const goalAreasFileSchema = z.array(goalAreaSchema).length(4);
export const indicatorsFileSchema = z.array(indicatorSchema);
export const targetsFileSchema = z.array(targetSchema);
export const interventionsFileSchema = z.array(interventionSchema);

export type Bilingual = z.infer<typeof bilingualSchema>;
export type Citation = z.infer<typeof citationSchema>;
export type ManualStatus = z.infer<typeof manualStatusSchema>;
export type Vision = z.infer<typeof visionSchema>;
export type Strategy = z.infer<typeof strategySchema>;
export type GoalArea = z.infer<typeof goalAreaSchema>;
export type Commitment = z.infer<typeof commitmentSchema>;
export type ReformArea = z.infer<typeof reformAreaSchema>;
export type ReformProgramme = z.infer<typeof reformProgrammeSchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type TargetForm = z.infer<typeof targetFormSchema>;
export type Target = z.infer<typeof targetSchema>;
export type Intervention = z.infer<typeof interventionSchema>;

export interface Framework {
  vision: Vision;
  goalAreas: GoalArea[];
  reformProgramme: ReformProgramme;
  indicators: Indicator[];
  targets: Target[];
  interventions: Intervention[];
}

/** The files of data/framework and the schema each must satisfy. */
export const FRAMEWORK_FILES = {
  vision: 'vision.json',
  goalAreas: 'goal-areas.json',
  reformProgramme: 'reform-programme.json',
  indicators: 'indicators.json',
  targets: 'targets.json',
  interventions: 'interventions.json',
} as const;

/** Parses the raw JSON of each file; throws an Error naming the file and the field on bad input. */
export function parseFramework(raw: Record<keyof typeof FRAMEWORK_FILES, unknown>): Framework {
  const parse = <T>(schema: z.ZodType<T>, value: unknown, file: string): T => {
    const r = schema.safeParse(value);
    if (!r.success) {
      const first = r.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
        .join('; ');
      throw new Error(`data/framework/${file}: ${first}`);
    }
    return r.data;
  };
  const f: Framework = {
    vision: parse(visionFileSchema, raw.vision, FRAMEWORK_FILES.vision),
    goalAreas: parse(goalAreasFileSchema, raw.goalAreas, FRAMEWORK_FILES.goalAreas),
    reformProgramme: parse(reformProgrammeSchema, raw.reformProgramme, FRAMEWORK_FILES.reformProgramme),
    indicators: parse(indicatorsFileSchema, raw.indicators, FRAMEWORK_FILES.indicators),
    targets: parse(targetsFileSchema, raw.targets, FRAMEWORK_FILES.targets),
    interventions: parse(interventionsFileSchema, raw.interventions, FRAMEWORK_FILES.interventions),
  };
  const problems = checkFrameworkReferences(f);
  if (problems.length) throw new Error(`data/framework: ${problems.join('; ')}`);
  return f;
}
