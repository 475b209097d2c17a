/**
 * Cumulative and ordinal ballots: the utilities and rules of src/core/pb/cardinal.ts on small cases computed
 * by hand (the working is in the comments). pabutools (PyPI) cannot be reached from this machine, so these
 * answers were not cross-checked with it.
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

// Budget 60, three voters with 20 each. Borda: v1 x>y>z gives x 3, y 2, z 1; v2 y>x gives y 2, x 1; v3 z gives z 1.
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
  it('takes points from cumulative ballots and Borda-style scores from ordinal ones', () => {
    const c = toCardinalElection(parsePabulib(CUMULATIVE));
    assert.deepEqual(
      [...c.ballots[0]!],
      [
        ['a', 3n],
        ['c', 1n],
      ],
    );
    const o = toCardinalElection(parsePabulib(ORDINAL));
    assert.deepEqual(
      [...o.ballots[0]!],
      [
        ['x', 3n],
        ['y', 2n],
        ['z', 1n],
      ],
    );
    assert.deepEqual(
      [...o.ballots[1]!],
      [
        ['y', 2n],
        ['x', 1n],
      ],
    );
    assert.deepEqual([...o.ballots[2]!], [['z', 1n]]);
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

describe('ordinal ballots (Borda-style utilities)', () => {
  const e = toCardinalElection(parsePabulib(ORDINAL));
  it('greedy: x 4, y 4 (x first by id), z 2; the budget takes two', () => {
    assert.deepEqual(greedyCardinal(e), { order: ['x', 'y'], winners: ['x', 'y'], totalCost: 60n });
  });
  it('MES: y at ρ = 7.5 (x costs ρ = 10: v1 is capped at 20), then nothing is affordable', () => {
    // After y: v1 and v2 hold 5 each; x needs 30 from 10, z needs 30 from v1's 5 and v3's 20.
    assert.deepEqual(mesCardinal(e), { order: ['y'], winners: ['y'], totalCost: 30n });
  });
  it('MES with Add1: at 27 each, x (tie with y at 7.5, x by id) then z at ρ = 25.5', () => {
    // From 23 on x ties y at ρ = 7.5 and wins by id; z becomes affordable when v1 + v3 = 2m − 22.5 ≥ 30.
    assert.deepEqual(mesCompleteCardinal(e), { order: ['x', 'z'], winners: ['x', 'z'], totalCost: 60n });
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
