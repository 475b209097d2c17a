/**
 * Independent answers for src/core/pb/cardinal.ts: instances and expected answers transcribed from
 * pabutools' own test-suite (github.com/COMSOC-Community/pabutools). Only the data and the answers written
 * in those tests are copied; pabutools itself was not run (PyPI cannot be reached from this machine).
 *
 * Sources (each case names its test function):
 * - tests/test_rule.py, COMSOC-Community/pabutools at b9cfb3422979b7205e1ed1ea2002507a0a0a2629: the
 *   instances of dummy_elections() checked by TestRule.test_greedy_welfare and TestRule.test_mes_approval,
 *   and the MES answers asserted in TestRule.test_iterated_exhaustion, test_completion and
 *   test_mes_analytics.
 * - tests/test_satisfaction.py, TestSatisfaction.test_borda_sat and test_cardinal_sat. The search index
 *   holds no copy of this file from COMSOC-Community/pabutools itself; it was read in the fork
 *   drknzz/pabutools at 3e26bcae5b81ec67d1668605d5ff14611acf55d7 (an older copy in smart94423/pabutools,
 *   0236eaac80bfe57ebabb6b7e83ad776206d614ee, has the same Borda answers without the empty fourth ballot).
 *
 * pabutools' rule tests use approval ballots. Two of its satisfactions are additive cardinal utilities,
 * so those instances are exactly cumulative ballots here:
 * - Cardinality_Sat (1 for each approved project) = 1 point for each approved project;
 * - Cost_Sat (cost(p) for each approved p) = cost(p) points for each approved p (a project costing 0 gives 0,
 *   which is no support). MES only ever uses these per-project values, so it gives the same outcome.
 * pabutools' mes_iterated in test_rule.py raises every voter's money by 1/10 per step
 * (voter_budget_increment = frac(1, 10)); our Add1 step is one currency unit, `unit` money units. Those
 * cases hold amounts in hundredths with unit = 10, so one step is 10 hundredths = 1/10.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePabulib } from '../../../src/core/pb/pabulib.ts';
import type { CardinalElection } from '../../../src/core/pb/cardinal.ts';
import { greedyCardinal, mesCardinal, mesCompleteCardinal, toCardinalElection } from '../../../src/core/pb/cardinal.ts';

type Costs = Readonly<Record<string, bigint>>;

function election(budget: bigint, costs: Costs, ballots: ReadonlyMap<string, bigint>[], unit = 1n): CardinalElection {
  return { budget, unit, projects: Object.entries(costs).map(([id, cost]) => ({ id, cost })), ballots };
}

/** Approval ballots under Cardinality_Sat: 1 point for each approved project. */
function onePoint(approvals: string[][]): Map<string, bigint>[] {
  return approvals.map((a) => new Map(a.map((id) => [id, 1n])));
}

/** Approval ballots under Cost_Sat: cost(p) points for each approved p; a free project gives nothing. */
function costPoints(costs: Costs, approvals: string[][]): Map<string, bigint>[] {
  return approvals.map((a) => new Map(a.filter((id) => (costs[id] ?? 0n) > 0n).map((id) => [id, costs[id] ?? 0n])));
}

/** `times` copies of one approval ballot. */
const copies = (times: number, ballot: string[]): string[][] => Array.from({ length: times }, () => ballot);

/** Asserts that the winners are one of the budget allocations pabutools' test accepts (sorted ids). */
function assertOneOf(winners: string[], accepted: string[][], label: string): void {
  assert.ok(
    accepted.some((a) => a.length === winners.length && a.every((id, i) => id === winners[i])),
    `${label}: got [${winners.join(', ')}], pabutools accepts ${accepted.map((a) => `[${a.join(', ')}]`).join(' or ')}`,
  );
}

