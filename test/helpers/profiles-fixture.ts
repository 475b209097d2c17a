/**
 * A small, hand-made statistics dataset for the profile/compare/map tests (issue 4): the city,
 * four stadsdelsområden (13-area division) with square polygons, three stadsdelar, and indicators
 * of every polarity over three periods, with one suppressed value. Used when the real reference
 * data is not loaded, and always by the API tests (whose expected values are computed here by hand).
 */
import type { Queryable } from '../../src/db/database.ts';
import {
  createBatch,
  upsertAreas,
  upsertDivisions,
  upsertIndicators,
  upsertObservations,
  upsertSources,
} from '../../src/db/repositories/datasets.ts';
import type { Area, Indicator, Observation } from '../../src/core/types.ts';
import { DIVISION_DEFS, DIVISIONS } from '../../src/core/geo/stockholm.ts';

export const FIX = {
  city: { divisionId: DIVISIONS.kommun, code: '0180', name: 'Stockholm' },
  sdo: DIVISIONS.sdo2020,
  stadsdel: DIVISIONS.stadsdel,
  areas: [
    { code: 'F01', name: 'Rinkeby-Kista', x: 17.9, y: 59.39 },
    { code: 'F02', name: 'Skärholmen', x: 17.9, y: 59.27 },
    { code: 'F03', name: 'Farsta', x: 18.09, y: 59.24 },
    { code: 'F04', name: 'Östermalm', x: 18.08, y: 59.34 },
  ],
  periods: ['2020', '2021', '2022'],
} as const;

function square(x: number, y: number, s = 0.03): Area['geometry'] {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + s, y],
        [x + s, y + s],
        [x, y + s],
        [x, y],
      ],
    ],
  };
}

/** Unemployed and labour force per area index (0..3) and period index (0..2). */
export function unemployed(a: number, p: number): number {
  return [900, 700, 400, 200][a]! - 50 * p;
}
export function labourForce(a: number, p: number): number {
  return [10000, 9000, 12000, 15000][a]! + 100 * p;
}
export function medianIncome(a: number, p: number): number {
  return [220, 240, 300, 420][a]! + 10 * p;
}

