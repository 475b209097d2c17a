import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testdataDir } from '../../helpers/paths.ts';
import { areaShares, entropy, multiGroupMeasures, twoGroupMeasures } from '../../../src/core/analysis/segregation.ts';
import { AnalysisError } from '../../../src/core/analysis/errors.ts';
import { multiGroupUnits, parseAreaTable, twoGroupUnits } from '../../../src/importers/segregation-csv.ts';

const seg = join(testdataDir, 'segregation');
const table = (name: string) => parseAreaTable(readFileSync(join(seg, name, 'input.csv'), 'utf8'), `${name}/input.csv`);

/** Brute-force definitions, straight from the formulas (O(n²)), to check the implementation. */
function bruteGini(units: { group: number; total: number }[]): number {
  const T = units.reduce((s, u) => s + u.total, 0);
  const P = units.reduce((s, u) => s + u.group, 0) / T;
  let num = 0;
  for (const a of units)
    for (const b of units) num += a.total * b.total * Math.abs(a.group / a.total - b.group / b.total);
  return num / (2 * T * T * P * (1 - P));
}

describe('two-group segregation measures', () => {
  it('a constant share gives no segregation (grid pattern I: 50/50 everywhere)', () => {
    const t = table('seg_oasisr_segdata_grid_patterns');
    const units = t.rows.map((r) => ({
      id: r.id,
      group: Number(r.values['I1']),
      total: Number(r.values['I1']) + Number(r.values['I2']),
    }));
    const r = twoGroupMeasures(units);
    for (const k of ['D', 'H', 'G', 'M'] as const) assert.ok(Math.abs(r[k]) < 1e-12, `${k} = ${r[k]}`);
    assert.ok(Math.abs(r.xPx - 0.5) < 1e-12);
    assert.ok(Math.abs(r.xPy - 0.5) < 1e-12);
  });

  it('a checkerboard of pure areas is completely segregated', () => {
    const units = Array.from({ length: 64 }, (_, k) => {
      const black = (Math.floor(k / 8) + (k % 8)) % 2 === 0;
      return { id: `c${k}`, group: black ? 40 : 0, total: 40 };
    });
    const r = twoGroupMeasures(units);
    assert.equal(r.D, 1);
    assert.ok(Math.abs(r.H - 1) < 1e-12);
    assert.equal(r.G, 1);
    assert.equal(r.xPx, 1);
    assert.equal(r.xPy, 0);
  });

  it('fractional counts: scale-free and equal to the brute-force Gini', () => {
    const t = table('seg_oasisr_grenoble_household_size');
    const units = twoGroupUnits(t, 'small', 'total');
    assert.ok(
      units.some((u) => !Number.isInteger(u.group)),
      'the case has fractional counts',
    );
    const r = twoGroupMeasures(units);
    const scaled = twoGroupMeasures(units.map((u) => ({ ...u, group: u.group * 7.3, total: u.total * 7.3 })));
    for (const k of ['D', 'H', 'xPx', 'xPy', 'G', 'M'] as const) assert.ok(Math.abs(r[k] - scaled[k]) < 1e-12, k);
    assert.ok(Math.abs(r.G - bruteGini(units)) < 1e-12);
    assert.ok(Math.abs(r.xPx + r.xPy - 1) < 1e-12);
    assert.ok(Math.abs(r.M - r.H * entropy([r.share, 1 - r.share])) < 1e-12);
  });

  it('areas with zero total are skipped and reported', () => {
    const base = [
      { id: 'a', group: 10, total: 50 },
      { id: 'b', group: 30, total: 40 },
      { id: 'c', group: 5, total: 60 },
    ];
    const withEmpty = twoGroupMeasures([...base, { id: 'empty', group: 0, total: 0 }]);
    const r = twoGroupMeasures(base);
    assert.deepEqual(withEmpty.skipped, ['empty']);
    assert.equal(withEmpty.n, 3);
    assert.equal(withEmpty.D, r.D);
    assert.equal(withEmpty.G, r.G);
  });

  it('rejects negative counts and a group larger than the total, naming the area', () => {
    assert.throws(
      () => twoGroupMeasures([{ id: 'x1', group: -1, total: 10 }]),
      (e: unknown) => e instanceof AnalysisError && /x1/.test(e.message) && e.field === 'group',
    );
    assert.throws(() => twoGroupMeasures([{ id: 'x2', group: 11, total: 10 }]), /x2.*larger than total/);
  });

  it('the Gini agrees with the brute-force double sum on Georgia 1990', () => {
    const units = twoGroupUnits(table('seg_georgia_black_1990'), 'black', 'total');
    assert.ok(Math.abs(twoGroupMeasures(units).G - bruteGini(units)) < 1e-12);
  });

  it('area shares against the city share', () => {
    const s = areaShares([
      { id: 'a', group: 1, total: 4 },
      { id: 'b', group: 3, total: 4 },
      { id: 'z', group: 0, total: 0 },
    ]);
    assert.deepEqual(s, [
      { id: 'a', share: 0.25, difference: -0.25 },
      { id: 'b', share: 0.75, difference: 0.25 },
      { id: 'z', share: null, difference: null },
    ]);
  });
});

