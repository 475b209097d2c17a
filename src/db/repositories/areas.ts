/**
 * Divisions (indelningar) and their areas: the one read of each for every slice (profiles, maps, analysis,
 * search), the areas' parent links and geometry writes. One row type per table; a read that needs a column
 * more (properties, geometry) widens it.
 */
import type { Queryable } from '../database.ts';
import type { Rows } from '../rows.generated.ts';
import type { GeoJSONGeometry } from '../../core/types.ts';

/** A division with how many areas it has and how many of them have a polygon. */
export interface DivisionRow extends Pick<
  Rows['division'],
  'id' | 'nameSv' | 'nameEn' | 'level' | 'validFrom' | 'validTo'
> {
  areaCount: number;
  withGeometry: number;
  hasGeometry: boolean;
}

/** Every division, by level. */
export async function listDivisions(db: Queryable): Promise<DivisionRow[]> {
  return db.query<DivisionRow>(
    `SELECT d.id, d.name_sv AS "nameSv", d.name_en AS "nameEn", d.level, d.valid_from::text AS "validFrom",
            d.valid_to::text AS "validTo", g."areaCount", g."withGeometry", g."withGeometry" > 0 AS "hasGeometry"
     FROM division d
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS "areaCount", count(a.geometry)::int AS "withGeometry" FROM area a WHERE a.division_id = d.id
     ) g
     ORDER BY d.level, d.sort, d.id`,
  );
}

export async function findDivision(db: Queryable, id: string): Promise<DivisionRow | null> {
  return (await listDivisions(db)).find((d) => d.id === id) ?? null;
}

/** An area: its division, code, name and parent link. */
export type AreaRow = Pick<Rows['area'], 'divisionId' | 'code' | 'name' | 'parentDivisionId' | 'parentCode'>;

export interface AreaWithGeometry extends AreaRow {
  geometry: GeoJSONGeometry | null;
}

/** An area as a map feature: with its source properties and polygon. */
export interface AreaFeatureRow extends AreaWithGeometry {
  properties: Record<string, unknown>;
}

const AREA_COLS = `a.division_id AS "divisionId", a.code, a.name, a.parent_division_id AS "parentDivisionId", a.parent_code AS "parentCode"`;

/** The areas of a division by name, or of every division (by level, then name) when none is given. */
export async function listAreas(db: Queryable, divisionId?: string): Promise<AreaRow[]> {
  return divisionId
    ? db.query<AreaRow>(`SELECT ${AREA_COLS} FROM area a WHERE a.division_id = $1 ORDER BY a.name, a.code`, [
        divisionId,
      ])
    : db.query<AreaRow>(
        `SELECT ${AREA_COLS} FROM area a JOIN division d ON d.id = a.division_id ORDER BY d.level, d.sort, a.division_id, a.name, a.code`,
      );
}

/** The areas of a division by code, with their polygons when asked (null otherwise). */
export async function areasByCode(
  db: Queryable,
  divisionId: string,
  withGeometry: boolean,
): Promise<AreaWithGeometry[]> {
  return db.query<AreaWithGeometry>(
    `SELECT ${AREA_COLS}, ${withGeometry ? 'a.geometry' : 'NULL::jsonb AS geometry'} FROM area a WHERE a.division_id = $1 ORDER BY a.code`,
    [divisionId],
  );
}

/** The areas of a division by name with their source properties, and their polygons when asked (null otherwise). */
export async function areaFeatures(
  db: Queryable,
  divisionId: string,
  withGeometry: boolean,
): Promise<AreaFeatureRow[]> {
  return db.query<AreaFeatureRow>(
    `SELECT ${AREA_COLS}, a.properties, ${withGeometry ? 'a.geometry' : 'NULL::jsonb AS geometry'}
       FROM area a WHERE a.division_id = $1 ORDER BY a.name, a.code`,
    [divisionId],
  );
}

/** The city: the (first) area of the division with level 0. */
export async function findCity(db: Queryable): Promise<(AreaRow & { level: number }) | null> {
  const rows = await db.query<AreaRow & { level: number }>(
    `SELECT ${AREA_COLS}, d.level FROM area a JOIN division d ON d.id = a.division_id ORDER BY d.level, d.sort, a.code LIMIT 1`,
  );
  return rows[0] ?? null;
}

export async function getArea(db: Queryable, divisionId: string, code: string): Promise<AreaWithGeometry | null> {
  const rows = await db.query<AreaWithGeometry>(
    `SELECT ${AREA_COLS}, a.geometry FROM area a WHERE a.division_id = $1 AND a.code = $2`,
    [divisionId, code],
  );
  return rows[0] ?? null;
}

export async function getAreas(
  db: Queryable,
  keys: readonly { divisionId: string; code: string }[],
): Promise<AreaRow[]> {
  if (keys.length === 0) return [];
  return db.query<AreaRow>(
    `SELECT ${AREA_COLS} FROM area a JOIN unnest($1::text[], $2::text[]) AS k(division_id, code) ON k.division_id = a.division_id AND k.code = a.code`,
    [keys.map((k) => k.divisionId), keys.map((k) => k.code)],
  );
}