export async function loadProfilesFixture(db: Queryable): Promise<void> {
  await upsertSources(db, [
    {
      id: 'fixture',
      name: 'Testdata (fixture)',
      publisher: 'Färdplan',
      citation: 'Källa: testdata',
      url: null,
      licence: 'CC0',
    },
  ]);
  await upsertDivisions(
    db,
    DIVISION_DEFS.filter(
      (d) => d.id === DIVISIONS.kommun || d.id === DIVISIONS.sdo2020 || d.id === DIVISIONS.stadsdel,
    ).map((d) => ({ ...d, sourceId: 'fixture' })),
  );
  const city: Area = {
    divisionId: DIVISIONS.kommun,
    code: '0180',
    name: 'Stockholm',
    parentDivisionId: null,
    parentCode: null,
    geometry: null,
  };
  const sdo: Area[] = FIX.areas.map((a) => ({
    divisionId: FIX.sdo,
    code: a.code,
    name: a.name,
    parentDivisionId: DIVISIONS.kommun,
    parentCode: '0180',
    geometry: square(a.x, a.y),
  }));
  const sd: Area[] = [
    {
      divisionId: FIX.stadsdel,
      code: 'S-RINKEBY',
      name: 'Rinkeby',
      parentDivisionId: FIX.sdo,
      parentCode: 'F01',
      geometry: square(17.9, 59.39, 0.015),
    },
    {
      divisionId: FIX.stadsdel,
      code: 'S-KISTA',
      name: 'Kista',
      parentDivisionId: FIX.sdo,
      parentCode: 'F01',
      geometry: null,
    },
    {
      divisionId: FIX.stadsdel,
      code: 'S-FARSTA',
      name: 'Farsta strand',
      parentDivisionId: FIX.sdo,
      parentCode: 'F03',
      geometry: square(18.09, 59.24, 0.015),
    },
  ];
  await upsertAreas(db, [city]);
  await upsertAreas(db, sdo);
  await upsertAreas(db, sd);
  const base = {
    definitionEn: '',
    sourceId: 'fixture',
    multiplier: 1,
    decimals: 0,
    numeratorId: null,
    denominatorId: null,
  };
  const indicators: Indicator[] = [
    {
      ...base,
      id: 'fx-unemployed',
      nameSv: 'Arbetslösa',
      nameEn: 'Unemployed',
      definitionSv: 'Antal arbetslösa 16-64 år',
      unit: 'personer',
      kind: 'count',
      polarity: 'neutral',
      sort: 1,
    },
    {
      ...base,
      id: 'fx-labour-force',
      nameSv: 'Arbetskraften',
      nameEn: 'Labour force',
      definitionSv: 'Antal i arbetskraften 16-64 år',
      unit: 'personer',
      kind: 'count',
      polarity: 'neutral',
      sort: 2,
    },
    {
      ...base,
      id: 'fx-unemployment-share',
      nameSv: 'Andel arbetslösa',
      nameEn: 'Unemployment share',
      definitionSv: 'Arbetslösa i procent av arbetskraften 16-64 år',
      unit: 'procent',
      kind: 'share',
      polarity: 'lower_better',
      numeratorId: 'fx-unemployed',
      denominatorId: 'fx-labour-force',
      multiplier: 100,
      decimals: 1,
      sort: 3,
    },
    {
      ...base,
      id: 'fx-median-income',
      nameSv: 'Medianinkomst',
      nameEn: 'Median income',
      definitionSv: 'Median nettoinkomst 20+ år',
      unit: 'tkr',
      kind: 'median',
      polarity: 'higher_better',
      sort: 4,
    },
  ];
  await upsertIndicators(db, indicators);
  const batch = await createBatch(db, {
    dataset: 'profiles-fixture',
    description: 'issue 4 test data',
    checksum: 'fixture-1',
    fileCount: 0,
    rowCount: 0,
  });
  const obs: Observation[] = [];
  const o = (
    indicatorId: string,
    divisionId: string,
    areaCode: string,
    period: string,
    value: number | null,
    extra: Partial<Observation> = {},
  ): Observation => ({
    indicatorId,
    divisionId,
    areaCode,
    period,
    breakdown: '',
    value: value === null ? null : String(value),
    numerator: null,
    denominator: null,
    status: value === null ? 'suppressed' : 'final',
    derived: false,
    source: `Testdata, tabell ${indicatorId}, ${period}`,
    ...extra,
  });
  FIX.periods.forEach((period, p) => {
    let u = 0;
    let l = 0;
    FIX.areas.forEach((a, i) => {
      u += unemployed(i, p);
      l += labourForce(i, p);
      obs.push(o('fx-unemployed', FIX.sdo, a.code, period, unemployed(i, p)));
      obs.push(o('fx-labour-force', FIX.sdo, a.code, period, labourForce(i, p)));
      const share = Math.round((1000 * unemployed(i, p)) / labourForce(i, p)) / 10;
      obs.push(
        o('fx-unemployment-share', FIX.sdo, a.code, period, share, {
          numerator: String(unemployed(i, p)),
          denominator: String(labourForce(i, p)),
        }),
      );
      // Skärholmen's median income is suppressed in the latest period.
      obs.push(o('fx-median-income', FIX.sdo, a.code, period, i === 1 && p === 2 ? null : medianIncome(i, p)));
    });
    obs.push(o('fx-unemployed', DIVISIONS.kommun, '0180', period, u));
    obs.push(o('fx-labour-force', DIVISIONS.kommun, '0180', period, l));
    obs.push(
      o('fx-unemployment-share', DIVISIONS.kommun, '0180', period, Math.round((1000 * u) / l) / 10, {
        numerator: String(u),
        denominator: String(l),
        derived: true,
      }),
    );
    obs.push(o('fx-median-income', DIVISIONS.kommun, '0180', period, 280 + 10 * p));
  });
  obs.push(
    o('fx-unemployment-share', FIX.stadsdel, 'S-RINKEBY', '2022', 9.9, { numerator: '99', denominator: '1000' }),
  );
  obs.push(o('fx-unemployment-share', FIX.stadsdel, 'S-FARSTA', '2022', 3.1, { numerator: '31', denominator: '1000' }));
  obs.push(o('fx-unemployment-share', FIX.stadsdel, 'S-KISTA', '2022', null, { status: 'missing' }));
  await upsertObservations(db, obs, batch);
}
