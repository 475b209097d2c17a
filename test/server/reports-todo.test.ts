/**
 * The to-do list's whole reports (Att göra), through the API on 1 December 2026: the tertial reports due and
 * overdue for the committees a user may write for, including reports not yet created; a report marked ready
 * leaves the writers' list and waits on the approver's; a district editor sees only their own committee;
 * committees no longer in force are not listed, neither there nor among the committees a report can be made for.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { engines } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { signInAs, type SignedInClient } from '../helpers/auth.ts';
import { JARVA, SODERMALM, reportCommittees } from '../helpers/reports-fixture.ts';
import type { TodoResponse } from '../../src/core/contracts/reports.ts';

const MONDAY = new Date('2026-12-01T08:00:00Z');
/** retired on 30 June 2023 (the shipped organisation) */
const RETIRED = 'sdn-rinkeby-kista-2020';

for (const engine of engines()) {
  describe(`reports to-do API (${engine})`, () => {
    let t: TestApp;
    let analyst: SignedInClient;
    let reader: SignedInClient;
    let jarva: SignedInClient;

    before(async () => {
      t = await testApp({ engine, reference: true, now: () => MONDAY });
      await reportCommittees(t.db);
      analyst = await signInAs(t, 'analyst');
      reader = await signInAs(t, 'reader');
      jarva = await signInAs(t, 'district_editor', { committeeId: JARVA });
    });
    after(async () => t.close());

    const get = async (who: SignedInClient, url: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: who.headers });
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    };
    const todo = (who: SignedInClient) => get(who, '/reports/todo') as Promise<TodoResponse>;
    const send = async (who: SignedInClient, url: string, payload: Record<string, unknown>) => {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: who.headers, payload });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { id: string };
    };

    it('lists the overdue tertial reports of a district editor’s own committee, not yet created', async () => {
      const d = await todo(jarva);
      const write = d.reports.filter((r) => r.kind === 'write');
      assert.deepEqual(
        write.map((r) => [r.committee.id, r.period.id, r.reportId, r.overdue, r.period.dueOn]),
        [
          [JARVA, '2025-VB', null, true, '2026-02-15'],
          [JARVA, '2026-T1', null, true, '2026-05-20'],
          [JARVA, '2026-T2', null, true, '2026-09-20'],
        ],
      );
      assert.deepEqual(d.summary, { due: 3, overdue: 3, toApprove: 0 });
    });

    it('lists every committee in force for an analyst, not the retired one; a reader has no reports to write', async () => {
      const d = await todo(analyst);
      const committees = new Set(d.reports.map((r) => r.committee.id));
      assert.ok(committees.has(JARVA) && committees.has(SODERMALM), [...committees].join());
      assert.ok(!committees.has(RETIRED));
      // kommunfullmäktige receives the reports; "Stadsdelsnämnderna" is a collective name, not a committee
      assert.ok(!committees.has('kommunfullmaktige') && !committees.has('stadsdelsnamnderna'));
      assert.deepEqual((await todo(reader)).reports, []);
    });

    it('offers only committees in force, and a district editor only their own, for a new report', async () => {
      const mine = (await get(jarva, '/report-committees')) as { committees: { id: string }[] };
      assert.deepEqual(
        mine.committees.map((c) => c.id),
        [JARVA],
      );
      const all = ((await get(analyst, '/report-committees')) as { committees: { id: string }[] }).committees;
      assert.ok(all.some((c) => c.id === SODERMALM));
      assert.ok(!all.some((c) => c.id === RETIRED));
    });

    it('a draft stays on the writers’ list; a ready report moves to the approver’s list', async () => {
      const { id } = await send(jarva, '/reports', { committeeId: JARVA, period: '2026-T2' });
      let d = await todo(jarva);
      const t2 = d.reports.find((r) => r.period.id === '2026-T2');
      assert.equal(t2?.reportId, id);
      assert.equal(t2?.state, 'utkast');
      assert.deepEqual(
        (await todo(analyst)).reports.filter((r) => r.kind === 'approve'),
        [],
      );

      for (const key of ['analysis', 'measures', 'risks'])
        await send(jarva, `/reports/${id}/sections/${key}/state`, { state: 'klar' });
      await send(jarva, `/reports/${id}/transition`, { action: 'submit' });

      d = await todo(jarva);
      assert.ok(!d.reports.some((r) => r.period.id === '2026-T2'));
      assert.deepEqual(d.summary, { due: 2, overdue: 2, toApprove: 0 });

      const a = await todo(analyst);
      const waiting = a.reports.filter((r) => r.kind === 'approve');
      assert.deepEqual(
        waiting.map((r) => [r.reportId, r.committee.id, r.state]),
        [[id, JARVA, 'klar']],
      );
      assert.equal(a.summary.toApprove, 1);

      // (an assessment needs a status: none chosen, or the form's empty choice, is refused)
      for (const payload of [{ text: 'x' }, { status: '', text: 'x' }]) {
        const res = await t.app.inject({
          method: 'PUT',
          url: `/api/v1/reports/${id}/assessments/t-samlingslokal-15-minuter`,
          headers: analyst.headers,
          payload,
        });
        assert.equal(res.statusCode, 400, res.body);
        assert.match(res.body, /status/);
      }

      await send(analyst, `/reports/${id}/transition`, { action: 'approve' });
      assert.equal((await todo(analyst)).summary.toApprove, 0);
      assert.ok(!(await todo(jarva)).reports.some((r) => r.period.id === '2026-T2'));
    });
  });
}
