/** Shapes of the participation API (see src/server/routes/participation/schema.ts). */
export interface Proposal {
  id: string;
  area: string;
  areaName: string | null;
  title: string;
  body: string;
  status: 'submitted' | 'published' | 'rejected' | 'committee' | 'answered';
  submittedOn: string;
  supportUntil: string | null;
  supportsNeeded: number | null;
  supports: number;
  committeeAnswer: string | null;
  committeeDecision: string | null;
  answeredOn: string | null;
  interventions?: string[];
}
export interface Dialogue {
  id: string;
  heldOn: string;
  place: string;
  area: string;
  areaName: string | null;
  goalAreaId: string | null;
  topic: string;
  participants: number;
  summary: string;
  fedInto: string;
}
export type Rule = 'greedy' | 'mes' | 'mes-complete';
export type Phase = 'ideas' | 'assessment' | 'voting' | 'results' | 'follow_up';
export interface Process {
  id: string;
  name: string;
  description: string;
  area: string;
  areaName: string | null;
  budget: string;
  rule: Rule;
  knapsack: boolean;
  maxChoices: number | null;
  phase: Phase;
}
export interface Project {
  id: string;
  title: string;
  description: string;
  cost: string;
  feasible: boolean | null;
  assessment: string;
  followUp: string;
}
export interface Results {
  process: Process;
  rule: Rule;
  budget: string;
  ballots: number;
  paperBallots: number;
  winners: string[];
  order: string[];
  totalCost: string;
  left: string;
  projects: { id: string; title: string; votes: number; cost: string; selected: boolean; rank: number | null }[];
}
export interface TakingPart {
  area: string;
  areaName: string | null;
  ballots: number;
  dialogueParticipants: number;
  proposals: number;
  supports: number;
  population: number | null;
  populationPeriod: string | null;
  needType: string | null;
  needScore: number | null;
}

export interface TakingPartByType {
  type: string;
  areas: number;
  population: number;
  ballots: number;
  dialogueParticipants: number;
  proposals: number;
  supports: number;
}

/** The division whose areas residents choose from. */
export const PROPOSAL_DIVISION = 'stadsdelsomrade-2023';

/** A random key this browser keeps, so one browser supports a proposal once (room for e-ID later). */
export function supporterKey(): string {
  const name = 'fardplan-supporter-key';
  let key = window.localStorage.getItem(name);
  if (!key) {
    const bytes = new Uint8Array(18);
    window.crypto.getRandomValues(bytes);
    key = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    window.localStorage.setItem(name, key);
  }
  return key;
}
