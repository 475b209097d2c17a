/**
 * The indicator catalogue as data: one metadata file per indicator under `data/indicators/<id>.json`,
 * validated by `indicatorMetadataSchema` at start and in the tests. The same shape is what analysts
 * create and edit through the API (as drafts that are then published).
 *
 * Ratios (`share`, `rate`, `mean` with counts behind them) name a numerator and a denominator; their
 * value is multiplier × Σ numerator ÷ Σ denominator, recomputed from summed counts for larger areas.
 * `helper` counts exist only as numerators or denominators and are shown as an indicator's
 * underlying figures, never ranked on their own.
 */
import { z } from 'zod';
import {
  areaRefSchema,
  divisionMetaSchema,
  divisionSummarySchema,
  idParam,
  indicatorKindSchema,
  indicatorRecordSchema,
  pointSchema,
  polaritySchema,
  publicationSchema,
} from './statistics.ts';

export const INDICATOR_ID_PATTERN = /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/;

export const localizedText = z.strictObject({ sv: z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof localizedText>;

export { indicatorKindSchema, polaritySchema };
export const publisherSchema = z.enum(['scb', 'kolada', 'polisen', 'stockholm', 'committee']);
export const periodicitySchema = z.enum(['annual', 'quarterly', 'monthly', 'biennial', 'quadrennial', 'irregular']);

/** A cell selection in a source table: the content column and breakdown values it must have. */
const cellMatch = {
  content: z.string().min(1).optional(),
  match: z.record(z.string(), z.string()).optional(),
};

/** One term of a count: Σ coef × value(match) [× value(times)]. */
export const countTermSchema = z.strictObject({
  ...cellMatch,
  coef: z.number().finite().optional(),
  /** Multiply by another cell of the same region and period (e.g. percent × persons ÷ 100). */
  times: z.strictObject(cellMatch).optional(),
});

/** Where a count comes from: one table (by id) and the terms summed per region and period. */
export const countSourceSchema = z.strictObject({
  tableId: z.string().min(1),
  terms: z.array(countTermSchema).min(1),
});

/** A cell read as is (medians, means without counts behind them). */
export const directSourceSchema = z.strictObject({ tableId: z.string().min(1), ...cellMatch });

export const indicatorSourceSchema = z
  .strictObject({
    publisher: publisherSchema,
    /** SCB table id (Statistikdatabasen), e.g. '000005FC' or 'TAB638'. */
    table: z.string().min(1).optional(),
    /** Kolada KPI id, e.g. 'N15428'. */
    kpi: z
      .string()
      .regex(/^[A-Z]\d{5}$/, 'a Kolada KPI id is a letter and five digits, e.g. N15428')
      .optional(),
    /** The committee that reports it (publisher 'committee'). */
    committee: z.string().min(1).optional(),
    /** True when the table or KPI id has been checked against the publisher's catalogue. */
    confirmed: z.boolean(),
    note: localizedText.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.publisher === 'kolada' && !s.kpi)
      ctx.addIssue({ code: 'custom', path: ['kpi'], message: 'a Kolada indicator names its KPI id' });
    if (s.publisher === 'committee' && !s.committee)
      ctx.addIssue({
        code: 'custom',
        path: ['committee'],
        message: 'a committee-reported indicator names the committee',
      });
  });

const RATIO_KINDS = new Set(['share', 'rate']);

export const indicatorMetadataSchema = z
  .strictObject({
    /** Optional pointer to a JSON schema for editors; ignored. */
    $schema: z.string().optional(),
    id: z.string().regex(INDICATOR_ID_PATTERN, 'lower-case letters, digits, dots and dashes'),
    name: localizedText,
    definition: localizedText,
    unit: localizedText,
    kind: indicatorKindSchema,
    polarity: polaritySchema,
    numerator: z.string().regex(INDICATOR_ID_PATTERN).nullable(),
    denominator: z.string().regex(INDICATOR_ID_PATTERN).nullable(),
    /** value = multiplier × numerator ÷ denominator (100 for percent). */
    multiplier: z.number().positive(),
    decimals: z.number().int().min(0).max(6),
    /** False for medians and means without counts: not aggregated above the level the source gives. */
    aggregable: z.boolean(),
    /** True for counts that exist only as the numerator or denominator of another indicator. */
    helper: z.boolean(),
    source: indicatorSourceSchema,
    /** For counts: the tables it is read from, in order of preference per region and period. */
    counts: z.array(countSourceSchema).min(1).optional(),
    /** For medians and source-level means: the cell read as is. */
    direct: z.array(directSourceSchema).min(1).optional(),
    /** The breakdown dimensions the values come in besides the total (e.g. ['kön']). */
    breakdowns: z.array(z.string().min(1)),
    periodicity: periodicitySchema,
    /** As the publisher states it (e.g. 'CC BY 4.0'); null when none is stated. */
    licence: z.string().min(1).nullable(),
    goalArea: z.string().min(1).optional(),
    /** Display order in the catalogue. */
    sort: z.number().int().optional(),
  })
  .superRefine((m, ctx) => {
    if ((m.numerator === null) !== (m.denominator === null))
      ctx.addIssue({
        code: 'custom',
        path: [m.numerator === null ? 'numerator' : 'denominator'],
        message: 'numerator and denominator are given together or not at all',
      });
    if (RATIO_KINDS.has(m.kind) && m.numerator === null && m.aggregable)
      ctx.addIssue({
        code: 'custom',
        path: ['aggregable'],
        message: `a ${m.kind} without numerator and denominator cannot be aggregated`,
      });
    if (m.kind === 'median' && m.aggregable)
      ctx.addIssue({ code: 'custom', path: ['aggregable'], message: 'medians cannot be aggregated' });
    if (m.helper && m.kind !== 'count')
      ctx.addIssue({ code: 'custom', path: ['helper'], message: 'only counts are helper figures' });
    if (m.counts && m.kind !== 'count')
      ctx.addIssue({ code: 'custom', path: ['counts'], message: 'only counts are read as sums of cells' });
    if (m.counts && m.direct)
      ctx.addIssue({ code: 'custom', path: ['direct'], message: 'an indicator is read either as counts or directly' });
  });

export type IndicatorMetadata = z.infer<typeof indicatorMetadataSchema>;
export type CountSource = z.infer<typeof countSourceSchema>;
export type CountTerm = z.infer<typeof countTermSchema>;
export type DirectSource = z.infer<typeof directSourceSchema>;

/** A problem found in the catalogue as a whole (references between files). */
export interface CatalogueProblem {
  id: string;
  field: string;
  message: string;
}

/**
 * Checks what one file cannot: ids are unique, numerators and denominators exist and are counts,
 * and a helper is used as a numerator or denominator by some indicator.
 */
export function catalogueProblems(list: readonly IndicatorMetadata[]): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  const byId = new Map<string, IndicatorMetadata>();
  for (const m of list) {
    if (byId.has(m.id)) problems.push({ id: m.id, field: 'id', message: `${m.id} is defined twice` });
    byId.set(m.id, m);
  }
  const used = new Set<string>();
  for (const m of list)
    for (const field of ['numerator', 'denominator'] as const) {
      const ref = m[field];
      if (ref === null) continue;
      used.add(ref);
      const target = byId.get(ref);
      if (!target) problems.push({ id: m.id, field, message: `${ref} is not in the catalogue` });
      else if (target.kind !== 'count')
        problems.push({ id: m.id, field, message: `${ref} is a ${target.kind}, not a count` });
      else if (ref === m.id) problems.push({ id: m.id, field, message: 'an indicator cannot be its own ' + field });
    }
  for (const m of list)
    if (m.helper && !used.has(m.id))
      problems.push({ id: m.id, field: 'helper', message: 'a helper count is the numerator or denominator of none' });
  return problems;
}

