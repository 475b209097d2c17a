import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { engines } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { signInAs, type SignedInClient } from '../helpers/auth.ts';
import { seedImportPlaces, GOOD_CSV, BAD_CSV, b64 } from '../helpers/imports-fixture.ts';
import { tableCounts } from '../../src/db/repositories/datasets.ts';
import { saveQuery } from '../../src/db/repositories/imports.ts';
import { startMockApis } from '../helpers/mock-apis.ts';
import { populationTable, SCB_TABLE } from '../helpers/connector-fixture.ts';

for (const engine of engines()) {
  describe(`imports API (${engine})`, () => {
    let t: TestApp;
    let analyst: SignedInClient;
    const post = (url: string, payload: unknown, headers = analyst.headers) =>
      t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as object });
    const cityValues = async (id: string, period: string) => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/indicators/${id}/values?division=regso&period=${period}`,
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<{ values: { code: string; value: number | string | null }[] }>();
    };

    before(async () => {
      t = await testApp({ engine });
      await seedImportPlaces(t.db);
      analyst = await signInAs(t, 'analyst');
    });
    after(async () => t.close());

    it('refuses the public (401) and readers (403)', async () => {
      const body = { fileName: 'a.csv', content: b64(GOOD_CSV) };
      assert.equal(
        (await t.app.inject({ method: 'POST', url: '/api/v1/imports/preview', payload: body })).statusCode,
        401,
      );
      const reader = await signInAs(t, 'reader');
      assert.equal((await post('/imports/preview', body, reader.headers)).statusCode, 403);
      assert.equal((await post('/imports', body, reader.headers)).statusCode, 403);
    });

    it('names every problem by file, row and column, and a commit of a bad file writes nothing', async () => {
      const before = await tableCounts(t.db);
      const res = await post('/imports/preview', { fileName: 'skola.csv', content: b64(BAD_CSV) });
      assert.equal(res.statusCode, 200, res.body);
      const p = res.json<{ ok: boolean; problems: { file: string; line: number; field: string; message: string }[] }>();
      assert.equal(p.ok, false);
      assert.deepEqual(
        p.problems.map((x) => [x.file, x.line, x.field, x.message]),
        [
          ['skola.csv', 4, 'area', "unknown area '0180R-rinkebyy'"],
          ['skola.csv', 6, 'value', "'84.2x' is not a number"],
        ],
      );
      const commit = await post('/imports', { fileName: 'skola.csv', content: b64(BAD_CSV) });
      assert.equal(commit.statusCode, 422);
      assert.equal(commit.json<{ error: { id: string; details: unknown[] } }>().error.details.length, 2);
      assert.deepEqual(await tableCounts(t.db), before);
    });

    it('previews, commits a draft the public cannot see, and publishes it (audited)', async () => {
      const pre = await post('/imports/preview', { fileName: 'skola.csv', content: b64(GOOD_CSV) });
      const p = pre.json<{
        ok: boolean;
        summary: Record<string, number>;
        changes: { kind: string; new: string | null }[];
      }>();
      assert.equal(p.ok, true);
      assert.deepEqual(p.summary, { added: 5, changed: 0, unchanged: 0, deleted: 0 });
      const commit = await post('/imports', { fileName: 'skola.csv', content: b64(GOOD_CSV) });
      assert.equal(commit.statusCode, 200, commit.body);
      const batch = commit.json<{ batch: { id: number; publication: string } }>().batch;
      assert.equal(batch.publication, 'draft');
      // A draft is not in the statistics.
      const hidden = await t.app.inject({
        method: 'GET',
        url: '/api/v1/indicators/school-results/values?division=regso&period=2023',
      });
      assert.equal(hidden.statusCode, 404);
      const detail = await t.app.inject({
        method: 'GET',
        url: `/api/v1/imports/${batch.id}`,
        headers: analyst.headers,
      });
      assert.equal(detail.json<{ changes: unknown[] }>().changes.length, 5);
      const pub = await post(`/imports/${batch.id}/publish`, {});
      assert.equal(pub.statusCode, 200, pub.body);
      assert.equal(pub.json<{ batch: { publication: string } }>().batch.publication, 'published');
      const v = await cityValues('school-results', '2023');
      assert.deepEqual(
        v.values.map((a) => [a.code, Number(a.value)]),
        [['0180R-rinkeby', 62]],
      );
      // the planner knows the published rows at once (PGlite runs no autovacuum)
      const [stats] = await t.db.query<{ planned: number; actual: number }>(
        `SELECT (SELECT reltuples::int FROM pg_class WHERE relname = 'observation') AS planned,
                (SELECT count(*)::int FROM observation) AS actual`,
      );
      assert.equal(stats!.planned, stats!.actual);
      const again = await post(`/imports/${batch.id}/publish`, {});
      assert.equal(again.statusCode, 409);
      const audit = await t.db.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE entity = 'import_batch' AND entity_id = $1 ORDER BY id`,
        [String(batch.id)],
      );
      assert.deepEqual(
        audit.map((a) => a.action),
        ['create', 'publish'],
      );
    });

    it('shows a revised value as old → new, and keeps the old one as a revision when published', async () => {
      const revised = GOOD_CSV.replace(
        'school-results,0180R-rinkeby,2023,62.0',
        'school-results,0180R-rinkeby,2023,63.5',
      );
      const pre = (await post('/imports/preview', { fileName: 'skola2.csv', content: b64(revised) })).json<{
        summary: Record<string, number>;
        changes: { kind: string; areaCode: string; old: string; new: string }[];
      }>();
      assert.deepEqual(pre.summary, { added: 0, changed: 1, unchanged: 4, deleted: 0 });
      assert.deepEqual(
        pre.changes.map((c) => [c.kind, c.areaCode, c.old, c.new]),
        [['changed', '0180R-rinkeby', '62.0', '63.5']],
      );
      const id = (await post('/imports', { fileName: 'skola2.csv', content: b64(revised) })).json<{
        batch: { id: number };
      }>().batch.id;
      await post(`/imports/${id}/publish`, {});
      const revs = await t.db.query<{ value: string; replaced_by: number }>(
        `SELECT value, replaced_by::int AS replaced_by FROM observation_revision WHERE area_code = '0180R-rinkeby'`,
      );
      assert.deepEqual(revs, [{ value: '62.0', replaced_by: id }]);
      const [obs] = await t.db.query<{ batch_id: number }>(
        `SELECT batch_id::int AS batch_id FROM observation WHERE area_code = '0180R-rinkeby' AND period = '2023'`,
      );
      assert.equal(obs!.batch_id, id);
      // The same file again: nothing to commit, no batch.
      const same = (await post('/imports', { fileName: 'skola2.csv', content: b64(revised) })).json<{ batch: null }>();
      assert.equal(same.batch, null);
    });

    it('reads the wide layout (one column per period) from XLSX and JSON-stat 2.0', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('data');
      ws.addRow(['indicator', 'area', 'breakdown', '2021', '2022']);
      ws.addRow(['turnout', '0180C6070', '', 70.1, 71.3]);
      ws.addRow(['turnout', '0180C6090', '', 'x', null]);
      const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
      const p = (await post('/imports/preview', { fileName: 'wide.xlsx', content: b64(xlsx) })).json<{
        problems: { line: number; field: string }[];
      }>();
      assert.deepEqual(
        p.problems.map((x) => [x.line, x.field]),
        [[3, '2021']],
      );
      const jsonStat = {
        version: '2.0',
        class: 'dataset',
        label: 'Valdeltagande',
        source: 'Valmyndigheten',
        id: ['indikator', 'region', 'år'],
        size: [1, 2, 1],
        role: { metric: ['indikator'], geo: ['region'], time: ['år'] },
        dimension: {
          indikator: { category: { index: ['turnout'] } },
          region: { category: { index: { '0180C6070': 0, '0180C6090': 1 } } },
          år: { category: { index: ['2022'] } },
        },
        value: [77.7, null],
      };
      const j = (
        await post('/imports/preview', { fileName: 'val.json', content: b64(JSON.stringify(jsonStat)) })
      ).json<{
        ok: boolean;
        summary: Record<string, number>;
      }>();
      assert.equal(j.ok, true);
      assert.deepEqual(j.summary, { added: 2, changed: 0, unchanged: 0, deleted: 0 });
      const bad = await post('/imports/preview', { fileName: 'val.json', content: b64('{"version":"2.0"}') });
      assert.equal(bad.statusCode, 422);
    });

    it('re-runs saved connector queries from the API (the button on the imports page)', async () => {
      const api = await startMockApis();
      api.scbTables.set(SCB_TABLE, populationTable());
      const saved = { ...process.env };
      Object.assign(process.env, { FARDPLAN_SCB_API: `${api.url}/scb`, FARDPLAN_FETCH_BACKOFF_MS: '1' });
      try {
        const params = {
          table: SCB_TABLE,
          regions: ['0180'],
          contents: ['BE0101N1=turnout'],
          years: ['2023'],
          select: {},
        };
        await saveQuery(t.db, {
          connector: 'scb',
          label: 'SCB test',
          params,
          paramsKey: JSON.stringify(params),
          at: new Date(),
        });
        const list = await t.app.inject({
          method: 'GET',
          url: '/api/v1/imports/saved-queries',
          headers: analyst.headers,
        });
        assert.equal(list.json<{ queries: unknown[] }>().queries.length, 1);
        const first = await post('/imports/saved-queries/refresh', undefined);
        assert.equal(first.statusCode, 200, first.body);
        const items = first.json<{
          items: { summary: Record<string, number> | null; error: string | null; batchId: number | null }[];
        }>().items;
        assert.equal(items[0]!.error, null);
        assert.deepEqual(items[0]!.summary, { added: 1, changed: 0, unchanged: 0, deleted: 0 });
        const second = (await post('/imports/saved-queries/refresh', undefined)).json<{
          items: { batchId: number | null }[];
        }>();
        assert.equal(second.items[0]!.batchId, null, 'nothing changed the second time');
        api.failNext({ match: /\/data/, status: 500, times: 1 });
        const failed = (await post('/imports/saved-queries/refresh', undefined)).json<{
          items: { error: string | null }[];
        }>();
        assert.match(failed.items[0]!.error ?? '', /POST .*\/data\?lang=sv&outputFormat=json-stat2: HTTP 500/);
      } finally {
        for (const k of ['FARDPLAN_SCB_API', 'FARDPLAN_FETCH_BACKOFF_MS']) delete process.env[k];
        Object.assign(process.env, saved);
        await api.close();
      }
    });

    it('refuses a file over the size limit with 413', async () => {
      const big = Buffer.alloc(11 * 1024 * 1024, 0x41);
      const res = await post('/imports/preview', { fileName: 'big.csv', content: b64(big) });
      assert.equal(res.statusCode, 413);
    });
  });
}
