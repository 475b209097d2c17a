// Reproduces every value of every expected_*.json under ../shared/testdata/segregation/ to 1e-6.
// An expected key that this test does not know fails the test, so no value is skipped silently.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testdataDir } from '../../helpers/paths.ts';
import {
  multiGroupMeasures,
  twoGroupMeasures,
  type MultiGroupResult,
  type TwoGroupResult,
} from '../../../src/core/analysis/segregation.ts';
import { moransI, type MoranResult } from '../../../src/core/analysis/moran.ts';
import {
  numericColumn,
  parseAreaTable,
  parseGal,
  parseNeighboursJson,
  multiGroupUnits,
  twoGroupUnits,
  type AreaTable,
} from '../../../src/importers/segregation-csv.ts';

const segDir = join(testdataDir, 'segregation');
const TOL = 1e-6;

const singleKeys: Record<string, keyof TwoGroupResult> = {
  dissimilarity_D: 'D',
  theil_entropy_H: 'H',
  isolation_xPx: 'xPx',
  interaction_exposure_xPy: 'xPy',
  gini_G: 'G',
  mutual_information_M: 'M',
};
const multiKeys: Record<string, keyof MultiGroupResult> = {
  multi_dissimilarity_D: 'multiD',
  multi_information_theory_H: 'multiH',
  multi_gini_G: 'multiG',
  multi_normalized_exposure_P: 'normExposure',
  multi_mutual_information_M: 'M',
};
const moranKeys: Record<string, keyof MoranResult> = {
  I: 'I',
  I_full_precision: 'I',
  EI: 'EI',
  VI_norm: 'VINorm',
  z_norm: 'zNorm',
  p_norm_two_sided: 'pNorm',
  VI_rand: 'VIRand',
  z_rand: 'zRand',
  p_rand_two_sided: 'pRand',
};
const descriptive = new Set(['group', 'total', 'groups', 'variable', 'weights_transformation']);

function close(actual: number, expected: number, what: string): void {
  assert.ok(Number.isFinite(actual), `${what}: computed ${actual}`);
  assert.ok(Math.abs(actual - expected) <= TOL, `${what}: computed ${actual}, expected ${expected}`);
}

type Json = Record<string, unknown>;

function checkSingle(expected: Json, result: TwoGroupResult, where: string): number {
  let checked = 0;
  for (const [key, value] of Object.entries(expected)) {
    if (descriptive.has(key)) continue;
    const mapped = singleKeys[key];
    assert.ok(mapped, `${where}: unknown expected key ${key}`);
    close(result[mapped] as number, value as number, `${where} ${key}`);
    checked++;
  }
  return checked;
}

function checkMulti(expected: Json, result: MultiGroupResult, where: string): number {
  let checked = 0;
  for (const [key, value] of Object.entries(expected)) {
    if (descriptive.has(key)) continue;
    const mapped = multiKeys[key];
    assert.ok(mapped, `${where}: unknown expected key ${key}`);
    close(result[mapped] as number, value as number, `${where} ${key}`);
    checked++;
  }
  return checked;
}

/** "nonwhite/total, weights=sids2.gal (…)" or "SIDR79, sids2.gal" → variable and weights file. */
function moranSpec(variable: string): { num: string; den: string | null; weights: string } {
  const [v = '', ...rest] = variable.split(',');
  const m = rest.join(',').match(/([\w.-]+\.(?:gal|json))/);
  assert.ok(m?.[1], `cannot find a weights file in '${variable}'`);
  const [num = '', den] = v.trim().split('/');
  return { num, den: den ?? null, weights: m[1] };
}

function neighboursFor(caseDir: string, file: string): Record<string, string[]> {
  const text = readFileSync(join(caseDir, file), 'utf8');
  return file.endsWith('.gal') ? parseGal(text, file) : parseNeighboursJson(text, file);
}

