import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../helpers/app.ts';
import { engines, freshDatabase } from '../helpers/db.ts';
import { upsertAreas, upsertDivisions } from '../../src/db/repositories/datasets.ts';
import { PUBLIC_WRITE_LIMITS } from '../../src/core/participation/rate.ts';

for (const engine of engines()) {
  describe(`participation public writes are rate limited per address (${engine})`, () => {
    let t: TestApp;
    const api = '/api/v1/participation';
    before(async () => {
      const db = await freshDatabase(engine);
      await upsertDivisions(db, [
        { id: 'stadsdel', nameSv: 'Stadsdelsområde', nameEn: 'District', level: 1, validFrom: null, validTo: null },
      ]);
      await upsertAreas(db, [
        { divisionId: 'stadsdel', code: 'husby', name: 'Husby', parentDivisionId: null, parentCode: null },
      ]);
      t = await testApp({ db });
    });
    after(async () => {
      await t?.close();
    });
    const post = (url: string, payload: object, remoteAddress: string) =>
      t.app.inject({ method: 'POST', url: api + url, payload, remoteAddress });
    const proposal = (i: number) => ({
      area: 'stadsdel:husby',
      title: `Förslag nummer ${i}`,
      body: 'En text som är tillräckligt lång för ett förslag.',
    });

    it('refuses proposals with 429 rate_limited after the limit, and other addresses are unaffected', async () => {
      const { limit } = PUBLIC_WRITE_LIMITS.proposal;
      for (let i = 0; i < limit; i++) {
        const res = await post('/proposals', proposal(i), '192.0.2.10');
        assert.equal(res.statusCode, 200, res.body);
      }
      const over = await post('/proposals', proposal(limit), '192.0.2.10');
      assert.equal(over.statusCode, 429, over.body);
      assert.equal(over.json().error.id, 'rate_limited');
      assert.ok(Number(over.headers['retry-after']) > 0, 'a Retry-After header');
      const other = await post('/proposals', proposal(99), '192.0.2.11');
      assert.equal(other.statusCode, 200, other.body);
    });

    it('counts each kind of write on its own: supports and ballots from a limited address still work until their own limit', async () => {
      // the address that used up its proposals may still support (404: no such proposal, but not 429)
      const res = await post('/proposals/nope/support', { supporterKey: 'browser-key-aaaaaaaaaaaa' }, '192.0.2.10');
      assert.equal(res.statusCode, 404, res.body);
    });

    it('limits supports and ballots too, counting refused attempts (e.g. guessing codes)', async () => {
      for (const [kind, url, body] of [
        ['support', '/proposals/nope/support', { supporterKey: 'browser-key-bbbbbbbbbbbb' }],
        ['ballot', '/processes/nope/ballots', { code: 'ABCD-EFGH-JKMN', choices: [] }],
      ] as const) {
        const { limit } = PUBLIC_WRITE_LIMITS[kind];
        const ip = kind === 'support' ? '198.51.100.1' : '198.51.100.2';
        for (let i = 0; i < limit; i++) assert.equal((await post(url, body, ip)).statusCode, 404, `${kind} ${i}`);
        const over = await post(url, body, ip);
        assert.equal(over.statusCode, 429, `${kind}: ${over.body}`);
        assert.equal(over.json().error.id, 'rate_limited');
        assert.equal((await post(url, body, '198.51.100.3')).statusCode, 404, `${kind} from another address`);
      }
    });
  });
}
