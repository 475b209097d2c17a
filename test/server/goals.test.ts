import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engines, freshDatabase } from '../helpers/db.ts';
import { testApp, FIXED_NOW, type TestApp } from '../helpers/app.ts';
import { dataDir } from '../helpers/paths.ts';
import { bootstrap } from '../../src/services/bootstrap.ts';
import { silentProgress } from '../../src/services/progress.ts';
import { goalsStartupLoaders } from '../../src/services/goals/index.ts';
import { insertManualStatus } from '../../src/db/repositories/goals.ts';
import { upsertAreas, upsertDivisions, upsertSources } from '../../src/db/repositories/datasets.ts';
import { DIVISION_DEFS, DIVISIONS, KOMMUN_CODE, sdoCode } from '../../src/core/geo/stockholm.ts';
import { readMembership } from '../../src/importers/stockholm-geography.ts';
import { join } from 'node:path';

interface Summary {
  id: string;
  status: string;
  hasIndicator: boolean;
  reason: { code: string; params: Record<string, unknown> };
}

async function goalsApp(engine: 'pglite' | 'postgresql', withData: boolean, withDistricts = false): Promise<TestApp> {
  const db = await freshDatabase(engine);
  if (withDistricts) {
    // the shape the reference data writes: the city and the 11 stadsdelsområden
    await upsertSources(db, [
      { id: 'scb', name: 'SCB', publisher: 'SCB', citation: 'SCB' },
      { id: 'stockholm-stad', name: 'Stockholms stad', publisher: 'Stockholms stad', citation: 'Stockholms stad' },
    ]);
    await upsertDivisions(
      db,
      DIVISION_DEFS.filter((d) => d.id === DIVISIONS.kommun || d.id === DIVISIONS.sdo2023),
    );
    const membership = await readMembership(join(dataDir, 'stockholm', 'stadsdel-stadsdelsomrade.csv'));
    const names = [...new Set(membership.map((m) => m.sdo2023))];
    await upsertAreas(db, [
      { divisionId: DIVISIONS.kommun, code: KOMMUN_CODE, name: 'Stockholm', parentDivisionId: null, parentCode: null },
      ...names.map((n) => ({
        divisionId: DIVISIONS.sdo2023,
        code: sdoCode(n),
        name: n,
        parentDivisionId: DIVISIONS.kommun,
        parentCode: KOMMUN_CODE,
      })),
    ]);
  }
  await bootstrap(
    db,
    { dataDir: withData ? dataDir : null, progress: silentProgress, now: () => FIXED_NOW },
    goalsStartupLoaders,
  );
  return testApp({ engine, db });
}

function allTargets(body: {
  goalAreas: { strategies: { targets: Summary[] }[]; otherTargets: Summary[] }[];
}): Map<string, Summary> {
  const m = new Map<string, Summary>();
  for (const g of body.goalAreas) {
    for (const s of g.strategies) for (const t of s.targets) m.set(t.id, t);
    for (const t of g.otherTargets) m.set(t.id, t);
  }
  return m;
}

