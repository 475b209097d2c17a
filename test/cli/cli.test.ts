import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliDatabase, type CliDatabase } from '../helpers/connector-fixture.ts';
import { engines } from '../helpers/db.ts';
import { repoRoot } from '../helpers/paths.ts';

const fixtures = join(repoRoot, 'test', 'fixtures', 'datasets');

function fardplan(args: string[], env: Record<string, string>) {
  const res = spawnSync(process.execPath, [join(repoRoot, 'bin', 'fardplan.mjs'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: '', FARDPLAN_DATA_DIR: join(repoRoot, 'no-such-data'), ...env },
    encoding: 'utf8',
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

for (const engine of engines())
  describe(`fardplan CLI (${engine})`, () => {
    let dir: string;
    let env: Record<string, string>;
    let env2: Record<string, string>;
    const databases: CliDatabase[] = [];
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'fardplan-cli-'));
      if (engine === 'pglite') {
        // directories the command creates its embedded databases in
        env = { FARDPLAN_PGLITE_DIR: join(dir, 'db') };
        env2 = { FARDPLAN_PGLITE_DIR: join(dir, 'db2') };
      } else {
        for (let i = 0; i < 2; i++) databases.push(await cliDatabase(engine, { places: false }));
        env = databases[0]!.env;
        env2 = databases[1]!.env;
      }
    });
    after(async () => {
      for (const d of databases) await d.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('prints help and exits 0', () => {
      const r = fardplan(['--help'], env);
      assert.equal(r.code, 0);
      for (const cmd of ['serve', 'migrate', 'load', 'export']) assert.match(r.stdout, new RegExp(`\\n  ${cmd}\\b`));
    });

    it('exits 2 on a usage mistake', () => {
      const r = fardplan(['load'], env);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /missing required argument 'dir'/);
    });

    it('refuses a bad dataset with file, line and field, exit code 3, and leaves the database as it was', () => {
      const bad = fardplan(['load', join(fixtures, 'bad-observation')], env);
      assert.equal(bad.code, 3);
      assert.match(bad.stderr, /fardplan: observations\.csv:3: value: '3 000x' is not a number/);
      assert.match(bad.stderr, /observations\.csv:4: area: unknown area 'demo-district\/C'/);
      // Nothing was written: exporting now gives empty tables.
      const out = join(dir, 'empty-export');
      const ex = fardplan(['export', '--out', out], env);
      assert.equal(ex.code, 0, ex.stderr);
      assert.match(ex.stdout, /observations\.csv: 0 rows/);
      assert.match(ex.stdout, /areas\.csv: 0 rows/);
    });

    it('loads a dataset once, recognises it the second time, and exports what `load` reads back', () => {
      const first = fardplan(['load', join(fixtures, 'good')], env);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /loaded 14 rows from 5 files/);
      const second = fardplan(['load', join(fixtures, 'good')], env);
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stdout, /already loaded; nothing changed/);

      const out = join(dir, 'export');
      const ex = fardplan(['export', '--out', out], env);
      assert.equal(ex.code, 0, ex.stderr);
      assert.match(ex.stdout, /observations\.csv: 5 rows/);
      const obs = readFileSync(join(out, 'observations.csv'), 'utf8');
      assert.match(obs, /demo-employment,demo-district,A,2022,,60\.0,600,1000,final,"Demo, 2022"/);

      // The export loads into a fresh database.
      const reload = fardplan(['load', out], env2);
      assert.equal(reload.code, 0, reload.stderr);
      assert.match(reload.stdout, /loaded 14 rows from 5 files/);
    });
  });
