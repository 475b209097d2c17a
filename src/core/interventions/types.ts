// The intervention (insats) register: types shared by validation, budget views, importers,
// repositories and the API. Money is whole kronor (bigint); see ../money.ts.

import type { z } from 'zod';
import type { Kronor } from '../money.ts';
import type { followUpSchema, outputFigureSchema } from '../contracts/interventions.ts';

export const INTERVENTION_STATUSES = ['planned', 'decided', 'running', 'finished', 'stopped'] as const;
export type InterventionStatus = (typeof INTERVENTION_STATUSES)[number];

/** Swedish names of the statuses (also accepted on import). */
export const STATUS_SV: Readonly<Record<InterventionStatus, string>> = {
  planned: 'planerad',
  decided: 'beslutad',
  running: 'pågående',
  finished: 'avslutad',
  stopped: 'stoppad',
};

export function isInterventionStatus(s: string): s is InterventionStatus {
  return (INTERVENTION_STATUSES as readonly string[]).includes(s);
}

/** Read a status written in English or Swedish, any case; null if unknown. */
export function parseStatus(text: string): InterventionStatus | null {
  const t = text.trim().toLowerCase();
  if (isInterventionStatus(t)) return t;
  for (const s of INTERVENTION_STATUSES) if (STATUS_SV[s] === t) return s;
  if (t === 'pagaende') return 'running';
  return null;
}

/**
 * Area codes are written `division:code` (e.g. `stadsdelsomrade-2023:0180D-jarva`, as the access
 * control's area keys). CITY_WIDE means "the whole city" (money not tied to any one area).
 */
export const CITY_WIDE = 'city';

/** The kinds of money on a budget line. */
export const BUDGET_MEASURES = ['planned', 'decided', 'spent'] as const;
export type BudgetMeasure = (typeof BUDGET_MEASURES)[number];

/**
 * Money for one intervention in one year, optionally for one of its areas. A line without an
 * area is for the intervention as a whole. Any of the three amounts may be unknown (null).
 */
export interface BudgetLine {
  year: number;
  /** One of the intervention's area codes, or null for the intervention as a whole. */
  area: string | null;
  planned: Kronor | null;
  decided: Kronor | null;
  spent: Kronor | null;
}

/** A measured output reported in a follow-up (e.g. "participants", 120): the contract's. */
export type OutputFigure = z.infer<typeof outputFigureSchema>;

/** A follow-up entry for a period, e.g. "2024-T1" (tertial), "2024-H1", "2024": the contract's. */
export type FollowUpEntry = z.infer<typeof followUpSchema>;

export interface Intervention {
  /** Stable identifier, lower-case letters, digits and hyphens. */
  id: string;
  name: string;
  description: string;
  /** Responsible committee (nämnd), e.g. "Socialnämnden", "Järva stadsdelsnämnd". */
  committee: string;
  /** Funding source, e.g. "Trygghetsfonden", "Sociala investeringsfonden", "Ordinarie budget". */
  fundingSource: string;
  /** Target area codes (any division), or [CITY_WIDE]. */
  areas: string[];
  /** Linked goal area ids. */
  goalAreas: string[];
  /** Linked strategy ids. */
  strategies: string[];
  /** Linked target ids. */
  targets: string[];
  /** ISO dates (YYYY-MM-DD) or null when unknown. */
  startDate: string | null;
  endDate: string | null;
  status: InterventionStatus;
  budget: BudgetLine[];
  followUps: FollowUpEntry[];
  /** Where the intervention comes from: a source document, its section and the quoted passage. */
  citation?: { document: string; section: string; quote?: string | null } | null;
  /** The responsible committee's id when it is a known committee (null: "ansvar saknas"). */
  committeeId?: string | null;
  /** Named area groups the intervention was given (its areas are the groups' member areas). */
  groups?: string[];
  /** The member areas of those groups as stored (so an export can name the group instead). */
  groupMembers?: string[];
}

/** A reference the register can point at: an area, goal area, strategy or target. */
export interface KnownRef {
  /** The identifier stored on interventions. */
  code: string;
  /** A display name; accepted on import as an alternative to the code (any case). */
  name?: string;
}

/** What the register may refer to; passed in so that validation stays pure. */
export interface KnownRefs {
  areas: readonly KnownRef[];
  goalAreas: readonly KnownRef[];
  /** When omitted, strategy ids are not checked. */
  strategies?: readonly KnownRef[];
  /** When omitted, target ids are not checked. */
  targets?: readonly KnownRef[];
  /** Named area groups: `group:<id>`, the name or an alias in the areas column stands for the members. */
  groups?: readonly { id: string; name: string; aliases?: readonly string[]; members: readonly string[] }[];
}
