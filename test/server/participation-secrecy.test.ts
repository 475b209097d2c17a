import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { engines, freshDatabase } from '../helpers/db.ts';
import { FIXED_NOW, seededBytes } from '../helpers/app.ts';
import { upsertAreas, upsertDivisions } from '../../src/db/repositories/datasets.ts';
import { ballotMix } from '../../src/services/participation/index.ts';
import type { Database } from '../../src/db/database.ts';

// The secrecy of the ballot, checked on what the database really holds: ordinary columns, system
// columns (xmin: the writing transaction; ctid: the physical order), times, the audit log and the
// server's log lines. And a code works once even when 50 requests use it at the same moment.

const N = 20;

async function setUp(engine: 'pglite' | 'postgresql', seed: string, mix: { batchSize: number; maxWaitMs: number }) {
  const db = await freshDatabase(engine);
  await upsertDivisions(db, [
    { id: 'stadsdel', nameSv: 'Stadsdelsområde', nameEn: 'District', level: 1, validFrom: null, validTo: null },
  ]);
  await upsertAreas(db, [
    { divisionId: 'stadsdel', code: 'husby', name: 'Husby', parentDivisionId: null, parentCode: null },
  ]);
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const randomBytes = seededBytes(seed);
  const app = await buildApp(
    {
      db,
      version: 'test',
      devWrites: true, // staff steps as an administrator; the resident's steps are public anyway
      dataStatus: { dataDir: null, loaded: false, message: 'test' },
      now: () => FIXED_NOW,
      randomBytes,
    },
    { logger: { level: 'trace', stream } },
  );
  await app.ready();
  ballotMix(db, { randomBytes }, mix);
  const api = '/api/v1/participation';
  const post = (url: string, payload: object, ip = '198.51.100.7') =>
    app.inject({ method: 'POST', url: api + url, payload, remoteAddress: ip });
  const pid = 'husby-hemlig';
  const ok = async (p: Promise<{ statusCode: number; body: string }>) => {
    const r = await p;
    assert.equal(r.statusCode, 200, r.body);
  };
  await ok(post('/processes', { id: pid, name: 'Hemlig', area: 'stadsdel:husby', budget: '1000000', rule: 'greedy' }));
  // one project per voter, so that every ballot is recognisable: p00 … p19
  for (let i = 0; i < N; i++)
    await ok(
      app.inject({
        method: 'PUT',
        url: `${api}/processes/${pid}/projects/p${String(i).padStart(2, '0')}`,
        payload: { title: `Projekt ${i}`, cost: '1000', feasible: true },
      }),
    );
  await ok(post(`/processes/${pid}/phase`, { phase: 'voting' }));
  const codes = (await post(`/processes/${pid}/codes`, { count: N + 2 })).json().codes as string[];
  return { db, app, lines, post, pid, codes };
}

