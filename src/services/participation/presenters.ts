/** Rows → API shapes of the participation contracts (src/core/contracts/participation.ts). */
import type { ProposalRow } from '../../db/repositories/participation.ts';
import type { ProcessRow, ProjectRow } from '../../db/repositories/participation-budget.ts';
import type { Project, ProcessSummary, PublicProposal, StaffProposal } from '../../core/contracts/participation.ts';

/** What the public sees of a proposal (no contact, no moderation note). */
export function publicView(p: ProposalRow): PublicProposal {
  return {
    id: p.id,
    area: `${p.divisionId}:${p.areaCode}`,
    areaName: p.areaName,
    title: p.title,
    body: p.body,
    goalAreaId: p.goalAreaId,
    location: p.latitude !== null && p.longitude !== null ? { latitude: p.latitude, longitude: p.longitude } : null,
    status: p.status,
    submittedOn: p.submittedOn,
    supportUntil: p.supportUntil,
    supportsNeeded: p.supportsNeeded,
    supports: p.supports,
    reachedOn: p.reachedOn,
    committeeAnswer: p.committeeAnswer,
    committeeDecision: p.committeeDecision,
    answeredOn: p.answeredOn,
    interventions: p.interventions,
    supportVerification: p.supportVerification,
  };
}

export const staffView = (p: ProposalRow): StaffProposal => ({ ...publicView(p), moderationNote: p.moderationNote });

export const processJson = (p: ProcessRow): ProcessSummary => ({
  id: p.id,
  name: p.name,
  description: p.description,
  area: `${p.divisionId}:${p.areaCode}`,
  areaName: p.areaName,
  budget: p.budget.toString(),
  rule: p.rule,
  knapsack: p.knapsack,
  maxChoices: p.maxChoices,
  phase: p.phase,
});

export const projectJson = (p: ProjectRow): Project => ({
  id: p.id,
  title: p.title,
  description: p.description,
  cost: p.cost.toString(),
  feasible: p.feasible,
  assessment: p.assessment,
  followUp: p.followUp,
});
