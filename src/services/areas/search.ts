/** Finding an area by name or code across every division; each hit says which division it belongs to. */
import type { Queryable } from '../../db/database.ts';
import { searchAreaRows } from '../../db/repositories/areas.ts';

export async function searchAreas(db: Queryable, q: string, limit = 20) {
  const rows = await searchAreaRows(db, q.trim(), limit);
  return {
    query: q,
    hits: rows.map((r) => ({
      divisionId: r.divisionId,
      division: { nameSv: r.divisionNameSv, nameEn: r.divisionNameEn, validTo: r.validTo, current: r.validTo === null },
      code: r.code,
      name: r.name,
      parentCode: r.parentCode,
    })),
  };
}
