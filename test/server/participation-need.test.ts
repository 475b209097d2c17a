// Who takes part, set against the need index's area types (on the real reference data).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../helpers/app.ts';
import { hasData } from '../helpers/paths.ts';

describe('who takes part, by need type', { skip: !hasData && 'no reference data directory' }, () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ reference: true, devWrites: true });
  });
  after(async () => {
    await t.close();
  });

  it('gives each area its need-index type and sums participation per type', async () => {
    const areas = await t.db.query<{ code: string; name: string }>(
      `SELECT code, name FROM area WHERE division_id = 'stadsdelsomrade-2023' AND name IN ('Järva', 'Södermalm') ORDER BY name`,
    );
    assert.equal(areas.length, 2);
    for (const [i, a] of areas.entries()) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/participation/dialogues',
        payload: {
          heldOn: '2026-05-01',
          place: 'Träffpunkt',
          area: `stadsdelsomrade-2023:${a.code}`,
          topic: 'Trygghet',
          participants: 10 + i * 30,
          summary: 'Fler vuxna ute på kvällen.',
          fedInto: '',
        },
      });
      assert.equal(res.statusCode, 200, res.body);
    }
    const body = (await t.app.inject({ method: 'GET', url: '/api/v1/participation/taking-part' })).json() as {
      items: {
        area: string;
        areaName: string;
        dialogueParticipants: number;
        population: number;
        needType: string | null;
      }[];
      byNeedType: { type: string; areas: number; population: number; dialogueParticipants: number }[];
    };
    // The same types as the need index aggregated to the division.
    const need = (
      await t.app.inject({ method: 'GET', url: '/api/v1/analysis/need-index?aggregateTo=stadsdelsomrade-2023' })
    ).json() as {
      aggregated: { areas: { id: string; type: string | null }[] };
    };
    const typeOf = new Map(need.aggregated.areas.map((a) => [a.id, a.type]));
    for (const a of areas) {
      const item = body.items.find((i) => i.area === `stadsdelsomrade-2023:${a.code}`)!;
      assert.ok(item, a.name);
      assert.equal(item.needType, typeOf.get(a.code));
    }
    const jarva = body.items.find((i) => i.areaName === 'Järva')!;
    const soder = body.items.find((i) => i.areaName === 'Södermalm')!;
    assert.equal(jarva.needType, 'largeChallenges');
    assert.notEqual(soder.needType, 'largeChallenges');
    // The per-type sums are the sums of the areas of that type.
    for (const g of body.byNeedType) {
      const its = body.items.filter((i) => i.needType === g.type);
      assert.equal(g.areas, its.length);
      assert.equal(
        g.dialogueParticipants,
        its.reduce((s, i) => s + i.dialogueParticipants, 0),
      );
      assert.equal(
        g.population,
        its.reduce((s, i) => s + (i.population ?? 0), 0),
      );
    }
    assert.equal(
      body.byNeedType.reduce((s, g) => s + g.dialogueParticipants, 0),
      50,
    );
  });
});
