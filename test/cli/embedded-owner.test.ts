/**
 * One process owns the embedded database: with `fardplan serve` running on PGlite, the README's first-admin
 * command (run exactly as written) goes through the server, which sees the new account at once (sign-in works);
 * `migrate`, `load` and `user list` go through it too; `restore` and a second `serve` refuse with a message naming
 * the running server; after the server stops, the commands open the database themselves again.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths.ts';
import { freePort } from '../helpers/private-postgres.ts';

const PW = 'a long and secret pass phrase';

/** The README's shell lines for the first administrator, exactly as written there. */
function readmeFirstAdminLines(): string[] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Roles and the first administrator'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l.includes('--password-stdin'));
}

describe('one process owns the embedded database', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let server: ChildProcess;
  let port: number;
  let serverLog = '';

  const cli = (args: string[], input?: string) =>
    spawnSync(process.execPath, ['bin/fardplan.mjs', ...args], { cwd: repoRoot, env, input, encoding: 'utf8' });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fardplan-owner-'));
    port = await freePort();
    env = {
      ...process.env,
      DATABASE_URL: '',
      FARDPLAN_PGLITE_DIR: join(dir, 'pglite'),
      FARDPLAN_DATA_DIR: join(dir, 'no-data'),
      PORT: String(port),
      FARDPLAN_LOG_LEVEL: 'silent',
      ADMIN_PASSWORD: PW,
    };
    server = spawn(process.execPath, ['bin/fardplan.mjs', 'serve'], { cwd: repoRoot, env });
    server.stderr!.on('data', (d: Buffer) => (serverLog += d.toString()));
    const t0 = Date.now();
    while (!/is running at/.test(serverLog)) {
      if (Date.now() - t0 > 120_000 || server.exitCode !== null) throw new Error(`server did not start: ${serverLog}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  });
  after(async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("the README's first-admin command, run as written while the server runs, gives a working sign-in", async () => {
    const lines = readmeFirstAdminLines();
    assert.equal(lines.length, 1, 'the README shows the non-interactive command');
    const r = spawnSync('bash', ['-c', lines[0]!], { cwd: repoRoot, env, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Created admin "anna\.admin"/);
    assert.match(r.stdout, /through the Färdplan server/);
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'anna.admin', password: PW }),
    });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { user: { role: string } }).user.role, 'admin');
  });

  it('user list, migrate and load go through the server; restore and a second serve refuse clearly', () => {
    const list = cli(['user', 'list']);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /anna\.admin\tadmin/);
    const m = cli(['migrate']);
    assert.equal(m.status, 0, m.stderr);
    assert.match(m.stdout, /up to date[\s\S]*through the Färdplan server/);
    const load = cli(['load', join(repoRoot, 'test', 'fixtures')]);
    assert.doesNotMatch(load.stderr, /Aborted|Cannot open the embedded database/);
    const restore = cli(['restore', join(dir, 'missing.backup')]);
    assert.notEqual(restore.status, 0);
    const backupFile = join(dir, 'a.backup');
    const b = cli(['backup', backupFile]);
    assert.equal(b.status, 0, b.stderr);
    assert.ok(existsSync(backupFile));
    const r2 = cli(['restore', backupFile]);
    assert.equal(r2.status, 1);
    assert.match(
      r2.stderr,
      new RegExp(`in use by the Färdplan server \\(process ${server.pid}, http://127\\.0\\.0\\.1:${port}\\)`),
    );
    assert.match(r2.stderr, /Stop the server/);
    const second = cli(['serve', '--port', '0']);
    assert.equal(second.status, 1);
    assert.match(second.stderr, /in use by the Färdplan server/);
    assert.doesNotMatch(second.stderr + r2.stderr, /Aborted/);
  });

  it('after SIGTERM the server exits cleanly and the commands open the database themselves', async () => {
    server.kill('SIGTERM');
    const code = await new Promise((r) => server.once('exit', r));
    assert.equal(code, 0);
    assert.ok(!existsSync(join(dir, 'pglite.server.json')), 'the owner file is removed');
    const list = cli(['user', 'list']);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /anna\.admin/);
    assert.doesNotMatch(list.stdout, /through the Färdplan server/);
  });
});
