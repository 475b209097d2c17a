/**
 * Sign-in, sign-out, the current user, password change, user administration and the audit log.
 * The checks themselves are in src/server/auth.ts (guard, CSRF) and src/services/auth.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PERMISSIONS, canSome } from '../../../core/access.ts';
import {
  changeOwnPassword,
  changeUser,
  createUser,
  csrfTokenFor,
  getCommittees,
  getUsers,
  signIn,
  signOut,
} from '../../../services/auth/index.ts';
import { listAuditLog } from '../../../services/audit.ts';
import {
  actorOf,
  clearSessionCookie,
  currentUser,
  guard,
  requireUser,
  sessionOf,
  setSessionCookie,
  signedIn,
} from '../../auth.ts';
import {
  SMALL_BODY_LIMIT,
  auditQuery,
  auditResponse,
  meResponse,
  newUserBody,
  okResponse,
  passwordBody,
  signInBody,
  signInResponse,
  userIdParams,
  userPatchBody,
  userSchema,
  usersResponse,
} from '../../../core/contracts/auth.ts';

/** The UTC instant at which a calendar day starts in Stockholm. */
function stockholmDayStart(date: string): Date {
  const guess = new Date(`${date}T00:00:00Z`);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Europe/Stockholm',
    timeZoneName: 'longOffset',
  }).formatToParts(guess);
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d\d):(\d\d)/.exec(name);
  const offsetMin = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return new Date(guess.getTime() - offsetMin * 60_000);
}

const isDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s);

const routes: FastifyPluginAsyncZod = async (app) => {
  const fx = { now: () => app.deps.now(), randomBytes: (n: number) => app.deps.randomBytes(n) };

  app.post(
    '/auth/sign-in',
    {
      bodyLimit: SMALL_BODY_LIMIT,
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password; sets the session cookie',
        body: signInBody,
        response: { 200: signInResponse },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const s = await signIn(
        app.deps.db,
        { username, password, ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '') },
        fx,
      );
      // A new session replaces any the browser had.
      const old = (await sessionOf(request)).token;
      if (old) await signOut(app.deps.db, old);
      setSessionCookie(reply, request, s.token);
      return {
        user: {
          id: s.user.id,
          username: s.user.username,
          displayName: s.user.displayName,
          role: s.user.role,
          committeeId: s.user.committeeId,
        },
        csrfToken: s.csrfToken,
        expiresAt: s.expiresAt.toISOString(),
      };
    },
  );

  app.post(
    '/auth/sign-out',
    {
      bodyLimit: SMALL_BODY_LIMIT,
      preHandler: signedIn(),
      schema: { tags: ['auth'], summary: 'End the session', response: { 200: okResponse } },
    },
    async (request, reply) => {
      const { token } = await sessionOf(request);
      clearSessionCookie(reply, request);
      const user = await currentUser(request);
      if (token)
        await signOut(
          app.deps.db,
          token,
          user ? { actor: { id: user.id, username: user.username }, at: app.deps.now() } : undefined,
        );
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, their permissions and the CSRF token',
        response: { 200: meResponse },
      },
    },
    async (request) => {
      const { token, user, displayName } = await sessionOf(request);
      const actor = await actorOf(request);
      return {
        user: user
          ? { id: user.id, username: user.username, displayName, role: user.role, committeeId: user.committeeId }
          : null,
        role: user ? user.role : ('public' as const),
        permissions: user ? PERMISSIONS.filter((p) => canSome(actor, p)) : [],
        csrfToken: token ? csrfTokenFor(token) : null,
      };
    },
  );

  app.post(
    '/auth/password',
    {
      bodyLimit: SMALL_BODY_LIMIT,
      preHandler: signedIn(),
      schema: {
        tags: ['auth'],
        summary: 'Change your own password (your other sessions end)',
        body: passwordBody,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      const user = await requireUser(request);
      const { token } = await sessionOf(request);
      await changeOwnPassword(
        app.deps.db,
        user.id,
        request.body.currentPassword,
        request.body.newPassword,
        token,
        fx,
        request.ip,
      );
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/users',
    {
      preHandler: guard('users:manage'),
      schema: { tags: ['auth'], summary: 'List accounts (administrators)', response: { 200: usersResponse } },
    },
    async () => {
      return { users: await getUsers(app.deps.db), committees: await getCommittees(app.deps.db) };
    },
  );

  app.post(
    '/auth/users',
    {
      bodyLimit: SMALL_BODY_LIMIT,
      preHandler: guard('users:manage'),
      schema: {
        tags: ['auth'],
        summary: 'Create an account (administrators)',
        body: newUserBody,
        response: { 201: userSchema },
      },
    },
    async (request, reply) => {
      const user = await requireUser(request);
      const created = await createUser(app.deps.db, request.body, { id: user.id, username: user.username }, fx);
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/auth/users/:id',
    {
      bodyLimit: SMALL_BODY_LIMIT,
      preHandler: guard('users:manage'),
      schema: {
        tags: ['auth'],
        summary: 'Change an account: name, role, committee, disabled, or set its password (administrators)',
        params: userIdParams,
        body: userPatchBody,
        response: { 200: userSchema },
      },
    },
    async (request) => {
      const user = await requireUser(request);
      return changeUser(app.deps.db, request.params.id, request.body, { id: user.id, username: user.username }, fx);
    },
  );

  app.get(
    '/auth/audit',
    {
      preHandler: guard('audit:read'),
      schema: {
        tags: ['auth'],
        summary: 'The audit log, newest first (administrators)',
        querystring: auditQuery,
        response: { 200: auditResponse },
      },
    },
    async (request) => {
      const q = request.query;
      const from = q.from === undefined ? undefined : isDate(q.from) ? stockholmDayStart(q.from) : new Date(q.from);
      let to: Date | undefined;
      if (q.to !== undefined) {
        if (isDate(q.to)) {
          const next = new Date(`${q.to}T12:00:00Z`);
          next.setUTCDate(next.getUTCDate() + 1);
          to = stockholmDayStart(next.toISOString().slice(0, 10));
        } else to = new Date(q.to);
      }
      return listAuditLog(app.deps.db, {
        entity: q.entity,
        entityId: q.entityId,
        username: q.username?.toLowerCase(),
        userId: q.userId,
        action: q.action,
        from,
        to,
        limit: q.limit,
        offset: q.offset,
      });
    },
  );
};
export default routes;
