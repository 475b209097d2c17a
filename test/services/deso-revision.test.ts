import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildDesoRevisionCrosswalk } from '../../src/core/geo/deso-revision.ts';
import { loadDesoRevision } from '../../src/services/areas/deso-revision.ts';
import { engines } from '../helpers/db.ts';
import { FIXED_NOW, testApp, type TestApp } from '../helpers/app.ts';

describe('the DeSO 2025 crosswalk (core)', () => {
  it('links unchanged and merged DeSO exactly and lists splits as unmatched', () => {
    const cw = buildDesoRevisionCrosswalk('deso', [
      { deso2018: '0180C1010', deso2025: '0180C1010' },
      { deso2018: '0180C1020', deso2025: '0180C1025' },
      { deso2018: '0180C1030', deso2025: '0180C1025' },
      { deso2018: '0180C1040', deso2025: '0180C1041' },
      { deso2018: '0180C1040', deso2025: '0180C1042' },
    ]);
    assert.deepEqual(
      cw.links.map((l) => [l.fromCode, l.toCode, l.weight]),
      [
        ['0180C1010', '0180C1010', 1],
        ['0180C1020', '0180C1025', 1],
        ['0180C1030', '0180C1025', 1],
      ],
    );
    assert.deepEqual(
      cw.unmatched.map((u) => u.code),
      ['0180C1040'],
    );
    assert.match(cw.unmatched[0]!.reason, /population weights/);
    assert.deepEqual(
      cw.uncovered.map((u) => u.code),
      ['0180C1041', '0180C1042'],
    );
  });
});

for (const engine of engines()) {
  describe(`loading SCB's DeSO 2018 → 2025 key (${engine})`, () => {
    let t: TestApp;
    let codes: string[];
    before(async () => {
      t = await testApp({ engine, reference: true });
      codes = (
        await t.db.query<{ code: string }>(`SELECT code FROM area WHERE division_id = 'deso' ORDER BY code LIMIT 4`)
      ).map((r) => r.code);
    });
    after(async () => t?.close());
    const admin = { user: { id: null, username: 'test', role: 'admin' as const, committeeId: null }, now: FIXED_NOW };

    it('creates the DeSO 2025 division and the crosswalk; refuses unknown DeSO 2018 codes naming the line', async () => {
      const [a, b, c, d] = codes as [string, string, string, string];
      const key = [
        'DeSO 2018;DeSO 2025',
        `${a};${a}`,
        `${b};${b}`,
        `${c};${b}`,
        `${d};0180C9991`,
        `${d};0180C9992`,
      ].join('\n');
      const r = await loadDesoRevision(t.db, admin, 'key.csv', key);
      assert.deepEqual(r, { areas: 4, links: 3, split: 1, uncovered: 2 });
      const cw = await t.app.inject({ method: 'GET', url: '/api/v1/crosswalks' });
      const rev = (
        cw.json() as { crosswalks: { toDivisionId: string; links: unknown[]; unmatched: unknown[] }[] }
      ).crosswalks.find((x) => x.toDivisionId === 'deso-2025');
      assert.deepEqual([rev?.links.length, rev?.unmatched.length], [3, 1]);
      await assert.rejects(
        loadDesoRevision(t.db, admin, 'bad.csv', 'deso2018,deso2025\n0180C0000,0180C0000\nxx,0180C1\n'),
        (e: Error & { details?: { line?: number }[] }) => e.details?.[0]?.line === 3,
      );
      await assert.rejects(
        loadDesoRevision(t.db, { ...admin, user: { ...admin.user, role: 'reader' as const } }, 'key.csv', key),
        (e: Error & { id?: string }) => e.id === 'forbidden',
      );
    });
  });
}
