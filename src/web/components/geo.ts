/**
 * A planar Web-Mercator projection fitted to a set of GeoJSON geometries.
 *
 * We project each vertex ourselves (d3-geo `geoTransform`) instead of using d3's spherical
 * `geoMercator`: spherical projections depend on ring winding order (RFC 7946 counter-clockwise
 * rings would be read as "the whole world minus the area"), and sources differ. A planar
 * transform draws any winding correctly, and at city scale the result is identical.
 */
import { geoPath, geoTransform } from 'd3-geo';
import type { Geometry, Position } from 'geojson';

function mercY(lat: number): number {
  const phi = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
  return Math.log(Math.tan(Math.PI / 4 + phi / 2));
}

function eachPosition(g: Geometry, f: (p: Position) => void): void {
  switch (g.type) {
    case 'Point':
      f(g.coordinates);
      break;
    case 'MultiPoint':
    case 'LineString':
      g.coordinates.forEach(f);
      break;
    case 'MultiLineString':
    case 'Polygon':
      g.coordinates.forEach((r) => r.forEach(f));
      break;
    case 'MultiPolygon':
      g.coordinates.forEach((p) => p.forEach((r) => r.forEach(f)));
      break;
    case 'GeometryCollection':
      g.geometries.forEach((x) => eachPosition(x, f));
      break;
  }
}

export interface FittedPath {
  /** SVG path data for a geometry ('' when it has none). */
  path: (g: Geometry | null | undefined) => string;
  /** Projected centroid [x, y] of a geometry. */
  centroid: (g: Geometry) => [number, number];
  /** Projected bounds [[x0, y0], [x1, y1]] of a geometry. */
  bounds: (g: Geometry) => [[number, number], [number, number]];
}

/** Fits all geometries into width × height with the given padding (pixels). */
export function fitPath(
  geometries: readonly (Geometry | null | undefined)[],
  width: number,
  height: number,
  padding = 4,
): FittedPath {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const g of geometries) {
    if (!g) continue;
    eachPosition(g, (p) => {
      const x = ((p[0] ?? 0) * Math.PI) / 180;
      const y = mercY(p[1] ?? 0);
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    });
  }
  if (!Number.isFinite(x0)) {
    x0 = 0;
    y0 = 0;
    x1 = 1;
    y1 = 1;
  }
  const w = Math.max(1e-12, x1 - x0);
  const h = Math.max(1e-12, y1 - y0);
  const k = Math.min((width - 2 * padding) / w, (height - 2 * padding) / h);
  const ox = (width - k * w) / 2;
  const oy = (height - k * h) / 2;
  const transform = geoTransform({
    point(lon: number, lat: number) {
      this.stream.point(ox + k * ((lon * Math.PI) / 180 - x0), oy + k * (y1 - mercY(lat)));
    },
  });
  const gp = geoPath(transform);
  return {
    path: (g) => (g ? (gp(g) ?? '') : ''),
    centroid: (g) => gp.centroid(g) as [number, number],
    bounds: (g) => gp.bounds(g) as [[number, number], [number, number]],
  };
}
