/**
 * A small geography and statistics for the intervention tests: three stadsdelsområden (Järva,
 * Skärholmen, Farsta) and one stadsdel (Rinkeby, in Järva), with residents and residents with low
 * economic standard (2023), plus the goals framework. Figures are made up for hand computation:
 *   residents  Järva 80 000, Skärholmen 50 000, Farsta 120 000
 *   low economic standard  Järva 16 000, Skärholmen 5 000, Farsta 3 600
 */
import type { Database } from '../../src/db/database.ts';
import {
  upsertAreas,
  upsertDivisions,
  upsertIndicators,
  upsertObservations,
} from '../../src/db/repositories/datasets.ts';
import { bootstrap } from '../../src/services/bootstrap.ts';
import { goalsStartupLoaders } from '../../src/services/goals/index.ts';
import { silentProgress } from '../../src/services/progress.ts';
import type { StartupLoader } from '../../src/services/loaders.ts';
import { FIXED_NOW } from './app.ts';

export const SDO = 'stadsdelsomrade-2023';
export const JARVA = `${SDO}:0180D-jarva`;
export const SKARHOLMEN = `${SDO}:0180D-skarholmen`;
export const FARSTA = `${SDO}:0180D-farsta`;
export const RINKEBY = 'stadsdel:0180S-rinkeby';

export async function loadInterventionFixture(db: Database, extraLoaders: StartupLoader[] = []): Promise<void> {
  await upsertDivisions(db, [
    {
      id: SDO,
      nameSv: 'Stadsdelsområden',
      nameEn: 'District areas',
      level: 1,
      validFrom: '2023-07-01',
      validTo: null,
      sourceId: null,
      sort: 1,
    },
    {
      id: 'stadsdel',
      nameSv: 'Stadsdelar',
      nameEn: 'Districts',
      level: 2,
      validFrom: null,
      validTo: null,
      sourceId: null,
      sort: 3,
    },
  ]);
  await upsertAreas(db, [
    { divisionId: SDO, code: '0180D-jarva', name: 'Järva', parentDivisionId: null, parentCode: null },
    { divisionId: SDO, code: '0180D-skarholmen', name: 'Skärholmen', parentDivisionId: null, parentCode: null },
    { divisionId: SDO, code: '0180D-farsta', name: 'Farsta', parentDivisionId: null, parentCode: null },
    {
      divisionId: 'stadsdel',
      code: '0180S-rinkeby',
      name: 'Rinkeby',
      parentDivisionId: SDO,
      parentCode: '0180D-jarva',
    },
  ]);
  await bootstrap(db, { dataDir: null, progress: silentProgress, now: () => FIXED_NOW }, [
    ...goalsStartupLoaders.filter((l) => !l.needsDataDir),
    ...extraLoaders,
  ]);
  const count = (id: string, name: string) => ({
    id,
    nameSv: name,
    nameEn: name,
    definitionSv: '',
    definitionEn: '',
    unit: 'persons',
    kind: 'count' as const,
    polarity: 'neutral' as const,
    sourceId: null,
    numeratorId: null,
    denominatorId: null,
    multiplier: 1,
    decimals: 0,
  });
  await upsertIndicators(db, [
    count('population', 'Folkmängd'),
    count('persons-low-economic-standard', 'Personer med låg ekonomisk standard'),
  ]);
  const obs = (indicatorId: string, code: string, value: string) => ({
    indicatorId,
    divisionId: SDO,
    areaCode: code,
    period: '2023',
    breakdown: '',
    value,
    numerator: null,
    denominator: null,
    status: 'final' as const,
    derived: false,
    source: 'Testdata',
  });
  await upsertObservations(
    db,
    [
      obs('population', '0180D-jarva', '80000'),
      obs('population', '0180D-skarholmen', '50000'),
      obs('population', '0180D-farsta', '120000'),
      obs('persons-low-economic-standard', '0180D-jarva', '16000'),
      obs('persons-low-economic-standard', '0180D-skarholmen', '5000'),
      obs('persons-low-economic-standard', '0180D-farsta', '3600'),
    ],
    null,
  );
}

/** A valid import (CSV): the money of the hand computation in the API test. */
export const VALID_CSV = [
  'id,name,description,committee,funding_source,areas,goal_areas,strategies,targets,start_date,end_date,status,year,budget_area,planned_mnkr,decided_mnkr,spent_mnkr',
  'insats-a,Fältassistenter Järva,Fler fältassistenter,Järva stadsdelsnämnd,Ordinarie budget,Järva,uppvaxt-utbildning,,,2024-01-01,2025-12-31,running,2024,,9,8,2.5',
  'insats-a,Fältassistenter Järva,Fler fältassistenter,Järva stadsdelsnämnd,Ordinarie budget,Järva,uppvaxt-utbildning,,,2024-01-01,2025-12-31,running,2025,,7,,',
  'insats-b,Skolsociala team,,Socialnämnden,Sociala investeringsfonden,Järva;Skärholmen,uppvaxt-utbildning,,,,,decided,2024,Järva,,2,',
  'insats-b,Skolsociala team,,Socialnämnden,Sociala investeringsfonden,Järva;Skärholmen,uppvaxt-utbildning,,,,,decided,2024,Skärholmen,,4,1',
  'insats-c,Trygghetsfonden,Stadsmiljöåtgärder,Kommunstyrelsen,Trygghetsfonden,Hela staden,,,,,,running,2024,,,100,',
  'insats-d,Samverkan Järva och Farsta,,Socialnämnden,Ordinarie budget,Järva;Farsta,,,,,,planned,2024,,,3,',
  'insats-e,Platssamverkan Rinkeby,,Järva stadsdelsnämnd,Ordinarie budget,Rinkeby,,,,,,planerad,2024,,,1,',
].join('\n');
