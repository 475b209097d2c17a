import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseJsonStat, JsonStatError } from '../../src/core/imports/jsonstat.ts';
import { cellCount, classifyRegion, scbPeriod, splitSelection } from '../../src/core/imports/pxweb.ts';
import { canonicalDecimal, diffObservations, observationKey } from '../../src/core/imports/diff.ts';
import { chunkIds, koladaBreakdown } from '../../src/core/imports/kolada.ts';
import { parseBreakdown, parseNumber, sheetToObservations } from '../../src/core/imports/tidy.ts';
import { regsoCode } from '../../src/core/geo/stockholm.ts';
import type { Observation } from '../../src/core/types.ts';

describe('JSON-stat 2.0', () => {
  it('unrolls cells row-major, with sparse values and statuses', () => {
    const ds = parseJsonStat(
      {
        version: '2.0',
        class: 'dataset',
        id: ['a', 'b'],
        size: [2, 2],
        dimension: { a: { category: { index: { x: 1, w: 0 } } }, b: { category: { index: ['1', '2'] } } },
        value: { '0': 1, '3': 4 },
        status: { '1': '..' },
      },
      'f.json',
    );
    assert.deepEqual(
      ds.cells.map((c) => [c.codes.a, c.codes.b, c.value, c.status]),
      [
        ['w', '1', 1, null],
        ['w', '2', null, '..'],
        ['x', '1', null, null],
        ['x', '2', 4, null],
      ],
    );
  });
  it('names what is wrong', () => {
    assert.throws(
      () =>
        parseJsonStat(
          {
            version: '2.0',
            class: 'dataset',
            id: ['a'],
            size: [3],
            dimension: { a: { category: { index: ['x'] } } },
            value: [1, 2, 3],
          },
          'f.json',
        ),
      (e: unknown) => e instanceof JsonStatError && e.problems[0]!.field === 'dimension.a.category',
    );
  });
});

describe('PxWebApi selections and codes', () => {
  it('splits a selection so that no part has more cells than the limit, covering every cell once', () => {
    const sel = [
      { variableCode: 'Region', valueCodes: Array.from({ length: 7 }, (_, i) => `r${i}`) },
      { variableCode: 'Tid', valueCodes: ['2021', '2022', '2023'] },
    ];
    const parts = splitSelection(sel, 5);
    for (const p of parts) assert.ok(cellCount(p) <= 5);
    const cells = parts.flatMap((p) => p[0]!.valueCodes.flatMap((r) => p[1]!.valueCodes.map((y) => `${r}|${y}`)));
    assert.equal(new Set(cells).size, 21);
    assert.equal(cells.length, 21);
  });
  it('maps periods and regions', () => {
    assert.equal(scbPeriod('2023K2'), '2023-Q2');
    assert.equal(scbPeriod('2024M05'), '2024-05');
    assert.equal(scbPeriod('2022'), '2022');
    assert.deepEqual(classifyRegion('0180R107', 'Stockholm (Rinkeby)', regsoCode), {
      divisionId: 'regso',
      areaCode: '0180R-rinkeby',
      kommunCode: '0180',
      name: 'Rinkeby',
    });
    assert.equal(classifyRegion('0180C6070_DeSO2018', '0180C6070', regsoCode)?.areaCode, '0180C6070');
    assert.equal(classifyRegion('01', 'Stockholms län', regsoCode), null);
  });
});

describe('Kolada', () => {
  it('maps gender to breakdowns and keeps at most 25 ids a chunk', () => {
    assert.deepEqual(['T', 'K', 'M', 'F', 'X'].map(koladaBreakdown), [
      '',
      'sex=kvinnor',
      'sex=män',
      'sex=kvinnor',
      null,
    ]);
    assert.deepEqual(
      chunkIds(Array.from({ length: 51 }, (_, i) => String(i))).map((c) => c.length),
      [25, 25, 1],
    );
  });
});

describe('import diff', () => {
  const obs = (value: string | null, extra: Partial<Observation> = {}): Observation => ({
    indicatorId: 'i',
    divisionId: 'd',
    areaCode: 'a',
    period: '2022',
    breakdown: '',
    value,
    numerator: null,
    denominator: null,
    status: 'final',
    derived: false,
    source: 's',
    ...extra,
  });
  it('treats 12.50 and 12.5 as the same value and classifies added, changed, unchanged, deleted', () => {
    assert.equal(canonicalDecimal('12.50'), '12.5');
    assert.equal(canonicalDecimal('-0.0'), '0');
    const stored = new Map([
      [
        observationKey(obs('1')),
        { value: '12.50', numerator: null, denominator: null, status: 'final' as const, source: 's', batchId: 1 },
      ],
      [
        observationKey(obs('1', { period: '2023' })),
        { value: '3', numerator: null, denominator: null, status: 'final' as const, source: 's', batchId: 1 },
      ],
      [
        observationKey(obs('1', { period: '2024' })),
        { value: '3', numerator: null, denominator: null, status: 'final' as const, source: 's', batchId: 1 },
      ],
    ]);
    const { summary } = diffObservations(
      [
        obs('12.5'),
        obs('4', { period: '2023' }),
        { ...obs(null, { period: '2024' }), deleted: true },
        obs('9', { period: '2025' }),
        { ...obs(null, { period: '2026' }), deleted: true },
      ],
      stored,
    );
    assert.deepEqual(summary, { added: 1, changed: 1, unchanged: 1, deleted: 1 });
  });
});

describe('uploaded tables', () => {
  const ctx = {
    file: 'f.csv',
    indicators: new Set(['i']),
    areas: new Map([
      ['0180', ['kommun']],
      ['X', ['deso', 'regso']],
    ]),
    defaultSource: 'upload',
  };
  it('reads numbers with a decimal comma and breakdowns in any order', () => {
    assert.equal(parseNumber('1 234,5'), '1234.5');
    assert.equal(parseNumber('12x'), null);
    assert.equal(parseBreakdown('sex=kvinnor; age=20-24'), 'age=20-24;sex=kvinnor');
    assert.equal(parseBreakdown('sex'), null);
  });
  it('reports every problem by row and column, and duplicates', () => {
    const r = sheetToObservations(
      {
        header: ['indicator', 'area', 'period', 'value', 'status'],
        rows: [
          { line: 2, cells: { indicator: 'i', area: '0180', period: '2022', value: '1', status: '' } },
          { line: 3, cells: { indicator: 'j', area: 'X', period: '22', value: '', status: 'final' } },
          { line: 4, cells: { indicator: 'i', area: '0180', period: '2022', value: '2', status: '' } },
        ],
      },
      ctx,
    );
    assert.deepEqual(
      r.problems.map((p) => [p.line, p.field]),
      [
        [3, 'indicator'],
        [3, 'area'],
        [3, 'period'],
        [3, 'status'],
        [4, 'value'],
      ],
    );
    assert.equal(r.observations.length, 1);
  });
});
