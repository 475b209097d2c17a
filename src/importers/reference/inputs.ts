/**
 * What the Stockholm reference dataset is built from, read by the importers from the raw files of a
 * data directory (the layout of ../shared/data): the geography, SCB's tables for Stockholm and the
 * Police's lists. The same shape is what the shipped dataset (data/reference/stockholm) holds, in a
 * compact form with simplified polygons.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { AppError } from '../../core/errors.ts';
import { KOMMUN_CODE, KOMMUN_NAME } from '../../core/geo/stockholm.ts';
import { REGSO_TABLES } from '../../core/stats/reference-catalogue.ts';
import type { ScbRecord } from '../../core/stats/scb.ts';
import { readUso2023, readUso2025, type UsoArea } from '../polisen-areas.ts';
import { readVulnerableAreaLists, type VulnerableAreaList } from '../polisen.ts';
import { readDesoRegsoKey, readRegsoCsv, regsoIndex, type KeyRow } from '../scb-regso-csv.ts';
import { readScbXlsx } from '../scb-xlsx.ts';
import { readMembership, readStadsdelar, type MembershipRow, type StadsdelFeature } from '../stockholm-geography.ts';

export interface ScbTableInput {
  tableId: string;
  title: string;
  /** The file it was read from (for the source notes). */
  file: string;
  records: ScbRecord[];
}

export interface ReferenceInputs {
  stadsdelar: StadsdelFeature[];
  membership: MembershipRow[];
  /** SCB's DeSO → RegSO key, Stockholm's rows. */
  key: KeyRow[];
  uso2023: UsoArea[];
  uso2025: UsoArea[];
  /** The Police's lists (every year found), Stockholm's rows. */
  policeLists: VulnerableAreaList[];
  /** SCB's DeSO tables (Stockholm's DeSO) and the RegSO series, in file order. */
  tables: ScbTableInput[];
}

/** The RegSO series files (SCB CSV exports without a table id; the ids are ours). */
export const REGSO_SERIES = [
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
] as const;

export type ReadProgress = (step: string) => void;

/** Reads every raw file of the data directory through the importers (errors name file, line and field). */
export async function readRawReferenceInputs(
  dataDir: string,
  progress: ReadProgress = () => {},
): Promise<ReferenceInputs> {
  progress('geography');
  const stadsdelar = await readStadsdelar(join(dataDir, 'stockholm', 'boundaries', 'stadsdelar.geojson'));
  const membership = await readMembership(join(dataDir, 'stockholm', 'stadsdel-stadsdelsomrade.csv'));
  const fullKey = await readDesoRegsoKey(join(dataDir, 'scb', 'keys', 'deso2018-regso.csv'));
  const key = fullKey.rows.filter((r) => r.kommunCode === KOMMUN_CODE);
  const uso2023 = await readUso2023(join(dataDir, 'polisen', 'uso-2023', 'uso_2023.shp'), {
    municipality: KOMMUN_NAME,
  });
  const uso2025 = await readUso2025(join(dataDir, 'polisen', 'utsatta-omraden-2025.csv'), {
    municipality: KOMMUN_NAME,
  });
  const polisenDir = join(dataDir, 'polisen');
  const want = KOMMUN_NAME.toLocaleLowerCase('sv');
  const policeLists = existsSync(polisenDir)
    ? (await readVulnerableAreaLists(polisenDir)).map((l) => ({
        ...l,
        // the path inside the data directory (the same on every machine)
        file: relative(dataDir, l.file).split(sep).join('/'),
        areas: l.areas.filter((a) => a.place.toLocaleLowerCase('sv') === want),
      }))
    : [];

  progress('scb tables');
  const xlsxDir = join(dataDir, 'scb', 'deso2018-2022');
  const files = readdirSync(xlsxDir)
    .filter((f) => f.endsWith('.xlsx'))
    .sort();
  // One file at a time: only one sheet's XML and cells are held at once.
  const tables: ScbTableInput[] = [];
  for (const f of files) {
    const t = await readScbXlsx(join(xlsxDir, f), { regionFilter: (c) => c.startsWith(KOMMUN_CODE) });
    tables.push({ tableId: t.tableId, title: t.title, file: t.file, records: t.records });
  }

  progress('regso series');
  const regsoCodes = regsoIndex(fullKey, KOMMUN_NAME);
  const regsoDir = join(dataDir, 'scb', 'regso-2020-2023');
  for (const s of REGSO_SERIES) {
    const path = join(regsoDir, s.file);
    if (!existsSync(path)) continue;
    const res = await readRegsoCsv(path, { kommunName: KOMMUN_NAME, regsoCodes, title: s.title, tableId: s.tableId });
    if (res.unknownRegions.length) {
      const first = res.unknownRegions[0]!;
      throw new AppError(
        'import_failed',
        `${s.file}: ${res.unknownRegions.length} ${KOMMUN_NAME} regions are not in the DeSO→RegSO key`,
        [{ file: s.file, line: first.line, field: 'region', message: `${first.region} is not in the DeSO→RegSO key` }],
      );
    }
    tables.push({ tableId: s.tableId, title: s.title, file: s.file, records: res.records });
  }
  return { stadsdelar, membership, key, uso2023, uso2025, policeLists, tables };
}
