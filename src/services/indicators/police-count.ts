/**
 * The Police's vulnerable areas counted for Stockholm municipality and per stadsdelsområde (2023
 * division), per list year: the catalogue's `polisen.utsatta-omraden.stockholm`. Written with the
 * reference data (from the same raw directory or shipped dataset), in its transaction.
 */
import type { Queryable } from '../../db/database.ts';
import { DIVISIONS, KOMMUN_CODE, KOMMUN_NAME, sdoCode } from '../../core/geo/stockholm.ts';
import type { Observation } from '../../core/types.ts';
import { createBatch, findBatch, upsertObservations } from '../../db/repositories/datasets.ts';
import { areaCodesOf } from '../../db/repositories/areas.ts';
import { countByDistrict, countForMunicipality, POLISEN_INDICATOR_ID } from '../../importers/polisen.ts';
import type { ReferenceInputs } from '../../importers/reference/inputs.ts';
import type { Progress } from '../progress.ts';

const DATASET = 'polisen-utsatta-omraden-count';

function observation(divisionId: string, areaCode: string, year: number, count: number, source: string): Observation {
  return {
    indicatorId: POLISEN_INDICATOR_ID,
    divisionId,
    areaCode,
    period: String(year),
    breakdown: '',
    value: String(count),
    numerator: null,
    denominator: null,
    status: 'final',
    derived: true,
    source,
  };
}

/** Per stadsdelsområde, when its areas are stored; a list that cannot be placed is reported, never fatal. */
async function districtCounts(
  tx: Queryable,
  inputs: Pick<ReferenceInputs, 'policeLists' | 'membership'>,
  progress: Progress,
): Promise<Observation[]> {
  const districts = await areaCodesOf(tx, DIVISIONS.sdo2023);
  if (!districts.length) {
    progress.info('No stadsdelsområden in the database: the vulnerable areas are counted for the city only.');
    return [];
  }
  const toDistrict = new Map(inputs.membership.map((m) => [m.stadsdel.toLocaleUpperCase('sv'), m.sdo2023]));
  const codes = new Set(districts.map((d) => d.code));
  try {
    const perList = inputs.policeLists.map((l) => countByDistrict(l, KOMMUN_NAME, toDistrict));
    const unknown = perList.flatMap((by) => [...by.byDistrict.keys()].filter((name) => !codes.has(sdoCode(name))));
    if (unknown.length) {
      progress.info(`Vulnerable areas not counted per stadsdelsområde: ${[...new Set(unknown)].join(', ')} unknown`);
      return [];
    }
    return perList.flatMap((by) => {
      const byCode = new Map([...by.byDistrict].map(([name, areas]) => [sdoCode(name), areas.length]));
      return districts.map((d) => observation(DIVISIONS.sdo2023, d.code, by.year, byCode.get(d.code) ?? 0, by.source));
    });
  } catch (e) {
    progress.info(`Vulnerable areas not counted per stadsdelsområde: ${(e as Error).message}`);
    return [];
  }
}

export async function writePoliceCounts(
  tx: Queryable,
  inputs: Pick<ReferenceInputs, 'policeLists' | 'membership'>,
  progress: Progress,
): Promise<number> {
  if (!inputs.policeLists.length) return 0;
  const counts = inputs.policeLists.map((l) => countForMunicipality(l, KOMMUN_NAME));
  const obs = counts.map((c) => observation(DIVISIONS.kommun, KOMMUN_CODE, c.year, c.count, c.source));
  obs.push(...(await districtCounts(tx, inputs, progress)));
  const checksum = `${counts.map((c) => `${c.year}:${c.count}`).join(',')};${obs.length}`;
  const batch =
    (await findBatch(tx, DATASET, checksum)) ??
    (await createBatch(tx, {
      dataset: DATASET,
      description: 'Antal utsatta områden i Stockholms kommun per år (Polisens listor)',
      checksum,
      fileCount: counts.length,
      rowCount: obs.length,
    }));
  await upsertObservations(tx, obs, batch);
  return obs.length;
}