describe('pabutools tests/test_satisfaction.py: utilities', () => {
  const sat = (ballot: ReadonlyMap<string, bigint> | undefined, ids: readonly string[]): bigint =>
    ids.reduce((s, id) => s + (ballot?.get(id) ?? 0n), 0n);

  it('TestSatisfaction.test_borda_sat: Additive_Borda_Sat gives the first of k ranked projects k − 1', () => {
    // Projects p1 … p8 costing 8, 4, 5, 16, 16, 16, 1, 5 (the test gives no budget; 100 is only there to make
    // the file valid). Ballots: p1 > p2 > p3; p5 > p6 > p4; p3 > p4 > p8; an empty ballot.
    const f = parsePabulib(
      [
        'META',
        'key;value',
        'budget;100',
        'vote_type;ordinal',
        'PROJECTS',
        'project_id;cost',
        'p1;8',
        'p2;4',
        'p3;5',
        'p4;16',
        'p5;16',
        'p6;16',
        'p7;1',
        'p8;5',
        'VOTES',
        'voter_id;vote',
        '1;p1,p2,p3',
        '2;p5,p6,p4',
        '3;p3,p4,p8',
        '4;',
        '',
      ].join('\n'),
    );
    const b = toCardinalElection(f).ballots;
    const p = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'];
    assert.equal(sat(b[0], ['p1']), 2n);
    assert.equal(sat(b[0], p.slice(0, 4)), 2n + 1n);
    assert.equal(sat(b[0], p), 2n + 1n);
    assert.equal(sat(b[1], p.slice(2)), 2n + 1n);
    assert.equal(sat(b[2], p.slice(0, 2)), 0n);
    assert.equal(sat(b[3], p), 0n);
  });

  it('TestSatisfaction.test_cardinal_sat: Additive_Cardinal_Sat is the points given', () => {
    // Projects p1 … p6 costing 8, 4, 5, 16, 16, 16, budget 30. Ballot 1: p2 4, p3 74, p4 12, p5 7 (the test also
    // gives p6 −41, which a cumulative ballot cannot hold, so it and the one answer using it are left out);
    // ballot 2: p2 41, p3 4, p4 68, p5 7, p6 0.
    const f = parsePabulib(
      [
        'META',
        'key;value',
        'budget;30',
        'vote_type;cumulative',
        'PROJECTS',
        'project_id;cost',
        'p1;8',
        'p2;4',
        'p3;5',
        'p4;16',
        'p5;16',
        'p6;16',
        'VOTES',
        'voter_id;vote;points',
        '1;p2,p3,p4,p5;4,74,12,7',
        '2;p2,p3,p4,p5,p6;41,4,68,7,0',
        '',
      ].join('\n'),
    );
    const b = toCardinalElection(f).ballots;
    const p = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
    assert.equal(sat(b[0], ['p1']), 0n);
    assert.equal(sat(b[0], p.slice(0, 4)), 4n + 74n + 12n);
    assert.equal(sat(b[1], p.slice(2)), 4n + 68n + 7n);
  });
});

