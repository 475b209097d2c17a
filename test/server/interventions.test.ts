import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { testApp, type TestApp } from '../helpers/app.ts';
import { engines, freshDatabase } from '../helpers/db.ts';
import {
  FARSTA,
  JARVA,
  RINKEBY,
  SKARHOLMEN,
  VALID_CSV,
  loadInterventionFixture,
} from '../helpers/interventions-fixture.ts';
import { registerCounts } from '../../src/db/repositories/interventions.ts';
import { readInterventionsCsv } from '../../src/importers/interventions.ts';

const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');

interface Problem {
  row: number;
  column: string;
  columnIndex: number;
  code: string;
}

const MALFORMED_CSV = [
  'id,name,description,committee,funding_source,areas,goal_areas,strategies,targets,start_date,end_date,status,year,budget_area,planned_mnkr,decided_mnkr,spent_mnkr',
  'ok-1,Bra insats,,Socialnämnden,Ordinarie budget,Järva,,,,,,running,2024,,1,,',
  'bad-1,Okänt område,,Socialnämnden,Ordinarie budget,Atlantis,,,,,,running,2024,,1,,',
  'bad-2,Okänt mål,,Socialnämnden,Ordinarie budget,Järva,inget-sadant-mal,,,,,running,2024,,1,,',
  'bad-3,Dåligt belopp,,Socialnämnden,Ordinarie budget,Järva,,,,,,running,2024,,"1,2345678",,',
  'bad-4,Dubbel rad,,Socialnämnden,Ordinarie budget,Järva,,,,,,running,2024,,1,,',
  'bad-4,Dubbel rad,,Socialnämnden,Ordinarie budget,Järva,,,,,,running,2024,,2,,',
  'bad-5,Fel status och datum,,Socialnämnden,Ordinarie budget,Järva,,,,2024-02-30,,halvfärdig,2024,,1,,',
].join('\n');

