/**
 * Signed-in requests for API tests.
 *
 *   const t = await testApp();
 *   const admin = await signInAs(t, 'admin');                       // creates the account, signs in
 *   const editor = await signInAs(t, 'district_editor', { committeeId: 'sdn-jarva' });
 *   await t.app.inject({ method: 'POST', url: '/api/v1/…', headers: editor.headers, payload: {…} });
 *
 * `headers` carries the session cookie and the CSRF token; `cookieOnly` has no CSRF token (to test refusal).
 */
import type { TestApp } from './app.ts';
import type { AccountRole } from '../../src/core/access.ts';
import { createUser } from '../../src/services/auth/index.ts';
import { SESSION_COOKIE } from '../../src/server/auth.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface SignedInClient {
  userId: number;
  username: string;
  token: string;
  csrfToken: string;
  headers: Record<string, string>;
  cookieOnly: Record<string, string>;
}

let counter = 0;

/** Creates an account with `role` (unless `existing`) and signs it in through the API. */
export async function signInAs(
  t: Pick<TestApp, 'app' | 'db'>,
  role: AccountRole,
  opts: { committeeId?: string | null; username?: string; password?: string; ip?: string; existing?: boolean } = {},
): Promise<SignedInClient> {
  const username = opts.username ?? `${role.replace(/_/g, '-')}-${++counter}`;
  const password = opts.password ?? TEST_PASSWORD;
  if (!opts.existing) {
    await createUser(t.db, { username, role, committeeId: opts.committeeId ?? null, password }, null, {
      now: () => t.app.deps.now(),
    });
  }
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { username, password },
    remoteAddress: opts.ip ?? `10.1.${Math.floor(counter / 250)}.${counter % 250}`,
  });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('no session cookie');
  const body = res.json() as { csrfToken: string; user: { id: number } };
  return {
    userId: body.user.id,
    username,
    token: cookie.value,
    csrfToken: body.csrfToken,
    headers: { cookie: `${SESSION_COOKIE}=${cookie.value}`, 'x-csrf-token': body.csrfToken },
    cookieOnly: { cookie: `${SESSION_COOKIE}=${cookie.value}` },
  };
}
