import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { aggregate, decimalString, isAvailableAt } from '../../../src/core/stats/aggregate.ts';
import { buildKeyCrosswalk, buildMembershipCrosswalk } from '../../../src/core/geo/crosswalk.ts';
import {
  extractBaseValues,
  referenceIndicators,
  type BaseValue,
  type ReferenceIndicator,
} from '../../../src/core/stats/reference-catalogue.ts';
import { applySuppression, suppressionReason } from '../../../src/core/stats/suppression.ts';
import type { Observation } from '../../../src/core/types.ts';
import type { ScbRecord } from '../../../src/core/stats/scb.ts';
import { readIndicatorCatalogue } from '../../../src/importers/indicator-catalogue.ts';

const REFERENCE_INDICATORS = referenceIndicators(readIndicatorCatalogue().indicators);

const base = {
  sourceId: 'scb',
  multiplier: 1,
  decimals: 1,
  definitionSv: '',
  definitionEn: '',
  unit: 'personer',
  polarity: 'neutral' as const,
  aggregable: true,
};
const IND: ReferenceIndicator[] = [
  {
    ...base,
    id: 'unemployed',
    nameSv: 'Arbetslösa',
    nameEn: 'Unemployed',
    kind: 'count',
    numeratorId: null,
    denominatorId: null,
  },
  {
    ...base,
    id: 'labour-force',
    nameSv: 'Arbetskraft',
    nameEn: 'Labour force',
    kind: 'count',
    numeratorId: null,
    denominatorId: null,
  },
  {
    ...base,
    id: 'unemployment',
    nameSv: 'Arbetslöshet',
    nameEn: 'Unemployment',
    kind: 'share',
    numeratorId: 'unemployed',
    denominatorId: 'labour-force',
    multiplier: 100,
    unit: 'procent',
  },
  {
    ...base,
    id: 'median-income',
    nameSv: 'Median',
    nameEn: 'Median',
    kind: 'median',
    numeratorId: null,
    denominatorId: null,
    aggregable: false,
  },
];

const v = (indicatorId: string, areaCode: string, value: number | null, period = '2022'): BaseValue => ({
  indicatorId,
  period,
  areaCode,
  value,
  status: value === null ? 'missing' : 'ok',
  source: `SCB, T ${indicatorId}, ${period}`,
});

// Three DeSO: D1, D2 in RegSO R1; D3 in R2. R1 and R2 in district X; the city 0180.
const steps = [
  buildKeyCrosswalk('deso-regso', 'deso', 'regso', [
    { from: 'D1', to: 'R1' },
    { from: 'D2', to: 'R1' },
    { from: 'D3', to: 'R2' },
  ]),
  buildMembershipCrosswalk(
    'regso-district',
    'regso',
    'district',
    [
      { from: 'R1', to: 'X', confidence: 1 },
      { from: 'R2', to: 'X', confidence: 1 },
    ],
    'spatial-join',
    '',
  ),
];
const areas = new Map([
  ['deso', ['D1', 'D2', 'D3']],
  ['regso', ['R1', 'R2']],
  ['district', ['X', 'Y']],
  ['city', ['0180']],
]);
const run = (values: BaseValue[], regsoValues: BaseValue[] = []) =>
  aggregate({
    indicators: IND,
    base: [
      { divisionId: 'deso', values },
      { divisionId: 'regso', values: regsoValues },
    ],
    steps,
    city: { divisionId: 'city', code: '0180' },
    areas,
  });
const find = (obs: Observation[], ind: string, div: string, code: string, period = '2022') =>
  obs.find((o) => o.indicatorId === ind && o.divisionId === div && o.areaCode === code && o.period === period);

