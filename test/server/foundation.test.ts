import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engines } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { securityHeaders } from '../../src/server/security-headers.ts';

for (const engine of engines()) {
  describe(`HTTP foundation (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp({ engine });
    });
    after(async () => {
      await t.close();
    });

    it('answers health with the engine in use', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.equal(body.status, 'ok');
      assert.equal(body.database, engine);
      assert.equal(body.version, 'test');
    });

    it('answers unknown API routes with a JSON 404 carrying a stable id', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing?x=1' });
      assert.equal(res.statusCode, 404);
      assert.deepEqual(res.json(), { error: { id: 'not_found', message: 'No route GET /api/v1/no-such-thing' } });
    });

    it('publishes an OpenAPI document generated from the route schemas', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
      assert.equal(res.statusCode, 200);
      const doc = res.json();
      assert.equal(doc.openapi, '3.1.0');
      const health = doc.paths['/api/v1/health'].get;
      assert.deepEqual(Object.keys(health.responses['200'].content['application/json'].schema.properties).sort(), [
        'data',
        'database',
        'status',
        'version',
      ]);
    });

    it('sends an ETag and answers 304 when the client has the same body', async () => {
      const first = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
      const etag = first.headers.etag as string;
      assert.match(etag, /^W\/"[\w-]+"$/);
      const again = await t.app.inject({ method: 'GET', url: '/api/v1/health', headers: { 'if-none-match': etag } });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
    });

    it('sets security headers, including a content security policy', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
      assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
    });

    it("sends helmet's very headers on every kind of answer: success, 304, 404, a refused request, an error", async () => {
      const { set, removed } = securityHeaders();
      assert.ok(Object.keys(set).length >= 10 && removed.includes('x-powered-by'));
      const ok = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
      const answers = [
        ok,
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/health',
          headers: { 'if-none-match': String(ok.headers.etag) },
        }),
        await t.app.inject({ method: 'GET', url: '/api/v1/no-such-route' }),
        await t.app.inject({ method: 'GET', url: '/api/v1/indicators/population/values?division=' }),
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: '{not json',
          headers: { 'content-type': 'application/json' },
        }),
      ];
      assert.deepEqual(
        answers.map((r) => r.statusCode),
        [200, 304, 404, 400, 400],
      );
      for (const r of answers) {
        for (const [name, value] of Object.entries(set))
          assert.equal(r.headers[name], value, `${r.statusCode} ${name}`);
        assert.equal(r.headers['x-powered-by'], undefined);
      }
    });
  });
}

describe('error mapping', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(async () => {
    await t.close();
  });

  it('hides the internals of a 5xx', async () => {
    // A route that fails like a bug would: the answer must not leak the message or a stack.
    const { buildApp } = await import('../../src/server/app.ts');
    const app = await buildApp(t.app.deps);
    app.get('/api/v1/boom', async () => {
      throw new Error('secret connection string postgres://user:pw@host');
    });
    const res = await app.inject({ method: 'GET', url: '/api/v1/boom' });
    assert.equal(res.statusCode, 500);
    assert.deepEqual(res.json(), {
      error: { id: 'internal', message: 'An internal error occurred. It has been logged.' },
    });
    assert.doesNotMatch(res.body, /secret|postgres:/);
    await app.close();
  });
});
