// The counting input shared by the rules: an approval election.
//
// A ballot is the set of projects one voter approves. An empty ballot is allowed: that voter takes
// part (under the Method of Equal Shares they still hold their equal share of the budget, which then
// simply goes unused) but supports nothing. Money is whole currency units as bigint.

export interface PbProject {
  readonly id: string;
  /** Whole currency units (kronor), ≥ 0. */
  readonly cost: bigint;
}

export interface ApprovalElection {
  /** Whole currency units, ≥ 0. */
  readonly budget: bigint;
  readonly projects: readonly PbProject[];
  /** One entry per voter: the ids of the projects that voter approves. */
  readonly ballots: readonly (readonly string[])[];
  /** Money units per currency unit (10^decimals for amounts read with decimals); 1 when absent. */
  readonly unit?: bigint;
}

/** The result of a counting rule. */
export interface Outcome {
  /** Project ids in the order the rule selected them. */
  readonly order: string[];
  /** The same ids sorted with compareIds. */
  readonly winners: string[];
  /** Sum of the winners' costs. */
  readonly totalCost: bigint;
}

export class ElectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ElectionError';
  }
}

/**
 * The tie-break order of project ids: compared as strings, character by character by Unicode code
 * point ("10" < "9", "P0012" < "P0013", "B" < "a"). The smaller id wins a tie. This is the order
 * pabutools' lexicographic tie-breaking and the equalshares.net tool use.
 */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.codePointAt(i) ?? 0;
    const cb = b.codePointAt(j) ?? 0;
    if (ca !== cb) return ca < cb ? -1 : 1;
    i += ca > 0xffff ? 2 : 1;
    j += cb > 0xffff ? 2 : 1;
  }
  const ra = a.length - i;
  const rb = b.length - j;
  return ra === rb ? 0 : ra < rb ? -1 : 1;
}

export function sortIds(ids: Iterable<string>): string[] {
  return [...ids].sort(compareIds);
}

/** An election in index form, checked, for the rules. */
export interface IndexedElection {
  readonly budget: bigint;
  /** Money units per currency unit (Add1 raises every voter's money by one currency unit). */
  readonly unit: bigint;
  readonly voterCount: number;
  readonly ids: readonly string[];
  readonly costs: readonly bigint[];
  /** For each project index: the indices of the voters approving it (ascending). */
  readonly supporters: readonly Int32Array[];
  /** Project indices sorted by id (compareIds): tieRank[p] is p's place in that order. */
  readonly tieRank: readonly number[];
}

/** Check an election and put it in index form. Throws ElectionError naming the problem. */
export function indexElection(e: ApprovalElection): IndexedElection {
  if (e.budget < 0n) throw new ElectionError(`the budget is negative (${e.budget})`);
  const index = new Map<string, number>();
  e.projects.forEach((p, k) => {
    if (index.has(p.id)) throw new ElectionError(`project "${p.id}" is listed twice`);
    if (p.cost < 0n) throw new ElectionError(`project "${p.id}" has a negative cost (${p.cost})`);
    index.set(p.id, k);
  });
  const lists: number[][] = e.projects.map(() => []);
  e.ballots.forEach((ballot, v) => {
    const seen = new Set<number>();
    for (const id of ballot) {
      const k = index.get(id);
      if (k === undefined) throw new ElectionError(`ballot ${v + 1} approves unknown project "${id}"`);
      if (seen.has(k)) throw new ElectionError(`ballot ${v + 1} approves project "${id}" twice`);
      seen.add(k);
      lists[k]?.push(v);
    }
  });
  const byId = e.projects.map((_, k) => k).sort((a, b) => compareIds(e.projects[a]?.id ?? '', e.projects[b]?.id ?? ''));
  const tieRank: number[] = new Array<number>(e.projects.length).fill(0);
  byId.forEach((k, r) => {
    tieRank[k] = r;
  });
  return {
    budget: e.budget,
    unit: e.unit ?? 1n,
    voterCount: e.ballots.length,
    ids: e.projects.map((p) => p.id),
    costs: e.projects.map((p) => p.cost),
    supporters: lists.map((l) => Int32Array.from(l)),
    tieRank,
  };
}

/** Build an Outcome from project indices in selection order. */
export function outcomeOf(ix: IndexedElection, order: readonly number[]): Outcome {
  let total = 0n;
  for (const k of order) total += ix.costs[k] ?? 0n;
  const ids = order.map((k) => ix.ids[k] ?? '');
  return { order: ids, winners: sortIds(ids), totalCost: total };
}

/** Approval counts by project id. */
export function approvalCounts(e: ApprovalElection): Map<string, number> {
  const ix = indexElection(e);
  return new Map(ix.ids.map((id, k) => [id, ix.supporters[k]?.length ?? 0]));
}
