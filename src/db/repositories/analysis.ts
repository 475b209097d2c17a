/** Saved allocation scenarios of the analysis slice (their parameters and the result computed when saved). */
import type { Queryable } from '../database.ts';
import type { Rows } from '../rows.generated.ts';

export type ScenarioRow = Pick<
  Rows['allocation_scenario'],
  'id' | 'name' | 'params' | 'result' | 'createdBy' | 'createdAt'
>;

export async function insertScenario(
  db: Queryable,
  s: { name: string; params: unknown; result: unknown; createdBy: string | null },
): Promise<number | null> {
  const rows = await db.query<Pick<ScenarioRow, 'id'>>(
    `INSERT INTO allocation_scenario (name, params, result, created_by) VALUES ($1, $2::jsonb, $3::jsonb, $4)
     ON CONFLICT (name) DO NOTHING RETURNING id`,
    [s.name, JSON.stringify(s.params), JSON.stringify(s.result), s.createdBy],
  );
  return rows[0]?.id ?? null;
}

export async function listScenarios(db: Queryable): Promise<Omit<ScenarioRow, 'result'>[]> {
  return db.query<Omit<ScenarioRow, 'result'>>(
    `SELECT id, name, params, created_by AS "createdBy", created_at AS "createdAt" FROM allocation_scenario ORDER BY created_at DESC, id DESC`,
  );
}

export async function getScenarios(db: Queryable, ids: readonly number[]): Promise<ScenarioRow[]> {
  return db.query<ScenarioRow>(
    `SELECT id, name, params, result, created_by AS "createdBy", created_at AS "createdAt"
       FROM allocation_scenario WHERE id = ANY($1::bigint[]) ORDER BY id`,
    [[...ids]],
  );
}

export async function deleteScenario(db: Queryable, id: number): Promise<boolean> {
  const rows = await db.query<Pick<ScenarioRow, 'id'>>('DELETE FROM allocation_scenario WHERE id = $1 RETURNING id', [
    id,
  ]);
  return rows.length > 0;
}
