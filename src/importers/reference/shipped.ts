/**
 * The reference dataset that ships with Färdplan (data/reference/stockholm): the importers' output for
 * the raw files, in a compact form (simplified polygons that keep shared borders, SCB records with
 * their repeated strings stored once, gzip'd JSON), with a manifest naming the sources, their licences,
 * the date of extraction and the checksum of the raw files. `fardplan reference build --from <dir>`
 * writes it; loading it gives the same inputs the raw directory gives, but with simplified polygons.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import type { GeometryCollection } from 'topojson-specification';
import { AppError } from '../../core/errors.ts';
import type { ScbCellStatus, ScbRecord } from '../../core/stats/scb.ts';
import type { GeoJSONGeometry } from '../../core/types.ts';
import type { ReferenceInputs, ScbTableInput } from './inputs.ts';

/** data/reference/stockholm in this repository. */
export const shippedReferenceDir = fileURLToPath(new URL('../../../data/reference/stockholm', import.meta.url));

export const SHIPPED_FORMAT = 'fardplan-reference/1';
const FILES = { geography: 'geography.json.gz', statistics: 'statistics.json.gz', police: 'police.json.gz' } as const;

/** Polygon simplification: shared borders stay shared (TopoJSON); the least significant share of vertices goes. */
export const SIMPLIFICATION = {
  method: 'Visvalingam (topojson-simplify) on a shared-arc topology, quantised to 1e6 steps of the bounding box',
  dropShare: 0.8,
  decimals: 6,
} as const;

export interface ShippedSource {
  id: string;
  publisher: string;
  name: string;
  licence: string | null;
  url: string | null;
  /** The raw files (paths in the data directory) this part is derived from. */
  files: string[];
}

export interface ShippedManifest {
  format: typeof SHIPPED_FORMAT;
  name: string;
  /** YYYY-MM-DD: when the raw files were read. */
  extractedAt: string;
  /** SHA-256 over the raw files (names and bytes) it was built from. */
  rawChecksum: string;
  rawFileCount: number;
  builtWith: string;
  simplification: typeof SIMPLIFICATION;
  sources: ShippedSource[];
  /** SHA-256 of each part's JSON (before gzip). */
  parts: Record<keyof typeof FILES, { file: string; sha256: string }>;
  counts: { stadsdelar: number; deso: number; regso: number; tables: number; records: number; policeLists: number };
}

export const SHIPPED_SOURCES: readonly ShippedSource[] = [
  {
    id: 'stockholm-stad',
    publisher: 'Stockholms stad',
    name: 'Stadskarta (stadsdelar), öppna data, 2021-04-13; stadsdel → stadsdelsområde',
    licence: 'CC0',
    url: 'https://dataportalen.stockholm.se/',
    files: ['stockholm/boundaries/stadsdelar.geojson', 'stockholm/stadsdel-stadsdelsomrade.csv'],
  },
  {
    id: 'scb',
    publisher: 'Statistiska centralbyrån (SCB)',
    name: 'Statistikdatabasen: DeSO-tabeller 2022 (och 2023), RegSO-serier 2020–2023, nyckel DeSO 2018 → RegSO',
    licence: 'CC BY 4.0',
    url: 'https://www.statistikdatabasen.scb.se/',
    files: ['scb/deso2018-2022/*.xlsx', 'scb/regso-2020-2023/*.csv', 'scb/keys/deso2018-regso.csv'],
  },
  {
    id: 'polisen',
    publisher: 'Polismyndigheten',
    name: 'Utsatta områden 2023 (polygoner) och 2025 (lista)',
    licence: null,
    url: 'https://polisen.se/om-polisen/polisens-arbete/utsatta-omraden/',
    files: ['polisen/uso-2023/uso_2023.*', 'polisen/utsatta-omraden-2025.csv'],
  },
];

// ------------------------------------------------------------------------------------------ polygons

const round = (x: number): number => Number(x.toFixed(SIMPLIFICATION.decimals));