/** The statistics source row an indicator's publisher maps to (see the reference sources). */
export const PUBLISHER_SOURCE_ID: Record<z.infer<typeof publisherSchema>, string | null> = {
  scb: 'scb',
  kolada: 'kolada',
  polisen: 'polisen',
  stockholm: 'stockholm-stad',
  committee: null,
};

// ------------------------------------------------------------------------------------------ API shapes

/**
 * An indicator as every API response gives it (catalogue, values, maps, profiles, comparisons): one
 * contract for the indicators slice and the areas slice.
 */
export const indicatorSchema = indicatorRecordSchema
  .pick({
    id: true,
    nameSv: true,
    nameEn: true,
    definitionSv: true,
    definitionEn: true,
    unit: true,
    kind: true,
    polarity: true,
    numeratorId: true,
    denominatorId: true,
    multiplier: true,
    decimals: true,
  })
  .extend({
    aggregable: z
      .boolean()
      .describe('false for medians (and means without counts): only at the level the source gives them'),
    headline: z
      .boolean()
      .describe(
        'false for helper counts: the numerator or denominator of another indicator, shown as its underlying figures',
      ),
    source: z.object({
      id: z.string().nullable(),
      name: z.string().nullable(),
      publisher: z.string().nullable().describe('Who publishes the statistics: SCB, Kolada (RKA), Stockholms stad'),
      citation: z.string().nullable(),
      url: z.string().nullable(),
      licence: z.string().nullable(),
    }),
  })
  .meta({ id: 'Indicator' });
export type IndicatorSummary = z.infer<typeof indicatorSchema>;

/** The database row an indicator is presented from. */
export interface IndicatorSourceRow {
  id: string;
  nameSv: string;
  nameEn: string;
  definitionSv: string;
  definitionEn: string;
  unit: string;
  kind: string;
  polarity: string;
  numeratorId: string | null;
  denominatorId: string | null;
  multiplier: string | number;
  decimals: number;
  helper: boolean;
  sourceId: string | null;
  sourceName: string | null;
  sourcePublisher: string | null;
  sourceCitation: string | null;
  sourceUrl: string | null;
  sourceLicence: string | null;
}

