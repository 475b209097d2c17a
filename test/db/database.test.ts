import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engines, freshDatabase } from '../helpers/db.ts';
import type { Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { listMigrations } from '../../src/db/migration-files.ts';

for (const engine of engines()) {
  describe(`database layer (${engine})`, () => {
    let db: Database;
    before(async () => {
      db = await freshDatabase(engine);
    });
    after(async () => {
      await db.close();
    });

    it('reports its engine', () => {
      assert.equal(db.engine, engine);
    });

    it('applies every migration once and is idempotent', async () => {
      const ids = (await db.query<{ id: string }>('SELECT id FROM schema_migration ORDER BY id')).map((r) => r.id);
      assert.deepEqual(
        ids,
        listMigrations().map((m) => m.id),
      );
      assert.deepEqual(await migrate(db), []);
    });

    it('runs statements a transaction starts together one at a time on its connection, each with its answer', async () => {
      const warnings: string[] = [];
      const listen = (w: Error) => warnings.push(w.message);
      process.on('warning', listen);
      try {
        const answers = await db.transaction((tx) =>
          Promise.all([
            tx.query<{ n: number }>('SELECT 1::int AS n FROM pg_sleep(0.02)'),
            tx.query<{ n: number }>('SELECT 2::int AS n'),
            tx.query<{ n: number }>('SELECT $1::int AS n', [3]),
          ]),
        );
        assert.deepEqual(
          answers.map(([r]) => r?.n),
          [1, 2, 3],
        );
        await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
      } finally {
        process.off('warning', listen);
      }
      // pg deprecates overlapping statements on one client (and pg 9 refuses them)
      assert.deepEqual(
        warnings.filter((m) => m.includes('already executing a query')),
        [],
      );
    });

    it('returns the same value shapes on both engines', async () => {
      const [row] = await db.query<Record<string, unknown>>(
        `SELECT 1::int4 AS i, 9007199254740::int8 AS b, 12.345::numeric AS n, DATE '2023-07-01' AS d,
                TIMESTAMPTZ '2024-01-02 03:04:05+00' AS t, '{"a":[1,2]}'::jsonb AS j, ARRAY['x','y'] AS arr, $1::text AS p`,
        ['param'],
      );
      assert.deepEqual(row, {
        i: 1,
        b: 9007199254740,
        n: '12.345',
        d: '2023-07-01',
        t: '2024-01-02T03:04:05.000Z',
        j: { a: [1, 2] },
        arr: ['x', 'y'],
        p: 'param',
      });
    });

    it('accepts arrays as parameters for batched inserts through unnest', async () => {
      await db.query(
        `INSERT INTO source (id, name, publisher, citation) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
        [
          ['s1', 's2'],
          ['One', 'Two'],
          ['SCB', 'SCB'],
          ['Källa: SCB', 'Källa: SCB'],
        ],
      );
      const rows = await db.query<{ id: string }>('SELECT id FROM source ORDER BY id');
      assert.deepEqual(
        rows.map((r) => r.id),
        ['s1', 's2'],
      );
    });

    it('rolls a failed transaction back completely', async () => {
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.query(
            `INSERT INTO source (id, name, publisher, citation) VALUES ('s3', 'Three', 'SCB', 'Källa: SCB')`,
          );
          await tx.query(
            `INSERT INTO source (id, name, publisher, citation) VALUES ('s3', 'Dup', 'SCB', 'Källa: SCB')`,
          );
        }),
      );
      const rows = await db.query('SELECT id FROM source WHERE id = $1', ['s3']);
      assert.equal(rows.length, 0);
    });
  });
}
