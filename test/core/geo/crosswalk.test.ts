import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildKeyCrosswalk,
  buildMembershipCrosswalk,
  buildNameCrosswalk,
  checkPartition,
  composeCrosswalks,
} from '../../../src/core/geo/crosswalk.ts';
import { REGSO_STADSDEL_RESOLUTIONS } from '../../../src/core/geo/stockholm.ts';
import { readDesoRegsoKey, regsoIndex } from '../../../src/importers/scb-regso-csv.ts';
import { readStadsdelar } from '../../../src/importers/stockholm-geography.ts';
import { dataDir, goldenDir, hasData } from '../../helpers/paths.ts';

describe('crosswalks', () => {
  it('key crosswalk: one link per source, weight 1; a source keyed twice to different targets is refused', () => {
    const cw = buildKeyCrosswalk('k', 'deso', 'regso', [
      { from: 'D2', to: 'R1' },
      { from: 'D1', to: 'R1' },
      { from: 'D1', to: 'R1' },
    ]);
    assert.deepEqual(
      cw.links.map((l) => [l.fromCode, l.toCode, l.weight, l.method, l.confidence]),
      [
        ['D1', 'R1', 1, 'exact-key', 1],
        ['D2', 'R1', 1, 'exact-key', 1],
      ],
    );
    assert.throws(
      () =>
        buildKeyCrosswalk('k', 'deso', 'regso', [
          { from: 'D1', to: 'R1' },
          { from: 'D1', to: 'R2' },
        ]),
      /D1 is keyed to both R1 and R2/,
    );
  });

  it('name crosswalk: exact names, the explicit table, and every other source listed as unmatched with a reason', () => {
    const targets = [
      { code: 'S-A', name: 'HÄSSELBY GÅRD' },
      { code: 'S-B', name: 'NOCKEBYHOV' },
      { code: 'S-C', name: 'OLOVSLUND' },
      { code: 'S-D', name: 'HANSTA' },
    ];
    const sources = [
      { code: 'R1', name: 'Hässelby Gård' },
      { code: 'R2', name: 'Nockebyhov-Olovslund' },
      { code: 'R3', name: 'Riksby-Nockebyhov' },
      { code: 'R4', name: 'Klara' },
    ];
    const cw = buildNameCrosswalk('n', 'regso', 'stadsdel', sources, targets, [
      { from: 'Nockebyhov-Olovslund', to: 'NOCKEBYHOV', confidence: 0.7, note: 'covers Nockebyhov and Olovslund' },
    ]);
    assert.deepEqual(
      cw.links.map((l) => [l.fromCode, l.toCode, l.method, l.confidence]),
      [
        ['R1', 'S-A', 'name-match', 1],
        ['R2', 'S-B', 'explicit-table', 0.7],
      ],
    );
    assert.deepEqual(
      cw.unmatched.map((u) => u.code),
      ['R3', 'R4'],
    );
    assert.match(cw.unmatched[0]!.reason, /contains NOCKEBYHOV \(a composite name needs an explicit resolution\)/);
    assert.match(cw.unmatched[1]!.reason, /not a place name of the stadsdel layer/);
    assert.deepEqual(
      cw.uncovered.map((u) => [u.code, u.reason]),
      [
        ['S-C', 'no regso of its own; counted in Nockebyhov-Olovslund'],
        ['S-D', 'no regso has this name or is resolved to it (little or no population)'],
      ],
    );
    assert.throws(
      () =>
        buildNameCrosswalk('n', 'regso', 'stadsdel', sources, targets, [
          { from: 'X', to: 'NOWHERE', confidence: 1, note: '' },
        ]),
      /no target area named NOWHERE/,
    );
  });

  it('membership crosswalk refuses a child in two parents; composition multiplies weights and keeps the lower confidence', () => {
    assert.throws(
      () =>
        buildMembershipCrosswalk(
          'm',
          'stadsdel',
          'sdo',
          [
            { from: 'A', to: 'X', confidence: 1 },
            { from: 'A', to: 'Y', confidence: 1 },
          ],
          'spatial-join',
          '',
        ),
      /A belongs to more than one sdo/,
    );
    const ab = buildKeyCrosswalk('ab', 'a', 'b', [
      { from: 'a1', to: 'b1' },
      { from: 'a2', to: 'b2' },
    ]);
    const bc = buildMembershipCrosswalk(
      'bc',
      'b',
      'c',
      [{ from: 'b1', to: 'c1', confidence: 0.8 }],
      'spatial-join',
      '',
    );
    const ac = composeCrosswalks('ac', ab, bc);
    assert.deepEqual(
      ac.links.map((l) => [l.fromCode, l.toCode, l.weight, l.confidence]),
      [['a1', 'c1', 1, 0.8]],
    );
    assert.deepEqual(
      ac.unmatched.map((u) => u.code),
      ['a2'],
    );
    assert.deepEqual(checkPartition(ac), []);
  });

  it(
    'the real RegSO → stadsdel crosswalk matches its golden file (links, unmatched and uncovered)',
    { skip: !hasData && 'no data directory' },
    async () => {
      const key = await readDesoRegsoKey(join(dataDir, 'scb', 'keys', 'deso2018-regso.csv'));
      const regsos = [...regsoIndex(key, 'Stockholm')]
        .map(([name, code]) => ({ code, name }))
        .sort((a, b) => a.code.localeCompare(b.code));
      const sd = await readStadsdelar(join(dataDir, 'stockholm', 'boundaries', 'stadsdelar.geojson'));
      const cw = buildNameCrosswalk(
        'regso-stadsdel',
        'regso',
        'stadsdel',
        regsos,
        sd.map((s) => ({ code: s.code, name: s.sourceName })),
        REGSO_STADSDEL_RESOLUTIONS,
      );
      // Independent checks.
      assert.equal(cw.links.length + cw.unmatched.length, 127, 'every RegSO is linked or listed');
      assert.deepEqual(checkPartition(cw), []);
      assert.equal(cw.links.filter((l) => l.method === 'name-match').length, 127 - REGSO_STADSDEL_RESOLUTIONS.length);
      assert.equal(cw.links.find((l) => l.fromCode === '0180R-hasselby-gard')?.toCode, '0180S-hasselby-gard');
      const golden = join(goldenDir, 'crosswalks', 'regso-stadsdel.json');
      const actual = JSON.parse(JSON.stringify({ links: cw.links, unmatched: cw.unmatched, uncovered: cw.uncovered }));
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, `${JSON.stringify(actual, null, 2)}\n`);
      assert.ok(existsSync(golden), `missing golden file ${golden} (UPDATE_GOLDEN=1 writes it)`);
      assert.deepEqual(actual, JSON.parse(readFileSync(golden, 'utf8')));
    },
  );
});
