/**
 * The guard every write route (and every read of unpublished content) goes through.
 *
 *   app.post('/interventions', { preHandler: guard('interventions:write'), schema }, async (request) => {
 *     await assertCanEditAreas(request, areasOfTheNewIntervention, { committeeId });   // district editors
 *     const actor = await auditActor(request);                                          // for recordAudit
 *     …
 *   });
 *
 * - `guard(permission)` refuses anonymous requests (401) and roles without the permission (403).
 *   For permissions that district editors hold only for their committee's areas it admits them;
 *   the handler must then call `assertCanEditAreas` (for an update: with the stored areas AND the
 *   new ones) or `assertCan(request, permission, resource)`.
 * - `canReadDrafts(request)` says whether drafts may be shown (staff); the public sees published only.
 * - Sessions: an HttpOnly cookie holding a random token (see src/services/auth.ts). CSRF: every
 *   non-GET/HEAD/OPTIONS request authenticated by the session cookie must send the session's token in
 *   the X-CSRF-Token header (`registerAuth` adds the check for the whole app).
 * - With the development flag (`--dev-writes`, `deps.devWrites`) anonymous requests pass the guard
 *   as if they came from an administrator. Never in production.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';
import {
  can,
  canSome,
  visibleTo,
  type Actor,
  type Permission as CorePermission,
  type PublicationState,
  type ScopedResource,
} from '../core/access.ts';
import { areasOfCommittee, csrfTokenMatches, userOfSession } from '../services/auth/index.ts';
import type { AuditActor } from '../services/audit.ts';

export type Permission = CorePermission;

export interface SessionUser {
  id: number;
  username: string;
  role: 'admin' | 'analyst' | 'district_editor' | 'reader';
  committeeId: string | null;
}

export const SESSION_COOKIE = 'fardplan_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface RequestAuth {
  token: string | null;
  user: SessionUser | null;
  displayName: string;
  areaKeys: Promise<string[]> | null;
}

const cache = new WeakMap<FastifyRequest, Promise<RequestAuth>>();

/** The session token from the request's cookie, or null. */
export function sessionToken(request: FastifyRequest): string | null {
  const raw = (request.cookies as Record<string, string | undefined> | undefined)?.[SESSION_COOKIE];
  return raw && raw.length <= 200 ? raw : null;
}

function load(request: FastifyRequest): Promise<RequestAuth> {
  let p = cache.get(request);
  if (!p) {
    p = (async (): Promise<RequestAuth> => {
      const token = sessionToken(request);
      if (!token) return { token: null, user: null, displayName: '', areaKeys: null };
      const u = await userOfSession(request.server.deps.db, token, { now: request.server.deps.now });
      const user: SessionUser | null = u
        ? { id: u.id, username: u.username, role: u.role, committeeId: u.committeeId }
        : null;
      return { token, user, displayName: u?.displayName ?? '', areaKeys: null };
    })();
    cache.set(request, p);
  }
  return p;
}

/** The signed-in user, or null for the public. */
export async function currentUser(request: FastifyRequest): Promise<SessionUser | null> {
  return (await load(request)).user;
}

/** The session token and the signed-in user with their display name (for the auth routes). */
export async function sessionOf(
  request: FastifyRequest,
): Promise<{ token: string | null; user: SessionUser | null; displayName: string }> {
  const a = await load(request);
  return { token: a.token, user: a.user, displayName: a.displayName };
}

/** The signed-in user; 401 when signed out. */
export async function requireUser(request: FastifyRequest): Promise<SessionUser> {
  const user = await currentUser(request);
  if (!user) throw new AppError('unauthenticated', 'Sign in first');
  return user;
}

/** Who to name in the audit log for this request (null: anonymous). */
export async function auditActor(request: FastifyRequest): Promise<AuditActor | null> {
  const user = await currentUser(request);
  if (user) return { id: user.id, username: user.username };
  return request.server.deps.devWrites ? { id: null, username: 'dev-writes' } : null;
}

const devAdmin: Actor = { role: 'admin' };

/** The core's view of the requester (with the committee's areas for district editors). */
export async function actorOf(request: FastifyRequest): Promise<Actor | null> {
  const auth = await load(request);
  const user = auth.user;
  if (!user) return request.server.deps.devWrites ? devAdmin : null;
  if (user.role !== 'district_editor' || !user.committeeId)
    return { role: user.role, committeeId: user.committeeId, committeeAreaIds: [] };
  auth.areaKeys ??= areasOfCommittee(request.server.deps.db, user.committeeId);
  return { role: user.role, committeeId: user.committeeId, committeeAreaIds: await auth.areaKeys };
}

function refuse(user: SessionUser | null, what: string): never {
  if (!user) throw new AppError('unauthenticated', `Sign in to ${what}`);
  throw new AppError('forbidden', `Your role (${user.role}) may not ${what}`);
}

const GUARD = Symbol.for('fardplan.guard');

type GuardHandler = ((request: FastifyRequest, reply: FastifyReply) => Promise<void>) & {
  [GUARD]?: Permission | 'signed-in';
};

/**
 * preHandler for a route: signed in (401) and holding the permission in some scope (403).
 * (`registerAuth` also runs it before the request is validated, so a signed-out or unauthorised
 * request is refused with 401/403 rather than told what its body lacks.)
 */
export function guard(permission: Permission): GuardHandler {
  const handler: GuardHandler = async function guardHandler(
    request: FastifyRequest,
    _reply: FastifyReply,
  ): Promise<void> {
    const actor = await actorOf(request);
    if (!canSome(actor, permission)) refuse(await currentUser(request), `do this (${permission})`);
  };
  handler[GUARD] = permission;
  return handler;
}

