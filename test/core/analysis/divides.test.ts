import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sigmaConvergence, spread } from '../../../src/core/analysis/divides.ts';

describe('divides between areas', () => {
  it('max/min, range and coefficient of variation', () => {
    const r = spread([
      { id: 'a', value: 2, population: 1 },
      { id: 'b', value: 4, population: 1 },
      { id: 'c', value: 6, population: 1 },
      { id: 'd', value: 8, population: 1 },
    ]);
    assert.equal(r.maxMinRatio, 4);
    assert.equal(r.range, 6);
    assert.equal(r.mean, 5);
    assert.ok(Math.abs(r.sd - Math.sqrt(5)) < 1e-12);
    assert.ok(Math.abs((r.cv as number) - Math.sqrt(5) / 5) < 1e-12);
  });

  it('fifths are population-weighted and split the area on the 20 % line', () => {
    // population 100: bottom fifth = 20 people; area a has 10 (value 1), b has 30 (value 3):
    // bottom fifth = 10·1 + 10·3 = 40 / 20 = 2; top fifth = 20 people of d (value 10) = 10.
    const r = spread([
      { id: 'a', value: 1, population: 10 },
      { id: 'b', value: 3, population: 30 },
      { id: 'c', value: 5, population: 30 },
      { id: 'd', value: 10, population: 30 },
    ]);
    assert.ok(Math.abs(r.bottomFifthMean - 2) < 1e-12);
    assert.ok(Math.abs(r.topFifthMean - 10) < 1e-12);
    assert.ok(Math.abs((r.fifthsRatio as number) - 5) < 1e-12);
    assert.ok(Math.abs(r.weightedMean - (10 + 90 + 150 + 300) / 100) < 1e-12);
  });

  it('a zero minimum gives no max/min ratio; missing values are skipped and reported', () => {
    const r = spread([
      { id: 'a', value: 0, population: 5 },
      { id: 'b', value: 2, population: 5 },
      { id: 'c', value: Number.NaN, population: 5 },
    ]);
    assert.equal(r.maxMinRatio, null);
    assert.equal(r.fifthsRatio, null);
    assert.deepEqual(r.skipped, ['c']);
  });

  it('sigma convergence: the spread narrows when the cv falls', () => {
    const year = (period: number, values: number[]) => ({
      period,
      areas: values.map((v, i) => ({ id: `a${i}`, value: v, population: 100 })),
    });
    const narrowing = sigmaConvergence([year(2022, [5, 6, 7]), year(2020, [2, 6, 10]), year(2021, [4, 6, 8])]);
    assert.deepEqual(
      narrowing.periods.map((p) => p.period),
      [2020, 2021, 2022],
    );
    assert.equal(narrowing.narrowing, true);
    assert.ok((narrowing.cvSlope as number) < 0);
    assert.ok((narrowing.cvChange as number) < 0);
    const widening = sigmaConvergence([year(2020, [5, 6, 7]), year(2021, [2, 6, 10])]);
    assert.equal(widening.narrowing, false);
    assert.equal(sigmaConvergence([year(2020, [1, 2])]).narrowing, null);
  });
});
