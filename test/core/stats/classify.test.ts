import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  classCounts,
  classify,
  classIndex,
  DEFAULT_CLASS_METHOD,
  equalIntervalBreaks,
  jenksBreaks,
  quantileBreaks,
  quantileSorted,
  withinClassSquares,
} from '../../../src/core/stats/classify.ts';

/** Seeded PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Brute force: the minimum within-class sum of squares over every split of sorted data into k groups. */
function bruteForceBest(sorted: number[], k: number): number {
  const n = sorted.length;
  const ssd = (i: number, j: number) => {
    const g = sorted.slice(i, j);
    const m = g.reduce((a, b) => a + b, 0) / g.length;
    return g.reduce((a, b) => a + (b - m) ** 2, 0);
  };
  let best = Infinity;
  const rec = (start: number, left: number, acc: number) => {
    if (left === 1) {
      best = Math.min(best, acc + ssd(start, n));
      return;
    }
    for (let end = start + 1; end <= n - left + 1; end++) rec(end, left - 1, acc + ssd(start, end));
  };
  rec(0, k, 0);
  return best;
}

describe('quantile breaks', () => {
  it('uses type-7 quantiles and spans min..max', () => {
    assert.equal(quantileSorted([1, 2, 3, 4], 0.5), 2.5);
    assert.deepEqual(quantileBreaks([4, 1, 3, 2, 5], 4), [1, 2, 3, 4, 5]);
    assert.deepEqual(quantileBreaks([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110], 5), [10, 30, 50, 70, 90, 110]);
  });

  it('puts about the same number of values in each class', () => {
    const r = rng(7);
    const values = Array.from({ length: 500 }, () => Math.exp(r() * 3));
    const b = quantileBreaks(values, 5);
    const counts = classCounts(b, values);
    assert.equal(
      counts.reduce((a, c) => a + c, 0),
      500,
    );
    for (const c of counts) assert.ok(c >= 99 && c <= 101, `count ${c}`);
  });

  it('ignores missing values and merges identical breaks', () => {
    assert.deepEqual(quantileBreaks([null, 1, undefined, Number.NaN, 1, 1, 1, 2], 4), [1, 1, 2]);
    assert.deepEqual(classCounts([1, 1, 2], [1, 1, 1, 1, 2]), [4, 1]);
    assert.deepEqual(quantileBreaks([], 5), []);
    assert.deepEqual(quantileBreaks([3, 3, 3], 5), [3]);
  });

  it('rejects a bad class count', () => {
    assert.throws(() => quantileBreaks([1, 2], 0), /positive integer/);
  });
});

describe('Jenks natural breaks', () => {
  it('finds obvious clusters', () => {
    assert.deepEqual(jenksBreaks([1, 2, 3, 10, 11, 12, 20, 21, 22], 3), [1, 3, 12, 22]);
    assert.deepEqual(jenksBreaks([22, 1, 12, 3, 10, 2, 21, 11, 20], 3), [1, 3, 12, 22]);
  });

  it('is the optimum: matches a brute-force search on random data', () => {
    const r = rng(42);
    for (let trial = 0; trial < 25; trial++) {
      const n = 6 + Math.floor(r() * 8);
      const k = 2 + Math.floor(r() * 3);
      const values = Array.from({ length: n }, () => Math.round(r() * 1000) / 10);
      const sorted = [...values].sort((a, b) => a - b);
      const breaks = jenksBreaks(values, k);
      const got = withinClassSquares(breaks, values);
      const best = bruteForceBest(sorted, Math.min(k, new Set(values).size));
      assert.ok(Math.abs(got - best) < 1e-6, `trial ${trial}: ${got} vs ${best}`);
    }
  });

  it('is never worse than quantiles or equal intervals', () => {
    const r = rng(3);
    const values = Array.from({ length: 120 }, () => r() ** 3 * 100);
    const j = withinClassSquares(jenksBreaks(values, 5), values);
    assert.ok(j <= withinClassSquares(quantileBreaks(values, 5), values) + 1e-9);
    assert.ok(j <= withinClassSquares(equalIntervalBreaks(values, 5), values) + 1e-9);
  });

  it('returns fewer classes when there are fewer distinct values', () => {
    assert.deepEqual(jenksBreaks([5, 5, 7, 7], 5), [5, 5, 7]);
    assert.deepEqual(classCounts([5, 5, 7], [5, 5, 7, 7]), [2, 2]);
    assert.deepEqual(jenksBreaks([5], 3), [5]);
  });
});

describe('equal intervals and classIndex', () => {
  it('splits min..max evenly', () => {
    assert.deepEqual(equalIntervalBreaks([0, 10, 3], 5), [0, 2, 4, 6, 8, 10]);
  });

  it('classes are upper-inclusive and clamp outside values', () => {
    const b = [0, 2, 4, 6];
    assert.equal(classIndex(b, 0), 0);
    assert.equal(classIndex(b, 2), 0);
    assert.equal(classIndex(b, 2.0001), 1);
    assert.equal(classIndex(b, 6), 2);
    assert.equal(classIndex(b, 99), 2);
    assert.equal(classIndex(b, -5), 0);
    assert.equal(classIndex(b, null), null);
    assert.equal(classIndex([3], 3), 0);
  });

  it('classify defaults to the documented method and 5 classes', () => {
    const c = classify([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    assert.equal(c.method, DEFAULT_CLASS_METHOD);
    assert.equal(c.method, 'quantile');
    assert.equal(c.classes, 5);
    assert.deepEqual(c.breaks, [1, 3, 5, 7, 9, 11]);
    assert.equal(classify([1, 2, 3, 10, 11, 12, 20, 21, 22], { method: 'jenks', classes: 3 }).breaks[1], 3);
    assert.equal(classify([]).classes, 0);
  });
});
