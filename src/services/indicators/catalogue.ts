/**
 * The indicator catalogue (data/indicators) in the database: written at start before any statistics,
 * so that targets and observations always find their indicators, and written again when the files
 * change (a new checksum).
 */
import type { Queryable } from '../../db/database.ts';
import type { IndicatorMetadata } from '../../core/contracts/indicators.ts';
import { indicatorRecord } from '../../core/stats/reference-catalogue.ts';
import type { Source } from '../../core/types.ts';
import { createBatch, findBatch, upsertIndicators, upsertSources } from '../../db/repositories/datasets.ts';
import { setIndicatorMetadata } from '../../db/repositories/indicators.ts';
import { readIndicatorCatalogue } from '../../importers/indicator-catalogue.ts';
import { REFERENCE_SOURCES } from '../../importers/stockholm-reference.ts';
import type { StartupLoader } from '../loaders.ts';

export const CATALOGUE_DATASET = 'indicator-catalogue';

/** The publishers an indicator file may name, as source rows (citations shown beside every value). */
export const CATALOGUE_SOURCES: readonly Source[] = [
  ...REFERENCE_SOURCES,
  {
    id: 'kolada',
    name: 'Kolada',
    publisher: 'RKA (Rådet för främjande av kommunala analyser)',
    url: 'https://www.kolada.se/',
    licence: 'CC BY 4.0',
    citation: 'Källa: Kolada (RKA)',
  },
];

/** Writes catalogue entries: sources, indicator rows (counts before ratios) and each file's metadata. */
export async function writeCatalogue(tx: Queryable, list: readonly IndicatorMetadata[]): Promise<void> {
  await upsertSources(tx, CATALOGUE_SOURCES);
  await upsertIndicators(tx, list.map(indicatorRecord));
  await setIndicatorMetadata(tx, list);
}

export const indicatorCatalogueLoader: StartupLoader = {
  id: CATALOGUE_DATASET,
  needsDataDir: false,
  async isLoaded(db) {
    const { checksum } = readIndicatorCatalogue();
    return (await findBatch(db, CATALOGUE_DATASET, checksum)) !== null;
  },
  async load(tx, ctx) {
    const { indicators, checksum } = readIndicatorCatalogue();
    ctx.progress.step('Indikatorkatalogen (data/indicators)', indicators.length);
    await writeCatalogue(tx, indicators);
    await createBatch(tx, {
      dataset: CATALOGUE_DATASET,
      description: `The indicator catalogue: ${indicators.length} metadata files in data/indicators`,
      checksum,
      fileCount: indicators.length,
      rowCount: indicators.length,
    });
    ctx.progress.tick(indicators.length);
  },
};
