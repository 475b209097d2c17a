/**
 * The organisation as data and what hangs on it: the shipped committees and area groups, a
 * district editor's scope following its committee's areas (dialogues, follow-ups and budget lines
 * in Järva, 403 in Skärholmen), the admin API for committees (audited), and the interventions
 * register's round trip, groups, hierarchy filter, drafts and limits.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, FIXED_NOW, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/db.ts';
import { signInAs, type SignedInClient } from '../helpers/auth.ts';
import { committeeAreaKeys } from '../../src/db/repositories/users.ts';
import { AppError } from '../../src/core/errors.ts';
import { setBudgetLine, updateIntervention, addFollowUp } from '../../src/services/interventions/index.ts';
import type { ActingUser } from '../../src/services/acting.ts';

const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');
const JARVA = 'stadsdelsomrade-2023:0180D-jarva';
const SKARHOLMEN = 'stadsdelsomrade-2023:0180D-skarholmen';

for (const engine of engines()) {
  describe(`organisation and district scope (${engine})`, () => {
    let t: TestApp;
    let editor: SignedInClient;
    let admin: SignedInClient;
    let jarvaIntervention: string;
    before(async () => {
      t = await testApp({ engine, reference: true });
      editor = await signInAs(t, 'district_editor', { committeeId: 'sdn-jarva' });
      admin = await signInAs(t, 'admin');
      const [row] = await t.db.query<{ intervention_id: string }>(
        `SELECT intervention_id FROM intervention_area WHERE division_id = 'stadsdelsomrade-2023' AND area_code = '0180D-jarva' AND intervention_id = 'i-002-kommunal-samverkan-basta-skola'`,
      );
      assert.ok(row, 'the register has an intervention in Järva');
      jarvaIntervention = row.intervention_id;
    });
    after(async () => t.close());

    it('ships the 11 stadsdelsnämnder from 2023-07-01, the 13 of 2020–2023 and the city-wide committees', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/committees' });
      assert.equal(res.statusCode, 200);
      const items = (
        res.json() as {
          items: {
            id: string;
            kind: string;
            validFrom: string | null;
            validTo: string | null;
            areas: { division: string; code: string; name: string | null }[];
          }[];
        }
      ).items;
      const sdn = items.filter((c) => c.kind === 'stadsdelsnamnd' && c.areas.length === 1);
      const in2023 = sdn.filter((c) => c.areas[0]!.division === 'stadsdelsomrade-2023');
      const in2020 = sdn.filter((c) => c.areas[0]!.division === 'stadsdelsomrade-2020');
      assert.equal(in2023.length, 11);
      assert.equal(in2020.length, 13);
      assert.ok(in2023.every((c) => c.validFrom === '2023-07-01' && c.validTo === null));
      assert.ok(in2020.every((c) => c.validFrom === '2020-07-01' && c.validTo === '2023-06-30'));
      // every area of a stadsdelsnämnd is a loaded area
      assert.ok(sdn.every((c) => c.areas[0]!.name !== null));
      const jarva = items.find((c) => c.id === 'sdn-jarva');
      assert.deepEqual(
        jarva?.areas.map((a) => `${a.division}:${a.code}`),
        [JARVA],
      );
      for (const id of [
        'kommunfullmaktige',
        'kommunstyrelsen',
        'socialnamnden',
        'utbildningsnamnden',
        'arbetsmarknadsnamnden',
        'kulturnamnden',
        'idrottsnamnden',
        'trafiknamnden',
        'stadsbyggnadsnamnden',
        'exploateringsnamnden',
        'fastighetsnamnden',
      ])
        assert.ok(
          items.some((c) => c.id === id),
          id,
        );
      assert.deepEqual([...new Set(items.map((c) => c.kind))].sort(), [
        'bolagsstyrelse',
        'facknamnd',
        'kommunfullmaktige',
        'kommunstyrelse',
        'stadsdelsnamnd',
      ]);
    });

    it("a committee's areas include its stadsdelar, RegSO and DeSO, and the 2020 areas wholly inside it", async () => {
      const keys = new Set(await committeeAreaKeys(t.db, 'sdn-jarva'));
      assert.ok(keys.has(JARVA));
      assert.ok(keys.has('stadsdel:0180S-rinkeby'));
      assert.ok(keys.has('stadsdelsomrade-2020:0180D-rinkeby-kista'));
      assert.ok(keys.has('stadsdelsomrade-2020:0180D-spanga-tensta'));
      assert.ok([...keys].some((k) => k.startsWith('regso:')));
      assert.ok([...keys].some((k) => k.startsWith('deso:')));
      assert.ok(!keys.has(SKARHOLMEN));
      assert.ok(![...keys].some((k) => k.includes('skarholmen')));
      const old = new Set(await committeeAreaKeys(t.db, 'sdn-rinkeby-kista-2020'));
      assert.ok(old.has('stadsdel:0180S-rinkeby') && !old.has('stadsdel:0180S-tensta'));
    });

    it('a district editor of sdn-jarva records a dialogue in Järva and gets 403 in Skärholmen', async () => {
      const body = (area: string) => ({
        heldOn: '2026-05-20',
        place: 'Medborgarhuset',
        area,
        topic: 'Trygghet i centrum',
        participants: 40,
        summary: 'Samtal om belysning.',
        fedInto: '',
      });
      const ok = await t.app.inject({
        method: 'POST',
        url: '/api/v1/participation/dialogues',
        headers: editor.headers,
        payload: body(JARVA),
      });
      assert.equal(ok.statusCode, 200, ok.body);
      const rinkeby = await t.app.inject({
        method: 'POST',
        url: '/api/v1/participation/dialogues',
        headers: editor.headers,
        payload: body('stadsdel:0180S-rinkeby'),
      });
      assert.equal(rinkeby.statusCode, 200, rinkeby.body);
      const no = await t.app.inject({
        method: 'POST',
        url: '/api/v1/participation/dialogues',
        headers: editor.headers,
        payload: body(SKARHOLMEN),
      });
      assert.equal(no.statusCode, 403, no.body);
    });

    it('records a follow-up and a budget line in Järva, and gets 403 for an intervention in Skärholmen', async () => {
      const followUp = { period: '2026-T1', text: 'Uppföljning.', outputs: [] };
      const ok = await t.app.inject({
        method: 'POST',
        url: `/api/v1/interventions/${jarvaIntervention}/follow-ups`,
        headers: editor.headers,
        payload: followUp,
      });
      assert.equal(ok.statusCode, 200, ok.body);
      const no = await t.app.inject({
        method: 'POST',
        url: '/api/v1/interventions/i-002-skarholmen-samhandling/follow-ups',
        headers: editor.headers,
        payload: followUp,
      });
      assert.equal(no.statusCode, 403, no.body);
      const line = { planned: '1 mnkr', decided: null, spent: null };
      const okLine = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/interventions/${jarvaIntervention}/budget/2026`,
        headers: editor.headers,
        payload: line,
      });
      assert.equal(okLine.statusCode, 200, okLine.body);
      const noLine = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/interventions/i-002-skarholmen-samhandling/budget/2026',
        headers: editor.headers,
        payload: line,
      });
      assert.equal(noLine.statusCode, 403, noLine.body);
    });

    it("refuses a district editor's write to another district through a service call (no HTTP), leaving the row as it was", async () => {
      const user: ActingUser = {
        id: editor.userId,
        username: editor.username,
        role: 'district_editor',
        committeeId: 'sdn-jarva',
      };
      const before = await t.db.query('SELECT name, updated_at FROM intervention WHERE id = $1', [
        'i-002-skarholmen-samhandling',
      ]);
      const refused = (e: unknown) => e instanceof AppError && e.id === 'forbidden';
      await assert.rejects(
        updateIntervention(t.db, 'i-002-skarholmen-samhandling', { name: 'Kapad' }, { user, now: FIXED_NOW }),
        refused,
      );
      await assert.rejects(
        setBudgetLine(
          t.db,
          'i-002-skarholmen-samhandling',
          2026,
          { planned: '1', decided: null, spent: null, area: null },
          { user, now: FIXED_NOW },
        ),
        refused,
      );
      await assert.rejects(
        addFollowUp(
          t.db,
          'i-002-skarholmen-samhandling',
          { period: '2026', text: 'x', outputs: [] },
          { user, now: FIXED_NOW },
        ),
        refused,
      );
      assert.deepEqual(
        await t.db.query('SELECT name, updated_at FROM intervention WHERE id = $1', ['i-002-skarholmen-samhandling']),
        before,
      );
      // and the same user may change its own district's intervention
      await updateIntervention(
        t.db,
        jarvaIntervention,
        { description: 'Ändrad av stadsdelen.' },
        { user, now: FIXED_NOW },
      );
    });

    it('lets administrators add, rename, retire and re-area committees (audited); others get 403', async () => {
      const create = { id: 'test-namnd', name: 'Testnämnden', kind: 'facknamnd', areas: [] };
      assert.equal(
        (await t.app.inject({ method: 'POST', url: '/api/v1/committees', headers: editor.headers, payload: create }))
          .statusCode,
        403,
      );
      const made = await t.app.inject({
        method: 'POST',
        url: '/api/v1/committees',
        headers: admin.headers,
        payload: create,
      });
      assert.equal(made.statusCode, 200, made.body);
      const dup = await t.app.inject({
        method: 'POST',
        url: '/api/v1/committees',
        headers: admin.headers,
        payload: create,
      });
      assert.equal(dup.statusCode, 409, dup.body);
      const patch = {
        name: 'Nya testnämnden',
        validTo: '2026-12-31',
        areas: [{ division: 'stadsdelsomrade-2023', code: '0180D-farsta' }],
      };
      const changed = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/committees/test-namnd',
        headers: admin.headers,
        payload: patch,
      });
      assert.equal(changed.statusCode, 200, changed.body);
      const c = changed.json() as { name: string; validTo: string; areas: { code: string }[]; editedInApp: boolean };
      assert.equal(c.name, 'Nya testnämnden');
      assert.equal(c.validTo, '2026-12-31');
      assert.deepEqual(
        c.areas.map((a) => a.code),
        ['0180D-farsta'],
      );
      assert.equal(c.editedInApp, true);
      const bad = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/committees/test-namnd',
        headers: admin.headers,
        payload: { validFrom: '2027-01-01' },
      });
      assert.equal(bad.statusCode, 400);
      const badDate = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/committees/test-namnd',
        headers: admin.headers,
        payload: { validTo: '2026-02-30' },
      });
      assert.equal(badDate.statusCode, 400);
      const audit = await t.db.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE entity = 'committee' AND entity_id = 'test-namnd' ORDER BY id`,
      );
      assert.deepEqual(
        audit.map((a) => a.action),
        ['create', 'retire'],
      );
      // re-area reaches a district editor's scope
      assert.ok((await committeeAreaKeys(t.db, 'test-namnd')).includes('stadsdel:0180S-farsta'));
    });

    it('gives every intervention an area (groups resolve "fokusområden i söderort", "Vantör", "Stureplan")', async () => {
      const empty = await t.db.query(
        `SELECT id FROM intervention i WHERE NOT i.city_wide AND NOT EXISTS (SELECT 1 FROM intervention_area a WHERE a.intervention_id = i.id)`,
      );
      assert.deepEqual(empty, []);
      const groups = await t.db.query<{ intervention_id: string; group_id: string }>(
        'SELECT intervention_id, group_id FROM intervention_area_group ORDER BY 1',
      );
      assert.deepEqual(groups.map((g) => `${g.intervention_id}=${g.group_id}`).sort(), [
        'i-001-trygghetskontor-platssamverkan=stureplan',
        'i-002-eav-faltassistenter-vantor=vantor',
        'i-002-fokusomraden-soderort=fokusomraden-soderort',
      ]);
      const d = (
        await t.app.inject({ method: 'GET', url: '/api/v1/interventions/i-002-eav-faltassistenter-vantor' })
      ).json() as { areas: { name: string }[]; groups: { name: string }[] };
      assert.deepEqual(
        d.groups.map((g) => g.name),
        ['Vantör'],
      );
      assert.ok(d.areas.some((a) => a.name === 'Rågsved'));
    });

    it('the area filter follows the hierarchy; city-wide interventions only when asked for', async () => {
      const list = async (q: string) =>
        (
          (await t.app.inject({ method: 'GET', url: `/api/v1/interventions?${q}` })).json() as {
            items: { id: string; areas: { key: string }[] }[];
          }
        ).items;
      const jarva = await list(`area=${encodeURIComponent(JARVA)}`);
      assert.ok(
        jarva.some((i) => i.id === 'i-001-krisgrupp-gangrekrytering'),
        'the one tagged Rinkeby',
      );
      assert.ok(jarva.some((i) => i.id === 'i-002-fokus-jarva'));
      assert.ok(!jarva.some((i) => i.areas.some((a) => a.key === 'city')));
      const withCity = await list(`area=${encodeURIComponent(JARVA)}&includeCityWide=true`);
      assert.ok(withCity.some((i) => i.areas.some((a) => a.key === 'city')));
      assert.ok(withCity.length > jarva.length);
      const soder = await list(`area=${encodeURIComponent('group:soderort')}`);
      assert.ok(soder.some((i) => i.id === 'i-002-skarholmen-samhandling'));
      assert.ok(soder.some((i) => i.id === 'i-002-eav-faltassistenter-vantor'));
      assert.ok(!soder.some((i) => i.id === 'i-002-fokus-jarva'));
    });

    it('shows the quoted passage and unknown amounts as unknown; the to-do list names interventions with no committee', async () => {
      const d = (
        await t.app.inject({ method: 'GET', url: '/api/v1/interventions/i-001-foraldraskapsprogram' })
      ).json() as { citation: { quote: string }; known: { planned: boolean } };
      assert.match(d.citation.quote, /\(\+4 mnkr\)/);
      assert.equal(d.known.planned, true);
      const u = (await t.app.inject({ method: 'GET', url: '/api/v1/interventions/i-002-fokus-jarva' })).json() as {
        known: { planned: boolean; decided: boolean; spent: boolean };
        committee: string;
      };
      assert.deepEqual(u.known, { planned: false, decided: false, spent: false });
      assert.equal(u.committee, '');
      const s = (
        await t.app.inject({ method: 'GET', url: '/api/v1/interventions/i-003-skarpnacksmodellen' })
      ).json() as { committeeId: string; areas: { key: string }[] };
      assert.equal(s.committeeId, 'sdn-skarpnack');
      const riktad = (
        await t.app.inject({ method: 'GET', url: '/api/v1/interventions/i-001-riktad-satsning-10-15-aringar' })
      ).json() as { committeeId: string };
      assert.equal(riktad.committeeId, 'stadsdelsnamnderna');
      assert.equal(
        (await t.app.inject({ method: 'GET', url: '/api/v1/committees/todo/responsibility', headers: editor.headers }))
          .statusCode,
        403,
      );
      const todo = await t.app.inject({
        method: 'GET',
        url: '/api/v1/committees/todo/responsibility',
        headers: admin.headers,
      });
      assert.equal(todo.statusCode, 200);
      const ids = (todo.json() as { items: { id: string }[] }).items.map((i) => i.id);
      assert.ok(ids.includes('i-002-fokus-jarva') && ids.includes('i-001-skolnarvaro'));
      assert.ok(!ids.includes('i-003-skarpnacksmodellen') && !ids.includes('i-002-skarholmen-samhandling'));
    });

    for (const format of ['csv', 'xlsx'] as const) {
      it(`round-trips the shipped register: export → import (${format}) reports no problems and changes nothing`, async () => {
        const exp = await t.app.inject({
          method: 'GET',
          url: `/api/v1/interventions/export?format=${format}`,
          headers: admin.headers,
        });
        assert.equal(exp.statusCode, 200);
        const payload = { format, content: b64(exp.rawPayload) };
        const preview = await t.app.inject({
          method: 'POST',
          url: '/api/v1/interventions/import/preview',
          headers: admin.headers,
          payload,
        });
        const p = preview.json() as { ok: boolean; problems: unknown[]; interventions: unknown[] };
        assert.deepEqual(p.problems, []);
        assert.equal(p.ok, true);
        const count = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM intervention'))[0]!.n;
        assert.equal(p.interventions.length, count);
        const areasBefore = await t.db.query('SELECT * FROM intervention_area ORDER BY 1, 2, 3');
        const committeesBefore = await t.db.query('SELECT id, committee_id FROM intervention ORDER BY id');
        const groupsBefore = await t.db.query('SELECT * FROM intervention_area_group ORDER BY 1, 2');
        const commit = await t.app.inject({
          method: 'POST',
          url: '/api/v1/interventions/import',
          headers: admin.headers,
          payload,
        });
        assert.equal(commit.statusCode, 200, commit.body);
        assert.deepEqual(await t.db.query('SELECT * FROM intervention_area ORDER BY 1, 2, 3'), areasBefore);
        assert.deepEqual(await t.db.query('SELECT id, committee_id FROM intervention ORDER BY id'), committeesBefore);
        assert.deepEqual(await t.db.query('SELECT * FROM intervention_area_group ORDER BY 1, 2'), groupsBefore);
        const again = await t.app.inject({
          method: 'GET',
          url: `/api/v1/interventions/export?format=${format}`,
          headers: admin.headers,
        });
        if (format === 'csv') assert.equal(again.body, exp.body);
      });
    }

    it('keeps draft targets out of published intervention pages and public exports', async () => {
      const target = 't-inga-utsatta-omraden-2030';
      await t.db.query(`UPDATE target SET publication = 'draft' WHERE id = $1`, [target]);
      try {
        const d = (await t.app.inject({ method: 'GET', url: '/api/v1/interventions/i-002-fokus-jarva' })).json() as {
          targets: { id: string }[];
        };
        assert.deepEqual(d.targets, []);
        for (const format of ['csv', 'xlsx'] as const) {
          const pub = await t.app.inject({ method: 'GET', url: `/api/v1/interventions/export?format=${format}` });
          assert.equal(pub.statusCode, 200);
          assert.ok(!pub.rawPayload.includes(Buffer.from(target)), `${format}: no draft target id`);
        }
        const staff = await t.app.inject({
          method: 'GET',
          url: '/api/v1/interventions/export?format=csv',
          headers: admin.headers,
        });
        assert.ok(staff.body.includes(target));
      } finally {
        await t.db.query(`UPDATE target SET publication = 'published' WHERE id = $1`, [target]);
      }
    });

    it('neutralises spreadsheet formulas in the CSV export and reads them back unchanged', async () => {
      const name = '=HYPERLINK("http://example.org","klicka")';
      const res = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/interventions/i-002-fokus-jarva',
        headers: admin.headers,
        payload: { name, description: '-2+3 @summa' },
      });
      assert.equal(res.statusCode, 200, res.body);
      const csv = (await t.app.inject({ method: 'GET', url: '/api/v1/interventions/export?format=csv' })).body;
      assert.ok(csv.includes(`"'=HYPERLINK(""http://example.org"",""klicka"")"`));
      assert.ok(csv.includes("'-2+3 @summa"));
      for (const line of csv.split('\r\n')) for (const cell of line.split(',')) assert.ok(!/^[=+@\t]/.test(cell), cell);
      const preview = await t.app.inject({
        method: 'POST',
        url: '/api/v1/interventions/import/preview',
        headers: admin.headers,
        payload: { format: 'csv', content: b64(csv) },
      });
      const p = preview.json() as { ok: boolean; interventions: { id: string; name: string }[] };
      assert.equal(p.ok, true);
      assert.equal(p.interventions.find((i) => i.id === 'i-002-fokus-jarva')?.name, name);
    });

    it('applies the same limits in the import preview and the commit: what the preview refuses is never written', async () => {
      const header =
        'id,name,description,committee,funding_source,areas,goal_areas,strategies,targets,start_date,end_date,status,year,budget_area,planned_mnkr,decided_mnkr,spent_mnkr';
      const rows = [
        'lim-1,Stor summa,,,Ordinarie budget,Järva,,,,,,planerad,2026,,12345678901234567890,,',
        'lim-2,Med\u0000nul,,,Ordinarie budget,Järva,,,,,,planerad,,,,,',
        'lim-4,Omöjligt datum,,,Ordinarie budget,Järva,,,,2026-02-30,,planerad,,,,,',
        `lim-5,${'x'.repeat(301)},,,Ordinarie budget,Järva,,,,,,planerad,,,,,`,
      ];
      const csv = [header, ...rows].join('\n');
      const payload = { format: 'csv', content: b64(csv) };
      const preview = await t.app.inject({
        method: 'POST',
        url: '/api/v1/interventions/import/preview',
        headers: admin.headers,
        payload,
      });
      assert.equal(preview.statusCode, 200);
      const p = preview.json() as { ok: boolean; problems: { row: number; column: string; code: string }[] };
      assert.equal(p.ok, false);
      const found = p.problems.map((x) => `${x.row}:${x.column}:${x.code}`);
      for (const want of ['2:planned_mnkr:bad-amount', '3:name:bad-text', '4:start_date:bad-date', '5:name:too-long'])
        assert.ok(found.includes(want), `${want} in ${found.join(' ')}`);
      const before = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM intervention');
      const commit = await t.app.inject({
        method: 'POST',
        url: '/api/v1/interventions/import',
        headers: admin.headers,
        payload,
      });
      assert.equal(commit.statusCode, 422);
      assert.deepEqual(await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM intervention'), before);
      // a lone surrogate cannot arrive in a UTF-8 file, but can in JSON: 400 naming the field
      const surrogate = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/interventions/i-002-fokus-jarva',
        headers: admin.headers,
        payload: { name: 'Ensam \ud800 surrogat' },
      });
      assert.equal(surrogate.statusCode, 400, surrogate.body);
      assert.match(surrogate.body, /name/);
      // NUL in a query, a path or an area key is a 400, never a 500
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/interventions?area=a%00b' })).statusCode, 400);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/interventions/a%00b' })).statusCode, 400);
      const nulArea = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/committees/sdn-farsta',
        headers: admin.headers,
        payload: { areas: [{ division: 'stadsdelsomrade-2023', code: 'x\u0000y' }] },
      });
      assert.equal(nulArea.statusCode, 400, nulArea.body);
      // each row alone gets the same answer from preview and commit (no 500)
      for (const row of rows) {
        const one = { format: 'csv', content: b64([header, row].join('\n')) };
        const pr = (
          await t.app.inject({
            method: 'POST',
            url: '/api/v1/interventions/import/preview',
            headers: admin.headers,
            payload: one,
          })
        ).json() as { ok: boolean };
        const co = await t.app.inject({
          method: 'POST',
          url: '/api/v1/interventions/import',
          headers: admin.headers,
          payload: one,
        });
        assert.equal(pr.ok, false);
        assert.equal(co.statusCode, 422, co.body);
      }
    });
  });
}
