/**
 * Builds the whole Stockholm reference dataset from the data directory (`FARDPLAN_DATA_DIR`, see
 * ../shared/data/README.md): geography, crosswalks, the indicator catalogue and all observations.
 * Reads files (importers) and calls pure core functions; writes nothing.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildKeyCrosswalk,
  buildMembershipCrosswalk,
  buildNameCrosswalk,
  type Crosswalk,
} from '../core/geo/crosswalk.ts';
import { dissolve } from '../core/geo/dissolve.ts';
import { displayName } from '../core/geo/names.ts';
import {
  DIVISION_DEFS,
  DIVISIONS,
  KOMMUN_CODE,
  KOMMUN_NAME,
  REGSO_STADSDEL_RESOLUTIONS,
  sdoCode,
  usoCode,
} from '../core/geo/stockholm.ts';
import { aggregate } from '../core/stats/aggregate.ts';
import { extractBaseValues, referenceIndicators, type ReferenceIndicator } from '../core/stats/reference-catalogue.ts';
import type { Area, Division, Observation, Source } from '../core/types.ts';
import { readIndicatorCatalogue } from './indicator-catalogue.ts';
import { readRawReferenceInputs, REGSO_SERIES, type ReferenceInputs } from './reference/inputs.ts';

export interface ReferenceDivision extends Division {
  areaCount: number;
}

export interface ReferenceDataset {
  divisions: ReferenceDivision[];
  areas: Area[];
  crosswalks: Crosswalk[];
  indicators: ReferenceIndicator[];
  observations: Observation[];
  sources: Source[];
  /** indicator → period → division of its base values. */
  baseDivisions: Record<string, Record<string, string>>;
  /** Table id → title, for the sources. */
  tables: { tableId: string; title: string; file: string }[];
}

export const REFERENCE_SOURCES: readonly Source[] = [
  {
    id: 'scb',
    name: 'SCB Statistikdatabasen',
    publisher: 'Statistiska centralbyrån (SCB)',
    url: 'https://www.statistikdatabasen.scb.se/',
    licence: 'CC BY 4.0',
    citation: 'Källa: SCB',
  },
  {
    id: 'stockholm-stad',
    name: 'Stadskarta (stadsdelar), Stockholms stads öppna data',
    publisher: 'Stockholms stad',
    url: 'https://dataportalen.stockholm.se/',
    licence: 'CC0',
    citation: 'Källa: Stockholms stad',
  },
  {
    id: 'polisen',
    name: 'Utsatta områden',
    publisher: 'Polismyndigheten',
    url: 'https://polisen.se/om-polisen/polisens-arbete/utsatta-omraden/',
    licence: null,
    citation: 'Källa: Polismyndigheten',
  },
];

export type Progress = (step: string, done: number, total: number) => void;

const STEPS = ['geography', 'scb tables', 'regso series', 'crosswalks', 'aggregation'] as const;

/** Reads all raw files of the data directory and the catalogue, and builds the dataset. */
export async function buildReferenceDataset(dataDir: string, progress: Progress = () => {}): Promise<ReferenceDataset> {
  let i = 0;
  const inputs = await readRawReferenceInputs(dataDir, (s) => progress(s, i++, STEPS.length));
  return assembleReferenceDataset(inputs, referenceIndicators(readIndicatorCatalogue().indicators), progress);
}

