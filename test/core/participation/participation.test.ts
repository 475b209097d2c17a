import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mostSimilar, similarity, tokens } from '../../../src/core/participation/similarity.ts';
import {
  CODE_ALPHABET,
  ballotProblems,
  makeCode,
  normaliseCode,
  processResult,
} from '../../../src/core/participation/budgeting.ts';
import { seededBytes } from '../../helpers/app.ts';

describe('similar proposals', () => {
  it('tokenises: lower case, no short or filler words, simple endings removed', () => {
    assert.deepEqual([...tokens('Lekplatsen i parken och en ny lekplats!')].sort(), ['lekplat', 'park']);
    assert.deepEqual([...tokens('lampan, lampor, lampa')], ['lamp']);
    assert.deepEqual([...tokens('')], []);
  });

  it('scores the overlap of token sets', () => {
    assert.equal(similarity(tokens('belysning gångtunnel'), tokens('Bättre belysning i gångtunneln vid centrum')), 1);
    assert.equal(similarity(tokens('konstgräs fotboll'), tokens('belysning gångtunnel')), 0);
    assert.equal(similarity(new Set(), tokens('något')), 0);
  });

  it('ranks candidates best first, drops weak matches, breaks ties by id', () => {
    const c = [
      { id: '3', text: 'Belysning i parken' },
      { id: '1', text: 'Mer belysning i Husby gångtunnel' },
      { id: '2', text: 'Fotbollsplan med konstgräs' },
      { id: '0', text: 'Belysning i parken' },
    ];
    const r = mostSimilar('Husby gångtunnel behöver belysning', c);
    assert.deepEqual(
      r.map((x) => x.item.id),
      ['1', '0', '3'],
    );
    assert.equal(r[0]?.score, 1);
    assert.deepEqual(mostSimilar('och i på', c), []);
  });
});

describe('voting codes', () => {
  it('makes uniform codes from the given randomness, in groups of four', () => {
    const rnd = seededBytes('codes');
    const seen = new Set<string>();
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const c = makeCode(rnd);
      assert.match(c, /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      seen.add(c);
      for (const ch of c.replace(/-/g, '')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    assert.equal(seen.size, 2000);
    // every character of the alphabet occurs, none outside it, roughly evenly (24 000 draws / 31)
    assert.deepEqual([...counts.keys()].sort().join(''), [...CODE_ALPHABET].sort().join(''));
    for (const n of counts.values()) assert.ok(n > 600 && n < 950, `count ${n}`);
    // the same seed gives the same codes (deterministic in tests)
    assert.equal(makeCode(seededBytes('x')), makeCode(seededBytes('x')));
  });

  it('normalises what people type and refuses what cannot be a code', () => {
    assert.equal(normaliseCode(' abcd-efgh-jkmn '), 'ABCDEFGHJKMN');
    assert.equal(normaliseCode('ABCD EFGH JKMN'), 'ABCDEFGHJKMN');
    assert.equal(normaliseCode('ABCD-EFGH-JKM'), null);
    assert.equal(normaliseCode('ABCD-EFGH-JKM0'), null); // 0 is not in the alphabet
  });
});

describe('ballots and results', () => {
  const projects = [
    { id: 'a', cost: 60n },
    { id: 'b', cost: 50n },
    { id: 'c', cost: 30n },
  ];
  it('checks known projects, duplicates, the number of choices and the budget', () => {
    assert.deepEqual(ballotProblems(['a', 'c'], projects, { budget: 100n, knapsack: true, maxChoices: null }), []);
    assert.deepEqual(ballotProblems([], projects, { budget: 100n, knapsack: true, maxChoices: 1 }), []);
    assert.deepEqual(ballotProblems(['a', 'b'], projects, { budget: 100n, knapsack: true, maxChoices: null }), [
      'the chosen projects cost 110 kr together, more than the budget of 100 kr',
    ]);
    assert.deepEqual(ballotProblems(['a', 'b'], projects, { budget: 100n, knapsack: false, maxChoices: null }), []);
    assert.deepEqual(ballotProblems(['a', 'a', 'x'], projects, { budget: 100n, knapsack: false, maxChoices: 1 }), [
      '"a" is chosen twice',
      '"x" is not a project you can vote for in this process',
      'at most 1 projects may be chosen (2 were)',
    ]);
  });

  it('counts a process with its rule and lists votes per project', () => {
    const e = { budget: 100n, projects, ballots: [['a', 'b'], ['a'], ['b', 'c'], ['c'], []] };
    const r = processResult('greedy', e);
    assert.deepEqual(r.outcome.order, ['a', 'c']); // a 2, b 2 (tie: "a" first), then b does not fit, c fits
    assert.equal(r.left, 10n);
    assert.equal(r.ballots, 5);
    assert.deepEqual(
      r.projects.map((p) => [p.id, p.votes, p.selected, p.rank]),
      [
        ['a', 2, true, 1],
        ['b', 2, false, null],
        ['c', 2, true, 2],
      ],
    );
    assert.deepEqual(processResult('mes', e).outcome.order.length > 0, true);
  });
});
