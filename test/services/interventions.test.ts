import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database, Queryable } from '../../src/db/database.ts';
import { readInterventions, registerCounts } from '../../src/db/repositories/interventions.ts';
import { SYSTEM_USER, commitImport, interventionsLoader } from '../../src/services/interventions/index.ts';
import { AppError } from '../../src/core/errors.ts';
import { FIXED_NOW } from '../helpers/app.ts';
import { engines, freshDatabase } from '../helpers/db.ts';
import { JARVA, SKARHOLMEN, VALID_CSV, loadInterventionFixture } from '../helpers/interventions-fixture.ts';
import { repoRoot } from '../helpers/paths.ts';

/** The database, but the n-th budget-line insert inside a transaction fails (a fault in the middle of a write). */
function failingOnBudgetInsert(db: Database, n: number): Database {
  let seen = 0;
  const wrap = (tx: Queryable): Queryable => ({
    async query<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
      if (/^\s*insert/i.test(sql) && /budget_line/.test(sql) && ++seen === n)
        throw new Error('simulated failure while writing');
      return tx.query<T>(sql, params);
    },
    exec: (sql: string) => tx.exec(sql),
  });
  return { ...db, transaction: (fn) => db.transaction((tx) => fn(wrap(tx))) };
}

for (const engine of engines()) {
  describe(`interventions service (${engine})`, () => {
    it('writes all or nothing: a failure in the middle of an import leaves the database as it was', async () => {
      const db = await freshDatabase(engine);
      try {
        await loadInterventionFixture(db);
        const before = await registerCounts(db);
        // the third intervention's budget lines fail after two interventions (and a committee) were written
        await assert.rejects(
          commitImport(failingOnBudgetInsert(db, 3), Buffer.from(VALID_CSV), 'csv', {
            user: SYSTEM_USER,
            now: FIXED_NOW,
          }),
          /simulated failure/,
        );
        assert.deepEqual(await registerCounts(db), before);
        assert.deepEqual(await readInterventions(db), []);
        // and the same file without the fault is written
        const ok = await commitImport(db, Buffer.from(VALID_CSV), 'csv', { user: SYSTEM_USER, now: FIXED_NOW });
        assert.equal(ok.written, 5);
        const counts = await registerCounts(db);
        assert.equal(counts.intervention, 5);
        assert.equal(counts.budget_line, 7);
        assert.equal((counts.audit_log ?? 0) - (before.audit_log ?? 0), 5);
      } finally {
        await db.close();
      }
    });

    it('refuses a file with problems before writing anything', async () => {
      const db = await freshDatabase(engine);
      try {
        await loadInterventionFixture(db);
        const before = await registerCounts(db);
        const bad = VALID_CSV.replace(
          'insats-e,Platssamverkan Rinkeby,,Järva stadsdelsnämnd,Ordinarie budget,Rinkeby',
          'insats-e,Platssamverkan Rinkeby,,Järva stadsdelsnämnd,Ordinarie budget,Ringeby',
        );
        await assert.rejects(
          commitImport(db, Buffer.from(bad), 'csv', { user: SYSTEM_USER, now: FIXED_NOW }),
          (e: unknown) => {
            assert.ok(e instanceof AppError);
            assert.equal(e.id, 'import_failed');
            assert.deepEqual(e.details, [{ line: 8, field: 'areas', message: 'unknown area "Ringeby"' }]);
            return true;
          },
        );
        assert.deepEqual(await registerCounts(db), before);
      } finally {
        await db.close();
      }
    });

    it('loads the interventions of the source documents as the starting register', async () => {
      const db = await freshDatabase(engine);
      try {
        await loadInterventionFixture(db, [interventionsLoader()]);
        const raw = JSON.parse(readFileSync(join(repoRoot, 'data', 'framework', 'interventions.json'), 'utf8')) as {
          id: string;
          amountsPerYear: Record<string, string>;
        }[];
        const list = await readInterventions(db);
        assert.equal(list.length, raw.length);
        // every amount of the file is in the register, exactly
        const fileTotal = raw.reduce(
          (s, i) => s + Object.values(i.amountsPerYear).reduce((a, k) => a + BigInt(k), 0n),
          0n,
        );
        const registerTotal = list.reduce((s, i) => s + i.budget.reduce((a, l) => a + (l.planned ?? 0n), 0n), 0n);
        assert.equal(registerTotal, fileTotal);
        const byId = new Map(list.map((i) => [i.id, i]));
        const fund = byId.get('i-001-trygghetsfonden');
        assert.deepEqual(fund?.areas, ['city']);
        assert.equal(fund?.fundingSource, 'Trygghetsfonden');
        assert.deepEqual(fund?.budget, [{ year: 2021, area: null, planned: 100_000_000n, decided: null, spent: null }]);
        const parenting = byId.get('i-001-foraldraskapsprogram');
        assert.equal(parenting?.budget[0]?.planned, 4_000_000n);
        assert.equal(parenting?.status, 'planned');
        assert.deepEqual(parenting?.citation, {
          document: '001_082b2fdf56f4f767.txt',
          section: 'Några av våra förslag för ett tryggare Stockholm',
          quote:
            'Vi vill att väntetiderna till föräldraskapsprogrammen ska kortas och fler få möjlighet att delta. (+4 mnkr)',
        });
        // named areas that are areas are resolved; places that are no area are left out (here the
        // area groups are not loaded, so "Stureplan" resolves to nothing)
        assert.deepEqual(byId.get('i-002-kommunal-samverkan-basta-skola')?.areas, [JARVA]);
        assert.deepEqual(byId.get('i-002-skarholmen-samhandling')?.areas, [SKARHOLMEN]);
        assert.equal(byId.get('i-002-skarholmen-samhandling')?.committee, 'Skärholmens stadsdelsnämnd');
        assert.deepEqual(byId.get('i-001-trygghetskontor-platssamverkan')?.areas, []);
        // a second start does not load it again
        assert.equal(await interventionsLoader().isLoaded(db), true);
      } finally {
        await db.close();
      }
    });
  });
}
