import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { engines } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { signInAs, type SignedInClient } from '../helpers/auth.ts';
import { dataDir, hasData } from '../helpers/paths.ts';

const square = (x: number, y: number, d: number): number[][][] => [
  [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ],
];

for (const engine of engines()) {
  describe(`boundaries for any division (${engine})`, () => {
    let t: TestApp;
    let analyst: SignedInClient;
    let regso: string[];
    before(async () => {
      t = await testApp({ engine, reference: true });
      analyst = await signInAs(t, 'analyst');
      regso = (
        await t.db.query<{ code: string }>(`SELECT code FROM area WHERE division_id = 'regso' ORDER BY code LIMIT 3`)
      ).map((r) => r.code);
    });
    after(async () => t?.close());
    const upload = (division: string, file: string, bytes: Uint8Array, headers = analyst.headers, extra = {}) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/divisions/${division}/boundaries`,
        headers,
        payload: { file, content: Buffer.from(bytes).toString('base64'), ...extra },
      });

    it('GeoJSON in WGS84: matching RegSO get polygons (and a map), an unknown code is reported', async () => {
      const fc = {
        type: 'FeatureCollection',
        features: [
          ...regso.map((code, i) => ({
            type: 'Feature',
            properties: { regsokod: code, regsonamn: `R${i}` },
            geometry: { type: 'Polygon', coordinates: square(18 + i * 0.01, 59.3, 0.01) },
          })),
          {
            type: 'Feature',
            properties: { regsokod: '0180R-nowhere' },
            geometry: { type: 'Polygon', coordinates: square(18.2, 59.3, 0.01) },
          },
        ],
      };
      const res = await upload('regso', 'regso.geojson', Buffer.from(JSON.stringify(fc)));
      assert.equal(res.statusCode, 200, res.body);
      const r = res.json() as {
        crs: string;
        codeField: string;
        matched: number;
        unmatched: { code: string; feature: number }[];
        withoutPolygon: string[];
        areasWithPolygon: number;
      };
      assert.deepEqual([r.crs, r.codeField, r.matched], ['WGS84', 'regsokod', 3]);
      assert.deepEqual(r.unmatched, [{ feature: 4, code: '0180R-nowhere', name: null }]);
      assert.equal(r.areasWithPolygon, 3);
      assert.equal(r.withoutPolygon.length, 127 - 3);
      const geo = await t.app.inject({ method: 'GET', url: '/api/v1/areas?division=regso&format=geojson' });
      const withGeometry = (geo.json() as { features: { id: string; geometry: unknown }[] }).features.filter(
        (f) => f.geometry,
      );
      assert.deepEqual(withGeometry.map((f) => f.id).sort(), [...regso].sort());
      const [audit] = await t.db.query<{ action: string; entity_id: string }>(
        `SELECT action, entity_id FROM audit_log WHERE entity = 'division' ORDER BY id DESC LIMIT 1`,
      );
      assert.deepEqual([audit?.action, audit?.entity_id], ['load_boundaries', 'regso']);
    });

    it('GeoJSON in SWEREF 99 TM is reprojected to WGS84', async () => {
      const fc = {
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3006' } },
        features: [
          {
            type: 'Feature',
            properties: { code: regso[0] },
            geometry: { type: 'Polygon', coordinates: square(674000, 6580000, 500) },
          },
        ],
      };
      const res = await upload('regso', 'sweref.json', Buffer.from(JSON.stringify(fc)));
      assert.equal(res.statusCode, 200, res.body);
      assert.equal((res.json() as { crs: string }).crs, 'SWEREF 99 TM');
      const [row] = await t.db.query<{ geometry: { coordinates: number[][][] } }>(
        `SELECT geometry FROM area WHERE division_id = 'regso' AND code = $1`,
        [regso[0]],
      );
      const [lon, lat] = row!.geometry.coordinates[0]![0]!;
      assert.ok(lon! > 17.5 && lon! < 18.5 && lat! > 59 && lat! < 59.6, `${lon}, ${lat} is in Stockholm`);
    });

    it('refuses a bad file naming the feature, an unknown division, readers, and writes nothing', async () => {
      const bad = {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { name: 'no code' }, geometry: { type: 'Point', coordinates: [18, 59] } },
        ],
      };
      const reader = await signInAs(t, 'reader');
      const before = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log`);
      const res = await upload('regso', 'bad.geojson', Buffer.from(JSON.stringify(bad)));
      assert.equal(res.statusCode, 422, res.body);
      const err = res.json() as { error: { details: { file: string; line: number; message: string }[] } };
      assert.deepEqual([err.error.details[0]?.file, err.error.details[0]?.line], ['bad.geojson', 1]);
      const unknown = await upload(
        'nowhere',
        'x.geojson',
        Buffer.from(
          JSON.stringify({
            type: 'FeatureCollection',
            features: [
              {
                type: 'Feature',
                properties: { code: 'a' },
                geometry: { type: 'Polygon', coordinates: square(18, 59, 1) },
              },
            ],
          }),
        ),
      );
      assert.equal(unknown.statusCode, 404);
      assert.equal((await upload('regso', 'x.geojson', Buffer.from('{}'), reader.headers)).statusCode, 403);
      const afterRows = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log`);
      assert.equal(afterRows[0]!.n, before[0]!.n);
    });

    it(
      'a zipped shapefile in SWEREF 99 TM (the Police 2023 layer) is read and its codes checked',
      { skip: !hasData && 'no raw data directory' },
      async () => {
        const base = join(dataDir, 'polisen', 'uso-2023', 'uso_2023');
        const zip = zipSync({
          'uso_2023.shp': readFileSync(`${base}.shp`),
          'uso_2023.dbf': readFileSync(`${base}.dbf`),
          'uso_2023.prj': readFileSync(`${base}.prj`),
        });
        const res = await upload('polisen-uso-2023', 'uso_2023.zip', zip, analyst.headers, { codeField: 'NAMN' });
        assert.equal(res.statusCode, 200, res.body);
        const r = res.json() as { crs: string; features: number; matched: number; unmatched: unknown[] };
        assert.equal(r.crs, 'SWEREF 99 TM');
        assert.equal(r.features, 59);
        // the layer's names are not the division's codes: every feature is reported, none is written
        assert.deepEqual([r.matched, r.unmatched.length], [0, 59]);
      },
    );
  });
}
