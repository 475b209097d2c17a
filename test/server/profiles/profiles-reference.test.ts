/** The profile API on the real Stockholm reference data (skipped when no data directory is found). */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../../helpers/app.ts';
import { hasData } from '../../helpers/paths.ts';

interface Point {
  period: string;
  value: number | null;
}

describe('profiles API on the reference data', { skip: hasData ? false : 'no reference data directory' }, () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ reference: true });
  });
  after(async () => {
    await t?.close();
  });

  it('the 13-area profile of Rinkeby-Kista equals the stored observations; the city population 2022 is 984,748', async () => {
    const [area] = await t.db.query<{ code: string }>(
      `SELECT code FROM area WHERE division_id = 'stadsdelsomrade-2020' AND name = 'Rinkeby-Kista'`,
    );
    assert.ok(area);
    const res = await t.app.inject({ url: `/api/v1/areas/stadsdelsomrade-2020/${area.code}/profile` });
    assert.equal(res.statusCode, 200);
    const p = res.json<{
      indicators: {
        id: string;
        trend: Point[];
        city: Point | null;
        cityTrend: Point[];
        rank: number | null;
        rankedCount: number | null;
      }[];
    }>();
    const rows = await t.db.query<{ indicator_id: string; period: string; value: string | null }>(
      `SELECT indicator_id, period, value::text AS value FROM observation WHERE division_id = 'stadsdelsomrade-2020' AND area_code = $1 AND breakdown = ''`,
      [area.code],
    );
    assert.ok(rows.length > 0);
    let n = 0;
    for (const r of rows) {
      const ind = p.indicators.find((i) => i.id === r.indicator_id);
      assert.ok(ind, r.indicator_id);
      const pt = ind.trend.find((x) => x.period === r.period);
      assert.equal(pt?.value, r.value === null ? null : Number(r.value), `${r.indicator_id} ${r.period}`);
      n++;
    }
    assert.equal(n, rows.length);
    const pop = p.indicators.find((i) => i.id === 'population');
    if (pop) assert.equal(pop.cityTrend.find((x) => x.period === '2022')?.value, 984748);
    const ranked = p.indicators.filter((i) => i.rank !== null);
    assert.ok(ranked.length > 0);
    for (const i of ranked) assert.ok(i.rankedCount! <= 13 && i.rank! >= 1 && i.rank! <= i.rankedCount!);
  });

  it('a DeSO profile (544 peers) is one call and ranks among 544 at most', async () => {
    const [deso] = await t.db.query<{ code: string }>(
      `SELECT area_code AS code FROM observation WHERE division_id = 'deso' AND indicator_id = 'population' LIMIT 1`,
    );
    if (!deso) return;
    const t0 = performance.now();
    const res = await t.app.inject({ url: `/api/v1/areas/deso/${deso.code}/profile` });
    const ms = performance.now() - t0;
    assert.equal(res.statusCode, 200);
    const p = res.json<{ indicators: { id: string; rankedCount: number | null }[]; locator: unknown }>();
    const pop = p.indicators.find((i) => i.id === 'population')!;
    assert.ok(pop.rankedCount! > 500 && pop.rankedCount! <= 544, String(pop.rankedCount));
    // DeSO has no polygons here: the locator shows the nearest enclosing area that has one.
    const loc = p.locator as { approximate: boolean; target: { geometry: unknown } } | null;
    assert.ok(loc, 'a locator map for a DeSO');
    assert.equal(loc.approximate, true);
    assert.ok(loc.target.geometry);
    console.log(`deso profile: ${Math.round(ms)} ms, ${res.body.length} bytes`);
  });
});
