/**
 * The life of a participatory budget and of a citizen proposal, as state machines. Pure.
 *
 * Budget: draft → collecting → reviewing → voting → closed → published.
 * - Before voting a process may go back one step (reviewing → collecting) or skip ahead.
 * - Once voting has opened there is no way back, except the correction `closed → voting`
 *   (a counting or technical fault found before publication), which needs a written reason and is
 *   audited as a correction. Published results are final.
 * - Projects can be added and changed only before voting opens (the follow-up of what was built
 *   may still be written afterwards). The results are computed and frozen when voting closes.
 *
 * Proposal: submitted → published | rejected; published → committee (threshold reached) →
 * answered; a published proposal may also be answered directly; an answer may be corrected.
 */

export const PHASES = ['draft', 'collecting', 'reviewing', 'voting', 'closed', 'published'] as const;
export type Phase = (typeof PHASES)[number];

/** Phases before voting opens: the process and its projects may still change. */
export const OPEN_PHASES: readonly Phase[] = ['draft', 'collecting', 'reviewing'];

const BUDGET_NEXT: Readonly<Record<Phase, readonly Phase[]>> = {
  draft: ['collecting', 'reviewing', 'voting'],
  collecting: ['reviewing', 'voting'],
  reviewing: ['collecting', 'voting'],
  voting: ['closed'],
  closed: ['published'],
  published: [],
};

/** Transitions only allowed as a documented, audited correction (with a reason). */
const BUDGET_CORRECTIONS: Readonly<Record<Phase, readonly Phase[]>> = {
  draft: [],
  collecting: [],
  reviewing: [],
  voting: [],
  closed: ['voting'],
  published: [],
};

export type PhaseRefusal =
  | { code: 'phase_same'; params: { phase: Phase } }
  | { code: 'phase_not_allowed'; params: { from: Phase; to: Phase } }
  | { code: 'phase_correction_needs_reason'; params: { from: Phase; to: Phase } };

export interface PhaseDecision {
  readonly ok: boolean;
  /** True when the move is a correction (audited as such). */
  readonly correction: boolean;
  readonly refusal: PhaseRefusal | null;
}

/** Whether a process may move from `from` to `to`; a correction needs a non-empty reason. */
export function decidePhase(from: Phase, to: Phase, correctionReason?: string | null): PhaseDecision {
  if (from === to) return { ok: false, correction: false, refusal: { code: 'phase_same', params: { phase: to } } };
  if (BUDGET_NEXT[from].includes(to)) return { ok: true, correction: false, refusal: null };
  if (BUDGET_CORRECTIONS[from].includes(to)) {
    if (correctionReason && correctionReason.trim().length > 0) return { ok: true, correction: true, refusal: null };
    return {
      ok: false,
      correction: true,
      refusal: { code: 'phase_correction_needs_reason', params: { from, to } },
    };
  }
  return { ok: false, correction: false, refusal: { code: 'phase_not_allowed', params: { from, to } } };
}

/** The phases a process may move to next (without a correction). */
export const nextPhases = (from: Phase): readonly Phase[] => BUDGET_NEXT[from];

/** Projects (title, cost, feasibility) may change only before voting opens. */
export const projectsEditable = (phase: Phase): boolean => OPEN_PHASES.includes(phase);

/** Residents may cast ballots only in the voting phase. */
export const votingOpen = (phase: Phase): boolean => phase === 'voting';

/** Results and ballots are public only once published. */
export const resultsPublic = (phase: Phase): boolean => phase === 'published';

/** Results are frozen (computed once and stored) from closing on. */
export const resultsFrozen = (phase: Phase): boolean => phase === 'closed' || phase === 'published';

/** Paper ballots may be entered while the process prepares for or holds the vote. */
export const paperBallotsAllowed = (phase: Phase): boolean => phase === 'reviewing' || phase === 'voting';

/** Voting codes may be made until voting closes. */
export const codesAllowed = (phase: Phase): boolean => !resultsFrozen(phase);

// ------------------------------------------------------------------------------ proposals

export const PROPOSAL_STATUSES = ['submitted', 'published', 'rejected', 'committee', 'answered'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Statuses the public sees. */
export const PUBLIC_PROPOSAL_STATUSES: readonly ProposalStatus[] = ['published', 'committee', 'answered'];

export type ProposalAction = 'publish' | 'reject' | 'reach_threshold' | 'answer';

const PROPOSAL_NEXT: Readonly<Record<ProposalStatus, Partial<Record<ProposalAction, ProposalStatus>>>> = {
  submitted: { publish: 'published', reject: 'rejected' },
  published: { reach_threshold: 'committee', answer: 'answered' },
  committee: { answer: 'answered' },
  answered: { answer: 'answered' },
  rejected: {},
};

/** The status after `action`, or null when the action is not allowed in `status`. */
export function proposalTransition(status: ProposalStatus, action: ProposalAction): ProposalStatus | null {
  return PROPOSAL_NEXT[status][action] ?? null;
}

/**
 * Whether a proposal collects support on `today` (Stockholm date): it is published and the support
 * period (up to and including `supportUntil`) has not ended.
 */
export function supportRefusal(
  status: ProposalStatus,
  supportUntil: string | null,
  today: string,
): { code: 'support_closed' } | { code: 'support_period_ended'; params: { until: string } } | null {
  if (status !== 'published') return { code: 'support_closed' };
  if (supportUntil !== null && today > supportUntil)
    return { code: 'support_period_ended', params: { until: supportUntil } };
  return null;
}
