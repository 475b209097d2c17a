import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  filterInterventions,
  needFromShare,
  spendingPerResident,
  totalsBy,
  totalsByYear,
  totalsOfList,
} from '../../../src/core/interventions/budget.ts';
import { ratio } from '../../../src/core/money.ts';
import type { BudgetLine, Intervention } from '../../../src/core/interventions/types.ts';

const M = 1_000_000n;

function line(
  year: number,
  decided: bigint | null,
  area: string | null = null,
  planned: bigint | null = null,
  spent: bigint | null = null,
): BudgetLine {
  return { year, area, planned, decided, spent };
}

function iv(id: string, over: Partial<Intervention>): Intervention {
  return {
    id,
    name: id,
    description: '',
    committee: 'Socialnämnden',
    fundingSource: 'Ordinarie budget',
    areas: [],
    goalAreas: [],
    strategies: [],
    targets: [],
    startDate: null,
    endDate: null,
    status: 'decided',
    budget: [],
    followUps: [],
    ...over,
  };
}

// Three districts A, B, C and six interventions, 2024 decided money:
//  i1 area A, whole-intervention line 8 mnkr                -> A
//  i2 areas A, B, per-area lines A 2 mnkr, B 4 mnkr          -> A, B
//  i3 city-wide 100 mnkr                                     -> city-wide (separate)
//  i4 areas A, C, one whole-intervention line 3 mnkr         -> unplaced (several areas, not split)
//  i5 area "rinkeby" (a stadsdel in A) 1 mnkr                -> A via districtOf
//  i6 area "gamla-stan" (not within one district) 0.5 mnkr   -> unplaced
//  plus 2025 lines that must not count for 2024.
const list: Intervention[] = [
  iv('i1', { areas: ['A'], goalAreas: ['trygghet'], budget: [line(2024, 8n * M, null, 9n * M), line(2025, 7n * M)] }),
  iv('i2', {
    areas: ['A', 'B'],
    goalAreas: ['trygghet', 'utbildning'],
    committee: 'Järva stadsdelsnämnd',
    budget: [line(2024, 2n * M, 'A'), line(2024, 4n * M, 'B', null, 1n * M)],
  }),
  iv('i3', { areas: ['city'], fundingSource: 'Trygghetsfonden', status: 'running', budget: [line(2024, 100n * M)] }),
  iv('i4', { areas: ['A', 'C'], goalAreas: ['utbildning'], budget: [line(2024, 3n * M)] }),
  iv('i5', { areas: ['rinkeby'], status: 'planned', budget: [line(2024, 1n * M)] }),
  iv('i6', { areas: ['gamla-stan'], budget: [line(2024, 500_000n)] }),
];

const districtOf = (code: string): string | null => (code === 'rinkeby' ? 'A' : null);

describe('budget totals', () => {
  it('totals by year', () => {
    const v = totalsByYear(list);
    assert.deepEqual(
      v.rows.map((r) => [r.key, r.totals.decided, r.interventions]),
      [
        ['2024', 118_500_000n, 6],
        ['2025', 7n * M, 1],
      ],
    );
    assert.equal(v.total.decided, 125_500_000n);
    assert.equal(v.total.planned, 9n * M);
    assert.equal(v.total.spent, 1n * M);
  });

  it('totals by area partition the money (several areas kept apart, never split)', () => {
    const v = totalsBy(list, 'area', 2024);
    const byKey = Object.fromEntries(v.rows.map((r) => [r.key, r.totals.decided]));
    assert.deepEqual(byKey, {
      A: 10n * M,
      B: 4n * M,
      city: 100n * M,
      'gamla-stan': 500_000n,
      rinkeby: 1n * M,
      several: 3n * M,
    });
    assert.equal(v.overlapping, false);
    const sum = v.rows.reduce((s, r) => s + r.totals.decided, 0n);
    assert.equal(sum, v.total.decided);
  });

  it('totals by goal area count multi-goal interventions under each and say so', () => {
    const v = totalsBy(list, 'goalArea', 2024);
    const byKey = Object.fromEntries(v.rows.map((r) => [r.key, r.totals.decided]));
    // trygghet: i1 8 + i2 6 = 14; utbildning: i2 6 + i4 3 = 9; none: i3 100 + i5 1 + i6 0.5
    assert.deepEqual(byKey, { none: 101_500_000n, trygghet: 14n * M, utbildning: 9n * M });
    assert.equal(v.overlapping, true);
  });

  it('totals by committee and funding source', () => {
    const c = Object.fromEntries(totalsBy(list, 'committee').rows.map((r) => [r.key, r.totals.decided]));
    assert.deepEqual(c, { 'Järva stadsdelsnämnd': 6n * M, Socialnämnden: 119_500_000n });
    const f = Object.fromEntries(totalsBy(list, 'fundingSource', 2024).rows.map((r) => [r.key, r.totals.decided]));
    assert.deepEqual(f, { 'Ordinarie budget': 18_500_000n, Trygghetsfonden: 100n * M });
  });

  it('filters and totals what is filtered', () => {
    assert.deepEqual(
      filterInterventions(list, { area: 'A' }).map((i) => i.id),
      ['i1', 'i2', 'i4'],
    );
    assert.deepEqual(
      filterInterventions(list, { goalArea: 'utbildning', committee: 'Socialnämnden' }).map((i) => i.id),
      ['i4'],
    );
    assert.deepEqual(
      filterInterventions(list, { status: 'planned' }).map((i) => i.id),
      ['i5'],
    );
    assert.deepEqual(
      filterInterventions(list, { year: 2025 }).map((i) => i.id),
      ['i1'],
    );
    assert.deepEqual(
      filterInterventions(list, { area: 'city' }).map((i) => i.id),
      ['i3'],
    );
    assert.equal(totalsOfList(filterInterventions(list, { area: 'A' }), 2024).decided, 17n * M); // whole interventions: 8 + 2 + 4 + 3
    assert.equal(totalsOfList(filterInterventions(list, { area: 'A' })).decided, 24n * M); // plus i1's 7 in 2025
  });
});