describe('multigroup segregation measures', () => {
  it('with two groups equal the two-group measures (Georgia 1990)', () => {
    const t = table('seg_georgia_black_1990');
    const two = twoGroupMeasures(twoGroupUnits(t, 'black', 'total'));
    const multi = multiGroupMeasures(multiGroupUnits(t, ['black', 'nonblack']));
    assert.ok(Math.abs(two.D - multi.multiD) < 1e-12);
    assert.ok(Math.abs(two.H - multi.multiH) < 1e-12);
    assert.ok(Math.abs(two.G - multi.multiG) < 1e-12);
    assert.ok(Math.abs(two.M - multi.M) < 1e-12);
  });

  it('five school groups (elbersb schools00): bounds, M = H·E and invariance to group order', () => {
    const t = table('seg_elbersb_schools00');
    const groups = ['asian', 'black', 'hisp', 'white', 'native'];
    const r = multiGroupMeasures(multiGroupUnits(t, groups), groups);
    for (const k of ['multiD', 'multiH', 'multiG', 'normExposure'] as const)
      assert.ok(r[k] > 0 && r[k] < 1, `${k} = ${r[k]}`);
    assert.ok(Math.abs(r.M - r.multiH * entropy(r.shares)) < 1e-12);
    const rev = [...groups].reverse();
    const r2 = multiGroupMeasures(multiGroupUnits(t, rev), rev);
    for (const k of ['multiD', 'multiH', 'multiG', 'normExposure', 'M'] as const)
      assert.ok(Math.abs(r[k] - r2[k]) < 1e-12, k);
  });

  it('fractional counts with three groups (Grenoble household sizes)', () => {
    const t = table('seg_oasisr_grenoble_household_size');
    const r = multiGroupMeasures(multiGroupUnits(t, ['small', 'medium', 'big']));
    const scaled = multiGroupMeasures(
      multiGroupUnits(t, ['small', 'medium', 'big']).map((u) => ({ ...u, counts: u.counts.map((c) => c / 3) })),
    );
    for (const k of ['multiD', 'multiH', 'multiG', 'normExposure', 'M'] as const) {
      assert.ok(Number.isFinite(r[k]) && r[k] >= 0, k);
      assert.ok(Math.abs(r[k] - scaled[k]) < 1e-12, k);
    }
  });

  it('an area with zero total is skipped and reported; a wrong number of counts is an error', () => {
    const r = multiGroupMeasures([
      { id: 'a', counts: [1, 2, 3] },
      { id: 'b', counts: [0, 0, 0] },
      { id: 'c', counts: [3, 2, 1] },
    ]);
    assert.deepEqual(r.skipped, ['b']);
    assert.throws(
      () =>
        multiGroupMeasures([
          { id: 'a', counts: [1, 2] },
          { id: 'b', counts: [1] },
        ]),
      /area b: 1 group counts, expected 2/,
    );
  });
});
