/**
 * Route by route: every registered write route (and every guarded read) refuses the signed-out
 * (401) and the roles without its permission (403), and admits the roles with it. The list of
 * routes is taken from the app itself, so a new write route without a guard fails this test
 * unless it is added to the explicit public allow-list below with a reason.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT_ROLES, canSome, type AccountRole } from '../../src/core/access.ts';
import { routeAccessList, type RouteAccess } from '../../src/server/auth.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { signInAs, type SignedInClient } from '../helpers/auth.ts';

/** Writes the public may make, each with the reason. Everything else must refuse anonymous requests. */
const PUBLIC_WRITES: { pattern: RegExp; why: string }[] = [
  { pattern: /^POST \/api\/v1\/auth\/sign-in$/, why: 'signing in' },
  {
    pattern: /^POST \/api\/v1\/analysis\/allocation$/,
    why: 'computes an allocation for the parameters given and stores nothing (a read with a body)',
  },
  // Participation (issue 9): residents submit and support proposals and vote with a single-use code.
  {
    pattern: /^POST \/api\/v1\/participation\/proposals$/,
    why: 'a resident submits a citizen proposal (published only after moderation)',
  },
  {
    pattern: /^POST \/api\/v1\/participation\/proposals\/:id\/support$/,
    why: 'a resident supports a published proposal',
  },
  {
    pattern: /^POST \/api\/v1\/participation\/processes\/:id\/ballots$/,
    why: 'a resident casts a ballot with a single-use voting code',
  },
];

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const key = (r: RouteAccess): string => `${r.method} ${r.url}`;
const isPublicWrite = (r: RouteAccess): boolean => PUBLIC_WRITES.some((p) => p.pattern.test(key(r)));
/** A URL for a route pattern: every parameter becomes a value that names nothing. */
const concrete = (url: string): string => url.replace(/:[A-Za-z_]+/g, 'no-such-thing-0');

async function seed(t: TestApp): Promise<void> {
  await t.db.exec(`
    INSERT INTO division (id, name_sv, name_en, level) VALUES ('sdo', 'Stadsdelsområde', 'District', 1), ('regso', 'RegSO', 'RegSO', 2)
      ON CONFLICT DO NOTHING;
    INSERT INTO area (division_id, code, name) VALUES ('sdo', 'J', 'Järva'), ('sdo', 'S', 'Södermalm') ON CONFLICT DO NOTHING;
    INSERT INTO area (division_id, code, name, parent_division_id, parent_code) VALUES ('regso', 'J1', 'Rinkeby', 'sdo', 'J') ON CONFLICT DO NOTHING;
    INSERT INTO committee (id, name, kind, division_id, area_code) VALUES
      ('test-sdn-j', 'Järva stadsdelsnämnd', 'district', 'sdo', 'J'),
      ('test-sdn-s', 'Södermalms stadsdelsnämnd', 'district', 'sdo', 'S'),
      ('test-soc', 'Socialnämnden', 'specialist', NULL, NULL);
    INSERT INTO intervention (id, name, committee_id, status, publication) VALUES
      ('test-int-j', 'Fältassistenter i Rinkeby', 'test-sdn-j', 'running', 'published'),
      ('test-int-s', 'Föräldrastöd på Södermalm', 'test-sdn-s', 'running', 'published'),
      ('test-int-soc-j', 'Socialnämndens insats i Rinkeby', 'test-soc', 'running', 'published'),
      ('test-int-draft', 'Ett utkast', 'test-sdn-j', 'planned', 'draft');
    INSERT INTO intervention_area (intervention_id, division_id, area_code) VALUES
      ('test-int-j', 'sdo', 'J'), ('test-int-s', 'sdo', 'S'), ('test-int-soc-j', 'regso', 'J1'), ('test-int-draft', 'sdo', 'J');
  `);
}

