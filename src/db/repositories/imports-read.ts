/** Read models for imports: which divisions have an area with a given code. */
import type { Queryable } from '../database.ts';
import type { Rows } from '../rows.generated.ts';

export async function areaDivisions(db: Queryable): Promise<Map<string, string[]>> {
  const rows = await db.query<{ code: Rows['area']['code']; divisions: Rows['area']['divisionId'][] }>(
    'SELECT code, array_agg(division_id ORDER BY division_id) AS divisions FROM area GROUP BY code',
  );
  return new Map(rows.map((r) => [r.code, r.divisions]));
}