describe('aggregation up crosswalks', () => {
  const values = [
    v('unemployed', 'D1', 10),
    v('unemployed', 'D2', 90),
    v('unemployed', 'D3', 30),
    v('labour-force', 'D1', 100),
    v('labour-force', 'D2', 900),
    v('labour-force', 'D3', 1000),
    v('median-income', 'D1', 300),
    v('median-income', 'D2', 250),
    v('median-income', 'D3', 400),
  ];
  const { observations: obs } = run(values);

  it('sums counts at every level and the city', () => {
    assert.equal(find(obs, 'unemployed', 'regso', 'R1')?.value, '100');
    assert.equal(find(obs, 'unemployed', 'district', 'X')?.value, '130');
    assert.equal(find(obs, 'unemployed', 'city', '0180')?.value, '130');
    assert.equal(find(obs, 'unemployed', 'deso', 'D1')?.derived, false);
    assert.equal(find(obs, 'unemployed', 'regso', 'R1')?.derived, true);
  });

  it('recomputes rates from summed numerator and denominator, never by averaging rates', () => {
    // D1 10 %, D2 10 %, D3 3 %: the mean of the rates would be 7.67 %; the city's rate is 130 / 2000 = 6.5 %.
    const city = find(obs, 'unemployment', 'city', '0180')!;
    assert.deepEqual([city.value, city.numerator, city.denominator, city.status], ['6.5', '130', '2000', 'final']);
    assert.equal(find(obs, 'unemployment', 'regso', 'R1')?.value, '10');
    assert.equal(find(obs, 'unemployment', 'deso', 'D3')?.value, '3');
  });

  it('does not aggregate medians: they exist at the base level only', () => {
    assert.equal(find(obs, 'median-income', 'deso', 'D2')?.value, '250');
    assert.equal(obs.filter((o) => o.indicatorId === 'median-income' && o.divisionId !== 'deso').length, 0);
    assert.equal(isAvailableAt(IND[3]!, 'regso', ['deso']), false);
    assert.equal(isAvailableAt(IND[2]!, 'regso', ['deso']), true);
  });

  it('marks an area no source area links to as missing, without spoiling its parent', () => {
    assert.equal(find(obs, 'unemployed', 'district', 'Y')?.status, 'missing');
    assert.equal(find(obs, 'unemployed', 'district', 'X')?.status, 'final');
  });

  it('a missing child makes its parents missing (an incomplete sum is not a total)', () => {
    const { observations } = run([v('unemployed', 'D1', null), v('unemployed', 'D2', 5), v('unemployed', 'D3', 7)]);
    assert.equal(find(observations, 'unemployed', 'regso', 'R1')?.status, 'missing');
    assert.equal(find(observations, 'unemployed', 'regso', 'R2')?.value, '7');
    assert.equal(find(observations, 'unemployed', 'city', '0180')?.status, 'missing');
  });

  it('takes each period from the finest division that has it (RegSO series only where DeSO has none)', () => {
    const { observations, baseDivision } = run(
      [v('labour-force', 'D1', 100), v('labour-force', 'D2', 900), v('labour-force', 'D3', 1000)],
      [
        v('labour-force', 'R1', 999),
        v('labour-force', 'R2', 1),
        v('labour-force', 'R1', 800, '2021'),
        v('labour-force', 'R2', 700, '2021'),
      ],
    );
    assert.equal(
      find(observations, 'labour-force', 'regso', 'R1')?.value,
      '1000',
      '2022 from DeSO, not the RegSO file',
    );
    assert.equal(find(observations, 'labour-force', 'city', '0180', '2021')?.value, '1500');
    assert.deepEqual(Object.fromEntries(baseDivision.get('labour-force')!), { '2022': 'deso', '2021': 'regso' });
  });
});

describe('suppression', () => {
  const obs = (
    kind: 'count' | 'share' | 'mean',
    value: string,
    numerator: string | null = null,
    denominator: string | null = null,
  ): [Observation, { kind: typeof kind }] => [
    {
      indicatorId: 'x',
      divisionId: 'deso',
      areaCode: 'D1',
      period: '2022',
      breakdown: '',
      value,
      numerator,
      denominator,
      status: 'final',
      derived: false,
      source: 'S',
    },
    { kind },
  ];

  it('suppresses counts of 1 to 4, not 0 or 5', () => {
    assert.equal(applySuppression(...obs('count', '4')).status, 'suppressed');
    assert.equal(applySuppression(...obs('count', '1')).value, null);
    assert.equal(applySuppression(...obs('count', '0')).status, 'final');
    assert.equal(applySuppression(...obs('count', '5')).status, 'final');
  });

  it('suppresses shares with a numerator of 1–4 or a denominator under 50, hiding numerator and denominator', () => {
    const s = applySuppression(...obs('share', '4', '3', '75'));
    assert.deepEqual([s.status, s.value, s.numerator, s.denominator], ['suppressed', null, null, null]);
    assert.equal(suppressionReason(...obs('share', '10', '4.9', '49')), 'numerator below 5');
    assert.equal(suppressionReason(...obs('share', '10', '5', '49')), 'denominator below 50');
    assert.equal(suppressionReason(...obs('share', '0', '0', '500')), null);
    assert.equal(suppressionReason(...obs('mean', '300', '9000', '30')), 'fewer than 50 persons');
  });

  it('the aggregation suppresses small published values but sums the unsuppressed counts', () => {
    const { observations } = run([
      v('unemployed', 'D1', 3),
      v('unemployed', 'D2', 4),
      v('unemployed', 'D3', 0),
      v('labour-force', 'D1', 40),
      v('labour-force', 'D2', 900),
      v('labour-force', 'D3', 60),
    ]);
    assert.equal(find(observations, 'unemployed', 'deso', 'D1')?.status, 'suppressed');
    assert.equal(find(observations, 'unemployed', 'regso', 'R1')?.value, '7', '3 + 4, from the unsuppressed counts');
    assert.equal(find(observations, 'unemployment', 'deso', 'D1')?.status, 'suppressed');
    assert.equal(find(observations, 'unemployment', 'deso', 'D3')?.value, '0');
    assert.equal(find(observations, 'unemployment', 'city', '0180')?.value, '0.7');
  });
});

