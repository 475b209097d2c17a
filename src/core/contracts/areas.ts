/**
 * The areas slice's API: divisions, areas (JSON or GeoJSON), crosswalks, search, boundary files, an area's
 * profile and a comparison of areas. One zod schema per request and response: the route validates and
 * serialises with it, the service returns its type, and the web app reads it.
 */
import { z } from 'zod';
import { indicatorSchema } from './indicators.ts';
import {
  areaRefSchema,
  divisionMetaSchema,
  divisionSummarySchema,
  geometryOut,
  idParam,
  pointSchema,
} from './statistics.ts';

export type { AreaRef, DivisionMeta, Point } from './statistics.ts';

export const divisionsResponse = z.object({ divisions: z.array(divisionMetaSchema) });

export const areasQuery = z.object({
  division: idParam.describe('division id, e.g. stadsdelsomrade-2023'),
  format: z
    .enum(['json', 'geojson'])
    .default('json')
    .describe('geojson: a FeatureCollection with the polygons (WGS84)'),
});

const area = z.object({
  code: z.string(),
  name: z.string(),
  parentDivisionId: z.string().nullable(),
  parentCode: z.string().nullable(),
  properties: z.record(z.string(), z.unknown()),
});

export const areasResponse = z.union([
  z.object({ division: divisionSummarySchema, areas: z.array(area) }),
  z.object({
    type: z.literal('FeatureCollection'),
    division: z.string(),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.string(),
        properties: z.record(z.string(), z.unknown()),
        geometry: geometryOut,
      }),
    ),
  }),
]);

export const crosswalksResponse = z.object({
  crosswalks: z.array(
    z.object({
      fromDivisionId: z.string(),
      toDivisionId: z.string(),
      method: z.string().describe('exact-key, name-match, explicit-table, spatial-join'),
      description: z.string(),
      links: z.array(
        z.object({
          fromCode: z.string(),
          fromName: z.string(),
          toCode: z.string(),
          toName: z.string(),
          weight: z.number(),
          confidence: z.number().nullable(),
          method: z.string().nullable(),
          note: z.string().nullable(),
        }),
      ),
      unmatched: z
        .array(z.object({ code: z.string(), reason: z.string() }))
        .describe('source areas that could not be linked'),
      uncovered: z
        .array(z.object({ code: z.string(), name: z.string(), reason: z.string() }))
        .describe('target areas no source area links to'),
    }),
  ),
});

export const areaSearchQuery = z.object({
  q: z.string().trim().min(1).max(100).describe('part of an area name or code'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const areaSearchResponse = z.object({
  query: z.string(),
  hits: z.array(
    z.object({
      divisionId: z.string(),
      division: z.object({
        nameSv: z.string(),
        nameEn: z.string(),
        validTo: z.string().nullable(),
        current: z.boolean().describe('false for divisions that have ended'),
      }),
      code: z.string(),
      name: z.string(),
      parentCode: z.string().nullable(),
    }),
  ),
});

export const boundariesParams = z.object({ id: idParam.describe('division id, e.g. deso') });
export const boundariesBody = z.strictObject({
  file: z
    .string()
    .regex(/\.(zip|geojson|json)$/i, 'a .geojson/.json file or a zipped shapefile (.zip)')
    .describe('the file name'),
  content: z.string().min(1).describe('the file, base64'),
  codeField: z.string().min(1).max(100).optional().describe('the property holding the area code'),
});
export const boundariesResponse = z.object({
  divisionId: z.string(),
  file: z.string(),
  crs: z.enum(['WGS84', 'SWEREF 99 TM']),
  codeField: z.string(),
  features: z.number(),
  matched: z.number(),
  unmatched: z
    .array(z.object({ feature: z.number(), code: z.string(), name: z.string().nullable() }))
    .describe('features whose code is no area of the division'),
  withoutPolygon: z.array(z.string()).describe('areas of the division the file gives no polygon for'),
  areasWithPolygon: z.number(),
});

// ------------------------------------------------------------------------------ profiles and comparisons

export const assessmentSchema = z.enum(['better', 'worse', 'same', 'neutral', 'unknown']);
export type Assessment = z.infer<typeof assessmentSchema>;
export const toleranceSchema = z.object({ kind: z.enum(['relative', 'absolute']), value: z.number() });
export type Tolerance = z.infer<typeof toleranceSchema>;

const relatedRef = areaRefSchema.extend({ divisionNameSv: z.string(), divisionNameEn: z.string() });

export const catalogResponse = z.object({
  city: areaRefSchema.nullable(),
  divisions: z.array(divisionMetaSchema),
  indicators: z.array(indicatorSchema),
  areas: z.array(
    z.object({ divisionId: z.string(), code: z.string(), name: z.string(), parentCode: z.string().nullable() }),
  ),
});

export const profileParams = z.object({
  division: z.string().min(1).max(100).describe('Division id, e.g. stadsdelsomrade-2020'),
  code: z.string().min(1).max(100).describe('Area code within the division'),
});

export const profileResponse = z.object({
  division: divisionMetaSchema,
  area: areaRefSchema.extend({ hasGeometry: z.boolean() }),
  city: areaRefSchema,
  parents: z.array(relatedRef),
  children: z.array(relatedRef),
  locator: z
    .object({
      contextDivision: z
        .string()
        .describe(
          'The division whose polygons the locator draws around the area: GET /analysis/areas/{division}, fetched once per division',
        ),
      target: areaRefSchema.extend({ geometry: geometryOut }),
      approximate: z.boolean(),
    })
    .nullable(),
  tolerance: toleranceSchema,
  indicators: z.array(
    indicatorSchema.extend({
      latest: pointSchema.nullable(),
      city: pointSchema.nullable(),
      difference: z.number().nullable(),
      relativeDifference: z.number().nullable(),
      assessment: assessmentSchema,
      rank: z.number().nullable(),
      rankedCount: z.number().nullable(),
      tied: z.boolean(),
      firstPeriod: z.string().nullable(),
      latestPeriod: z.string().nullable(),
      change: z.number().nullable(),
      relativeChange: z.number().nullable(),
      changeAssessment: assessmentSchema.nullable(),
      trend: z.array(pointSchema),
      cityTrend: z.array(pointSchema),
    }),
  ),
});

export const compareQuery = z.object({
  areas: z
    .string()
    .min(1)
    .max(2000)
    .describe('Comma-separated division:code items (1-8), e.g. stadsdelsomrade-2020:01,stadsdelsomrade-2020:05'),
  indicators: z.string().max(4000).optional().describe('Comma-separated indicator ids; all when omitted'),
});

export const compareResponse = z.object({
  city: areaRefSchema,
  areas: z.array(relatedRef),
  indicators: z.array(
    indicatorSchema.extend({
      city: z.array(pointSchema),
      series: z.array(z.object({ divisionId: z.string(), code: z.string(), points: z.array(pointSchema) })),
    }),
  ),
});

export type Catalog = z.infer<typeof catalogResponse>;
export type Profile = z.infer<typeof profileResponse>;
export type ProfileIndicator = Profile['indicators'][number];
export type Comparison = z.infer<typeof compareResponse>;
