/**
 * `fardplan fetch scb|kolada|refresh` against a local server that answers like SCB's PxWebApi 2.0 and
 * Kolada's API v3, on both engines: series for Stockholm and its RegSO/DeSO, a second run that changes
 * nothing, revisions, paging, the 25-id limit, incremental updates with deleted values, and failures
 * (429, 503, 500, malformed bodies) that leave the database as it was and name the failing request.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths.ts';
import { engines } from '../helpers/db.ts';
import { startMockApis, type MockApis } from '../helpers/mock-apis.ts';
import { cliDatabase, populationTable, seedKolada, SCB_TABLE, type CliDatabase } from '../helpers/connector-fixture.ts';
import { tableCounts } from '../../src/db/repositories/datasets.ts';
import { revisionsOf } from '../../src/db/repositories/imports.ts';

/** Runs the real command in a child process (the mock server keeps answering in this one). */
function run(env: Record<string, string>, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'bin', 'fardplan.mjs'), ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, FARDPLAN_DATA_DIR: join(repoRoot, 'no-such-data'), ...env },
        encoding: 'utf8',
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const scbArgs = [
  'fetch',
  'scb',
  SCB_TABLE,
  '--regions',
  '0180,regso:0180,deso:0180',
  '--contents',
  'BE0101N1=population-test',
  '--years',
  '2021-2023',
  '--select',
  'Kon=1,2,1+2',
];