/** Builds the dataset from its inputs (raw or shipped): areas, crosswalks and the aggregated observations. */
export function assembleReferenceDataset(
  inputs: ReferenceInputs,
  indicators: readonly ReferenceIndicator[],
  progress: Progress = () => {},
): ReferenceDataset {
  const { stadsdelar, membership, uso2023, uso2025 } = inputs;
  const stockholmKey = [...inputs.key];
  const tables: ReferenceDataset['tables'] = inputs.tables.map((t) => ({
    tableId: t.tableId,
    title: t.title,
    file: t.file,
  }));
  const regsoTableIds = new Set<string>(REGSO_SERIES.map((s) => s.tableId));
  const desoRecords = inputs.tables.filter((t) => !regsoTableIds.has(t.tableId)).flatMap((t) => t.records);
  const regsoRecords = inputs.tables.filter((t) => regsoTableIds.has(t.tableId)).flatMap((t) => t.records);
  progress('crosswalks', 3, STEPS.length);
  const desoRegso = buildKeyCrosswalk(
    'deso-regso',
    DIVISIONS.deso,
    DIVISIONS.regso,
    stockholmKey.map((r) => ({ from: r.deso, to: r.regsoCode })),
  );
  const regsos = [...new Map(stockholmKey.map((r) => [r.regsoCode, r.regsoName])).entries()]
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const regsoStadsdel = buildNameCrosswalk(
    'regso-stadsdel',
    DIVISIONS.regso,
    DIVISIONS.stadsdel,
    regsos,
    stadsdelar.map((s) => ({ code: s.code, name: s.sourceName })),
    REGSO_STADSDEL_RESOLUTIONS,
  );
  const sdByName = new Map(stadsdelar.map((s) => [s.sourceName, s]));
  for (const m of membership)
    if (!sdByName.has(m.stadsdel))
      throw new Error(`stadsdel-stadsdelsomrade.csv line ${m.line}: ${m.stadsdel} is not in the stadsdel polygons`);
  for (const s of stadsdelar)
    if (!membership.some((m) => m.stadsdel === s.sourceName))
      throw new Error(`stadsdel ${s.sourceName} has no stadsdelsområde in the membership table`);
  const memberCw = (id: string, div: string, pick: (m: (typeof membership)[number]) => string): Crosswalk =>
    buildMembershipCrosswalk(
      id,
      DIVISIONS.stadsdel,
      div,
      membership.map((m) => ({ from: sdByName.get(m.stadsdel)!.code, to: sdoCode(pick(m)), confidence: m.confidence })),
      'spatial-join',
      "Spatial join of the stadsdel polygons with Region Stockholm's stadsdelsnämnd-part polygons; confidence is the share of the stadsdel's sample points in the stadsdelsområde.",
    );
  const sdSdo2023 = memberCw('stadsdel-stadsdelsomrade-2023', DIVISIONS.sdo2023, (m) => m.sdo2023);
  const sdSdo2020 = memberCw('stadsdel-stadsdelsomrade-2020', DIVISIONS.sdo2020, (m) => m.sdo2020);

  // Areas
  const areas: Area[] = [];
  const sdoGeom = (
    pick: (m: (typeof membership)[number]) => string,
  ): Map<string, { name: string; members: string[] }> => {
    const g = new Map<string, { name: string; members: string[] }>();
    for (const m of membership) {
      const name = pick(m);
      const e = g.get(sdoCode(name)) ?? { name, members: [] };
      e.members.push(m.stadsdel);
      g.set(sdoCode(name), e);
    }
    return g;
  };
  const cityArea: Area = {
    divisionId: DIVISIONS.kommun,
    code: KOMMUN_CODE,
    name: KOMMUN_NAME,
    parentDivisionId: null,
    parentCode: null,
    geometry: null,
    properties: {},
  };
  areas.push(cityArea);
  for (const [div, pick] of [
    [DIVISIONS.sdo2023, (m: (typeof membership)[number]) => m.sdo2023],
    [DIVISIONS.sdo2020, (m: (typeof membership)[number]) => m.sdo2020],
  ] as const) {
    for (const [code, { name, members }] of [...sdoGeom(pick)].sort((a, b) => a[0].localeCompare(b[0]))) {
      const d = dissolve(members.map((n) => sdByName.get(n)!.geometry));
      areas.push({
        divisionId: div,
        code,
        name: displayName(name),
        parentDivisionId: DIVISIONS.kommun,
        parentCode: KOMMUN_CODE,
        geometry: d.geometry,
        properties: {
          stadsdelar: members.map((n) => sdByName.get(n)!.code).sort(),
          slivers_removed: d.removedHoles + d.removedPieces,
        },
      });
    }
  }
  // The city: the union of the 11 stadsdelsområden (the same ground as the 117 stadsdelar, fewer edges).
  cityArea.geometry = dissolve(
    areas.filter((a) => a.divisionId === DIVISIONS.sdo2023).map((a) => a.geometry!),
  ).geometry;
  const sdo2023Of = new Map(sdSdo2023.links.map((l) => [l.fromCode, l]));
  const sdo2020Of = new Map(sdSdo2020.links.map((l) => [l.fromCode, l]));
  for (const s of [...stadsdelar].sort((a, b) => a.code.localeCompare(b.code))) {
    areas.push({
      divisionId: DIVISIONS.stadsdel,
      code: s.code,
      name: s.name,
      parentDivisionId: DIVISIONS.sdo2023,
      parentCode: sdo2023Of.get(s.code)!.toCode,
      geometry: s.geometry,
      properties: {
        source_name: s.sourceName,
        [DIVISIONS.sdo2020]: sdo2020Of.get(s.code)!.toCode,
        membership_confidence: sdo2023Of.get(s.code)!.confidence,
      },
    });
  }
  const stadsdelOf = new Map(regsoStadsdel.links.map((l) => [l.fromCode, l]));
  for (const r of regsos) {
    const link = stadsdelOf.get(r.code);
    areas.push({
      divisionId: DIVISIONS.regso,
      code: r.code,
      name: r.name,
      parentDivisionId: link ? DIVISIONS.stadsdel : DIVISIONS.kommun,
      parentCode: link ? link.toCode : KOMMUN_CODE,
      geometry: null,
      properties: link
        ? {
            crosswalk_method: link.method,
            crosswalk_confidence: link.confidence,
            ...(link.note ? { crosswalk_note: link.note } : {}),
          }
        : { unmatched: true },
    });
  }
  for (const r of stockholmKey.sort((a, b) => a.deso.localeCompare(b.deso)))
    areas.push({
      divisionId: DIVISIONS.deso,
      code: r.deso,
      name: r.deso,
      parentDivisionId: DIVISIONS.regso,
      parentCode: r.regsoCode,
      geometry: null,
      properties: {},
    });
  const usoProps = (u: (typeof uso2023)[number]): Record<string, unknown> => ({
    category: u.category,
    since: u.since,
    police_id: u.policeId,
    local_police_area: u.localPoliceArea,
  });
  for (const u of uso2023)
    areas.push({
      divisionId: DIVISIONS.uso2023,
      code: usoCode(u.name),
      name: u.name,
      parentDivisionId: DIVISIONS.kommun,
      parentCode: KOMMUN_CODE,
      geometry: u.geometry,
      properties: usoProps(u),
    });
  for (const u of uso2025)
    areas.push({
      divisionId: DIVISIONS.uso2025,
      code: usoCode(u.name),
      name: u.name,
      parentDivisionId: DIVISIONS.kommun,
      parentCode: KOMMUN_CODE,
      geometry: null,
      properties: usoProps(u),
    });

  progress('aggregation', 4, STEPS.length);
  const areaCodes = new Map<string, string[]>();
  for (const a of areas) {
    const list = areaCodes.get(a.divisionId) ?? [];
    list.push(a.code);
    areaCodes.set(a.divisionId, list);
  }
  const { observations, baseDivision } = aggregate({
    indicators,
    base: [
      { divisionId: DIVISIONS.deso, values: extractBaseValues(desoRecords, indicators) },
      { divisionId: DIVISIONS.regso, values: extractBaseValues(regsoRecords, indicators) },
    ],
    steps: [desoRegso, regsoStadsdel, sdSdo2023, sdSdo2020],
    city: { divisionId: DIVISIONS.kommun, code: KOMMUN_CODE },
    areas: areaCodes,
  });
  progress('done', STEPS.length, STEPS.length);

  const divisions = DIVISION_DEFS.map((d) => ({ ...d, areaCount: areaCodes.get(d.id)?.length ?? 0 }));
  const baseDivisions: Record<string, Record<string, string>> = {};
  for (const [ind, periods] of baseDivision) baseDivisions[ind] = Object.fromEntries(periods);
  return {
    divisions,
    areas,
    crosswalks: [desoRegso, regsoStadsdel, sdSdo2023, sdSdo2020],
    indicators: [...indicators],
    observations,
    sources: [...REFERENCE_SOURCES],
    baseDivisions,
    tables,
  };
}

/** SHA-256 over the names and bytes of the files the dataset is built from (the same data twice is recognised). */
export function referenceChecksum(dataDir: string): { checksum: string; fileCount: number } {
  const h = createHash('sha256');
  let fileCount = 0;
  const walk = (dir: string, rel: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(p).isDirectory()) walk(p, r);
      else if (REFERENCE_FILES.some((re) => re.test(r))) {
        h.update(r).update('\u0000').update(readFileSync(p));
        fileCount++;
      }
    }
  };
  walk(dataDir, '');
  return { checksum: h.digest('hex'), fileCount };
}

/** The files of the data directory this dataset reads. */
const REFERENCE_FILES = [
  /^stockholm\/boundaries\/stadsdelar\.geojson$/,
  /^stockholm\/stadsdel-stadsdelsomrade\.csv$/,
  /^scb\/deso2018-2022\/.*\.xlsx$/,
  /^scb\/keys\/deso2018-regso\.csv$/,
  /^scb\/regso-2020-2023\/.*\.csv$/,
  /^polisen\/uso-2023\/uso_2023\.(shp|dbf|prj)$/,
  /^polisen\/utsatta-omraden-2025\.csv$/,
];
