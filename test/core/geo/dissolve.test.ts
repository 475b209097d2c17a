import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { geoArea } from 'd3-geo';
import type { GeoJSONGeometry } from '../../../src/core/types.ts';
import { dissolve, geometryAreaM2 } from '../../../src/core/geo/dissolve.ts';

// Rings clockwise in lon/lat (d3-geo's convention for exteriors), as in the stadsdel file.
const box = (x0: number, y0: number, x1: number, y1: number): GeoJSONGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x0, y1],
      [x1, y1],
      [x1, y0],
      [x0, y0],
    ],
  ],
});
const sphere = (g: GeoJSONGeometry): number => geoArea(g as never);

describe('dissolve', () => {
  it('merges the shared border of two neighbours into one polygon of the same area', () => {
    const a = box(18.0, 59.3, 18.01, 59.31);
    const b = box(18.01, 59.3, 18.02, 59.31);
    const d = dissolve([a, b]);
    assert.equal(d.geometry.type, 'Polygon');
    assert.ok(
      Math.abs(sphere(d.geometry) - (sphere(a) + sphere(b))) / (sphere(a) + sphere(b)) < 1e-6,
      'same area (great-circle edges differ slightly)',
    );
    assert.ok(sphere(d.geometry) < 1e-6, 'exterior keeps the d3 orientation (not the whole sphere minus the polygon)');
  });

  it('removes a sliver gap between neighbours that do not quite meet, but keeps a real hole', () => {
    // 1e-6° (~0.1 m) gap along a 1.1 km border: a sliver hole after the union.
    const a = box(18.0, 59.3, 18.01, 59.31);
    const b = box(18.010001, 59.3, 18.02, 59.31);
    const bottom = box(18.005, 59.3, 18.015, 59.3005);
    const top = box(18.005, 59.3095, 18.015, 59.31);
    const d = dissolve([a, b, bottom, top]);
    assert.equal(d.geometry.type, 'Polygon');
    assert.equal((d.geometry.coordinates as unknown[]).length, 1, 'no holes left');
    assert.equal(d.removedHoles, 1);
    // A ring of four boxes around a 500 m × 500 m courtyard keeps the courtyard as a hole.
    const ring = [
      box(18.0, 59.3, 18.03, 59.301),
      box(18.0, 59.309, 18.03, 59.31),
      box(18.0, 59.301, 18.005, 59.309),
      box(18.025, 59.301, 18.03, 59.309),
    ];
    const r = dissolve(ring);
    assert.equal((r.geometry.coordinates as unknown[]).length, 2, 'outer ring and the courtyard');
    assert.equal(r.removedHoles, 0);
    const parts = ring.reduce((s, g) => s + sphere(g), 0);
    assert.ok(Math.abs(sphere(r.geometry) - parts) / parts < 1e-6);
    const courtyard = geometryAreaM2(box(18.005, 59.301, 18.025, 59.309));
    assert.ok(
      Math.abs(geometryAreaM2(box(18.0, 59.3, 18.03, 59.31)) - geometryAreaM2(r.geometry) - courtyard) / courtyard <
        1e-3,
    );
  });

  it('keeps separate islands as a MultiPolygon', () => {
    const d = dissolve([box(18.0, 59.3, 18.01, 59.31), box(18.05, 59.3, 18.06, 59.31)]);
    assert.equal(d.geometry.type, 'MultiPolygon');
    assert.equal((d.geometry.coordinates as unknown[]).length, 2);
  });
});
