import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engines } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { hasData } from '../helpers/paths.ts';

// The goals API on the full reference database (every startup loader: reference data, goals, interventions).
for (const engine of engines()) {
  describe(`goals API on the reference database (${engine})`, { skip: !hasData }, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp({ engine, reference: true });
    });
    after(async () => {
      await t.close();
    });

    it('computes the vulnerable-areas status and places the areas in stadsdelsområden', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/targets/t-inga-utsatta-omraden-2030' });
      assert.equal(res.statusCode, 200);
      const b = res.json();
      assert.equal(b.status, 'off_track');
      assert.deepEqual(
        b.series.map((p: { year: number; value: number }) => [p.year, p.value]),
        [
          [2023, 6],
          [2025, 8],
        ],
      );
      assert.deepEqual(
        b.areasBehind.map((a: { name: string; value: number }) => [a.name, a.value]),
        [
          ['Järva', 4],
          ['Skärholmen', 2],
          ['Enskede-Årsta-Vantör', 1],
          ['Hässelby-Vällingby', 1],
        ],
      );
      assert.ok(b.interventions.length > 0);
    });

    it('the employment gap is measured by stadsdelsområde: Järva 66.0 % against the city 78.2 % in 2022', async () => {
      const b = (
        await t.app.inject({ method: 'GET', url: '/api/v1/targets/t-sysselsattningsgap-halveras-2030' })
      ).json();
      assert.equal(b.indicator.id, 'employment-rate-16-64');
      assert.equal(b.basis, 'single_point', 'one year of data: computed, but no trend yet');
      assert.deepEqual(
        b.series.map((p: { year: number; value: number }) => [p.year, Math.round(p.value * 10) / 10]),
        [[2022, 12.2]],
      );
      assert.equal(Math.round(b.targetValue * 10) / 10, 6.1);
      const values = await t.db.query<{ name: string; value: string }>(
        `SELECT a.name, o.value FROM observation o JOIN area a ON a.division_id = o.division_id AND a.code = o.area_code
         WHERE o.indicator_id = 'employment-rate-16-64' AND o.period = '2022' AND o.breakdown = ''
           AND (a.name = 'Järva' OR o.division_id = 'kommun') AND o.division_id IN ('kommun', 'stadsdelsomrade-2023')`,
      );
      const rounded = new Map(values.map((v) => [v.name, Math.round(Number(v.value) * 10) / 10]));
      assert.equal(rounded.get('Järva'), 66.0);
      assert.equal(rounded.get('Stockholm'), 78.2);
    });

    it('the rental-housing target is followed by the rental stock 2020–2023 as a stated proxy', async () => {
      const b = (
        await t.app.inject({ method: 'GET', url: '/api/v1/targets/t-andel-hyresratter-i-nyproduktion-okar' })
      ).json();
      assert.equal(b.indicator.id, 'share-rental-dwellings');
      assert.match(b.target.proxy.sv, /Ersättningsmått/);
      assert.deepEqual(
        b.series.map((p: { year: number }) => p.year),
        [2020, 2021, 2022, 2023],
      );
      assert.notEqual(b.status, 'not_measurable');
    });

    it('every target has an indicator that exists or names the one it needs and where it would come from', async () => {
      const b = (await t.app.inject({ method: 'GET', url: '/api/v1/goals' })).json();
      const ids: string[] = b.goalAreas.flatMap(
        (g: { strategies: { targets: { id: string }[] }[]; otherTargets: { id: string }[] }) =>
          [...g.strategies.flatMap((s) => s.targets), ...g.otherTargets].map((x) => x.id),
      );
      for (const id of new Set(ids)) {
        const d = (await t.app.inject({ method: 'GET', url: `/api/v1/targets/${id}` })).json();
        if (d.target.indicatorId) assert.ok(d.indicator, `${id}: indicator ${d.target.indicatorId} is in the database`);
        else assert.ok(d.target.neededData?.ref, `${id}: names the data it needs`);
      }
    });

    it('the Police indicator names its source', async () => {
      const d = (await t.app.inject({ method: 'GET', url: '/api/v1/targets/t-utsatta-omraden-etapp-2027' })).json();
      assert.match(d.indicator.definition.sv, /Polisens lista/); // the definition from data/indicators
      assert.ok(d.series.every((p: { source: string }) => /Polisen/.test(p.source)));
      assert.notEqual(d.status, 'not_measurable');
    });

    it('an intervention page shows the computed status of the targets it serves', async () => {
      const target = (await t.app.inject({ method: 'GET', url: '/api/v1/targets/t-inga-utsatta-omraden-2030' })).json();
      assert.notEqual(target.status, 'not_measurable');
      const i = (
        await t.app.inject({ method: 'GET', url: '/api/v1/interventions/i-002-platssamverkan-ragsved' })
      ).json();
      const linked = i.targets.find((x: { id: string }) => x.id === 't-inga-utsatta-omraden-2030');
      assert.equal(linked?.status, target.status);
    });

    it('the tree has a status for every target', async () => {
      const b = (await t.app.inject({ method: 'GET', url: '/api/v1/goals' })).json();
      const sum = Object.values(b.counts as Record<string, number>).reduce((a, n) => a + n, 0);
      assert.equal(sum, b.total);
      assert.ok(b.total >= 20);
    });
  });
}
