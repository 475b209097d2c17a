/**
 * The report workflow as a state machine: utkast (draft) → klar (ready) → godkänd (approved).
 * An approved report is locked; a new version reopens it as a draft (the approved version is kept).
 * Written sections go utkast ⇄ klar on their own; a report can be marked ready only when every
 * written section is ready.
 */
import { can, type Actor, type Id, type AccountRole } from '../access.ts';

export const REPORT_STATES = ['utkast', 'klar', 'godkand'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const SECTION_STATES = ['utkast', 'klar'] as const;
export type SectionState = (typeof SECTION_STATES)[number];

export const REPORT_ACTIONS = ['submit', 'return', 'approve', 'new_version'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

/** Roles that may be named the approver of a committee's reports. */
export const APPROVER_ROLES = ['analyst', 'district_editor', 'admin'] as const satisfies readonly AccountRole[];
export type ApproverRole = (typeof APPROVER_ROLES)[number];
export const DEFAULT_APPROVER_ROLE: ApproverRole = 'analyst';

const TRANSITIONS: Readonly<Record<ReportAction, { from: ReportState; to: ReportState }>> = {
  submit: { from: 'utkast', to: 'klar' },
  return: { from: 'klar', to: 'utkast' },
  approve: { from: 'klar', to: 'godkand' },
  new_version: { from: 'godkand', to: 'utkast' },
};

/** Why a step is refused, as a code with parameters (the web app words it). */
export type Refusal =
  | { code: 'wrong_state'; state: ReportState; action: ReportAction }
  | { code: 'sections_not_ready'; sections: string[] }
  | { code: 'locked' }
  | { code: 'city_approved'; period: string }
  | { code: 'not_allowed'; permission: 'reports:write' | 'reports:approve'; approverRole?: ApproverRole };

export type Decision<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

/** The state after an action, or why it cannot be taken. */
export function transition(
  state: ReportState,
  action: ReportAction,
  sections: readonly { key: string; kind: 'generated' | 'written'; state: SectionState }[],
): Decision<ReportState> {
  const t = TRANSITIONS[action];
  if (t.from !== state) return { ok: false, refusal: { code: 'wrong_state', state, action } };
  if (action === 'submit') {
    const open = sections.filter((s) => s.kind === 'written' && s.state !== 'klar').map((s) => s.key);
    if (open.length) return { ok: false, refusal: { code: 'sections_not_ready', sections: open } };
  }
  return { ok: true, value: t.to };
}

/** Texts, assessments, assignments and section states change only in a draft. */
export function editable(state: ReportState): Decision<true> {
  if (state === 'godkand') return { ok: false, refusal: { code: 'locked' } };
  if (state === 'klar') return { ok: false, refusal: { code: 'wrong_state', state, action: 'return' } };
  return { ok: true, value: true };
}

/** Comments may be added until the report is approved. */
export function commentable(state: ReportState): Decision<true> {
  return state === 'godkand' ? { ok: false, refusal: { code: 'locked' } } : { ok: true, value: true };
}

export interface ReportResource {
  committeeId: Id;
  approverRole: ApproverRole;
}

/** Whether the actor may write in the committee's report (its staff, analysts, administrators), or is the section's reporter. */
export function mayWrite(actor: Actor | null | undefined, r: ReportResource, isAssignee = false): boolean {
  return isAssignee || can(actor, 'reports:write', { committeeId: r.committeeId });
}

/**
 * Whether the actor may approve: administrators always; otherwise the committee's approver role,
 * holding `reports:approve` for the committee (a district editor only for their own committee).
 */
export function mayApprove(actor: Actor | null | undefined, r: ReportResource): boolean {
  if (!actor) return false;
  if (actor.role === 'admin') return true;
  return actor.role === r.approverRole && can(actor, 'reports:approve', { committeeId: r.committeeId });
}

/** May the actor take this action on the report (approve needs the approver; the rest writing rights)? */
export function mayAct(actor: Actor | null | undefined, r: ReportResource, action: ReportAction): boolean {
  if (action === 'approve' || action === 'new_version') return mayApprove(actor, r);
  return mayWrite(actor, r);
}

// ---------------------------------------------------------------------------------------- the city report

/**
 * Whether the actor may approve (fastställa) the city report: `reports:approve` city-wide (analysts,
 * administrators). A district editor holds it only for their own committee, and the city report is no
 * single committee's, so the check asks without a resource and fails closed for them.
 */
export function mayApproveCity(actor: Actor | null | undefined): boolean {
  return can(actor, 'reports:approve');
}

/**
 * A period's city report is approved once: an approved one is never approved again (nor reopened), so the
 * council's document cannot change after it is fastställd.
 */
export function cityApprovable(period: string, approved: boolean): Decision<true> {
  return approved ? { ok: false, refusal: { code: 'city_approved', period } } : { ok: true, value: true };
}
