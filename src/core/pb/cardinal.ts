// Counting cumulative and ordinal ballots: elections with cardinal utilities, in exact arithmetic.
//
// Utilities (docs/participation.md defines them):
//   cumulative: a voter's utility for a project is the points they gave it (pabutools'
//               Additive_Cardinal_Sat on cumulative ballots);
//   ordinal:    Borda scores as pabutools' Additive_Borda_Sat counts them: a voter who ranks k projects
//               gives the first k − 1, the second k − 2, …, the last 0; unranked projects 0 (so the last
//               ranked project, and the only project of a one-project ranking, get no utility);
//   approval:   1 for every approved project (so the greedy rule below is the approval greedy).
// Only positive utilities are kept: a voter with utility 0 for a project does not support it.
// Rules:
//   greedy:       rank by total utility (sum over voters), most first, ties by project id
//                 (compareIds); fund each in turn if it fits in what is left (skip otherwise);
//                 projects with total utility 0 are never funded. This is the cumulative analogue of the
//                 approval greedy (by votes, pabutools' greedy with Cost_Sat). pabutools'
//                 greedy_utilitarian_welfare ranks by total satisfaction per cost instead, so with
//                 Additive_Cardinal_Sat it ranks by points per cost: a deliberate difference.
//   mes:          the Method of Equal Shares with these utilities (Peters, Pierczyński & Skowron 2021;
//                 pabutools' method_of_equal_shares with an additive cardinal satisfaction): every voter
//                 starts with budget / voters; projects costing 0 that someone gives utility are selected
//                 first (by id), as pabutools does; a project c is affordable at price ρ when its
//                 supporters can pay Σ min(money_i, ρ·u_i(c)) = cost(c); each round picks the smallest ρ
//                 (ties by id) and charges min(money_i, ρ·u_i(c)); until nothing is affordable.
//   mes-complete: MES with Add1 (raise every voter's starting money by one currency unit while the
//                 outcome is not exhaustive and its cost stays within the budget, pabutools'
//                 voter_budget_increment = 1), then greedy.

import type { Outcome, PbProject } from './election.ts';
import { ElectionError, compareIds, sortIds } from './election.ts';
import type { PbFile } from './pabulib.ts';
import { Rational } from './rational.ts';

export interface CardinalElection {
  readonly budget: bigint;
  /** Money units per currency unit (1 for whole amounts). */
  readonly unit: bigint;
  readonly projects: readonly PbProject[];
  /** One map per voter: project id → utility (> 0). */
  readonly ballots: readonly ReadonlyMap<string, bigint>[];
}

/** The election of a parsed file with the utilities its vote type defines (see the file comment). */
export function toCardinalElection(file: PbFile): CardinalElection {
  const ballots = file.votes.map((v) => {
    const m = new Map<string, bigint>();
    v.vote.forEach((id, i) => {
      const u =
        file.voteType === 'cumulative'
          ? (v.points?.[i] ?? 0n)
          : file.voteType === 'ordinal'
            ? BigInt(v.vote.length - i - 1)
            : 1n;
      if (u > 0n) m.set(id, u);
    });
    return m;
  });
  return {
    budget: file.budget,
    unit: 10n ** BigInt(file.decimals),
    projects: file.projects.map((p) => ({ id: p.id, cost: p.cost })),
    ballots,
  };
}

interface Indexed {
  readonly ids: string[];
  readonly costs: bigint[];
  /** Per project: [voter, utility] of its supporters. */
  readonly supporters: { voter: number; u: bigint }[][];
  readonly total: bigint[];
}

function indexCardinal(e: CardinalElection): Indexed {
  const index = new Map<string, number>();
  e.projects.forEach((p, k) => {
    if (index.has(p.id)) throw new ElectionError(`project "${p.id}" is listed twice`);
    index.set(p.id, k);
  });
  const supporters: { voter: number; u: bigint }[][] = e.projects.map(() => []);
  e.ballots.forEach((b, v) => {
    for (const [id, u] of b) {
      const k = index.get(id);
      if (k === undefined) throw new ElectionError(`ballot ${v + 1} names unknown project "${id}"`);
      supporters[k]?.push({ voter: v, u });
    }
  });
  return {
    ids: e.projects.map((p) => p.id),
    costs: e.projects.map((p) => p.cost),
    supporters,
    total: supporters.map((s) => s.reduce((a, x) => a + x.u, 0n)),
  };
}

const byId =
  (ix: Indexed) =>
  (a: number, b: number): number =>
    compareIds(ix.ids[a] ?? '', ix.ids[b] ?? '');

