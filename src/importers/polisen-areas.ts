/**
 * The Police's vulnerable areas (utsatta områden): the 2023 shapefile (SWEREF 99 TM, EPSG:3006),
 * reprojected to WGS84, and the 2025 attribute list (names and categories, no polygons).
 * The count of areas is owned by src/importers/polisen.ts; this module reads the geography.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import proj4 from 'proj4';
import * as shapefile from 'shapefile';
import { AppError } from '../core/errors.ts';
import type { GeoJSONGeometry } from '../core/types.ts';
import { parseCsvText } from './scb-regso-csv.ts';

export const SWEREF99TM = 'EPSG:3006';
proj4.defs(SWEREF99TM, '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs');

export const USO_CATEGORIES = ['Särskilt utsatt område', 'Riskområde', 'Utsatt område'] as const;
export type UsoCategory = (typeof USO_CATEGORIES)[number];

export interface UsoArea {
  /** `NAMN`, e.g. `Rinkeby / Tensta`. */
  name: string;
  category: UsoCategory;
  /** Municipality (`ORT`). */
  municipality: string;
  localPoliceArea: string;
  /** The Police's id (`SPECIALOMR` / `SPECIALOMRADES_ID`). */
  policeId: number;
  /** Listed since (`AKTUALITET`), YYYY-MM-DD. */
  since: string;
  /** WGS84 (lon, lat), or null for the 2025 list. */
  geometry: GeoJSONGeometry | null;
}

function fail(file: string, line: number | undefined, field: string | undefined, message: string): never {
  const where = [file, line !== undefined ? `record ${line}` : '', field ? `field ${field}` : '']
    .filter(Boolean)
    .join(', ');
  throw new AppError('import_failed', `${where}: ${message}`, [
    { file, ...(line !== undefined ? { line } : {}), ...(field ? { field } : {}), message },
  ]);
}

function category(file: string, line: number, raw: unknown): UsoCategory {
  const s = String(raw ?? '').trim();
  const c = USO_CATEGORIES.find((x) => x === s);
  if (!c) fail(file, line, 'KATEGORI', `unknown category ${JSON.stringify(s)} (expected ${USO_CATEGORIES.join(', ')})`);
  return c;
}

const toWgs84 = proj4(SWEREF99TM, 'WGS84');

/** Reprojects a SWEREF 99 TM Polygon/MultiPolygon to WGS84 (lon, lat) with 7 decimals (about 1 cm). */
export function reprojectSweref(geometry: { type: string; coordinates: unknown }): GeoJSONGeometry {
  const pt = (p: number[]): number[] => {
    const [x, y] = toWgs84.forward([p[0]!, p[1]!]);
    return [Math.round(x! * 1e7) / 1e7, Math.round(y! * 1e7) / 1e7];
  };
  if (geometry.type === 'Polygon')
    return { type: 'Polygon', coordinates: (geometry.coordinates as number[][][]).map((ring) => ring.map(pt)) };
  if (geometry.type === 'MultiPolygon')
    return {
      type: 'MultiPolygon',
      coordinates: (geometry.coordinates as number[][][][]).map((poly) => poly.map((ring) => ring.map(pt))),
    };
  throw new Error(`cannot reproject a ${geometry.type}`);
}

