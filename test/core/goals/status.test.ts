import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  areasFurthestBehind,
  cleanSeries,
  directionStatus,
  everyAreaStatus,
  gapSeries,
  gapTargetValue,
  leastSquares,
  levelStatus,
  targetPath,
  type LevelSpec,
} from '../../../src/core/goals/status.ts';

const noAreas: LevelSpec = {
  form: 'level',
  targetValue: 0,
  comparator: 'at_most',
  deadline: 2030,
  unit: { sv: 'områden', en: 'areas' },
};
const asOf = { asOfYear: 2026 };
const obs = (pairs: [number, number | null][]) => pairs.map(([year, value]) => ({ year, value }));

describe('levelStatus', () => {
  it('met: the latest value reaches the target', () => {
    const r = levelStatus(
      obs([
        [2023, 3],
        [2024, 0],
      ]),
      noAreas,
      asOf,
    );
    assert.equal(r.status, 'met');
    assert.equal(r.basis, 'latest_value');
    assert.equal(r.reason.code, 'level_met');
  });

  it('on track: the least-squares line reaches the target by the deadline', () => {
    const r = levelStatus(
      obs([
        [2023, 6],
        [2024, 5],
        [2025, 4],
      ]),
      noAreas,
      asOf,
    );
    assert.equal(r.status, 'on_track');
    assert.ok(r.trend);
    assert.ok(Math.abs(r.trend.slope + 1) < 1e-12);
    assert.ok(Math.abs((r.projectedAtDeadline ?? NaN) - -1) < 1e-9);
    // the projection runs from the first observed year to the deadline
    assert.deepEqual([r.projection[0]?.year, r.projection.at(-1)?.year], [2023, 2030]);
  });

  it('at risk: right direction but too slow, covering at least half of the remaining distance', () => {
    // slope −0.5 → 2.5 in 2030; from 5 that is exactly half of the way to 0
    const r = levelStatus(
      obs([
        [2023, 6],
        [2025, 5],
      ]),
      noAreas,
      asOf,
    );
    assert.equal(r.status, 'at_risk');
    assert.ok(Math.abs((r.progressShare ?? NaN) - 0.5) < 1e-9);
    assert.equal(r.reason.code, 'level_at_risk');
  });

  it('off track: right direction but covering less than half of the distance', () => {
    // slope −0.4 → 3.2 in 2030; (3.2 − 5.2) / (0 − 5.2) ≈ 0.38
    const r = levelStatus(
      obs([
        [2023, 6],
        [2025, 5.2],
      ]),
      noAreas,
      asOf,
    );
    assert.equal(r.status, 'off_track');
    assert.ok((r.progressShare ?? 1) < 0.5 && (r.progressShare ?? 0) > 0);
  });

  it('off track: the trend moves away from the target (the vulnerable areas 2023 → 2025)', () => {
    const r = levelStatus(
      obs([
        [2023, 6],
        [2025, 8],
      ]),
      noAreas,
      asOf,
    );
    assert.equal(r.status, 'off_track');
    assert.ok(Math.abs((r.projectedAtDeadline ?? NaN) - 13) < 1e-9);
    assert.equal(r.reason.code, 'level_off_track_away');
    assert.deepEqual(
      [r.reason.params['first'], r.reason.params['firstYear'], r.reason.params['latest'], r.reason.params['year']],
      [6, 2023, 8, 2025],
    );
  });

  it('a different at-risk share changes the verdict on the same series', () => {
    const series = obs([
      [2023, 6],
      [2025, 5.2],
    ]);
    assert.equal(levelStatus(series, noAreas, { asOfYear: 2026, atRiskShare: 0.3 }).status, 'at_risk');
  });

  it('one data point: says so instead of projecting', () => {
    const r = levelStatus(obs([[2023, 6]]), noAreas, asOf);
    assert.equal(r.status, 'not_measurable');
    assert.equal(r.basis, 'single_point');
    assert.equal(r.trend, null);
    assert.deepEqual(r.projection, []);
    assert.equal(r.reason.code, 'level_single_point');
  });

  it('no data: not measurable', () => {
    const r = levelStatus(obs([[2023, null]]), noAreas, asOf);
    assert.equal(r.status, 'not_measurable');
    assert.equal(r.basis, 'no_data');
  });

  it('gaps in the series: fits on the actual years, skipping missing values', () => {
    const r = levelStatus(
      obs([
        [2020, 10],
        [2021, null],
        [2024, 7],
        [2026, 5],
      ]),
      noAreas,
      asOf,
    );
    assert.deepEqual(
      r.series.map((p) => p.year),
      [2020, 2024, 2026],
    );
    assert.ok(r.trend);
    // by hand: Sxy = −46/3, Sxx = 56/3 → slope −23/28 (with indexes 0,1,2 it would be −2.5)
    assert.ok(Math.abs(r.trend.slope - -23 / 28) < 1e-12);
    const p2030 = 22 / 3 + (-23 / 28) * (2030 - 6070 / 3);
    assert.ok(Math.abs((r.projectedAtDeadline ?? NaN) - p2030) < 1e-9);
    // (1.857 − 5) / (0 − 5) ≈ 0.63 ≥ 0.5
    assert.equal(r.status, 'at_risk');
  });

  it('the baseline counts as an observation when its year is not in the series', () => {
    const r = levelStatus(obs([[2025, 8]]), { ...noAreas, baseline: { year: 2023, value: 6 } }, asOf);
    assert.deepEqual(r.series, [
      { year: 2023, value: 6 },
      { year: 2025, value: 8 },
    ]);
    assert.equal(r.status, 'off_track');
  });

  it('the target year has passed without reaching the target: off track', () => {
    const r = levelStatus(
      obs([
        [2023, 6],
        [2024, 5],
        [2025, 4],
      ]),
      { ...noAreas, deadline: 2025 },
      { asOfYear: 2026 },
    );
    assert.equal(r.status, 'off_track');
    assert.equal(r.basis, 'deadline_passed');
  });

  it('works for at-least targets', () => {
    const spec: LevelSpec = { form: 'level', targetValue: 100, comparator: 'at_least', deadline: 2030 };
    assert.equal(
      levelStatus(
        obs([
          [2022, 80],
          [2024, 90],
        ]),
        spec,
        asOf,
      ).status,
      'on_track',
    );
    assert.equal(
      levelStatus(
        obs([
          [2022, 80],
          [2024, 78],
        ]),
        spec,
        asOf,
      ).status,
      'off_track',
    );
    assert.equal(
      levelStatus(
        obs([
          [2022, 80],
          [2024, 100],
        ]),
        spec,
        asOf,
      ).status,
      'met',
    );
  });

  it('rejects two values for one year', () => {
    assert.throws(
      () =>
        cleanSeries(
          obs([
            [2023, 6],
            [2023, 7],
          ]),
        ),
      /two observations for the year 2023/,
    );
  });
});

