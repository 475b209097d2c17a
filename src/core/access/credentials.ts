// Sign-in credentials: the password policy and the form of usernames. Pure.

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

/** The API's words for each problem (the web app says them in the user's language). */
export const PASSWORD_PROBLEM_TEXT: Readonly<Record<PasswordProblem, string>> = {
  too_short: `must be at least ${PASSWORD_MIN_LENGTH} characters long`,
  too_long: `must be at most ${PASSWORD_MAX_LENGTH} characters long`,
  equals_username: 'must not be the username',
  contains_username: 'must not contain the username',
  single_character: 'must not be one character repeated',
  common: 'is too common; choose a pass phrase of several words',
  control_character: 'must not contain control characters (tab, line break, …)',
};

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

// Usernames

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._@-]{1,62}[a-z0-9]$/;

/** Usernames are compared in lower case; returns the normalised name or null if not allowed. */
export function normaliseUsername(raw: string): string | null {
  const u = raw.trim().toLowerCase();
  return USERNAME_PATTERN.test(u) ? u : null;
}
