import { z } from 'zod';
import { indicatorSchema } from '../../../core/contracts/indicators.ts';

const geometry = z
  .object({
    type: z.enum(['Polygon', 'MultiPolygon', 'Point', 'MultiPoint', 'LineString', 'MultiLineString']),
    coordinates: z.unknown(),
  })
  .nullable();
const status = z.enum(['final', 'provisional', 'suppressed', 'missing', 'not_available']);
const id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and - _ . : only');

const divisionSummary = z.object({ id: z.string(), nameSv: z.string(), nameEn: z.string(), level: z.number() });

export const divisionsResponse = z.object({
  divisions: z.array(
    divisionSummary.extend({
      validFrom: z.string().nullable().describe('YYYY-MM-DD; null = no start'),
      validTo: z.string().nullable().describe('YYYY-MM-DD, inclusive; null = still valid'),
      areaCount: z.number(),
      hasGeometry: z.boolean(),
    }),
  ),
});

export const areasQuery = z.object({
  division: id.describe('division id, e.g. stadsdelsomrade-2023'),
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
  z.object({ division: divisionSummary, areas: z.array(area) }),
  z.object({
    type: z.literal('FeatureCollection'),
    division: z.string(),
    features: z.array(
      z.object({ type: z.literal('Feature'), id: z.string(), properties: z.record(z.string(), z.unknown()), geometry }),
    ),
  }),
]);

const indicator = indicatorSchema;

export const indicatorsResponse = z.object({ indicators: z.array(indicator) });

export const valuesParams = z.object({ id });
export const valuesQuery = z.object({
  division: id.describe('division id'),
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
  status,
  source: z.string().nullable(),
});

export const valuesResponse = z.object({
  indicator,
  division: divisionSummary,
  period: z.string().nullable(),
  periods: z.array(z.string()),
  values: z.array(value.extend({ code: z.string(), name: z.string(), derived: z.boolean() })),
  city: value.extend({ code: z.string(), name: z.string() }),
});

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

export const boundariesParams = z.object({ id: id.describe('division id, e.g. deso') });
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
