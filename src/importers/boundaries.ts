/**
 * Polygons for any division, uploaded as GeoJSON or as a zipped ESRI shapefile, in WGS84 or SWEREF 99 TM
 * (EPSG:3006; reprojected to WGS84). Each feature gives an area code (a named property, or the first of
 * the usual code properties). Errors name the file, the feature and the field.
 */
import { unzipSync } from 'fflate';
import * as shapefile from 'shapefile';
import { AppError, type Problem } from '../core/errors.ts';
import type { GeoJSONGeometry } from '../core/types.ts';
import { reprojectSweref } from './polisen-areas.ts';

export interface BoundaryFeature {
  /** 1-based feature number in the file. */
  index: number;
  code: string;
  name: string | null;
  geometry: GeoJSONGeometry;
}

export interface BoundaryFile {
  file: string;
  crs: 'WGS84' | 'SWEREF 99 TM';
  codeField: string;
  features: BoundaryFeature[];
}

/** Properties tried in order when no code field is named (SCB's DeSO/RegSO layers, generic layers). */
export const CODE_FIELDS = ['code', 'kod', 'deso', 'desokod', 'deso_kod', 'regsokod', 'regso_kod', 'regso', 'id'];
const NAME_FIELDS = ['name', 'namn', 'regsonamn', 'regso_namn'];

function fail(file: string, problems: Problem[]): never {
  throw new AppError('import_failed', `${file}: ${problems[0]?.message ?? 'not a boundary file'}`, problems);
}

function prop(props: Record<string, unknown>, names: readonly string[]): [string, unknown] | null {
  const lower = new Map(Object.keys(props).map((k) => [k.toLowerCase(), k]));
  for (const n of names) {
    const k = lower.get(n.toLowerCase());
    if (k !== undefined && props[k] !== null && props[k] !== undefined && String(props[k]).trim() !== '')
      return [k, props[k]];
  }
  return null;
}

/** True when coordinates look projected (metres) rather than degrees. */
function looksProjected(g: { coordinates: unknown }): boolean {
  let first: unknown = g.coordinates;
  while (Array.isArray(first) && Array.isArray(first[0])) first = first[0];
  const p = first as number[];
  return Array.isArray(p) && (Math.abs(p[0] ?? 0) > 180 || Math.abs(p[1] ?? 0) > 90);
}

function features(
  file: string,
  list: {
    properties: Record<string, unknown> | null;
    geometry: { type: string; coordinates: unknown } | null;
    id?: unknown;
  }[],
  crs: BoundaryFile['crs'],
  codeField: string | undefined,
): BoundaryFile {
  const out: BoundaryFeature[] = [];
  const problems: Problem[] = [];
  let used = codeField ?? '';
  list.forEach((f, i) => {
    const index = i + 1;
    const props = f.properties ?? {};
    const hit = codeField
      ? prop(props, [codeField])
      : (prop(props, CODE_FIELDS) ?? (f.id != null ? ['id', f.id] : null));
    if (!hit) {
      problems.push({
        file,
        line: index,
        field: codeField ?? CODE_FIELDS.join('|'),
        message: `feature ${index} has no area code`,
      });
      return;
    }
    used ||= hit[0];
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
      problems.push({
        file,
        line: index,
        field: 'geometry',
        message: `feature ${index} (${String(hit[1])}) is not a polygon`,
      });
      return;
    }
    const name = prop(props, NAME_FIELDS);
    out.push({
      index,
      code: String(hit[1]).trim(),
      name: name ? String(name[1]).trim() : null,
      geometry: crs === 'SWEREF 99 TM' ? reprojectSweref(g) : (g as GeoJSONGeometry),
    });
  });
  if (problems.length) fail(file, problems);
  if (!out.length) fail(file, [{ file, message: 'no features' }]);
  return { file, crs, codeField: used, features: out };
}

function parseGeoJson(file: string, bytes: Uint8Array, codeField?: string): BoundaryFile {
  let fc: {
    type?: string;
    crs?: { properties?: { name?: string } };
    features?: {
      properties: Record<string, unknown> | null;
      geometry: { type: string; coordinates: unknown } | null;
      id?: unknown;
    }[];
  };
  try {
    fc = JSON.parse(new TextDecoder().decode(bytes)) as typeof fc;
  } catch (e) {
    fail(file, [{ file, message: `not JSON: ${(e as Error).message}` }]);
  }
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features))
    fail(file, [{ file, field: 'type', message: 'not a GeoJSON FeatureCollection' }]);
  const crsName = fc.crs?.properties?.name ?? '';
  const first = fc.features.find((f) => f.geometry)?.geometry;
  const sweref = /3006|SWEREF/i.test(crsName) || (first ? looksProjected(first) : false);
  if (crsName && !sweref && !/CRS84|4326/.test(crsName))
    fail(file, [{ file, field: 'crs', message: `expected WGS84 or SWEREF 99 TM, found ${crsName}` }]);
  return features(file, fc.features, sweref ? 'SWEREF 99 TM' : 'WGS84', codeField);
}

async function parseShapefileZip(file: string, bytes: Uint8Array, codeField?: string): Promise<BoundaryFile> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (e) {
    fail(file, [{ file, message: `not a zip file: ${(e as Error).message}` }]);
  }
  const find = (ext: string) =>
    Object.keys(entries).find((n) => n.toLowerCase().endsWith(ext) && !n.startsWith('__MACOSX'));
  const shp = find('.shp');
  const dbf = find('.dbf');
  if (!shp || !dbf) fail(file, [{ file, message: 'the zip holds no .shp and .dbf pair' }]);
  const prjName = find('.prj');
  const prj = prjName ? new TextDecoder().decode(entries[prjName]) : '';
  if (prj && !/SWEREF99_TM|SWEREF 99 TM|GCS_WGS_1984|WGS 84|WGS_1984/i.test(prj))
    fail(file, [
      { file: prjName, field: '.prj', message: `expected SWEREF 99 TM or WGS84, found ${prj.slice(0, 60)}` },
    ]);
  const source = await shapefile.open(entries[shp]!, entries[dbf]!, { encoding: 'utf-8' });
  const list: { properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } | null }[] = [];
  for (;;) {
    const r = await source.read();
    if (r.done) break;
    list.push({ properties: r.value.properties as Record<string, unknown>, geometry: r.value.geometry });
  }
  const first = list.find((f) => f.geometry)?.geometry;
  const sweref = /SWEREF/i.test(prj) || (!prj && first ? looksProjected(first) : false);
  return features(file, list, sweref ? 'SWEREF 99 TM' : 'WGS84', codeField);
}

/** Reads a boundary file by its name: `.zip` (shapefile) or `.geojson`/`.json`. */
export async function parseBoundaryFile(
  file: string,
  bytes: Uint8Array,
  options: { codeField?: string } = {},
): Promise<BoundaryFile> {
  if (/\.zip$/i.test(file)) return parseShapefileZip(file, bytes, options.codeField);
  if (/\.(geo)?json$/i.test(file)) return parseGeoJson(file, bytes, options.codeField);
  fail(file, [{ file, message: 'expected a .geojson/.json file or a zipped shapefile (.zip)' }]);
}
