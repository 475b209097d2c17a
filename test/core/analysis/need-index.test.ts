import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AREA_TYPES,
  aggregateNeed,
  classify,
  needIndex,
  type NeedArea,
} from '../../../src/core/analysis/need-index.ts';

const areas: NeedArea[] = [
  { id: 'A', population: 100, values: { lowEcon: 30, employed: 55 } },
  { id: 'B', population: 100, values: { lowEcon: 20, employed: 65 } },
  { id: 'C', population: 100, values: { lowEcon: 10, employed: 75 } },
  { id: 'D', population: 100, values: { lowEcon: 5, employed: 80 } },
  { id: 'E', population: 100, values: { lowEcon: 4, employed: 82 } },
];

describe('need index', () => {
  it('standardises, signs by polarity and weights the indicators', () => {
    const r = needIndex(areas, {
      indicators: [
        { id: 'lowEcon', polarity: 'higherIsWorse', weight: 2 },
        { id: 'employed', polarity: 'higherIsBetter', weight: 1 },
      ],
      populationWeighted: false,
      method: 'sd',
    });
    const a = r.areas.find((x) => x.id === 'A');
    assert.ok(a);
    const low = [30, 20, 10, 5, 4];
    const m = low.reduce((s, v) => s + v, 0) / 5;
    const sd = Math.sqrt(low.reduce((s, v) => s + (v - m) ** 2, 0) / 5);
    assert.ok(Math.abs((a.components['lowEcon'] as number) - (30 - m) / sd) < 1e-12);
    assert.ok((a.components['employed'] as number) > 0, 'a low employment rate means more need');
    const expectedComposite = (2 * (a.components['lowEcon'] as number) + (a.components['employed'] as number)) / 3;
    assert.ok(Math.abs(a.composite - expectedComposite) < 1e-12);
    // the score is standardised: mean 0, sd 1 (unweighted here)
    const scores = r.areas.map((x) => x.score);
    const sm = scores.reduce((s, v) => s + v, 0) / 5;
    assert.ok(Math.abs(sm) < 1e-12);
    assert.ok(Math.abs(Math.sqrt(scores.reduce((s, v) => s + v * v, 0) / 5) - 1) < 1e-12);
    // ordering: most need first
    assert.deepEqual(
      [...r.areas].sort((x, y) => y.score - x.score).map((x) => x.id),
      ['A', 'B', 'C', 'D', 'E'],
    );
    assert.equal(r.areas.find((x) => x.id === 'A')?.type, 'largeChallenges');
    assert.equal(r.indicators[0]?.normalisedWeight, 2 / 3);
  });

  it('by default the types split the population 10/20/40/20/10 % by score', () => {
    const ten: NeedArea[] = Array.from({ length: 10 }, (_, i) => ({
      id: `d${i}`,
      population: 100,
      values: { x: i * i },
    }));
    const r = needIndex(ten, { indicators: [{ id: 'x', polarity: 'higherIsWorse', weight: 1 }] });
    assert.equal(r.method, 'populationShares');
    const typeOf = (id: string) => r.areas.find((a) => a.id === id)?.type;
    assert.deepEqual(
      Array.from({ length: 10 }, (_, i) => typeOf(`d${9 - i}`)),
      ['largeChallenges', 'challenges', 'challenges', 'mixed', 'mixed', 'mixed', 'mixed', 'good', 'good', 'veryGood'],
    );
    assert.deepEqual(
      AREA_TYPES.map((t) => r.byType[t].population),
      [100, 200, 400, 200, 100],
    );
    // the cut-offs reproduce the types, so higher divisions can be typed with them
    for (const a of r.areas) assert.equal(classify(a.score, r.cutoffs), a.type);
    // a big area counts where the midpoint of its population falls
    const big = needIndex(
      ten.map((a) => (a.id === 'd9' ? { ...a, population: 700 } : a)),
      { indicators: [{ id: 'x', polarity: 'higherIsWorse', weight: 1 }] },
    );
    // d9 holds 700 of 1 600 people: its midpoint (21.9 %) is in the second type
    assert.equal(big.areas.find((a) => a.id === 'd9')?.type, 'challenges');
    assert.throws(
      () =>
        needIndex(ten, {
          indicators: [{ id: 'x', polarity: 'higherIsWorse', weight: 1 }],
          shares: [0.5, 0.5, 0.5, 0, 0],
        }),
      /add up to 1/,
    );
  });

  it('population weighting changes the reference point', () => {
    const cfg = { indicators: [{ id: 'lowEcon', polarity: 'higherIsWorse' as const, weight: 1 }] };
    const heavy = areas.map((a) => (a.id === 'A' ? { ...a, population: 1000 } : a));
    const w = needIndex(heavy, { ...cfg, populationWeighted: true });
    const u = needIndex(heavy, { ...cfg, populationWeighted: false });
    assert.ok(
      (w.areas.find((x) => x.id === 'A')?.score as number) < (u.areas.find((x) => x.id === 'A')?.score as number),
    );
  });

  it('types by cut-offs, counts areas and population per type, reports missing values', () => {
    assert.equal(classify(1.5), 'largeChallenges');
    assert.equal(classify(0.5), 'challenges');
    assert.equal(classify(0), 'mixed');
    assert.equal(classify(-0.5), 'good');
    assert.equal(classify(-1.5), 'veryGood');
    const r = needIndex([...areas, { id: 'X', population: 50, values: { lowEcon: null, employed: 70 } }], {
      indicators: [{ id: 'lowEcon', polarity: 'higherIsWorse', weight: 1 }],
    });
    assert.deepEqual(r.missing, [{ id: 'X', indicator: 'lowEcon' }]);
    assert.equal(
      AREA_TYPES.reduce((s, t) => s + r.byType[t].areas, 0),
      5,
    );
    assert.equal(
      AREA_TYPES.reduce((s, t) => s + r.byType[t].population, 0),
      500,
    );
  });

  it('rejects bad configurations', () => {
    assert.throws(() => needIndex(areas, { indicators: [] }), /at least one indicator/);
    assert.throws(
      () => needIndex(areas, { indicators: [{ id: 'lowEcon', polarity: 'higherIsWorse', weight: -1 }] }),
      /lowEcon: weight/,
    );
    assert.throws(
      () =>
        needIndex(areas, {
          indicators: [{ id: 'lowEcon', polarity: 'higherIsWorse', weight: 1 }],
          cutoffs: [1, 2, 0, -1],
        }),
      /descending/,
    );
  });

  it('aggregates to a higher division with population weights', () => {
    const r = needIndex(areas, { indicators: [{ id: 'lowEcon', polarity: 'higherIsWorse', weight: 1 }] });
    const parent: Record<string, string> = { A: 'north', B: 'north', C: 'south', D: 'south' };
    const agg = aggregateNeed(r, (id) => parent[id]);
    assert.deepEqual(agg.unmapped, ['E']);
    const north = agg.areas.find((x) => x.id === 'north');
    const sa = r.areas.find((x) => x.id === 'A')?.score as number;
    const sb = r.areas.find((x) => x.id === 'B')?.score as number;
    assert.ok(Math.abs((north?.score as number) - (sa + sb) / 2) < 1e-12);
    assert.equal(north?.population, 200);
    assert.equal(north?.members, 2);
    assert.equal(
      AREA_TYPES.reduce((s, t) => s + (north?.populationByType[t] ?? 0), 0),
      200,
    );
  });
});
