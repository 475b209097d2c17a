/** Password hashing (argon2id) and the password policy's messages. */
import argon2 from 'argon2';
import { checkPassword, PASSWORD_PROBLEM_TEXT } from '../../core/access.ts';
import { AppError, type Problem } from '../../core/errors.ts';

/** argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane). */
export const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;
/** A hash to verify against when the username is unknown, so that both cases take the same time. */
export function dummy(): Promise<string> {
  dummyHash ??= hashPassword('not a password of anyone: färdplan');
  return dummyHash;
}

/** The whole policy, with the username (the contracts check the rest before a request gets here: newPassword). */
export function assertPasswordPolicy(password: string, username: string, field = 'password'): void {
  const check = checkPassword(password, username);
  if (!check.ok) {
    const details: Problem[] = check.problems.map((p) => ({
      field,
      message: `The password ${PASSWORD_PROBLEM_TEXT[p]}`,
    }));
    throw new AppError(
      'validation_failed',
      `The password is not allowed: ${check.problems.map((p) => PASSWORD_PROBLEM_TEXT[p]).join('; ')}`,
      details,
    );
  }
}