export interface RelatedAreaRow extends AreaRow, Pick<Rows['division'], 'level'> {
  divisionNameSv: Rows['division']['nameSv'];
  divisionNameEn: Rows['division']['nameEn'];
  /** How it was found: the area's own parent link or a crosswalk with weight 1. */
  relation: 'parent' | 'child';
}

/**
 * Parents and children of an area: its own parent link, areas whose parent it is, and areas
 * linked through a crosswalk with weight 1 (wholly inside / wholly containing).
 */
export async function relatedAreas(db: Queryable, divisionId: string, code: string): Promise<RelatedAreaRow[]> {
  return db.query<RelatedAreaRow>(
    `WITH rel AS (
       SELECT a.parent_division_id AS division_id, a.parent_code AS code, 'parent' AS relation
         FROM area a WHERE a.division_id = $1 AND a.code = $2 AND a.parent_code IS NOT NULL
       UNION
       SELECT c.division_id, c.code, 'child' FROM area c WHERE c.parent_division_id = $1 AND c.parent_code = $2
       UNION
       SELECT l.to_division_id, l.to_code, 'parent' FROM crosswalk_link l
         JOIN division fd ON fd.id = l.from_division_id JOIN division td ON td.id = l.to_division_id
         WHERE l.from_division_id = $1 AND l.from_code = $2 AND l.weight = 1 AND td.level < fd.level
       UNION
       SELECT l.from_division_id, l.from_code, 'child' FROM crosswalk_link l
         JOIN division fd ON fd.id = l.from_division_id JOIN division td ON td.id = l.to_division_id
         WHERE l.to_division_id = $1 AND l.to_code = $2 AND l.weight = 1 AND td.level < fd.level
     )
     SELECT ${AREA_COLS}, d.name_sv AS "divisionNameSv", d.name_en AS "divisionNameEn", d.level, rel.relation
       FROM rel JOIN area a ON a.division_id = rel.division_id AND a.code = rel.code
       JOIN division d ON d.id = a.division_id
      ORDER BY rel.relation DESC, d.level, d.sort, a.name`,
    [divisionId, code],
  );
}

export async function areaCodesOf(db: Queryable, divisionId: string): Promise<Pick<AreaRow, 'code' | 'name'>[]> {
  return db.query<Pick<AreaRow, 'code' | 'name'>>('SELECT code, name FROM area WHERE division_id = $1 ORDER BY code', [
    divisionId,
  ]);
}

export interface AreaHitRow
  extends Pick<Rows['area'], 'divisionId' | 'code' | 'name' | 'parentCode'>, Pick<Rows['division'], 'validTo'> {
  divisionNameSv: Rows['division']['nameSv'];
  divisionNameEn: Rows['division']['nameEn'];
}

/** Areas of every division whose name or code contains `q` (case-insensitive), current divisions first. */
export async function searchAreaRows(db: Queryable, q: string, limit: number): Promise<AreaHitRow[]> {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db.query<AreaHitRow>(
    `SELECT a.division_id AS "divisionId", d.name_sv AS "divisionNameSv", d.name_en AS "divisionNameEn",
            to_char(d.valid_to, 'YYYY-MM-DD') AS "validTo", a.code, a.name, a.parent_code AS "parentCode"
       FROM area a JOIN division d ON d.id = a.division_id
      WHERE lower(a.name) LIKE lower($1) OR lower(a.code) LIKE lower($1)
      ORDER BY (lower(a.name) = lower($2)) DESC, (d.valid_to IS NOT NULL), d.sort, d.level, a.name, a.code
      LIMIT $3`,
    [like, q, limit],
  );
}

export async function divisionForUpdate(db: Queryable, id: string): Promise<{ id: string } | null> {
  const rows = await db.query<{ id: string }>('SELECT id FROM division WHERE id = $1 FOR UPDATE', [id]);
  return rows[0] ?? null;
}

export async function countAreasWithGeometry(db: Queryable, divisionId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM area WHERE division_id = $1 AND geometry IS NOT NULL',
    [divisionId],
  );
  return rows[0]?.n ?? 0;
}

/** Sets the polygons of areas of one division (codes that are not areas of it are ignored). */
export async function setAreaGeometries(
  db: Queryable,
  divisionId: string,
  rows: readonly { code: string; geometry: unknown }[],
): Promise<number> {
  if (!rows.length) return 0;
  const updated = await db.query<{ code: string }>(
    `UPDATE area a SET geometry = t.g::jsonb
       FROM unnest($2::text[], $3::text[]) AS t(c, g)
      WHERE a.division_id = $1 AND a.code = t.c
      RETURNING a.code`,
    [divisionId, rows.map((r) => r.code), rows.map((r) => JSON.stringify(r.geometry))],
  );
  return updated.length;
}
