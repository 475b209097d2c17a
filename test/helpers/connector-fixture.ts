/**
 * Data for the mock SCB and Kolada APIs, and a database with the Stockholm places the connectors attach
 * values to (the municipality, one RegSO and two of its DeSO), on either engine, reachable by the CLI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPglite, openPostgres, type Database, type Engine } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { upsertAreas, upsertDivisions } from '../../src/db/repositories/datasets.ts';
import { DIVISION_DEFS } from '../../src/core/geo/stockholm.ts';
import type { MockApis, ScbTable } from './mock-apis.ts';

export const SCB_TABLE = 'TAB6574';
export const DESO = ['0180C6070', '0180C6090'];

export function populationTable(): ScbTable {
  const regions = [
    { code: '0180', label: 'Stockholm' },
    { code: '0180R107', label: 'Stockholm (Rinkeby)' },
    { code: '0180C6070', label: '0180C6070' },
    { code: '0180C6090', label: '0180C6090' },
    { code: '0114A0010', label: '0114A0010' },
  ];
  const sexes = [
    { code: '1', label: 'män' },
    { code: '2', label: 'kvinnor' },
    { code: '1+2', label: 'totalt' },
  ];
  const years = ['2021', '2022', '2023'];
  const cells = new Map<string, number | null>();
  regions.forEach((r, ri) =>
    years.forEach((y, yi) => {
      const men = 1000 * (ri + 1) + yi * 10;
      const women = 1100 * (ri + 1) + yi * 10;
      cells.set(`${r.code}|1|BE0101N1|${y}`, men);
      cells.set(`${r.code}|2|BE0101N1|${y}`, women);
      cells.set(`${r.code}|1+2|BE0101N1|${y}`, men + women);
    }),
  );
  cells.set('0180C6090|1+2|BE0101N1|2021', null); // '..' in SCB's data
  return {
    id: SCB_TABLE,
    label: 'Folkmängd efter region, kön och år',
    variables: [
      { code: 'Region', label: 'region', role: 'geo', elimination: true, eliminationValueCode: '00', values: regions },
      { code: 'Kon', label: 'kön', elimination: true, eliminationValueCode: '1+2', values: sexes },
      {
        code: 'ContentsCode',
        label: 'tabellinnehåll',
        role: 'metric',
        elimination: false,
        values: [{ code: 'BE0101N1', label: 'Folkmängd', unit: 'antal' }],
      },
      { code: 'Tid', label: 'år', role: 'time', elimination: false, values: years.map((y) => ({ code: y, label: y })) },
    ],
    cells,
  };
}

export function seedKolada(m: MockApis): void {
  m.kolada.kpis = [
    {
      id: 'N15428',
      title: 'Elever i åk 9 som uppnått kunskapskraven i alla ämnen, kommunala skolor, andel (%)',
      description: 'Andel elever …',
      is_divided_by_gender: true,
    },
    {
      id: 'N00920',
      title: 'Valdeltagande i senaste kommunalvalet, andel (%)',
      description: 'Valdeltagande …',
      is_divided_by_gender: false,
    },
  ];
  m.kolada.municipalities = [{ id: '0180', title: 'Stockholm', type: 'K' }];
  m.kolada.ous = [{ id: 'V15E018000101', title: 'Rinkebyskolan', municipality: '0180' }];
  m.kolada.pageSize = 2;
  m.kolada.rows = [];
  for (const year of [2021, 2022, 2023]) {
    for (const [gender, base] of [
      ['T', 70],
      ['K', 73],
      ['M', 67],
    ] as const)
      m.kolada.rows.push({
        kpi: 'N15428',
        municipality: '0180',
        period: year,
        gender,
        value: base + (year - 2021),
        updated: '2024-03-01',
      });
    m.kolada.rows.push({
      kpi: 'N15428',
      ou: 'V15E018000101',
      period: year,
      gender: 'T',
      value: 50 + (year - 2021),
      updated: '2024-03-01',
    });
  }
  m.kolada.rows.push({
    kpi: 'N00920',
    municipality: '0180',
    period: 2022,
    gender: 'T',
    value: 82.2,
    updated: '2023-01-10',
  });
}

export interface CliDatabase {
  env: Record<string, string>;
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}

async function seedPlaces(db: Database): Promise<void> {
  await upsertDivisions(
    db,
    DIVISION_DEFS.filter((d) => ['kommun', 'regso', 'deso'].includes(d.id)).map((d) => ({ ...d, sourceId: null })),
  );
  await upsertAreas(db, [
    { divisionId: 'kommun', code: '0180', name: 'Stockholm', parentDivisionId: null, parentCode: null },
    { divisionId: 'regso', code: '0180R-rinkeby', name: 'Rinkeby', parentDivisionId: 'kommun', parentCode: '0180' },
    ...DESO.map((code) => ({
      divisionId: 'deso',
      code,
      name: code,
      parentDivisionId: 'regso',
      parentCode: '0180R-rinkeby',
    })),
  ]);
}

/**
 * A migrated database with the places (unless `places: false`), and the environment that points `fardplan`
 * at it: an embedded database in a directory of its own, or a PostgreSQL database of its own.
 */
export async function cliDatabase(engine: Engine, { places = true } = {}): Promise<CliDatabase> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'fardplan-fetch-'));
    const path = join(dir, 'db');
    const db = await openPglite(path);
    await migrate(db);
    if (places) await seedPlaces(db);
    await db.close();
    return {
      env: { DATABASE_URL: '', FARDPLAN_PGLITE_DIR: path },
      open: () => openPglite(path),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `fardplan_fetch_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString());
  await migrate(db);
  if (places) await seedPlaces(db);
  await db.close();
  return {
    env: { DATABASE_URL: url.toString() },
    open: () => openPostgres(url.toString()),
    cleanup: async () => {
      const a = new pg.Client({ connectionString: admin });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
