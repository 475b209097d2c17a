// The Police's lists of vulnerable areas (utsatta områden) → the count per municipality and year.
//
// Two layouts exist in the reference data (../shared/data/polisen):
//  - uso-<year>/uso_<year>.dbf: the attribute table of the published shapefile (read with the
//    `shapefile` package's dbf reader; fields NAMN, KATEGORI, ORT, …);
//  - utsatta-omraden-<year>.csv: the attribute table transcribed as CSV (columns NAMN, KATEGORI, ORT, …).
// ORT is the place (for Stockholm: the municipality). Every row is one area; all categories
// (Utsatt område, Riskområde, Särskilt utsatt område) count.
import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';

export interface VulnerableArea {
  name: string;
  category: string;
  /** ORT in the Police's table */
  place: string;
  /** AKTUALITET / AKTUALITET_START: the date the area's classification applies from (YYYY-MM-DD) */
  since: string | null;
}

export interface VulnerableAreaList {
  year: number;
  file: string;
  areas: VulnerableArea[];
}

export interface VulnerableAreaCount {
  year: number;
  municipality: string;
  count: number;
  byCategory: Record<string, number>;
  areas: string[];
  /** "Polisen, Utsatta områden <year>" — to be shown beside every figure */
  source: string;
}

export const POLISEN_INDICATOR_ID = 'polisen.utsatta-omraden.stockholm';

const REQUIRED = ['NAMN', 'KATEGORI', 'ORT'] as const;

function clean(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : value == null ? '' : String(value).trim();
}

function yearFromName(file: string): number {
  const m = /(\d{4})/.exec(basename(file));
  if (!m) throw new Error(`${file}: cannot tell the year of the list from the file name`);
  return Number(m[1]);
}

/** Reads a CSV list (the 2025 layout). */
export async function readVulnerableAreasCsv(file: string): Promise<VulnerableAreaList> {
  const text = await readFile(file, 'utf8');
  const rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  const header = rows[0];
  if (!header) throw new Error(`${file}: the file is empty`);
  const col = (name: string): number => {
    const i = header.findIndex((h) => h.trim().toUpperCase() === name);
    if (i < 0) throw new Error(`${file}, line 1: missing column ${name}`);
    return i;
  };
  const [iName, iCat, iOrt] = REQUIRED.map(col) as [number, number, number];
  const iSince = header.findIndex((h) => /^AKTUALITET/i.test(h.trim()));
  const areas: VulnerableArea[] = [];
  rows.slice(1).forEach((r, k) => {
    const line = k + 2;
    const name = clean(r[iName]);
    const category = clean(r[iCat]);
    const place = clean(r[iOrt]);
    if (!name) throw new Error(`${file}, line ${line}, column NAMN: empty area name`);
    if (!category) throw new Error(`${file}, line ${line}, column KATEGORI: empty category`);
    if (!place) throw new Error(`${file}, line ${line}, column ORT: empty place`);
    areas.push({ name, category, place, since: iSince >= 0 ? clean(r[iSince]) || null : null });
  });
  return { year: yearFromName(file), file, areas };
}

interface DbfSource {
  read(): Promise<{ done: boolean; value: Record<string, unknown> | undefined }>;
}
interface ShapefileModule {
  openDbf(path: string, options?: { encoding?: string }): Promise<DbfSource>;
}

/** Reads the attribute table of a shapefile (the 2023 layout) with the `shapefile` package. */
export async function readVulnerableAreasDbf(file: string): Promise<VulnerableAreaList> {
  const require = createRequire(import.meta.url);
  const shapefile = require('shapefile') as ShapefileModule;
  let encoding = 'utf-8';
  try {
    const cpg = (await readFile(file.replace(/\.dbf$/i, '.cpg'), 'utf8')).trim();
    if (cpg) encoding = cpg.toLowerCase() === 'utf-8' || cpg.toLowerCase() === 'utf8' ? 'utf-8' : cpg;
  } catch {
    // no .cpg: assume UTF-8
  }
  const source = await shapefile.openDbf(file, { encoding });
  const areas: VulnerableArea[] = [];
  for (let record = 1; ; record++) {
    const r = await source.read();
    if (r.done || !r.value) break;
    const v = r.value;
    for (const f of REQUIRED) {
      if (!(f in v)) throw new Error(`${file}, record ${record}: missing field ${f}`);
    }
    const name = clean(v['NAMN']);
    const category = clean(v['KATEGORI']);
    const place = clean(v['ORT']);
    if (!name) throw new Error(`${file}, record ${record}, field NAMN: empty area name`);
    if (!category) throw new Error(`${file}, record ${record}, field KATEGORI: empty category`);
    if (!place) throw new Error(`${file}, record ${record}, field ORT: empty place`);
    const sinceKey = Object.keys(v).find((k) => /^AKTUALITET/i.test(k));
    areas.push({ name, category, place, since: sinceKey ? clean(v[sinceKey]) || null : null });
  }
  return { year: yearFromName(file), file, areas };
}

