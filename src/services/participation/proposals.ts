/**
 * Commands on citizen proposals. Residents submit and support; staff moderate, answer and link,
 * each authorised inside its transaction for the proposal's stored area.
 */
import type { Database, Queryable } from '../../db/database.ts';
import * as repo from '../../db/repositories/participation.ts';
import { publishedInterventionExists } from '../../db/repositories/interventions.ts';
import type { ProposalRow } from '../../db/repositories/participation.ts';
import { AppError, reasonError } from '../../core/errors.ts';
import { proposalTransition, PUBLIC_PROPOSAL_STATUSES, supportRefusal } from '../../core/participation/phases.ts';
import { addDays, stockholmDate } from '../../core/time.ts';
import type { PublicProposal, StaffProposal, SubmitProposalInput } from '../../core/contracts/participation.ts';
import type { Permission } from '../../core/access.ts';
import { recordAudit } from '../audit.ts';
import { actingIn, type Acting, type ActingUser } from '../acting.ts';
import {
  authorise,
  checkArea,
  checkGoalArea,
  DEFAULT_THRESHOLD,
  proposalNotFound,
  sha256,
  type Effects,
} from './common.ts';
import { publicView, staffView } from './presenters.ts';
import { supportCodeHash } from './support-codes.ts';
import { normaliseCode } from '../../core/participation/budgeting.ts';

/** A resident submits a proposal; it waits for moderation. */
export async function submitProposal(
  db: Database,
  input: SubmitProposalInput,
  fx: Pick<Effects, 'now'>,
): Promise<{ id: string; status: 'submitted' }> {
  return db.transaction(async (tx) => {
    const a = await checkArea(tx, input.area);
    const id = await repo.insertProposal(tx, {
      divisionId: a.divisionId,
      areaCode: a.code,
      title: input.title.trim(),
      body: input.body.trim(),
      goalAreaId: await checkGoalArea(tx, input.goalArea),
      latitude: input.location?.latitude ?? null,
      longitude: input.location?.longitude ?? null,
      contact: input.contact?.trim() || null,
      submittedOn: stockholmDate(fx.now()),
    });
    return { id, status: 'submitted' as const };
  });
}

/** The proposal locked FOR UPDATE, with the acting user authorised for its area. */
async function lockedProposal(tx: Queryable, id: string, acting: Acting, permission: Permission) {
  if (!(await repo.lockProposal(tx, id))) {
    if (!acting.actor) throw reasonError('unauthenticated', 'sign_in', 'Sign in first');
    throw proposalNotFound();
  }
  const p = (await repo.findProposal(tx, id)) as ProposalRow;
  authorise(acting, permission, [{ divisionId: p.divisionId, code: p.areaCode }]);
  return p;
}

function transitionOrConflict(p: ProposalRow, action: Parameters<typeof proposalTransition>[1]) {
  const next = proposalTransition(p.status, action);
  if (!next)
    throw reasonError('conflict', 'proposal_status_not_allowed', `a ${p.status} proposal cannot be changed so`, {
      status: p.status,
      action,
    });
  return next;
}

async function audited(
  tx: Queryable,
  acting: Acting,
  fx: Pick<Effects, 'now'>,
  action: string,
  before: ProposalRow,
): Promise<StaffProposal> {
  const after = (await repo.findProposal(tx, before.id)) as ProposalRow;
  await recordAudit(tx, {
    actor: acting.audit,
    at: fx.now(),
    action,
    entity: 'proposal',
    entityId: before.id,
    before: staffView(before),
    after: staffView(after),
  });
  return staffView(after);
}

/** Staff: publish (opens the support period with the area's threshold) or reject. */
export async function moderateProposal(
  db: Database,
  id: string,
  decision: { action: 'publish' | 'reject'; note?: string | null },
  user: ActingUser | null,
  fx: Pick<Effects, 'now'>,
): Promise<StaffProposal> {
  return db.transaction(async (tx) => {
    const acting = await actingIn(tx, user);
    const before = await lockedProposal(tx, id, acting, 'participation:moderate');
    const status = transitionOrConflict(before, decision.action);
    if (status === 'published') {
      const t = (await repo.findThreshold(tx, before.divisionId, before.areaCode)) ?? DEFAULT_THRESHOLD;
      await repo.updateProposal(tx, id, {
        status,
        moderationNote: decision.note ?? null,
        supportUntil: addDays(stockholmDate(fx.now()), t.periodDays),
        supportsNeeded: t.supports,
      });
    } else {
      await repo.updateProposal(tx, id, { status, moderationNote: decision.note ?? null });
    }
    return audited(tx, acting, fx, decision.action, before);
  });
}

/**
 * A resident supports a published proposal. How a support is verified is the city's choice per
 * area: by default a one-time resident code (one per resident, from a letter; it supports each
 * proposal once, so one person cannot reach the threshold from two addresses); or, explicitly
 * chosen as unverified, a random key the browser keeps. Only hashes are stored. Reaching the
 * threshold within the period (Stockholm dates) sends the proposal to the committee.
 */
