/**
 * `fardplan load` of a CSV dataset: periods are validated (NaN, Infinity, 2022abc refused), duplicate header
 * columns and duplicate keys are refused with file and line (never a raw SQL message), and a 100 MB
 * observations.csv (generated here into a temporary directory) is read without "Maximum call stack size exceeded".
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsvDataset } from '../../src/importers/csv-dataset.ts';
import { AppError } from '../../src/core/errors.ts';
import { isPeriod } from '../../src/core/contracts/primitives.ts';
import { repoRoot } from '../helpers/paths.ts';

const good = join(repoRoot, 'test', 'fixtures', 'datasets', 'good');
const none = () => ({ divisions: new Set<string>(), areas: new Set<string>(), indicators: new Set<string>() });

describe('CSV dataset checks', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'fardplan-csv-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const variant = (name: string, file: string, edit: (text: string) => string): string => {
    const dir = join(root, name);
    cpSync(good, dir, { recursive: true });
    writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
    return dir;
  };
  const problemsOf = (dir: string) => {
    try {
      readCsvDataset(dir, none());
    } catch (e) {
      assert.ok(e instanceof AppError, String(e));
      assert.equal(e.id, 'import_failed');
      return e.details;
    }
    assert.fail('expected the dataset to be refused');
  };

  it('knows a period', () => {
    for (const ok of ['2022', '2022Q1', '2022H2', '2022M03', '2022-03', '2020-2022', '2022-12-31'])
      assert.ok(isPeriod(ok), ok);
    for (const bad of ['NaN', 'Infinity', '2022abc', '22', '2022-02-30', '2022Q5', '2022-2020', ' 2022', '2022.0'])
      assert.ok(!isPeriod(bad), bad);
  });

  it('refuses NaN, Infinity and 2022abc as periods with file, line and field', () => {
    const dir = variant('periods', 'observations.csv', (t) => {
      const lines = t.trimEnd().split('\n');
      const row = lines[1]!;
      return [
        lines[0],
        row.replace(',2022,', ',NaN,'),
        row.replace(',2022,', ',Infinity,').replace(',A,', ',B,'),
        row.replace(',2022,', ',2022abc,').replace('demo-pop', 'demo-employed'),
        '',
      ].join('\n');
    });
    const p = problemsOf(dir);
    assert.deepEqual(
      p.map((x) => [x.file, x.line, x.field]),
      [
        ['observations.csv', 2, 'period'],
        ['observations.csv', 3, 'period'],
        ['observations.csv', 4, 'period'],
      ],
    );
  });

  it('refuses duplicate header columns', () => {
    const dir = variant('header', 'observations.csv', (t) => t.replace(/^indicator,/, 'indicator,period,'));
    const p = problemsOf(dir);
    assert.deepEqual(p[0], {
      file: 'observations.csv',
      line: 1,
      field: 'period',
      message: 'the column appears more than once',
    });
  });

  it('refuses duplicate keys with both lines, in every file', () => {
    const dir = variant('keys', 'indicators.csv', (t) => {
      const lines = t.trimEnd().split('\n');
      return [...lines, lines[1], ''].join('\n');
    });
    const p = problemsOf(dir);
    assert.equal(p[0]!.file, 'indicators.csv');
    assert.match(p[0]!.message, /duplicate of line 2/);
    assert.doesNotMatch(JSON.stringify(p), /ON CONFLICT|duplicate key value/);
  });

  it('reads a 100 MB observations.csv and reports a bad last line without overflowing the stack', async () => {
    const dir = join(root, 'big');
    cpSync(good, dir, { recursive: true });
    const file = join(dir, 'observations.csv');
    const out = createWriteStream(file);
    out.write('indicator,division,area,period,breakdown,value,numerator,denominator,status,source\n');
    let lines = 1;
    let bytes = 0;
    const target = 100 * 1024 * 1024;
    for (let i = 0; bytes < target; i++) {
      // unique keys: period × breakdown
      const row = `demo-pop,demo-district,A,${1000 + (i % 9000)},k=${Math.floor(i / 9000)},${i},,,final,demo\n`;
      bytes += row.length;
      lines++;
      if (!out.write(row)) await once(out, 'drain');
    }
    out.end('demo-pop,demo-district,A,2022abc,,1,,,final,demo\n');
    await once(out, 'finish');
    lines++;
    assert.ok(statSync(file).size >= target);
    const p = problemsOf(dir);
    assert.deepEqual(
      p.map((x) => [x.file, x.line, x.field]),
      [['observations.csv', lines, 'period']],
    );
  });
});
