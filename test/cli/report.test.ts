/**
 * `fardplan report create | copy-forward | export | approve-city | export-city`, the real command against a
 * database on each engine (embedded, and PostgreSQL through DATABASE_URL): the same commands as the API, so a district editor acting (`--as`) for another committee, or approving the
 * city report, is refused.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createUser } from '../../src/services/auth/index.ts';
import { cliDatabase, type CliDatabase } from '../helpers/connector-fixture.ts';
import { engines } from '../helpers/db.ts';
import { repoRoot } from '../helpers/paths.ts';
import { docxText } from '../helpers/reports-docs.ts';
import { scratchDir } from '../helpers/scratch.ts';

for (const engine of engines())
  describe(`fardplan report (CLI, ${engine})`, () => {
    const dir = scratchDir('fardplan-report-cli-');
    let cdb: CliDatabase;
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [join(repoRoot, 'bin', 'fardplan.mjs'), 'report', ...args], {
        env: { ...process.env, ...cdb.env },
        encoding: 'utf8',
      });

    before(async () => {
      cdb = await cliDatabase(engine);
      const db = await cdb.open();
      for (const [id, name] of [
        ['sdn-jarva', 'Järva stadsdelsnämnd'],
        ['sdn-sodermalm', 'Södermalms stadsdelsnämnd'],
      ]) {
        // Whichever vocabulary committee.kind has on this branch.
        await db
          .query('INSERT INTO committee (id, name, kind) VALUES ($1, $2, $3)', [id, name, 'stadsdelsnamnd'])
          .catch(() => db.query('INSERT INTO committee (id, name, kind) VALUES ($1, $2, $3)', [id, name, 'district']));
      }
      const now = () => new Date('2026-06-15T10:00:00Z');
      const pw = 'a long enough test password';
      await createUser(
        db,
        { username: 'sod.editor', role: 'district_editor', committeeId: 'sdn-sodermalm', password: pw },
        null,
        { now },
      );
      await createUser(
        db,
        { username: 'jarva.editor', role: 'district_editor', committeeId: 'sdn-jarva', password: pw },
        null,
        { now },
      );
      await db.close();
    });
    after(async () => {
      await cdb.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('refuses a bad period as a usage error and another committee as forbidden', () => {
      const bad = run('create', '--committee', 'sdn-jarva', '--period', '2026-T9');
      assert.equal(bad.status, 2, bad.stderr);
      assert.match(bad.stderr, /--period/);
      const other = run('create', '--committee', 'sdn-jarva', '--period', '2026-T1', '--as', 'sod.editor');
      assert.equal(other.status, 1, other.stderr);
      assert.match(other.stderr, /may not/);
    });

    it('creates, copies forward and exports', async () => {
      const created = run('create', '--committee', 'sdn-jarva', '--period', '2026-T1', '--as', 'jarva.editor');
      assert.equal(created.status, 0, created.stderr);
      assert.equal(created.stdout.trim(), 'sdn-jarva-2026-T1');
      const again = run('create', '--committee', 'sdn-jarva', '--period', '2026-T1');
      assert.equal(again.status, 1);
      assert.match(again.stderr, /already has a report/);
      const next = run('copy-forward', 'sdn-jarva-2026-T1');
      assert.equal(next.status, 0, next.stderr);
      assert.equal(next.stdout.trim(), 'sdn-jarva-2026-T2');

      const html = join(dir, 't1.html');
      const h = run('export', 'sdn-jarva-2026-T1', '--format', 'html', '--out', html);
      assert.equal(h.status, 0, h.stderr);
      const text = readFileSync(html, 'utf8');
      assert.match(text, /<html lang="sv">/);
      assert.match(text, /<title>Tertialrapport 1 2026 – Järva stadsdelsnämnd<\/title>/);
      const docx = join(dir, 't2.docx');
      const d = run('export', 'sdn-jarva-2026-T2', '--format', 'docx', '--out', docx, '--lang', 'en');
      assert.equal(d.status, 0, d.stderr);
      assert.match((await docxText(readFileSync(docx))).text, /Tertial report 2 2026 – Järva stadsdelsnämnd/);
      const wrong = run('export', 'sdn-jarva-2026-T1', '--format', 'odt', '--out', join(dir, 'x'));
      assert.equal(wrong.status, 2);
    });
    it('approves the city report once (an editor may not) and exports the frozen document', async () => {
      const bad = run('approve-city', '2026-X1');
      assert.equal(bad.status, 2, bad.stderr);
      assert.match(bad.stderr, /<period> "2026-X1"/);
      const editor = run('approve-city', '2026-T1', '--as', 'jarva.editor');
      assert.equal(editor.status, 1, editor.stderr);
      assert.match(editor.stderr, /may not/);

      const ok = run('approve-city', '2026-T1', '--note', 'KF 2026-06-15 § 12');
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, /^2026-T1 fastställd 20\d\d-\d\d-\d\dT/);
      const twice = run('approve-city', '2026-T1');
      assert.equal(twice.status, 1);
      assert.match(twice.stderr, /already approved/);

      const db = await cdb.open();
      try {
        const rows = await db.query<{ note: string; approved_by: string | null }>(
          "SELECT note, approved_by FROM city_report_approval WHERE period_id = '2026-T1'",
        );
        assert.deepEqual(rows, [{ note: 'KF 2026-06-15 § 12', approved_by: 'cli' }]);
      } finally {
        await db.close();
      }

      const html = join(dir, 'stad.html');
      const h = run('export-city', '2026-T1', '--format', 'html', '--out', html);
      assert.equal(h.status, 0, h.stderr);
      const text = readFileSync(html, 'utf8');
      assert.match(text, /<html lang="sv">/);
      assert.match(text, /[Ff]astställd/);
      assert.doesNotMatch(text, /preliminär/i);
      const wrong = run('export-city', '2026-T1', '--format', 'odt', '--out', join(dir, 'y'));
      assert.equal(wrong.status, 2);
    });
  });
