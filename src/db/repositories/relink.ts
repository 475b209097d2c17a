/**
 * Re-linking what was stored before the data it refers to arrived: targets whose division was not
 * there yet, and framework interventions whose named areas were not there yet.
 */
import type { Queryable } from '../database.ts';
import type { Rows } from '../rows.generated.ts';

/** Sets target.division_id from the target's spec where it was left empty and the division now exists. */
export async function relinkTargetDivisions(db: Queryable): Promise<number> {
  const rows = await db.query<Pick<Rows['target'], 'id'>>(
    `UPDATE target t SET division_id = d.id
       FROM division d
      WHERE t.division_id IS NULL
        AND d.id = COALESCE(
          CASE WHEN t.spec->'target'->>'form' IN ('gap', 'every_area') THEN t.spec->'target'->>'division' END,
          t.spec->'scope'->>'division')
     RETURNING t.id`,
  );
  return rows.length;
}

/** Interventions that exist but have no area rows. */
export async function interventionsWithoutAreas(db: Queryable, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db.query<Pick<Rows['intervention'], 'id'>>(
    `SELECT i.id FROM intervention i
      WHERE i.id = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM intervention_area a WHERE a.intervention_id = i.id)
      ORDER BY i.id`,
    [ids],
  );
  return rows.map((r) => r.id);
}

export async function addInterventionAreas(
  db: Queryable,
  rows: readonly { interventionId: string; divisionId: string; code: string }[],
): Promise<void> {
  if (!rows.length) return;
  await db.query(
    `INSERT INTO intervention_area (intervention_id, division_id, area_code)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
    [rows.map((r) => r.interventionId), rows.map((r) => r.divisionId), rows.map((r) => r.code)],
  );
}

export async function addInterventionGroups(
  db: Queryable,
  rows: readonly { interventionId: string; groupId: string }[],
): Promise<void> {
  if (!rows.length) return;
  await db.query(
    `INSERT INTO intervention_area_group (intervention_id, group_id)
     SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
    [rows.map((r) => r.interventionId), rows.map((r) => r.groupId)],
  );
}
