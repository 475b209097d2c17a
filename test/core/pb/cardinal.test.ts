/**
 * Cumulative and ordinal ballots: the utilities and rules of src/core/pb/cardinal.ts on small cases computed
 * by hand (the working is in the comments). Cases transcribed from pabutools' own test-suite, with the
 * answers written there, are in pabutools-cases.test.ts.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePabulib } from '../../../src/core/pb/pabulib.ts';
import { greedyCardinal, mesCardinal, mesCompleteCardinal, toCardinalElection } from '../../../src/core/pb/cardinal.ts';
import { countFile } from '../../../src/cli/commands/pb.ts';

const pb = (lines: string[]): string => lines.join('\n') + '\n';

// Budget 100, two voters with 50 each. v1: a 3 points, c 1; v2: b 2, c 2.
const CUMULATIVE = pb([
  'META',
  'key;value',
  'budget;100',
  'vote_type;cumulative',
  'PROJECTS',
  'project_id;cost',
  'a;60',
  'b;40',
  'c;50',
  'VOTES',
  'voter_id;vote;points',
  '1;a,c;3,1',
  '2;b,c;2,2',
]);

// Budget 60, three voters with 20 each. Borda as pabutools counts it (first of k ranked gets k − 1, the last 0):
// v1 x>y>z gives x 2, y 1, z 0; v2 y>x gives y 1, x 0; v3 z gives z 0. So z has no supporter at all.
const ORDINAL = pb([
  'META',
  'key;value',
  'budget;60',
  'vote_type;ordinal',
  'PROJECTS',
  'project_id;cost',
  'x;30',
  'y;30',
  'z;30',
  'VOTES',
  'voter_id;vote',
  '1;x,y,z',
  '2;y,x',
  '3;z',
]);

describe('cardinal utilities', () => {
  it('takes points from cumulative ballots and Borda scores (k − 1 for the first of k) from ordinal ones', () => {
    const c = toCardinalElection(parsePabulib(CUMULATIVE));
    assert.deepEqual(
      [...c.ballots[0]!],
      [
        ['a', 3n],
        ['c', 1n],
      ],
    );
    const o = toCardinalElection(parsePabulib(ORDINAL));
    // The last ranked project scores 0 and is not kept: it is not supported.
    assert.deepEqual(
      [...o.ballots[0]!],
      [
        ['x', 2n],
        ['y', 1n],
      ],
    );
    assert.deepEqual([...o.ballots[1]!], [['y', 1n]]);
    assert.deepEqual([...o.ballots[2]!], []);
  });
});

describe('cumulative ballots', () => {
  const e = toCardinalElection(parsePabulib(CUMULATIVE));
  it('greedy ranks by total points: a 3, c 3 (a first by id), b 2; c no longer fits', () => {
    assert.deepEqual(greedyCardinal(e), { order: ['a', 'b'], winners: ['a', 'b'], totalCost: 100n });
  });
  it('MES: c at ρ = 50/3 beats b at 20 (a is unaffordable: v1 holds 50 < 60); then nothing is affordable', () => {
    // After c: v1 holds 50 − 50/3 = 33⅓ (< 60 for a), v2 holds 50 − 100/3 = 16⅔ (< 40 for b).
    assert.deepEqual(mesCardinal(e), { order: ['c'], winners: ['c'], totalCost: 50n });
  });
  it('MES with Add1 then greedy: at 74 each, c then b (v2 keeps 74 − 33⅓ ≥ 40); a no longer fits', () => {
    // At 73 v2 keeps 39⅔ < 40 (only c); at 74 the outcome {c, b} costs 90 and is exhaustive.
    assert.deepEqual(mesCompleteCardinal(e), { order: ['c', 'b'], winners: ['b', 'c'], totalCost: 90n });
  });
});

describe('ordinal ballots (Borda utilities)', () => {
  const e = toCardinalElection(parsePabulib(ORDINAL));
  it('greedy: x 2, y 2 (x first by id), z 0 (never funded); the budget takes two', () => {
    assert.deepEqual(greedyCardinal(e), { order: ['x', 'y'], winners: ['x', 'y'], totalCost: 60n });
  });
  it('MES: y at ρ = 15 (x is unaffordable: only v1 supports it and holds 20 < 30), then nothing is affordable', () => {
    // y: v1 and v2 (1 each) pay 15 each. After y: v1 holds 5 < 30 for x; z has no supporter.
    assert.deepEqual(mesCardinal(e), { order: ['y'], winners: ['y'], totalCost: 30n });
  });
  it('MES with Add1: at 30 each, x (tie with y at ρ = 15, x by id) then y at ρ = 30', () => {
    // With m = 20 … 29 each only y is selected (30 of 60: not exhaustive, x still fits). At m = 30 v1 can pay
    // x alone (ρ·2 = 30, ρ = 15), tying y (ρ·1 = 15); x wins by id and takes all v1's money; y then costs
    // v2 alone ρ = 30 ≤ 30. {x, y} costs 60 and is exhaustive (z has no utility), so greedy adds nothing.
    assert.deepEqual(mesCompleteCardinal(e), { order: ['x', 'y'], winners: ['x', 'y'], totalCost: 60n });
  });
});

describe('countFile', () => {
  it('counts choose-1 ballots with the approval rules and prints decimals exactly', () => {
    const f = parsePabulib(
      pb([
        'META',
        'key;value',
        'budget;100.5',
        'vote_type;choose-1',
        'PROJECTS',
        'project_id;cost',
        'a;60.25',
        'b;40.25',
        'c;1',
        'VOTES',
        'voter_id;vote',
        '1;a',
        '2;b',
        '3;a',
        '4;',
      ]),
    );
    const out = countFile('greedy', f);
    assert.deepEqual(out.order, ['a', 'b']);
    assert.equal(out.totalCost, 10050n);
    assert.equal(f.decimals, 2);
  });
});
