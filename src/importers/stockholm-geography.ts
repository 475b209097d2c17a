/**
 * Stockholm city's stadsdel polygons (GeoJSON, WGS84, names in capitals) and the stadsdel →
 * stadsdelsområde membership table for both divisions (13 areas 2020-07-01..2023-06-30, 11 from
 * 2023-07-01).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../core/errors.ts';
import { displayName, nameKey } from '../core/geo/names.ts';
import { stadsdelCode } from '../core/geo/stockholm.ts';
import type { GeoJSONGeometry } from '../core/types.ts';
import { parseCsvText } from './scb-regso-csv.ts';

function fail(file: string, line: number | undefined, field: string | undefined, message: string): never {
  const where = [file, line !== undefined ? `line ${line}` : '', field ? `field ${field}` : '']
    .filter(Boolean)
    .join(', ');
  throw new AppError('import_failed', `${where}: ${message}`, [
    { file, ...(line !== undefined ? { line } : {}), ...(field ? { field } : {}), message },
  ]);
}

export interface StadsdelFeature {
  code: string;
  /** As the source writes it (`HÄSSELBY GÅRD`). */
  sourceName: string;
  /** As people write it (`Hässelby gård`). */
  name: string;
  geometry: GeoJSONGeometry;
}

/** Parses the stadsdel FeatureCollection; checks CRS (WGS84), geometry types and unique names. */
export function parseStadsdelar(text: string, file: string): StadsdelFeature[] {
  let fc: { type?: string; crs?: { properties?: { name?: string } }; features?: unknown[] };
  try {
    fc = JSON.parse(text) as typeof fc;
  } catch (e) {
    fail(file, undefined, undefined, `not JSON: ${(e as Error).message}`);
  }
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features))
    fail(file, undefined, 'type', 'not a GeoJSON FeatureCollection');
  const crs = fc.crs?.properties?.name;
  if (crs && !/CRS84|EPSG::?4326/.test(crs)) fail(file, undefined, 'crs', `expected WGS84 (CRS84), found ${crs}`);
  const out: StadsdelFeature[] = [];
  const seen = new Set<string>();
  fc.features.forEach((f, i) => {
    const feat = f as { properties?: { name?: unknown }; geometry?: { type?: string; coordinates?: unknown } };
    const where = `features[${i}]`;
    const sourceName = typeof feat.properties?.name === 'string' ? feat.properties.name.trim() : '';
    if (!sourceName) fail(file, undefined, `${where}.properties.name`, 'missing name');
    const g = feat.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !Array.isArray(g.coordinates))
      fail(file, undefined, `${where}.geometry`, `expected a Polygon or MultiPolygon for ${sourceName}`);
    const key = nameKey(sourceName);
    if (seen.has(key)) fail(file, undefined, `${where}.properties.name`, `${sourceName} appears twice`);
    seen.add(key);
    out.push({
      code: stadsdelCode(sourceName),
      sourceName,
      name: displayName(sourceName),
      geometry: { type: g.type, coordinates: g.coordinates },
    });
  });
  return out;
}

export async function readStadsdelar(path: string): Promise<StadsdelFeature[]> {
  return parseStadsdelar(await readFile(path, 'utf8'), basename(path));
}

export interface MembershipRow {
  line: number;
  /** Stadsdel name as in the polygon layer (capitals). */
  stadsdel: string;
  /** 11-area division (from 2023-07-01). */
  sdo2023: string;
  /** 13-area division (2020-07-01..2023-06-30). */
  sdo2020: string;
  /** The spatial join's confidence (share of sample points in the stadsdelsområde). */
  confidence: number;
  samplePoints: number | null;
}

const MEMBERSHIP_COLUMNS = [
  'stadsdel_namn_stadskarta',
  'stadsdelsomrade_2023_11',
  'stadsdelsomrade_2020_2023_13',
  'sdo_share_of_sample_points',
];

export function parseMembership(text: string, file: string): MembershipRow[] {
  const { header, rows } = parseCsvText(text, file, ',');
  const idx = (c: string): number => header.indexOf(c);
  const missing = MEMBERSHIP_COLUMNS.filter((c) => idx(c) < 0);
  if (missing.length) fail(file, 1, missing[0], `missing column(s) ${missing.join(', ')}`);
  const nPoints = idx('n_sample_points');
  const out: MembershipRow[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const cell = (c: string): string => (r.cells[idx(c)] ?? '').trim();
    const stadsdel = cell('stadsdel_namn_stadskarta');
    if (!stadsdel) fail(file, r.line, 'stadsdel_namn_stadskarta', 'missing stadsdel name');
    if (seen.has(nameKey(stadsdel))) fail(file, r.line, 'stadsdel_namn_stadskarta', `${stadsdel} appears twice`);
    seen.add(nameKey(stadsdel));
    const sdo2023 = cell('stadsdelsomrade_2023_11');
    const sdo2020 = cell('stadsdelsomrade_2020_2023_13');
    if (!sdo2023) fail(file, r.line, 'stadsdelsomrade_2023_11', `missing stadsdelsområde for ${stadsdel}`);
    if (!sdo2020) fail(file, r.line, 'stadsdelsomrade_2020_2023_13', `missing stadsdelsområde for ${stadsdel}`);
    const share = Number(cell('sdo_share_of_sample_points'));
    if (!Number.isFinite(share) || share < 0 || share > 1)
      fail(
        file,
        r.line,
        'sdo_share_of_sample_points',
        `expected a share 0..1, found ${JSON.stringify(cell('sdo_share_of_sample_points'))}`,
      );
    const np = nPoints >= 0 ? Number(r.cells[nPoints]) : NaN;
    out.push({
      line: r.line,
      stadsdel,
      sdo2023,
      sdo2020,
      confidence: share,
      samplePoints: Number.isFinite(np) ? np : null,
    });
  }
  return out;
}

export async function readMembership(path: string): Promise<MembershipRow[]> {
  return parseMembership(await readFile(path, 'utf8'), basename(path));
}