for (const engine of engines()) {
  describe(`fardplan fetch (${engine})`, () => {
    let api: MockApis;
    let cdb: CliDatabase;
    let env: Record<string, string>;
    const snapshot = async () => {
      const db = await cdb.open();
      try {
        const counts = await tableCounts(db);
        const [r] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM observation_revision');
        const [q] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM saved_query');
        return { ...counts, revisions: r!.n, queries: q!.n };
      } finally {
        await db.close();
      }
    };
    const query = async <T>(sql: string, params: unknown[] = []) => {
      const db = await cdb.open();
      try {
        return await db.query<T>(sql, params);
      } finally {
        await db.close();
      }
    };

    /** The planner's row count of observation is the real one right after a fetch that published. */
    const plannerKnowsTheRows = async () => {
      const [stats] = await query<{ planned: number; actual: number }>(
        `SELECT (SELECT reltuples::int FROM pg_class WHERE relname = 'observation') AS planned,
                (SELECT count(*)::int FROM observation) AS actual`,
      );
      assert.equal(stats!.planned, stats!.actual, 'the planner knows the published rows at once');
    };

    before(async () => {
      api = await startMockApis();
      api.scbTables.set(SCB_TABLE, populationTable());
      api.scbV1Tables.set('BE/BE0101/BE0101Y/FolkmDesoKon', { ...populationTable(), id: 'FolkmDesoKon' });
      api.scbConfig.maxDataCells = 20; // 4 regions × 3 sexes × 3 years = 36 cells: the client must split
      seedKolada(api);
      cdb = await cliDatabase(engine);
      env = {
        ...cdb.env,
        FARDPLAN_SCB_API: `${api.url}/scb`,
        FARDPLAN_SCB_API_V1: `${api.url}/scb-v1`,
        FARDPLAN_KOLADA_API: `${api.url}/kolada`,
        FARDPLAN_FETCH_BACKOFF_MS: '1',
      };
    });
    after(async () => {
      await api.close();
      await cdb.cleanup();
    });

    it('fetches an SCB table for Stockholm, its RegSO and DeSO, split under the cell limit', async () => {
      const r = await run(env, scbArgs);
      assert.equal(r.code, 0, r.stderr);
      // 4 regions (kommun, RegSO, 2 DeSO) × 3 sexes × 3 years
      assert.match(r.stdout, /36 values in \d+ requests; added 36, changed 0, unchanged 0, deleted 0; batch \d+/);
      const dataCalls = api.log.filter((l) => l.url.includes('/data'));
      assert.ok(dataCalls.length >= 2, 'the query was split');
      for (const c of dataCalls) {
        const sel = (c.body as { selection: { valueCodes: string[] }[] }).selection;
        assert.ok(sel.reduce((n, s) => n * s.valueCodes.length, 1) <= 20);
        assert.ok(c.url.includes('outputFormat=json-stat2'));
      }
      const rows = await query<{
        division_id: string;
        area_code: string;
        breakdown: string;
        value: string | null;
        status: string;
        source: string;
      }>(
        `SELECT division_id, area_code, breakdown, value, status, source FROM observation WHERE indicator_id = 'population-test' AND period = '2021' ORDER BY division_id, area_code, breakdown`,
      );
      const rinkeby = rows.filter((x) => x.division_id === 'regso');
      assert.deepEqual(
        rinkeby.map((x) => x.area_code),
        ['0180R-rinkeby', '0180R-rinkeby', '0180R-rinkeby'],
        'RegSO matched by name',
      );
      assert.deepEqual(
        rinkeby.map((x) => [x.breakdown, x.value]),
        [
          ['', '4200'],
          ['sex=kvinnor', '2200'],
          ['sex=män', '2000'],
        ],
      );
      const missing = rows.find((x) => x.area_code === '0180C6090' && x.breakdown === '')!;
      assert.equal(missing.value, null);
      assert.equal(missing.status, 'missing');
      assert.equal(rows[0]!.source, `SCB, Folkmängd efter region, kön och år, ${SCB_TABLE}`);
      const areas = await query<{ n: number }>(`SELECT count(*)::int AS n FROM area`);
      assert.equal(areas[0]!.n, 4, 'no new places: the values attach to the existing ones');
      await plannerKnowsTheRows();
      const s = await snapshot();
      assert.equal(s.queries, 1, 'the query is saved');
    });

    it('changes nothing on a second run', async () => {
      const before = await snapshot();
      const r = await run(env, scbArgs);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /added 0, changed 0, unchanged 36, deleted 0; nothing changed/);
      assert.deepEqual(await snapshot(), before);
    });

    it('records a revised value as a revision, through `fetch refresh`', async () => {
      api.scbTables.get(SCB_TABLE)!.cells.set('0180C6070|1+2|BE0101N1|2022', 99999);
      const r = await run(env, ['fetch', 'refresh']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /added 0, changed 1, unchanged 35/);
      const [now] = await query<{ value: string; batch_id: number }>(
        `SELECT value, batch_id::int AS batch_id FROM observation WHERE indicator_id = 'population-test' AND area_code = '0180C6070' AND period = '2022' AND breakdown = ''`,
      );
      assert.equal(now!.value, '99999');
      const db = await cdb.open();
      try {
        const revs = await revisionsOf(db, {
          indicatorId: 'population-test',
          divisionId: 'deso',
          areaCode: '0180C6070',
          period: '2022',
          breakdown: '',
        });
        assert.equal(revs.length, 1);
        assert.equal(revs[0]!.value, '6320');
        assert.equal(revs[0]!.change, 'changed');
        assert.equal(revs[0]!.replacedBy, now!.batch_id);
        assert.notEqual(revs[0]!.batchId, now!.batch_id, 'the old value keeps the batch that brought it');
      } finally {
        await db.close();
      }
    });

    it('retries after 429 and 503 and then succeeds', async () => {
      api.failNext({ match: /\/scb\/tables\/.*\/data/, status: 429, retryAfter: '0', times: 1 });
      api.failNext({ match: /\/scb\/config/, status: 503, times: 2 });
      const r = await run(env, scbArgs);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /nothing changed/);
    });

    it('a 500, a persistent 429 or a malformed body leaves the database as it was and names the request', async () => {
      api.scbTables.get(SCB_TABLE)!.cells.set('0180|1+2|BE0101N1|2023', 1);
      const before = await snapshot();
      api.failNext({ match: /\/scb\/tables\/.*\/data/, status: 500, times: 1 });
      let r = await run(env, scbArgs);
      assert.equal(r.code, 3);
      assert.match(
        r.stderr,
        new RegExp(`POST ${api.url}/scb/tables/${SCB_TABLE}/data\\?lang=sv&outputFormat=json-stat2: HTTP 500`),
      );
      api.failNext({ match: /\/scb\/tables\/.*\/data/, status: 429, retryAfter: '0', times: 5 });
      r = await run(env, scbArgs);
      assert.match(r.stderr, /HTTP 429 after 5 attempts/);
      api.failNext({
        match: /\/scb\/tables\/.*\/data/,
        status: 200,
        body: '{"version":"2.0","class":"dataset","value":[1,2',
        times: 1,
      });
      r = await run(env, scbArgs);
      assert.equal(r.code, 3);
      assert.match(r.stderr, /\/data\?lang=sv&outputFormat=json-stat2: the answer is not valid JSON/);
      api.failNext({
        match: /\/scb\/tables\/.*\/data/,
        status: 200,
        body: '{"version":"2.0","class":"dataset","id":["Region"],"size":[1]}',
        times: 1,
      });
      r = await run(env, scbArgs);
      assert.equal(r.code, 3);
      assert.match(r.stderr, /POST .*\/data\?lang=sv&outputFormat=json-stat2: not JSON-stat 2\.0/);
      api.failNext({ match: /\/scb\/tables\/.*\/metadata/, status: 200, body: '[]', times: 1 });
      r = await run(env, scbArgs);
      assert.match(r.stderr, /GET .*\/metadata\?lang=sv&outputFormat=json-stat2: not a table's metadata/);
      assert.deepEqual(await snapshot(), before);
    });

    it('falls back to PxWeb API v1 for a table given by its path', async () => {
      const r = await run(env, [
        'fetch',
        'scb',
        'BE/BE0101/BE0101Y/FolkmDesoKon',
        '--regions',
        'deso:0180',
        '--contents',
        'BE0101N1=population-v1',
        '--years',
        '2022',
        '--no-save',
      ]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /2 values .* added 2/);
      const post = api.log.find((l) => l.method === 'POST' && l.url.startsWith('/scb-v1/'))!;
      assert.deepEqual(post.body, {
        query: [
          { code: 'Region', selection: { filter: 'item', values: ['0180C6070', '0180C6090'] } },
          { code: 'ContentsCode', selection: { filter: 'item', values: ['BE0101N1'] } },
          { code: 'Tid', selection: { filter: 'item', values: ['2022'] } },
        ],
        response: { format: 'json-stat2' },
      });
      const rows = await query<{ area_code: string; value: string; source: string }>(
        `SELECT area_code, value, source FROM observation WHERE indicator_id = 'population-v1' ORDER BY area_code`,
      );
      assert.deepEqual(
        rows.map((x) => [x.area_code, x.value]),
        [
          ['0180C6070', '6320'],
          ['0180C6090', '8420'],
        ],
      );
      assert.equal(rows[0]!.source, 'SCB, Folkmängd efter region, kön och år, BE/BE0101/BE0101Y/FolkmDesoKon');
    });

    it('fetches Kolada KPIs per municipality and unit, following next_url, with gender as breakdown', async () => {
      const r = await run(env, [
        'fetch',
        'kolada',
        'N15428=school-results-test',
        'N00920',
        '--municipality',
        '0180',
        '--ou',
        'V15E018000101',
        '--years',
        '2021-2023',
      ]);
      assert.equal(r.code, 0, r.stderr);
      // 3 years × 3 genders (municipality) + 3 (unit) + 1 (turnout)
      assert.match(r.stdout, /13 values .* added 13/);
      await plannerKnowsTheRows();
      assert.ok(
        api.log.some((l) => l.url.includes('page=2')),
        'followed next_url',
      );
      const rows = await query<{
        indicator_id: string;
        division_id: string;
        area_code: string;
        breakdown: string;
        value: string;
        source: string;
      }>(
        `SELECT indicator_id, division_id, area_code, breakdown, value, source FROM observation
         WHERE indicator_id IN ('school-results-test', 'kolada-n00920') AND period = '2022' ORDER BY indicator_id, division_id, breakdown`,
      );
      assert.deepEqual(
        rows.map((x) => [x.indicator_id, x.division_id, x.area_code, x.breakdown, x.value]),
        [
          ['kolada-n00920', 'kommun', '0180', '', '82.2'],
          ['school-results-test', 'kolada-ou', 'V15E018000101', '', '51'],
          ['school-results-test', 'kommun', '0180', '', '71'],
          ['school-results-test', 'kommun', '0180', 'sex=kvinnor', '74'],
          ['school-results-test', 'kommun', '0180', 'sex=män', '68'],
        ],
      );
      assert.equal(rows[1]!.source, 'Kolada (RKA), N15428');
      const again = await run(env, [
        'fetch',
        'kolada',
        'N15428=school-results-test',
        'N00920',
        '--municipality',
        '0180',
        '--ou',
        'V15E018000101',
        '--years',
        '2021-2023',
      ]);
      assert.match(again.stdout, /added 0, changed 0, unchanged 13, deleted 0; nothing changed/);
    });

    it('keeps at most 25 ids in a path parameter', async () => {
      const many = Array.from({ length: 30 }, (_, i) => `U${String(i).padStart(5, '0')}`);
      const r = await run(env, ['fetch', 'kolada', ...many, '--municipality', '0180', '--years', '2022', '--no-save']);
      assert.equal(r.code, 0, r.stderr);
      for (const l of api.log.filter((x) => x.url.startsWith('/kolada/data/kpi/U'))) {
        assert.ok(decodeURIComponent(l.url.split('/')[4]!).split(',').length <= 25);
      }
      assert.ok(api.log.filter((x) => x.url.startsWith('/kolada/data/kpi/U')).length >= 2);
    });

    it('updates incrementally with from_date, recording revised and deleted values', async () => {
      const row = api.kolada.rows.find(
        (x) => x.kpi === 'N15428' && x.municipality === '0180' && x.period === 2023 && x.gender === 'T',
      )!;
      row.value = 75.5;
      row.updated = '2026-12-01';
      const gone = api.kolada.rows.find(
        (x) => x.kpi === 'N15428' && x.municipality === '0180' && x.period === 2021 && x.gender === 'M',
      )!;
      gone.deleted = true;
      gone.updated = '2026-12-01';
      const r = await run(env, [
        'fetch',
        'kolada',
        'N15428=school-results-test',
        '--municipality',
        '0180',
        '--years',
        '2021-2023',
        '--from-date',
        '2026-11-01',
        '--no-save',
      ]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /added 0, changed 1, unchanged 0, deleted 1/);
      assert.ok(api.log.some((l) => l.url.includes('from_date=2026-11-01')));
      const left = await query<{ n: number }>(
        `SELECT count(*)::int AS n FROM observation WHERE indicator_id = 'school-results-test' AND period = '2021' AND breakdown = 'sex=män'`,
      );
      assert.equal(left[0]!.n, 0);
      const revs = await query<{ change: string; value: string }>(
        `SELECT change, value FROM observation_revision WHERE indicator_id = 'school-results-test' ORDER BY change`,
      );
      assert.deepEqual(
        revs.map((x) => [x.change, x.value]),
        [
          ['changed', '72'],
          ['deleted', '67'],
        ],
      );
    });

    it('a malformed Kolada page names the request and writes nothing', async () => {
      const before = await snapshot();
      api.kolada.rows.find((x) => x.kpi === 'N00920')!.value = 83;
      api.failNext({
        match: /\/kolada\/data\//,
        status: 200,
        body: '{"count":1,"values":[{"kpi":"N00920"}]}',
        times: 1,
      });
      const r = await run(env, ['fetch', 'kolada', 'N00920', '--municipality', '0180', '--years', '2022', '--no-save']);
      assert.equal(r.code, 3);
      assert.match(
        r.stderr,
        /GET .*\/kolada\/data\/kpi\/N00920\/municipality\/0180\/year\/2022\?per_page=5000: the answer does not have the documented shape/,
      );
      assert.deepEqual(await snapshot(), before);
    });
  });
}
