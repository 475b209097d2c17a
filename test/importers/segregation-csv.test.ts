import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testdataDir } from '../helpers/paths.ts';
import { AppError } from '../../src/core/errors.ts';
import {
  multiGroupUnits,
  numericColumn,
  parseAreaTable,
  parseGal,
  parseNeighboursJson,
  twoGroupUnits,
} from '../../src/importers/segregation-csv.ts';

const errorWith = (re: RegExp, line?: number, field?: string) => (e: unknown) => {
  assert.ok(e instanceof AppError, String(e));
  assert.equal(e.id, 'import_failed');
  assert.match(e.message, re);
  if (line !== undefined) assert.equal(e.details[0]?.line, line);
  if (field !== undefined) assert.equal(e.details[0]?.field, field);
  return true;
};

describe('segregation CSV and neighbour files', () => {
  it('reads the reference case: ids from the first column, counts as numbers', () => {
    const t = parseAreaTable(
      readFileSync(join(testdataDir, 'segregation', 'seg_sids2_nonwhite_births_1979', 'input.csv'), 'utf8'),
      'input.csv',
    );
    assert.equal(t.idColumn, 'unit');
    assert.equal(t.rows.length, 100);
    assert.deepEqual(twoGroupUnits(t, 'nonwhite', 'total')[0], { id: '37009', group: 19, total: 1364 });
    assert.equal(numericColumn(t, 'SIDR79')[1], 5.535055);
  });

  it('names the row and column of a bad value', () => {
    const csv = 'id,a,b,total\nx,1,2,3\ny,1,zwei,3\nz,1,2,-1\n';
    const t = parseAreaTable(csv, 'f.csv');
    assert.throws(
      () => multiGroupUnits(t, ['a', 'b']),
      errorWith(/f\.csv: row 3, column 'b': 'zwei' is not a number/, 3, 'b'),
    );
    assert.throws(
      () => twoGroupUnits(t, 'a', 'total'),
      errorWith(/row 4, column 'total': a count cannot be negative/, 4, 'total'),
    );
    assert.throws(() => twoGroupUnits(t, 'a', 'nope'), errorWith(/column 'nope': no such column/, 1, 'nope'));
    const t2 = parseAreaTable('id,g,t\nx,5,3\n', 'g.csv');
    assert.throws(
      () => twoGroupUnits(t2, 'g', 't'),
      errorWith(/row 2, column 'g': the group count \(5\) is larger than the total/, 2, 'g'),
    );
    const t3 = parseAreaTable('id,g,t\nx,,3\n', 'h.csv');
    assert.throws(() => numericColumn(t3, 'g'), errorWith(/row 2, column 'g': the value is empty/));
  });

  it('accepts a decimal comma in a quoted field and fractional counts', () => {
    const t = parseAreaTable('id,g,t\nx,"2,5",10\ny,0.75,1\n', 'f.csv');
    assert.deepEqual(
      twoGroupUnits(t, 'g', 't').map((u) => u.group),
      [2.5, 0.75],
    );
  });

  it('reads "1,234" in a count as one thousand two hundred and thirty-four, never 1.234', () => {
    const t = parseAreaTable('id,g,t\nx,"1,234","12,345"\ny,"0,5",2\n', 'f.csv');
    assert.deepEqual(
      twoGroupUnits(t, 'g', 't').map((u) => [u.group, u.total]),
      [
        [1234, 12345],
        [0.5, 2],
      ],
    );
    const v = parseAreaTable('id,v\nx,"1,234"\n', 'v.csv');
    assert.throws(() => numericColumn(v, 'v'), errorWith(/row 2, column 'v': '1,234' is ambiguous/));
  });

  it('rejects duplicate ids, ragged rows and empty files', () => {
    assert.throws(
      () => parseAreaTable('id,g\nx,1\nx,2\n', 'f.csv'),
      errorWith(/row 3, column 'id': area id 'x' already appears in row 2/),
    );
    assert.throws(() => parseAreaTable('id,g\nx,1,2\n', 'f.csv'), errorWith(/malformed CSV/));
    assert.throws(() => parseAreaTable('', 'f.csv'), errorWith(/empty/));
  });

  it('reads neighbour JSON (plain or under "neighbors") and GAL files', () => {
    assert.deepEqual(parseNeighboursJson('{"a":["b"],"b":["a"]}', 'n.json'), { a: ['b'], b: ['a'] });
    assert.deepEqual(parseNeighboursJson('{"format":"x","neighbors":{"a":[2],"2":["a"]}}', 'n.json'), {
      a: ['2'],
      '2': ['a'],
    });
    assert.throws(
      () => parseNeighboursJson('{"a":"b"}', 'n.json'),
      errorWith(/unit 'a': the neighbours must be a list/),
    );
    assert.throws(() => parseNeighboursJson('{', 'n.json'), errorWith(/not valid JSON/));
    assert.deepEqual(parseGal('0 3 test ID\n1 2\n2 3\n2 1\n1\n3 0\n\n', 't.gal'), {
      '1': ['2', '3'],
      '2': ['1'],
      '3': [],
    });
    assert.throws(() => parseGal('2\n1 2\n2\n', 't.gal'), errorWith(/unit '1' should have 2 neighbours/));
  });
});
