/** The shared records of the statistics domain. Importers produce them, repositories store them, services read them. */

export type IndicatorKind = 'share' | 'rate' | 'count' | 'mean' | 'median' | 'index';
export type Polarity = 'higher_better' | 'lower_better' | 'neutral';
export type ObservationStatus = 'final' | 'provisional' | 'suppressed' | 'missing';
export type Publication = 'draft' | 'published';

export interface Source {
  id: string;
  name: string;
  publisher: string;
  url?: string | null;
  licence?: string | null;
  citation: string;
}

export interface Division {
  id: string;
  nameSv: string;
  nameEn: string;
  level: number;
  validFrom: string | null; // YYYY-MM-DD
  validTo: string | null; // inclusive; null = still valid
  sourceId?: string | null;
  sort?: number;
}

export interface Area {
  divisionId: string;
  code: string;
  name: string;
  parentDivisionId: string | null;
  parentCode: string | null;
  geometry?: GeoJSONGeometry | null;
  properties?: Record<string, unknown>;
}

/** A GeoJSON geometry (WGS84), kept structural so core needs no GeoJSON package. */
export interface GeoJSONGeometry {
  type: 'Polygon' | 'MultiPolygon' | 'Point' | 'MultiPoint' | 'LineString' | 'MultiLineString';
  coordinates: unknown;
}

export interface Indicator {
  id: string;
  nameSv: string;
  nameEn: string;
  definitionSv: string;
  definitionEn: string;
  unit: string;
  kind: IndicatorKind;
  polarity: Polarity;
  sourceId: string | null;
  numeratorId: string | null;
  denominatorId: string | null;
  /** value = multiplier × numerator / denominator (e.g. 100 for percent). */
  multiplier: number;
  decimals: number;
  goalAreaId?: string | null;
  sort?: number;
}

export interface Observation {
  indicatorId: string;
  divisionId: string;
  areaCode: string;
  period: string;
  /** '' for the total; otherwise 'key=value;key=value' with sorted keys. */
  breakdown: string;
  /** Exact decimal as a string, or null when suppressed or missing. */
  value: string | null;
  numerator: string | null;
  denominator: string | null;
  status: ObservationStatus;
  derived: boolean;
  /** Citation as shown on screen, e.g. 'SCB, Folkmängd efter region, 2022'. */
  source: string;
}

/** Encodes a breakdown map as the stored key (sorted keys, ';'-separated). */
export function breakdownKey(b: Record<string, string>): string {
  return Object.keys(b)
    .sort()
    .map((k) => `${k}=${b[k]}`)
    .join(';');
}
