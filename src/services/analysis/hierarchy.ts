/** How the areas of one division map into those of another. */
import type { Queryable } from '../../db/database.ts';
import { type AreaRow, areasByCode, listAreas } from '../../db/repositories/areas.ts';
import { crosswalkLinks } from '../../db/repositories/crosswalks.ts';

/** Maps area codes of `from` to the area of `to` containing them: up the parent chain, else the crosswalk link with the largest weight. */
export async function ancestorMap(db: Queryable, from: string, to: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (from === to) {
    for (const a of await areasByCode(db, from, false)) out.set(a.code, a.code);
    return out;
  }
  const all = await listAreas(db);
  const key = (d: string, c: string) => `${d}\u0000${c}`;
  const byKey = new Map(all.map((a) => [key(a.divisionId, a.code), a]));
  // crosswalks from every division to the target, used when the parent chain does not reach it
  const walks = new Map<string, Map<string, string>>();
  const crosswalk = async (division: string): Promise<Map<string, string>> => {
    let m = walks.get(division);
    if (!m) {
      const best = new Map<string, { code: string; w: number }>();
      for (const l of await crosswalkLinks(db, division, to)) {
        const w = Number(l.weight);
        const prev = best.get(l.fromCode);
        if (!prev || w > prev.w) best.set(l.fromCode, { code: l.toCode, w });
      }
      m = new Map([...best.entries()].map(([k, v]) => [k, v.code]));
      walks.set(division, m);
    }
    return m;
  };
  for (const a of all.filter((x) => x.divisionId === from)) {
    let cur: AreaRow | undefined = a;
    let found: string | null = null;
    for (let depth = 0; cur && depth < 10 && !found; depth++) {
      if (cur.divisionId === to) {
        found = cur.code;
        break;
      }
      const cw = (await crosswalk(cur.divisionId)).get(cur.code);
      if (cw) {
        found = cw;
        break;
      }
      cur = cur.parentDivisionId && cur.parentCode ? byKey.get(key(cur.parentDivisionId, cur.parentCode)) : undefined;
    }
    if (found) out.set(a.code, found);
  }
  return out;
}
