/**
 * Contiguity neighbours built from polygons (GeoJSON coordinates), as libpysal's Queen and Rook:
 * - queen: two areas are neighbours when their boundaries share at least one vertex;
 * - rook: two areas are neighbours when their boundaries share at least one edge, i.e. two
 *   consecutive vertices (in either direction).
 * Coordinates are snapped before comparing: two vertices closer than `tolerance` (in each
 * coordinate) count as the same point, so floating-point noise between files does not break
 * contiguity. The snapping uses a grid of cell size `tolerance` and looks in the neighbouring cells,
 * so points just either side of a cell border still match.
 */
import { AnalysisError } from './errors.ts';
import type { NeighbourMap } from './moran.ts';

export type Position = readonly number[];
export type PolygonCoordinates = readonly (readonly Position[])[];

export type AreaGeometry =
  | { type: 'Polygon'; coordinates: PolygonCoordinates }
  | { type: 'MultiPolygon'; coordinates: readonly PolygonCoordinates[] };

export interface AreaPolygon {
  id: string;
  geometry: AreaGeometry;
}

export type ContiguityKind = 'queen' | 'rook';

export interface ContiguityOptions {
  /** Snapping tolerance in coordinate units (default 1e-7: about 1 cm in degrees, 0.1 µm in metres). */
  tolerance?: number;
}

export interface ContiguityResult {
  neighbours: Record<string, string[]>;
  /** Areas without any neighbour. */
  isolates: string[];
}

class VertexSnapper {
  private readonly cells = new Map<string, { x: number; y: number; id: number }[]>();
  private next = 0;
  constructor(private readonly tol: number) {}

  id(x: number, y: number): number {
    const cx = Math.floor(x / this.tol);
    const cy = Math.floor(y / this.tol);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const list = this.cells.get(`${cx + dx},${cy + dy}`);
        if (!list) continue;
        for (const p of list) {
          if (Math.abs(p.x - x) <= this.tol && Math.abs(p.y - y) <= this.tol) return p.id;
        }
      }
    }
    const key = `${cx},${cy}`;
    const p = { x, y, id: this.next++ };
    const list = this.cells.get(key);
    if (list) list.push(p);
    else this.cells.set(key, [p]);
    return p.id;
  }
}

function rings(g: AreaGeometry): readonly (readonly Position[])[] {
  if (g.type === 'Polygon') return g.coordinates;
  if (g.type === 'MultiPolygon') return g.coordinates.flat();
  throw new AnalysisError(`unsupported geometry type ${(g as { type: string }).type}`);
}

/** Queen or rook contiguity neighbours of the areas (neighbour lists sorted in input order). */
export function contiguityNeighbours(
  areas: readonly AreaPolygon[],
  kind: ContiguityKind,
  options: ContiguityOptions = {},
): ContiguityResult {
  const tol = options.tolerance ?? 1e-7;
  if (!(tol > 0)) throw new AnalysisError('tolerance must be positive');
  const snap = new VertexSnapper(tol);
  const byKey = new Map<string, Set<number>>();
  const seenIds = new Set<string>();
  areas.forEach((area, a) => {
    if (seenIds.has(area.id)) throw new AnalysisError(`area ${area.id} appears twice`);
    seenIds.add(area.id);
    for (const ring of rings(area.geometry)) {
      const ids: number[] = [];
      ring.forEach((pos, k) => {
        const x = pos[0];
        const y = pos[1];
        if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) {
          throw new AnalysisError(`area ${area.id}: coordinate ${k} of a ring is not a number pair`);
        }
        ids.push(snap.id(x, y));
      });
      const keys: string[] = [];
      if (kind === 'queen') {
        for (const v of ids) keys.push(`v${v}`);
      } else {
        for (let k = 0; k + 1 < ids.length; k++) {
          const u = ids[k] as number;
          const v = ids[k + 1] as number;
          if (u !== v) keys.push(u < v ? `e${u},${v}` : `e${v},${u}`);
        }
      }
      for (const key of keys) {
        let set = byKey.get(key);
        if (!set) byKey.set(key, (set = new Set()));
        set.add(a);
      }
    }
  });
  const nb = areas.map(() => new Set<number>());
  for (const set of byKey.values()) {
    if (set.size < 2) continue;
    const members = [...set];
    for (const i of members) for (const j of members) if (i !== j) nb[i]?.add(j);
  }
  const neighbours: Record<string, string[]> = {};
  const isolates: string[] = [];
  areas.forEach((area, a) => {
    const list = [...(nb[a] ?? [])].sort((x, y) => x - y).map((j) => (areas[j] as AreaPolygon).id);
    neighbours[area.id] = list;
    if (list.length === 0) isolates.push(area.id);
  });
  return { neighbours, isolates };
}

/** Checks that a neighbour map is symmetric; returns the one-way links found. */
export function asymmetricLinks(neighbours: NeighbourMap): [string, string][] {
  const out: [string, string][] = [];
  for (const [i, list] of Object.entries(neighbours)) {
    for (const j of list) if (!(neighbours[j] ?? []).includes(i)) out.push([i, j]);
  }
  return out;
}