describe('directionStatus', () => {
  const up = { form: 'direction' as const, desired: 'increase' as const, deadline: 2026 };
  it('on track when the level is better than the baseline and the trend is right', () => {
    assert.equal(
      directionStatus(
        obs([
          [2018, 60],
          [2022, 62],
          [2024, 63],
        ]),
        up,
        { asOfYear: 2025 },
      ).status,
      'on_track',
    );
  });
  it('at risk when the level improved but the trend has turned', () => {
    const r = directionStatus(
      obs([
        [2018, 60],
        [2020, 70],
        [2022, 66],
        [2024, 61],
      ]),
      up,
      { asOfYear: 2025 },
    );
    assert.equal(r.status, 'at_risk');
    assert.ok((r.trend?.slope ?? 0) < 0);
  });
  it('off track when neither improves', () => {
    assert.equal(
      directionStatus(
        obs([
          [2018, 60],
          [2022, 58],
          [2024, 57],
        ]),
        up,
        { asOfYear: 2025 },
      ).status,
      'off_track',
    );
  });
  it('met or off track once the deadline is reached', () => {
    assert.equal(
      directionStatus(
        obs([
          [2018, 60],
          [2026, 62],
        ]),
        up,
        { asOfYear: 2026 },
      ).status,
      'met',
    );
    assert.equal(
      directionStatus(
        obs([
          [2018, 60],
          [2026, 59],
        ]),
        up,
        { asOfYear: 2027 },
      ).status,
      'off_track',
    );
  });
  it('one point: not measurable', () => {
    assert.equal(directionStatus(obs([[2018, 60]]), up, { asOfYear: 2025 }).basis, 'single_point');
  });
});

describe('targetPath', () => {
  it('interpolates year by year from the baseline to the target', () => {
    const path = targetPath({ year: 2023, value: 6 }, { year: 2030, value: 0 });
    assert.equal(path.length, 8);
    assert.deepEqual(path[0], { year: 2023, value: 6 });
    assert.deepEqual(path.at(-1), { year: 2030, value: 0 });
    assert.ok(Math.abs((path.find((p) => p.year === 2027)?.value ?? NaN) - (6 - (6 * 4) / 7)) < 1e-6);
  });
  it('rejects a deadline before the baseline', () => {
    assert.throws(() => targetPath({ year: 2030, value: 6 }, { year: 2023, value: 0 }), /before the baseline/);
  });
});