function cleanGeometry(g: Geometry | null): GeoJSONGeometry | null {
  if (!g) return null;
  const ring = (r: number[][]): number[][] => {
    const out: number[][] = [];
    for (const p of r) {
      const q = [round(p[0]!), round(p[1]!)];
      const last = out.at(-1);
      if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
    }
    return out;
  };
  const poly = (rings: number[][][]): number[][][] => rings.map(ring).filter((r) => r.length >= 4);
  if (g.type === 'Polygon') {
    const rings = poly((g as Polygon).coordinates);
    return rings.length ? { type: 'Polygon', coordinates: rings } : null;
  }
  if (g.type === 'MultiPolygon') {
    const polys = (g as MultiPolygon).coordinates.map(poly).filter((p) => p.length > 0);
    if (!polys.length) return null;
    return polys.length === 1
      ? { type: 'Polygon', coordinates: polys[0] }
      : { type: 'MultiPolygon', coordinates: polys };
  }
  throw new Error(`cannot simplify a ${g.type}`);
}

/** Simplifies a layer of polygons together, so that neighbours keep one shared border. */
export function simplifyLayer(geoms: readonly (GeoJSONGeometry | null)[]): (GeoJSONGeometry | null)[] {
  const fc: FeatureCollection = {
    type: 'FeatureCollection',
    features: geoms.map((g, i) => ({
      type: 'Feature',
      id: i,
      properties: {},
      geometry: g as Geometry | null,
    })) as Feature[],
  };
  const topo = presimplify(topology({ layer: fc }, 1e6) as never);
  const simple = simplify(topo, quantile(topo, SIMPLIFICATION.dropShare));
  const back = feature(simple as never, simple.objects.layer as GeometryCollection) as FeatureCollection;
  return back.features.map((f) => cleanGeometry(f.geometry));
}

// ------------------------------------------------------------------------------------------ SCB records

interface PackedTable {
  tableId: string;
  title: string;
  file: string;
  /** Strings used more than once, stored once. */
  strings: string[];
  /** Per record: content, breakdown (JSON), period, region name (-1 = none), status, source: indexes into strings. */
  cells: number[][];
  regionCodes: string[];
  values: (number | null)[];
}

function packTable(t: ScbTableInput): PackedTable {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const s = (x: string): number => {
    let i = index.get(x);
    if (i === undefined) index.set(x, (i = strings.push(x) - 1));
    return i;
  };
  return {
    tableId: t.tableId,
    title: t.title,
    file: t.file,
    cells: t.records.map((r) => [
      s(r.content),
      s(JSON.stringify(r.breakdown)),
      s(r.period),
      r.regionName === null ? -1 : s(r.regionName),
      s(r.status),
      s(r.source),
    ]),
    strings,
    regionCodes: t.records.map((r) => r.regionCode),
    values: t.records.map((r) => r.value),
  };
}