function greedyFrom(ix: Indexed, budget: bigint, already: readonly number[]): number[] {
  const order = [...already];
  let left = budget - already.reduce((a, k) => a + (ix.costs[k] ?? 0n), 0n);
  const ranking = ix.ids
    .map((_, k) => k)
    .sort((a, b) => {
      const d = (ix.total[b] ?? 0n) - (ix.total[a] ?? 0n);
      return d > 0n ? 1 : d < 0n ? -1 : byId(ix)(a, b);
    });
  for (const k of ranking) {
    if (order.includes(k) || (ix.total[k] ?? 0n) === 0n) continue;
    const cost = ix.costs[k] ?? 0n;
    if (cost <= left) {
      order.push(k);
      left -= cost;
    }
  }
  return order;
}

/** The smallest ρ with Σ min(money_i, ρ·u_i) = cost, or null when the supporters cannot pay cost. */
function priceOf(sup: readonly { voter: number; u: bigint }[], money: Rational[], cost: bigint): Rational | null {
  const sorted = sup
    .map((s) => ({ ...s, limit: (money[s.voter] ?? Rational.ZERO).divInt(s.u) }))
    .sort((a, b) => a.limit.compare(b.limit));
  let paid = Rational.ZERO;
  let remU = sorted.reduce((a, s) => a + s.u, 0n);
  const target = Rational.int(cost);
  for (const s of sorted) {
    // everyone from s on pays ρ·u: ρ = (cost − paid) / remU, valid when ρ ≤ s.limit
    const rho = target.sub(paid).divInt(remU);
    if (rho.le(s.limit)) return rho;
    paid = paid.add(money[s.voter] ?? Rational.ZERO);
    remU -= s.u;
  }
  return null;
}

function mesRun(ix: Indexed, voters: number, perVoter: Rational): { order: number[]; cost: bigint } {
  const money = Array.from({ length: voters }, () => perVoter);
  // Free projects someone gives utility are selected before the rounds (pabutools does the same).
  const order = ix.ids
    .map((_, k) => k)
    .filter((k) => (ix.costs[k] ?? 0n) === 0n && (ix.total[k] ?? 0n) > 0n)
    .sort(byId(ix));
  let cost = 0n;
  let active = ix.ids.map((_, k) => k).filter((k) => (ix.costs[k] ?? 0n) > 0n && (ix.total[k] ?? 0n) > 0n);
  for (;;) {
    let best = -1;
    let bestRho: Rational | null = null;
    const still: number[] = [];
    for (const k of active) {
      const rho = priceOf(ix.supporters[k] ?? [], money, ix.costs[k] ?? 0n);
      if (!rho) continue;
      still.push(k);
      const c = bestRho ? rho.compare(bestRho) : -1;
      if (c < 0 || (c === 0 && byId(ix)(k, best) < 0)) {
        best = k;
        bestRho = rho;
      }
    }
    if (best < 0 || !bestRho) return { order, cost };
    for (const s of ix.supporters[best] ?? []) {
      const m = money[s.voter] ?? Rational.ZERO;
      const pay = bestRho.mulInt(s.u);
      money[s.voter] = pay.lt(m) ? m.sub(pay) : Rational.ZERO;
    }
    order.push(best);
    cost += ix.costs[best] ?? 0n;
    active = still.filter((k) => k !== best);
  }
}

function outcome(ix: Indexed, order: readonly number[]): Outcome {
  const ids = order.map((k) => ix.ids[k] ?? '');
  return { order: ids, winners: sortIds(ids), totalCost: order.reduce((a, k) => a + (ix.costs[k] ?? 0n), 0n) };
}

export function greedyCardinal(e: CardinalElection): Outcome {
  const ix = indexCardinal(e);
  return outcome(ix, greedyFrom(ix, e.budget, []));
}

function share(e: CardinalElection): Rational {
  return e.ballots.length === 0 ? Rational.ZERO : Rational.of(e.budget, BigInt(e.ballots.length));
}

export function mesCardinal(e: CardinalElection): Outcome {
  const ix = indexCardinal(e);
  return outcome(ix, mesRun(ix, e.ballots.length, share(e)).order);
}

function exhaustive(ix: Indexed, budget: bigint, order: readonly number[], spent: bigint): boolean {
  return ix.ids.every(
    (_, k) =>
      order.includes(k) ||
      (ix.costs[k] ?? 0n) === 0n ||
      (ix.total[k] ?? 0n) === 0n ||
      spent + (ix.costs[k] ?? 0n) > budget,
  );
}

export function mesCompleteCardinal(e: CardinalElection): Outcome {
  const ix = indexCardinal(e);
  const n = e.ballots.length;
  const b0 = share(e);
  let run = mesRun(ix, n, b0);
  for (let step = 1n; n > 0 && !exhaustive(ix, e.budget, run.order, run.cost); step++) {
    const next = mesRun(ix, n, b0.add(Rational.int(step * e.unit)));
    if (next.cost > e.budget) break;
    run = next;
  }
  return outcome(ix, greedyFrom(ix, e.budget, run.order));
}
