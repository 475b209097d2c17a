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

    it('the tree has a status for every target', async () => {
      const b = (await t.app.inject({ method: 'GET', url: '/api/v1/goals' })).json();
      const sum = Object.values(b.counts as Record<string, number>).reduce((a, n) => a + n, 0);
      assert.equal(sum, b.total);
      assert.ok(b.total >= 20);
    });
  });
}