/** Counts the areas of one municipality (ORT) in a list. */
export function countForMunicipality(list: VulnerableAreaList, municipality: string): VulnerableAreaCount {
  const want = municipality.toLocaleLowerCase('sv');
  const mine = list.areas.filter((a) => a.place.toLocaleLowerCase('sv') === want);
  const byCategory: Record<string, number> = {};
  for (const a of mine) byCategory[a.category] = (byCategory[a.category] ?? 0) + 1;
  return {
    year: list.year,
    municipality,
    count: mine.length,
    byCategory,
    areas: mine.map((a) => a.name).sort((x, y) => x.localeCompare(y, 'sv')),
    source: `Polisen, Utsatta områden ${list.year}`,
  };
}

/**
 * Finds every list under `polisenDir` (uso-<year>/uso_<year>.dbf and utsatta-omraden-<year>.csv)
 * and yields the count for `municipality` per year, oldest first.
 */
export async function importVulnerableAreaCounts(
  polisenDir: string,
  municipality = 'Stockholm',
): Promise<VulnerableAreaCount[]> {
  const lists = await readVulnerableAreaLists(polisenDir);
  return lists.map((l) => countForMunicipality(l, municipality));
}

/**
 * Police area names that are not stadsdelar of the city's map, resolved by hand to the stadsdel
 * they lie in (documented in docs/goals.md).
 */
export const POLISEN_HAND_RESOLUTIONS: Readonly<Record<string, string>> = {
  HJULSTA: 'TENSTA', // Hjulsta is a neighbourhood of the stadsdel Tensta
  HÄSSELBY: 'HÄSSELBY GÅRD', // 2023 "Hässelby / Vällingby": every Hässelby stadsdel lies in Hässelby-Vällingby
};

export interface AreaCountByDistrict {
  year: number;
  /** stadsdelsområde name → the Police's areas in it */
  byDistrict: Map<string, string[]>;
  source: string;
}

/**
 * Places each of the municipality's areas in a stadsdelsområde: the area name is split on "/"
 * ("Hagsätra / Rågsved"), each part looked up as a stadsdel (case-insensitive) in `stadsdelToDistrict`
 * (or in POLISEN_HAND_RESOLUTIONS first). All parts must lie in the same stadsdelsområde.
 * Throws naming the list, the area and the part that cannot be placed.
 */
export function countByDistrict(
  list: VulnerableAreaList,
  municipality: string,
  stadsdelToDistrict: ReadonlyMap<string, string>,
): AreaCountByDistrict {
  const want = municipality.toLocaleLowerCase('sv');
  const byDistrict = new Map<string, string[]>();
  for (const a of list.areas) {
    if (a.place.toLocaleLowerCase('sv') !== want) continue;
    const districts = new Set<string>();
    for (const part of a.name
      .split('/')
      .map((p) => p.trim().toLocaleUpperCase('sv'))
      .filter(Boolean)) {
      const stadsdel = POLISEN_HAND_RESOLUTIONS[part] ?? part;
      const d = stadsdelToDistrict.get(stadsdel);
      if (!d) throw new Error(`${list.file}: area "${a.name}": "${part}" is not a stadsdel of ${municipality}`);
      districts.add(d);
    }
    if (districts.size !== 1)
      throw new Error(`${list.file}: area "${a.name}" spans several stadsdelsområden (${[...districts].join(', ')})`);
    const d = [...districts][0] as string;
    byDistrict.set(d, [...(byDistrict.get(d) ?? []), a.name]);
  }
  return { year: list.year, byDistrict, source: `Polisen, Utsatta områden ${list.year}` };
}

/** Every list under `polisenDir`, oldest first (see importVulnerableAreaCounts). */
export async function readVulnerableAreaLists(polisenDir: string): Promise<VulnerableAreaList[]> {
  const lists: VulnerableAreaList[] = [];
  for (const entry of (await readdir(polisenDir)).sort()) {
    const p = join(polisenDir, entry);
    if ((await stat(p)).isDirectory()) {
      for (const f of (await readdir(p)).sort()) {
        if (/^uso_\d{4}\.dbf$/i.test(f)) lists.push(await readVulnerableAreasDbf(join(p, f)));
      }
    } else if (/^utsatta-omraden-\d{4}\.csv$/i.test(entry)) {
      lists.push(await readVulnerableAreasCsv(p));
    }
  }
  const years = new Set<number>();
  for (const l of lists) {
    if (years.has(l.year)) throw new Error(`${polisenDir}: two lists for the year ${l.year}`);
    years.add(l.year);
  }
  return lists.sort((a, b) => a.year - b.year);
}
