/**
 * The city report fastställd, on every engine: before approval it follows the register; approving freezes
 * its content (money by committee, the reports included and those missing), so the API and the documents
 * (HTML, PDF) keep the approved figures when the register changes; only `reports:approve` city-wide may
 * approve (403 and nothing written otherwise); a second approval is refused (409) and changes nothing;
 * the approval is audited.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { engines } from '../helpers/db.ts';
import { FIXED_NOW, testApp, type TestApp } from '../helpers/app.ts';
import { signInAs, type SignedInClient } from '../helpers/auth.ts';
import { JARVA, reportCommittees } from '../helpers/reports-fixture.ts';
import { scratchDir } from '../helpers/scratch.ts';
import type { CityReport } from '../../src/core/contracts/reports.ts';
import { SYSTEM_USER } from '../../src/services/acting.ts';
import { CITY_CONTENT_VERSION } from '../../src/core/reports/city-content.ts';
import { setBudgetLine } from '../../src/services/interventions/index.ts';
import { formatDateTime, formatWhole } from '../../src/services/reports/words.ts';

const squash = (s: string): string => s.replace(/[\s\u00a0\u202f]+/g, '');
const PERIOD = '2026-T2';

for (const engine of engines()) {
  describe(`the city report fastställd (${engine})`, () => {
    let t: TestApp;
    let analyst: SignedInClient;
    let reader: SignedInClient;
    let jarva: SignedInClient;
    /** a published intervention with a responsible committee, whose 2026 budget line the tests change */
    let A: string;
    let committeeOfA: { id: string; name: string };
    const dir = scratchDir('fardplan-city-report-');
    const report = `${JARVA}-${PERIOD}`;

    before(async () => {
      t = await testApp({ engine, reference: true });
      await reportCommittees(t.db);
      analyst = await signInAs(t, 'analyst');
      reader = await signInAs(t, 'reader');
      jarva = await signInAs(t, 'district_editor', { committeeId: JARVA });
      const rows = await t.db.query<{ id: string; cid: string; name: string }>(
        `SELECT i.id, c.id AS cid, c.name FROM intervention i JOIN committee c ON c.id = i.committee_id
          WHERE i.publication = 'published' ORDER BY i.id LIMIT 1`,
      );
      A = rows[0]!.id;
      committeeOfA = { id: rows[0]!.cid, name: rows[0]!.name };
      // Järva's report is created but not approved: the city report lists it as missing
      const created = await call(jarva, 'POST', '/reports', { committeeId: JARVA, period: PERIOD });
      assert.equal(created.statusCode, 200, created.body);
    });
    after(async () => t.close());

    const call = (who: SignedInClient | null, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
      t.app.inject(
        payload === undefined
          ? { method, url: `/api/v1${url}`, headers: who?.headers ?? {} }
          : { method, url: `/api/v1${url}`, headers: who?.headers ?? {}, payload },
      );
    const city = async (who: SignedInClient = reader): Promise<CityReport> => {
      const res = await call(who, 'GET', `/reports/city/${PERIOD}`);
      assert.equal(res.statusCode, 200, res.body.slice(0, 500));
      return res.json() as CityReport;
    };
    /** the committee's planned money in the city report's year (null: no row, the committee has no lines then) */
    const plannedOf = async (who?: SignedInClient): Promise<string | null> => {
      const rows = (await city(who)).moneyByCommittee;
      return rows.find((m) => m.key === committeeOfA.id || m.name === committeeOfA.name)?.planned ?? null;
    };
    const plannedOfA = async (who?: SignedInClient): Promise<string> => {
      const p = await plannedOf(who);
      assert.ok(p !== null, `a money row for ${committeeOfA.name}`);
      return p;
    };
    const setPlanned = (planned: string) =>
      setBudgetLine(
        t.db,
        A,
        2026,
        { planned, decided: '1000', spent: '500', area: null },
        { user: SYSTEM_USER, now: FIXED_NOW },
      );
    const written = async () =>
      JSON.stringify([
        await t.db.query('SELECT period_id, content, approved_at, approved_by, note FROM city_report_approval'),
        await t.db.query(`SELECT action, entity_id, username, after FROM audit_log WHERE entity = 'city_report'`),
      ]);
    const exported = async (format: 'html' | 'pdf'): Promise<string> => {
      const res = await call(reader, 'GET', `/reports/city/${PERIOD}/export?format=${format}&lang=sv`);
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      if (format === 'html') return res.body;
      const file = join(dir, `city-${engine}.pdf`);
      writeFileSync(file, res.rawPayload);
      return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    };

    let approvedPlanned = '';

    it('is preliminary before approval and follows the register', async () => {
      const before = await city(analyst);
      assert.equal(before.approved, null);
      assert.equal(before.figuresAt, FIXED_NOW.toISOString());
      assert.deepEqual(before.allowed, { approve: true });
      assert.deepEqual((await city(reader)).allowed, { approve: false });
      assert.deepEqual(
        before.missing.map((m) => m.id),
        [JARVA],
      );
      const p0 = await plannedOf();
      await setPlanned('7000001');
      const p1 = await plannedOfA();
      assert.notEqual(p1, p0, 'the live report follows the register');
      const html = await exported('html');
      assert.ok(squash(html).includes(squash(formatWhole(p1, 'sv'))), 'the HTML has the live figure');
      assert.ok(html.includes('Preliminär: siffrorna är hämtade'), 'the HTML says it is preliminary');
    });

    it('refuses the public (401), a reader and a district editor (403), and writes nothing', async () => {
      const was = await written();
      for (const who of [null, reader, jarva]) {
        const res = await call(who, 'POST', `/reports/city/${PERIOD}/approve`, {});
        assert.equal(res.statusCode, who ? 403 : 401, res.body);
      }
      assert.equal(await written(), was);
      assert.equal((await city()).approved, null);
    });

    it('approves: the content is frozen with who and when, and the approval is audited', async () => {
      approvedPlanned = await plannedOfA();
      const res = await call(analyst, 'POST', `/reports/city/${PERIOD}/approve`, { note: 'KS 2026-09-30 § 12' });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), {
        period: PERIOD,
        approved: { by: analyst.username, at: FIXED_NOW.toISOString(), note: 'KS 2026-09-30 § 12' },
      });
      const c = await city(analyst);
      assert.deepEqual(c.approved, { by: analyst.username, at: FIXED_NOW.toISOString(), note: 'KS 2026-09-30 § 12' });
      assert.equal(c.figuresAt, FIXED_NOW.toISOString());
      assert.deepEqual(c.allowed, { approve: false }, 'nobody may approve it again');
      const audit = await t.db.query<{ action: string; entity_id: string; username: string; after: unknown }>(
        `SELECT action, entity_id, username, after FROM audit_log WHERE entity = 'city_report'`,
      );
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.action, 'publish');
      assert.equal(audit[0]!.entity_id, PERIOD);
      assert.equal(audit[0]!.username, analyst.username);
      assert.deepEqual((audit[0]!.after as { missing: string[] }).missing, [JARVA]);
    });

    it('keeps the approved figures when the register changes, in the API and in the HTML and PDF', async () => {
      await setPlanned('9000009');
      const live = BigInt(approvedPlanned) - 7000001n + 9000009n;
      assert.equal(await plannedOfA(), approvedPlanned, 'the API gives the frozen figure');
      const html = await exported('html');
      assert.ok(squash(html).includes(squash(formatWhole(approvedPlanned, 'sv'))), 'the HTML has the approved figure');
      assert.ok(!squash(html).includes(squash(formatWhole(String(live), 'sv'))), 'not the changed one');
      const stamp = `Fastställd ${formatDateTime(FIXED_NOW.toISOString(), 'sv')} av ${analyst.username}`;
      assert.ok(squash(html).includes(squash(stamp)), `the HTML says "${stamp}"`);
      const pdf = squash(await exported('pdf'));
      assert.ok(pdf.includes(squash(formatWhole(approvedPlanned, 'sv'))), 'the PDF has the approved figure');
      assert.ok(!pdf.includes(squash(formatWhole(String(live), 'sv'))), 'the PDF not the changed one');
      assert.ok(pdf.includes(squash(stamp)), 'the PDF says when and by whom it was fastställd');
    });

    it('keeps the reports that were missing at approval, though they are approved later', async () => {
      for (const key of ['analysis', 'measures', 'risks']) {
        const res = await call(jarva, 'POST', `/reports/${report}/sections/${key}/state`, { state: 'klar' });
        assert.equal(res.statusCode, 200, res.body);
      }
      assert.equal((await call(jarva, 'POST', `/reports/${report}/transition`, { action: 'submit' })).statusCode, 200);
      assert.equal(
        (await call(analyst, 'POST', `/reports/${report}/transition`, { action: 'approve' })).statusCode,
        200,
      );
      const c = await city();
      assert.deepEqual(
        c.missing.map((m) => m.id),
        [JARVA],
      );
      assert.deepEqual(c.reports, []);
      assert.deepEqual(c.chapters, []);
    });

    it('refuses a second approval (409) and changes nothing', async () => {
      const was = await written();
      const shown = JSON.stringify(await city(analyst));
      const res = await call(analyst, 'POST', `/reports/city/${PERIOD}/approve`, { note: 'again' });
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().error.code, 'city_report_approved');
      const bare = await call(analyst, 'POST', `/reports/city/${PERIOD}/approve`);
      assert.equal(bare.statusCode, 409, `without a body too: ${bare.body}`);
      assert.equal(await written(), was);
      assert.equal(JSON.stringify(await city(analyst)), shown);
    });

    it('leaves another period preliminary', async () => {
      const res = await call(reader, 'GET', '/reports/city/2026-T1');
      assert.equal(res.statusCode, 200);
      assert.equal((res.json() as CityReport).approved, null);
    });

    it('stores the content version and refuses, naming the period, content from a newer Färdplan', async () => {
      const version = async () =>
        (
          await t.db.query<{ v: number }>(
            'SELECT content_version AS v FROM city_report_approval WHERE period_id = $1',
            [PERIOD],
          )
        )[0]?.v;
      assert.equal(await version(), CITY_CONTENT_VERSION);
      const shown = JSON.stringify(await city(analyst));
      await t.db.query('UPDATE city_report_approval SET content_version = content_version + 1 WHERE period_id = $1', [
        PERIOD,
      ]);
      try {
        for (const url of [`/reports/city/${PERIOD}`, `/reports/city/${PERIOD}/export?format=html`]) {
          const res = await call(reader, 'GET', url);
          assert.equal(res.statusCode, 503, res.body);
          const error = res.json().error as { code: string; params: Record<string, string>; message: string };
          assert.equal(error.code, 'city_report_unreadable');
          assert.deepEqual(error.params, { period: PERIOD });
          assert.match(error.message, new RegExp(`version ${CITY_CONTENT_VERSION + 1} by a newer Färdplan`));
        }
      } finally {
        await t.db.query('UPDATE city_report_approval SET content_version = $2 WHERE period_id = $1', [
          PERIOD,
          CITY_CONTENT_VERSION,
        ]);
      }
      assert.equal(JSON.stringify(await city(analyst)), shown);
    });
  });
}
