/** Reading divisions, areas (JSON or GeoJSON with their polygons) and crosswalks for the API. */
import type { Queryable } from '../../db/database.ts';
import { AppError } from '../../core/errors.ts';
import { areaFeatures, findDivision, listDivisions } from '../../db/repositories/areas.ts';
import { listCrosswalks } from '../../db/repositories/crosswalks.ts';

export async function getDivisions(db: Queryable) {
  return { divisions: await listDivisions(db) };
}

/** The division, or a 404 naming it. */
export async function requireDivision(db: Queryable, id: string) {
  const d = await findDivision(db, id);
  if (!d)
    throw new AppError('not_found', `division ${id} was not found`, [
      { field: 'division', message: `unknown division ${id}` },
    ]);
  return d;
}

export async function getAreas(db: Queryable, divisionId: string) {
  const division = await requireDivision(db, divisionId);
  const areas = (await areaFeatures(db, divisionId, false)).map(({ geometry: _g, divisionId: _d, ...a }) => a);
  return {
    division: { id: division.id, nameSv: division.nameSv, nameEn: division.nameEn, level: division.level },
    areas,
  };
}

export async function getAreasGeoJson(db: Queryable, divisionId: string) {
  const division = await requireDivision(db, divisionId);
  const areas = await areaFeatures(db, divisionId, true);
  return {
    type: 'FeatureCollection' as const,
    division: division.id,
    features: areas.map((a) => ({
      type: 'Feature' as const,
      id: a.code,
      properties: {
        code: a.code,
        name: a.name,
        parentDivisionId: a.parentDivisionId,
        parentCode: a.parentCode,
        ...a.properties,
      },
      geometry: a.geometry ?? null,
    })),
  };
}

/** The crosswalks with method, description, every link (weight, confidence, method, note) and the unmatched and uncovered areas. */
export async function getCrosswalks(db: Queryable) {
  const rows = await listCrosswalks(db);
  return {
    crosswalks: rows.map((c) => ({
      ...c,
      links: c.links.map((l) => ({
        ...l,
        weight: Number(l.weight),
        confidence: l.confidence === null ? null : Number(l.confidence),
      })),
    })),
  };
}