function unpackTable(p: PackedTable): ScbTableInput {
  const str = (i: number): string => {
    const v = p.strings[i];
    if (v === undefined) throw new Error(`${p.tableId}: string ${i} is missing`);
    return v;
  };
  return {
    tableId: p.tableId,
    title: p.title,
    file: p.file,
    records: p.cells.map((c, n): ScbRecord => {
      const [content, breakdown, period, regionName, status, source] = c as [
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      return {
        tableId: p.tableId,
        title: p.title,
        content: str(content),
        breakdown: JSON.parse(str(breakdown)) as Record<string, string>,
        period: str(period),
        regionCode: p.regionCodes[n]!,
        regionName: regionName < 0 ? null : str(regionName),
        value: p.values[n] ?? null,
        status: str(status) as ScbCellStatus,
        source: str(source),
      };
    }),
  };
}

// ------------------------------------------------------------------------------------------ encode / decode

interface Parts {
  geography: Pick<ReferenceInputs, 'stadsdelar' | 'membership' | 'key' | 'uso2023' | 'uso2025'>;
  statistics: { tables: PackedTable[] };
  police: { lists: ReferenceInputs['policeLists'] };
}

/** The inputs as the shipped dataset holds them: polygons simplified (what decoding gives back). */
export function compactInputs(inputs: ReferenceInputs): ReferenceInputs {
  const sd = simplifyLayer(inputs.stadsdelar.map((s) => s.geometry));
  const uso = simplifyLayer(inputs.uso2023.map((u) => u.geometry));
  return {
    ...inputs,
    stadsdelar: inputs.stadsdelar.map((s, i) => ({ ...s, geometry: sd[i]! })),
    uso2023: inputs.uso2023.map((u, i) => ({ ...u, geometry: uso[i] ?? null })),
  };
}

function partsOf(c: ReferenceInputs): Parts {
  return {
    geography: {
      stadsdelar: c.stadsdelar,
      membership: c.membership,
      key: c.key,
      uso2023: c.uso2023,
      uso2025: c.uso2025,
    },
    statistics: { tables: c.tables.map(packTable) },
    police: { lists: c.policeLists },
  };
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** Encodes compacted inputs: the manifest and the gzip'd parts, ready to be written. */
export function encodeShipped(
  compact: ReferenceInputs,
  meta: { extractedAt: string; rawChecksum: string; rawFileCount: number },
): { manifest: ShippedManifest; files: Record<string, Buffer> } {
  const parts = partsOf(compact);
  const json = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, JSON.stringify(v)])) as Record<
    keyof Parts,
    string
  >;
  const manifest: ShippedManifest = {
    format: SHIPPED_FORMAT,
    name: 'Stockholm reference data',
    extractedAt: meta.extractedAt,
    rawChecksum: meta.rawChecksum,
    rawFileCount: meta.rawFileCount,
    builtWith: 'fardplan reference build --from <raw data directory>',
    simplification: SIMPLIFICATION,
    sources: [...SHIPPED_SOURCES],
    parts: {
      geography: { file: FILES.geography, sha256: sha256(json.geography) },
      statistics: { file: FILES.statistics, sha256: sha256(json.statistics) },
      police: { file: FILES.police, sha256: sha256(json.police) },
    },
    counts: {
      stadsdelar: compact.stadsdelar.length,
      deso: compact.key.length,
      regso: new Set(compact.key.map((k) => k.regsoCode)).size,
      tables: compact.tables.length,
      records: compact.tables.reduce((n, t) => n + t.records.length, 0),
      policeLists: compact.policeLists.length,
    },
  };
  const files: Record<string, Buffer> = {
    'manifest.json': Buffer.from(JSON.stringify(manifest, null, 2) + '\n'),
  };
  for (const k of Object.keys(FILES) as (keyof Parts)[]) files[FILES[k]] = gzipSync(json[k], { level: 9 });
  return { manifest, files };
}

/** Writes the shipped dataset (each file written whole, then moved into place). */
export function writeShipped(dir: string, files: Record<string, Buffer>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, data] of Object.entries(files)) {
    const tmp = join(dir, `.${name}.tmp`);
    writeFileSync(tmp, data);
    renameSync(tmp, join(dir, name));
  }
}

export function hasShipped(dir: string = shippedReferenceDir): boolean {
  return existsSync(join(dir, 'manifest.json'));
}

export function readShippedManifest(dir: string = shippedReferenceDir): ShippedManifest {
  const file = join(dir, 'manifest.json');
  const m = JSON.parse(readFileSync(file, 'utf8')) as ShippedManifest;
  if (m.format !== SHIPPED_FORMAT)
    throw new AppError('import_failed', `${file}: unknown format ${String(m.format)}`, [
      { file, field: 'format', message: `expected ${SHIPPED_FORMAT}` },
    ]);
  return m;
}

/** Reads the shipped dataset back into the importers' shapes; a damaged part is refused naming the file. */
export function readShipped(dir: string = shippedReferenceDir): { manifest: ShippedManifest; inputs: ReferenceInputs } {
  const manifest = readShippedManifest(dir);
  const part = <K extends keyof Parts>(k: K): Parts[K] => {
    const { file, sha256: want } = manifest.parts[k];
    const text = gunzipSync(readFileSync(join(dir, file))).toString('utf8');
    if (sha256(text) !== want)
      throw new AppError('import_failed', `${file}: the content does not match the manifest's checksum`, [
        { file, field: 'sha256', message: 'damaged or edited by hand; rebuild with fardplan reference build' },
      ]);
    return JSON.parse(text) as Parts[K];
  };
  const geography = part('geography');
  const statistics = part('statistics');
  const police = part('police');
  return {
    manifest,
    inputs: {
      ...geography,
      policeLists: police.lists,
      tables: statistics.tables.map(unpackTable),
    },
  };
}
