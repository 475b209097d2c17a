/**
 * The response cache: derived reads are computed once per data version and served from memory; a write or an
 * import invalidates exactly the cached results that depend on it (and no others); a revalidation with the
 * ETag is a 304 without a query; two app instances on one PostgreSQL see each other's edits.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { engines } from '../helpers/db.ts';
import { FIXED_NOW, seededBytes, testApp, type TestApp } from '../helpers/app.ts';
import { repoRoot } from '../helpers/paths.ts';
import { openPostgres, type Database } from '../../src/db/database.ts';
import { buildApp } from '../../src/server/app.ts';
import { readDataVersions, tableDomain } from '../../src/db/data-version.ts';
import { loadDirectory } from '../../src/services/datasets.ts';
import { directoryLoaders } from '../../src/services/loaders.ts';
import { silentProgress } from '../../src/services/progress.ts';

const get = (
  app: FastifyInstance,
  url: string,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> => app.inject({ method: 'GET', url, headers });

/**
 * Counts the statements sent through `db` while `fn` runs, apart from the read of the data version counters
 * (made at most once per check interval, shared by every request in it).
 */
async function countQueries(db: Database, fn: () => Promise<void>): Promise<number> {
  const original = db.query;
  let n = 0;
  db.query = (async (sql: string, params?: readonly unknown[]) => {
    if (!/FROM data_version/.test(sql)) n++;
    return original.call(db, sql, params);
  }) as Database['query'];
  try {
    await fn();
  } finally {
    db.query = original;
  }
  return n;
}

describe('data version domains', () => {
  it('maps every table to the domain whose results it changes', () => {
    assert.equal(tableDomain('observation'), 'statistics');
    assert.equal(tableDomain('crosswalk_link'), 'geography');
    assert.equal(tableDomain('area'), 'geography');
    assert.equal(tableDomain('intervention_area'), 'interventions');
    assert.equal(tableDomain('budget_line'), 'interventions');
    assert.equal(tableDomain('manual_status'), 'goals');
    assert.equal(tableDomain('participation_ballot'), 'participation');
    assert.equal(tableDomain('allocation_scenario'), 'analysis');
    assert.equal(tableDomain('user_session'), null);
    assert.equal(tableDomain('audit_log'), null);
    assert.equal(tableDomain('some_new_table'), 'other');
  });
});

