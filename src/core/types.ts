/**
 * The shared records of the statistics domain. Importers produce them, repositories store them, services read
 * them. Each is defined once, as a zod schema in ./contracts/statistics.ts; this module names them for the
 * code that imports from here.
 */
export type {
  Area,
  Division,
  GeoJSONGeometry,
  Indicator,
  IndicatorKind,
  Observation,
  ObservationStatus,
  Polarity,
  Publication,
  Source,
} from './contracts/statistics.ts';

/** Encodes a breakdown map as the stored key (sorted keys, ';'-separated). */
export function breakdownKey(b: Record<string, string>): string {
  return Object.keys(b)
    .sort()
    .map((k) => `${k}=${b[k]}`)
    .join(';');
}
