import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, testdataDir } from '../helpers/paths.ts';
import { parseGal } from '../../src/importers/segregation-csv.ts';
import { scratchDir } from '../helpers/scratch.ts';

const caseDir = join(testdataDir, 'segregation', 'seg_sids2_nonwhite_births_1979');

function run(args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts'), 'segregation', ...args],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('fardplan segregation', () => {
  it('prints the measures of the SIDS 1979 case as JSON, matching the reference values', () => {
    const expected = JSON.parse(readFileSync(join(caseDir, 'expected_pysal.json'), 'utf8'));
    const r = run([
      join(caseDir, 'input.csv'),
      '--group',
      'nonwhite',
      '--total',
      'total',
      '--groups',
      'nonwhite,white',
      '--neighbours',
      join(caseDir, 'queen_weights.json'),
    ]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), [
      'D',
      'H',
      'M',
      'xPx',
      'xPy',
      'G',
      'multiD',
      'multiH',
      'multiM',
      'multiG',
      'normExposure',
      'moran',
    ]);
    const s = expected.single_group;
    for (const [k, e] of [
      ['D', s.dissimilarity_D],
      ['H', s.theil_entropy_H],
      ['xPx', s.isolation_xPx],
      ['xPy', s.interaction_exposure_xPy],
      ['G', s.gini_G],
    ] as const) {
      assert.ok(Math.abs(out[k] - e) < 1e-6, k);
    }
    assert.ok(Math.abs(out.normExposure - expected.multigroup.multi_normalized_exposure_P) < 1e-6);
    const r79 = JSON.parse(readFileSync(join(caseDir, 'expected_r.json'), 'utf8'));
    assert.ok(Math.abs(out.multiM - r79.multigroup.multi_mutual_information_M) < 1e-6);
    // With two groups the two-group M equals the multigroup one; the multigroup Gini equals G (pysal).
    assert.ok(Math.abs(out.M - r79.multigroup.multi_mutual_information_M) < 1e-6);
    assert.ok(Math.abs(out.multiG - expected.multigroup.multi_gini_G) < 1e-6);
    const queen = expected.moran.find((m: { variable: string }) => m.variable.includes('queen_weights.json'));
    assert.deepEqual(Object.keys(out.moran), ['I', 'EI', 'zNorm', 'pNorm', 'zRand', 'pRand']);
    assert.ok(Math.abs(out.moran.I - queen.I) < 1e-6);
    assert.ok(Math.abs(out.moran.zRand - queen.z_rand) < 1e-6);
  });

  it("computes Moran's I for --value (SIDR79 with the GAL neighbours written as JSON)", () => {
    const expected = JSON.parse(readFileSync(join(caseDir, 'expected_r.json'), 'utf8'));
    const ref = expected.moran.find((m: { variable: string }) => m.variable.startsWith('SIDR79'));
    const dir = scratchDir('fardplan-seg-');
    const nbFile = join(dir, 'sids2.json');
    writeFileSync(nbFile, JSON.stringify(parseGal(readFileSync(join(caseDir, 'sids2.gal'), 'utf8'), 'sids2.gal')));
    const r = run([
      join(caseDir, 'input.csv'),
      '--group',
      'nonwhite',
      '--total',
      'total',
      '--neighbours',
      nbFile,
      '--value',
      'SIDR79',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['D', 'H', 'M', 'xPx', 'xPy', 'G', 'moran']);
    for (const [k, e] of [
      ['I', ref.I],
      ['EI', ref.EI],
      ['zNorm', ref.z_norm],
      ['pNorm', ref.p_norm_two_sided],
      ['zRand', ref.z_rand],
      ['pRand', ref.p_rand_two_sided],
    ] as const) {
      assert.ok(Math.abs(out.moran[k] - e) < 1e-6, `${k}: ${out.moran[k]} vs ${e}`);
    }
  });

  it('names the row and column of a bad value and exits with 3', () => {
    const dir = scratchDir('fardplan-seg-');
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'area,g,t\nA,1,10\nB,x,10\nC,2,10\n');
    const r = run([file, '--group', 'g', '--total', 't']);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /bad\.csv: row 3, column 'g': 'x' is not a number/);
    assert.equal(r.stdout, '');
  });

  it('reports areas with zero total on stderr and a missing option as a usage error', () => {
    const dir = scratchDir('fardplan-seg-');
    const file = join(dir, 'z.csv');
    writeFileSync(file, 'area,g,t\nA,1,10\nB,0,0\nC,8,10\n');
    const r = run([file, '--group', 'g', '--total', 't']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /zero t skipped: B/);
    // A (1 of 10) and C (8 of 10): D = ½(|1/9 − 9/11| + |8/9 − 2/11|) = 70/99
    assert.ok(Math.abs(JSON.parse(r.stdout).D - 70 / 99) < 1e-12);
    assert.equal(run([file, '--group', 'g']).code, 2);
  });
});