function checkMoran(expected: Json, table: AreaTable, caseDir: string, where: string): number {
  const spec = moranSpec(String(expected['variable']));
  if (expected['weights_transformation'] !== undefined)
    assert.match(String(expected['weights_transformation']), /row-standardised/);
  const num = numericColumn(table, spec.num);
  const values = spec.den ? num.map((x, i) => x / (numericColumn(table, spec.den as string)[i] as number)) : num;
  const ids = table.rows.map((r) => r.id);
  let neighbours = neighboursFor(caseDir, spec.weights);
  if (spec.weights.endsWith('.gal') && !ids.some((id) => id in neighbours)) {
    // GAL ids given as positions (1-based) in the order of the input rows
    neighbours = Object.fromEntries(
      Object.entries(neighbours).map(([k, v]) => [
        ids[Number(k) - 1] as string,
        v.map((x) => ids[Number(x) - 1] as string),
      ]),
    );
  }
  const result = moransI(ids, values, neighbours);
  assert.deepEqual(result.isolates, []);
  let checked = 0;
  for (const [key, value] of Object.entries(expected)) {
    if (descriptive.has(key)) continue;
    const mapped = moranKeys[key];
    assert.ok(mapped, `${where}: unknown expected key ${key}`);
    close(
      result[mapped] as number,
      value as number,
      `${where} ${spec.num}${spec.den ? '/' + spec.den : ''} ${spec.weights} ${key}`,
    );
    checked++;
  }
  return checked;
}

const cases = readdirSync(segDir).filter((d) =>
  readdirSync(join(segDir, d)).some((f) => /^expected_.*\.json$/.test(f)),
);

describe('segregation reference cases (../shared/testdata/segregation)', () => {
  it('has cases with expected values', () => {
    assert.ok(cases.includes('seg_sids2_nonwhite_births_1979'));
    assert.ok(cases.includes('seg_toy_matrices'));
  });

  for (const name of cases) {
    const caseDir = join(segDir, name);
    const expectedFiles = readdirSync(caseDir).filter((f) => /^expected_.*\.json$/.test(f));
    for (const file of expectedFiles) {
      it(`${name}/${file}: every value to 1e-6`, () => {
        const expected = JSON.parse(readFileSync(join(caseDir, file), 'utf8')) as Json;
        let checked = 0;
        if (expected['matrices']) {
          for (const [m, spec] of Object.entries(expected['matrices'] as Record<string, Json>)) {
            const matrix = spec['units_rows_groups_cols'] as number[][];
            const two = twoGroupMeasures(
              matrix.map((row, i) => ({ id: `u${i}`, group: row[0] as number, total: row.reduce((s, x) => s + x, 0) })),
            );
            const multi = multiGroupMeasures(matrix.map((row, i) => ({ id: `u${i}`, counts: row })));
            const single = spec['single_group'] as Json;
            assert.equal(single['group'], 'a', 'the toy matrices take the first column as group a');
            checked += checkSingle(single, two, `${m} single`);
            checked += checkMulti(spec['multigroup'] as Json, multi, `${m} multi`);
          }
        } else {
          const table = parseAreaTable(readFileSync(join(caseDir, 'input.csv'), 'utf8'), 'input.csv');
          // the group and total are named in the pysal file (R's file lacks them)
          const pysal = existsSync(join(caseDir, 'expected_pysal.json'))
            ? (JSON.parse(readFileSync(join(caseDir, 'expected_pysal.json'), 'utf8')) as Json)
            : expected;
          const single = expected['single_group'] as Json | undefined;
          if (single) {
            const ps = pysal['single_group'] as Json;
            const group = String(single['group'] ?? ps['group']);
            const total = String(single['total'] ?? ps['total']);
            checked += checkSingle(single, twoGroupMeasures(twoGroupUnits(table, group, total)), 'single');
          }
          const multi = expected['multigroup'] as Json | undefined;
          if (multi) {
            const groups = (multi['groups'] ?? (pysal['multigroup'] as Json)['groups']) as string[];
            checked += checkMulti(multi, multiGroupMeasures(multiGroupUnits(table, groups), groups), 'multi');
          }
          for (const m of (expected['moran'] as Json[] | undefined) ?? [])
            checked += checkMoran(m, table, caseDir, 'moran');
        }
        assert.ok(checked > 5, `only ${checked} values checked`);
      });
    }
  }
});
