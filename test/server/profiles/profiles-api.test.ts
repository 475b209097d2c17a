import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../../helpers/app.ts';
import { FIX, labourForce, loadProfilesFixture, medianIncome, unemployed } from '../../helpers/profiles-fixture.ts';
import type { IndicatorMap } from '../../../src/core/contracts/indicators.ts';

interface Point {
  period: string;
  value: number | null;
  status: string;
  source: string;
  numerator: number | null;
  denominator: number | null;
}
interface ProfileInd {
  id: string;
  latest: Point | null;
  city: Point | null;
  difference: number | null;
  assessment: string;
  rank: number | null;
  rankedCount: number | null;
  firstPeriod: string | null;
  latestPeriod: string | null;
  change: number | null;
  changeAssessment: string | null;
  trend: Point[];
  cityTrend: Point[];
}
interface Profile {
  area: { name: string; code: string };
  parents: { code: string; name: string }[];
  children: { code: string; name: string }[];
  locator: { target: { geometry: unknown }; approximate: boolean; contextDivision: string } | null;
  indicators: ProfileInd[];
}

const share = (u: number, l: number) => Math.round((1000 * u) / l) / 10;

describe('profiles API (fixture data)', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
    await loadProfilesFixture(t.db);
  });
  after(async () => {
    await t.close();
  });

  const get = async (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });

  it('profile: every indicator with area value, city value, rank, change and trend equal to the observations', async () => {
    const res = await get(`/api/v1/areas/${FIX.sdo}/F01/profile`);
    assert.equal(res.statusCode, 200, res.body);
    const p = res.json<Profile>();
    assert.equal(p.area.name, 'Rinkeby-Kista');
    assert.deepEqual(
      p.indicators.map((i) => i.id),
      ['fx-unemployed', 'fx-labour-force', 'fx-unemployment-share', 'fx-median-income'],
    );

    // Every value in the profile equals the stored observation.
    const rows = await t.db.query<{
      indicator_id: string;
      division_id: string;
      area_code: string;
      period: string;
      value: string | null;
    }>(
      `SELECT indicator_id, division_id, area_code, period, value::text AS value FROM observation WHERE breakdown = ''`,
    );
    const stored = (ind: string, div: string, code: string, period: string) => {
      const r = rows.find(
        (x) => x.indicator_id === ind && x.division_id === div && x.area_code === code && x.period === period,
      );
      return r?.value === null || r === undefined ? null : Number(r.value);
    };
    for (const ind of p.indicators) {
      for (const pt of ind.trend)
        assert.equal(pt.value, stored(ind.id, FIX.sdo, 'F01', pt.period), `${ind.id} ${pt.period}`);
      for (const pt of ind.cityTrend)
        assert.equal(pt.value, stored(ind.id, FIX.city.divisionId, '0180', pt.period), `city ${ind.id} ${pt.period}`);
      assert.equal(ind.latest?.value, stored(ind.id, FIX.sdo, 'F01', '2022'));
      assert.equal(ind.city?.value, stored(ind.id, FIX.city.divisionId, '0180', '2022'));
    }

    const u = p.indicators.find((i) => i.id === 'fx-unemployment-share')!;
    const cityShare = share(
      [0, 1, 2, 3].reduce((s, a) => s + unemployed(a, 2), 0),
      [0, 1, 2, 3].reduce((s, a) => s + labourForce(a, 2), 0),
    );
    assert.equal(u.latest!.value, share(unemployed(0, 2), labourForce(0, 2)));
    assert.equal(u.latest!.numerator, unemployed(0, 2));
    assert.equal(u.latest!.denominator, labourForce(0, 2));
    assert.equal(u.city!.value, cityShare);
    assert.ok(Math.abs(u.difference! - (u.latest!.value! - cityShare)) < 1e-9);
    assert.equal(u.assessment, 'worse'); // lower is better, Rinkeby-Kista is far above the city
    assert.deepEqual([u.rank, u.rankedCount], [4, 4]); // highest unemployment of four
    assert.equal(u.firstPeriod, '2020');
    assert.equal(u.latestPeriod, '2022');
    assert.ok(
      Math.abs(u.change! - (share(unemployed(0, 2), labourForce(0, 2)) - share(unemployed(0, 0), labourForce(0, 0)))) <
        1e-9,
    );
    assert.equal(u.changeAssessment, 'better'); // unemployment fell
    assert.match(u.latest!.source, /Testdata/);

    const inc = p.indicators.find((i) => i.id === 'fx-median-income')!;
    assert.equal(inc.latest!.value, medianIncome(0, 2));
    assert.equal(inc.assessment, 'worse');
    assert.deepEqual([inc.rank, inc.rankedCount], [3, 3]); // Skärholmen is suppressed, so only three are ranked
    const pop = p.indicators.find((i) => i.id === 'fx-labour-force')!;
    assert.equal(pop.assessment, 'neutral');
    assert.equal(pop.difference, null); // a count is not compared with the city's total
    assert.deepEqual([pop.rank, pop.rankedCount], [3, 4]); // neutral ranks highest first: 15200, 12200, 10200 (Rinkeby-Kista), 9200
  });

  it('profile: parent and child links and a locator map', async () => {
    const p = (await get(`/api/v1/areas/${FIX.sdo}/F01/profile`)).json<Profile>();
    assert.deepEqual(
      p.parents.map((a) => a.code),
      ['0180'],
    );
    assert.deepEqual(p.children.map((a) => a.name).sort(), ['Kista', 'Rinkeby']);
    assert.ok(p.locator);
    assert.equal(p.locator.approximate, false);
    // the context's polygons are not in the profile: they come once per division, rounded for maps
    assert.equal(p.locator.contextDivision, FIX.sdo);
    assert.ok(!('context' in p.locator));
    const shapes = (await get(`/api/v1/analysis/areas/${FIX.sdo}`)).json<{
      areas: { code: string; geometry: { coordinates: number[][][] } | null }[];
    }>();
    assert.equal(shapes.areas.filter((a) => a.geometry).length, 4);
    for (const a of shapes.areas)
      for (const [lon, lat] of a.geometry?.coordinates[0] ?? [])
        for (const c of [lon!, lat!])
          assert.ok(Math.abs(c * 1e4 - Math.round(c * 1e4)) < 1e-6, `${a.code}: 4 decimals`);
    // Kista has no polygon: its parent's is shown, marked approximate.
    const k = (await get(`/api/v1/areas/${FIX.stadsdel}/S-KISTA/profile`)).json<Profile>();
    assert.equal(k.locator?.approximate, true);
    const ks = k.indicators.find((i) => i.id === 'fx-unemployment-share')!;
    assert.equal(ks.latest!.status, 'missing');
    assert.equal(ks.rank, null);
    assert.equal(ks.assessment, 'unknown');
  });

  it('profile: a suppressed latest value is reported as such and not ranked', async () => {
    const p = (await get(`/api/v1/areas/${FIX.sdo}/F02/profile`)).json<Profile>();
    const inc = p.indicators.find((i) => i.id === 'fx-median-income')!;
    assert.equal(inc.latest!.status, 'suppressed');
    assert.equal(inc.latest!.value, null);
    assert.equal(inc.rank, null);
    assert.equal(inc.change, medianIncome(1, 1) - medianIncome(1, 0)); // change up to the latest period with a value
  });

  it('answers 404 for an unknown area, with the division and code named', async () => {
    const res = await get(`/api/v1/areas/${FIX.sdo}/NOPE/profile`);
    assert.equal(res.statusCode, 404);
    assert.match(res.json<{ error: { message: string } }>().error.message, /NOPE.*stadsdelsomrade-2020/);
  });

  it('ETag: a second request with If-None-Match gets 304 and no body', async () => {
    const first = await get(`/api/v1/areas/${FIX.sdo}/F01/profile`);
    const etag = first.headers.etag as string;
    assert.ok(etag);
    const second = await get(`/api/v1/areas/${FIX.sdo}/F01/profile`, { 'if-none-match': etag });
    assert.equal(second.statusCode, 304);
    assert.equal(second.body, '');
    const other = await get(`/api/v1/areas/${FIX.sdo}/F02/profile`, { 'if-none-match': etag });
    assert.equal(other.statusCode, 200);
  });

  it('compare: areas from different divisions with the city series', async () => {
    const res = await get(
      `/api/v1/compare?areas=${FIX.sdo}:F01,${FIX.sdo}:F04,${FIX.stadsdel}:S-RINKEBY&indicators=fx-unemployment-share`,
    );
    assert.equal(res.statusCode, 200, res.body);
    const c = res.json<{
      areas: { name: string }[];
      city: { name: string };
      indicators: { id: string; city: Point[]; series: { code: string; points: Point[] }[] }[];
    }>();
    assert.deepEqual(
      c.areas.map((a) => a.name),
      ['Rinkeby-Kista', 'Östermalm', 'Rinkeby'],
    );
    assert.equal(c.indicators.length, 1);
    const ind = c.indicators[0]!;
    assert.deepEqual(
      ind.city.map((p) => p.period),
      FIX.periods,
    );
    assert.deepEqual(
      ind.series[1]!.points.map((p) => p.value),
      [0, 1, 2].map((p) => share(unemployed(3, p), labourForce(3, p))),
    );
    assert.deepEqual(
      ind.series[2]!.points.map((p) => p.value),
      [9.9],
    );
  });

  it('compare: clear errors for bad input', async () => {
    const bad = await get(`/api/v1/compare?areas=F01`);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json<{ error: { message: string } }>().error.message, /division:code/);
    const many = Array.from({ length: 9 }, (_, i) => `${FIX.sdo}:X${i}`).join(',');
    assert.equal((await get(`/api/v1/compare?areas=${many}`)).statusCode, 400);
    const unknown = await get(`/api/v1/compare?areas=${FIX.sdo}:F01&indicators=nope`);
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, /nope/);
  });

  it('map: values, ranks and the city value in one call, no polygons; the latest period by default; what every area shares said once', async () => {
    const res = await get(`/api/v1/indicators/fx-unemployment-share/map?division=${FIX.sdo}`);
    assert.equal(res.statusCode, 200, res.body);
    const m = res.json<IndicatorMap>();
    assert.equal(m.period, '2022');
    assert.deepEqual(m.periods, FIX.periods);
    assert.equal(m.areas.length, 4);
    assert.equal(m.rankedCount, 4);
    assert.equal(m.sources.length, 1);
    for (const [i, a] of FIX.areas.entries()) {
      const got = m.areas.find((x) => x.code === a.code)!;
      assert.equal(got.value, share(unemployed(i, 2), labourForce(i, 2)));
      assert.equal(got.numerator, unemployed(i, 2));
      assert.equal(m.sources[got.source!], m.city!.value!.source, 'the citation, named once for all areas');
      assert.ok(!('geometry' in got), 'the polygons come once per division (GET /analysis/areas/{division})');
      for (const shared of ['divisionId', 'period', 'rankedCount']) assert.ok(!(shared in got), shared);
    }
    assert.deepEqual(
      FIX.areas.map((a) => m.areas.find((x) => x.code === a.code)!.rank),
      [4, 3, 2, 1],
    );
    assert.deepEqual(
      m.areas.find((x) => x.code === 'F01')!.trend,
      [0, 1, 2].map((p) => share(unemployed(0, p), labourForce(0, p))),
      'the trend is a column beside `periods`',
    );
    const y2020 = (await get(`/api/v1/indicators/fx-unemployment-share/map?division=${FIX.sdo}&period=2020`)).json<{
      areas: { code: string; value: number }[];
    }>();
    assert.equal(y2020.areas.find((a) => a.code === 'F01')!.value, 9);
    const none = await get(`/api/v1/indicators/fx-unemployment-share/map?division=${FIX.sdo}&period=1999`);
    assert.equal(none.statusCode, 404);
    assert.match(none.body, /2020, 2021, 2022/);
    const sd = (
      await get(`/api/v1/indicators/fx-unemployment-share/map?division=${FIX.stadsdel}`)
    ).json<IndicatorMap>();
    const kista = sd.areas.find((a) => a.code === 'S-KISTA')!;
    assert.deepEqual([kista.status, kista.value, kista.rank], ['missing', null, null]);
    assert.ok(kista.trend.every((v) => v === null));
  });

  it('catalog lists divisions, indicators and areas; the routes are in the OpenAPI document', async () => {
    const c = (await get('/api/v1/profiles/catalog')).json<{
      city: { code: string };
      divisions: { id: string; areaCount: number }[];
      indicators: unknown[];
      areas: unknown[];
    }>();
    assert.equal(c.city.code, '0180');
    assert.equal(c.divisions.find((d) => d.id === FIX.sdo)!.areaCount, 4);
    assert.equal(c.indicators.length, 4);
    assert.equal(c.areas.length, 1 + 4 + 3);
    const doc = (await get('/api/v1/openapi.json')).json<{ paths: Record<string, unknown> }>();
    for (const p of [
      '/api/v1/areas/{division}/{code}/profile',
      '/api/v1/compare',
      '/api/v1/indicators/{id}/map',
      '/api/v1/profiles/catalog',
    ]) {
      assert.ok(
        doc.paths[p],
        `${p} in OpenAPI (have ${Object.keys(doc.paths)
          .filter((k) => k.includes('area') || k.includes('compare'))
          .join(', ')})`,
      );
    }
  });
});
