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
// Passwords

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any pass phrase, short enough that hashing cannot be used to tie up the server. */
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem =
  | 'too_short'
  | 'too_long'
  | 'equals_username'
  | 'contains_username'
  | 'single_character'
  | 'common'
  | 'control_character';

/** A small list of passwords (normalised: lower case) that reach 12 characters but are guessed first. */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789abc',
  'abc123456789',
  'password1234',
  'password12345',
  'password123!',
  'passwordpassword',
  'qwertyuiop12',
  'qwertyuiopå',
  'qwertyuiopåä',
  'qwertyuiopåäö',
  'qwerty123456',
  'asdfghjklöä',
  'lösenord1234',
  'losenord1234',
  'lösenordlösenord',
  'sommar2024!!',
  'stockholm123',
  'stockholm1234',
  'stockholm2024',
  'stockholm2025',
  'stockholm2026',
  'fardplan1234',
  'färdplan1234',
  'welcome12345',
  'välkommen123',
  'iloveyou1234',
  'administrator',
  'administrator1',
  'letmein12345',
  'changeme1234',
]);

export interface PasswordCheck {
  readonly ok: boolean;
  readonly problems: readonly PasswordProblem[];
}

/**
 * The password policy: at least 12 characters (Unicode code points), at most 256, not the username
 * nor containing it (ignoring case; for usernames of 3 characters or more), not one character
 * repeated, not a well-known password, and no control characters.
 */
export function checkPassword(password: string, username: string): PasswordCheck {
  const problems: PasswordProblem[] = [];
  const chars = [...password];
  if (chars.length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (chars.length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  const p = password.normalize('NFC').toLocaleLowerCase('sv-SE');
  const u = username.normalize('NFC').trim().toLocaleLowerCase('sv-SE');
  if (u.length > 0 && p === u) problems.push('equals_username');
  else if (u.length >= 3 && p.includes(u)) problems.push('contains_username');
  if (chars.length > 0 && new Set(chars).size === 1) problems.push('single_character');
  if (COMMON_PASSWORDS.has(p)) problems.push('common');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(password)) problems.push('control_character');
  return { ok: problems.length === 0, problems };
}

// ---------------------------------------------------------------------------------------------
// Usernames

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._@-]{1,62}[a-z0-9]$/;

/** Usernames are compared in lower case; returns the normalised name or null if not allowed. */
export function normaliseUsername(raw: string): string | null {
  const u = raw.trim().toLowerCase();
  return USERNAME_PATTERN.test(u) ? u : null;
}

// ---------------------------------------------------------------------------------------------
// Lock-out and rate limiting (time is passed in as epoch milliseconds)

export interface LockoutPolicy {
  /** This many failures … */
  readonly maxFailures: number;
  /** … within this many milliseconds … */
  readonly windowMs: number;
  /** … lock the account for this long after the last of them. */
  readonly lockMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/**
 * Lock-out is per account AND address: DEFAULT_LOCKOUT counts the failures of one username from one address, so
 * an attacker elsewhere cannot lock the real user out of their usual address. Failures from all addresses
 * together lock the account by this wider rule, except from an address it signed in from recently.
 */
export const ACCOUNT_WIDE_LOCKOUT: LockoutPolicy = { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export interface LockoutState {
  readonly locked: boolean;
  /** When the lock ends (epoch ms), or null when not locked. */
  readonly until: number | null;
  /** Failures left before a lock, counted within the window ending now (0 when locked). */
  readonly remaining: number;
}

/**
 * Whether an account is locked, given the times of its failed sign-ins since its last successful
 * one. An account is locked for `lockMs` after any failure that completes `maxFailures` failures
 * within `windowMs`. Attempts refused while locked should not be recorded as failures (they are
 * not checked against the password), so a lock ends `lockMs` after it began.
 */
export function lockoutState(
  failures: readonly number[],
  now: number,
  policy: LockoutPolicy = DEFAULT_LOCKOUT,
): LockoutState {
  const f = failures
    .filter((t) => Number.isFinite(t) && t <= now)
    .slice()
    .sort((a, b) => a - b);
  const n = policy.maxFailures;
  let until: number | null = null;
  if (n >= 1) {
    for (let i = n - 1; i < f.length; i++) {
      const last = f[i]!;
      const first = f[i - n + 1]!;
      if (last - first < policy.windowMs) {
        const end = last + policy.lockMs;
        if (until === null || end > until) until = end;
      }
    }
  }
  if (until !== null && now < until) return { locked: true, until, remaining: 0 };
  const recent = f.filter((t) => t > now - policy.windowMs).length;
  return { locked: false, until: null, remaining: Math.max(0, n - recent) };
}

export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/** Sign-in attempts allowed from one client address. */
export const DEFAULT_SIGN_IN_RATE: RateLimit = { limit: 20, windowMs: 60_000 };

/**
 * A sliding-window rate limit: whether one more event at `now` is allowed given earlier event
 * times, and if not, when it will be (the moment the oldest event in the window leaves it).
 */
export function rateLimit(
  events: readonly number[],
  now: number,
  limit: RateLimit = DEFAULT_SIGN_IN_RATE,
): { allowed: boolean; retryAt: number | null } {
  const inWindow = events.filter((t) => t > now - limit.windowMs && t <= now).sort((a, b) => a - b);
  if (inWindow.length < limit.limit) return { allowed: true, retryAt: null };
  const oldestThatMustLeave = inWindow[inWindow.length - limit.limit]!;
  return { allowed: false, retryAt: oldestThatMustLeave + limit.windowMs };
}

// ---------------------------------------------------------------------------------------------
// Audit

/** What an audit record says about a change. `before` is null for a creation, `after` for a deletion. */
export type AuditAction =
  'create' | 'update' | 'delete' | 'publish' | 'unpublish' | 'import' | 'sign_in' | 'sign_out' | 'other';

export interface AuditChange {
  readonly action: AuditAction | string;
  readonly entity: string;
  readonly entityId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

/**
 * The fields that differ between two plain records (for showing an audit record). Values are
 * compared by their JSON text. Keys are returned sorted.
 */
export function changedFields(before: unknown, after: unknown): string[] {
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  const b = isObj(before) ? before : {};
  const a = isObj(after) ? after : {};
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  const out: string[] = [];
  for (const k of keys) {
    if (JSON.stringify(b[k], jsonSafe) !== JSON.stringify(a[k], jsonSafe)) out.push(k);
  }
  return out.sort();
}

function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** Fields that must never be written to the audit log (their presence is recorded, not their value). */
export const REDACTED_FIELDS: ReadonlySet<string> = new Set([
  'password',
  'password_hash',
  'passwordHash',
  'token',
  'token_hash',
  'tokenHash',
  'csrf',
  'csrfToken',
  'code_hash',
  'codeHash',
]);

/** A JSON-safe copy of a value for the audit log: bigints as strings, dates as ISO text, secrets redacted. */
export function auditSnapshot(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(auditSnapshot);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined || typeof v === 'function') continue;
      out[k] = REDACTED_FIELDS.has(k) ? '[redacted]' : auditSnapshot(v);
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}
