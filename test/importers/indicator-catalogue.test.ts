import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../src/core/errors.ts';
import { defaultIndicatorDir, readIndicatorCatalogue } from '../../src/importers/indicator-catalogue.ts';

function withCatalogueCopy(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'fardplan-indicators-'));
  try {
    cpSync(defaultIndicatorDir, dir, { recursive: true });
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function problemsOf(dir: string): { file?: string; field?: string; message: string }[] {
  try {
    readIndicatorCatalogue(dir);
  } catch (e) {
    assert.ok(e instanceof AppError);
    assert.equal(e.id, 'import_failed');
    return e.details;
  }
  assert.fail('the catalogue was accepted');
}

describe('indicator catalogue (data/indicators)', () => {
  it('every shipped metadata file passes the schema and the catalogue is consistent', () => {
    const { indicators, checksum } = readIndicatorCatalogue();
    assert.ok(indicators.length >= 32);
    assert.match(checksum, /^[0-9a-f]{64}$/);
    const ids = new Set(indicators.map((i) => i.id));
    for (const id of ['population', 'share-low-economic-standard', 'polisen.utsatta-omraden.stockholm'])
      assert.ok(ids.has(id), id);
    const pop = indicators.find((i) => i.id === 'population')!;
    assert.equal(pop.source.publisher, 'scb');
    assert.equal(pop.counts?.[0]?.tableId, '000005FE');
    const helpers = indicators.filter((i) => i.helper).map((i) => i.id);
    assert.ok(helpers.includes('income-persons'));
  });

  it('fails on a file that breaks the schema, naming the file and the field', () => {
    withCatalogueCopy((dir) => {
      const f = join(dir, 'population.json');
      const m = JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;
      m.kind = 'ratio';
      delete m.unit;
      writeFileSync(f, JSON.stringify(m));
      const problems = problemsOf(dir);
      assert.ok(
        problems.some((p) => p.file === 'population.json' && p.field === 'kind'),
        JSON.stringify(problems),
      );
      assert.ok(problems.some((p) => p.file === 'population.json' && p.field === 'unit'));
    });
  });

  it('fails on an unknown field, a numerator without a denominator and an id that is not the file name', () => {
    withCatalogueCopy((dir) => {
      const base = JSON.parse(readFileSync(join(dir, 'share-rental-dwellings.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      writeFileSync(join(dir, 'x-extra.json'), JSON.stringify({ ...base, id: 'x-extra', colour: 'red' }));
      writeFileSync(join(dir, 'x-half.json'), JSON.stringify({ ...base, id: 'x-half', denominator: null }));
      writeFileSync(join(dir, 'x-name.json'), JSON.stringify({ ...base, id: 'another-name' }));
      const problems = problemsOf(dir);
      assert.ok(problems.some((p) => p.file === 'x-extra.json' && /colour/.test(p.message + (p.field ?? ''))));
      assert.ok(problems.some((p) => p.file === 'x-half.json' && p.field === 'denominator'));
      assert.ok(problems.some((p) => p.file === 'x-name.json' && p.field === 'id'));
    });
  });

  it('fails when a numerator or denominator is not in the catalogue, or is not a count', () => {
    withCatalogueCopy((dir) => {
      const base = JSON.parse(readFileSync(join(dir, 'share-rental-dwellings.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      writeFileSync(join(dir, 'x-dangling.json'), JSON.stringify({ ...base, id: 'x-dangling', numerator: 'nowhere' }));
      writeFileSync(
        join(dir, 'x-of-share.json'),
        JSON.stringify({ ...base, id: 'x-of-share', numerator: 'share-rental-dwellings' }),
      );
      const problems = problemsOf(dir);
      assert.ok(
        problems.some((p) => p.file === 'x-dangling.json' && p.field === 'numerator' && /nowhere/.test(p.message)),
      );
      assert.ok(problems.some((p) => p.file === 'x-of-share.json' && /not a count/.test(p.message)));
    });
  });

  it('fails on a Kolada indicator without a KPI id and on a bad KPI id', () => {
    withCatalogueCopy((dir) => {
      const base = JSON.parse(readFileSync(join(dir, 'population.json'), 'utf8')) as Record<string, unknown>;
      const { counts: _c, ...noCounts } = base;
      writeFileSync(
        join(dir, 'k-none.json'),
        JSON.stringify({ ...noCounts, id: 'k-none', source: { publisher: 'kolada', confirmed: false } }),
      );
      writeFileSync(
        join(dir, 'k-bad.json'),
        JSON.stringify({ ...noCounts, id: 'k-bad', source: { publisher: 'kolada', kpi: 'n1', confirmed: false } }),
      );
      const problems = problemsOf(dir);
      assert.ok(problems.some((p) => p.file === 'k-none.json' && p.field === 'source.kpi'));
      assert.ok(problems.some((p) => p.file === 'k-bad.json' && p.field === 'source.kpi'));
    });
  });
});
