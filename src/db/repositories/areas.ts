/** Areas of the divisions: reads shared by the areas slice (listing, search across divisions). */
import type { Queryable } from '../database.ts';

export async function areaCodesOf(db: Queryable, divisionId: string): Promise<{ code: string; name: string }[]> {
  return db.query<{ code: string; name: string }>('SELECT code, name FROM area WHERE division_id = $1 ORDER BY code', [
    divisionId,
  ]);
}

export interface AreaHitRow {
  divisionId: string;
  divisionNameSv: string;
  divisionNameEn: string;
  validTo: string | null;
  code: string;
  name: string;
  parentCode: string | null;
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
