// Greedy counting by approval count.
//
// Rule (the one most cities use):
//   1. Rank the projects by number of approvals, most first. Ties are broken by project id compared
//      as strings, code point by code point (compareIds): the smaller id comes first. So "10" comes
//      before "9", and "P0012" before "P0013".
//   2. Walk down the ranking. Fund a project if its cost fits in what is left of the budget;
//      otherwise skip it and go on with the next (a cheaper project further down may still fit).
//   3. A project nobody approved is never funded, even when money is left.
// This equals pabutools' greedy_utilitarian_welfare with cost satisfaction (satisfaction per cost is
// then the approval count), except that pabutools would also fund projects with no approvals.

import type { ApprovalElection, IndexedElection, Outcome } from './election.ts';
import { indexElection, outcomeOf } from './election.ts';

/** Project indices in greedy ranking order: approvals descending, then id (compareIds). */
export function greedyRanking(ix: IndexedElection): number[] {
  const ks = ix.ids.map((_, k) => k);
  return ks.sort((a, b) => {
    const d = (ix.supporters[b]?.length ?? 0) - (ix.supporters[a]?.length ?? 0);
    return d !== 0 ? d : (ix.tieRank[a] ?? 0) - (ix.tieRank[b] ?? 0);
  });
}

/**
 * Greedy on an indexed election, starting from `already` (selected in that order, e.g. by the Method
 * of Equal Shares). Returns the full selection order (already first).
 */
export function greedyComplete(ix: IndexedElection, already: readonly number[]): number[] {
  const order = [...already];
  const chosen = new Set(already);
  let left = ix.budget;
  for (const k of already) left -= ix.costs[k] ?? 0n;
  for (const k of greedyRanking(ix)) {
    if (chosen.has(k)) continue;
    if ((ix.supporters[k]?.length ?? 0) === 0) continue;
    const cost = ix.costs[k] ?? 0n;
    if (cost <= left) {
      order.push(k);
      chosen.add(k);
      left -= cost;
    }
  }
  return order;
}

export function greedy(e: ApprovalElection): Outcome {
  const ix = indexElection(e);
  return outcomeOf(ix, greedyComplete(ix, []));
}