describe('pabutools tests/test_rule.py: dummy_elections() with method_of_equal_shares and mes_iterated', () => {
  // AppEx_2: costs 1, 0.9, 2, 1.09 (in hundredths), budget 4; ballots {p0}, {p1, p2, p3} twice, {p2}.
  const appEx2Costs = { p0: 100n, p1: 90n, p2: 200n, p3: 109n };
  const appEx2 = [['p0'], ['p1', 'p2', 'p3'], ['p1', 'p2', 'p3'], ['p2']];
  it('AppEx_2, Cardinality_Sat: MES and mes_iterated both {p0, p1, p3}', () => {
    const e = election(400n, appEx2Costs, onePoint(appEx2), 10n);
    assertOneOf(mesCardinal(e).winners, [['p0', 'p1', 'p3']], 'MES');
    assertOneOf(mesCompleteCardinal(e).winners, [['p0', 'p1', 'p3']], 'mes_iterated');
  });
  it('AppEx_2, Cost_Sat: MES {p0, p2}, mes_iterated {p0, p1, p2}', () => {
    const e = election(400n, appEx2Costs, costPoints(appEx2Costs, appEx2), 10n);
    assertOneOf(mesCardinal(e).winners, [['p0', 'p2']], 'MES');
    assertOneOf(mesCompleteCardinal(e).winners, [['p0', 'p1', 'p2']], 'mes_iterated');
  });

  // AppEx_3 ("With app score 0"): AppEx_2 plus p4 and p5 costing 1.09 that nobody approves.
  const appEx3Costs = { ...appEx2Costs, p4: 109n, p5: 109n };
  it('AppEx_3, Cardinality_Sat: MES {p0, p1, p3}', () => {
    const e = election(400n, appEx3Costs, onePoint(appEx2), 10n);
    assertOneOf(mesCardinal(e).winners, [['p0', 'p1', 'p3']], 'MES');
  });
  it('AppEx_3, Cost_Sat: MES {p0, p2}, mes_iterated {p0, p1, p2}', () => {
    const e = election(400n, appEx3Costs, costPoints(appEx3Costs, appEx2), 10n);
    assertOneOf(mesCardinal(e).winners, [['p0', 'p2']], 'MES');
    assertOneOf(mesCompleteCardinal(e).winners, [['p0', 'p1', 'p2']], 'mes_iterated');
  });

  // AppEx_4 ("With project with cost 0"): costs 0, 1, 2 (in hundredths), budget 2; ballots {p0}, {p0, p1, p2}, {p2}.
  const appEx4Costs = { p0: 0n, p1: 100n, p2: 200n };
  const appEx4 = [['p0'], ['p0', 'p1', 'p2'], ['p2']];
  it('AppEx_4, Cost_Sat: MES selects nothing, mes_iterated {p2}', () => {
    const e = election(200n, appEx4Costs, costPoints(appEx4Costs, appEx4), 10n);
    assertOneOf(mesCardinal(e).winners, [[]], 'MES');
    assertOneOf(mesCompleteCardinal(e).winners, [['p2']], 'mes_iterated');
  });
  it('AppEx_4, Cardinality_Sat: MES {p0} (the free project), mes_iterated {p0, p1} or {p0, p2}', () => {
    const e = election(200n, appEx4Costs, onePoint(appEx4), 10n);
    assertOneOf(mesCardinal(e).winners, [['p0']], 'MES');
    assertOneOf(
      mesCompleteCardinal(e).winners,
      [
        ['p0', 'p1'],
        ['p0', 'p2'],
      ],
      'mes_iterated',
    );
  });

  // EmptyProfile: costs 1, 3, 2, 1, budget 3, one empty ballot.
  it('EmptyProfile: MES and mes_iterated select nothing (both satisfactions)', () => {
    const costs = { p0: 100n, p1: 300n, p2: 200n, p3: 100n };
    const e = election(300n, costs, onePoint([[]]), 10n);
    assertOneOf(mesCardinal(e).winners, [[]], 'MES');
    assertOneOf(mesCompleteCardinal(e).winners, [[]], 'mes_iterated');
  });

  // AllAfford: costs 1, 3, 2, 1, budget 7, one ballot approving everything.
  it('AllAfford: MES and mes_iterated select every project (both satisfactions)', () => {
    const costs = { p0: 100n, p1: 300n, p2: 200n, p3: 100n };
    const all = [['p0', 'p1', 'p2', 'p3']];
    for (const ballots of [onePoint(all), costPoints(costs, all)]) {
      const e = election(700n, costs, ballots, 10n);
      assertOneOf(mesCardinal(e).winners, all, 'MES');
      assertOneOf(mesCompleteCardinal(e).winners, all, 'mes_iterated');
    }
  });

  // "Running example from Lackner & Skowron 2023": a … g costing 1, budget 4; 12 ballots. Every cost is 1, so
  // Cost_Sat and Cardinality_Sat are the same points. Also asserted in TestRule.test_iterated_exhaustion.
  it('RunningEx LackSkow23, Cost_Sat and Cardinality_Sat: MES {a}', () => {
    const costs = { a: 1n, b: 1n, c: 1n, d: 1n, e: 1n, f: 1n, g: 1n };
    const ballots = [
      ...copies(3, ['a', 'b']),
      ...copies(3, ['a', 'c']),
      ...copies(2, ['a', 'd']),
      ['b', 'c', 'f'],
      ['e'],
      ['f'],
      ['g'],
    ];
    assertOneOf(mesCardinal(election(4n, costs, onePoint(ballots))).winners, [['a']], 'MES');
  });
});