/** Medians, and means/shares without counts behind them, are not aggregated. */
export function isAggregable(ind: { kind: string; numeratorId: string | null }): boolean {
  if (ind.kind === 'median') return false;
  if ((ind.kind === 'mean' || ind.kind === 'share' || ind.kind === 'rate') && ind.numeratorId === null) return false;
  return true;
}

export function presentIndicator(i: IndicatorSourceRow): IndicatorSummary {
  return {
    id: i.id,
    nameSv: i.nameSv,
    nameEn: i.nameEn,
    definitionSv: i.definitionSv,
    definitionEn: i.definitionEn,
    unit: i.unit,
    kind: indicatorKindSchema.parse(i.kind),
    polarity: polaritySchema.parse(i.polarity),
    numeratorId: i.numeratorId,
    denominatorId: i.denominatorId,
    multiplier: Number(i.multiplier),
    decimals: i.decimals,
    aggregable: isAggregable(i),
    headline: !i.helper,
    source: {
      id: i.sourceId,
      name: i.sourceName,
      publisher: i.sourcePublisher,
      citation: i.sourceCitation,
      url: i.sourceUrl,
      licence: i.sourceLicence,
    },
  };
}

/** Body of PUT /indicators/:id/draft: the metadata file's shape. */
export const indicatorDraftBody = indicatorMetadataSchema;
export const indicatorDraftResponse = z
  .object({ id: z.string(), state: publicationSchema, metadata: z.record(z.string(), z.unknown()) })
  .meta({ id: 'IndicatorDraft' });
export const indicatorDraftsResponse = z.object({
  drafts: z.array(
    z.object({
      id: z.string(),
      createdBy: z.string().nullable(),
      updatedAt: z.string(),
      metadata: z.record(z.string(), z.unknown()),
    }),
  ),
});
export const indicatorMetadataResponse = z.object({
  id: z.string(),
  metadata: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('the catalogue file (data/indicators/<id>.json), or null'),
  numerator: indicatorSchema.nullable().describe('the underlying figures: the numerator count'),
  denominator: indicatorSchema.nullable().describe('the underlying figures: the denominator count'),
});

// ------------------------------------------------------------------------------ values and maps

const valueStatus = z.enum(['final', 'provisional', 'suppressed', 'missing', 'not_available']);

export const indicatorsResponse = z.object({ indicators: z.array(indicatorSchema) });

export const valuesParams = z.object({ id: idParam });
export const valuesQuery = z.object({
  division: idParam.describe('division id'),
  period: z
    .string()
    .regex(/^\d{4}([-A-Za-z0-9]*)$/, 'a period such as 2022')
    .optional()
    .describe('default: the latest period of the division'),
});

const value = z.object({
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  status: valueStatus,
  source: z.string().nullable(),
});

export const valuesResponse = z.object({
  indicator: indicatorSchema,
  division: divisionSummarySchema,
  period: z.string().nullable(),
  periods: z.array(z.string()),
  values: z.array(value.extend({ code: z.string(), name: z.string(), derived: z.boolean() })),
  city: value.extend({ code: z.string(), name: z.string() }),
});

export const mapParams = z.object({ id: z.string().min(1).max(200) });
export const mapQuery = z.object({
  division: z.string().min(1).max(100).describe('Division id'),
  period: z.string().min(1).max(40).optional().describe('Period; the latest available when omitted'),
});

/**
 * An indicator's map: every area of a division in one period. Lean, since a DeSO map has hundreds of areas
 * (and thousands nationally): what is the same for every area is said once (the division, the period, the
 * number of ranked areas, the citations), and an area's trend is a column of values beside `periods`.
 */
export const mapResponse = z.object({
  indicator: indicatorSchema,
  division: divisionMetaSchema,
  periods: z.array(z.string()).describe('the periods with values in this division, oldest first'),
  period: z.string().nullable().describe('the period shown; null when the division has no values'),
  rankedCount: z.number().describe('the number of areas ranked in the period (those with a value)'),
  sources: z.array(z.string()).describe("the citations of the period's values; an area's `source` indexes it"),
  city: areaRefSchema.extend({ value: pointSchema.nullable(), trend: z.array(pointSchema) }).nullable(),
  areas: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      parentCode: z.string().nullable(),
      value: z.number().nullable(),
      numerator: z.number().nullable(),
      denominator: z.number().nullable(),
      status: pointSchema.shape.status,
      source: z.number().int().nullable().describe('index into `sources`; null where the area has no value row'),
      rank: z
        .number()
        .nullable()
        .describe('1 = the most favourable (a neutral indicator: the highest), of `rankedCount`'),
      trend: z
        .array(z.number().nullable())
        .describe("the area's value in each of `periods` (same order), null where it has none"),
    }),
  ),
});

export type IndicatorMap = z.infer<typeof mapResponse>;