describe('access matrix over every registered route', () => {
  let t: TestApp;
  let routes: RouteAccess[];
  const clients = {} as Record<AccountRole, SignedInClient>;

  before(async () => {
    t = await testApp();
    await seed(t);
    routes = routeAccessList(t.app).filter((r) => r.url.startsWith('/api/'));
    for (const role of ACCOUNT_ROLES)
      clients[role] = await signInAs(t, role, role === 'district_editor' ? { committeeId: 'test-sdn-j' } : {});
  });
  after(async () => t.close());

  it('finds the routes of the app (including the auth routes)', () => {
    assert.ok(routes.some((r) => key(r) === 'POST /api/v1/auth/users'));
    assert.ok(routes.some((r) => key(r) === 'GET /api/v1/health'));
  });

  it('every write route outside the public allow-list has a guard', () => {
    const unguarded = routes.filter((r) => !SAFE.has(r.method) && !isPublicWrite(r) && r.access === null).map(key);
    assert.deepEqual(unguarded, [], 'write routes without guard(…) or signedIn()');
  });

  it('every write route outside the public allow-list refuses a signed-out request with 401', async () => {
    const wrong: string[] = [];
    for (const r of routes.filter((x) => !SAFE.has(x.method) && !isPublicWrite(x))) {
      const res = await t.app.inject({ method: r.method as 'POST', url: concrete(r.url), payload: {} });
      if (res.statusCode !== 401) wrong.push(`${key(r)} → ${res.statusCode}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('every guarded route refuses the roles without its permission (403) and admits those with it', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const r of routes.filter((x) => x.access !== null && x.access !== 'signed-in' && x.method !== 'HEAD')) {
      const anon = await t.app.inject({
        method: r.method as 'GET',
        url: concrete(r.url),
        ...(SAFE.has(r.method) ? {} : { payload: {} }),
      });
      if (anon.statusCode !== 401) wrong.push(`anonymous ${key(r)} → ${anon.statusCode}`);
      for (const role of ACCOUNT_ROLES) {
        const actor = { role, committeeId: role === 'district_editor' ? 'test-sdn-j' : null };
        const may = canSome(actor, r.access as Parameters<typeof canSome>[1]);
        const res = await t.app.inject({
          method: r.method as 'GET',
          url: concrete(r.url),
          headers: clients[role].headers,
          ...(SAFE.has(r.method) ? {} : { payload: {} }),
        });
        checked++;
        if (!may && res.statusCode !== 403) wrong.push(`${role} ${key(r)} → ${res.statusCode} (expected 403)`);
        if (may && (res.statusCode === 401 || res.statusCode === 403))
          wrong.push(`${role} ${key(r)} → ${res.statusCode} (expected to pass the guard)`);
      }
    }
    assert.ok(checked >= 4 * 5, `checked ${checked} route × role pairs`);
    assert.deepEqual(wrong, []);
  });

  it('the public allow-list names existing routes that are not guarded, and the public reaches them', async () => {
    for (const p of PUBLIC_WRITES)
      assert.ok(
        routes.some((r) => p.pattern.test(key(r))),
        `no route matches ${p.pattern} (${p.why})`,
      );
    for (const r of routes.filter(isPublicWrite)) {
      assert.equal(r.access, null, `${key(r)} is guarded but listed as public`);
      const res = await t.app.inject({ method: r.method as 'POST', url: concrete(r.url), payload: {} });
      assert.ok(res.statusCode !== 401 && res.statusCode !== 403, `${key(r)} → ${res.statusCode} for the public`);
    }
  });

  describe('district editors and interventions', () => {
    const followUp = (client: SignedInClient | null, id: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/interventions/${id}/follow-ups`,
        ...(client ? { headers: client.headers } : {}),
        payload: { period: '2026-T1', text: 'Uppföljning' },
      });

    it("a district editor is refused another district's intervention", async () => {
      const res = await followUp(clients.district_editor, 'test-int-s');
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().error.id, 'forbidden');
      const written = await t.db.query("SELECT 1 FROM follow_up WHERE intervention_id = 'test-int-s'");
      assert.equal(written.length, 0, 'nothing was written');
    });

    it("a district editor cannot take over another district's draft by importing it", async () => {
      const soder = await signInAs(t, 'district_editor', { committeeId: 'test-sdn-s' });
      const csv = [
        'id,name,description,committee,funding_source,areas,goal_areas,strategies,targets,start_date,end_date,status,year,budget_area,planned_mnkr,decided_mnkr,spent_mnkr',
        'test-int-draft,Övertaget utkast,,Södermalms stadsdelsnämnd,Ordinarie budget,Södermalm,,,,,,planned,2026,,1,,',
      ].join('\n');
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/interventions/import',
        headers: soder.headers,
        payload: { format: 'csv', content: Buffer.from(csv, 'utf8').toString('base64') },
      });
      assert.equal(res.statusCode, 403, res.body);
      const [row] = await t.db.query<{ name: string; committee_id: string }>(
        "SELECT name, committee_id FROM intervention WHERE id = 'test-int-draft'",
      );
      assert.deepEqual(row, { name: 'Ett utkast', committee_id: 'test-sdn-j' });
    });

    it("a district editor may follow up their own district's intervention, and one of another committee aimed wholly at a sub-area of theirs", async () => {
      assert.equal((await followUp(clients.district_editor, 'test-int-j')).statusCode, 200);
      assert.equal((await followUp(clients.district_editor, 'test-int-soc-j')).statusCode, 200);
    });

    it('an analyst and an administrator may follow up any intervention; a reader and the public may not', async () => {
      assert.equal((await followUp(clients.analyst, 'test-int-s')).statusCode, 200);
      assert.equal((await followUp(clients.admin, 'test-int-s')).statusCode, 200);
      assert.equal((await followUp(clients.reader, 'test-int-s')).statusCode, 403);
      assert.equal((await followUp(null, 'test-int-s')).statusCode, 401);
    });

    it('the follow-up is in the audit log with who made it, and what', async () => {
      const rows = await t.db.query<{
        username: string;
        action: string;
        entity: string;
        before: unknown;
        after: { text?: string };
      }>("SELECT username, action, entity, before, after FROM audit_log WHERE entity = 'follow_up' ORDER BY id");
      assert.ok(
        rows.some(
          (r) =>
            r.username === clients.district_editor.username &&
            r.action === 'create' &&
            r.before === null &&
            r.after?.text === 'Uppföljning',
        ),
      );
      assert.ok(!rows.some((r) => r.username === clients.reader.username), 'refused changes leave no record');
    });
  });

  describe('publishing', () => {
    it('the public cannot read a draft intervention; published ones are there', async () => {
      const pub = await t.app.inject({ method: 'GET', url: '/api/v1/interventions/test-int-j' });
      assert.equal(pub.statusCode, 200, pub.body);
      assert.equal(
        (await t.app.inject({ method: 'GET', url: '/api/v1/interventions/test-int-draft' })).statusCode,
        404,
      );
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/interventions' });
      assert.equal(list.statusCode, 200);
      assert.equal(list.body.includes('test-int-draft'), false);
      assert.equal(list.body.includes('test-int-j'), true);

      // Staff see the draft in the list, marked as a draft, and on its page.
      const reader = await signInAs(t, 'reader');
      const staffList = (
        await t.app.inject({ method: 'GET', url: '/api/v1/interventions', headers: reader.cookieOnly })
      ).json() as {
        items: { id: string; publication: string }[];
      };
      assert.deepEqual(staffList.items.find((i) => i.id === 'test-int-draft')?.publication, 'draft');
      assert.deepEqual(staffList.items.find((i) => i.id === 'test-int-j')?.publication, 'published');
      assert.equal(
        (await t.app.inject({ method: 'GET', url: '/api/v1/interventions/test-int-draft', headers: reader.cookieOnly }))
          .statusCode,
        200,
      );
    });
  });
});

