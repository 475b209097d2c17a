import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { geoArea } from 'd3-geo';
import { testApp, type TestApp } from '../../helpers/app.ts';
import { engines } from '../../helpers/db.ts';
import { hasData } from '../../helpers/paths.ts';

const LEVELS = ['kommun', 'stadsdelsomrade-2023', 'stadsdelsomrade-2020', 'stadsdel', 'regso', 'deso'];

for (const engine of engines()) {
  describe(`reference API (${engine})`, { skip: !hasData && 'no data directory' }, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp({ engine, reference: true });
    });
    after(async () => t?.close());
    const get = async (url: string) => {
      const res = await t.app.inject({ method: 'GET', url });
      return { status: res.statusCode, body: res.json(), headers: res.headers };
    };

    it('GET /divisions lists each division with level, validity and number of areas', async () => {
      const { status, body } = await get('/api/v1/divisions');
      assert.equal(status, 200);
      const byId = new Map(body.divisions.map((d: { id: string }) => [d.id, d]));
      assert.deepEqual(byId.get('stadsdelsomrade-2023'), {
        id: 'stadsdelsomrade-2023',
        nameSv: 'Stadsdelsområden (11, från 2023-07-01)',
        nameEn: 'District areas (11, from 2023-07-01)',
        level: 1,
        validFrom: '2023-07-01',
        validTo: null,
        areaCount: 11,
        hasGeometry: true,
      });
      assert.equal((byId.get('stadsdelsomrade-2020') as { validTo: string }).validTo, '2023-06-30');
      assert.equal((byId.get('stadsdel') as { areaCount: number }).areaCount, 117);
      assert.equal((byId.get('deso') as { areaCount: number }).areaCount, 544);
      assert.equal((byId.get('regso') as { hasGeometry: boolean }).hasGeometry, false);
    });

    it('GET /areas gives code, name and parent; unknown divisions are 404', async () => {
      const { body } = await get('/api/v1/areas?division=stadsdel');
      assert.equal(body.areas.length, 117);
      const hg = body.areas.find((a: { code: string }) => a.code === '0180S-hasselby-gard');
      assert.deepEqual(
        [hg.name, hg.parentDivisionId, hg.parentCode],
        ['Hässelby gård', 'stadsdelsomrade-2023', '0180D-hasselby-vallingby'],
      );
      assert.equal(hg.properties['stadsdelsomrade-2020'], '0180D-hasselby-vallingby');
      const bad = await get('/api/v1/areas?division=nowhere');
      assert.equal(bad.status, 404);
      assert.equal(bad.body.error.id, 'not_found');
    });

    it('the 11-area polygons cover the same ground as the 117 stadsdelar', async () => {
      const sdo = await get('/api/v1/areas?division=stadsdelsomrade-2023&format=geojson');
      assert.equal(sdo.status, 200);
      assert.match(String(sdo.headers['content-type']), /geo\+json/);
      assert.equal(sdo.body.type, 'FeatureCollection');
      assert.equal(sdo.body.features.length, 11);
      const sd = await get('/api/v1/areas?division=stadsdel&format=geojson');
      const area = (fc: { features: { geometry: unknown }[] }) =>
        fc.features.reduce((s, f) => s + geoArea(f.geometry as never), 0);
      const a11 = area(sdo.body);
      const a117 = area(sd.body);
      assert.ok(a11 < 1e-4, 'areas are small (rings wound for d3-geo)');
      assert.ok(Math.abs(a11 - a117) / a117 < 1e-6, `11 areas ${a11} vs 117 stadsdelar ${a117}`);
      const a13 = area((await get('/api/v1/areas?division=stadsdelsomrade-2020&format=geojson')).body);
      assert.ok(Math.abs(a13 - a117) / a117 < 1e-6);
      const city = area((await get('/api/v1/areas?division=kommun&format=geojson')).body);
      assert.ok(Math.abs(city - a117) / a117 < 1e-6, 'the city polygon too');
      const uso = (await get('/api/v1/areas?division=polisen-uso-2023&format=geojson')).body;
      assert.equal(uso.features.length, 6);
      assert.equal(
        uso.features.find((f: { id: string }) => f.id === '0180P-rinkeby-tensta').properties.category,
        'Särskilt utsatt område',
      );
    });

    it('GET /crosswalks lists the method, each link with confidence, and the unmatched and uncovered areas', async () => {
      const { status, body } = await get('/api/v1/crosswalks');
      assert.equal(status, 200);
      const cw = new Map(
        body.crosswalks.map((c: { fromDivisionId: string; toDivisionId: string }) => [
          `${c.fromDivisionId}>${c.toDivisionId}`,
          c,
        ]),
      );
      assert.equal((cw.get('deso>regso') as { links: unknown[] }).links.length, 544);
      const rs = cw.get('regso>stadsdel') as {
        method: string;
        links: { fromName: string; toName: string; method: string; confidence: number; note: string }[];
        unmatched: unknown[];
        uncovered: { name: string; reason: string }[];
      };
      assert.equal(rs.method, 'name-match');
      assert.equal(rs.links.length, 127);
      assert.deepEqual(rs.unmatched, []);
      const nock = rs.links.find((l) => l.fromName === 'Nockebyhov-Olovslund')!;
      assert.deepEqual([nock.toName, nock.method, nock.confidence], ['Nockebyhov', 'explicit-table', 0.7]);
      assert.match(rs.uncovered.find((u) => u.name === 'Olovslund')!.reason, /Nockebyhov-Olovslund/);
      const sdo = cw.get('stadsdel>stadsdelsomrade-2023') as { links: { fromName: string; confidence: number }[] };
      assert.equal(sdo.links.length, 117);
      assert.equal(sdo.links.find((l) => l.fromName === 'Hammarbyhöjden')!.confidence, 0.849);
    });

    it('GET /indicators is the catalogue with definitions, units, polarity and numerator/denominator', async () => {
      const { body } = await get('/api/v1/indicators');
      const byId = new Map(body.indicators.map((i: { id: string }) => [i.id, i]));
      for (const id of [
        'population',
        'share-foreign-background',
        'share-born-outside-europe',
        'net-income-median',
        'net-income-mean',
        'share-low-economic-standard',
        'employment-rate-16-64',
        'unemployment-share-16-64',
        'share-post-secondary-3plus-25-64',
        'share-compulsory-only-25-64',
        'share-rental-dwellings',
        'households',
      ])
        assert.ok(byId.has(id), id);
      const u = byId.get('unemployment-share-16-64') as Record<string, unknown>;
      assert.deepEqual(
        [u.kind, u.unit, u.polarity, u.numeratorId, u.denominatorId, u.multiplier, u.aggregable],
        ['share', 'procent', 'lower_better', 'unemployed-16-64', 'labour-force-16-64', 100, true],
      );
      assert.equal((byId.get('net-income-median') as { aggregable: boolean }).aggregable, false);
      assert.equal((byId.get('labour-force-16-64') as { headline: boolean }).headline, false);
      assert.equal((byId.get('population') as { headline: boolean }).headline, true);
    });

    for (const division of LEVELS) {
      it(`the city value of the population 2022 is 984,748 at ${division}, and the areas sum to it`, async () => {
        const { status, body } = await get(`/api/v1/indicators/population/values?division=${division}&period=2022`);
        assert.equal(status, 200);
        assert.equal(body.city.value, 984748);
        assert.equal(body.city.status, 'final');
        assert.match(
          body.city.source,
          /^SCB, Folkmängden per region efter region, år, utländsk\/svensk bakgrund och kön, 2022$/,
        );
        const sum = body.values
          .filter((v: { status: string }) => v.status === 'final')
          .reduce((s: number, v: { value: number }) => s + v.value, 0);
        assert.equal(sum, 984748);
      });
    }

    it('rates come with numerator, denominator and source, and the city rate is recomputed from counts', async () => {
      const { body } = await get(
        '/api/v1/indicators/share-foreign-background/values?division=stadsdelsomrade-2023&period=2022',
      );
      assert.equal(body.values.length, 11);
      const jarva = body.values.find((v: { code: string }) => v.code === '0180D-jarva');
      assert.ok(Math.abs(jarva.value - (100 * jarva.numerator) / jarva.denominator) < 1e-5);
      const sumNum = body.values.reduce((s: number, v: { numerator: number }) => s + v.numerator, 0);
      const sumDen = body.values.reduce((s: number, v: { denominator: number }) => s + v.denominator, 0);
      assert.equal(body.city.numerator, sumNum);
      assert.equal(body.city.denominator, sumDen);
      assert.ok(Math.abs(body.city.value - (100 * sumNum) / sumDen) < 1e-5);
      const mean = body.values.reduce((s: number, v: { value: number }) => s + v.value, 0) / body.values.length;
      assert.ok(Math.abs(mean - body.city.value) > 1, 'not the average of the area rates');
    });

    it('medians are given for DeSO and not available above it', async () => {
      const deso = await get('/api/v1/indicators/net-income-median/values?division=deso&period=2022');
      assert.equal(deso.body.values.filter((v: { status: string }) => v.status === 'final').length, 544);
      const sd = await get('/api/v1/indicators/net-income-median/values?division=stadsdel&period=2022');
      assert.equal(sd.status, 200);
      assert.ok(
        sd.body.values.every(
          (v: { status: string; value: unknown }) => v.status === 'not_available' && v.value === null,
        ),
      );
      assert.equal(sd.body.city.status, 'not_available');
    });

    it('a RegSO series reaches back to 2020; the default period is the latest', async () => {
      const r = await get('/api/v1/indicators/population/values?division=stadsdelsomrade-2020');
      assert.equal(r.body.period, '2023');
      assert.deepEqual(r.body.periods, ['2020', '2021', '2022', '2023']);
      const y2020 = await get('/api/v1/indicators/share-rental-dwellings/values?division=regso&period=2020');
      const statuses = y2020.body.values.map((v: { status: string }) => v.status);
      assert.equal(statuses.length, 127);
      assert.ok(statuses.every((s: string) => s === 'final' || s === 'suppressed'));
      assert.ok(statuses.filter((s: string) => s === 'final').length >= 120);
      for (const v of y2020.body.values.filter((x: { status: string }) => x.status === 'suppressed'))
        assert.deepEqual([v.value, v.numerator, v.denominator], [null, null, null]);
    });

    it('refuses unknown indicators and periods without values; documents the routes in OpenAPI', async () => {
      assert.equal((await get('/api/v1/indicators/nothing/values?division=stadsdel')).status, 404);
      const p = await get('/api/v1/indicators/population/values?division=stadsdel&period=1999');
      assert.equal(p.status, 404);
      assert.equal(p.body.error.details[0].field, 'period');
      assert.equal((await get('/api/v1/indicators/population/values?division=stadsdel&period=x')).status, 400);
      const { body } = await get('/api/v1/openapi.json');
      for (const path of ['/api/v1/divisions', '/api/v1/areas', '/api/v1/indicators', '/api/v1/indicators/{id}/values'])
        assert.ok(body.paths[path], path);
    });
  });
}
