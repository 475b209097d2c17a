import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engines } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';

interface Hit {
  divisionId: string;
  division: { nameSv: string; current: boolean; validTo: string | null };
  code: string;
  name: string;
}

for (const engine of engines()) {
  describe(`finding an area across divisions (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp({ engine, reference: true });
    });
    after(async () => t?.close());
    const search = async (q: string): Promise<Hit[]> => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/areas/search?q=${encodeURIComponent(q)}` });
      assert.equal(res.statusCode, 200, res.body);
      return (res.json() as { hits: Hit[] }).hits;
    };

    it('finds Järva in the current division and says so', async () => {
      const hits = await search('Järva');
      assert.equal(hits[0]?.divisionId, 'stadsdelsomrade-2023');
      assert.equal(hits[0]?.name, 'Järva');
      assert.equal(hits[0]?.division.current, true);
    });

    it('finds Rinkeby, Husby and Tensta in every division that has them, naming the division', async () => {
      const rinkeby = await search('Rinkeby');
      const divisions = new Set(rinkeby.map((h) => h.divisionId));
      for (const d of ['stadsdel', 'stadsdelsomrade-2020']) assert.ok(divisions.has(d), `Rinkeby in ${d}`);
      const old = rinkeby.find((h) => h.divisionId === 'stadsdelsomrade-2020')!;
      assert.equal(old.name, 'Rinkeby-Kista');
      assert.deepEqual([old.division.current, old.division.validTo], [false, '2023-06-30']);
      assert.equal(rinkeby[0]!.name, 'Rinkeby', 'the exact name first');
      for (const q of ['Husby', 'Tensta']) {
        const hits = await search(q);
        assert.ok(
          hits.some((h) => h.divisionId === 'stadsdel' && h.name === q),
          q,
        );
        assert.ok(hits.every((h) => h.division.nameSv.length > 0));
      }
    });

    it('finds a DeSO by its code, and refuses an empty query naming the field', async () => {
      const hits = await search('0180C1010');
      assert.ok(hits.some((h) => h.divisionId === 'deso' && h.code.startsWith('0180C1010')));
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/areas/search?q=' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /q/);
    });
  });
}
