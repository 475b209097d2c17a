/** A small statistics database for upload tests: Stockholm, one RegSO, two DeSO and two indicators. */
import type { Queryable } from '../../src/db/database.ts';
import { upsertAreas, upsertDivisions, upsertIndicators } from '../../src/db/repositories/datasets.ts';
import { DIVISION_DEFS } from '../../src/core/geo/stockholm.ts';
import type { Indicator } from '../../src/core/types.ts';

const indicator = (id: string, nameSv: string, unit: string): Indicator => ({
  id,
  nameSv,
  nameEn: nameSv,
  definitionSv: '',
  definitionEn: '',
  unit,
  kind: unit === 'percent' ? 'share' : 'count',
  polarity: unit === 'percent' ? 'higher_better' : 'neutral',
  sourceId: null,
  numeratorId: null,
  denominatorId: null,
  multiplier: 1,
  decimals: 1,
});

export async function seedImportPlaces(db: Queryable): Promise<void> {
  await upsertDivisions(
    db,
    DIVISION_DEFS.filter((d) => ['kommun', 'regso', 'deso'].includes(d.id)).map((d) => ({ ...d, sourceId: null })),
  );
  await upsertAreas(db, [
    { divisionId: 'kommun', code: '0180', name: 'Stockholm', parentDivisionId: null, parentCode: null },
    { divisionId: 'regso', code: '0180R-rinkeby', name: 'Rinkeby', parentDivisionId: 'kommun', parentCode: '0180' },
    {
      divisionId: 'deso',
      code: '0180C6070',
      name: '0180C6070',
      parentDivisionId: 'regso',
      parentCode: '0180R-rinkeby',
    },
    {
      divisionId: 'deso',
      code: '0180C6090',
      name: '0180C6090',
      parentDivisionId: 'regso',
      parentCode: '0180R-rinkeby',
    },
  ]);
  await upsertIndicators(db, [
    indicator('school-results', 'Behöriga till gymnasiet', 'percent'),
    indicator('turnout', 'Valdeltagande', 'percent'),
  ]);
}

export const GOOD_CSV = [
  'indicator,area,period,value,numerator,denominator,breakdown,status',
  'school-results,0180,2022,80.5,,,,final',
  'school-results,0180,2023,81.2,,,,provisional',
  'school-results,0180R-rinkeby,2023,62.0,,,,',
  'school-results,0180C6070,2023,,,,,suppressed',
  'turnout,0180,2022,84.2,,,sex=kvinnor,',
].join('\n');

/** Two errors: an unknown area on row 3 and a value that is not a number on row 5. */
export const BAD_CSV = GOOD_CSV.replace('0180R-rinkeby', '0180R-rinkebyy').replace('84.2', '84.2x');

export const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
