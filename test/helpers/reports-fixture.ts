/**
 * Committees for the reporting tests: Järva's stadsdelsnämnd (stadsdelsområde Järva) and, as "another
 * committee", Södermalm's. Created with an upsert so that a database that has them already is fine,
 * whichever vocabulary `committee.kind` uses.
 */
import type { Queryable } from '../../src/db/database.ts';
import { ensureCommittee } from '../../src/db/repositories/reports.ts';
import { DIVISIONS, sdoCode } from '../../src/core/geo/stockholm.ts';

export const JARVA = 'sdn-jarva';
export const SODERMALM = 'sdn-sodermalm';

export async function reportCommittees(db: Queryable): Promise<void> {
  for (const [id, name, area] of [
    [JARVA, 'Järva stadsdelsnämnd', 'Järva'],
    [SODERMALM, 'Södermalms stadsdelsnämnd', 'Södermalm'],
  ] as const) {
    await ensureCommittee(db, {
      id,
      name,
      kind: 'stadsdelsnamnd',
      legacyKind: 'district',
      divisionId: DIVISIONS.sdo2023,
      areaCode: sdoCode(area),
    });
  }
}
