/** Areas of the divisions: reads shared by the areas slice (listing, search across divisions). */
import type { Queryable } from '../database.ts';

export async function areaCodesOf(db: Queryable, divisionId: string): Promise<{ code: string; name: string }[]> {
  return db.query<{ code: string; name: string }>('SELECT code, name FROM area WHERE division_id = $1 ORDER BY code', [
    divisionId,
  ]);
}
