import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  changeSinceFirst,
  compareWithCity,
  normalisePolarity,
  rankAreas,
  rankFromCounts,
} from '../../../src/core/stats/compare.ts';

describe('compareWithCity', () => {
  it('higher is better: above the city is better, below is worse', () => {
    const up = compareWithCity(80, 70, 'higher_better');
    assert.equal(up.assessment, 'better');
    assert.equal(up.direction, 'above');
    assert.equal(up.difference, 10);
    assert.ok(Math.abs(up.relativeDifference! - 10 / 70) < 1e-12);
    assert.equal(compareWithCity(60, 70, 'higher_better').assessment, 'worse');
  });

  it('lower is better: above the city is worse', () => {
    assert.equal(compareWithCity(12, 6, 'lower_better').assessment, 'worse');
    assert.equal(compareWithCity(3, 6, 'lower_better').assessment, 'better');
  });

  it('within the tolerance is about the same (inclusive), both relative and absolute', () => {
    assert.equal(compareWithCity(105, 100, 'higher_better').assessment, 'same');
    assert.equal(compareWithCity(94.9, 100, 'higher_better').assessment, 'worse');
    assert.equal(compareWithCity(95, 100, 'lower_better').assessment, 'same');
    const abs = { kind: 'absolute', value: 1 } as const;
    assert.equal(compareWithCity(10.9, 10, 'lower_better', abs).assessment, 'same');
    assert.equal(compareWithCity(11.2, 10, 'lower_better', abs).assessment, 'worse');
  });

  it('neutral indicators get a direction but no judgement', () => {
    const c = compareWithCity(200, 100, 'neutral');
    assert.equal(c.assessment, 'neutral');
    assert.equal(c.direction, 'above');
  });

  it('missing values are unknown; a zero city value has no relative difference', () => {
    assert.equal(compareWithCity(null, 3, 'higher_better').assessment, 'unknown');
    assert.equal(compareWithCity(3, undefined, 'higher_better').difference, null);
    const z = compareWithCity(2, 0, 'higher_better', { kind: 'absolute', value: 1 });
    assert.equal(z.relativeDifference, null);
    assert.equal(z.assessment, 'better');
  });

  it('normalises polarity spellings', () => {
    assert.equal(normalisePolarity('higher-is-better'), 'higher_better');
    assert.equal(normalisePolarity('lower'), 'lower_better');
    assert.equal(normalisePolarity(null), 'neutral');
  });
});

describe('rankAreas', () => {
  const items = [
    { code: 'a', value: 10 },
    { code: 'b', value: 30 },
    { code: 'c', value: 20 },
    { code: 'd', value: 30 },
    { code: 'e', value: null },
  ];

  it('higher is better: highest first, ties share the rank and skip the next', () => {
    const r = rankAreas(items, 'higher_better');
    assert.deepEqual(r.get('b'), { rank: 1, of: 4, tied: true });
    assert.deepEqual(r.get('d'), { rank: 1, of: 4, tied: true });
    assert.deepEqual(r.get('c'), { rank: 3, of: 4, tied: false });
    assert.deepEqual(r.get('a'), { rank: 4, of: 4, tied: false });
    assert.equal(r.has('e'), false);
  });

  it('lower is better: lowest first', () => {
    const r = rankAreas(items, 'lower_better');
    assert.equal(r.get('a')!.rank, 1);
    assert.equal(r.get('c')!.rank, 2);
    assert.equal(r.get('b')!.rank, 3);
    assert.equal(r.get('d')!.rank, 3);
  });

  it('neutral ranks the highest value first', () => {
    assert.equal(rankAreas(items, 'neutral').get('a')!.rank, 4);
  });
});

describe('rankFromCounts', () => {
  it('gives the same ranks as rankAreas for every polarity (random data with ties)', () => {
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let trial = 0; trial < 20; trial++) {
      const items = Array.from({ length: 15 }, (_, i) => ({
        code: `a${i}`,
        value: rnd() < 0.15 ? null : Math.floor(rnd() * 6),
      }));
      for (const pol of ['higher_better', 'lower_better', 'neutral'] as const) {
        const ranks = rankAreas(items, pol);
        for (const it of items) {
          const vals = items.map((x) => x.value).filter((v): v is number => v !== null);
          const got =
            it.value === null
              ? null
              : rankFromCounts(
                  {
                    ranked: vals.length,
                    above: vals.filter((v) => v > it.value!).length,
                    below: vals.filter((v) => v < it.value!).length,
                    equal: vals.filter((v) => v === it.value).length,
                  },
                  pol,
                );
          assert.deepEqual(got, ranks.get(it.code) ?? null, `${pol} ${it.code}`);
        }
      }
    }
  });
});

describe('changeSinceFirst', () => {
  it('uses the first and latest periods with values, in period order', () => {
    const c = changeSinceFirst(
      [
        { period: '2023', value: 12 },
        { period: '2020', value: null },
        { period: '2021', value: 10 },
        { period: '2022', value: 11 },
      ],
      'lower_better',
    );
    assert.ok(c);
    assert.equal(c.firstPeriod, '2021');
    assert.equal(c.latestPeriod, '2023');
    assert.equal(c.absolute, 2);
    assert.equal(c.relative, 0.2);
    assert.equal(c.assessment, 'worse');
  });

  it('is null with fewer than two periods', () => {
    assert.equal(changeSinceFirst([{ period: '2022', value: 5 }]), null);
    assert.equal(changeSinceFirst([]), null);
  });

  it('an increase is better when higher is better; no change is the same', () => {
    assert.equal(
      changeSinceFirst(
        [
          { period: '2020', value: 1 },
          { period: '2021', value: 2 },
        ],
        'higher_better',
      )!.assessment,
      'better',
    );
    assert.equal(
      changeSinceFirst(
        [
          { period: '2020', value: 2 },
          { period: '2021', value: 2 },
        ],
        'higher_better',
      )!.assessment,
      'same',
    );
  });
});
