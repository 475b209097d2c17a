/**
 * Shapes of the profile API: the catalog, an area's profile, a comparison of areas and an
 * indicator's map. Pure types, shared by src/services/profiles.ts (which builds them) and the web
 * pages (which read them as JSON).
 */
import type { GeoJSONGeometry, ObservationStatus } from '../types.ts';
import type { IndicatorSummary } from './indicators.ts';
import type { Assessment, Tolerance } from '../stats/compare.ts';

export type { Assessment, Tolerance };

/** The one Indicator contract (contracts/indicators.ts), under the name the profile pages use. */
export type IndicatorMeta = IndicatorSummary;

export interface DivisionMeta {
  id: string;
  nameSv: string;
  nameEn: string;
  level: number;
  validFrom: string | null;
  validTo: string | null;
  areaCount: number;
  hasGeometry: boolean;
}

export interface Point {
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: ObservationStatus;
  source: string;
}

export interface AreaRef {
  divisionId: string;
  code: string;
  name: string;
}

export interface Catalog {
  city: AreaRef | null;
  divisions: DivisionMeta[];
  indicators: IndicatorMeta[];
  areas: { divisionId: string; code: string; name: string; parentCode: string | null }[];
}

export interface ProfileIndicator extends IndicatorMeta {
  /** The area's latest observation (it may be suppressed or missing). */
  latest: Point | null;
  /** The city's value in the same period. */
  city: Point | null;
  difference: number | null;
  relativeDifference: number | null;
  assessment: Assessment;
  rank: number | null;
  rankedCount: number | null;
  tied: boolean;
  firstPeriod: string | null;
  latestPeriod: string | null;
  change: number | null;
  relativeChange: number | null;
  changeAssessment: Assessment | null;
  trend: Point[];
  cityTrend: Point[];
}

export interface Profile {
  division: DivisionMeta;
  area: AreaRef & { hasGeometry: boolean };
  city: AreaRef;
  parents: (AreaRef & { divisionNameSv: string; divisionNameEn: string })[];
  children: (AreaRef & { divisionNameSv: string; divisionNameEn: string })[];
  locator: {
    context: { code: string; geometry: GeoJSONGeometry | null }[];
    target: AreaRef & { geometry: GeoJSONGeometry | null };
    /** True when the area has no polygon and the one of an enclosing area is shown. */
    approximate: boolean;
  } | null;
  tolerance: Tolerance;
  indicators: ProfileIndicator[];
}

export interface Comparison {
  city: AreaRef;
  areas: (AreaRef & { divisionNameSv: string; divisionNameEn: string })[];
  indicators: (IndicatorMeta & {
    city: Point[];
    series: { divisionId: string; code: string; points: Point[] }[];
  })[];
}

export interface IndicatorMap {
  indicator: IndicatorMeta;
  division: DivisionMeta;
  periods: string[];
  period: string | null;
  city: (AreaRef & { value: Point | null; trend: Point[] }) | null;
  areas: (AreaRef &
    Point & {
      parentCode: string | null;
      rank: number | null;
      rankedCount: number | null;
      /** Every period's value of the area (for the time series). */
      trend: { period: string; value: number | null }[];
      geometry: GeoJSONGeometry | null;
    })[];
}
