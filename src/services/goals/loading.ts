/**
 * Loading the goal framework at start: the framework from data/framework (the first load and, on every
 * later start, the sync of changed files), and the Police's counts of vulnerable areas.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { areaExists, ensureCityArea, indicatorHasObservations } from '../../db/repositories/goals.ts';
import { areaCodesOf } from '../../db/repositories/areas.ts';
import { createBatch, upsertIndicators, upsertObservations, upsertSources } from '../../db/repositories/datasets.ts';
import { DIVISIONS, KOMMUN_CODE, KOMMUN_NAME, sdoCode } from '../../core/geo/stockholm.ts';
import type { Indicator as StatIndicator, Observation as StatObservation, Source } from '../../core/types.ts';
import type { Framework, Indicator } from '../../core/goals/framework-schema.ts';
import { defaultFrameworkDir, loadFramework } from '../../importers/framework.ts';
import {
  countByDistrict,
  countForMunicipality,
  POLISEN_INDICATOR_ID,
  readVulnerableAreaLists,
} from '../../importers/polisen.ts';
import { readMembership } from '../../importers/stockholm-geography.ts';
import type { StartupLoader } from '../loaders.ts';
import { readIndicatorCatalogue } from '../../importers/indicator-catalogue.ts';
import { writeCatalogue } from '../indicators/catalogue.ts';
import { isFrameworkSynced, syncFramework } from './sync.ts';

const CITY = { divisionId: DIVISIONS.kommun, areaCode: KOMMUN_CODE };

/** The sources the framework's own indicators name (shown beside every figure). */
export const FRAMEWORK_SOURCES: Source[] = [
  {
    id: 'polisen',
    name: 'Polisen, Utsatta områden',
    publisher: 'Polismyndigheten',
    url: 'https://polisen.se/om-polisen/polisens-arbete/utsatta-omraden/',
    licence: null,
    citation: 'Polisen, Utsatta områden',
  },
];

/** The framework's indicators as statistics indicators (so targets can reference them). */
export function frameworkIndicators(f: Framework): StatIndicator[] {
  return f.indicators.map((ind: Indicator, i) => ({
    id: ind.id,
    nameSv: ind.name.sv,
    nameEn: ind.name.en,
    definitionSv: `${ind.note?.sv ?? ''} Källa: ${ind.source}.`.trim(),
    definitionEn: `${ind.note?.en ?? ''} Source: ${ind.source}.`.trim(),
    unit: ind.unit.sv,
    kind: 'count',
    polarity: ind.better === 'lower' ? 'lower_better' : 'higher_better',
    sourceId: FRAMEWORK_SOURCES.find((s) => s.name === ind.source)?.id ?? null,
    numeratorId: null,
    denominatorId: null,
    multiplier: 1,
    decimals: 0,
    goalAreaId: null,
    sort: 900 + i,
  }));
}

/**
 * Start-up loader: the framework from the repository's files (needs no data directory). It runs when
 * the files differ from what was last synced: the first start loads everything; later starts sync.
 */
export function frameworkLoader(dir: string = defaultFrameworkDir): StartupLoader {
  return {
    id: 'goals-framework',
    needsDataDir: false,
    isLoaded: async (db) => isFrameworkSynced(db, await loadFramework(dir)),
    async load(tx, ctx) {
      ctx.progress.step('Målramverket (data/framework)');
      const f = await loadFramework(dir);
      await upsertSources(tx, FRAMEWORK_SOURCES);
      // the framework's indicators that the catalogue (data/indicators) defines are written as the catalogue has them
      const catalogue = readIndicatorCatalogue().indicators;
      const inCatalogue = new Set(catalogue.map((i) => i.id));
      const own = frameworkIndicators(f);
      await writeCatalogue(
        tx,
        catalogue.filter((m) => own.some((i) => i.id === m.id)),
      );
      await upsertIndicators(
        tx,
        own.filter((i) => !inCatalogue.has(i.id)),
      );
      await syncFramework(tx, f, { now: ctx.now(), progress: ctx.progress });
    },
  };
}

export const goalsFrameworkLoader: StartupLoader = frameworkLoader();

