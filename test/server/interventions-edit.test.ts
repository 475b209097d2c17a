/**
 * Editing one intervention through the API: PATCH /interventions/:id and PUT /interventions/:id/budget/:year.
 * Each change is written in one transaction with an audit record (before and after); a bad body is a
 * 400 naming the field and changes nothing; an unknown id is 404; signed out it is 401; a district
 * editor may change only their own committee's interventions (403 otherwise).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FIXED_NOW, testApp, type TestApp } from '../helpers/app.ts';
import { engines, freshDatabase } from '../helpers/db.ts';
import { signInAs, type SignedInClient } from '../helpers/auth.ts';
import { FARSTA, JARVA, VALID_CSV, loadInterventionFixture } from '../helpers/interventions-fixture.ts';
import { registerCounts } from '../../src/db/repositories/interventions.ts';
import { commitImport, SYSTEM_USER } from '../../src/services/interventions/index.ts';

/** The fixture's register plus one intervention of Farsta's district committee. */
const CSV = `${VALID_CSV}\ninsats-f,Föräldrastöd Farsta,,Farsta stadsdelsnämnd,Ordinarie budget,Farsta,,,,2024-01-01,,running,2024,,1,,`;

interface AuditRecord {
  username: string | null;
  action: string;
  entity: string;
  entity_id: string;
  at: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

type Detail = {
  name: string;
  description: string;
  status: string;
  startDate: string | null;
  endDate: string | null;
  fundingSource: string;
  publication: string;
  budget: {
    year: number;
    area: { key: string } | null;
    planned: string | null;
    decided: string | null;
    spent: string | null;
  }[];
};

async function setUp(engine: Parameters<typeof freshDatabase>[0], devWrites: boolean): Promise<TestApp> {
  const db = await freshDatabase(engine);
  await loadInterventionFixture(db);
  await commitImport(db, Buffer.from(CSV), 'csv', { user: SYSTEM_USER, now: FIXED_NOW });
  return testApp({ engine, db, devWrites });
}

const auditOf = (t: TestApp, entity: string, id: string): Promise<AuditRecord[]> =>
  t.db.query<AuditRecord>(
    `SELECT username, action, entity, entity_id, at, before, after FROM audit_log WHERE entity = $1 AND entity_id = $2 AND action <> 'import' ORDER BY id`,
    [entity, id],
  );

for (const engine of engines()) {
  describe(`editing an intervention through the API (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await setUp(engine, true);
    });
    after(async () => t.close());

    const patch = (id: string, payload: unknown) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/interventions/${id}`, payload: payload as object });
    const put = (id: string, year: number | string, payload: unknown) =>
      t.app.inject({ method: 'PUT', url: `/api/v1/interventions/${id}/budget/${year}`, payload: payload as object });
    const detail = async (id: string): Promise<Detail> => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/interventions/${id}` });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as Detail;
    };

    it('changes the fields and records who, when, and the values before and after', async () => {
      const res = await patch('insats-a', {
        name: 'Fältassistenter i Järva',
        description: 'Fyra fältassistenter till.',
        status: 'finished',
        endDate: '2025-06-30',
        fundingSource: 'Trygghetsfonden',
      });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as Detail;
      assert.equal(body.name, 'Fältassistenter i Järva');
      const d = await detail('insats-a');
      assert.deepEqual(
        [d.name, d.description, d.status, d.startDate, d.endDate, d.fundingSource, d.publication],
        [
          'Fältassistenter i Järva',
          'Fyra fältassistenter till.',
          'finished',
          '2024-01-01',
          '2025-06-30',
          'Trygghetsfonden',
          'published',
        ],
      );
      const audit = await auditOf(t, 'intervention', 'insats-a');
      assert.equal(audit.length, 1);
      const [a] = audit;
      assert.equal(a?.action, 'update');
      assert.equal(a?.username, 'dev-writes');
      assert.equal(new Date(a?.at ?? '').toISOString(), FIXED_NOW.toISOString());
      assert.deepEqual(a?.before, {
        name: 'Fältassistenter Järva',
        description: 'Fler fältassistenter',
        status: 'running',
        startDate: '2024-01-01',
        endDate: '2025-12-31',
        fundingSource: 'Ordinarie budget',
        publication: 'published',
      });
      assert.deepEqual(a?.after, {
        name: 'Fältassistenter i Järva',
        description: 'Fyra fältassistenter till.',
        status: 'finished',
        startDate: '2024-01-01',
        endDate: '2025-06-30',
        fundingSource: 'Trygghetsfonden',
        publication: 'published',
      });
    });

    it('refuses a bad body with 400 naming the field, and changes nothing', async () => {
      const cases: [unknown, RegExp][] = [
        [{ status: 'klar' }, /status/],
        [{ colour: 'röd' }, /colour/],
        [{ name: '' }, /name/],
        [{ startDate: '2024-02-30' }, /startDate/],
        [{ startDate: '1 januari' }, /startDate/],
        [{ endDate: '2023-12-31' }, /endDate/], // before the start 2024-01-01
        [{ status: 'planned' }, /status/], // finished → planned is not an allowed change
        [{ startDate: '2025-01-01' }, /startDate/], // leaves the 2024 budget line outside the dates
        [{ publication: 'hidden' }, /publication/],
        [{}, /at least one field/],
      ];
      const countsBefore = await registerCounts(t.db);
      const before = await detail('insats-a');
      for (const [payload, field] of cases) {
        const res = await patch('insats-a', payload);
        assert.equal(res.statusCode, 400, `${JSON.stringify(payload)}: ${res.body}`);
        const err = (res.json() as { error: { id: string; message: string; details?: { field?: string }[] } }).error;
        assert.equal(err.id, 'validation_failed');
        assert.match(
          `${err.message} ${JSON.stringify(err.details ?? [])}`,
          field,
          `${JSON.stringify(payload)}: ${res.body}`,
        );
      }
      assert.deepEqual(await registerCounts(t.db), countsBefore, 'no row written (audit_log included)');
      assert.deepEqual(await detail('insats-a'), before);
    });

    it('names the field in the details when the core check fails', async () => {
      const res = await patch('insats-c', { status: 'planned' }); // running → planned
      assert.equal(res.statusCode, 400);
      assert.deepEqual(
        (res.json() as { error: { details: { field: string }[] } }).error.details.map((x) => x.field),
        ['status'],
      );
      const dates = await patch('insats-a', { startDate: '2026-01-01', endDate: '2025-01-01' });
      assert.equal(dates.statusCode, 400);
      assert.deepEqual(
        (dates.json() as { error: { details: { field: string }[] } }).error.details.map((x) => x.field),
        ['endDate'],
      );
    });

    it('answers 404 for an unknown id and writes nothing', async () => {
      const countsBefore = await registerCounts(t.db);
      const p = await patch('finns-inte', { status: 'running' });
      assert.equal(p.statusCode, 404, p.body);
      assert.equal((p.json() as { error: { id: string } }).error.id, 'not_found');
      const b = await put('finns-inte', 2024, { planned: '1', decided: null, spent: null });
      assert.equal(b.statusCode, 404, b.body);
      assert.deepEqual(await registerCounts(t.db), countsBefore);
    });

    it('sets a budget line in exact kronor and records the line before and after', async () => {
      const res = await put('insats-a', 2025, { planned: '7 mnkr', decided: '6 500 000', spent: '0,25 mnkr' });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { year: 2025, area: null, planned: '7000000', decided: '6500000', spent: '250000' });
      const d = await detail('insats-a');
      assert.deepEqual(
        d.budget.map((b) => [b.year, b.planned, b.decided, b.spent]),
        [
          [2024, '9000000', '8000000', '2500000'],
          [2025, '7000000', '6500000', '250000'],
        ],
      );
      const audit = await auditOf(t, 'budget_line', 'insats-a/2025');
      assert.equal(audit.length, 1);
      assert.equal(audit[0]?.action, 'update');
      assert.deepEqual(audit[0]?.before, { year: 2025, area: null, planned: '7000000', decided: null, spent: null });
      assert.deepEqual(audit[0]?.after, {
        year: 2025,
        area: null,
        planned: '7000000',
        decided: '6500000',
        spent: '250000',
      });
    });

    it('sets a per-area line of an intervention with per-area lines, and creates a new one', async () => {
      const res = await put('insats-b', 2024, { planned: '1500000', decided: '2000000', spent: '500000', area: JARVA });
      assert.equal(res.statusCode, 200, res.body);
      const created = await put('insats-b', 2025, { planned: '3000000', decided: null, spent: null, area: JARVA });
      assert.equal(created.statusCode, 200, created.body);
      const d = await detail('insats-b');
      assert.deepEqual(
        d.budget.map((b) => [b.year, b.area?.key ?? null, b.planned, b.decided, b.spent]),
        [
          [2024, JARVA, '1500000', '2000000', '500000'],
          [2024, 'stadsdelsomrade-2023:0180D-skarholmen', null, '4000000', '1000000'],
          [2025, JARVA, '3000000', null, null],
        ],
      );
      const audit = await auditOf(t, 'budget_line', `insats-b/2025/${JARVA}`);
      assert.deepEqual(
        audit.map((a) => [a.action, a.before]),
        [['create', null]],
      );
    });

    it('refuses a bad budget line with 400 naming the field, and changes nothing', async () => {
      const cases: [string, number | string, unknown, string][] = [
        ['insats-a', 2024, { planned: '-1', decided: null, spent: null }, 'planned'],
        ['insats-a', 2024, { planned: null, decided: '1,5 kr', spent: null }, 'decided'],
        ['insats-a', 2024, { planned: null, decided: null, spent: 'fyra' }, 'spent'],
        ['insats-a', 2026, { planned: '1', decided: null, spent: null }, 'year'], // after the end date
        ['insats-a', 'nästa', { planned: '1', decided: null, spent: null }, 'year'],
        ['insats-a', 2024, { planned: '1', decided: null }, 'spent'], // PUT replaces the line: every amount is required
        ['insats-a', 2024, { planned: '1', decided: null, spent: null, note: 'x' }, 'note'],
        ['insats-a', 2024, { planned: '1', decided: null, spent: null, area: FARSTA }, 'area'], // not one of its areas
        ['insats-b', 2024, { planned: '1', decided: null, spent: null }, 'area'], // 2024 has per-area lines
      ];
      const countsBefore = await registerCounts(t.db);
      const before = [await detail('insats-a'), await detail('insats-b')];
      for (const [id, year, payload, field] of cases) {
        const res = await put(id, year, payload);
        assert.equal(res.statusCode, 400, `${id} ${year} ${JSON.stringify(payload)}: ${res.body}`);
        const err = (res.json() as { error: { message: string; details?: { field?: string }[] } }).error;
        assert.match(
          `${err.message} ${JSON.stringify(err.details ?? [])}`,
          new RegExp(field),
          `${JSON.stringify(payload)}: ${res.body}`,
        );
      }
      assert.deepEqual(await registerCounts(t.db), countsBefore);
      assert.deepEqual([await detail('insats-a'), await detail('insats-b')], before);
    });

    it('documents the new routes in the OpenAPI document', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
      const doc = res.json() as { paths: Record<string, Record<string, unknown>> };
      assert.ok(doc.paths['/api/v1/interventions/{id}']?.patch, 'PATCH /interventions/{id}');
      assert.ok(doc.paths['/api/v1/interventions/{id}/budget/{year}']?.put, 'PUT /interventions/{id}/budget/{year}');
    });
  });

  describe(`editing an intervention: signed out and by role (${engine})`, () => {
    let t: TestApp;
    let admin: SignedInClient;
    let jarvaEditor: SignedInClient;
    let farstaEditor: SignedInClient;
    let reader: SignedInClient;
    before(async () => {
      t = await setUp(engine, false);
      // the district committees' own areas (the import created the committees by name)
      const committee = async (name: string, code: string): Promise<string> => {
        const rows = await t.db.query<{ id: string }>(
          'UPDATE committee SET division_id = $2, area_code = $3 WHERE name = $1 RETURNING id',
          [name, 'stadsdelsomrade-2023', code],
        );
        assert.equal(rows.length, 1, name);
        return rows[0]!.id;
      };
      const jarva = await committee('Järva stadsdelsnämnd', '0180D-jarva');
      const farsta = await committee('Farsta stadsdelsnämnd', '0180D-farsta');
      admin = await signInAs(t, 'admin');
      reader = await signInAs(t, 'reader');
      jarvaEditor = await signInAs(t, 'district_editor', { committeeId: jarva });
      farstaEditor = await signInAs(t, 'district_editor', { committeeId: farsta });
    });
    after(async () => t.close());

    const patch = (client: SignedInClient | null, id: string, payload: unknown) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/interventions/${id}`,
        ...(client ? { headers: client.headers } : {}),
        payload: payload as object,
      });
    const put = (client: SignedInClient | null, id: string, year: number, payload: unknown) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/interventions/${id}/budget/${year}`,
        ...(client ? { headers: client.headers } : {}),
        payload: payload as object,
      });
    const fields = async (id: string) =>
      (
        await t.db.query<{ status: string; name: string }>('SELECT status, name FROM intervention WHERE id = $1', [id])
      )[0];

    it('refuses a signed-out request with 401 and changes nothing (no development flag)', async () => {
      const countsBefore = await registerCounts(t.db);
      const p = await patch(null, 'insats-a', { status: 'stopped' });
      assert.equal(p.statusCode, 401, p.body);
      const bad = await patch(null, 'insats-a', { colour: 'röd' }); // refused before the body is looked at
      assert.equal(bad.statusCode, 401, bad.body);
      const b = await put(null, 'insats-a', 2024, { planned: '1', decided: null, spent: null });
      assert.equal(b.statusCode, 401, b.body);
      assert.deepEqual(await fields('insats-a'), { status: 'running', name: 'Fältassistenter Järva' });
      assert.deepEqual(await registerCounts(t.db), countsBefore);
    });

    it('refuses a reader (403) and a write without the CSRF token', async () => {
      assert.equal((await patch(reader, 'insats-a', { status: 'stopped' })).statusCode, 403);
      const noCsrf = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/interventions/insats-a',
        headers: admin.cookieOnly,
        payload: { status: 'stopped' },
      });
      assert.equal(noCsrf.statusCode, 403);
      assert.equal((noCsrf.json() as { error: { id: string } }).error.id, 'csrf_failed');
      assert.equal((await fields('insats-a'))?.status, 'running');
    });

    it("refuses a district editor another district's intervention (403) and lets them change their own", async () => {
      const countsBefore = await registerCounts(t.db);
      const refused = await patch(farstaEditor, 'insats-a', { status: 'stopped' });
      assert.equal(refused.statusCode, 403, refused.body);
      assert.equal((refused.json() as { error: { id: string } }).error.id, 'forbidden');
      assert.equal(
        (await put(farstaEditor, 'insats-a', 2024, { planned: '1', decided: null, spent: null })).statusCode,
        403,
      );
      assert.equal((await patch(jarvaEditor, 'insats-f', { status: 'stopped' })).statusCode, 403);
      // insats-b is the social committee's, in Järva and Skärholmen: not wholly Järva's
      assert.equal((await patch(jarvaEditor, 'insats-b', { status: 'running' })).statusCode, 403);
      assert.deepEqual(await registerCounts(t.db), countsBefore, 'refused changes write nothing');

      const own = await patch(farstaEditor, 'insats-f', { status: 'finished', endDate: '2024-12-31' });
      assert.equal(own.statusCode, 200, own.body);
      assert.deepEqual(await fields('insats-f'), { status: 'finished', name: 'Föräldrastöd Farsta' });
      const line = await put(farstaEditor, 'insats-f', 2024, { planned: '1 mnkr', decided: '900000', spent: '850000' });
      assert.equal(line.statusCode, 200, line.body);
      // insats-e: Järva's committee, in Rinkeby (within Järva)
      assert.equal((await patch(jarvaEditor, 'insats-e', { status: 'decided' })).statusCode, 200);
      const audit = await auditOf(t, 'intervention', 'insats-f');
      assert.deepEqual(
        audit.map((a) => [a.username, a.before?.status, a.after?.status]),
        [[farstaEditor.username, 'running', 'finished']],
      );
    });

    it('unpublishes: the public no longer sees the intervention, staff do and may publish it again', async () => {
      const res = await patch(admin, 'insats-c', { publication: 'draft' });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal((res.json() as Detail).publication, 'draft');
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/interventions/insats-c' })).statusCode, 404);
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/interventions' });
      assert.equal(list.body.includes('insats-c'), false);
      const staff = await t.app.inject({
        method: 'GET',
        url: '/api/v1/interventions/insats-c',
        headers: reader.headers,
      });
      assert.equal(staff.statusCode, 200, staff.body);
      assert.equal((staff.json() as Detail).publication, 'draft');
      assert.equal((await patch(admin, 'insats-c', { publication: 'published' })).statusCode, 200);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/interventions/insats-c' })).statusCode, 200);
      const audit = await auditOf(t, 'intervention', 'insats-c');
      assert.deepEqual(
        audit.map((a) => [a.action, a.username, a.before?.publication, a.after?.publication]),
        [
          ['unpublish', admin.username, 'published', 'draft'],
          ['publish', admin.username, 'draft', 'published'],
        ],
      );
    });
  });
}
