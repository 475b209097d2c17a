import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import type { Database } from '../../src/db/database.ts';
import { createUser } from '../../src/services/auth/index.ts';
import { recordAudit } from '../../src/services/audit.ts';
import { SESSION_COOKIE } from '../../src/server/auth.ts';
import { engines, freshDatabase } from '../helpers/db.ts';
import { seededBytes } from '../helpers/app.ts';
import { TEST_PASSWORD, signInAs } from '../helpers/auth.ts';

const MIN = 60_000;

/** An app on a fresh database with a clock the test moves. */
async function clockApp(engine: 'pglite' | 'postgresql') {
  const db = await freshDatabase(engine);
  let now = new Date('2026-06-15T10:00:00Z').getTime();
  const app = await buildApp(
    {
      db,
      version: 'test',
      devWrites: false,
      dataStatus: { dataDir: null, loaded: false, message: null },
      now: () => new Date(now),
      randomBytes: seededBytes('auth-test'),
    },
    { trustProxy: true },
  );
  await app.ready();
  return {
    app,
    db,
    advance: (ms: number) => {
      now += ms;
    },
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

async function seedCommittees(db: Database): Promise<void> {
  await db.exec(`
    INSERT INTO division (id, name_sv, name_en, level) VALUES ('sdo', 'Stadsdelsområde', 'District', 1);
    INSERT INTO area (division_id, code, name) VALUES ('sdo', 'J', 'Järva'), ('sdo', 'S', 'Södermalm');
    INSERT INTO committee (id, name, kind, division_id, area_code) VALUES
      ('sdn-jarva', 'Järva stadsdelsnämnd', 'district', 'sdo', 'J'),
      ('sdn-soder', 'Södermalms stadsdelsnämnd', 'district', 'sdo', 'S');`);
}

const signIn = (
  app: FastifyInstance,
  username: string,
  password: string,
  ip = '192.0.2.1',
  headers: Record<string, string> = {},
) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { username, password },
    remoteAddress: ip,
    headers,
  });