describe('the catalogue reads SCB records', () => {
  const rec = (
    tableId: string,
    content: string,
    breakdown: Record<string, string>,
    value: number | null,
    regionCode = '0180C1010',
  ): ScbRecord => ({
    tableId,
    title: `T ${tableId}`,
    content,
    breakdown,
    period: '2022',
    regionCode,
    regionName: null,
    value,
    status: value === null ? 'missing' : 'ok',
    source: `SCB, T ${tableId}, 2022`,
  });

  it('has the required indicators with names, definition, unit, polarity and numerator/denominator', () => {
    const ids = new Set(REFERENCE_INDICATORS.map((i) => i.id));
    for (const id of [
      'population',
      'share-foreign-background',
      'share-born-outside-europe',
      'net-income-median',
      'net-income-mean',
      'share-low-economic-standard',
      'employment-rate-16-64',
      'unemployment-share-16-64',
      'share-post-secondary-3plus-25-64',
      'share-compulsory-only-25-64',
      'share-rental-dwellings',
      'households',
    ])
      assert.ok(ids.has(id), id);
    for (const i of REFERENCE_INDICATORS) {
      assert.ok(i.nameSv && i.nameEn && i.definitionSv && i.definitionEn && i.unit, i.id);
      if (i.kind === 'share' || (i.kind === 'mean' && i.aggregable)) {
        assert.ok(
          ids.has(i.numeratorId!) && ids.has(i.denominatorId!),
          `${i.id}: numerator and denominator are in the catalogue`,
        );
      }
    }
  });

  it('derives counts: sums of categories, percent × persons, mean × persons', () => {
    const records = [
      ...['hyresrätt', 'bostadsrätt', 'äganderätt', 'uppgift saknas'].map((u, n) =>
        rec('000006OC', 'Antal lägenheter', { upplåtelseform: u }, 10 * (n + 1)),
      ),
      rec('000006TA', 'Låg ekonomisk standard, procent', { ålder: 'totalt ålder' }, 12),
      rec('000006TA', 'Antal personer totalt', { ålder: 'totalt ålder' }, 1500),
      rec('000005FM', 'Medelvärde, tkr', { inkomstslag: 'nettoinkomst', kön: 'totalt' }, 300.5),
      rec('000005FM', 'Antal personer totalt', { inkomstslag: 'nettoinkomst', kön: 'totalt' }, 1000),
      rec('000005FM', 'Medianvärde, tkr', { inkomstslag: 'nettoinkomst', kön: 'totalt' }, null),
    ];
    const got = new Map(extractBaseValues(records, REFERENCE_INDICATORS).map((b) => [b.indicatorId, b]));
    assert.equal(got.get('dwellings')?.value, 100);
    assert.equal(got.get('dwellings-rental')?.value, 10);
    assert.equal(got.get('persons-low-economic-standard')?.value, 180);
    assert.ok(Math.abs(got.get('net-income-total')!.value! - 300500) < 1e-6);
    assert.deepEqual([got.get('net-income-median')?.value, got.get('net-income-median')?.status], [null, 'missing']);
    assert.equal(got.has('population'), false, 'no population table, no value');
  });

  it('formats exact decimals', () => {
    assert.equal(decimalString(984748), '984748');
    assert.equal(decimalString(100 / 3), '33.333333');
    assert.equal(decimalString(6.5), '6.5');
  });
});
