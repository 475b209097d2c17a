import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '../helpers/paths.ts';
import {
  countForMunicipality,
  importVulnerableAreaCounts,
  readVulnerableAreasCsv,
  readVulnerableAreasDbf,
} from '../../src/importers/polisen.ts';
import { scratchDir } from '../helpers/scratch.ts';

const polisenDir = join(dataDir, 'polisen');

describe('polisen importer on the real lists', () => {
  it('reads all 59 areas of the 2023 shapefile attributes and all 65 of the 2025 CSV', async () => {
    const l2023 = await readVulnerableAreasDbf(join(polisenDir, 'uso-2023', 'uso_2023.dbf'));
    const l2025 = await readVulnerableAreasCsv(join(polisenDir, 'utsatta-omraden-2025.csv'));
    assert.equal(l2023.year, 2023);
    assert.equal(l2023.areas.length, 59);
    assert.equal(l2025.year, 2025);
    assert.equal(l2025.areas.length, 65);
    // UTF-8 names survive the dbf reader
    assert.ok(l2023.areas.some((a) => a.name === 'Hässelby / Vällingby'));
  });

  it('counts 6 areas in Stockholm municipality in 2023 and 8 in 2025, with the source named', async () => {
    const counts = await importVulnerableAreaCounts(polisenDir);
    assert.deepEqual(
      counts.map((c) => [c.year, c.count, c.source]),
      [
        [2023, 6, 'Polisen, Utsatta områden 2023'],
        [2025, 8, 'Polisen, Utsatta områden 2025'],
      ],
    );
    const [c2023, c2025] = counts;
    assert.deepEqual(c2023?.areas, [
      'Bredäng',
      'Hagsätra / Rågsved',
      'Husby',
      'Hässelby / Vällingby',
      'Rinkeby / Tensta',
      'Vårberg',
    ]);
    assert.deepEqual(c2025?.byCategory, { 'Särskilt utsatt område': 3, 'Utsatt område': 5 });
  });

  it('counts another municipality from the same lists', async () => {
    const counts = await importVulnerableAreaCounts(polisenDir, 'Södertälje');
    // 2023: Ronna / Geneta / Lina, Hovsjö, Fornhöjden, Saltskog; 2025: Saltskog, Geneta, Fornhöjden, Hovsjö, Ronna, Lina
    assert.deepEqual(
      counts.map((c) => c.count),
      [4, 6],
    );
  });
});

describe('polisen importer on bad input', () => {
  it('names the file and the missing column', async () => {
    const dir = scratchDir('polisen-');
    const file = join(dir, 'utsatta-omraden-2024.csv');
    writeFileSync(file, 'OBJECTID,NAMN,KATEGORI\n1,Husby,Utsatt område\n');
    await assert.rejects(readVulnerableAreasCsv(file), /utsatta-omraden-2024\.csv, line 1: missing column ORT/);
  });

  it('names the line of an empty value', async () => {
    const dir = scratchDir('polisen-');
    const file = join(dir, 'utsatta-omraden-2024.csv');
    writeFileSync(file, 'NAMN,KATEGORI,ORT\nHusby,Utsatt område,Stockholm\n,Utsatt område,Stockholm\n');
    await assert.rejects(readVulnerableAreasCsv(file), /line 3, column NAMN: empty area name/);
  });

  it('matches the municipality regardless of case and counts categories', () => {
    const c = countForMunicipality(
      {
        year: 2024,
        file: 'x',
        areas: [
          { name: 'A', category: 'Utsatt område', place: 'STOCKHOLM', since: null },
          { name: 'B', category: 'Riskområde', place: 'Stockholm', since: null },
          { name: 'C', category: 'Utsatt område', place: 'Solna', since: null },
        ],
      },
      'Stockholm',
    );
    assert.equal(c.count, 2);
    assert.deepEqual(c.byCategory, { 'Utsatt område': 1, Riskområde: 1 });
  });
});

describe('polisen areas per stadsdelsområde', () => {
  it('places every Stockholm area of both lists in a stadsdelsområde using the city membership file', async () => {
    const { readMembership } = await import('../../src/importers/stockholm-geography.ts');
    const { readVulnerableAreaLists, countByDistrict } = await import('../../src/importers/polisen.ts');
    const membership = await readMembership(join(dataDir, 'stockholm', 'stadsdel-stadsdelsomrade.csv'));
    const toDistrict = new Map(membership.map((m) => [m.stadsdel.toLocaleUpperCase('sv'), m.sdo2023]));
    const lists = await readVulnerableAreaLists(polisenDir);
    const summary = lists.map((l) => {
      const by = countByDistrict(l, 'Stockholm', toDistrict);
      return [l.year, Object.fromEntries([...by.byDistrict].map(([d, names]) => [d, names.length]).sort())];
    });
    assert.deepEqual(summary, [
      [2023, { 'Enskede-Årsta-Vantör': 1, 'Hässelby-Vällingby': 1, Järva: 2, Skärholmen: 2 }],
      [2025, { 'Enskede-Årsta-Vantör': 1, 'Hässelby-Vällingby': 1, Järva: 4, Skärholmen: 2 }],
    ]);
  });

  it('names the area and the part that is not a stadsdel', async () => {
    const { countByDistrict } = await import('../../src/importers/polisen.ts');
    const list = {
      year: 2024,
      file: 'x.csv',
      areas: [{ name: 'Husby / Atlantis', category: 'Utsatt område', place: 'Stockholm', since: null }],
    };
    assert.throws(
      () => countByDistrict(list, 'Stockholm', new Map([['HUSBY', 'Järva']])),
      /x\.csv: area "Husby \/ Atlantis": "ATLANTIS" is not a stadsdel/,
    );
  });
});
