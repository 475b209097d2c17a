// The Method of Equal Shares (MES) with cost utilities, in exact rational arithmetic, and its
// completion "Add1 then greedy".
//
// Plain MES (per-voter budget b; normally b = budget / number of voters, empty ballots included):
//   Every voter starts with b. In each round, for every project c not yet chosen whose supporters
//   together still hold at least cost(c), find the smallest amount ρ(c) such that, if every
//   supporter pays min(their money, ρ(c)), the payments add up to exactly cost(c). With cost
//   utilities a supporter's gain from c is cost(c), so the price per unit of gain is
//   q(c) = ρ(c) / cost(c). Choose the project with the smallest q; ties go to the smaller project id
//   (compareIds). Its supporters pay min(money, ρ). Repeat until no project is affordable.
//   Projects costing 0 give nobody any gain under cost utilities and are left to the completion;
//   projects nobody approves are never chosen.
//
// Add1 completion (as pabutools' voter_budget_increment = 1, exhaustive stop):
//   Run MES with b0 = budget / voters. While the outcome is not exhaustive (some project that
//   somebody approves and that costs more than 0 is not chosen and still fits in the real budget),
//   rerun MES with every voter's starting money one currency unit higher: b0 + 1, b0 + 2, ...
//   Stop at the first outcome that is exhaustive (keep it) or whose cost exceeds the real budget
//   (keep the previous outcome).
//   Option start = 'integral' follows the equalshares.net tool's "integral" add1 option instead:
//   the first run is at floor(b0) and the steps are floor(b0) + 1, floor(b0) + 2, ...
// Then greedy completion: the remaining money goes to the remaining projects in greedy order
//   (approvals descending, ties by id), skipping those that do not fit (greedy.ts).
//
// mesFixed (one run at a fixed starting money) is in mes-fixed.ts.

import type { ApprovalElection, IndexedElection, Outcome } from './election.ts';
import { indexElection, outcomeOf } from './election.ts';
import { greedyComplete } from './greedy.ts';
import { Rational } from './rational.ts';
import type { MesRun } from './mes-fixed.ts';
import { mesFixed } from './mes-fixed.ts';

export type { MesRound, MesRun } from './mes-fixed.ts';
export { mesFixed } from './mes-fixed.ts';

/** Starting money per voter for plain MES: budget / voters (exact). */
export function equalShare(ix: IndexedElection): Rational {
  return ix.voterCount === 0 ? Rational.ZERO : Rational.of(ix.budget, BigInt(ix.voterCount));
}

/** Plain MES outcome (no completion). */
export function mes(e: ApprovalElection): Outcome {
  const ix = indexElection(e);
  return outcomeOf(ix, mesFixed(ix, equalShare(ix)).order);
}

export interface Add1Options {
  /** 'exact' (default, pabutools): b0 + k. 'integral' (equalshares.net option): floor(b0) + k after the first run. */
  readonly start?: 'exact' | 'integral';
}

export interface Add1Result {
  readonly run: MesRun;
  /** How many budget raises were tried (runs after the first). */
  readonly steps: number;
}

/**
 * Whether no project that somebody approves and that costs more than 0 could still be added within
 * the real budget.
 */
export function isExhaustive(ix: IndexedElection, chosen: readonly number[], spent: bigint): boolean {
  const inSet = new Set(chosen);
  for (let k = 0; k < ix.ids.length; k++) {
    if (inSet.has(k)) continue;
    const cost = ix.costs[k] ?? 0n;
    if (cost > 0n && (ix.supporters[k]?.length ?? 0) > 0 && spent + cost <= ix.budget) return false;
  }
  return true;
}

/**
 * MES with Add1: raise every voter's starting money by one unit at a time (see the file comment).
 *
 * Not every raise is run from scratch: after steps that left the outcome unchanged, runs at steps
 * k+2, k+4, k+8, ... are made in check mode (mesFixed with the run at step k as guide) for as long
 * as they prove that the whole stretch of steps gives the same outcome — which is then equally
 * feasible and not exhaustive, so the stretch can be skipped. Otherwise the next step is run
 * plainly. A failed gallop costs a run, so after each failure the next gallop waits for one more
 * unchanged step (back to one after a gallop that succeeded). The result is the same as running
 * every step (tests compare with mesAdd1Plain).
 */
export function mesAdd1(ix: IndexedElection, options: Add1Options = {}): Add1Result {
  const b0 = equalShare(ix);
  const base = options.start === 'integral' ? Rational.int((b0.floor() / ix.unit) * ix.unit) : b0;
  let run = mesFixed(ix, base);
  if (ix.voterCount === 0) return { run, steps: 0 };
  const at = (step: number): Rational => base.add(Rational.int(BigInt(step) * ix.unit));
  let step = 0;
  let stable = 0; // how many plain steps in a row left the outcome unchanged
  let patience = 1; // how many such steps a gallop waits for: one more after each gallop that failed
  for (;;) {
    if (isExhaustive(ix, run.order, run.totalCost)) return { run, steps: step };
    if (stable >= patience) {
      // gallop over steps with a provably unchanged outcome: check [step, step + d], d = 2, 4, ...
      let reach = 0;
      let reachRun: MesRun | null = null;
      for (let d = 2; ; d *= 2) {
        const checked = mesFixed(ix, at(step + d), run);
        if (!checked) break;
        reach = d;
        reachRun = checked;
      }
      if (reachRun) {
        step += reach;
        run = reachRun;
        patience = 1;
        continue;
      }
      patience++;
    }
    step++;
    const next = mesFixed(ix, at(step));
    if (next.totalCost > ix.budget) return { run, steps: step };
    stable = sameOrder(next.order, run.order) ? stable + 1 : 0;
    run = next;
  }
}

function sameOrder(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Add1 exactly as described, one full run per step: slow; for cross-checking mesAdd1. */
export function mesAdd1Plain(ix: IndexedElection, options: Add1Options = {}): Add1Result {
  const b0 = equalShare(ix);
  const base = options.start === 'integral' ? Rational.int((b0.floor() / ix.unit) * ix.unit) : b0;
  let run = mesFixed(ix, base);
  if (ix.voterCount === 0) return { run, steps: 0 };
  for (let step = 1; ; step++) {
    if (isExhaustive(ix, run.order, run.totalCost)) return { run, steps: step - 1 };
    const next = mesFixed(ix, base.add(Rational.int(BigInt(step) * ix.unit)));
    if (next.totalCost > ix.budget) return { run, steps: step };
    run = next;
  }
}

/** MES, Add1, then greedy: the outcome of `--rule mes-complete`. */
export function mesComplete(e: ApprovalElection, options: Add1Options = {}): Outcome {
  const ix = indexElection(e);
  const { run } = mesAdd1(ix, options);
  return outcomeOf(ix, greedyComplete(ix, run.order));
}

/** MES then greedy (no budget raising). */
export function mesThenGreedy(e: ApprovalElection): Outcome {
  const ix = indexElection(e);
  return outcomeOf(ix, greedyComplete(ix, mesFixed(ix, equalShare(ix)).order));
}

/** MES with Add1 but without the final greedy step. */
export function mesAdd1Outcome(e: ApprovalElection, options: Add1Options = {}): Outcome {
  const ix = indexElection(e);
  return outcomeOf(ix, mesAdd1(ix, options).run.order);
}