for (const engine of engines()) {
  describe(`secret ballots (${engine})`, () => {
    let db: Database;
    let app: FastifyInstance;
    let lines: string[];
    let pid: string;
    let codes: string[];
    let post: Awaited<ReturnType<typeof setUp>>['post'];

    before(async () => {
      ({ db, app, lines, post, pid, codes } = await setUp(engine, 'secrecy', { batchSize: 10, maxWaitMs: 60_000 }));
    });
    after(async () => {
      await app?.close();
      await db?.close();
    });

    it('stores no ballot in the transaction that uses its code, and mixes the order', async () => {
      // voter i votes for project p<i> with code i, all at once (as a busy polling day would)
      const answers = await Promise.all(
        codes
          .slice(0, N)
          .map((code, i) =>
            post(`/processes/${pid}/ballots`, { code, choices: [`p${String(i).padStart(2, '0')}`] }, `203.0.113.${i}`),
          ),
      );
      for (const r of answers) assert.equal(r.statusCode, 200, r.body);

      type Row = { xid: string; pos: string; choices: string[] };
      const ballots = await db.query<Row>(
        `SELECT xmin::text AS xid, ctid::text AS pos, choices FROM participation_ballot WHERE process_id = $1`,
        [pid],
      );
      assert.equal(ballots.length, N);
      const usedCodes = await db.query<{ xid: string; pos: string; code_hash: string }>(
        `SELECT xmin::text AS xid, ctid::text AS pos, code_hash FROM participation_code WHERE process_id = $1 AND used`,
        [pid],
      );
      assert.equal(usedCodes.length, N);

      // xmin: no ballot was written by a transaction that used a code (the join the attack used finds nothing)
      const linked = await db.query(
        `SELECT b.id FROM participation_ballot b JOIN participation_code c ON c.xmin::text = b.xmin::text
          WHERE b.process_id = $1 AND c.process_id = $1`,
        [pid],
      );
      assert.deepEqual(linked, []);
      const codeXids = new Set(usedCodes.map((c) => c.xid));
      for (const b of ballots) assert.ok(!codeXids.has(b.xid));
      // the ballots went in as two batches of ten: each ballot shares its transaction with nine others
      const perXid = new Map<string, number>();
      for (const b of ballots) perXid.set(b.xid, (perXid.get(b.xid) ?? 0) + 1);
      assert.deepEqual([...perXid.values()].sort(), [10, 10]);

      // ctid: the physical order of the ballots is not the order in which the codes were used
      const byPos = (a: { pos: string }, b: { pos: string }) => {
        const [ap, ai] = a.pos.slice(1, -1).split(',').map(Number) as [number, number];
        const [bp, bi] = b.pos.slice(1, -1).split(',').map(Number) as [number, number];
        return ap - bp || ai - bi;
      };
      const voterOf = (b: Row) => Number((b.choices[0] as string).slice(1));
      const ballotOrder = [...ballots].sort(byPos).map(voterOf);
      const { createHash } = await import('node:crypto');
      const hashOf = (code: string) =>
        createHash('sha256')
          .update(`code:${pid}:${code.replace(/-/g, '')}`)
          .digest('hex');
      const voterOfHash = new Map(codes.slice(0, N).map((c, i) => [hashOf(c), i]));
      const useOrder = [...usedCodes].sort(byPos).map((c) => voterOfHash.get(c.code_hash) as number);
      assert.equal(new Set(useOrder).size, N);
      assert.notDeepEqual(ballotOrder, useOrder, 'ballots lie in the order their codes were used');
      // and within each batch the order is shuffled, not kept
      const firstBatch = ballotOrder.slice(0, 10);
      const sortedBatch = [...firstBatch].sort((a, b) => useOrder.indexOf(a) - useOrder.indexOf(b));
      assert.notDeepEqual(firstBatch, sortedBatch, 'a batch keeps the order of use');
    });

    it('keeps no time, audit entry or log line that ties a ballot to a code', async () => {
      const timeCols = await db.query(
        `SELECT table_name, column_name FROM information_schema.columns
          WHERE table_name IN ('participation_ballot', 'participation_code')
            AND data_type IN ('date', 'timestamp with time zone', 'timestamp without time zone', 'time without time zone')`,
      );
      assert.deepEqual(timeCols, []);
      // commit times are not recorded by the database either (so xmin cannot be turned into a time)
      const [setting] = await db.query<{ track_commit_timestamp: string }>('SHOW track_commit_timestamp');
      assert.equal(setting?.track_commit_timestamp, 'off');
      const audit = await db.query(
        `SELECT action, entity FROM audit_log WHERE entity IN ('participation_ballot', 'participation_code') OR action = 'vote'`,
      );
      assert.deepEqual(audit, []);
      // the server's log (at trace level) names no code, code hash, ballot id or choice
      const ballots = await db.query<{ id: string }>(`SELECT id FROM participation_ballot`);
      const hashes = await db.query<{ code_hash: string }>(`SELECT code_hash FROM participation_code`);
      const log = lines.join('');
      assert.ok(log.length > 0, 'the logger wrote nothing: the check would prove nothing');
      assert.match(log, /ballots/); // requests are logged …
      for (const secret of [
        ...codes.map((c) => c.replace(/-/g, '')),
        ...codes,
        ...hashes.map((h) => h.code_hash),
        ...ballots.map((b) => b.id),
      ])
        assert.ok(!log.includes(secret), `a log line holds ${secret}`);
      assert.ok(!log.includes('"choices"'), 'a log line holds a ballot’s choices');
      for (const line of lines.filter((l) => l.includes('/ballots')))
        assert.ok(!/p\d\d/.test(line), `a ballot request's log line holds a choice: ${line}`);
    });

    it('50 simultaneous uses of one code give exactly one ballot', async () => {
      const code = codes[N] as string;
      ballotMix(db, { randomBytes: app.deps.randomBytes }, { batchSize: 1, maxWaitMs: 60_000 }); // no waiting here
      const before = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM participation_ballot`))[0]?.n;
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          post(`/processes/${pid}/ballots`, { code, choices: ['p01'] }, `192.0.2.${i}`),
        ),
      );
      const settled = answers.filter((r) => r.statusCode !== 200);
      assert.equal(settled.length, 49);
      for (const r of settled) {
        assert.equal(r.statusCode, 403, r.body);
        assert.equal(r.json().error.details[0].code, 'vote_code_used');
      }
      assert.equal(answers.filter((r) => r.statusCode === 200).length, 1);
      const after = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM participation_ballot`))[0]?.n;
      assert.equal((after as number) - (before as number), 1);
      const [codeRow] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM participation_code WHERE process_id = $1 AND used`,
        [pid],
      );
      assert.equal(codeRow?.n, N + 1);
    });
  });
}