/** Reads the 2023 shapefile (`.shp` and `.dbf` beside it); `municipality` keeps one `ORT` only. */
export async function readUso2023(shpPath: string, options: { municipality?: string } = {}): Promise<UsoArea[]> {
  const file = basename(shpPath);
  const prj = await readFile(shpPath.replace(/\.shp$/i, '.prj'), 'utf8').catch(() => '');
  if (prj && !/SWEREF99_TM|SWEREF 99 TM/i.test(prj))
    fail(file, undefined, '.prj', `expected SWEREF 99 TM, found ${prj.slice(0, 60)}`);
  const source = await shapefile.open(shpPath, shpPath.replace(/\.shp$/i, '.dbf'), { encoding: 'utf-8' });
  const out: UsoArea[] = [];
  for (let n = 1; ; n++) {
    const r = await source.read();
    if (r.done) break;
    const p = r.value.properties;
    const name = String(p.NAMN ?? '').trim();
    if (!name) fail(file, n, 'NAMN', 'missing name');
    const municipality = String(p.ORT ?? '').trim();
    if (options.municipality && municipality !== options.municipality) continue;
    const g = r.value.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon'))
      fail(file, n, 'geometry', `expected a polygon for ${name}`);
    const id = Number(p.SPECIALOMR);
    if (!Number.isInteger(id)) fail(file, n, 'SPECIALOMR', `not an id: ${JSON.stringify(p.SPECIALOMR)}`);
    out.push({
      name,
      category: category(file, n, p.KATEGORI),
      municipality,
      localPoliceArea: String(p.LOKALPOLIS ?? '').trim(),
      policeId: id,
      since: String(p.AKTUALITET ?? '').trim(),
      geometry: reprojectSweref(g),
    });
  }
  return out;
}

/** Parses the 2025 list (CSV, no polygons). */
export function parseUso2025(text: string, file: string, options: { municipality?: string } = {}): UsoArea[] {
  const { header, rows } = parseCsvText(text, file, ',');
  const need = ['NAMN', 'KATEGORI', 'ORT', 'LOKALPOLISOMRADE', 'SPECIALOMRADES_ID', 'AKTUALITET_START'];
  const missing = need.filter((c) => !header.includes(c));
  if (missing.length) fail(file, 1, missing[0], `missing column(s) ${missing.join(', ')}`);
  const col = (cells: string[], c: string): string => (cells[header.indexOf(c)] ?? '').trim();
  const out: UsoArea[] = [];
  for (const r of rows) {
    const name = col(r.cells, 'NAMN');
    if (!name) fail(file, r.line, 'NAMN', 'missing name');
    const municipality = col(r.cells, 'ORT');
    if (options.municipality && municipality !== options.municipality) continue;
    const id = Number(col(r.cells, 'SPECIALOMRADES_ID'));
    if (!Number.isInteger(id))
      fail(file, r.line, 'SPECIALOMRADES_ID', `not an id: ${JSON.stringify(col(r.cells, 'SPECIALOMRADES_ID'))}`);
    const since = col(r.cells, 'AKTUALITET_START');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(since))
      fail(file, r.line, 'AKTUALITET_START', `not a date: ${JSON.stringify(since)}`);
    out.push({
      name,
      category: category(file, r.line, col(r.cells, 'KATEGORI')),
      municipality,
      localPoliceArea: col(r.cells, 'LOKALPOLISOMRADE'),
      policeId: id,
      since,
      geometry: null,
    });
  }
  return out;
}

export async function readUso2025(path: string, options: { municipality?: string } = {}): Promise<UsoArea[]> {
  return parseUso2025(await readFile(path, 'utf8'), basename(path), options);
}

/** Names of the 2025 list checked against 2023: same police id, or the same name; what changed. */
export function compareUsoLists(
  a2023: readonly UsoArea[],
  a2025: readonly UsoArea[],
): { name2025: string; match2023: string | null; change: string }[] {
  return a2025.map((b) => {
    const byId = a2023.find((a) => a.policeId === b.policeId);
    const byName = a2023.find((a) => a.name === b.name || a.name.split(' / ').includes(b.name));
    const a = byId ?? byName ?? null;
    if (!a) return { name2025: b.name, match2023: null, change: 'new in 2025' };
    const changes: string[] = [];
    if (a.name !== b.name) changes.push(`name ${a.name} → ${b.name}`);
    if (a.category !== b.category) changes.push(`category ${a.category} → ${b.category}`);
    return { name2025: b.name, match2023: a.name, change: changes.join('; ') || 'unchanged' };
  });
}
