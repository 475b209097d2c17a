/**
 * The analysis API's contracts (segregation, multigroup, need index, allocation, scenarios): one zod schema per
 * request and response, used by the routes (validation, serialisation), the services (return types) and the web
 * pages (types).
 */
import { z } from 'zod';
import { AREA_TYPES } from '../analysis/need-index.ts';
import { indicatorSchema } from './indicators.ts';
import { divisionSummarySchema, geometryOut } from './statistics.ts';

const areaType = z.enum(AREA_TYPES);
const polarity = z.enum(['higherIsWorse', 'higherIsBetter']);
const sek = z.string().regex(/^\d+$/, 'whole kronor');
const signedSek = z.string().regex(/^-?\d+$/);
const geometry = geometryOut;

/** An indicator of the need index and its weight; the polarity defaults to the indicator's in the catalogue. */
export const needIndicatorChoiceSchema = z.object({
  id: z.string(),
  weight: z.number(),
  polarity: polarity.optional(),
});

export const divisionParams = z.object({ division: z.string().min(1).max(100) });
export const idParams = z.object({ id: z.coerce.number().int().positive() });

export const optionsResponse = z.object({
  divisions: z.array(
    divisionSummarySchema.extend({
      areaCount: z.number(),
      presets: z.array(z.object({ id: z.string(), periods: z.array(z.string()) })),
    }),
  ),
  plannedYears: z.array(z.number()),
  presets: z.array(
    z.object({ id: z.string(), group: z.string(), total: z.string(), labelSv: z.string(), labelEn: z.string() }),
  ),
  need: z.object({
    baseDivision: z.string(),
    periods: z.array(z.string()),
    indicators: z.array(needIndicatorChoiceSchema),
    cutoffs: z.array(z.number()),
    shares: z.array(z.number()),
    typeWeights: z.record(areaType, z.number()),
  }),
  indicators: z
    .array(indicatorSchema)
    .describe(
      'the indicators of the presets and the need index, as the one Indicator contract (unified: the citation is source.citation; kind and polarity are the catalogue enumerations)',
    ),
});

export const areasResponse = z.object({
  division: z.string(),
  areas: z.array(z.object({ code: z.string(), name: z.string(), geometry })),
});

export const segregationQuery = z.object({
  division: z.string().min(1).max(100),
  preset: z.string().max(100).optional(),
  group: z.string().max(100).optional(),
  total: z.string().max(100).optional(),
  period: z.string().max(20).optional(),
});

const measures = z.object({
  D: z.number(),
  H: z.number(),
  M: z.number(),
  xPx: z.number(),
  xPy: z.number(),
  G: z.number(),
  share: z.number(),
  n: z.number(),
  groupTotal: z.number(),
  total: z.number(),
  skipped: z.array(z.string()),
});
const spreadSchema = z.object({
  period: z.number(),
  n: z.number(),
  min: z.number(),
  max: z.number(),
  range: z.number(),
  maxMinRatio: z.number().nullable(),
  bottomFifthMean: z.number(),
  topFifthMean: z.number(),
  fifthsRatio: z.number().nullable(),
  mean: z.number(),
  weightedMean: z.number(),
  sd: z.number(),
  cv: z.number().nullable(),
  weightedSd: z.number(),
  weightedCv: z.number().nullable(),
  skipped: z.array(z.string()),
});

export const segregationResponse = z.object({
  division: z.string(),
  group: z.string(),
  total: z.string(),
  preset: z.string().nullable(),
  period: z.string(),
  periods: z.array(z.string()),
  measures,
  missing: z.array(z.string()),
  cityShare: z.number(),
  areas: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      group: z.number().nullable(),
      total: z.number().nullable(),
      share: z.number().nullable(),
      difference: z.number().nullable(),
    }),
  ),
  trend: z.array(
    z.object({
      period: z.string(),
      D: z.number(),
      H: z.number(),
      xPx: z.number(),
      xPy: z.number(),
      G: z.number(),
      share: z.number(),
      n: z.number(),
    }),
  ),
  divides: z.object({
    periods: z.array(spreadSchema),
    cvSlope: z.number().nullable(),
    cvChange: z.number().nullable(),
    narrowing: z.boolean().nullable(),
  }),
  moran: z
    .object({
      I: z.number(),
      EI: z.number(),
      VINorm: z.number(),
      zNorm: z.number(),
      pNorm: z.number(),
      VIRand: z.number(),
      zRand: z.number(),
      pRand: z.number(),
      n: z.number(),
      S0: z.number(),
      S1: z.number(),
      S2: z.number(),
      isolates: z.array(z.string()),
      contiguity: z.literal('queen'),
      variable: z.literal('share'),
    })
    .nullable(),
  moranNote: z.string().nullable(),
  sources: z.array(z.string()),
});

export const needQuery = z.object({
  period: z.string().max(20).optional(),
  aggregateTo: z.string().max(100).optional(),
  populationWeighted: z.enum(['true', 'false']).optional(),
  /** `id:weight[:higherIsWorse|higherIsBetter],…` */
  indicators: z.string().max(2000).optional(),
  method: z.enum(['populationShares', 'sd']).optional(),
  /** five population shares in percent (large challenges first), comma-separated, adding up to 100 */
  shares: z.string().max(200).optional(),
  /** method sd: four descending numbers, comma-separated */
  cutoffs: z.string().max(200).optional(),
});