for (const engine of engines()) {
  describe(`auth API (${engine})`, () => {
    let t: Awaited<ReturnType<typeof clockApp>>;
    before(async () => {
      t = await clockApp(engine);
      await seedCommittees(t.db);
      await createUser(t.db, { username: 'anna.admin', role: 'admin', password: TEST_PASSWORD }, null, {
        now: () => new Date(),
      });
    });
    after(async () => t.close());

    it('signs in with a secure session cookie and tells who is signed in', async () => {
      const res = await signIn(t.app, 'Anna.Admin', TEST_PASSWORD);
      assert.equal(res.statusCode, 200, res.body);
      const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
      assert.ok(cookie.value.length >= 40, 'a long random token');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      assert.equal(cookie.secure, undefined, 'not Secure over plain http');
      const body = res.json();
      assert.equal(body.user.username, 'anna.admin');
      assert.equal(body.user.role, 'admin');

      // only a hash of the token is stored
      const stored = await t.db.query<{ id_hash: string }>('SELECT id_hash FROM user_session');
      assert.ok(stored.length >= 1);
      assert.ok(stored.every((s) => s.id_hash !== cookie.value && !s.id_hash.includes(cookie.value)));

      const me = await t.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { cookie: `${SESSION_COOKIE}=${cookie.value}` },
      });
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().user.username, 'anna.admin');
      assert.equal(me.json().csrfToken, body.csrfToken);
      assert.ok(me.json().permissions.includes('users:manage'));
      assert.ok(me.json().permissions.includes('audit:read'));

      const anon = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
      assert.deepEqual(anon.json(), { user: null, role: 'public', permissions: [], csrfToken: null });
    });

    it('sets the Secure flag when served over TLS (behind a proxy the app is told to trust)', async () => {
      const res = await signIn(t.app, 'anna.admin', TEST_PASSWORD, '192.0.2.2', { 'x-forwarded-proto': 'https' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.cookies.find((c) => c.name === SESSION_COOKIE)!.secure, true);
    });

    it('refuses a wrong password and an unknown user with the same answer', async () => {
      const wrong = await signIn(t.app, 'anna.admin', 'not the password at all', '192.0.2.3');
      const unknown = await signIn(t.app, 'nobody.here', 'not the password at all', '192.0.2.3');
      assert.equal(wrong.statusCode, 401);
      assert.equal(unknown.statusCode, 401);
      assert.equal(wrong.json().error.message, unknown.json().error.message);
      assert.equal(wrong.cookies.length, 0);
    });

    it('rejects unknown fields and oversized bodies', async () => {
      const extra = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { username: 'anna.admin', password: TEST_PASSWORD, admin: true },
      });
      assert.equal(extra.statusCode, 400);
      assert.equal(extra.json().error.id, 'validation_failed');
      const big = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { username: 'anna.admin', password: 'x'.repeat(20_000) },
      });
      assert.equal(big.statusCode, 413);
    });

    it('locks an account at an address after five failures there in 15 minutes, even for the right password, and opens it after 15 minutes', async () => {
      await createUser(t.db, { username: 'lars.lock', role: 'reader', password: TEST_PASSWORD }, null, {
        now: () => new Date(),
      });
      const usual = '198.51.100.50';
      assert.equal((await signIn(t.app, 'lars.lock', TEST_PASSWORD, usual)).statusCode, 200);
      const attacker = '198.51.100.9';
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push((await signIn(t.app, 'lars.lock', `wrong password ${i}!!`, attacker)).statusCode);
        t.advance(MIN);
      }
      assert.deepEqual(statuses, [401, 401, 401, 401, 423], 'the fifth failure locks');
      const locked = await signIn(t.app, 'lars.lock', TEST_PASSWORD, attacker);
      assert.equal(locked.statusCode, 423);
      assert.equal(locked.json().error.id, 'locked');
      assert.equal(locked.cookies.length, 0);
      // the real user at their usual address is not locked out by the attacker
      assert.equal((await signIn(t.app, 'lars.lock', TEST_PASSWORD, usual)).statusCode, 200);
      t.advance(10 * MIN); // 11 minutes after the fifth failure: still locked there
      assert.equal((await signIn(t.app, 'lars.lock', TEST_PASSWORD, attacker)).statusCode, 423);
      t.advance(5 * MIN); // 16 minutes after
      const open = await signIn(t.app, 'lars.lock', TEST_PASSWORD, attacker);
      assert.equal(open.statusCode, 200, open.body);
      // a success clears the count: four new failures do not lock
      for (let i = 0; i < 4; i++)
        assert.equal((await signIn(t.app, 'lars.lock', `wrong again ${i}!!`, '198.51.100.10')).statusCode, 401);
      assert.equal((await signIn(t.app, 'lars.lock', TEST_PASSWORD, '198.51.100.10')).statusCode, 200);
      const audit = await t.db.query<{ action: string }>(
        "SELECT action FROM audit_log WHERE entity = 'user' AND action IN ('sign_in', 'lock_out') ORDER BY id",
      );
      assert.ok(
        audit.some((a) => a.action === 'lock_out'),
        'the lock-out is audited',
      );
      assert.ok(audit.filter((a) => a.action === 'sign_in').length >= 3, 'sign-ins are audited');
    });

    it('failures from many addresses lock the account everywhere except at an address it signed in from', async () => {
      t.advance(30 * MIN);
      await createUser(t.db, { username: 'lisa.wide', role: 'reader', password: TEST_PASSWORD }, null, {
        now: () => new Date(),
      });
      const usual = '192.0.2.200';
      assert.equal((await signIn(t.app, 'lisa.wide', TEST_PASSWORD, usual)).statusCode, 200);
      t.advance(1000);
      const codes: number[] = [];
      for (let i = 0; i < 20; i++)
        codes.push((await signIn(t.app, 'lisa.wide', `guess ${i} wrong!!`, `192.0.2.${i}`)).statusCode);
      assert.deepEqual(codes.slice(0, 19), Array(19).fill(401));
      assert.equal(codes[19], 423, 'the twentieth failure locks the account');
      assert.equal((await signIn(t.app, 'lisa.wide', TEST_PASSWORD, '192.0.2.150')).statusCode, 423);
      assert.equal((await signIn(t.app, 'lisa.wide', TEST_PASSWORD, usual)).statusCode, 200, 'the usual address works');
    });

    it('rate-limits sign-in attempts from one address', async () => {
      t.advance(5 * MIN);
      const ip = '203.0.113.77';
      const codes: number[] = [];
      for (let i = 0; i < 21; i++) codes.push((await signIn(t.app, `someone${i}`, 'wrong password!!', ip)).statusCode);
      assert.deepEqual(codes.slice(0, 20), Array(20).fill(401));
      assert.equal(codes[20], 429);
      // another address is not affected
      assert.equal((await signIn(t.app, 'anna.admin', TEST_PASSWORD, '203.0.113.78')).statusCode, 200);
      t.advance(MIN + 1);
      assert.equal((await signIn(t.app, 'anna.admin', TEST_PASSWORD, ip)).statusCode, 200);
    });

    it('refuses a cookie-authenticated write without the CSRF token, or with a wrong one', async () => {
      const admin = await signInAs(t, 'admin');
      const body = { username: 'csrf.victim', role: 'reader', password: TEST_PASSWORD };
      const without = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/users',
        headers: admin.cookieOnly,
        payload: body,
      });
      assert.equal(without.statusCode, 403);
      assert.equal(without.json().error.id, 'csrf_failed');
      assert.equal(without.headers['x-csrf-required'], '1');
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/users',
        headers: { ...admin.cookieOnly, 'x-csrf-token': 'A'.repeat(43) },
        payload: body,
      });
      assert.equal(wrong.statusCode, 403);
      assert.equal(wrong.json().error.id, 'csrf_failed');
      const other = await signInAs(t, 'admin');
      const crossed = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/users',
        headers: { ...admin.cookieOnly, 'x-csrf-token': other.csrfToken },
        payload: body,
      });
      assert.equal(crossed.statusCode, 403, "another session's token does not do");
      assert.equal(
        (await t.db.query("SELECT 1 FROM app_user WHERE username = 'csrf.victim'")).length,
        0,
        'nothing was written',
      );
      const ok = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/users',
        headers: admin.headers,
        payload: body,
      });
      assert.equal(ok.statusCode, 201, ok.body);
      // sign-out is a write too
      const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: admin.cookieOnly });
      assert.equal(out.json().error.id, 'csrf_failed');
    });

    it('ends the session at sign-out, after two idle hours and twelve hours at most', async () => {
      const a = await signInAs(t, 'reader');
      const me = () =>
        t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: a.cookieOnly }).then((r) => r.json().user);
      assert.ok(await me());
      const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: a.headers });
      assert.equal(out.statusCode, 200);
      assert.equal(out.cookies.find((c) => c.name === SESSION_COOKIE)?.value, '', 'cookie cleared');
      assert.equal(await me(), null);

      const b = await signInAs(t, 'reader');
      const meB = () =>
        t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: b.cookieOnly }).then((r) => r.json().user);
      t.advance(119 * MIN);
      assert.ok(await meB(), 'still alive after 1 h 59 min');
      for (let i = 0; i < 6; i++) {
        t.advance(110 * MIN);
        if (i < 5) assert.ok(await meB(), `alive while used (${i})`);
      }
      // 119 + 6 × 110 minutes > 12 hours
      assert.equal(await meB(), null, 'ended after 12 hours');

      const c = await signInAs(t, 'reader');
      t.advance(121 * MIN);
      const idle = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: c.cookieOnly });
      assert.equal(idle.json().user, null, 'ended after two idle hours');
    });

    it('changes the own password: checks the current one and the policy, and ends other sessions', async () => {
      await createUser(t.db, { username: 'petra.pw', role: 'analyst', password: TEST_PASSWORD }, null, {
        now: () => new Date(),
      });
      const s1 = await signInAs(t, 'analyst', { username: 'petra.pw', existing: true });
      const s2 = await signInAs(t, 'analyst', { username: 'petra.pw', existing: true });
      const change = (h: Record<string, string>, currentPassword: string, newPassword: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/password',
          headers: h,
          payload: { currentPassword, newPassword },
        });
      assert.equal((await change(s1.headers, 'wrong current pw', 'a brand new pass phrase')).statusCode, 403);
      const short = await change(s1.headers, TEST_PASSWORD, 'short');
      assert.equal(short.statusCode, 400);
      assert.match(short.json().error.message, /12 characters/);
      assert.deepEqual(
        short.json().error.details.map((d: { field: string }) => d.field),
        ['body.newPassword'],
        'refused by the contract, at the field',
      );
      const common = await change(s1.headers, TEST_PASSWORD, 'Password1234');
      assert.equal(common.statusCode, 400);
      assert.match(common.json().error.message, /too common/);
      assert.equal(
        (await change(s1.headers, TEST_PASSWORD, 'petra.pw is great')).statusCode,
        400,
        'contains the username',
      );
      assert.equal((await change({}, TEST_PASSWORD, 'a brand new pass phrase')).statusCode, 401);
      const ok = await change(s1.headers, TEST_PASSWORD, 'a brand new pass phrase');
      assert.equal(ok.statusCode, 200, ok.body);
      const me1 = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: s1.cookieOnly });
      const me2 = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: s2.cookieOnly });
      assert.equal(me1.json().user?.username, 'petra.pw', 'this session stays');
      assert.equal(me2.json().user, null, 'the other session ended');
      assert.equal((await signIn(t.app, 'petra.pw', TEST_PASSWORD, '192.0.2.50')).statusCode, 401);
      assert.equal((await signIn(t.app, 'petra.pw', 'a brand new pass phrase', '192.0.2.50')).statusCode, 200);
      const stored = await t.db.query<{ password_hash: string }>(
        "SELECT password_hash FROM app_user WHERE username = 'petra.pw'",
      );
      assert.match(stored[0]!.password_hash, /^\$argon2id\$/);
    });

    it('counts wrong current passwords toward the lock-out, and audits password changes and sign-outs', async () => {
      t.advance(30 * MIN);
      await createUser(t.db, { username: 'stina.stolen', role: 'analyst', password: TEST_PASSWORD }, null, {
        now: () => new Date(),
      });
      const s = await signInAs(t, 'analyst', { username: 'stina.stolen', existing: true });
      const change = (currentPassword: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/password',
          headers: s.headers,
          payload: { currentPassword, newPassword: 'a brand new pass phrase' },
        });
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) codes.push((await change(`guess number ${i}`)).statusCode);
      assert.deepEqual(codes, [403, 403, 403, 403, 423, 423], 'a stolen session cannot guess without limit');
      assert.equal((await change(TEST_PASSWORD)).statusCode, 423, 'locked even for the right password');
      t.advance(16 * MIN);
      assert.equal((await change(TEST_PASSWORD)).statusCode, 200);
      const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: s.headers });
      assert.equal(out.statusCode, 200);
      const actions = (
        await t.db.query<{ action: string }>("SELECT action FROM audit_log WHERE username = 'stina.stolen' ORDER BY id")
      ).map((a) => a.action);
      for (const a of ['sign_in', 'lock_out', 'update_password', 'sign_out'])
        assert.ok(actions.includes(a), `${a} is audited (${actions.join(', ')})`);
    });

    it('administers users: create, change role, disable; never the last administrator', async () => {
      const admin = await signInAs(t, 'admin');
      const create = (payload: Record<string, unknown>) =>
        t.app.inject({ method: 'POST', url: '/api/v1/auth/users', headers: admin.headers, payload });
      assert.equal(
        (await create({ username: 'dora.district', role: 'district_editor', password: TEST_PASSWORD })).statusCode,
        400,
        'a district editor needs a committee',
      );
      assert.equal(
        (
          await create({
            username: 'dora.district',
            role: 'district_editor',
            committeeId: 'sdn-nowhere',
            password: TEST_PASSWORD,
          })
        ).statusCode,
        400,
      );
      assert.equal(
        (
          await create({
            username: 'dora.district',
            role: 'district_editor',
            committeeId: 'sdn-jarva',
            password: 'dora.district',
          })
        ).statusCode,
        400,
        'password policy',
      );
      assert.equal(
        (
          await create({
            username: 'dora.district',
            role: 'superuser',
            committeeId: 'sdn-jarva',
            password: TEST_PASSWORD,
          })
        ).statusCode,
        400,
      );
      const made = await create({
        username: 'Dora.District',
        displayName: 'Dora',
        role: 'district_editor',
        committeeId: 'sdn-jarva',
        password: TEST_PASSWORD,
      });
      assert.equal(made.statusCode, 201, made.body);
      const dora = made.json();
      assert.equal(dora.username, 'dora.district');
      assert.equal('passwordHash' in dora, false);
      assert.equal(
        (await create({ username: 'dora.district', role: 'reader', password: TEST_PASSWORD })).statusCode,
        409,
      );

      const list = await t.app.inject({ method: 'GET', url: '/api/v1/auth/users', headers: admin.cookieOnly });
      assert.equal(list.statusCode, 200);
      assert.ok(list.json().users.some((u: { username: string }) => u.username === 'dora.district'));
      assert.deepEqual(
        list
          .json()
          .committees.map((c: { id: string }) => c.id)
          .sort(),
        ['sdn-jarva', 'sdn-soder'],
      );
      assert.equal(JSON.stringify(list.json()).includes('argon2'), false, 'no hashes leave the server');

      const doraSession = await signInAs(t, 'district_editor', { username: 'dora.district', existing: true });
      const patch = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/auth/users/${dora.id}`,
        headers: admin.headers,
        payload: { role: 'reader', committeeId: null },
      });
      assert.equal(patch.statusCode, 200, patch.body);
      assert.equal(patch.json().role, 'reader');
      const doraMe = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: doraSession.cookieOnly });
      assert.equal(doraMe.json().user, null, 'a role change ends the sessions');

      const disable = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/auth/users/${dora.id}`,
        headers: admin.headers,
        payload: { disabled: true },
      });
      assert.equal(disable.statusCode, 200);
      assert.equal(
        (await signIn(t.app, 'dora.district', TEST_PASSWORD, '192.0.2.60')).statusCode,
        401,
        'disabled accounts cannot sign in',
      );

      assert.equal(
        (
          await t.app.inject({
            method: 'PATCH',
            url: `/api/v1/auth/users/${dora.id}`,
            headers: admin.headers,
            payload: { superpowers: true },
          })
        ).statusCode,
        400,
      );
      assert.equal(
        (
          await t.app.inject({
            method: 'PATCH',
            url: '/api/v1/auth/users/999999',
            headers: admin.headers,
            payload: { disabled: true },
          })
        ).statusCode,
        404,
      );

      // Disable every other administrator, then try to disable the last one.
      const admins = (list.json().users as { id: number; role: string; disabled: boolean }[]).filter(
        (u) => u.role === 'admin' && u.id !== admin.userId && !u.disabled,
      );
      for (const a of admins) {
        const r = await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/auth/users/${a.id}`,
          headers: admin.headers,
          payload: { disabled: true },
        });
        assert.equal(r.statusCode, 200, r.body);
      }
      const last = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/auth/users/${admin.userId}`,
        headers: admin.headers,
        payload: { role: 'reader' },
      });
      assert.equal(last.statusCode, 409);
      assert.match(last.json().error.message, /last active administrator/);
      for (const a of admins)
        await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/auth/users/${a.id}`,
          headers: admin.headers,
          payload: { disabled: false },
        });
    });

    it('records user changes in the audit log with before and after, and lists them with filters', async () => {
      const admin = await signInAs(t, 'admin');
      const made = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/users',
        headers: admin.headers,
        payload: { username: 'audited.user', role: 'reader', password: TEST_PASSWORD },
      });
      const id = made.json().id as number;
      await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/auth/users/${id}`,
        headers: admin.headers,
        payload: { role: 'analyst', displayName: 'Audited' },
      });
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/auth/audit?entity=user&entityId=${id}`,
        headers: admin.cookieOnly,
      });
      assert.equal(res.statusCode, 200, res.body);
      const { items, total } = res.json();
      assert.equal(total, 2);
      const [update, create] = items;
      assert.equal(create.action, 'create');
      assert.equal(create.before, null);
      assert.equal(create.after.role, 'reader');
      assert.equal(create.username, admin.username);
      assert.equal(create.userId, admin.userId);
      assert.equal(update.action, 'update');
      assert.equal(update.before.role, 'reader');
      assert.equal(update.after.role, 'analyst');
      assert.deepEqual(update.changed, ['displayName', 'role']);
      assert.equal(JSON.stringify(items).includes('argon2'), false);

      const byUser = await t.app.inject({
        method: 'GET',
        url: `/api/v1/auth/audit?username=${admin.username}&action=update`,
        headers: admin.cookieOnly,
      });
      assert.ok(
        byUser
          .json()
          .items.every(
            (i: { username: string; action: string }) => i.username === admin.username && i.action === 'update',
          ),
      );
      assert.ok(byUser.json().total >= 1);
      const future = await t.app.inject({
        method: 'GET',
        url: '/api/v1/auth/audit?from=2099-01-01',
        headers: admin.cookieOnly,
      });
      assert.equal(future.json().total, 0);
      const paged = await t.app.inject({ method: 'GET', url: '/api/v1/auth/audit?limit=1', headers: admin.cookieOnly });
      assert.equal(paged.json().items.length, 1);
      assert.equal(
        (await t.app.inject({ method: 'GET', url: '/api/v1/auth/audit?limit=100000', headers: admin.cookieOnly }))
          .statusCode,
        400,
      );
      assert.equal(
        (await t.app.inject({ method: 'GET', url: '/api/v1/auth/audit?sneaky=1', headers: admin.cookieOnly }))
          .statusCode,
        400,
      );

      const analyst = await signInAs(t, 'analyst');
      assert.equal(
        (await t.app.inject({ method: 'GET', url: '/api/v1/auth/audit', headers: analyst.cookieOnly })).statusCode,
        403,
      );
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/auth/audit' })).statusCode, 401);
    });

    it('filters the audit log by day in Stockholm time', async () => {
      // 2026-03-01 23:30 Stockholm = 22:30 UTC; it belongs to 1 March, not 2 March.
      await t.db.transaction((tx) =>
        recordAudit(tx, {
          actor: { id: null, username: 'system' },
          at: new Date('2026-03-01T22:30:00Z'),
          action: 'other',
          entity: 'day-test',
          entityId: 'x',
          before: null,
          after: { n: 1n },
        }),
      );
      const admin = await signInAs(t, 'admin');
      const q = (qs: string) =>
        t.app
          .inject({ method: 'GET', url: `/api/v1/auth/audit?entity=day-test&${qs}`, headers: admin.cookieOnly })
          .then((r) => r.json().total as number);
      assert.equal(await q('from=2026-03-01&to=2026-03-01'), 1);
      assert.equal(await q('from=2026-03-02'), 0);
      assert.equal(await q('to=2026-02-28'), 0);
    });

    it('the audit log cannot be edited, not even with SQL through the application database', async () => {
      await assert.rejects(t.db.query("UPDATE audit_log SET action = 'tampered'"), /append-only/);
      await assert.rejects(t.db.query('DELETE FROM audit_log'), /append-only/);
      await assert.rejects(t.db.exec('TRUNCATE audit_log'), /append-only/);
      const rows = await t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'tampered'",
      );
      assert.equal(rows[0]!.n, 0);
    });

    it('sends security headers with a content security policy', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(csp, /object-src 'none'/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.ok(res.headers['strict-transport-security']);
      assert.equal(res.headers['cache-control'], 'no-store');
    });
  });
}
