// Analysis service and API on the real Stockholm reference data (DeSO 2022): segregation for foreign
// background and low economic standard, the need index for all 544 DeSO, allocation scenarios.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../helpers/app.ts';
import { hasData } from '../helpers/paths.ts';
import {
  computeAllocation,
  dividesService,
  multigroupSegregation,
  needIndexService,
  segregation,
} from '../../src/services/analysis/index.ts';
import { twoGroupMeasures } from '../../src/core/analysis/segregation.ts';
import { AREA_TYPES } from '../../src/core/analysis/need-index.ts';
import type { NeedResponse } from '../../src/core/contracts/analysis.ts';

describe('analysis on the Stockholm reference data', { skip: !hasData && 'no reference data directory' }, () => {
  let t: TestApp;
  let open: TestApp;
  before(async () => {
    t = await testApp({ reference: true, devWrites: true });
    const [row] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM observation WHERE division_id = 'deso' AND indicator_id = 'population' AND period = '2022'`,
    );
    assert.equal(row?.n, 544, 'the reference data (DeSO 2022) is loaded');
    open = await testApp({ db: t.db, devWrites: false });
  });
  after(async () => {
    await open?.app.close();
    await t?.close();
  });

  it('segregation of foreign background (against Swedish background) over the 544 DeSO in 2022', async () => {
    const r = await segregation(t.db, { division: 'deso', preset: 'foreign-background', period: '2022' });
    assert.equal(r.measures.n + r.measures.skipped.length + r.missing.length, 544);
    assert.equal(r.areas.length, 544);
    // the DeSO populations of 2022 add up to Stockholm's official population on 2022-12-31
    assert.equal(r.measures.total, 984_748);
    // the service's numbers are the core's over the stored counts
    const [check] = await t.db.query<{ g: string; p: string }>(
      `SELECT sum(g.value)::text AS g, sum(p.value)::text AS p FROM observation g JOIN observation p ON p.area_code = g.area_code AND p.period = g.period AND p.division_id = g.division_id AND p.indicator_id = 'population' AND p.breakdown = ''
        WHERE g.indicator_id = 'population-foreign-background' AND g.division_id = 'deso' AND g.period = '2022' AND g.breakdown = ''`,
    );
    assert.ok(Math.abs(r.cityShare - Number(check?.g) / Number(check?.p)) < 1e-12);
    const recomputed = twoGroupMeasures(
      r.areas
        .filter((a) => a.total !== null)
        .map((a) => ({ id: a.code, group: a.group as number, total: a.total as number })),
    );
    assert.equal(recomputed.D, r.measures.D);
    // Stockholm is markedly segregated by background: D between 0.3 and 0.7, xPx above the city share
    assert.ok(r.measures.D > 0.3 && r.measures.D < 0.7, `D = ${r.measures.D}`);
    assert.ok(r.measures.xPx > r.cityShare);
    assert.ok(Math.abs(r.measures.xPx + r.measures.xPy - 1) < 1e-12);
    assert.ok(r.measures.G > r.measures.D, 'the Gini is at least D');
    assert.equal(r.moran, null, 'DeSO have no polygons in the reference data');
    assert.equal(r.moranNote, 'no-geometry');
    assert.ok(r.sources.some((s) => /SCB/.test(s)));
  });

  it('segregation for low economic standard over the DeSO in 2022', async () => {
    const r = await segregation(t.db, { division: 'deso', preset: 'low-economic-standard', period: '2022' });
    assert.ok(r.measures.n > 500);
    assert.ok(r.cityShare > 0.05 && r.cityShare < 0.3, `share ${r.cityShare}`);
    assert.ok(r.measures.D > 0.2 && r.measures.D < 0.7, `D = ${r.measures.D}`);
    assert.ok(r.divides.periods.length >= 1);
    const p = r.divides.periods.find((x) => x.period === 2022);
    assert.ok(p && (p.fifthsRatio as number) > 2, 'the top fifth has several times the share of the bottom fifth');
  });

  it("Moran's I with queen contiguity from the stadsdel polygons, and the trend over the years", async () => {
    const r = await segregation(t.db, { division: 'stadsdel', preset: 'born-abroad' });
    assert.ok(r.moran, r.moranNote ?? '');
    assert.ok(r.moran.I > 0.3, `I = ${r.moran.I}`);
    assert.ok(r.moran.pNorm < 0.001 && r.moran.pRand < 0.001);
    assert.ok(Math.abs(r.moran.EI + 1 / (r.moran.n - 1)) < 1e-15);
    assert.ok(r.trend.length >= 2, `periods ${r.periods.join(', ')}`);
    assert.deepEqual(
      r.trend.map((x) => x.period),
      [...r.periods],
    );
  });

  it('the need index classifies all 544 DeSO into the five types', async () => {
    const r = await needIndexService(t.db, { period: '2022', aggregateTo: 'stadsdel' });
    assert.equal(r.areas.length, 544);
    assert.deepEqual(r.missing, []);
    assert.equal(
      AREA_TYPES.reduce((s, k) => s + r.byType[k].areas, 0),
      544,
    );
    for (const k of AREA_TYPES) assert.ok(r.byType[k].areas > 0, `no DeSO of type ${k}`);
    // population-weighted score has mean 0
    const pop = r.areas.reduce((s, a) => s + a.population, 0);
    assert.equal(pop, 984_748);
    assert.ok(Math.abs(r.areas.reduce((s, a) => s + a.population * a.score, 0) / pop) < 1e-9);
    // by default the types hold about 10/20/40/20/10 % of the population
    const shares = AREA_TYPES.map((k) => r.byType[k].population / pop);
    [0.1, 0.2, 0.4, 0.2, 0.1].forEach((x, i) =>
      assert.ok(Math.abs((shares[i] as number) - x) < 0.02, `${AREA_TYPES[i]}: ${shares[i]}`),
    );
    // Rinkeby, Tensta and Husby have large socioeconomic challenges; the inner city scores below the city
    const sd = (name: string) => r.aggregated?.areas.find((a) => a.name === name);
    for (const n of ['Rinkeby', 'Tensta', 'Husby']) assert.equal(sd(n)?.type, 'largeChallenges', n);
    for (const n of ['Östermalm', 'Kungsholmen', 'Vasastaden', 'Södermalm']) assert.ok((sd(n)?.score as number) < 0, n);
    assert.deepEqual(r.aggregated?.unmapped, []);
    // weights matter: only low economic standard gives a different ordering than the composite
    const only = await needIndexService(t.db, {
      period: '2022',
      indicators: [{ id: 'share-low-economic-standard', weight: 1 }],
    });
    assert.notDeepEqual(
      only.areas.map((a) => a.type),
      r.areas.map((a) => a.type),
    );
  });

  it('an allocation scenario adds up exactly, holds its floor and cap and sets it against planned money', async () => {
    // money planned in the interventions register in two stadsdelsområden, in a year no other test data uses
    await t.db.query(
      `INSERT INTO intervention (id, name, status) VALUES ('a7-test-1', 'Test A', 'running'), ('a7-test-2', 'Test B', 'running') ON CONFLICT DO NOTHING`,
    );
    const [järva] = await t.db.query<{ code: string }>(
      `SELECT code FROM area WHERE division_id = 'stadsdelsomrade-2023' AND name ILIKE 'Järva%'`,
    );
    const [söder] = await t.db.query<{ code: string }>(
      `SELECT code FROM area WHERE division_id = 'stadsdelsomrade-2023' AND name ILIKE 'Södermalm%'`,
    );
    assert.ok(järva && söder);
    await t.db.query(
      `INSERT INTO intervention_area VALUES ('a7-test-1', 'stadsdelsomrade-2023', $1), ('a7-test-2', 'stadsdelsomrade-2023', $1), ('a7-test-2', 'stadsdelsomrade-2023', $2) ON CONFLICT DO NOTHING`,
      [järva.code, söder.code],
    );
    await t.db.query(
      `INSERT INTO budget_line (intervention_id, year, planned_sek) VALUES ('a7-test-1', 2099, 10000000), ('a7-test-2', 2099, 3000001) ON CONFLICT DO NOTHING`,
    );

    const total = 100_000_000n;
    const r = await computeAllocation(t.db, {
      division: 'stadsdelsomrade-2023',
      totalSek: String(total),
      year: 2099,
      floorSek: '2000000',
      capSek: '25000000',
    });
    const amounts = r.lines.map((l) => BigInt(l.amountSek));
    assert.equal(r.lines.length, 11);
    assert.equal(
      amounts.reduce((s, x) => s + x, 0n),
      total,
    );
    for (const a of amounts) assert.ok(a >= 2_000_000n && a <= 25_000_000n);
    const j = r.lines.find((l) => l.code === järva.code);
    const s = r.lines.find((l) => l.code === söder.code);
    assert.ok(j && s);
    // Järva gets more per inhabitant than Södermalm
    assert.ok(Number(j.amountSek) / j.population > Number(s.amountSek) / s.population);
    // 10 000 000 to Järva; 3 000 001 split evenly to the krona (1 500 001 + 1 500 000)
    assert.equal(BigInt(j.plannedSek) + BigInt(s.plannedSek), 13_000_001n);
    assert.ok(j.plannedSek === '11500001' || j.plannedSek === '11500000');
    assert.equal(BigInt(j.differenceSek), BigInt(j.amountSek) - BigInt(j.plannedSek));

    // the transition: 50 % formula, 50 % last year's planned shares (only Järva and Södermalm had money)
    const mixed = await computeAllocation(t.db, {
      division: 'stadsdelsomrade-2023',
      totalSek: String(total),
      year: 2099,
      transition: { formulaPercent: 50, base: { kind: 'planned', year: 2099 } },
    });
    const pure = await computeAllocation(t.db, {
      division: 'stadsdelsomrade-2023',
      totalSek: String(total),
      year: 2099,
    });
    for (const l of mixed.lines) {
      const f = Number(pure.lines.find((x) => x.code === l.code)?.amountSek);
      const last = Number(l.lastSek) / 13_000_001;
      assert.ok(Math.abs(Number(l.amountSek) - (0.5 * f + 0.5 * last * Number(total))) <= 1.5, l.code);
    }
  });

  it('multigroup segregation by birth region over the DeSO in 2022', async () => {
    const r = await multigroupSegregation(t.db, { division: 'deso', set: 'birth-region', period: '2022' });
    assert.equal(r.measures.n + r.measures.skipped.length + r.missing.length, 544);
    assert.ok(Math.abs(r.groups.reduce((s, g) => s + g.share, 0) - 1) < 1e-12);
    const m = r.measures;
    for (const k of ['multiD', 'multiH', 'multiG', 'normExposure'] as const)
      assert.ok(m[k] > 0 && m[k] < 1, `${k} = ${m[k]}`);
    // the groups partition the same population as the two-group presets
    const abroad = await segregation(t.db, { division: 'deso', preset: 'born-abroad', period: '2022' });
    const outside = await segregation(t.db, { division: 'deso', preset: 'born-outside-europe', period: '2022' });
    assert.ok(Math.abs((r.groups[0]?.share as number) - (1 - abroad.cityShare)) < 1e-9);
    assert.ok(Math.abs((r.groups[2]?.share as number) - outside.cityShare) < 1e-9);
    const res = await open.app.inject({
      method: 'GET',
      url: '/api/v1/analysis/segregation/multigroup?division=deso&set=birth-region',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().measures.multiD, m.multiD);
  });

  it('divides between stadsdelar over the years for an indicator', async () => {
    const r = await dividesService(t.db, { division: 'stadsdel', indicator: 'share-born-abroad' });
    assert.ok(r.periods.length >= 2, `periods: ${r.periods.map((p) => p.period).join(', ')}`);
    for (const p of r.periods) {
      assert.ok(p.n > 100 && p.n <= 117, `n = ${p.n}`);
      assert.ok((p.maxMinRatio ?? 0) > 1 && (p.fifthsRatio ?? 0) > 1 && (p.cv ?? 0) > 0);
      assert.ok(p.topFifthMean > p.weightedMean && p.weightedMean > p.bottomFifthMean);
    }
    assert.equal(r.narrowing, (r.cvSlope as number) < 0);
    const res = await open.app.inject({
      method: 'GET',
      url: '/api/v1/analysis/divides?division=stadsdel&indicator=share-born-abroad',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().periods.length, r.periods.length);
  });

  it('API: segregation and need index, with clear errors', async () => {
    const res = await open.app.inject({
      method: 'GET',
      url: '/api/v1/analysis/segregation?division=deso&preset=foreign-background&period=2022',
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.areas.length, 544);
    const bad = await open.app.inject({ method: 'GET', url: '/api/v1/analysis/segregation?division=deso&preset=nope' });
    assert.equal(bad.statusCode, 400);
    const missing = await open.app.inject({
      method: 'GET',
      url: '/api/v1/analysis/segregation?division=nowhere&preset=foreign-background',
    });
    assert.equal(missing.statusCode, 404);
    const need = await open.app.inject({
      method: 'GET',
      url: '/api/v1/analysis/need-index?aggregateTo=stadsdelsomrade-2023&indicators=share-low-economic-standard:2,employment-rate-16-64:1',
    });
    assert.equal(need.statusCode, 200, need.body);
    assert.equal(need.json().indicators[0].normalisedWeight, 2 / 3);
    assert.equal(need.json().aggregated.areas.length, 11);
    // an area's components and values are columns in the order of `indicators`, checked against the values
    // route and against the composite they weigh into
    const n = need.json<NeedResponse>();
    assert.deepEqual(
      n.indicators.map((i) => i.id),
      ['share-low-economic-standard', 'employment-rate-16-64'],
    );
    const values = await Promise.all(
      n.indicators.map(async (i) => {
        const r = await open.app.inject({
          method: 'GET',
          url: `/api/v1/indicators/${i.id}/values?division=deso&period=${n.period}`,
        });
        return new Map(
          r.json<{ values: { code: string; value: number | null }[] }>().values.map((v) => [v.code, v.value]),
        );
      }),
    );
    for (const a of n.areas) {
      assert.equal(a.components.length, 2);
      assert.deepEqual(
        a.values,
        values.map((v) => v.get(a.id) ?? null),
        a.id,
      );
      const composite = n.indicators.reduce((s, ind, k) => s + ind.normalisedWeight * a.components[k]!, 0);
      assert.ok(Math.abs(composite - a.composite) < 1e-12, a.id);
      // higher is worse for low economic standard: a value above the mean is a positive component
      assert.equal(Math.sign(a.components[0]!), Math.sign(a.values[0]! - n.indicators[0]!.mean));
    }
    const badW = await open.app.inject({
      method: 'GET',
      url: '/api/v1/analysis/need-index?indicators=share-low-economic-standard:-1',
    });
    assert.equal(badW.statusCode, 400);
    const options = await open.app.inject({ method: 'GET', url: '/api/v1/analysis/options' });
    assert.equal(options.statusCode, 200);
    assert.ok(
      options
        .json()
        .divisions.some(
          (d: { id: string; presets: { id: string }[] }) =>
            d.id === 'deso' && d.presets.some((p) => p.id === 'foreign-background'),
        ),
    );
    // the indicators are the one Indicator contract: kind and polarity from the catalogue, the source nested
    const ind = options.json().indicators.find((i: { id: string }) => i.id === 'share-low-economic-standard');
    assert.equal(ind.kind, 'share');
    assert.equal(ind.headline, true);
    assert.equal(ind.source.id, 'scb');
    assert.equal(typeof ind.source.citation, 'string');
    assert.equal('citation' in ind, false);
  });

  it('API: scenarios are saved by analysts only, compared side by side and deleted', async () => {
    const body = { name: 'Behov 2026', division: 'stadsdelsomrade-2023', totalSek: '50000000', year: 2025 };
    const anon = await open.app.inject({ method: 'POST', url: '/api/v1/analysis/scenarios', payload: body });
    assert.equal(anon.statusCode, 401);
    const preview = await open.app.inject({ method: 'POST', url: '/api/v1/analysis/allocation', payload: body });
    assert.equal(preview.statusCode, 200, preview.body);
    const saved = await t.app.inject({ method: 'POST', url: '/api/v1/analysis/scenarios', payload: body });
    assert.equal(saved.statusCode, 200, saved.body);
    const id = saved.json().id as number;
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/analysis/scenarios', payload: body });
    assert.equal(again.statusCode, 409);
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/analysis/scenarios',
      payload: {
        ...body,
        name: 'Lika per invånare',
        typeWeights: { largeChallenges: 1, challenges: 1, mixed: 1, good: 1, veryGood: 1 },
      },
    });
    assert.equal(second.statusCode, 200, second.body);
    const list = await open.app.inject({ method: 'GET', url: '/api/v1/analysis/scenarios' });
    assert.deepEqual(
      list
        .json()
        .scenarios.map((s: { name: string }) => s.name)
        .sort(),
      ['Behov 2026', 'Lika per invånare'],
    );
    const cmp = await open.app.inject({
      method: 'GET',
      url: `/api/v1/analysis/scenarios/compare?ids=${id},${second.json().id}`,
    });
    assert.equal(cmp.statusCode, 200, cmp.body);
    const [a, b] = cmp.json().scenarios;
    const sum = (s: { lines: { amountSek: string }[] }) => s.lines.reduce((x, l) => x + BigInt(l.amountSek), 0n);
    assert.equal(sum(a), 50_000_000n);
    assert.equal(sum(b), 50_000_000n);
    assert.notDeepEqual(
      a.lines.map((l: { amountSek: string }) => l.amountSek),
      b.lines.map((l: { amountSek: string }) => l.amountSek),
    );
    // a transition from a saved scenario: 0 % formula gives back the scenario's amounts, to the krona
    const fromSaved = await open.app.inject({
      method: 'POST',
      url: '/api/v1/analysis/allocation',
      payload: { ...body, name: undefined, transition: { formulaPercent: 0, base: { kind: 'scenario', id } } },
    });
    assert.equal(fromSaved.statusCode, 200, fromSaved.body);
    assert.deepEqual(
      fromSaved.json().lines.map((l: { amountSek: string }) => l.amountSek),
      a.lines.map((l: { amountSek: string }) => l.amountSek),
    );
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/analysis/allocation',
      payload: { ...body, floorSek: '10000000' },
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message, /floors add up to 110000000 kr/);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/analysis/scenarios/${id}` });
    assert.equal(del.statusCode, 204);
    assert.equal((await open.app.inject({ method: 'GET', url: `/api/v1/analysis/scenarios/${id}` })).statusCode, 404);
  });
});