/** preHandler for a route any signed-in user may use (e.g. changing one's own password). */
export function signedIn(): GuardHandler {
  const handler: GuardHandler = async function signedInHandler(request: FastifyRequest): Promise<void> {
    if (!(await currentUser(request))) throw new AppError('unauthenticated', 'Sign in first');
  };
  handler[GUARD] = 'signed-in';
  return handler;
}

/** Throws 401/403 unless the requester holds `permission` for `resource`. */
export async function assertCan(
  request: FastifyRequest,
  permission: Permission,
  resource?: ScopedResource | null,
): Promise<void> {
  const actor = await actorOf(request);
  if (!can(actor, permission, resource)) refuse(await currentUser(request), `do this (${permission}) here`);
}

/** The area key used for scoping: `division:code`. */
export const areaKey = (a: { divisionId: string; code: string }): string => `${a.divisionId}:${a.code}`;

export interface EditAreasOptions {
  /** Which permission the change needs (default 'interventions:write'). */
  permission?: Permission;
  /** The responsible committee of the thing changed (an intervention's committee). */
  committeeId?: string | null;
  /** True when the thing is city-wide (not confined to its areas). */
  cityWide?: boolean;
}

/**
 * For a change to something confined to areas (an intervention, its follow-up, a proposal, a
 * participatory budget): 401 when signed out, 403 unless the requester may change things there.
 * Administrators and analysts may change any area; a district editor only their committee's areas
 * (or things their committee is responsible for). For an update, call it for the stored state and
 * for the new state.
 */
export async function assertCanEditAreas(
  request: FastifyRequest,
  areas: { divisionId: string; code: string }[],
  options: EditAreasOptions = {},
): Promise<void> {
  const permission = options.permission ?? 'interventions:write';
  const resource: ScopedResource = {
    committeeId: options.committeeId ?? null,
    areaIds: areas.map(areaKey),
    cityWide: options.cityWide ?? false,
  };
  const actor = await actorOf(request);
  if (!can(actor, permission, resource)) {
    const user = await currentUser(request);
    refuse(
      user,
      user?.role === 'district_editor' ? `change this: it is not in your committee's areas` : `do this (${permission})`,
    );
  }
}

/** True when the request may see drafts (staff). */
export async function canReadDrafts(request: FastifyRequest): Promise<boolean> {
  return can(await actorOf(request), 'drafts:read');
}

/** True when content in `state` may be shown to the requester. */
export async function canSee(request: FastifyRequest, state: PublicationState): Promise<boolean> {
  return visibleTo(await actorOf(request), state);
}

/** 404 (not 403, so drafts do not reveal that they exist) unless the requester may see content in `state`. */
export async function assertVisible(
  request: FastifyRequest,
  state: PublicationState,
  what = 'The item',
): Promise<void> {
  if (!(await canSee(request, state))) throw new AppError('not_found', `${what} was not found`);
}

// ------------------------------------------------------------------------------------ cookies and CSRF

export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
  });
}

export function clearSessionCookie(reply: FastifyReply, request: FastifyRequest): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
  });
}

/**
 * App-wide: the CSRF check for cookie-authenticated writes. A request with a session cookie that
 * names a live session must carry that session's token in X-CSRF-Token, else 403 `csrf_failed`.
 * (A cookie naming no live session authenticates nothing; the request is treated as anonymous.)
 * Call after @fastify/cookie is registered and before the routes.
 */
export function registerAuth(app: FastifyInstance): void {
  const list: RouteAccess[] = [];
  registry.set(app, list);
  app.addHook('onRoute', (route) => {
    const pre =
      route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
    const g = (pre as unknown[]).find((f): f is GuardHandler => typeof f === 'function' && GUARD in f);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods)
      list.push({ method: String(method), url: route.url ?? route.path, access: g?.[GUARD] ?? null });
    if (g) {
      const existing =
        route.preValidation === undefined
          ? []
          : Array.isArray(route.preValidation)
            ? route.preValidation
            : [route.preValidation];
      route.preValidation = [...(existing as GuardHandler[]), g];
    }
  });
  // Answers that depend on who asks (drafts for staff) must not be stored by shared caches; the
  // account routes' answers are not stored at all. (Runs after the ETag hook, which sets no-cache.)
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith('/api/')) return payload;
    if (request.url.startsWith('/api/v1/auth/')) reply.header('cache-control', 'no-store');
    else if (sessionToken(request)) reply.header('cache-control', 'private, no-cache');
    if (request.method === 'GET') {
      const vary = reply.getHeader('vary');
      if (!vary) reply.header('vary', 'Cookie');
      else if (!/\bcookie\b/i.test(String(vary))) reply.header('vary', `${String(vary)}, Cookie`);
    }
    return payload;
  });
  app.addHook('preValidation', async (request, reply) => {
    if (SAFE_METHODS.has(request.method)) return;
    const auth = await load(request);
    if (!auth.token || !auth.user) return;
    const presented = request.headers[CSRF_HEADER];
    if (!csrfTokenMatches(auth.token, typeof presented === 'string' ? presented : undefined)) {
      reply.header('x-csrf-required', '1'); // tells the web app to fetch the token (GET /auth/me) and retry once
      throw new AppError(
        'csrf_failed',
        `Missing or wrong CSRF token: send the X-CSRF-Token header returned by sign-in and by GET /api/v1/auth/me`,
      );
    }
  });
}

/** A registered route and how it is guarded: a permission, 'signed-in', or null (no guard). */
export interface RouteAccess {
  method: string;
  url: string;
  access: Permission | 'signed-in' | null;
}

const registry = new WeakMap<FastifyInstance, RouteAccess[]>();

/** Every route registered after `registerAuth`, with its guard (for the access matrix test). */
export function routeAccessList(app: FastifyInstance): RouteAccess[] {
  return [...(registry.get(app) ?? [])];
}
