import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testdataDir } from '../helpers/paths.ts';
import { AppError } from '../../src/core/errors.ts';
import { parsePabulibText, readPabulibFile } from '../../src/importers/pabulib.ts';
import { scratchDir } from '../helpers/scratch.ts';

describe('importers/pabulib', () => {
  it('reads a .pb file from disk', async () => {
    const f = await readPabulibFile(join(testdataDir, 'pb', 'pb_poland_zabrze_2020_helenka', 'instance.pb'));
    assert.equal(f.budget, 300000n);
    assert.equal(f.projects.length, 3);
    assert.equal(f.votes.length, 314);
  });

  it('turns a format error into import_failed with file, line and field', async () => {
    const dir = scratchDir('fardplan-pbimp-');
    const file = join(dir, 'omrade.pb');
    writeFileSync(file, 'META\nkey;value\nbudget;100\nPROJECTS\nproject_id;cost\na;tio\nVOTES\nvoter_id;vote\n');
    await assert.rejects(readPabulibFile(file), (e: unknown) => {
      assert.ok(e instanceof AppError);
      assert.equal(e.id, 'import_failed');
      assert.equal(e.message, 'omrade.pb, line 6, field "cost": "tio" is not a non-negative amount');
      assert.deepEqual(e.details, [
        { file: 'omrade.pb', line: 6, field: 'cost', message: '"tio" is not a non-negative amount' },
      ]);
      return true;
    });
  });

  it('reports an unreadable file as import_failed', async () => {
    await assert.rejects(
      readPabulibFile(join(tmpdir(), 'missing-dir', 'x.pb')),
      (e: unknown) => e instanceof AppError && e.id === 'import_failed' && /x\.pb: cannot read/.test(e.message),
    );
  });

  it('parses text with a given file name', () => {
    assert.throws(() => parsePabulibText('hello', 'a.pb'), /^AppError|a\.pb, line 1/);
  });
});