describe('publishing on the reference data', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ reference: true });
  });
  after(async () => t.close());

  it('the public cannot read a target once it is a draft', async () => {
    const rows = await t.db.query<{ id: string }>(
      "SELECT id FROM target WHERE publication = 'published' ORDER BY id LIMIT 2",
    );
    assert.equal(rows.length, 2, 'the reference data has targets');
    const [keep, hide] = [rows[0]!.id, rows[1]!.id];
    const before = await t.app.inject({ method: 'GET', url: `/api/v1/targets/${hide}` });
    assert.equal(before.statusCode, 200, before.body);
    await t.db.query("UPDATE target SET publication = 'draft' WHERE id = $1", [hide]);
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/targets/${hide}` })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/targets/${keep}` })).statusCode, 200);
    const goals = await t.app.inject({ method: 'GET', url: '/api/v1/goals' });
    assert.equal(goals.statusCode, 200);
    // (its id may still appear as a reference from another item; what matters is that the draft itself is not there)
    const ids = new Set<string>();
    const walk = (x: unknown): void => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') {
        const o = x as Record<string, unknown>;
        if (typeof o.id === 'string') ids.add(o.id);
        Object.values(o).forEach(walk);
      }
    };
    walk(goals.json());
    assert.equal(ids.has(hide), false, 'not listed either');
    assert.equal(ids.has(keep), true);

    // Staff (a reader) see the draft, in the tree and on its own page.
    const reader = await signInAs(t, 'reader');
    const staffTarget = await t.app.inject({
      method: 'GET',
      url: `/api/v1/targets/${hide}`,
      headers: reader.cookieOnly,
    });
    assert.equal(staffTarget.statusCode, 200, staffTarget.body);
    ids.clear();
    walk((await t.app.inject({ method: 'GET', url: '/api/v1/goals', headers: reader.cookieOnly })).json());
    assert.equal(ids.has(hide), true, 'staff see the draft in the tree');
  });
});
