/**
 * The auth API's contracts (sign-in, account, users, audit log): one zod schema per request and response, used
 * by the routes (validation and serialisation) and by the web app's forms (checked in the browser first).
 */
import { z } from 'zod';
import { ACCOUNT_ROLES, checkPassword, PASSWORD_PROBLEM_TEXT, PERMISSIONS } from '../access.ts';

/** Sign-in and account bodies are small: anything larger is refused before parsing. */
export const SMALL_BODY_LIMIT = 16 * 1024;

const role = z.enum(ACCOUNT_ROLES);
const password = z.string().min(1).max(1024);

/**
 * A password being set: the policy's rules that do not depend on the username (length, one character repeated,
 * well known, control characters), so the browser refuses them before sending. Each issue carries the rule in
 * `params.passwordProblem` for the web app's words. The service checks the whole policy again, with the username.
 */
export const newPasswordSchema = password.superRefine((value, ctx) => {
  for (const problem of checkPassword(value, '').problems)
    ctx.addIssue({
      code: 'custom',
      message: `The password ${PASSWORD_PROBLEM_TEXT[problem]}`,
      params: { passwordProblem: problem },
    });
});

export const signInBody = z.strictObject({
  username: z.string().min(1).max(200),
  password,
});

export const passwordBody = z.strictObject({
  currentPassword: password,
  newPassword: newPasswordSchema,
});

export const userSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role,
  committeeId: z.string().nullable(),
  disabled: z.boolean(),
  hasPassword: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  passwordChangedAt: z.string().nullable(),
});

export const meResponse = z.object({
  user: z
    .object({
      id: z.number().int(),
      username: z.string(),
      displayName: z.string(),
      role,
      committeeId: z.string().nullable(),
    })
    .nullable(),
  role: z.enum(['admin', 'analyst', 'district_editor', 'reader', 'public']),
  /** Permissions held in some scope (district editors: within their committee's areas). */
  permissions: z.array(z.enum(PERMISSIONS)),
  /** Send this in the X-CSRF-Token header with every write (null when there is no session cookie). */
  csrfToken: z.string().nullable(),
});

export const signInResponse = z.object({
  user: meResponse.shape.user.unwrap(),
  csrfToken: z.string(),
  expiresAt: z.string(),
});

export const okResponse = z.object({ ok: z.literal(true) });

const committeeId = z.string().min(1).max(100);

export const newUserBody = z.strictObject({
  username: z.string().min(1).max(200),
  displayName: z.string().max(200).optional(),
  role,
  committeeId: committeeId.nullable().optional(),
  password: newPasswordSchema,
});

export const userPatchBody = z.strictObject({
  displayName: z.string().max(200).optional(),
  role: role.optional(),
  committeeId: committeeId.nullable().optional(),
  disabled: z.boolean().optional(),
  password: newPasswordSchema.optional(),
});

export const userIdParams = z.strictObject({ id: z.coerce.number().int().positive() });

export const usersResponse = z.object({
  users: z.array(userSchema),
  committees: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
});

const dateOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const auditQuery = z.strictObject({
  entity: z.string().max(100).optional(),
  entityId: z.string().max(200).optional(),
  username: z.string().max(200).optional(),
  userId: z.coerce.number().int().optional(),
  action: z.string().max(100).optional(),
  /** Inclusive; a date means the start of that day (Stockholm time). */
  from: dateOrTime.optional(),
  /** Inclusive for a date (the whole day), exclusive for a date-time. */
  to: dateOrTime.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const auditResponse = z.object({
  total: z.number().int(),
  items: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      userId: z.number().int().nullable(),
      username: z.string().nullable(),
      action: z.string(),
      entity: z.string(),
      entityId: z.string(),
      before: z.unknown(),
      after: z.unknown(),
      changed: z.array(z.string()),
    }),
  ),
});