describe('pabutools tests/test_rule.py: other MES answers with Cost_Sat', () => {
  it('TestRule.test_completion, first instance: MES {a}', () => {
    // a 1, b 2, c 2, d 1, e 1, f 1, budget 5; ballots {a, b} twice, {a}, {a, c} three times, {a, d} twice, {f}, {e}.
    const costs = { a: 1n, b: 2n, c: 2n, d: 1n, e: 1n, f: 1n };
    const ballots = [...copies(2, ['a', 'b']), ['a'], ...copies(3, ['a', 'c']), ...copies(2, ['a', 'd']), ['f'], ['e']];
    assertOneOf(mesCardinal(election(5n, costs, costPoints(costs, ballots))).winners, [['a']], 'MES');
  });

  it('TestRule.test_completion, second instance: MES {p1}', () => {
    // p1 2, p2 2, p3 3, budget 4; ballots {p1} five times, {p2}, {p3} twice.
    const costs = { p1: 2n, p2: 2n, p3: 3n };
    const ballots = [...copies(5, ['p1']), ['p2'], ...copies(2, ['p3'])];
    assertOneOf(mesCardinal(election(4n, costs, costPoints(costs, ballots))).winners, [['p1']], 'MES');
  });

  // TestRule.test_mes_analytics: projects a … e, budget 5; ballots {a, b} twice, {a}, the third and fourth
  // ballots varied, {a, c}, {a, d} twice, {e} twice. Rows: costs of a … e, the two varied ballots, the
  // projects MES picks (the voter budgets the test also checks are not exposed here).
  const rows: [bigint[], string[], string[], string[]][] = [
    [[1n, 1n, 2n, 1n, 2n], ['a', 'c'], ['a', 'c'], ['a']],
    [[1n, 1n, 2n, 1n, 2n], ['a', 'b', 'c'], ['a'], ['a', 'b']],
    [
      [1n, 1n, 2n, 1n, 2n],
      ['a', 'b', 'c'],
      ['a', 'b', 'c'],
      ['a', 'b'],
    ],
    [
      [5n, 1n, 2n, 1n, 2n],
      ['a', 'b', 'c'],
      ['a', 'b', 'c'],
      ['b', 'd'],
    ],
    [[5n, 5n, 5n, 5n, 5n], ['a', 'b', 'c'], ['a', 'b', 'c'], []],
  ];
  rows.forEach(([c, third, fourth, picked], i) => {
    it(`TestRule.test_mes_analytics, case ${i + 1}: MES {${picked.join(', ')}}`, () => {
      const costs = { a: c[0]!, b: c[1]!, c: c[2]!, d: c[3]!, e: c[4]! };
      const ballots = [
        ...copies(2, ['a', 'b']),
        ['a'],
        third,
        fourth,
        ['a', 'c'],
        ...copies(2, ['a', 'd']),
        ...copies(2, ['e']),
      ];
      assertOneOf(mesCardinal(election(5n, costs, costPoints(costs, ballots))).winners, [picked], 'MES');
    });
  });
});

describe('pabutools tests/test_rule.py: greedy_utilitarian_welfare with Cost_Sat', () => {
  // pabutools' greedy ranks by total satisfaction per cost; under Cost_Sat that is the number of approvals,
  // which is what our greedy ranks by on 1-point ballots (for a project costing 0 pabutools' score is 0,
  // ours is its approvals, but it is funded either way: it always fits).
  it('AppEx_1: one of {p0, p2}, {p0, p3}, {p1}, {p2, p3} (all tie; by id it is {p0, p2})', () => {
    // Costs 1, 3, 2, 1, budget 3; two ballots approving everything.
    const costs = { p0: 1n, p1: 3n, p2: 2n, p3: 1n };
    const e = election(3n, costs, onePoint(copies(2, ['p0', 'p1', 'p2', 'p3'])));
    assertOneOf(greedyCardinal(e).winners, [['p0', 'p2'], ['p0', 'p3'], ['p1'], ['p2', 'p3']], 'greedy');
  });
  it('AppEx_4: {p0, p2}', () => {
    const costs = { p0: 0n, p1: 1n, p2: 2n };
    const e = election(2n, costs, onePoint([['p0'], ['p0', 'p1', 'p2'], ['p2']]));
    assertOneOf(greedyCardinal(e).winners, [['p0', 'p2']], 'greedy');
  });
});
