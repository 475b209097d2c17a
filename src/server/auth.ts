/**
 * The guard every write route (and every read of unpublished content) goes through.
 * Routes call: `preHandler: guard('interventions:write')`, and for area-scoped writes
 * `await assertCanEditAreas(request, [{ divisionId, code }])` in the handler.
 * STUB until access control lands: writes are open only when the server runs with --dev-writes.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';

export type Permission = string;

export interface SessionUser {
  id: number;
  username: string;
  role: 'admin' | 'analyst' | 'district_editor' | 'reader';
  committeeId: string | null;
}

/** The signed-in user, or null for the public. */
export async function currentUser(_request: FastifyRequest): Promise<SessionUser | null> {
  return null;
}

export function guard(_permission: Permission) {
  return async function guardHandler(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    if (request.server.deps.devWrites) return;
    throw new AppError('unauthenticated', 'Sign in to change data (write routes are open only with the development flag until accounts exist)');
  };
}

export async function assertCanEditAreas(_request: FastifyRequest, _areas: { divisionId: string; code: string }[]): Promise<void> {
  // Area scoping for district editors comes with access control.
}

/** True when the request may see drafts (staff). */
export async function canReadDrafts(request: FastifyRequest): Promise<boolean> {
  return request.server.deps.devWrites;
}
