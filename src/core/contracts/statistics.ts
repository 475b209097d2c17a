/**
 * The records of the statistics domain: sources, divisions (indelningar), areas, indicators and observations.
 * Importers produce them, repositories store them, services read them; one zod schema each, so a record has
 * one definition; the building blocks of the API's responses (division, area, point) follow, and ./areas.ts
 * and ./indicators.ts build the responses from them.
 */
import { z } from 'zod';

export const indicatorKindSchema = z.enum(['share', 'rate', 'count', 'mean', 'median', 'index']);
export const polaritySchema = z.enum(['higher_better', 'lower_better', 'neutral']);
export type IndicatorKind = z.infer<typeof indicatorKindSchema>;
export type Polarity = z.infer<typeof polaritySchema>;

export const observationStatusSchema = z.enum(['final', 'provisional', 'suppressed', 'missing']);
export type ObservationStatus = z.infer<typeof observationStatusSchema>;

export const publicationSchema = z.enum(['draft', 'published']);
export type Publication = z.infer<typeof publicationSchema>;

/** A GeoJSON geometry (WGS84), kept structural so core needs no GeoJSON package. */
export interface GeoJSONGeometry {
  type: 'Polygon' | 'MultiPolygon' | 'Point' | 'MultiPoint' | 'LineString' | 'MultiLineString';
  coordinates: unknown;
}
export const geometrySchema = z.custom<GeoJSONGeometry>(
  (g) =>
    typeof g === 'object' &&
    g !== null &&
    ['Polygon', 'MultiPolygon', 'Point', 'MultiPoint', 'LineString', 'MultiLineString'].includes(
      String((g as { type?: unknown }).type),
    ) &&
    'coordinates' in g,
  'a GeoJSON geometry',
);

export const sourceRecordSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  publisher: z.string(),
  url: z.string().nullable().optional(),
  licence: z.string().nullable().optional(),
  citation: z.string(),
});
export type Source = z.infer<typeof sourceRecordSchema>;

export const divisionRecordSchema = z.object({
  id: z.string().min(1),
  nameSv: z.string(),
  nameEn: z.string(),
  level: z.number().int(),
  /** YYYY-MM-DD */
  validFrom: z.string().nullable(),
  /** inclusive; null = still valid */
  validTo: z.string().nullable(),
  sourceId: z.string().nullable().optional(),
  sort: z.number().optional(),
});
export type Division = z.infer<typeof divisionRecordSchema>;

export const areaRecordSchema = z.object({
  divisionId: z.string().min(1),
  code: z.string().min(1),
  name: z.string(),
  parentDivisionId: z.string().nullable(),
  parentCode: z.string().nullable(),
  geometry: geometrySchema.nullable().optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});
export type Area = z.infer<typeof areaRecordSchema>;

export const indicatorRecordSchema = z.object({
  id: z.string().min(1),
  nameSv: z.string(),
  nameEn: z.string(),
  definitionSv: z.string(),
  definitionEn: z.string(),
  unit: z.string(),
  kind: indicatorKindSchema,
  polarity: polaritySchema,
  sourceId: z.string().nullable(),
  numeratorId: z.string().nullable(),
  denominatorId: z.string().nullable(),
  /** value = multiplier × numerator / denominator (e.g. 100 for percent). */
  multiplier: z.number(),
  decimals: z.number().int(),
  goalAreaId: z.string().nullable().optional(),
  sort: z.number().optional(),
});
export type Indicator = z.infer<typeof indicatorRecordSchema>;

export const observationRecordSchema = z.object({
  indicatorId: z.string().min(1),
  divisionId: z.string().min(1),
  areaCode: z.string().min(1),
  period: z.string().min(1),
  /** '' for the total; otherwise 'key=value;key=value' with sorted keys. */
  breakdown: z.string(),
  /** Exact decimal as a string, or null when suppressed or missing. */
  value: z.string().nullable(),
  numerator: z.string().nullable(),
  denominator: z.string().nullable(),
  status: observationStatusSchema,
  derived: z.boolean(),
  /** Citation as shown on screen, e.g. 'SCB, Folkmängd efter region, 2022'. */
  source: z.string(),
});
export type Observation = z.infer<typeof observationRecordSchema>;

// ------------------------------------------------------------------------------ API building blocks

/** A polygon (or other geometry) as the API sends it; null where the area has none. */
export const geometryOut = z
  .object({
    type: z.enum(['Polygon', 'MultiPolygon', 'Point', 'MultiPoint', 'LineString', 'MultiLineString']),
    coordinates: z.unknown(),
  })
  .nullable();

/** An identifier in a path or query (division, indicator): letters, digits and - _ . : only. */
export const idParam = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and - _ . : only');

/** A division as the API names it. */
export const divisionSummarySchema = z.object({
  id: z.string(),
  nameSv: z.string(),
  nameEn: z.string(),
  level: z.number(),
});

/** A division with its validity, its number of areas and whether it has polygons. */
export const divisionMetaSchema = divisionSummarySchema
  .extend({
    validFrom: z.string().nullable().describe('YYYY-MM-DD; null = no start'),
    validTo: z.string().nullable().describe('YYYY-MM-DD, inclusive; null = still valid'),
    areaCount: z.number(),
    hasGeometry: z.boolean(),
  })
  .meta({ id: 'Division' });
export type DivisionMeta = z.infer<typeof divisionMetaSchema>;

/** An area named by its division and code. */
export const areaRefSchema = z
  .object({ divisionId: z.string(), code: z.string(), name: z.string() })
  .meta({ id: 'AreaRef' });
export type AreaRef = z.infer<typeof areaRefSchema>;

/** One observation of an area in a period (numeric values as numbers). */
export const pointSchema = z
  .object({
    period: z.string(),
    value: z.number().nullable(),
    numerator: z.number().nullable(),
    denominator: z.number().nullable(),
    status: observationStatusSchema,
    source: z.string(),
  })
  .meta({ id: 'Point' });
export type Point = z.infer<typeof pointSchema>;