for (const engine of engines()) {
  describe(`goals API with the Police's data (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await goalsApp(engine, true);
    });
    after(async () => {
      await t.close();
    });

    it('GET /api/v1/goals gives the four goal areas with strategies, targets and status counts', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/goals' });
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.equal(body.asOfYear, 2026);
      assert.deepEqual(
        body.goalAreas.map((g: { title: { sv: string } }) => g.title.sv),
        ['Uppväxt och utbildning', 'Boende och stadsmiljö', 'Arbete och företagande', 'Demokrati och trygghet'],
      );
      assert.deepEqual(
        body.goalAreas.map((g: { strategies: unknown[] }) => g.strategies.length),
        [6, 5, 6, 6],
      );
      for (const g of body.goalAreas) {
        const sum = Object.values(g.counts as Record<string, number>).reduce((a, b) => a + b, 0);
        assert.equal(sum, g.total, g.id);
      }
      assert.equal(body.reformAreas.length, 7);
      const targets = allTargets(body);
      assert.equal(targets.size, body.total);
      // 6 areas in 2023, 8 in 2025: the trend moves away from zero
      assert.equal(targets.get('t-inga-utsatta-omraden-2030')?.status, 'off_track');
      assert.equal(targets.get('t-utsatta-omraden-etapp-2027')?.status, 'off_track');
      for (const s of targets.values()) if (!s.hasIndicator) assert.equal(s.status, 'not_measurable', s.id);
      const demokrati = body.goalAreas.find((g: { id: string }) => g.id === 'demokrati-trygghet');
      assert.ok(demokrati.counts.off_track >= 2);
    });

    it('GET /api/v1/targets/<id> gives series, path, projection, status and reason', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/targets/t-inga-utsatta-omraden-2030' });
      assert.equal(res.statusCode, 200);
      const b = res.json();
      assert.deepEqual(b.series, [
        { year: 2023, value: 6, source: 'Polisen, Utsatta områden 2023' },
        { year: 2025, value: 8, source: 'Polisen, Utsatta områden 2025' },
      ]);
      assert.equal(b.status, 'off_track');
      assert.equal(b.basis, 'trend');
      assert.deepEqual(
        [b.path[0], b.path.at(-1), b.path.length],
        [{ year: 2023, value: 6 }, { year: 2030, value: 0 }, 8],
      );
      assert.deepEqual(b.projection.at(-1), { year: 2030, value: 13 });
      assert.equal(b.targetValue, 0);
      assert.equal(b.reason.code, 'level_off_track_away');
      assert.deepEqual([b.reason.params.first, b.reason.params.latest], [6, 8]);
      assert.equal(b.indicator.id, 'polisen.utsatta-omraden.stockholm');
      assert.deepEqual(
        b.milestones.map((m: { id: string }) => m.id),
        ['t-utsatta-omraden-etapp-2027'],
      );
      assert.ok(b.interventions.some((i: { id: string }) => i.id === 'i-002-platssamverkan-ragsved'));
      assert.equal(b.target.citation.document, '000_7e220e8d6a405f53.txt');
    });

    it('a target whose indicator has no values yet says so, and names the indicator', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/targets/t-samlingslokal-15-minuter' });
      assert.equal(res.statusCode, 200);
      const b = res.json();
      assert.equal(b.status, 'not_measurable');
      assert.equal(b.basis, 'no_data');
      assert.equal(b.reason.code, 'level_no_data');
      assert.equal(b.target.indicatorId, 'meeting-hall-within-15-minutes');
      assert.deepEqual(b.series, []);
    });

    it('answers an unknown target with 404 not_found', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/targets/no-such-target' });
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().error.id, 'not_found');
    });

    it('a manual status (dated, signed) applies to a commitment and to a target without indicator; the latest wins', async () => {
      await insertManualStatus(t.db, {
        targetId: null,
        commitmentId: 'ra-kriminalitet.2',
        status: 'at_risk',
        note: 'Ej påbörjat',
        setBy: 'analytiker@stockholm',
        setAt: '2026-03-01T09:00:00Z',
      });
      await insertManualStatus(t.db, {
        targetId: null,
        commitmentId: 'ra-kriminalitet.2',
        status: 'on_track',
        note: 'Upphandling klar',
        setBy: 'analytiker@stockholm',
        setAt: '2026-05-01T09:00:00Z',
      });
      await insertManualStatus(t.db, {
        targetId: 't-naringslivsrad-varje-stadsdelsnamnd',
        commitmentId: null,
        status: 'at_risk',
        note: 'Fyra av elva råd inrättade',
        setBy: 'sbr@stockholm',
        setAt: '2026-04-01T09:00:00Z',
      });
      const body = (await t.app.inject({ method: 'GET', url: '/api/v1/goals' })).json();
      const area = body.reformAreas.find((a: { id: string }) => a.id === 'ra-kriminalitet');
      const c = area.commitments.find((x: { id: string }) => x.id === 'ra-kriminalitet.2');
      assert.equal(c.status, 'on_track');
      assert.deepEqual(c.manualStatus, {
        status: 'on_track',
        note: 'Upphandling klar',
        setBy: 'analytiker@stockholm',
        setAt: '2026-05-01',
      });
      const target = allTargets(body).get('t-naringslivsrad-varje-stadsdelsnamnd');
      assert.equal(target?.status, 'at_risk');
      assert.deepEqual(target?.reason.code, 'manual');
      assert.equal((target?.reason.params as Record<string, unknown>)['by'], 'sbr@stockholm');
    });

    it('lists the goals API in the OpenAPI document', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
      assert.ok(doc.paths['/api/v1/goals'].get);
      assert.ok(doc.paths['/api/v1/targets/{id}'].get);
    });
  });

  describe(`goals API without a data directory (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await goalsApp(engine, false);
    });
    after(async () => {
      await t.close();
    });

    it('loads the framework but computes no status for the vulnerable areas', async () => {
      const b = (await t.app.inject({ method: 'GET', url: '/api/v1/targets/t-inga-utsatta-omraden-2030' })).json();
      // the framework's baseline (6 in 2023) is one point: no trend
      assert.equal(b.status, 'not_measurable');
      assert.equal(b.basis, 'single_point');
      assert.equal(b.reason.code, 'level_single_point');
    });

    it('loading twice changes nothing', async () => {
      const before = (await t.app.inject({ method: 'GET', url: '/api/v1/goals' })).json();
      const r = await bootstrap(
        t.db,
        { dataDir: null, progress: silentProgress, now: () => FIXED_NOW },
        goalsStartupLoaders,
      );
      assert.deepEqual(r.loaded, []);
      const after = (await t.app.inject({ method: 'GET', url: '/api/v1/goals' })).json();
      assert.deepEqual(after, before);
    });
  });

  describe(`goals API with the stadsdelsområden in the database (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await goalsApp(engine, true, true);
    });
    after(async () => {
      await t.close();
    });

    it('lists the stadsdelsområden with the most vulnerable areas as furthest behind', async () => {
      const b = (await t.app.inject({ method: 'GET', url: '/api/v1/targets/t-inga-utsatta-omraden-2030' })).json();
      assert.deepEqual(
        b.areasBehind.map((a: { name: string; value: number }) => [a.name, a.value]),
        [
          ['Järva', 4],
          ['Skärholmen', 2],
          ['Enskede-Årsta-Vantör', 1],
          ['Hässelby-Vällingby', 1],
        ],
      );
      // the per-district counts add up to the city's count
      assert.equal(
        b.areasBehind.reduce((s: number, a: { value: number }) => s + a.value, 0),
        b.series.at(-1).value,
      );
    });
  });
}