for (const engine of engines()) {
  describe(`response cache (${engine})`, () => {
    let t: TestApp;
    let deso: string;
    let interventionId: string;
    const profileUrl = (): string => `/api/v1/areas/deso/${deso}/profile`;
    before(async () => {
      t = await testApp({ engine, reference: true });
      const [a] = await t.db.query<{ code: string }>(
        `SELECT code FROM area WHERE division_id = 'deso' ORDER BY code LIMIT 1 OFFSET 10`,
      );
      deso = a!.code;
      const [i] = await t.db.query<{ id: string }>(
        `SELECT id FROM intervention WHERE publication = 'published' ORDER BY id LIMIT 1`,
      );
      interventionId = i!.id;
    });
    after(async () => {
      await t.close();
    });

    it('computes a derived read once and serves it again from memory, with the same bytes', async () => {
      const first = await get(t.app, profileUrl());
      assert.equal(first.statusCode, 200);
      assert.equal(first.headers['x-cache'], 'miss');
      let second!: LightMyRequestResponse;
      const queries = await countQueries(t.db, async () => {
        second = await get(t.app, profileUrl());
      });
      assert.equal(second.headers['x-cache'], 'hit');
      assert.equal(second.body, first.body);
      assert.equal(second.headers.etag, first.headers.etag);
      assert.equal(queries, 0, 'a cached read sends no statement to the database');
    });

    it('sends a hit and a 304 with the same headers as the computed answer, the security headers included', async () => {
      const url = '/api/v1/interventions/budget';
      const miss = await get(t.app, url);
      const hit = await get(t.app, url);
      const revalidated = await get(t.app, url, { 'if-none-match': String(miss.headers.etag) });
      assert.deepEqual([miss.headers['x-cache'], hit.headers['x-cache'], revalidated.statusCode], ['miss', 'hit', 304]);
      const { date: _d1, 'x-cache': _x1, ...missHeaders } = miss.headers;
      const { date: _d2, 'x-cache': _x2, ...hitHeaders } = hit.headers;
      assert.deepEqual(hitHeaders, missHeaders);
      for (const res of [hit, revalidated]) {
        assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
        assert.equal(res.headers['x-content-type-options'], 'nosniff');
        assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
        assert.ok(res.headers['strict-transport-security']);
      }
    });

    it('keys an answer by the Stockholm day: a hit within the day, a new answer after midnight in Stockholm', async () => {
      let clock = new Date('2026-12-01T22:59:10Z'); // 23:59:10 in Stockholm (CET)
      const c = await testApp({ engine, now: () => clock });
      try {
        const url = '/api/v1/analysis/scenarios';
        const at = async (iso: string) => {
          clock = new Date(iso);
          return get(c.app, url);
        };
        const answers = [
          await at('2026-12-01T22:59:10Z'),
          await at('2026-12-01T22:59:50Z'), // the same minute
          await at('2026-12-01T23:00:05Z'), // 00:00:05 on 2 December in Stockholm
          await at('2026-12-01T23:30:00Z'),
          await at('2027-06-30T21:59:30Z'), // 23:59:30 in summer (CEST)
          await at('2027-06-30T22:00:30Z'), // 00:00:30 on 1 July
          await at('2027-06-30T22:00:50Z'),
        ];
        assert.deepEqual(
          answers.map((r) => r.headers['x-cache']),
          ['miss', 'hit', 'miss', 'hit', 'miss', 'miss', 'hit'],
        );
        assert.notEqual(answers[2]!.headers.etag, answers[0]!.headers.etag);
      } finally {
        await c.close();
      }
    });

    it('answers a revalidation with 304 and no query', async () => {
      const first = await get(t.app, '/api/v1/interventions/budget');
      assert.equal(first.statusCode, 200);
      const etag = String(first.headers.etag);
      let again!: LightMyRequestResponse;
      const queries = await countQueries(t.db, async () => {
        again = await get(t.app, '/api/v1/interventions/budget', { 'if-none-match': etag });
      });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
      assert.equal(queries, 0);
    });

    it('compresses a cached JSON response above 1 kB for a client that accepts it', async () => {
      await get(t.app, '/api/v1/interventions');
      for (const enc of ['br', 'gzip'] as const) {
        const r = await get(t.app, '/api/v1/interventions', { 'accept-encoding': enc });
        assert.equal(r.headers['content-encoding'], enc);
        assert.match(String(r.headers.vary), /Accept-Encoding/i);
      }
      const plain = await get(t.app, '/api/v1/interventions');
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.ok(plain.body.length > 1024);
      // An uncached route is compressed too (by @fastify/compress).
      const openapi = await get(t.app, '/api/v1/openapi.json', { 'accept-encoding': 'gzip' });
      assert.equal(openapi.headers['content-encoding'], 'gzip');
    });

    it('an edit to an intervention invalidates the intervention reads and leaves the statistics cached', async () => {
      const list = await get(t.app, '/api/v1/interventions');
      const budget = await get(t.app, '/api/v1/interventions/budget');
      const detail = await get(t.app, `/api/v1/interventions/${encodeURIComponent(interventionId)}`);
      assert.equal(detail.statusCode, 200);
      await get(t.app, profileUrl());
      const before = await readDataVersions(t.db);

      await t.db.query(`UPDATE intervention SET name = name || ' (ändrad)' WHERE id = $1`, [interventionId]);
      const after = await readDataVersions(t.db);
      assert.equal(after.interventions, before.interventions + 1);
      assert.equal(after.statistics, before.statistics);

      const list2 = await get(t.app, '/api/v1/interventions');
      assert.equal(list2.headers['x-cache'], 'miss');
      assert.notEqual(list2.headers.etag, list.headers.etag);
      assert.match(list2.body, /\(ändrad\)/);
      const detail2 = await get(t.app, `/api/v1/interventions/${encodeURIComponent(interventionId)}`);
      assert.equal(detail2.headers['x-cache'], 'miss');
      assert.match(detail2.body, /\(ändrad\)/);
      const budget2 = await get(t.app, '/api/v1/interventions/budget');
      assert.equal(budget2.headers['x-cache'], 'miss');
      assert.notEqual(budget2.headers.etag, budget.headers.etag);
      const profile = await get(t.app, profileUrl());
      assert.equal(profile.headers['x-cache'], 'hit', 'statistics do not depend on interventions');
    });

    it('a changed observation invalidates profiles, budget views and one intervention (its targets), not the interventions list', async () => {
      const profile = await get(t.app, profileUrl());
      await get(t.app, '/api/v1/interventions/budget');
      const one = `/api/v1/interventions/${(JSON.parse((await get(t.app, '/api/v1/interventions')).body) as { items: { id: string }[] }).items[0]!.id}`;
      await get(t.app, one);
      assert.equal((await get(t.app, one)).headers['x-cache'], 'hit');
      const list = await get(t.app, '/api/v1/interventions');
      assert.equal(list.headers['x-cache'], 'hit');
      const [obs] = await t.db.query<{ indicator_id: string }>(
        `SELECT indicator_id FROM observation
          WHERE division_id = 'deso' AND area_code = $1 AND value IS NOT NULL
          ORDER BY period DESC, indicator_id LIMIT 1`,
        [deso],
      );
      await t.db.transaction(async (tx) => {
        await tx.query(
          `UPDATE observation SET value = value + 12345 WHERE division_id = 'deso' AND area_code = $1
             AND indicator_id = $2`,
          [deso, obs!.indicator_id],
        );
      });
      const profile2 = await get(t.app, profileUrl());
      assert.equal(profile2.headers['x-cache'], 'miss');
      assert.notEqual(profile2.body, profile.body, 'the edited value shows at once');
      const budget2 = await get(t.app, '/api/v1/interventions/budget');
      assert.equal(budget2.headers['x-cache'], 'miss', 'budget views weigh spending per resident');
      const list2 = await get(t.app, '/api/v1/interventions');
      assert.equal(list2.headers['x-cache'], 'hit', 'the list does not depend on observations');
      assert.equal(list2.body, list.body);
      assert.equal((await get(t.app, one)).headers['x-cache'], 'miss', "an intervention shows its targets' statuses");
    });

    it('an import invalidates the statistics routes and leaves the rest cached', async () => {
      const indicators = await get(t.app, '/api/v1/indicators');
      assert.doesNotMatch(indicators.body, /demo-employment/);
      await get(t.app, '/api/v1/analysis/scenarios');
      const before = await readDataVersions(t.db);
      await loadDirectory(t.db, join(repoRoot, 'test', 'fixtures', 'datasets', 'good'), directoryLoaders, {
        progress: silentProgress,
        now: () => FIXED_NOW,
      });
      const after = await readDataVersions(t.db);
      assert.equal(after.statistics, before.statistics + 1, 'one bump per transaction, not per statement');
      for (const d of ['interventions', 'goals', 'participation', 'analysis', 'other'] as const)
        assert.equal(after[d], before[d], d);
      const indicators2 = await get(t.app, '/api/v1/indicators');
      assert.equal(indicators2.headers['x-cache'], 'miss');
      assert.match(indicators2.body, /demo-employment/);
      const scenarios = await get(t.app, '/api/v1/analysis/scenarios');
      assert.equal(scenarios.headers['x-cache'], 'hit', 'saved scenarios keep their stored results');
    });

    it('a failed (rolled back) write changes no version', async () => {
      const before = await readDataVersions(t.db);
      await assert.rejects(
        t.db.transaction(async (tx) => {
          await tx.query(`UPDATE intervention SET name = 'x' WHERE id = $1`, [interventionId]);
          throw new Error('abort');
        }),
      );
      assert.deepEqual(await readDataVersions(t.db), before);
    });

    it('keeps drafts out of the public cache: staff and public have separate entries', async () => {
      const dev = await testApp({ engine, db: t.db, devWrites: true });
      try {
        const staff = await get(dev.app, '/api/v1/interventions');
        const pub = await get(t.app, '/api/v1/interventions');
        assert.notEqual(staff.headers.etag, pub.headers.etag);
      } finally {
        await dev.app.close();
      }
    });

    if (engine === 'postgresql') {
      it('two app instances on one PostgreSQL: an edit through one is seen by the other', async () => {
        const [{ name } = { name: '' }] = await t.db.query<{ name: string }>('SELECT current_database() AS name');
        const url = new URL(process.env.TEST_DATABASE_URL!);
        url.pathname = `/${name}`;
        const db2 = await openPostgres(url.toString());
        const interval = 50;
        const other = await buildApp(
          {
            db: db2,
            version: 'test',
            devWrites: false,
            dataStatus: { dataDir: null, loaded: true, message: null },
            now: () => FIXED_NOW,
            randomBytes: seededBytes(),
          },
          { cache: { checkIntervalMs: interval } },
        );
        try {
          const a1 = await get(t.app, '/api/v1/interventions');
          const b1 = await get(other, '/api/v1/interventions');
          assert.equal(b1.body, a1.body);
          assert.equal(b1.headers.etag, a1.headers.etag, 'the ETag is the same in every process');
          assert.equal((await get(other, '/api/v1/interventions')).headers['x-cache'], 'hit');
          // Written through instance A's connection: B has never seen a write of its own.
          await t.db.query(`UPDATE intervention SET name = name || ' (B ser)' WHERE id = $1`, [interventionId]);
          // B trusts its last read of the counters for at most `interval` ms.
          await new Promise((r) => setTimeout(r, interval + 20));
          const b2 = await get(other, '/api/v1/interventions');
          assert.equal(b2.headers['x-cache'], 'miss');
          assert.match(b2.body, /\(B ser\)/);
          const a2 = await get(t.app, '/api/v1/interventions');
          assert.equal(a2.body, b2.body);
          // And the other way round: an edit through B, then a read through A after A's interval.
          await db2.query(`UPDATE intervention SET name = name || ' (A ser)' WHERE id = $1`, [interventionId]);
          await new Promise((r) => setTimeout(r, 520));
          const a3 = await get(t.app, '/api/v1/interventions');
          assert.match(a3.body, /\(A ser\)/);
        } finally {
          await other.close();
          await db2.close();
        }
      });
    }
  });
}
