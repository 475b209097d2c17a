/**
 * The app survives its PostgreSQL: a restart and dropped connections under load fail the requests in flight with
 * 503 (never a 500, never the end of the process), /health says "degraded" while the server is away, and the app
 * serves again as soon as it is back. Runs on a private PostgreSQL started by the test (never the shared one).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { openPostgres, type Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { buildApp } from '../../src/server/app.ts';
import { FIXED_NOW, seededBytes } from '../helpers/app.ts';
import { privatePostgresUnavailable, startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres.ts';

const skip = privatePostgresUnavailable();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Outcome {
  at: number;
  status: number;
  id?: string;
}

describe('surviving the database (private PostgreSQL)', { skip: skip ?? false }, () => {
  let server: PrivatePostgres;
  let db: Database;
  let app: FastifyInstance;

  before(async () => {
    server = await startPrivatePostgres();
    process.once('exit', () => server.destroy());
    db = await openPostgres(server.url, { max: 6, connectionTimeoutMillis: 1000 });
    await migrate(db);
    app = await buildApp({
      db,
      version: 'test',
      devWrites: false,
      dataStatus: { dataDir: null, loaded: false, message: null },
      now: () => FIXED_NOW,
      randomBytes: seededBytes('restart'),
    });
  });
  after(async () => {
    await app?.close();
    await db?.close();
    server?.destroy();
  });

  /** Keeps `workers` requests (reads and transactions) going until `stop()`; records every outcome. */
  function load(workers: number) {
    const outcomes: Outcome[] = [];
    let running = true;
    const one = async (i: number): Promise<void> => {
      while (running) {
        if (i % 3 === 2) {
          // a transaction holding a checked-out connection for a while
          const at = Date.now();
          try {
            await db.transaction(async (tx) => {
              await tx.query('SELECT pg_sleep(0.05)');
              await tx.query('SELECT count(*) FROM intervention');
            });
            outcomes.push({ at, status: 200 });
          } catch (err) {
            const id = (err as { id?: string }).id;
            outcomes.push({ at, status: id === 'database_unavailable' ? 503 : 500, ...(id ? { id } : {}) });
            await sleep(20);
          }
        } else {
          const url = i % 3 === 0 ? '/api/v1/interventions' : '/api/v1/health';
          const at = Date.now();
          const res = await app.inject({ method: 'GET', url });
          const body = res.json() as { error?: { id: string }; status?: string };
          // /health answers 503 with status "degraded"; every other route with the error id
          const id =
            res.statusCode >= 400 ? (body.status === 'degraded' ? 'database_unavailable' : body.error?.id) : undefined;
          outcomes.push({ at, status: res.statusCode, ...(id ? { id } : {}) });
          if (res.statusCode !== 200) await sleep(20);
        }
      }
    };
    const done = Promise.all(Array.from({ length: workers }, (_, i) => one(i)));
    return {
      outcomes,
      async stop() {
        running = false;
        await done;
      },
    };
  }

  async function waitForHealthy(timeoutMs: number): Promise<number> {
    const t0 = Date.now();
    while (Date.now() - t0 < timeoutMs) {
      const res = await app.inject({ method: 'GET', url: '/api/v1/health' });
      if (res.statusCode === 200) return Date.now() - t0;
      await sleep(100);
    }
    throw new Error('the app did not recover');
  }

  it('a restart under load fails requests in flight with 503 and the app serves again afterwards', async () => {
    const l = load(9);
    await sleep(700);
    const restartAt = Date.now();
    await server.restart();
    const backAt = Date.now();
    await waitForHealthy(10_000);
    const recovered = Date.now();
    await sleep(1500);
    await l.stop();

    const unexpected = l.outcomes.filter((o) => o.status !== 200 && o.status !== 503);
    assert.deepEqual(unexpected, [], 'only 200 and 503 (database_unavailable)');
    const failed = l.outcomes.filter((o) => o.status === 503);
    assert.ok(
      failed.every((o) => o.id === 'database_unavailable'),
      'the failures name the database',
    );
    assert.ok(
      l.outcomes.some((o) => o.at < restartAt && o.status === 200),
      'requests succeeded before the restart',
    );
    assert.ok(failed.length > 0, 'the restart was noticed by requests in flight');
    const afterRecovery = l.outcomes.filter((o) => o.at >= recovered);
    const ok = afterRecovery.filter((o) => o.status === 200).length;
    assert.ok(ok >= 30, `at least 30 successful requests after recovery (got ${ok})`);
    assert.equal(ok, afterRecovery.length, 'every request after recovery succeeded');
    assert.ok(recovered - backAt < 5000, 'serving again within 5 s of the server being back');
  });

  it('while the server is down, /health says degraded (503) and reads are 503; then it serves again', async () => {
    await server.stop('fast');
    const health = await app.inject({ method: 'GET', url: '/api/v1/health' });
    assert.equal(health.statusCode, 503);
    assert.equal(health.json().status, 'degraded');
    const read = await app.inject({ method: 'GET', url: '/api/v1/interventions' });
    assert.equal(read.statusCode, 503);
    assert.equal(read.json().error.id, 'database_unavailable');
    await assert.rejects(
      db.transaction((tx) => tx.query('SELECT 1')),
      (e: { id?: string }) => e.id === 'database_unavailable',
    );
    await server.start();
    await waitForHealthy(10_000);
    const again = await app.inject({ method: 'GET', url: '/api/v1/interventions' });
    assert.equal(again.statusCode, 200);
  });

  it('connections ended by an administrator fail only the requests using them', async () => {
    const l = load(6);
    await sleep(400);
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    for (let i = 0; i < 3; i++) {
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
      );
      await sleep(200);
    }
    await admin.end();
    const ended = Date.now();
    await sleep(1000);
    await l.stop();
    const unexpected = l.outcomes.filter((o) => o.status !== 200 && o.status !== 503);
    assert.deepEqual(unexpected, []);
    const afterwards = l.outcomes.filter((o) => o.at > ended + 200);
    assert.ok(afterwards.length > 10);
    assert.ok(afterwards.every((o) => o.status === 200));
  });
});