/** Start-up loader: the Police's vulnerable areas counted for Stockholm municipality, per list year. */
export const goalsPolisenLoader: StartupLoader = {
  id: 'goals-polisen',
  needsDataDir: true,
  isLoaded: (db) => indicatorHasObservations(db, POLISEN_INDICATOR_ID),
  async load(tx, ctx) {
    if (!ctx.dataDir) return;
    const dir = join(ctx.dataDir, 'polisen');
    if (!existsSync(dir)) {
      ctx.progress.info(`No ${dir}: the vulnerable-areas count is not loaded.`);
      return;
    }
    ctx.progress.step('Polisen, utsatta områden');
    const lists = await readVulnerableAreaLists(dir);
    const counts = lists.map((l) => countForMunicipality(l, KOMMUN_NAME));
    const f = await loadFramework();
    await upsertSources(tx, FRAMEWORK_SOURCES);
    await upsertIndicators(
      tx,
      frameworkIndicators(f).filter((i) => i.id === POLISEN_INDICATOR_ID),
    );
    if (!(await areaExists(tx, CITY.divisionId, CITY.areaCode))) {
      await ensureCityArea(
        tx,
        { id: CITY.divisionId, nameSv: 'Stockholms stad', nameEn: 'City of Stockholm' },
        { code: CITY.areaCode, name: KOMMUN_NAME },
      );
    }
    const batch = await createBatch(tx, {
      dataset: 'polisen-utsatta-omraden-count',
      description: 'Antal utsatta områden i Stockholms kommun per år (Polisens listor)',
      checksum: counts.map((c) => `${c.year}:${c.count}`).join(','),
      fileCount: counts.length,
      rowCount: counts.length,
    });
    const obs: StatObservation[] = counts.map((c) => ({
      indicatorId: POLISEN_INDICATOR_ID,
      divisionId: CITY.divisionId,
      areaCode: CITY.areaCode,
      period: String(c.year),
      breakdown: '',
      value: String(c.count),
      numerator: null,
      denominator: null,
      status: 'final',
      derived: true,
      source: c.source,
    }));
    // per stadsdelsområde (2023 division), when the reference data has written its areas
    const membershipFile = join(ctx.dataDir, 'stockholm', 'stadsdel-stadsdelsomrade.csv');
    const districts = await areaCodesOf(tx, DIVISIONS.sdo2023);
    if (districts.length && existsSync(membershipFile)) {
      const membership = await readMembership(membershipFile);
      const toDistrict = new Map(membership.map((m) => [m.stadsdel.toLocaleUpperCase('sv'), m.sdo2023]));
      const codes = new Set(districts.map((d) => d.code));
      let perList: ReturnType<typeof countByDistrict>[] = [];
      let problem: string | null = null;
      try {
        perList = lists.map((l) => countByDistrict(l, KOMMUN_NAME, toDistrict));
        const unknown = perList.flatMap((by) => [...by.byDistrict.keys()].filter((name) => !codes.has(sdoCode(name))));
        if (unknown.length) problem = `${[...new Set(unknown)].join(', ')} not among the areas of ${DIVISIONS.sdo2023}`;
      } catch (e) {
        problem = (e as Error).message;
      }
      if (problem) {
        // never block start-up over this: the city count is still stored
        ctx.progress.info(`Vulnerable areas not counted per stadsdelsområde: ${problem}`);
      } else {
        for (const by of perList) {
          const byCode = new Map([...by.byDistrict].map(([name, areas]) => [sdoCode(name), areas.length]));
          for (const d of districts) {
            obs.push({
              indicatorId: POLISEN_INDICATOR_ID,
              divisionId: DIVISIONS.sdo2023,
              areaCode: d.code,
              period: String(by.year),
              breakdown: '',
              value: String(byCode.get(d.code) ?? 0),
              numerator: null,
              denominator: null,
              status: 'final',
              derived: true,
              source: by.source,
            });
          }
        }
      }
    } else {
      ctx.progress.info('No stadsdelsområden in the database: the vulnerable areas are counted for the city only.');
    }
    await upsertObservations(tx, obs, batch);
    ctx.progress.tick(obs.length);
  },
};

export const goalsStartupLoaders: StartupLoader[] = [goalsFrameworkLoader, goalsPolisenLoader];