export async function supportProposal(
  db: Database,
  id: string,
  input: { code?: string | undefined; supporterKey?: string | undefined },
  fx: Pick<Effects, 'now'>,
): Promise<PublicProposal> {
  return db.transaction(async (tx) => {
    if (!(await repo.lockProposal(tx, id))) throw proposalNotFound();
    const p = (await repo.findProposal(tx, id)) as ProposalRow;
    if (!PUBLIC_PROPOSAL_STATUSES.includes(p.status)) throw proposalNotFound();
    const today = stockholmDate(fx.now());
    const refusal = supportRefusal(p.status, p.supportUntil, today);
    if (refusal?.code === 'support_closed')
      throw reasonError('conflict', 'support_closed', 'the proposal no longer collects support');
    if (refusal?.code === 'support_period_ended')
      throw reasonError('conflict', 'support_period_ended', `the support period ended on ${refusal.params.until}`, {
        until: refusal.params.until,
      });
    const t = (await repo.findThreshold(tx, p.divisionId, p.areaCode)) ?? DEFAULT_THRESHOLD;
    const supporter = await supporterOf(tx, p, t.verification, input);
    const added = await repo.insertSupport(tx, id, sha256(`support:${id}:${supporter}`));
    if (!added) throw reasonError('conflict', 'support_twice', 'you already support this proposal');
    const after = (await repo.findProposal(tx, id)) as ProposalRow;
    if (after.supportsNeeded !== null && after.supports >= after.supportsNeeded) {
      await repo.updateProposal(tx, id, { status: transitionOrConflict(after, 'reach_threshold'), reachedOn: today });
    }
    return publicView((await repo.findProposal(tx, id)) as ProposalRow);
  });
}

/** The verified supporter identity (never stored as such: only hashed with the proposal id). */
async function supporterOf(
  tx: Queryable,
  p: ProposalRow,
  verification: repo.SupportVerification,
  input: { code?: string | undefined; supporterKey?: string | undefined },
): Promise<string> {
  if (verification === 'browser') {
    if (!input.supporterKey)
      throw reasonError('validation_failed', 'support_key_missing', 'supporterKey is required', {}, 'supporterKey');
    return `key:${input.supporterKey}`;
  }
  const code = input.code === undefined ? null : normaliseCode(input.code);
  if (!code)
    throw reasonError(
      'validation_failed',
      'support_code_malformed',
      'that is not a support code (12 letters and digits, e.g. ABCD-EFGH-JKMN)',
      {},
      'code',
    );
  const hash = supportCodeHash(p.divisionId, p.areaCode, code);
  if (!(await repo.supportCodeExists(tx, p.divisionId, p.areaCode, hash)))
    throw reasonError('forbidden', 'support_code_unknown', 'this support code is not valid in this area');
  return `code:${hash}`;
}

/** Staff: the committee's answer and decision, published with the proposal. */
export async function answerProposal(
  db: Database,
  id: string,
  input: {
    answer: string;
    decision: 'approved' | 'partly_approved' | 'rejected';
    interventions?: string[] | undefined;
  },
  user: ActingUser | null,
  fx: Pick<Effects, 'now'>,
): Promise<StaffProposal> {
  return db.transaction(async (tx) => {
    const acting = await actingIn(tx, user);
    const before = await lockedProposal(tx, id, acting, 'participation:manage');
    await repo.updateProposal(tx, id, {
      status: transitionOrConflict(before, 'answer'),
      committeeAnswer: input.answer,
      committeeDecision: input.decision,
      answeredOn: stockholmDate(fx.now()),
    });
    for (const iv of input.interventions ?? []) await linkOne(tx, id, iv);
    return audited(tx, acting, fx, 'answer', before);
  });
}

async function linkOne(tx: Queryable, id: string, interventionId: string): Promise<void> {
  // only published interventions: a public proposal must not name (or reveal) a draft
  if (!(await publishedInterventionExists(tx, interventionId))) {
    throw new AppError('validation_failed', `unknown intervention "${interventionId}"`, [
      {
        field: 'interventions',
        message: 'unknown intervention',
        code: 'intervention_unknown',
        params: { id: interventionId },
      },
    ]);
  }
  await repo.linkProposalIntervention(tx, id, interventionId);
}

/** Staff: link a proposal to an intervention it led to. */
export async function linkProposal(
  db: Database,
  id: string,
  interventionId: string,
  user: ActingUser | null,
  fx: Pick<Effects, 'now'>,
): Promise<StaffProposal> {
  return db.transaction(async (tx) => {
    const acting = await actingIn(tx, user);
    const before = await lockedProposal(tx, id, acting, 'participation:manage');
    await linkOne(tx, id, interventionId);
    return audited(tx, acting, fx, 'link', before);
  });
}

/** Staff: an area's support threshold, period and how supports are verified there. */
export async function setThreshold(
  db: Database,
  input: { area: string; supports: number; periodDays: number; verification: repo.SupportVerification },
  user: ActingUser | null,
  fx: Pick<Effects, 'now'>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const acting = await actingIn(tx, user);
    const a = await checkArea(tx, input.area);
    authorise(acting, 'participation:manage', [a]);
    const before = await repo.findThreshold(tx, a.divisionId, a.code);
    await repo.upsertThreshold(tx, a.divisionId, a.code, input.supports, input.periodDays, input.verification);
    await recordAudit(tx, {
      actor: acting.audit,
      at: fx.now(),
      action: 'update',
      entity: 'participation_threshold',
      entityId: input.area,
      before,
      after: { supports: input.supports, periodDays: input.periodDays, verification: input.verification },
    });
  });
}