for (const engine of engines()) {
  describe(`interventions API (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      const db = await freshDatabase(engine);
      await loadInterventionFixture(db);
      t = await testApp({ engine, db, devWrites: true });
    });
    after(async () => t.close());

    const post = (url: string, payload: unknown) =>
      t.app.inject({ method: 'POST', url: `/api/v1${url}`, payload: payload as object });
    const get = async <T>(url: string): Promise<T> => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1${url}` });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as T;
    };

    it('previews a malformed file: every problem with row and column, nothing written', async () => {
      const countsBefore = await registerCounts(t.db);
      const res = await post('/interventions/import/preview', { format: 'csv', content: b64(MALFORMED_CSV) });
      assert.equal(res.statusCode, 200, res.body);
      const p = res.json() as { ok: boolean; problems: Problem[]; rowCount: number };
      assert.equal(p.ok, false);
      assert.equal(p.rowCount, 7);
      assert.deepEqual(
        p.problems.map((x) => `${x.row}:${x.column}:${x.columnIndex}:${x.code}`),
        [
          '3:areas:6:unknown-area',
          '4:goal_areas:7:unknown-goal-area',
          '5:planned_mnkr:15:bad-amount',
          '7:year:13:duplicate-budget-line',
          '8:start_date:10:bad-date',
          '8:status:12:unknown-status',
        ],
      );
      assert.deepEqual(await registerCounts(t.db), countsBefore);
    });

    it('refuses to import a malformed file (422 with every problem) and leaves the database as it was', async () => {
      const countsBefore = await registerCounts(t.db);
      const res = await post('/interventions/import', { format: 'csv', content: b64(MALFORMED_CSV) });
      assert.equal(res.statusCode, 422, res.body);
      const body = res.json() as { error: { id: string; details: { line: number; field: string }[] } };
      assert.equal(body.error.id, 'import_failed');
      assert.equal(body.error.details.length, 6);
      assert.deepEqual(body.error.details[0], { line: 3, field: 'areas', message: 'unknown area "Atlantis"' });
      // the valid row (ok-1) was not written either
      assert.deepEqual(await registerCounts(t.db), countsBefore);
      const list = await get<{ count: number }>('/interventions');
      assert.equal(list.count, 0);
    });

    it('refuses a malformed workbook the same way', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Insatser');
      const sheet = readInterventionsCsv(MALFORMED_CSV);
      ws.addRow([...sheet.header]);
      for (const r of sheet.rows) ws.addRow(sheet.header.map((h) => r.cells[h] ?? ''));
      const buf = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
      const res = await post('/interventions/import', { format: 'xlsx', content: b64(buf) });
      assert.equal(res.statusCode, 422, res.body);
      const lines = (res.json() as { error: { details: { line: number; field: string }[] } }).error.details.map(
        (d) => `${d.line}:${d.field}`,
      );
      assert.deepEqual(lines, ['3:areas', '4:goal_areas', '5:planned_mnkr', '7:year', '8:start_date', '8:status']);
    });

    it('previews and then imports a valid file', async () => {
      const pre = await post('/interventions/import/preview', { format: 'csv', content: b64(VALID_CSV) });
      assert.equal(pre.statusCode, 200, pre.body);
      const p = pre.json() as {
        ok: boolean;
        totals: { planned: string; decided: string; spent: string };
        interventions: { id: string; action: string }[];
      };
      assert.equal(p.ok, true);
      assert.deepEqual(p.totals, { planned: '16000000', decided: '118000000', spent: '3500000', budgetLines: 7 });
      assert.deepEqual(
        p.interventions.map((i) => `${i.id}:${i.action}`),
        ['insats-a:create', 'insats-b:create', 'insats-c:create', 'insats-d:create', 'insats-e:create'],
      );
      const res = await post('/interventions/import', { format: 'csv', content: b64(VALID_CSV) });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), {
        written: 5,
        created: ['insats-a', 'insats-b', 'insats-c', 'insats-d', 'insats-e'],
        updated: [],
      });
      // importing the same file again updates
      const again = await post('/interventions/import', { format: 'csv', content: b64(VALID_CSV) });
      assert.deepEqual((again.json() as { updated: string[] }).updated.length, 5);
    });

    it('lists with filters and the totals of what is filtered', async () => {
      type List = {
        count: number;
        totals: { planned: string; decided: string; spent: string };
        items: { id: string }[];
        options: { years: number[]; committees: string[] };
      };
      const all = await get<List>('/interventions');
      assert.equal(all.count, 5);
      // planned 9 + 7; decided 8 + 2 + 4 + 100 + 3 + 1; spent 2.5 + 1
      assert.deepEqual(all.totals, { planned: '16000000', decided: '118000000', spent: '3500000' });
      assert.deepEqual(all.options.years, [2024, 2025]);
      assert.deepEqual(all.options.committees, ['Järva stadsdelsnämnd', 'Kommunstyrelsen', 'Socialnämnden']);
      const jarva = await get<List>(`/interventions?area=${encodeURIComponent(JARVA)}`);
      // the area filter follows the hierarchy: Järva includes the one tagged Rinkeby (insats-e)
      assert.deepEqual(jarva.items.map((i) => i.id).sort(), ['insats-a', 'insats-b', 'insats-d', 'insats-e']);
      assert.deepEqual(jarva.totals, { planned: '16000000', decided: '18000000', spent: '3500000' });
      const y2025 = await get<List>('/interventions?year=2025');
      assert.deepEqual(
        y2025.items.map((i) => i.id),
        ['insats-a'],
      );
      assert.deepEqual(y2025.totals, { planned: '7000000', decided: '0', spent: '0' });
      const running = await get<List>('/interventions?status=running');
      assert.deepEqual(running.items.map((i) => i.id).sort(), ['insats-a', 'insats-c']);
      const social = await get<List>(
        `/interventions?committee=${encodeURIComponent('Socialnämnden')}&goalArea=uppvaxt-utbildning`,
      );
      assert.deepEqual(
        social.items.map((i) => i.id),
        ['insats-b'],
      );
      assert.deepEqual(social.totals.decided, '6000000');
      const bad = await t.app.inject({ method: 'GET', url: '/api/v1/interventions?status=klar' });
      assert.equal(bad.statusCode, 400);
    });

    it('shows one intervention with its budget lines, links and follow-up', async () => {
      const add = await post('/interventions/insats-b/follow-ups', {
        period: '2024-T2',
        text: 'Två team i gång.',
        outputs: [{ label: 'elever', value: 42 }],
      });
      assert.equal(add.statusCode, 200, add.body);
      const d = await get<{
        name: string;
        areas: { key: string; name: string }[];
        goalAreas: { id: string; name: string }[];
        budget: { year: number; area: { key: string } | null; decided: string | null; spent: string | null }[];
        totals: { decided: string };
        followUps: { period: string; outputs: { label: string; value: number }[] }[];
      }>('/interventions/insats-b');
      assert.equal(d.name, 'Skolsociala team');
      assert.deepEqual(
        d.areas.map((a) => a.name),
        ['Järva', 'Skärholmen'],
      );
      assert.equal(d.goalAreas[0]?.id, 'uppvaxt-utbildning');
      assert.notEqual(d.goalAreas[0]?.name, 'uppvaxt-utbildning'); // the goal area's title
      assert.deepEqual(
        d.budget.map((b) => [b.year, b.area?.key, b.decided, b.spent]),
        [
          [2024, JARVA, '2000000', null],
          [2024, SKARHOLMEN, '4000000', '1000000'],
        ],
      );
      assert.equal(d.totals.decided, '6000000');
      assert.deepEqual(d.followUps, [
        { period: '2024-T2', text: 'Två team i gång.', outputs: [{ label: 'elever', value: 42, unit: null }] },
      ]);
      const missing = await t.app.inject({ method: 'GET', url: '/api/v1/interventions/finns-inte' });
      assert.equal(missing.statusCode, 404);
    });

    it('gives budget totals and spending per resident equal to the hand computation', async () => {
      type Ratio = { num: string; den: string } | null;
      const v = await get<{
        year: number;
        byYear: { rows: { key: string; totals: { decided: string } }[] };
        byArea: { rows: { key: string; totals: { decided: string } }[] };
        byGoalArea: { overlapping: boolean };
        byFundingSource: { rows: { key: string; totals: { decided: string } }[] };
        perResident: {
          districts: {
            key: string;
            amount: string;
            residents: string;
            perResident: Ratio;
            moneyShare: Ratio;
            needShare: Ratio;
            gap: Ratio;
          }[];
          cityWide: string;
          cityWidePerResident: Ratio;
          unplaced: string;
          unplacedInterventions: string[];
        };
      }>('/interventions/budget?year=2024&measure=decided');
      assert.equal(v.year, 2024);
      assert.deepEqual(
        v.byYear.rows.map((r) => [r.key, r.totals.decided]),
        [
          ['2024', '118000000'],
          ['2025', '0'],
        ],
      );
      const byArea = Object.fromEntries(v.byArea.rows.map((r) => [r.key, r.totals.decided]));
      // by area (a partition, areas as named): Järva = insats-a 8 + insats-b's Järva line 2; Rinkeby stays Rinkeby here
      assert.deepEqual(byArea, {
        [JARVA]: '10000000',
        [SKARHOLMEN]: '4000000',
        city: '100000000',
        several: '3000000',
        [RINKEBY]: '1000000',
      });
      const fund = Object.fromEntries(v.byFundingSource.rows.map((r) => [r.key, r.totals.decided]));
      assert.deepEqual(fund, {
        'Ordinarie budget': '12000000',
        'Sociala investeringsfonden': '6000000',
        Trygghetsfonden: '100000000',
      });
      // Hand computation (2024, decided):
      //  Järva: insats-a 8 + insats-b's Järva line 2 + insats-e (Rinkeby lies in Järva) 1 = 11 mnkr
      //  Skärholmen: insats-b's line 4 mnkr; Farsta: 0 (insats-d has one line for Järva and Farsta: unplaced)
      //  per resident: 11 000 000 / 80 000 = 137.5 = 275/2 kr; 4 000 000 / 50 000 = 80 kr; 0
      //  city-wide: 100 000 000 / 250 000 = 400 kr, separately; unplaced 3 mnkr (insats-d)
      //  money share 11/15, 4/15, 0; need share 16 000/24 600 = 80/123, 5 000/24 600 = 25/123, 3 600/24 600 = 6/41
      //  gap 11/15 − 80/123 = 17/205; 4/15 − 25/123 = 13/205; 0 − 6/41 = −6/41
      const pr = v.perResident;
      const r = (x: Ratio) => (x ? `${x.num}/${x.den}` : null);
      assert.deepEqual(
        pr.districts.map((d) => [
          d.key,
          d.amount,
          d.residents,
          r(d.perResident),
          r(d.moneyShare),
          r(d.needShare),
          r(d.gap),
        ]),
        [
          [FARSTA, '0', '120000', '0/1', '0/1', '6/41', '-6/41'],
          [JARVA, '11000000', '80000', '275/2', '11/15', '80/123', '17/205'],
          [SKARHOLMEN, '4000000', '50000', '80/1', '4/15', '25/123', '13/205'],
        ],
      );
      assert.equal(pr.cityWide, '100000000');
      assert.equal(r(pr.cityWidePerResident), '400/1');
      assert.equal(pr.unplaced, '3000000');
      assert.deepEqual(pr.unplacedInterventions, ['insats-d']);
    });

    it('exports CSV and XLSX that import back to the same register', async () => {
      const before = await get<unknown>('/interventions');
      for (const format of ['csv', 'xlsx'] as const) {
        const res = await t.app.inject({ method: 'GET', url: `/api/v1/interventions/export?format=${format}` });
        assert.equal(res.statusCode, 200);
        assert.match(String(res.headers['content-disposition']), new RegExp(`insatser\\.${format}`));
        const pre = await post('/interventions/import/preview', { format, content: res.rawPayload.toString('base64') });
        const p = pre.json() as { ok: boolean; problems: unknown[]; interventions: { action: string }[] };
        assert.deepEqual(p.problems, []);
        assert.ok(p.interventions.every((i) => i.action === 'update'));
        const imp = await post('/interventions/import', { format, content: res.rawPayload.toString('base64') });
        assert.equal(imp.statusCode, 200, imp.body);
        assert.deepEqual(await get<unknown>('/interventions'), before);
      }
      // the follow-up survived the re-imports
      const d = await get<{ followUps: unknown[] }>('/interventions/insats-b');
      assert.equal(d.followUps.length, 1);
    });

    it('documents every route in the OpenAPI document', async () => {
      const doc = await get<{ paths: Record<string, unknown> }>('/openapi.json');
      for (const p of [
        '/api/v1/interventions',
        '/api/v1/interventions/budget',
        '/api/v1/interventions/{id}',
        '/api/v1/interventions/import/preview',
        '/api/v1/interventions/import',
        '/api/v1/interventions/export',
        '/api/v1/interventions/{id}/follow-ups',
      ]) {
        assert.ok(doc.paths[p], `${p} is in the OpenAPI document`);
      }
    });
  });

  describe(`interventions write routes without the development flag (${engine})`, () => {
    // Until access control is in use, the write routes are open only with --dev-writes: without it,
    // an anonymous request is refused (401) and nothing is written.
    let t: TestApp;
    before(async () => {
      const db = await freshDatabase(engine);
      await loadInterventionFixture(db);
      t = await testApp({ engine, db, devWrites: false });
    });
    after(async () => t.close());

    it('refuses preview, import and follow-up, and reads stay open', async () => {
      for (const url of ['/api/v1/interventions/import/preview', '/api/v1/interventions/import']) {
        const res = await t.app.inject({ method: 'POST', url, payload: { format: 'csv', content: b64(VALID_CSV) } });
        assert.equal(res.statusCode, 401, `${url}: ${res.body}`);
      }
      const fu = await t.app.inject({
        method: 'POST',
        url: '/api/v1/interventions/x/follow-ups',
        payload: { period: '2024', text: 'x', outputs: [] },
      });
      assert.equal(fu.statusCode, 401);
      assert.equal((await registerCounts(t.db)).intervention, 0);
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/interventions' });
      assert.equal(list.statusCode, 200);
    });
  });
}
