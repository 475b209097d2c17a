/** The acting user of a request, for service commands (which authorise inside their transaction). */
import type { FastifyRequest } from 'fastify';
import { currentUser } from './auth.ts';
import type { ActingUser } from '../services/acting.ts';

/** The signed-in user; with the development flag an anonymous request acts as an administrator. */
export async function actingUser(request: FastifyRequest): Promise<ActingUser | null> {
  const u = await currentUser(request);
  if (u) return { id: u.id, username: u.username, role: u.role, committeeId: u.committeeId };
  return request.server.deps.devWrites ? { id: null, username: 'dev-writes', role: 'admin', committeeId: null } : null;
}
