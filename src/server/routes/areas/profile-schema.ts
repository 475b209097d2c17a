import { z } from 'zod';
import { indicatorSchema } from '../../../core/contracts/indicators.ts';

const geometry = z
  .object({
    type: z.enum(['Polygon', 'MultiPolygon', 'Point', 'MultiPoint', 'LineString', 'MultiLineString']),
    coordinates: z.unknown(),
  })
  .nullable();
const assessment = z.enum(['better', 'worse', 'same', 'neutral', 'unknown']);

const point = z.object({
  period: z.string(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  status: z.enum(['final', 'provisional', 'suppressed', 'missing']),
  source: z.string(),
});

const indicatorMeta = indicatorSchema;

const divisionMeta = z.object({
  id: z.string(),
  nameSv: z.string(),
  nameEn: z.string(),
  level: z.number(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  areaCount: z.number(),
  hasGeometry: z.boolean(),
});

const areaRef = z.object({ divisionId: z.string(), code: z.string(), name: z.string() });
const relatedRef = areaRef.extend({ divisionNameSv: z.string(), divisionNameEn: z.string() });
const tolerance = z.object({ kind: z.enum(['relative', 'absolute']), value: z.number() });

export const catalogResponse = z.object({
  city: areaRef.nullable(),
  divisions: z.array(divisionMeta),
  indicators: z.array(indicatorMeta),
  areas: z.array(
    z.object({ divisionId: z.string(), code: z.string(), name: z.string(), parentCode: z.string().nullable() }),
  ),
});

export const profileParams = z.object({
  division: z.string().min(1).max(100).describe('Division id, e.g. stadsdelsomrade-2020'),
  code: z.string().min(1).max(100).describe('Area code within the division'),
});

export const profileResponse = z.object({
  division: divisionMeta,
  area: areaRef.extend({ hasGeometry: z.boolean() }),
  city: areaRef,
  parents: z.array(relatedRef),
  children: z.array(relatedRef),
  locator: z
    .object({
      context: z.array(z.object({ code: z.string(), geometry })),
      target: areaRef.extend({ geometry }),
      approximate: z.boolean(),
    })
    .nullable(),
  tolerance,
  indicators: z.array(
    indicatorMeta.extend({
      latest: point.nullable(),
      city: point.nullable(),
      difference: z.number().nullable(),
      relativeDifference: z.number().nullable(),
      assessment,
      rank: z.number().nullable(),
      rankedCount: z.number().nullable(),
      tied: z.boolean(),
      firstPeriod: z.string().nullable(),
      latestPeriod: z.string().nullable(),
      change: z.number().nullable(),
      relativeChange: z.number().nullable(),
      changeAssessment: assessment.nullable(),
      trend: z.array(point),
      cityTrend: z.array(point),
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
  city: areaRef,
  areas: z.array(relatedRef),
  indicators: z.array(
    indicatorMeta.extend({
      city: z.array(point),
      series: z.array(z.object({ divisionId: z.string(), code: z.string(), points: z.array(point) })),
    }),
  ),
});

export const mapParams = z.object({ id: z.string().min(1).max(200) });
export const mapQuery = z.object({
  division: z.string().min(1).max(100).describe('Division id'),
  period: z.string().min(1).max(40).optional().describe('Period; the latest available when omitted'),
});

export const mapResponse = z.object({
  indicator: indicatorMeta,
  division: divisionMeta,
  periods: z.array(z.string()),
  period: z.string().nullable(),
  city: areaRef.extend({ value: point.nullable(), trend: z.array(point) }).nullable(),
  areas: z.array(
    areaRef.extend(point.shape).extend({
      parentCode: z.string().nullable(),
      rank: z.number().nullable(),
      rankedCount: z.number().nullable(),
      trend: z.array(z.object({ period: z.string(), value: z.number().nullable() })),
      geometry,
    }),
  ),
});
