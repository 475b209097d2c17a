/**
 * Dissolving polygons into larger areas (stadsdelar → stadsdelsområden). Pure.
 *
 * The union merges shared borders (polygon-clipping). Where neighbouring source polygons were drawn
 * with borders that do not meet exactly, the union leaves slivers: tiny holes between them, or tiny
 * separate pieces. Holes and pieces below `minSliverM2` (default 500 m²) are removed; real holes
 * (an enclave of another area) and real islands are far larger.
 *
 * Ring orientation follows the input (d3-geo's spherical convention, exterior rings clockwise in
 * lon/lat), not polygon-clipping's counter-clockwise output.
 */
import polygonClipping from 'polygon-clipping';
import type { MultiPolygon as PcMultiPolygon, Polygon as PcPolygon, Ring } from 'polygon-clipping';
import type { GeoJSONGeometry } from '../types.ts';

const EARTH_RADIUS_M = 6371008.8;

/** Planar ring area in m² (equirectangular at the ring's mean latitude); signed: > 0 counter-clockwise. */
export function ringAreaM2(ring: readonly (readonly number[])[]): number {
  if (ring.length < 3) return 0;
  let lat = 0;
  for (const p of ring) lat += p[1]!;
  lat /= ring.length;
  const kx = (Math.PI / 180) * EARTH_RADIUS_M * Math.cos((lat * Math.PI) / 180);
  const ky = (Math.PI / 180) * EARTH_RADIUS_M;
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j]!;
    const b = ring[i]!;
    s += a[0]! * kx * (b[1]! * ky) - b[0]! * kx * (a[1]! * ky);
  }
  return s / 2;
}

/** Area in m² of a Polygon/MultiPolygon (exteriors minus holes), planar approximation. */
export function geometryAreaM2(g: GeoJSONGeometry): number {
  const polys = (
    g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []
  ) as number[][][][];
  let total = 0;
  for (const p of polys) p.forEach((ring, i) => (total += (i === 0 ? 1 : -1) * Math.abs(ringAreaM2(ring))));
  return total;
}

function toPc(g: GeoJSONGeometry): PcMultiPolygon {
  if (g.type === 'Polygon') return [g.coordinates as PcPolygon];
  if (g.type === 'MultiPolygon') return g.coordinates as PcMultiPolygon;
  throw new Error(`cannot dissolve a ${g.type}`);
}

export interface DissolveResult {
  geometry: GeoJSONGeometry;
  /** Slivers removed (holes and pieces below the threshold). */
  removedHoles: number;
  removedPieces: number;
}

/** Unions the geometries, removes slivers and returns a Polygon or MultiPolygon. */
export function dissolve(
  geometries: readonly GeoJSONGeometry[],
  options: { minSliverM2?: number } = {},
): DissolveResult {
  if (!geometries.length) throw new Error('nothing to dissolve');
  const min = options.minSliverM2 ?? 500;
  const [first, ...rest] = geometries.map(toPc);
  const merged = polygonClipping.union(first!, ...rest);
  let removedHoles = 0;
  let removedPieces = 0;
  const out: Ring[][] = [];
  for (const poly of merged) {
    const [outer, ...holes] = poly;
    if (!outer || Math.abs(ringAreaM2(outer)) < min) {
      removedPieces++;
      continue;
    }
    const kept = holes.filter((h) => {
      const keep = Math.abs(ringAreaM2(h)) >= min;
      if (!keep) removedHoles++;
      return keep;
    });
    // polygon-clipping writes exteriors counter-clockwise; reverse to the input's (d3-geo) convention.
    out.push([outer, ...kept].map((r) => r.slice().reverse()));
  }
  const geometry: GeoJSONGeometry =
    out.length === 1 ? { type: 'Polygon', coordinates: out[0] } : { type: 'MultiPolygon', coordinates: out };
  return { geometry, removedHoles, removedPieces };
}
