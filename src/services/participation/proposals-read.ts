/** Read models of citizen proposals: the public list and page, staff lists, similar proposals. */
import type { Queryable } from '../../db/database.ts';
import * as repo from '../../db/repositories/participation.ts';
import { mostSimilar } from '../../core/participation/similarity.ts';
import { PUBLIC_PROPOSAL_STATUSES } from '../../core/participation/phases.ts';
import type { PublicProposal, Similar, StaffProposal } from '../../core/contracts/participation.ts';
import { proposalNotFound, splitArea } from './common.ts';
import { actingIn, type ActingUser } from '../acting.ts';
import { can } from '../../core/access.ts';
import { publicView, staffView } from './presenters.ts';

export async function listPublicProposals(db: Queryable, area?: string): Promise<PublicProposal[]> {
  const rows = await repo.listProposals(db, {
    statuses: PUBLIC_PROPOSAL_STATUSES,
    area: area ? splitArea(area) : null,
  });
  return rows.map(publicView);
}

/**
 * Proposals waiting for moderation (and the rest), for staff: only those of areas the acting user may
 * moderate (a district editor sees their committee's areas).
 */
export async function listStaffProposals(
  db: Queryable,
  status: string | undefined,
  user: ActingUser | null,
): Promise<StaffProposal[]> {
  const acting = await actingIn(db, user);
  const rows = await repo.listProposals(db, status ? { statuses: [status] } : {});
  return rows
    .filter((r) => can(acting.actor, 'participation:moderate', { areaIds: [`${r.divisionId}:${r.areaCode}`] }))
    .map(staffView);
}

export async function getPublicProposal(db: Queryable, id: string): Promise<PublicProposal> {
  const p = await repo.findProposal(db, id);
  if (!p || !PUBLIC_PROPOSAL_STATUSES.includes(p.status)) throw proposalNotFound();
  return publicView(p);
}

/** Published proposals similar to a text being typed (title + body). */
export async function similarProposals(db: Queryable, text: string, area?: string): Promise<Similar['items']> {
  const rows = await repo.listProposals(db, {
    statuses: PUBLIC_PROPOSAL_STATUSES,
    area: area ? splitArea(area) : null,
  });
  return mostSimilar(
    text,
    rows.map((r) => ({ id: r.id, text: `${r.title} ${r.body}`, row: r })),
    5,
  ).map((x) => ({
    id: x.item.id,
    title: x.item.row.title,
    score: Math.round(x.score * 100) / 100,
    supports: x.item.row.supports,
  }));
}