describe('gap targets', () => {
  it('computes the gap between the weakest area and the average per year, skipping years without data', () => {
    const areas = new Map([
      [
        2020,
        [
          { areaId: 'a', value: 60 },
          { areaId: 'b', value: 80 },
        ],
      ],
      [
        2021,
        [
          { areaId: 'a', value: null },
          { areaId: 'b', value: null },
        ],
      ],
      [
        2022,
        [
          { areaId: 'a', value: 66 },
          { areaId: 'b', value: 70 },
        ],
      ],
    ]);
    const avg = new Map([
      [2020, 75],
      [2021, 76],
      [2022, 74],
    ]);
    const gaps = gapSeries(areas, avg, 'higher');
    assert.deepEqual(
      gaps.map((g) => [g.year, g.value, g.weakestAreaId]),
      [
        [2020, 15, 'a'],
        [2022, 8, 'a'],
      ],
    );
    // halve the 2020 gap by 2030 → at most 7.5; 15 → 8 over two years is on track
    const spec: LevelSpec = {
      form: 'level',
      comparator: 'at_most',
      targetValue: gapTargetValue(15, 0.5),
      deadline: 2030,
    };
    assert.equal(levelStatus(gaps, spec, { asOfYear: 2023 }).status, 'on_track');
  });
  it('for lower-is-better indicators the weakest area is the highest', () => {
    const gaps = gapSeries(
      new Map([
        [
          2022,
          [
            { areaId: 'a', value: 3 },
            { areaId: 'b', value: 9 },
          ],
        ],
      ]),
      new Map([[2022, 5]]),
      'lower',
    );
    assert.deepEqual(
      gaps.map((g) => [g.value, g.weakestAreaId]),
      [[4, 'b']],
    );
  });
});

describe('everyAreaStatus', () => {
  const spec: LevelSpec = { form: 'level', comparator: 'at_least', targetValue: 2, deadline: 2026 };
  it('takes the worst area and lists areas furthest behind first', () => {
    const r = everyAreaStatus(
      [
        {
          areaId: 'x',
          name: 'Bromma',
          observations: obs([
            [2023, 2],
            [2024, 3],
          ]),
        },
        {
          areaId: 'y',
          name: 'Rinkeby-Kista',
          observations: obs([
            [2023, 0],
            [2024, 0],
          ]),
        },
        {
          areaId: 'z',
          name: 'Farsta',
          observations: obs([
            [2023, 0],
            [2024, 1],
          ]),
        },
      ],
      spec,
      { asOfYear: 2025 },
    );
    assert.equal(r.status, 'off_track');
    assert.deepEqual(
      r.areas.map((a) => a.areaId),
      ['y', 'z', 'x'],
    );
    assert.deepEqual(r.counts, { met: 1, on_track: 1, at_risk: 0, off_track: 1, not_measurable: 0 });
  });
  it('is not measurable while some area lacks data', () => {
    const r = everyAreaStatus(
      [
        { areaId: 'x', name: 'Bromma', observations: obs([[2023, 2]]) },
        { areaId: 'y', name: 'Farsta', observations: [] },
      ],
      spec,
      { asOfYear: 2025 },
    );
    assert.equal(r.status, 'not_measurable');
    assert.deepEqual(r.reason, { code: 'every_area_missing', params: { missing: 1, total: 2 } });
  });
  it('all areas met', () => {
    const r = everyAreaStatus([{ areaId: 'x', name: 'Bromma', observations: obs([[2024, 2]]) }], spec, {
      asOfYear: 2025,
    });
    assert.equal(r.status, 'met');
  });
});

describe('areasFurthestBehind', () => {
  it('ranks by shortfall and leaves out areas that meet the target', () => {
    const r = areasFurthestBehind(
      [
        { areaId: 'a', name: 'A', value: 70 },
        { areaId: 'b', name: 'B', value: 55 },
        { areaId: 'c', name: 'C', value: 90 },
      ],
      80,
      'at_least',
      5,
    );
    assert.deepEqual(
      r.map((x) => [x.areaId, x.shortfall]),
      [
        ['b', 25],
        ['a', 10],
      ],
    );
  });
});

describe('leastSquares', () => {
  it('needs two distinct years', () => {
    assert.throws(() => leastSquares([{ year: 2020, value: 1 }]), /at least two/);
  });
});
