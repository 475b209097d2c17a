/**
 * The locator map of a profile: the division whose shapes form its context (the browser fetches them once per
 * division) and the area's polygon (or its nearest ancestor's).
 */
import type { Queryable } from '../../db/database.ts';
import { getArea, relatedAreas, type DivisionRow } from '../../db/repositories/areas.ts';
import type { GeoJSONGeometry } from '../../core/types.ts';
import type { Profile } from '../../core/contracts/areas.ts';

/** Rounds coordinates (4 decimals ≈ 10 m) and drops repeated vertices: maps need no more. */
export function roundGeometry(g: GeoJSONGeometry | null, decimals = 4): GeoJSONGeometry | null {
  if (!g) return null;
  const f = 10 ** decimals;
  const r = (c: unknown): unknown => {
    if (Array.isArray(c) && typeof c[0] === 'number')
      return [Math.round((c[0] as number) * f) / f, Math.round((c[1] as number) * f) / f];
    if (Array.isArray(c)) {
      const mapped = c.map(r);
      if (Array.isArray(mapped[0]) && typeof (mapped[0] as unknown[])[0] === 'number') {
        // A ring or line: drop consecutive duplicates introduced by rounding.
        const out = mapped.filter(
          (p, i) =>
            i === 0 ||
            (p as number[])[0] !== (mapped[i - 1] as number[])[0] ||
            (p as number[])[1] !== (mapped[i - 1] as number[])[1],
        );
        return out.length >= 4 || g.type.includes('Line') || g.type.includes('Point') ? out : mapped;
      }
      return mapped;
    }
    return c;
  };
  return { type: g.type, coordinates: r(g.coordinates) };
}

/** The context division (the coarsest current division with polygons) and the area or its nearest ancestor with a polygon. */
export async function locatorFor(
  db: Queryable,
  divisions: readonly DivisionRow[],
  divisionId: string,
  code: string,
  name: string,
  geometry: GeoJSONGeometry | null,
): Promise<Profile['locator']> {
  // The area's own division when it is a coarse one with polygons (an sdo among its siblings),
  // else the coarsest current division with polygons.
  const own = divisions.find((d) => d.id === divisionId && d.level === 1 && d.withGeometry > 0);
  const ctxDivision =
    own ??
    divisions
      .filter((d) => d.level > 0 && d.withGeometry > 0 && d.level < 9)
      .sort((a, b) => Number(a.validTo !== null) - Number(b.validTo !== null) || a.level - b.level)[0];
  if (!ctxDivision) return null;
  let target: GeoJSONGeometry | null = geometry;
  let approximate = false;
  let cur = { divisionId, code };
  for (let i = 0; i < 6 && !target; i++) {
    const rel = await relatedAreas(db, cur.divisionId, cur.code);
    const parent = rel.filter((r) => r.relation === 'parent').sort((a, b) => b.level - a.level)[0];
    if (!parent) break;
    const p = await getArea(db, parent.divisionId, parent.code);
    if (!p) break;
    target = p.geometry;
    approximate = true;
    cur = { divisionId: p.divisionId, code: p.code };
  }
  if (!target) return null;
  return {
    contextDivision: ctxDivision.id,
    target: { divisionId, code, name, geometry: roundGeometry(target, 4) },
    approximate,
  };
}
