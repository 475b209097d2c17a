// The forms' plumbing: the endpoint's contract checks a form's values in the browser, and a refused request's
// problems land at the fields they name.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../src/web/api.ts';
import { bodyPath, contractResolver, serverErrors, type FieldOf } from '../../src/web/forms.ts';
import { goalAreaCreateBody } from '../../src/core/contracts/goals.ts';

interface Values {
  id: string;
  titleSv: string;
  decisionRef: string;
}
const fieldOf: FieldOf<Values> = (path) => {
  const [head, key] = path.map(String);
  if (head === 'decisionRef') return 'decisionRef';
  if (head === 'item' && key === 'id') return 'id';
  if (head === 'item' && key === 'title') return 'titleSv';
  return null;
};
const toBody = (v: Values) => ({
  decisionRef: v.decisionRef,
  item: {
    id: v.id,
    order: 5,
    title: { sv: v.titleSv, en: 'A goal area' },
    citation: { document: '003_bcd631ecaa6cfe08.txt', section: 'Färdplan' },
  },
});
const resolver = contractResolver(goalAreaCreateBody, toBody, fieldOf, (i) => `${i.code}@${i.path.join('.')}`);

describe('forms checked by the contract', () => {
  it('passes valid values through unchanged', async () => {
    const values = { id: 'ga-x', titleSv: 'Ett målområde', decisionRef: 'KF 2027-01-10 § 2' };
    const r = await resolver(values, undefined, { fields: {}, shouldUseNativeValidation: false });
    assert.deepEqual(r, { values, errors: {} });
  });

  it('puts each problem at its field, worded by `say`, the first one per field', async () => {
    const r = await resolver({ id: 'Not An Id', titleSv: '', decisionRef: '' }, undefined, {
      fields: {},
      shouldUseNativeValidation: false,
    });
    assert.deepEqual(r.values, {});
    const errors = r.errors as Record<string, { type: string; message: string }>;
    assert.deepEqual(Object.keys(errors).sort(), ['decisionRef', 'id', 'titleSv']);
    assert.equal(errors['decisionRef']?.type, 'too_small');
    assert.equal(errors['id']?.message, 'invalid_format@item.id');
    assert.equal(errors['titleSv']?.message, 'too_small@item.title.sv');
  });

  it('maps a refused request’s problems to the fields they name, the rest to the form as a whole', () => {
    const set: [string, string][] = [];
    const err = new ApiError(409, 'conflict', 'Goal area ga-x exists already', [
      { field: 'body.item.id', message: 'is taken' },
      { field: 'body.goalAreaId', message: 'no such goal area' },
    ]);
    const message = serverErrors<Values>(err, (name, e) => set.push([name, e.message ?? '']), fieldOf);
    assert.equal(message, 'Goal area ga-x exists already');
    assert.deepEqual(set, [
      ['id', 'is taken'],
      ['root', 'no such goal area'],
    ]);
    assert.deepEqual(bodyPath('body.item.title.sv'), ['item', 'title', 'sv']);
    assert.deepEqual(bodyPath(undefined), []);
  });
});
