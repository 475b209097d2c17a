/**
 * Kolada API v3 (RKA): response shapes, the 25-id limit per path parameter, and values turned into
 * observations. Kolada divides values by gender: T total, K women, M men (v2 wrote F for women).
 */
import { z } from 'zod';
import type { Observation } from '../types.ts';

/** At most 25 ids in one path parameter (kpi, municipality, ou, year). */
export const KOLADA_MAX_IDS = 25;
/** At most 5000 values a page. */
export const KOLADA_MAX_PER_PAGE = 5000;

const KoladaValue = z
  .object({
    gender: z.string(),
    value: z.number().nullable(),
    status: z.string().nullable().optional(),
    count: z.number().optional(),
    isdeleted: z.boolean().optional(),
  })
  .loose();

const Page = <T extends z.ZodType>(item: T) =>
  z
    .object({
      count: z.number().int().nonnegative(),
      values: z.array(item),
      next_url: z.string().nullable().optional(),
      previous_url: z.string().nullable().optional(),
    })
    .loose();

export const KoladaDataPage = Page(
  z
    .object({
      kpi: z.string(),
      municipality: z.string().optional(),
      ou: z.string().optional(),
      period: z.union([z.number().int(), z.string()]),
      values: z.array(KoladaValue),
    })
    .loose(),
);
export type KoladaDataPage = z.infer<typeof KoladaDataPage>;

export const KoladaKpiPage = Page(
  z
    .object({
      id: z.string(),
      title: z.string(),
      description: z.string().optional(),
      is_divided_by_gender: z.union([z.boolean(), z.number()]).optional(),
      municipality_type: z.string().optional(),
      has_ou_data: z.boolean().optional(),
      operating_area: z.string().optional(),
    })
    .loose(),
);
export type KoladaKpiPage = z.infer<typeof KoladaKpiPage>;

export const KoladaOuPage = Page(z.object({ id: z.string(), title: z.string(), municipality: z.string() }).loose());
export type KoladaOuPage = z.infer<typeof KoladaOuPage>;

/** Kolada's gender → Färdplan's breakdown key (`''` is the total). Unknown codes give null. */
export function koladaBreakdown(gender: string): string | null {
  switch (gender) {
    case 'T':
      return '';
    case 'K':
    case 'F':
      return 'sex=kvinnor';
    case 'M':
      return 'sex=män';
    default:
      return null;
  }
}

/** Splits ids into path parameters of at most 25. */
export function chunkIds(ids: readonly string[], size = KOLADA_MAX_IDS): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

export interface KoladaTarget {
  /** KPI id → Färdplan indicator id. */
  indicators: ReadonlyMap<string, string>;
  /** Kolada municipality or OU id → where Färdplan keeps it. */
  areas: ReadonlyMap<string, { divisionId: string; areaCode: string }>;
}

export interface KoladaObservation extends Observation {
  deleted: boolean;
}

/** The values of data pages as observations (source `Kolada (RKA), <KPI id>`); deleted values are flagged. */
export function koladaObservations(pages: readonly KoladaDataPage[], target: KoladaTarget): KoladaObservation[] {
  const out: KoladaObservation[] = [];
  for (const page of pages) {
    for (const row of page.values) {
      const indicatorId = target.indicators.get(row.kpi);
      const place = target.areas.get(row.ou ?? row.municipality ?? '');
      if (!indicatorId || !place) continue;
      for (const v of row.values) {
        const breakdown = koladaBreakdown(v.gender);
        if (breakdown === null) continue;
        out.push({
          indicatorId,
          divisionId: place.divisionId,
          areaCode: place.areaCode,
          period: String(row.period),
          breakdown,
          value: v.value === null ? null : String(v.value),
          numerator: null,
          denominator: null,
          status: v.value === null ? 'missing' : 'final',
          derived: false,
          source: `Kolada (RKA), ${row.kpi}`,
          deleted: v.isdeleted === true,
        });
      }
    }
  }
  return out;
}

export const KoladaMunicipalityPage = Page(
  z.object({ id: z.string(), title: z.string(), type: z.string().optional() }).loose(),
);
