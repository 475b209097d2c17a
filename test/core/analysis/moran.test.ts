import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testdataDir } from '../../helpers/paths.ts';
import { moransI, rowStandardise } from '../../../src/core/analysis/moran.ts';
import { normalCdf, twoSidedP, erfc } from '../../../src/core/analysis/normal.ts';
import { contiguityNeighbours, type AreaPolygon } from '../../../src/core/analysis/contiguity.ts';
import { parseAreaTable, parseNeighboursJson } from '../../../src/importers/segregation-csv.ts';

const seg = join(testdataDir, 'segregation');

/** n×n grid of unit squares, ids g1… row by row (as the segdata grid case). */
function grid(n: number): AreaPolygon[] {
  const out: AreaPolygon[] = [];
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      out.push({
        id: `g${r * n + c + 1}`,
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [c, r],
              [c + 1, r],
              [c + 1, r + 1],
              [c, r + 1],
              [c, r],
            ],
          ],
        },
      });
    }
  }
  return out;
}

/** Moran's I straight from its definition with a dense weight matrix. */
function denseI(ids: string[], values: number[], nb: Record<string, string[]>): number {
  const n = ids.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const z = values.map((v) => v - mean);
  let S0 = 0;
  let cross = 0;
  ids.forEach((id, i) => {
    const list = nb[id] ?? [];
    for (const j of list) {
      const w = 1 / list.length;
      S0 += w;
      cross += w * (z[i] as number) * (z[ids.indexOf(j)] as number);
    }
  });
  return (n / S0) * (cross / z.reduce((s, x) => s + x * x, 0));
}

describe('normal distribution', () => {
  it('matches tabulated values to 1e-10', () => {
    // Φ and erfc values from standard tables (Abramowitz & Stegun 26.2 and 7.1)
    const table: [number, number][] = [
      [0, 0.5],
      [1, 0.8413447460685429],
      [1.96, 0.9750021048517795],
      [-2.5, 0.0062096653257761],
      [3, 0.9986501019683699],
      [-6, 9.865876450376946e-10],
    ];
    for (const [z, p] of table) assert.ok(Math.abs(normalCdf(z) - p) < 1e-10, `Φ(${z}) = ${normalCdf(z)}`);
    assert.ok(Math.abs(erfc(0.5) - 0.4795001221869535) < 1e-15);
    assert.ok(Math.abs(erfc(3) / 2.209049699858544e-5 - 1) < 1e-12);
    assert.ok(Math.abs(twoSidedP(1.959963984540054) - 0.05) < 1e-12);
    assert.equal(twoSidedP(0), 1);
  });

  it('is continuous where the two methods meet (|x| = 3) and monotone', () => {
    const below = erfc(3 - 1e-12);
    const above = erfc(3 + 1e-12);
    assert.ok(Math.abs(below - above) < 1e-15);
    let prev = 0;
    for (let z = -8; z <= 8; z += 0.01) {
      const p = normalCdf(z);
      assert.ok(p >= prev, `Φ not monotone at ${z}`);
      prev = p;
    }
  });
});

describe("Moran's I", () => {
  it('a checkerboard gives I = −1 with rook neighbours', () => {
    const areas = grid(8);
    const { neighbours } = contiguityNeighbours(areas, 'rook');
    const ids = areas.map((a) => a.id);
    const values = ids.map((_, k) => ((Math.floor(k / 8) + (k % 8)) % 2 === 0 ? 1 : 0));
    const r = moransI(ids, values, neighbours);
    assert.ok(Math.abs(r.I + 1) < 1e-12, `I = ${r.I}`);
    assert.ok(Math.abs(r.EI + 1 / 63) < 1e-15);
    assert.ok(r.zNorm < -5 && r.zRand < -5);
    assert.ok(r.pNorm < 1e-6 && r.pRand < 1e-6);
  });

  it('a constant value is rejected (I undefined)', () => {
    const areas = grid(4);
    const { neighbours } = contiguityNeighbours(areas, 'queen');
    assert.throws(
      () =>
        moransI(
          areas.map((a) => a.id),
          areas.map(() => 0.5),
          neighbours,
        ),
      /constant/,
    );
  });

  it('an area with no neighbours is reported and keeps a zero row (esda convention)', () => {
    const t = parseAreaTable(readFileSync(join(seg, 'seg_oasisr_segdata_grid_patterns', 'input.csv'), 'utf8'), 'grid');
    const nb = parseNeighboursJson(
      readFileSync(join(seg, 'seg_oasisr_segdata_grid_patterns', 'rook_weights.json'), 'utf8'),
      'rook',
    );
    const ids = [...t.rows.map((r) => r.id), 'island'];
    const values = [...t.rows.map((r) => Number(r.values['A1']) / 100), 0.3];
    const r = moransI(ids, values, nb);
    assert.deepEqual(r.isolates, ['island']);
    assert.equal(r.n, 101);
    assert.ok(Math.abs(r.S0 - 100) < 1e-9, 'S0 counts the areas with neighbours');
    assert.ok(Math.abs(r.I - denseI(ids, values, nb)) < 1e-12);
    assert.ok(Math.abs(r.EI + 1 / 100) < 1e-15);
    assert.ok(r.VINorm > 0 && r.VIRand > 0);
  });

  it('p-values are two-sided and follow the z-scores', () => {
    const t = parseAreaTable(readFileSync(join(seg, 'seg_oasisr_segdata_grid_patterns', 'input.csv'), 'utf8'), 'grid');
    const nb = parseNeighboursJson(
      readFileSync(join(seg, 'seg_oasisr_segdata_grid_patterns', 'queen_weights.json'), 'utf8'),
      'queen',
    );
    const ids = t.rows.map((r) => r.id);
    const r = moransI(
      ids,
      t.rows.map((x) => Number(x.values['D1'])),
      nb,
    );
    assert.ok(r.I > 0.5, 'pattern D is clustered');
    assert.ok(Math.abs(r.pNorm - 2 * (1 - normalCdf(Math.abs(r.zNorm)))) < 1e-12);
    assert.ok(Math.abs(r.pRand - 2 * (1 - normalCdf(Math.abs(r.zRand)))) < 1e-12);
    assert.ok(
      Math.abs(
        r.I -
          denseI(
            ids,
            t.rows.map((x) => Number(x.values['D1'])),
            nb,
          ),
      ) < 1e-12,
    );
  });

  it('row-standardises and ignores self-links and unknown ids', () => {
    const { rows, isolates } = rowStandardise(['a', 'b', 'c'], { a: ['b', 'c', 'a', 'zz'], b: ['a'], c: [] });
    assert.deepEqual(
      [...(rows[0] as Map<number, number>).entries()],
      [
        [1, 0.5],
        [2, 0.5],
      ],
    );
    assert.deepEqual(isolates, ['c']);
    assert.throws(() => moransI(['a', 'b', 'c', 'd'], [1, 2, Number.NaN, 4], {}), /area c: value is not a number/);
  });
});
