/** Jämför: the default choice of areas and indicators, and the latest value of a series. */
import { DEFAULT_DIVISION, type Catalog, type Point } from '../areas/shared.tsx';

const DEFAULT_AREA_NAMES = ['Järva', 'Skärholmen', 'Farsta', 'Norra innerstaden'];
/** Indicators shown by default when present (by id pattern), else the first non-count ones. */
const DEFAULT_INDICATOR_PATTERNS = [
  /unemploy|arbetsl/i,
  /low-economic|lag-ekonomisk|låg/i,
  /post-secondary|eftergymn|higher-education/i,
  /employ|förvärv|sysselsatt/i,
  /foreign|utländsk/i,
];

/** The programme's presentation areas in the default division, else the first four of the first level-1 division. */
export function defaultAreas(catalog: Catalog): string[] {
  const keys: string[] = [];
  for (const n of DEFAULT_AREA_NAMES) {
    const a = catalog.areas.find((x) => x.divisionId === DEFAULT_DIVISION && x.name === n);
    if (a) keys.push(`${a.divisionId}:${a.code}`);
  }
  if (keys.length >= 2) return keys;
  const firstDivision = catalog.divisions.find((d) => d.level === 1 && d.areaCount > 1);
  return catalog.areas
    .filter((a) => a.divisionId === firstDivision?.id)
    .slice(0, 4)
    .map((a) => `${a.divisionId}:${a.code}`);
}

/** Up to three headline indicators matching the default patterns, else the first non-count ones. */
export function defaultIndicators(catalog: Catalog): string[] {
  const out: string[] = [];
  for (const re of DEFAULT_INDICATOR_PATTERNS) {
    const i = catalog.indicators.find((x) => re.test(x.id) && x.kind !== 'count' && x.headline && !out.includes(x.id));
    if (i) out.push(i.id);
    if (out.length >= 3) break;
  }
  if (out.length === 0)
    out.push(
      ...catalog.indicators
        .filter((i) => i.kind !== 'count')
        .slice(0, 2)
        .map((i) => i.id),
    );
  if (out.length === 0 && catalog.indicators[0]) out.push(catalog.indicators[0].id);
  return out;
}

/** The latest point with a value, else the latest point. */
export function latestPoint(points: readonly Point[]): Point | null {
  for (let i = points.length - 1; i >= 0; i--) if (points[i]!.value !== null) return points[i]!;
  return points[points.length - 1] ?? null;
}
