import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite, type Database } from '../../src/db/database.ts';
import { addUser, parseRole, setUserPassword } from '../../src/cli/commands/user.ts';
import { CliError } from '../../src/cli/errors.ts';
import { AppError } from '../../src/core/errors.ts';
import { verifyPassword } from '../../src/services/auth/index.ts';
import { engines, freshDatabase } from '../helpers/db.ts';
import { repoRoot } from '../helpers/paths.ts';

const PW = 'a long and secret pass phrase';

for (const engine of engines()) {
  describe(`fardplan user (in process, ${engine})`, () => {
    let db: Database;
    before(async () => {
      db = await freshDatabase(engine);
      await db.exec(`INSERT INTO committee (id, name, kind) VALUES ('sdn-test', 'Test stadsdelsnämnd', 'district')`);
    });
    after(async () => db.close());

    it('creates the first administrator with an argon2id hash and an audit record', async () => {
      const u = await addUser(db, 'First.Admin', { role: 'admin', displayName: 'Första' }, PW);
      assert.equal(u.username, 'first.admin');
      assert.equal(u.role, 'admin');
      const rows = await db.query<{ password_hash: string }>(
        "SELECT password_hash FROM app_user WHERE username = 'first.admin'",
      );
      assert.match(rows[0]!.password_hash, /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
      assert.equal(await verifyPassword(rows[0]!.password_hash, PW), true);
      const audit = await db.query<{ username: string; action: string; entity: string }>(
        "SELECT username, action, entity FROM audit_log WHERE entity = 'user'",
      );
      assert.deepEqual(audit, [{ username: 'cli', action: 'create', entity: 'user' }]);
    });

    it('accepts district-editor with a committee, and refuses one without', async () => {
      assert.equal(parseRole('district-editor'), 'district_editor');
      const u = await addUser(db, 'karin.test', { role: 'district-editor', committee: 'sdn-test' }, PW);
      assert.equal(u.committeeId, 'sdn-test');
      await assert.rejects(
        addUser(db, 'kalle.test', { role: 'district-editor' }, PW),
        (e: unknown) => e instanceof AppError && /committee/.test(e.message),
      );
      await assert.rejects(
        addUser(db, 'kalle.test', { role: 'district-editor', committee: 'nope' }, PW),
        /Unknown committee "nope"/,
      );
    });

    it('refuses unknown roles, weak passwords and taken names', async () => {
      assert.throws(
        () => parseRole('root'),
        (e: unknown) => e instanceof CliError && e.exitCode === 2,
      );
      await assert.rejects(addUser(db, 'weak.one', { role: 'reader' }, 'short'), /at least 12 characters/);
      await assert.rejects(addUser(db, 'weak.one', { role: 'reader' }, 'weak.one'), /must not be the username/);
      await assert.rejects(addUser(db, 'first.admin', { role: 'reader' }, PW), /already exists/);
    });

    it('sets a new password', async () => {
      await setUserPassword(db, 'first.admin', 'another secret pass phrase');
      const rows = await db.query<{ password_hash: string }>(
        "SELECT password_hash FROM app_user WHERE username = 'first.admin'",
      );
      assert.equal(await verifyPassword(rows[0]!.password_hash, 'another secret pass phrase'), true);
      assert.equal(await verifyPassword(rows[0]!.password_hash, PW), false);
      await assert.rejects(setUserPassword(db, 'nobody', PW), /No user named "nobody"/);
    });
  });
}

describe('fardplan user (the real command)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fardplan-user-'));
  const env = {
    ...process.env,
    FARDPLAN_PGLITE_DIR: join(dir, 'db'),
    DATABASE_URL: '',
    FARDPLAN_DATA_DIR: join(dir, 'no-data'),
  };
  after(() => rmSync(dir, { recursive: true, force: true }));
  const run = (args: string[], input?: string) =>
    spawnSync(process.execPath, [join(repoRoot, 'bin', 'fardplan.mjs'), ...args], {
      cwd: repoRoot,
      env,
      input: input ?? '',
      encoding: 'utf8',
      timeout: 120_000,
    });

  it('reads the password from standard input and never has a default', async () => {
    const noPw = run(['user', 'add', 'boss', '--role', 'admin']);
    assert.equal(noPw.status, 2, noPw.stderr);
    assert.match(noPw.stderr, /--password-stdin/);

    const ok = run(['user', 'add', 'boss', '--role', 'admin', '--password-stdin'], `${PW}\n`);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /Created admin "boss"/);

    const weak = run(['user', 'add', 'boss2', '--role', 'admin', '--password-stdin'], 'password1234\n');
    assert.notEqual(weak.status, 0);
    assert.match(weak.stderr, /too common/);

    const list = run(['user', 'list']);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /^boss\tadmin\t\tactive$/m);
    assert.doesNotMatch(list.stdout, /boss2/);

    const db = await openPglite(join(dir, 'db'));
    try {
      const rows = await db.query<{ password_hash: string }>(
        "SELECT password_hash FROM app_user WHERE username = 'boss'",
      );
      assert.equal(
        await verifyPassword(rows[0]!.password_hash, PW),
        true,
        'the trailing line break is not part of the password',
      );
    } finally {
      await db.close();
    }
  });
  it('creates a district editor of sdn-jarva on a fresh database (the committees come from data/organisation)', () => {
    const ok = run(
      ['user', 'add', 'jarva.editor', '--role', 'district_editor', '--committee', 'sdn-jarva', '--password-stdin'],
      `${PW}\n`,
    );
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /Created district-editor "jarva.editor"/);
    const list = run(['user', 'list']);
    assert.match(list.stdout, /^jarva\.editor\tdistrict-editor\tsdn-jarva\tactive$/m);
    const bad = run(
      ['user', 'add', 'other.editor', '--role', 'district_editor', '--committee', 'sdn-atlantis', '--password-stdin'],
      `${PW}\n`,
    );
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /Unknown committee "sdn-atlantis"/);
  });
});
