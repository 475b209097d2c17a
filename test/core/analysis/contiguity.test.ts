import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { testdataDir } from '../../helpers/paths.ts';
import { asymmetricLinks, contiguityNeighbours, type AreaPolygon } from '../../../src/core/analysis/contiguity.ts';
import { parseGal, parseNeighboursJson } from '../../../src/importers/segregation-csv.ts';

const seg = join(testdataDir, 'segregation');

/** POLYGON ((x y, …)) → GeoJSON polygon (the stl case has single-ring polygons only). */
function wktPolygon(wkt: string): AreaPolygon['geometry'] {
  const m = wkt.match(/^POLYGON \(\((.*)\)\)$/);
  assert.ok(m?.[1], `unexpected WKT ${wkt.slice(0, 40)}`);
  const ring = m[1].split(',').map((p) => p.trim().split(/\s+/).map(Number));
  return { type: 'Polygon', coordinates: [ring] };
}

function sorted(map: Record<string, readonly string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, [...v].sort()]));
}

function grid(n: number, jitter = 0): AreaPolygon[] {
  const out: AreaPolygon[] = [];
  // each square gets its own copies of its corners, perturbed by up to ±jitter
  let seed = 12345;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed / 2147483648 - 0.5) * 2 * jitter;
  };
  const pt = (x: number, y: number) => [x * 0.001 + 18 + noise(), y * 0.001 + 59 + noise()];
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const ring = [pt(c, r), pt(c + 1, r), pt(c + 1, r + 1), pt(c, r + 1)];
      ring.push(ring[0] as number[]);
      out.push({ id: `g${r * n + c + 1}`, geometry: { type: 'Polygon', coordinates: [ring] } });
    }
  }
  return out;
}

describe('contiguity from polygons', () => {
  const rows = parse(readFileSync(join(seg, 'moran_stl_hom', 'input.csv'), 'utf8'), { columns: true }) as Record<
    string,
    string
  >[];
  // stl.gal numbers the counties 1…78 in the order of the rows
  const stl: AreaPolygon[] = rows.map((r, i) => ({ id: String(i + 1), geometry: wktPolygon(r['WKT'] as string) }));
  const gal = parseGal(readFileSync(join(seg, 'moran_stl_hom', 'stl.gal'), 'utf8'), 'stl.gal');

  it('rook contiguity of the 78 St. Louis counties equals stl.gal', () => {
    const { neighbours, isolates } = contiguityNeighbours(stl, 'rook');
    assert.deepEqual(sorted(neighbours), sorted(gal));
    assert.deepEqual(isolates, []);
  });

  it('queen contiguity adds exactly the corner-only neighbours', () => {
    const queen = contiguityNeighbours(stl, 'queen').neighbours;
    const rook = contiguityNeighbours(stl, 'rook').neighbours;
    let extra = 0;
    for (const id of Object.keys(rook)) {
      for (const j of rook[id] ?? []) assert.ok(queen[id]?.includes(j));
      extra += (queen[id]?.length ?? 0) - (rook[id]?.length ?? 0);
    }
    assert.ok(extra > 0, 'some counties touch only at a corner');
    assert.deepEqual(asymmetricLinks(queen), []);
  });

  for (const kind of ['queen', 'rook'] as const) {
    it(`${kind} on the 10×10 grid equals the case's ${kind}_weights.json, even with coordinate noise`, () => {
      const expected = parseNeighboursJson(
        readFileSync(join(seg, 'seg_oasisr_segdata_grid_patterns', `${kind}_weights.json`), 'utf8'),
        kind,
      );
      assert.deepEqual(sorted(contiguityNeighbours(grid(10), kind).neighbours), sorted(expected));
      // corners differ by up to 2e-9 degrees between neighbouring squares: snapped together
      assert.deepEqual(
        sorted(contiguityNeighbours(grid(10, 1e-9), kind, { tolerance: 1e-7 }).neighbours),
        sorted(expected),
      );
    });
  }

  it('without snapping tolerance, noisy corners would not match (the snapping matters)', () => {
    const noisy = contiguityNeighbours(grid(4, 1e-6), 'queen', { tolerance: 1e-12 });
    assert.equal(noisy.isolates.length, 16);
  });

  it('reports areas without neighbours and handles multipolygons with holes', () => {
    const areas: AreaPolygon[] = [
      {
        id: 'a',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 1],
              [0, 0],
            ],
          ],
        },
      },
      {
        id: 'b',
        geometry: {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [1, 0],
                [2, 0],
                [2, 1],
                [1, 1],
                [1, 0],
              ],
            ],
            [
              [
                [10, 10],
                [14, 10],
                [14, 14],
                [10, 14],
                [10, 10],
              ],
              [
                [11, 11],
                [12, 11],
                [12, 12],
                [11, 12],
                [11, 11],
              ],
            ],
          ],
        },
      },
      // an island inside b's hole touches the hole's ring
      {
        id: 'c',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [11, 11],
              [12, 11],
              [12, 12],
              [11, 12],
              [11, 11],
            ],
          ],
        },
      },
      {
        id: 'd',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [2, 1],
              [3, 1],
              [3, 2],
              [2, 2],
              [2, 1],
            ],
          ],
        },
      },
      {
        id: 'e',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [50, 50],
              [51, 50],
              [51, 51],
              [50, 50],
            ],
          ],
        },
      },
    ];
    const rook = contiguityNeighbours(areas, 'rook');
    assert.deepEqual(rook.neighbours, { a: ['b'], b: ['a', 'c'], c: ['b'], d: [], e: [] });
    assert.deepEqual(rook.isolates, ['d', 'e']);
    const queen = contiguityNeighbours(areas, 'queen');
    assert.deepEqual(queen.neighbours['d'], ['b']);
    assert.deepEqual(queen.isolates, ['e']);
  });
});