const byTypeEntry = z.object({ areas: z.number(), population: z.number() });
export const needResponse = z.object({
  division: z.string(),
  period: z.string(),
  periods: z.array(z.string()),
  populationWeighted: z.boolean(),
  cutoffs: z.array(z.number()),
  method: z.enum(['populationShares', 'sd']),
  shares: z.array(z.number()).nullable(),
  indicators: z.array(
    z.object({
      id: z.string(),
      polarity,
      weight: z.number(),
      normalisedWeight: z.number(),
      mean: z.number(),
      sd: z.number(),
      nameSv: z.string(),
      nameEn: z.string(),
      unit: z.string(),
    }),
  ),
  areas: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      population: z.number(),
      components: z
        .array(z.number())
        .describe('the signed standardised value of each of `indicators` (same order), weighted into `composite`'),
      composite: z.number(),
      score: z.number(),
      type: areaType,
      values: z
        .array(z.number().nullable())
        .describe("the area's value of each of `indicators` (same order), null where it has none"),
    }),
  ),
  missing: z.array(z.object({ id: z.string(), indicator: z.string() })),
  byType: z.record(areaType, byTypeEntry),
  aggregated: z
    .object({
      division: z.string(),
      areas: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          population: z.number(),
          score: z.number().nullable(),
          type: areaType.nullable(),
          populationByType: z.record(areaType, z.number()).nullable(),
          members: z.number(),
        }),
      ),
      unmapped: z.array(z.string()),
    })
    .nullable(),
  sources: z.array(z.string()),
});
export type NeedResponse = z.infer<typeof needResponse>;

export const allocationBody = z.strictObject({
  name: z.string().max(200).optional(),
  division: z.string().min(1).max(100),
  period: z.string().max(20).optional(),
  totalSek: sek,
  year: z.number().int().min(1990).max(2100),
  typeWeights: z
    .strictObject({
      largeChallenges: z.number().min(0),
      challenges: z.number().min(0),
      mixed: z.number().min(0),
      good: z.number().min(0),
      veryGood: z.number().min(0),
    })
    .partial()
    .optional(),
  needIndicators: z
    .array(z.strictObject({ id: z.string().max(100), weight: z.number().min(0), polarity: polarity.optional() }))
    .max(20)
    .optional(),
  floorSek: sek.nullable().optional(),
  capSek: sek.nullable().optional(),
  transition: z
    .strictObject({
      formulaPercent: z.number().min(0).max(100),
      base: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('planned'), year: z.number().int().min(1990).max(2100) }),
        z.strictObject({ kind: z.literal('scenario'), id: z.number().int().positive() }),
      ]),
    })
    .nullable()
    .optional(),
});

export const scenarioBody = allocationBody.extend({ name: z.string().min(1).max(200) });

const allocationLine = z.object({
  code: z.string(),
  name: z.string(),
  population: z.number(),
  type: areaType.nullable(),
  score: z.number().nullable(),
  needWeight: z.number(),
  weightShare: z.number(),
  amountSek: sek,
  bound: z.enum(['floor', 'cap']).nullable(),
  lastSek: sek.nullable(),
  plannedSek: sek,
  differenceSek: signedSek,
});

export const allocationResponse = z.object({
  params: z.looseObject({ division: z.string(), totalSek: z.string(), year: z.number() }),
  period: z.string(),
  totalSek: sek,
  lines: z.array(allocationLine),
  withoutNeedIndex: z.array(z.string()),
  planned: z.object({ year: z.number(), inAreasSek: signedSek, cityWideSek: signedSek, unattributedSek: signedSek }),
  sources: z.array(z.string()),
});

export const scenarioResponse = allocationResponse.extend({ id: z.number(), name: z.string() });
export const scenarioFullResponse = scenarioResponse.extend({
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export const scenarioListResponse = z.object({
  scenarios: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      params: z.unknown(),
      createdBy: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});
export const compareQuery = z.object({ ids: z.string().regex(/^\d+(,\d+)*$/, 'comma-separated scenario ids') });
export const compareResponse = z.object({ scenarios: z.array(scenarioFullResponse) });

export const methodsResponse = z.object({ markdown: z.string() });

export const dividesQuery = z.object({ division: z.string().min(1).max(100), indicator: z.string().min(1).max(100) });
export const dividesResponse = z.object({
  division: z.string(),
  indicator: z.object({
    id: z.string(),
    nameSv: z.string(),
    nameEn: z.string(),
    unit: z.string(),
    polarity: z.string(),
  }),
  periods: z.array(spreadSchema),
  cvSlope: z.number().nullable(),
  cvChange: z.number().nullable(),
  narrowing: z.boolean().nullable(),
  sources: z.array(z.string()),
});

export const multigroupQuery = z.object({
  division: z.string().min(1).max(100),
  set: z.string().min(1).max(100),
  period: z.string().max(20).optional(),
});
export const multigroupResponse = z.object({
  division: z.string(),
  set: z.object({ id: z.string(), labelSv: z.string(), labelEn: z.string() }),
  groups: z.array(z.object({ id: z.string(), labelSv: z.string(), labelEn: z.string(), share: z.number() })),
  period: z.string(),
  periods: z.array(z.string()),
  measures: z.object({
    multiD: z.number(),
    multiH: z.number(),
    M: z.number(),
    multiG: z.number(),
    normExposure: z.number(),
    n: z.number(),
    skipped: z.array(z.string()),
  }),
  missing: z.array(z.string()),
  sources: z.array(z.string()),
});
