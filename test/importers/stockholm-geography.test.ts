import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  parseMembership,
  parseStadsdelar,
  readMembership,
  readStadsdelar,
} from '../../src/importers/stockholm-geography.ts';
import { compareUsoLists, parseUso2025, readUso2023, readUso2025 } from '../../src/importers/polisen-areas.ts';
import { dataDir, hasData } from '../helpers/paths.ts';

const square = {
  type: 'Polygon',
  coordinates: [
    [
      [18, 59],
      [18, 59.1],
      [18.1, 59.1],
      [18.1, 59],
      [18, 59],
    ],
  ],
};

describe('stadsdel polygons and membership', () => {
  it('gives display names and codes; refuses a repeated name and a non-polygon', () => {
    const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
    const s = parseStadsdelar(
      fc([{ type: 'Feature', properties: { name: 'HÄSSELBY GÅRD' }, geometry: square }]),
      'sd.geojson',
    );
    assert.deepEqual(
      [s[0]!.code, s[0]!.name, s[0]!.sourceName],
      ['0180S-hasselby-gard', 'Hässelby gård', 'HÄSSELBY GÅRD'],
    );
    const f = { type: 'Feature', properties: { name: 'RINKEBY' }, geometry: square };
    assert.throws(
      () => parseStadsdelar(fc([f, f]), 'sd.geojson'),
      /sd\.geojson, field features\[1\]\.properties\.name: RINKEBY appears twice/,
    );
    assert.throws(
      () => parseStadsdelar(fc([{ ...f, geometry: { type: 'Point', coordinates: [18, 59] } }]), 'sd.geojson'),
      /features\[0\]\.geometry: expected a Polygon/,
    );
  });

  it('reads the membership table and names line and field of a bad share', () => {
    const head =
      'stadsdel_namn_stadskarta,stadsdelsomrade_2023_11,sdo_share_of_sample_points,stadsdelsomrade_2020_2023_13\n';
    const rows = parseMembership(`${head}RINKEBY,Järva,0.99,Rinkeby-Kista\n`, 'm.csv');
    assert.deepEqual(rows[0], {
      line: 2,
      stadsdel: 'RINKEBY',
      sdo2023: 'Järva',
      sdo2020: 'Rinkeby-Kista',
      confidence: 0.99,
      samplePoints: null,
    });
    assert.throws(
      () => parseMembership(`${head}RINKEBY,Järva,1.5,Rinkeby-Kista\n`, 'm.csv'),
      /m\.csv, line 2, field sdo_share_of_sample_points: expected a share 0\.\.1/,
    );
  });

  it(
    'the real files: 117 stadsdelar, each in one of 11 and one of 13 stadsdelsområden',
    { skip: !hasData && 'no data directory' },
    async () => {
      const sd = await readStadsdelar(join(dataDir, 'stockholm', 'boundaries', 'stadsdelar.geojson'));
      const m = await readMembership(join(dataDir, 'stockholm', 'stadsdel-stadsdelsomrade.csv'));
      assert.equal(sd.length, 117);
      assert.equal(m.length, 117);
      assert.deepEqual(new Set(m.map((r) => r.stadsdel)), new Set(sd.map((s) => s.sourceName)));
      assert.equal(new Set(m.map((r) => r.sdo2023)).size, 11);
      assert.equal(new Set(m.map((r) => r.sdo2020)).size, 13);
      const names = new Map(sd.map((s) => [s.sourceName, s.name]));
      assert.equal(names.get('HÄSSELBY GÅRD'), 'Hässelby gård');
      assert.equal(names.get('NORRA ÄNGBY'), 'Norra Ängby');
      assert.equal(names.get('GAMLA STAN'), 'Gamla stan');
      assert.equal(names.get('ULVSUNDA INDUSTRIOMR'), 'Ulvsunda industriområde');
      const lowest = m.reduce((a, b) => (b.confidence < a.confidence ? b : a));
      assert.deepEqual(
        [lowest.stadsdel, lowest.sdo2023, Math.round(lowest.confidence * 100) / 100],
        ['HAMMARBYHÖJDEN', 'Skarpnäck', 0.85],
        'lowest join confidence',
      );
      assert.ok(m.filter((r) => r !== lowest).every((r) => r.confidence >= 0.94));
    },
  );
});

describe("the Police's vulnerable areas", () => {
  it('reads the 2025 list and refuses an unknown category with line and field', () => {
    const head =
      'OBJECTID,NAMN,KATEGORI,ORT,LOKALPOLISOMRADE,OMRADESKOD,POLISOMRADE,POLISOMRADESKOD,REGION,REGIONKOD,SPECIALOMRADES_ID,AKTUALITET_START\n';
    const ok = parseUso2025(
      `${head}1,Husby,Särskilt utsatt område,Stockholm,Järva,1,x,1,y,1,7,2018-10-01\n2,Alby,Utsatt område,Botkyrka,B,1,x,1,y,1,17,2018-10-01\n`,
      'u.csv',
      { municipality: 'Stockholm' },
    );
    assert.deepEqual(
      ok.map((a) => [a.name, a.category, a.policeId, a.geometry]),
      [['Husby', 'Särskilt utsatt område', 7, null]],
    );
    assert.throws(
      () => parseUso2025(`${head}1,Husby,Farligt område,Stockholm,Järva,1,x,1,y,1,7,2018-10-01\n`, 'u.csv'),
      /u\.csv, record 2, field KATEGORI: unknown category "Farligt område"/,
    );
  });

  it(
    'the 2023 shapefile: 6 Stockholm areas, reprojected from SWEREF 99 TM into WGS84 inside the city',
    { skip: !hasData && 'no data directory' },
    async () => {
      const a = await readUso2023(join(dataDir, 'polisen', 'uso-2023', 'uso_2023.shp'), { municipality: 'Stockholm' });
      assert.equal(a.length, 6);
      assert.deepEqual(a.map((x) => x.name).sort(), [
        'Bredäng',
        'Hagsätra / Rågsved',
        'Husby',
        'Hässelby / Vällingby',
        'Rinkeby / Tensta',
        'Vårberg',
      ]);
      for (const x of a) {
        const ring = (x.geometry!.coordinates as number[][][])[0]!;
        for (const [lon, lat] of ring) {
          assert.ok(
            lon! > 17.75 && lon! < 18.2 && lat! > 59.22 && lat! < 59.45,
            `${x.name}: ${lon},${lat} outside Stockholm`,
          );
        }
      }
      const all = await readUso2023(join(dataDir, 'polisen', 'uso-2023', 'uso_2023.shp'));
      assert.equal(all.length, 59);
    },
  );

  it(
    'the 2025 list: 65 areas, 8 in Stockholm; names checked against 2023',
    { skip: !hasData && 'no data directory' },
    async () => {
      const all = await readUso2025(join(dataDir, 'polisen', 'utsatta-omraden-2025.csv'));
      assert.equal(all.length, 65);
      const b = all.filter((x) => x.municipality === 'Stockholm');
      assert.equal(b.length, 8);
      const a = await readUso2023(join(dataDir, 'polisen', 'uso-2023', 'uso_2023.shp'), { municipality: 'Stockholm' });
      const cmp = compareUsoLists(a, b);
      assert.deepEqual(
        cmp.find((c) => c.name2025 === 'Hjulsta'),
        { name2025: 'Hjulsta', match2023: null, change: 'new in 2025' },
      );
      assert.equal(cmp.find((c) => c.name2025 === 'Tensta')!.match2023, 'Rinkeby / Tensta');
      assert.equal(cmp.find((c) => c.name2025 === 'Bredäng')!.change, 'unchanged');
    },
  );
});
