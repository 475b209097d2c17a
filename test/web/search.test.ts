// Typed search params: a page reads its URL through a zod schema, and a value that does not fit is read as
// absent (the page's default), never an error.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { lenientSearch, queryOf, searchDate, searchList, searchText } from '../../src/web/search.ts';
import { budgetQuery, listQuery } from '../../src/core/contracts/interventions.ts';
import { goalsQuery } from '../../src/core/contracts/goals.ts';

describe('typed search params', () => {
  it('reads an API query contract leniently: good values typed, bad ones absent', () => {
    const s = lenientSearch(budgetQuery);
    assert.deepEqual(s.parse({ year: '2025', measure: 'spent' }), { year: 2025, measure: 'spent' });
    assert.deepEqual(s.parse({ year: '1066', measure: 'stolen' }), { year: undefined, measure: undefined });
    assert.deepEqual(s.parse({}), {});
    const list = lenientSearch(listQuery.pick({ status: true, area: true }));
    assert.deepEqual(list.parse({ status: 'running', area: 'stadsdel:husby', lang: 'en' }), {
      status: 'running',
      area: 'stadsdel:husby',
    });
    assert.equal(list.parse({ status: 'asleep' }).status, undefined);
    const goals = lenientSearch(goalsQuery);
    assert.equal(goals.parse({ asOf: '2025-06-30' }).asOf, '2025-06-30');
    assert.equal(goals.parse({ asOf: 'yesterday' }).asOf, undefined);
  });

  it('tells a list that is absent from one that is empty', () => {
    const s = z.object({ areas: searchList(2) });
    assert.equal(s.parse({}).areas, undefined);
    assert.deepEqual(s.parse({ areas: '' }).areas, []);
    assert.deepEqual(s.parse({ areas: 'a,,b,c' }).areas, ['a', 'b']);
  });

  it('reads texts and dates within their bounds', () => {
    const s = z.object({ q: searchText(), day: searchDate() });
    assert.deepEqual(s.parse({ q: 'x'.repeat(201), day: '2026-13' }), { q: undefined, day: undefined });
    assert.deepEqual(s.parse({ q: 'Järva', day: '2026-12-01' }), { q: 'Järva', day: '2026-12-01' });
  });

  it('writes the query of a search object without empty values', () => {
    assert.equal(queryOf({ year: 2025, measure: undefined, area: '', q: null }), '?year=2025');
    assert.equal(queryOf({}), '');
    assert.equal(queryOf({ area: 'stadsdel:rinkeby kista', on: true }), '?area=stadsdel%3Arinkeby+kista&on=true');
  });
});
