/**
 * A synthetic national dataset: 5,984 DeSO × 20 indicators × 10 years ≈ 1.2 M observations (the size of
 * Sweden's DeSO statistics), generated from a seed and loaded in bounded memory: observations are produced
 * in batches and written with the shared batched writer (INSERT … SELECT FROM unnest), all in one
 * transaction, never held in memory together.
 */
import type { Database } from '../src/db/database.ts';
import {
  createBatch,
  refreshPlannerStatistics,
  upsertAreas,
  upsertDivisions,
  upsertIndicators,
  upsertObservations,
  upsertSources,
} from '../src/db/repositories/datasets.ts';
import type { Area, Indicator, Observation } from '../src/core/types.ts';

export interface SyntheticSize {
  areas: number;
  indicators: number;
  years: number;
  firstYear: number;
}

export const NATIONAL: SyntheticSize = { areas: 5984, indicators: 20, years: 10, firstYear: 2015 };
export const DIVISION = 'deso-national';

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const areaCode = (k: number): string =>
  `${String(100 + (k % 290)).padStart(4, '0')}${'ABC'[k % 3]}${String(k).padStart(4, '0')}`;
export const indicatorId = (j: number): string => `synthetic-${String(j + 1).padStart(2, '0')}`;

function indicators(size: SyntheticSize): Indicator[] {
  return Array.from({ length: size.indicators }, (_, j) => ({
    id: indicatorId(j),
    nameSv: `Syntetisk indikator ${j + 1}`,
    nameEn: `Synthetic indicator ${j + 1}`,
    definitionSv: 'Slumptal för prestandamätning',
    definitionEn: 'Random numbers for benchmarking',
    unit: j % 2 ? 'percent' : 'persons',
    kind: j % 2 ? 'share' : 'count',
    polarity: j % 3 === 0 ? 'higher_better' : j % 3 === 1 ? 'lower_better' : 'neutral',
    sourceId: 'synthetic',
    numeratorId: null,
    denominatorId: null,
    multiplier: 1,
    decimals: j % 2 ? 1 : 0,
  }));
}

/** Observations in batches of `batch` (area-major, so every batch touches few areas). */
export function* observationBatches(size: SyntheticSize, batch = 20000, seed = 42): Generator<Observation[]> {
  const rnd = random(seed);
  let buf: Observation[] = [];
  for (let k = 0; k < size.areas; k++) {
    const code = areaCode(k);
    for (let j = 0; j < size.indicators; j++) {
      for (let y = 0; y < size.years; y++) {
        const v = j % 2 ? (rnd() * 100).toFixed(1) : String(Math.floor(rnd() * 3000));
        buf.push({
          indicatorId: indicatorId(j),
          divisionId: DIVISION,
          areaCode: code,
          period: String(size.firstYear + y),
          breakdown: '',
          value: v,
          numerator: null,
          denominator: null,
          status: 'final',
          derived: false,
          source: 'Syntetiska data',
        });
        if (buf.length >= batch) {
          yield buf;
          buf = [];
        }
      }
    }
  }
  if (buf.length) yield buf;
}

/**
 * Loads the synthetic dataset in one transaction, then refreshes the planner statistics as every
 * loader of Färdplan's does; returns the number of observations written.
 */
export async function loadSynthetic(db: Database, size: SyntheticSize = NATIONAL): Promise<number> {
  const written = await db.transaction(async (tx) => {
    await upsertSources(tx, [
      { id: 'synthetic', name: 'Syntetiska data', publisher: 'Färdplan bench', citation: 'Syntetiska data' },
    ]);
    await upsertDivisions(tx, [
      {
        id: DIVISION,
        nameSv: 'DeSO (hela landet)',
        nameEn: 'DeSO (national)',
        level: 9,
        validFrom: null,
        validTo: null,
      },
    ]);
    const areas: Area[] = Array.from({ length: size.areas }, (_, k) => ({
      divisionId: DIVISION,
      code: areaCode(k),
      name: `Område ${k + 1}`,
      parentDivisionId: null,
      parentCode: null,
    }));
    await upsertAreas(tx, areas);
    await upsertIndicators(tx, indicators(size));
    const batchId = await createBatch(tx, {
      dataset: 'synthetic-national',
      description: 'synthetic national dataset (bench)',
      checksum: `${size.areas}x${size.indicators}x${size.years}`,
      fileCount: 0,
      rowCount: size.areas * size.indicators * size.years,
    });
    let n = 0;
    for (const obs of observationBatches(size)) {
      await upsertObservations(tx, obs, batchId);
      n += obs.length;
    }
    return n;
  });
  await refreshPlannerStatistics(db);
  return written;
}
