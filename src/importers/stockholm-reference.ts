/**
 * Builds the whole Stockholm reference dataset from the data directory (`FARDPLAN_DATA_DIR`, see
 * ../shared/data/README.md): geography, crosswalks, the indicator catalogue and all observations.
 * Reads files (importers) and calls pure core functions; writes nothing.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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
import {
  extractBaseValues,
  REFERENCE_INDICATORS,
  REGSO_TABLES,
  type ReferenceIndicator,
} from '../core/stats/reference-catalogue.ts';
import type { ScbRecord } from '../core/stats/scb.ts';
import type { Area, Division, Observation, Source } from '../core/types.ts';
import { readUso2023, readUso2025 } from './polisen-areas.ts';
import { readDesoRegsoKey, readRegsoCsv, regsoIndex } from './scb-regso-csv.ts';
import { readScbXlsx } from './scb-xlsx.ts';
import { readMembership, readStadsdelar } from './stockholm-geography.ts';

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

/** Reads all files and builds the dataset. */
export async function buildReferenceDataset(dataDir: string, progress: Progress = () => {}): Promise<ReferenceDataset> {
  const step = (i: number): void => progress(STEPS[i]!, i, STEPS.length);
  step(0);
  const stadsdelar = await readStadsdelar(join(dataDir, 'stockholm', 'boundaries', 'stadsdelar.geojson'));
  const membership = await readMembership(join(dataDir, 'stockholm', 'stadsdel-stadsdelsomrade.csv'));
  const key = await readDesoRegsoKey(join(dataDir, 'scb', 'keys', 'deso2018-regso.csv'));
  const uso2023 = await readUso2023(join(dataDir, 'polisen', 'uso-2023', 'uso_2023.shp'), {
    municipality: KOMMUN_NAME,
  });
  const uso2025 = await readUso2025(join(dataDir, 'polisen', 'utsatta-omraden-2025.csv'), {
    municipality: KOMMUN_NAME,
  });

  step(1);
  const xlsxDir = join(dataDir, 'scb', 'deso2018-2022');
  const desoRecords: ScbRecord[] = [];
  const tables: ReferenceDataset['tables'] = [];
  const files = readdirSync(xlsxDir)
    .filter((f) => f.endsWith('.xlsx'))
    .sort();
  const parsed = await Promise.all(
    files.map((f) => readScbXlsx(join(xlsxDir, f), { regionFilter: (c) => c.startsWith(KOMMUN_CODE) })),
  );
  for (const t of parsed) {
    tables.push({ tableId: t.tableId, title: t.title, file: t.file });
    for (const r of t.records) desoRecords.push(r);
  }

  step(2);
  const regsoCodes = regsoIndex(key, KOMMUN_NAME);
  const regsoDir = join(dataDir, 'scb', 'regso-2020-2023');
  const series = [
    {
      file: 'regso-born-region.csv',
      tableId: REGSO_TABLES.bornRegion,
      title: 'Folkmängd per RegSO efter födelseregion och kön',
    },
    {
      file: 'regso-housing-tenure.csv',
      tableId: REGSO_TABLES.housingTenure,
      title: 'Antal lägenheter per RegSO efter upplåtelseform',
    },
    {
      file: 'regso-income.csv',
      tableId: REGSO_TABLES.income,
      title: 'Medelvärde av inkomst per RegSO efter inkomstkomponent och kön',
    },
  ];
  const regsoRecords: ScbRecord[] = [];
  for (const s of series) {
    const path = join(regsoDir, s.file);
    if (!existsSync(path)) continue;
    const res = await readRegsoCsv(path, { kommunName: KOMMUN_NAME, regsoCodes, title: s.title, tableId: s.tableId });
    if (res.unknownRegions.length)
      throw new Error(
        `${s.file}: ${res.unknownRegions.length} ${KOMMUN_NAME} regions are not in the DeSO→RegSO key, e.g. line ${res.unknownRegions[0]!.line}: ${res.unknownRegions[0]!.region}`,
      );
    tables.push({ tableId: s.tableId, title: s.title, file: s.file });
    for (const r of res.records) regsoRecords.push(r);
  }

  step(3);
  const stockholmKey = key.rows.filter((r) => r.kommunCode === KOMMUN_CODE);
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

  step(4);
  const areaCodes = new Map<string, string[]>();
  for (const a of areas) {
    const list = areaCodes.get(a.divisionId) ?? [];
    list.push(a.code);
    areaCodes.set(a.divisionId, list);
  }
  const { observations, baseDivision } = aggregate({
    indicators: REFERENCE_INDICATORS,
    base: [
      { divisionId: DIVISIONS.deso, values: extractBaseValues(desoRecords) },
      { divisionId: DIVISIONS.regso, values: extractBaseValues(regsoRecords) },
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
    indicators: [...REFERENCE_INDICATORS],
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
