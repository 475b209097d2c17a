import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../src/db/database.ts';
import { tableCounts } from '../../src/db/repositories/datasets.ts';
import { isReferenceLoaded } from '../../src/db/repositories/datasets.ts';
import { loadReferenceData, referenceStartupLoader } from '../../src/services/reference-load.ts';
import { silentProgress, type Progress } from '../../src/services/progress.ts';
import { bootstrap } from '../../src/services/bootstrap.ts';
import { engines, freshDatabase } from '../helpers/db.ts';
import { join } from 'node:path';
import { readDesoRegsoKey, readRegsoCsv, regsoIndex } from '../../src/importers/scb-regso-csv.ts';
import { dataDir, hasData } from '../helpers/paths.ts';

for (const engine of engines()) {
  describe(`loading the Stockholm reference data (${engine})`, { skip: !hasData && 'no data directory' }, () => {
    let db: Database;
    const steps: string[] = [];
    let ticks = 0;
    const progress: Progress = {
      ...silentProgress,
      step: (l) => void steps.push(l),
      tick: (n = 1) => void (ticks += n),
    };
    before(async () => {
      db = await freshDatabase(engine);
      const t0 = performance.now();
      const r = await db.transaction((tx) => loadReferenceData(tx, dataDir, progress));
      const ms = performance.now() - t0;
      process.stdout.write(
        `# reference load (${engine}): ${Math.round(ms)} ms (build ${r.buildMs} ms, write ${r.writeMs} ms), ${r.rows} rows\n`,
      );
      assert.equal(r.changed, true);
    });
    after(async () => db?.close());

    it('reports progress while reading and writing', () => {
      assert.deepEqual(steps, ['Stockholm reference data: reading', 'Stockholm reference data: writing']);
      assert.ok(ticks > 30000);
    });

    it('writes divisions, areas, crosswalks, indicators and observations', async () => {
      const counts = await tableCounts(db);
      assert.equal(counts.division, 8);
      assert.equal(counts.area, 1 + 11 + 13 + 117 + 127 + 544 + 6 + 8);
      assert.ok(counts.observation! > 25000);
      const areas = await db.query<{ division_id: string; n: number }>(
        'SELECT division_id, count(*)::int AS n FROM area GROUP BY 1 ORDER BY 1',
      );
      assert.deepEqual(Object.fromEntries(areas.map((a) => [a.division_id, a.n])), {
        deso: 544,
        kommun: 1,
        'polisen-uso-2023': 6,
        'polisen-uso-2025': 8,
        regso: 127,
        stadsdel: 117,
        'stadsdelsomrade-2020': 13,
        'stadsdelsomrade-2023': 11,
      });
      assert.deepEqual(
        (
          await db.query<{ name: string }>(
            "SELECT name FROM area WHERE division_id = 'stadsdel' AND code = '0180S-hasselby-gard'",
          )
        )[0]?.name,
        'Hässelby gård',
      );
    });

    it('the population of 2022 sums to 984,748 at every division level', async () => {
      const rows = await db.query<{ division_id: string; total: string; n: number }>(
        `SELECT division_id, sum(value)::text AS total, count(*)::int AS n FROM observation
         WHERE indicator_id = 'population' AND period = '2022' AND status = 'final' GROUP BY 1 ORDER BY 1`,
      );
      assert.deepEqual(
        rows.map((r) => [r.division_id, r.total]),
        [
          ['deso', '984748'],
          ['kommun', '984748'],
          ['regso', '984748'],
          ['stadsdel', '984748'],
          ['stadsdelsomrade-2020', '984748'],
          ['stadsdelsomrade-2023', '984748'],
        ],
      );
      assert.equal(rows.find((r) => r.division_id === 'deso')?.n, 544);
    });

    it("the DeSO populations summed to RegSO through SCB's key equal SCB's own RegSO figures for 2022", async () => {
      const key = await readDesoRegsoKey(join(dataDir, 'scb', 'keys', 'deso2018-regso.csv'));
      const s = await readRegsoCsv(join(dataDir, 'scb', 'regso-2020-2023', 'regso-born-region.csv'), {
        kommunName: 'Stockholm',
        regsoCodes: regsoIndex(key, 'Stockholm'),
        title: 't',
        tableId: 't',
      });
      const scb = new Map(
        s.records
          .filter((r) => r.period === '2022' && r.breakdown['födelseregion'] === 'totalt')
          .map((r) => [r.regionCode, r.value]),
      );
      const ours = await db.query<{ area_code: string; value: string }>(
        "SELECT area_code, value FROM observation WHERE indicator_id = 'population' AND division_id = 'regso' AND period = '2022'",
      );
      assert.equal(ours.length, 127);
      assert.deepEqual(
        ours.filter((o) => Number(o.value) !== scb.get(o.area_code)),
        [],
      );
    });

    it('every stadsdel belongs to exactly one stadsdelsområde in each division', async () => {
      for (const div of ['stadsdelsomrade-2023', 'stadsdelsomrade-2020']) {
        const rows = await db.query<{ code: string; n: number }>(
          `SELECT a.code, count(l.to_code)::int AS n FROM area a
           LEFT JOIN crosswalk_link l ON l.from_division_id = 'stadsdel' AND l.from_code = a.code AND l.to_division_id = $1
           WHERE a.division_id = 'stadsdel' GROUP BY a.code`,
          [div],
        );
        assert.equal(rows.length, 117);
        assert.deepEqual(
          rows.filter((r) => r.n !== 1),
          [],
          div,
        );
      }
      const sdo = await db.query<{ to_division_id: string; n: number }>(
        "SELECT to_division_id, count(DISTINCT to_code)::int AS n FROM crosswalk_link WHERE from_division_id = 'stadsdel' GROUP BY 1 ORDER BY 1",
      );
      assert.deepEqual(
        sdo.map((r) => [r.to_division_id, r.n]),
        [
          ['stadsdelsomrade-2020', 13],
          ['stadsdelsomrade-2023', 11],
        ],
      );
    });

    it('stores the method and confidence with each crosswalk link, and the lists of unmatched and uncovered areas', async () => {
      const m = await db.query<{ method: string; n: number }>(
        "SELECT method, count(*)::int AS n FROM crosswalk_link WHERE from_division_id = 'regso' GROUP BY 1 ORDER BY 1",
      );
      assert.deepEqual(
        m.map((r) => r.method),
        ['explicit-table', 'name-match'],
      );
      assert.equal(
        m.reduce((s, r) => s + r.n, 0),
        127,
      );
      const low = await db.query<{ confidence: string }>(
        "SELECT confidence FROM crosswalk_link WHERE from_division_id = 'regso' AND from_code = '0180R-nockebyhov-olovslund'",
      );
      assert.equal(Number(low[0]?.confidence), 0.7);
      const uncovered = await db.query<{ to_code: string }>(
        "SELECT to_code FROM crosswalk_uncovered WHERE from_division_id = 'regso' ORDER BY 1",
      );
      assert.ok(uncovered.some((u) => u.to_code === '0180S-hansta'));
      const cw = await db.query<{ method: string }>("SELECT method FROM crosswalk WHERE from_division_id = 'deso'");
      assert.equal(cw[0]?.method, 'exact-key');
    });

    it('loading twice changes nothing', async () => {
      const before = await tableCounts(db);
      const snapshot = await db.query(
        "SELECT md5(string_agg(indicator_id || division_id || area_code || period || coalesce(value::text, '-'), ',' ORDER BY indicator_id, division_id, area_code, period)) AS h FROM observation",
      );
      const r = await db.transaction((tx) => loadReferenceData(tx, dataDir, silentProgress));
      assert.equal(r.changed, false);
      assert.deepEqual(await tableCounts(db), before);
      assert.deepEqual(
        await db.query(
          "SELECT md5(string_agg(indicator_id || division_id || area_code || period || coalesce(value::text, '-'), ',' ORDER BY indicator_id, division_id, area_code, period)) AS h FROM observation",
        ),
        snapshot,
      );
      assert.equal(await referenceStartupLoader.isLoaded(db), true);
    });
  });

  describe(`start-up without a data directory and without the shipped dataset (${engine})`, () => {
    it('skips the reference loader and says why', async () => {
      const db = await freshDatabase(engine);
      try {
        const r = await bootstrap(
          db,
          { dataDir: null, shipped: false, progress: silentProgress, now: () => new Date('2026-06-15T10:00:00Z') },
          [referenceStartupLoader],
        );
        assert.deepEqual(r.skipped, [
          { id: 'stockholm-reference', reason: 'no data directory and no shipped dataset' },
        ]);
        assert.equal(await isReferenceLoaded(db), false);
      } finally {
        await db.close();
      }
    });
  });
}