describe('spending per resident and the gap to need', () => {
  // Hand computation (2024, decided):
  //  residents: A 80 000, B 50 000, C 120 000 (city 250 000)
  //  low economic standard: A 20 %, B 10 %, C 3 % -> need A 16 000, B 5 000, C 3 600; sum 24 600
  //  placed money: A = 8 + 2 + 1 = 11 mnkr, B = 4 mnkr, C = 0; placed 15 mnkr
  //  per resident: A 11 000 000 / 80 000 = 137.5 = 275/2 kr; B 4 000 000 / 50 000 = 80 kr; C 0
  //  city-wide 100 mnkr / 250 000 = 400 kr per resident, shown separately
  //  unplaced: i4 3 mnkr + i6 0.5 mnkr = 3.5 mnkr
  //  money share: A 11/15, B 4/15, C 0
  //  need share: A 16 000/24 600 = 80/123, B 5 000/24 600 = 25/123, C 3 600/24 600 = 6/41
  //  gap: A 11/15 − 80/123 = 451/615 − 400/615 = 51/615 = 17/205 (≈ +8.3 pp)
  //       B 4/15 − 25/123 = 164/615 − 125/615 = 39/615 = 13/205 (≈ +6.3 pp)
  //       C 0 − 6/41 = −6/41 (≈ −14.6 pp); the gaps sum to 0
  const districts = [
    { code: 'A', residents: 80_000, need: needFromShare(80_000, ratio(20n, 100n)) },
    { code: 'B', residents: 50_000, need: needFromShare(50_000, ratio(10n, 100n)) },
    { code: 'C', residents: 120_000, need: needFromShare(120_000, ratio(3n, 100n)) },
  ];
  const v = spendingPerResident(list, { year: 2024, measure: 'decided', districts, districtOf });

  it('places money in districts and keeps city-wide and unplaced money apart', () => {
    assert.deepEqual(
      v.districts.map((d) => [d.code, d.amount]),
      [
        ['A', 11n * M],
        ['B', 4n * M],
        ['C', 0n],
      ],
    );
    assert.equal(v.placed, 15n * M);
    assert.equal(v.cityWide, 100n * M);
    assert.equal(v.unplaced, 3_500_000n);
    assert.deepEqual(v.unplacedInterventions, ['i4', 'i6']);
    assert.equal(v.total, v.placed + v.cityWide + v.unplaced);
  });

  it('gives per-resident figures equal to the hand computation', () => {
    assert.deepEqual(
      v.districts.map((d) => d.perResident),
      [ratio(275n, 2n), ratio(80n), ratio(0n)],
    );
    assert.deepEqual(v.cityWidePerResident, ratio(400n));
  });

  it('gives money share, need share and gap equal to the hand computation', () => {
    assert.deepEqual(
      v.districts.map((d) => d.moneyShare),
      [ratio(11n, 15n), ratio(4n, 15n), ratio(0n)],
    );
    assert.deepEqual(
      v.districts.map((d) => d.needShare),
      [ratio(80n, 123n), ratio(25n, 123n), ratio(6n, 41n)],
    );
    assert.deepEqual(
      v.districts.map((d) => d.gap),
      [ratio(17n, 205n), ratio(13n, 205n), ratio(-6n, 41n)],
    );
  });

  it('uses the measure asked for and leaves need unknown when any district lacks it', () => {
    const spent = spendingPerResident(list, {
      year: 2024,
      measure: 'spent',
      districts: districts.map((d) => (d.code === 'C' ? { ...d, need: null } : d)),
    });
    // only i2's B line has spent money (1 mnkr): 1 000 000 / 50 000 = 20 kr per resident
    assert.deepEqual(
      spent.districts.map((d) => d.amount),
      [0n, 1n * M, 0n],
    );
    assert.deepEqual(spent.districts[1]?.perResident, ratio(20n));
    assert.ok(spent.districts.every((d) => d.needShare === null && d.gap === null));
    // without districtOf, rinkeby is not placed
    assert.deepEqual(
      spendingPerResident(list, { year: 2024, measure: 'decided', districts }).districts[0]?.amount,
      10n * M,
    );
  });
});
