/**
 * Access control, publishing and sign-in policy: pure decisions.
 *
 * Nothing here reads a clock, a database or a request. The server (src/server/auth.ts) and the
 * services load the signed-in user, the resource (e.g. an intervention's responsible committee and
 * target areas) and the recorded sign-in failures, and ask these functions what is allowed.
 *
 * Roles:
 * - `admin`           — administrator: users and settings, and everything the other roles may do.
 * - `analyst`         — city office analyst: indicators, data imports, goals and targets,
 *                       interventions and follow-up, in all areas; participation staff work.
 * - `district_editor` — district administration / committee staff: interventions and follow-up,
 *                       participation staff work, only for the areas of their own committee.
 * - `reader`          — staff who may read drafts but change nothing.
 * - `public`          — anonymous visitors (and any signed-out request): published content only.
 */

export const ROLES = ['admin', 'analyst', 'district_editor', 'reader', 'public'] as const;
export type Role = (typeof ROLES)[number];

/** Roles an account can have (`public` is the absence of an account). */
export const ACCOUNT_ROLES = ['admin', 'analyst', 'district_editor', 'reader'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const PERMISSIONS = [
  'users:manage',
  'settings:manage',
  'indicators:write',
  'imports:write',
  'goals:write',
  'targets:write',
  'interventions:write',
  'followups:write',
  'participation:moderate',
  'participation:manage',
  'drafts:read',
  'audit:read',
  'reports:write',
  'reports:approve',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * How far a grant reaches: `all` (every resource) or `committee_areas` (only resources whose
 * responsible committee is the user's committee, or whose areas all belong to that committee).
 */
export type Scope = 'all' | 'committee_areas';

type Grants = Readonly<Partial<Record<Permission, Scope>>>;

const ALL: Grants = Object.fromEntries(PERMISSIONS.map((p) => [p, 'all' as const]));

/** The role × permission matrix. A permission not listed for a role is refused. */
export const GRANTS: Readonly<Record<Role, Grants>> = {
  admin: ALL,
  analyst: {
    'indicators:write': 'all',
    'imports:write': 'all',
    'goals:write': 'all',
    'targets:write': 'all',
    'interventions:write': 'all',
    'followups:write': 'all',
    'participation:moderate': 'all',
    'participation:manage': 'all',
    'drafts:read': 'all',
    'reports:write': 'all',
    'reports:approve': 'all',
  },
  district_editor: {
    'interventions:write': 'committee_areas',
    'followups:write': 'committee_areas',
    'participation:moderate': 'committee_areas',
    'participation:manage': 'committee_areas',
    'drafts:read': 'all',
    'reports:write': 'committee_areas',
    'reports:approve': 'committee_areas',
  },
  reader: {
    'drafts:read': 'all',
  },
  public: {},
};

/** Identifiers are compared as strings so numeric and text ids both work. */
export type Id = string | number;

/**
 * Who is asking. `null` or `undefined` is an anonymous visitor (role `public`).
 * `committeeAreaIds` must list every area id (of every division) that belongs to the user's
 * committee; the service resolves it when the session is loaded.
 */
export interface Actor {
  readonly role: Role;
  readonly committeeId?: Id | null;
  readonly committeeAreaIds?: readonly Id[];
}

/**
 * What a scoped permission is checked against. For an intervention (or its follow-up), the
 * responsible committee and target areas; for participation, the area of the proposal / process.
 * `cityWide: true` (or no areas at all) means the resource is not confined to any area.
 */
export interface ScopedResource {
  readonly committeeId?: Id | null;
  readonly areaIds?: readonly Id[];
  readonly cityWide?: boolean;
}

export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && (ROLES as readonly string[]).includes(x);
}

export function isAccountRole(x: unknown): x is AccountRole {
  return typeof x === 'string' && (ACCOUNT_ROLES as readonly string[]).includes(x);
}

export function isPermission(x: unknown): x is Permission {
  return typeof x === 'string' && (PERMISSIONS as readonly string[]).includes(x);
}

export function roleOf(actor: Actor | null | undefined): Role {
  return actor ? actor.role : 'public';
}

/** The scope in which a role holds a permission, or null when it does not hold it. */
export function scopeOf(role: Role, permission: Permission): Scope | null {
  return GRANTS[role][permission] ?? null;
}

/**
 * Whether a resource lies within the actor's committee: its responsible committee is the actor's
 * committee, or it names at least one area and every one of them belongs to the committee.
 * City-wide resources are never within a single committee's areas (unless the committee is
 * responsible for them).
 */
export function withinCommittee(actor: Actor, resource: ScopedResource): boolean {
  const mine = actor.committeeId;
  if (mine === null || mine === undefined) return false;
  if (
    resource.committeeId !== null &&
    resource.committeeId !== undefined &&
    String(resource.committeeId) === String(mine)
  ) {
    return true;
  }
  const areas = resource.areaIds ?? [];
  if (resource.cityWide || areas.length === 0) return false;
  const own = new Set((actor.committeeAreaIds ?? []).map(String));
  return areas.every((a) => own.has(String(a)));
}

/**
 * The access decision. For a permission the role holds in every scope, the resource is not needed.
 * For a permission held only within the committee's areas (district editors), the resource is
 * required: without one the answer is `false` (fail closed; use `canSome` to ask whether the role
 * could act on some resource, e.g. to show a button or admit a request before loading it).
 */
export function can(
  actor: Actor | null | undefined,
  permission: Permission,
  resource?: ScopedResource | null,
): boolean {
  const role = roleOf(actor);
  const scope = scopeOf(role, permission);
  if (scope === null) return false;
  if (scope === 'all') return true;
  if (!actor || resource === null || resource === undefined) return false;
  return withinCommittee(actor, resource);
}

/** Whether the actor holds the permission for at least some resource. */
export function canSome(actor: Actor | null | undefined, permission: Permission): boolean {
  const role = roleOf(actor);
  const scope = scopeOf(role, permission);
  if (scope === 'committee_areas') return !!actor && actor.committeeId !== null && actor.committeeId !== undefined;
  return scope !== null;
}

/**
 * A change moves a resource from `before` (null when created) to `after` (null when deleted).
 * The actor must be allowed on both sides, so a district editor can neither change another
 * district's intervention nor move their own into another district.
 */
export function canChange(
  actor: Actor | null | undefined,
  permission: Permission,
  before: ScopedResource | null,
  after: ScopedResource | null,
): boolean {
  if (before === null && after === null) return can(actor, permission);
  return (before === null || can(actor, permission, before)) && (after === null || can(actor, permission, after));
}

// ---------------------------------------------------------------------------------------------
// Publishing

export const PUBLICATION_STATES = ['draft', 'published'] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

export function isPublicationState(x: unknown): x is PublicationState {
  return typeof x === 'string' && (PUBLICATION_STATES as readonly string[]).includes(x);
}

/** Published content is visible to everyone; drafts only to staff holding `drafts:read`. */
export function visibleTo(actor: Actor | null | undefined, state: PublicationState): boolean {
  if (state === 'published') return true;
  return can(actor, 'drafts:read');
}

/** The publication states an actor may read (for filtering queries). */
export function visibleStates(actor: Actor | null | undefined): PublicationState[] {
  return PUBLICATION_STATES.filter((s) => visibleTo(actor, s));
}

// ---------------------------------------------------------------------------------------------
// Passwords and usernames (access/credentials.ts), lock-out and rate limiting (access/lockout.ts),
// audit records (access/audit.ts)

export {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USERNAME_PATTERN,
  checkPassword,
  normaliseUsername,
  PASSWORD_PROBLEM_TEXT,
  type PasswordCheck,
  type PasswordProblem,
} from './access/credentials.ts';
export {
  ACCOUNT_WIDE_LOCKOUT,
  DEFAULT_LOCKOUT,
  DEFAULT_SIGN_IN_RATE,
  lockoutState,
  rateLimit,
  type LockoutPolicy,
  type LockoutState,
  type RateLimit,
} from './access/lockout.ts';
export { REDACTED_FIELDS, auditSnapshot, changedFields, type AuditAction, type AuditChange } from './access/audit.ts';
