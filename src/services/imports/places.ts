/** Making sure the places and indicators a connector brings exist before its values are written. */
import type { Queryable } from '../../db/database.ts';
import { DIVISION_DEFS } from '../../core/geo/stockholm.ts';
import type { Indicator } from '../../core/types.ts';
import {
  existingAreaKeys,
  insertMissingAreas,
  insertMissingDivisions,
  insertMissingIndicators,
} from '../../db/repositories/imports.ts';

export const KOLADA_OU_DIVISION = {
  id: 'kolada-ou',
  nameSv: 'Organisatoriska enheter (Kolada)',
  nameEn: 'Organisational units (Kolada)',
  level: 10,
  sort: 20,
};

export interface PlaceInput {
  divisionId: string;
  code: string;
  name: string;
  kommunCode: string | null;
}

export async function ensurePlaces(tx: Queryable, places: readonly PlaceInput[], indicators: readonly Indicator[]) {
  const divisionIds = new Set(places.map((p) => p.divisionId));
  await insertMissingDivisions(
    tx,
    [...DIVISION_DEFS, KOLADA_OU_DIVISION].filter(
      (d) => divisionIds.has(d.id) || (d.id === 'kommun' && divisionIds.size > 0),
    ),
  );
  const known = await existingAreaKeys(tx);
  const missing = places.filter((p) => !known.has(`${p.divisionId}/${p.code}`));
  const parents = missing.filter(
    (p) => p.divisionId !== 'kommun' && p.kommunCode && known.has(`kommun/${p.kommunCode}`),
  );
  await insertMissingAreas(
    tx,
    missing.map((p) => {
      const withParent = parents.includes(p);
      return {
        divisionId: p.divisionId,
        code: p.code,
        name: p.name,
        parentDivisionId: withParent ? 'kommun' : null,
        parentCode: withParent ? p.kommunCode : null,
      };
    }),
  );
  await insertMissingIndicators(tx, indicators);
}
