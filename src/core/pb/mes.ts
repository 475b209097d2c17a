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
// Speed: voters are never handled one by one in the rounds. Voters who hold the same amount of money
// behave identically from then on, so they are kept in classes keyed by their (exact) money; a
// project's supporters are counted per class and the price ρ is found over the classes sorted by
// money. Prices only rise from round to round (money only falls), so a project whose last known q
// is already worse than the best q of the round is not re-evaluated (the equalshares.net trick).

import type { ApprovalElection, IndexedElection, Outcome } from './election.ts';
import { indexElection, outcomeOf } from './election.ts';
import { greedyComplete } from './greedy.ts';
import { Rational, smallGcd } from './rational.ts';
import { ratioToNumber, screenRound } from './mes-screen.ts';

/** One round of MES: the chosen project and what each supporter was asked to pay. */
export interface MesRound {
  readonly project: number;
  /** The per-supporter price ρ: each supporter paid min(their money, ρ). */
  readonly rho: Rational;
  /** ρ / cost: the price per unit of gain (lower is better). */
  readonly q: Rational;
}

export interface MesRun {
  readonly perVoter: Rational;
  readonly rounds: MesRound[];
  readonly order: number[];
  readonly totalCost: bigint;
}

/**
 * MES with a given starting money per voter. Pure; exact.
 *
 * With `guide` (a run of the same election at a starting money g ≤ perVoter) this is a check
 * rather than a plain run: it returns the run at perVoter if it can prove that EVERY starting money
 * between g and perVoter gives the same selection as the guide, and null when it cannot. The proof:
 * as long as the same projects are chosen in the same order, raising the starting money never lowers
 * anyone's money in any round (the price ρ of a project can only fall when its supporters hold more,
 * and what is left, max(0, money − ρ), can only rise), so every price q only falls and every
 * project stays affordable once it is. Hence if in each round every rival's q at perVoter is still
 * above the guide's chosen q at g (or equal, with the chosen project winning the id tie-break), and
 * nothing is affordable at perVoter after the guide's last round, the choice is the same at every
 * money in between. (A rival's q is bounded below by its last computed q, which only rises.)
 *
 * Representation: all money is held as integers over one common denominator L (money of class c
 * = A[c] / L). Paying a price ρ = r / (L·s) multiplies L by s (after removing common factors of r
 * and s), so no gcd of big numbers is needed in the rounds; comparisons are integer comparisons.
 */
export function mesFixed(ix: IndexedElection, perVoter: Rational, guide?: MesRun): MesRun;
export function mesFixed(ix: IndexedElection, perVoter: Rational, guide: MesRun | undefined): MesRun | null;
export function mesFixed(ix: IndexedElection, perVoter: Rational, guide?: MesRun): MesRun | null {
  const n = ix.voterCount;
  const P = ix.ids.length;
  const rounds: MesRound[] = [];
  const order: number[] = [];
  if (n === 0) return guide && guide.rounds.length > 0 ? null : { perVoter, rounds, order, totalCost: 0n };

  // Voter classes by money. voterClass[v] is the class of voter v; money of class c is A[c] / L.
  const voterClass = new Int32Array(n);
  let L = perVoter.den;
  const A: bigint[] = [perVoter.num];
  const classSize: number[] = [n];
  let byMoney: number[] = [0]; // non-empty classes, ascending money
  // The same money as doubles, for the screen (mes-screen.ts); off when a value leaves the doubles.
  const F: number[] = [ratioToNumber(perVoter.num, L)];
  let screening = !guide && Number.isFinite(F[0]);

  // q values as unreduced fractions qn/qd; lastQ[k] is a lower bound of k's current q.
  const lastQn: bigint[] = new Array<bigint>(P).fill(0n);
  const lastQd: bigint[] = new Array<bigint>(P).fill(1n);
  const qLess = (an: bigint, ad: bigint, bn: bigint, bd: bigint) => an * bd < bn * ad;
  let active: number[] = [];
  for (let k = 0; k < P; k++) {
    const cost = ix.costs[k] ?? 0n;
    const count = ix.supporters[k]?.length ?? 0;
    if (cost > 0n && count > 0) {
      active.push(k);
      lastQd[k] = BigInt(count); // the price if everyone could pay: cost/(count·cost)
      lastQn[k] = 1n;
    }
  }

  let counts = new Int32Array(16);
  let rank = new Int32Array(16);
  let totalCost = 0n;
  const touched: number[] = [];
  while (active.length > 0) {
    active.sort((a, b) => {
      const an = lastQn[a] as bigint;
      const ad = lastQd[a] as bigint;
      const bn = lastQn[b] as bigint;
      const bd = lastQd[b] as bigint;
      return qLess(an, ad, bn, bd) ? -1 : qLess(bn, bd, an, ad) ? 1 : (ix.tieRank[a] ?? 0) - (ix.tieRank[b] ?? 0);
    });
    if (counts.length < A.length) {
      counts = new Int32Array(A.length * 2);
      rank = new Int32Array(A.length * 2);
    }
    byMoney.forEach((c, r) => {
      rank[c] = r;
    });
    let best = -1;
    let bestRest = 0n; // ρ of best = bestRest / (L · bestRem)
    let bestRem = 1n;
    const unaffordable = new Set<number>();
    const g = guide ? guide.rounds[rounds.length] : undefined;
    const gn = g ? g.q.num : 0n;
    const gd = g ? g.q.den : 1n;
    const screen = screening
      ? screenRound(
          { active, supporters: ix.supporters, costs: ix.costs, voterClass, counts, rank, byMoney, money: F },
          unaffordable,
        )
      : null;
    for (const k of active) {
      if (screen && !screen.has(k)) continue;
      const kn = lastQn[k] as bigint;
      const kd = lastQd[k] as bigint;
      if (guide) {
        // check mode: compare with the guide's chosen q (at the lower money), not this run's best
        if (g && qLess(gn, gd, kn, kd)) break;
      } else if (best >= 0 && qLess(bestRest, L * bestRem * (ix.costs[best] ?? 1n), kn, kd)) break;
      // --- the price of k: scan its supporters class by class, poorest first
      const sup = ix.supporters[k] as Int32Array;
      const cost = ix.costs[k] ?? 0n;
      touched.length = 0;
      for (let s = 0; s < sup.length; s++) {
        const c = voterClass[sup[s] as number] as number;
        if (counts[c] === 0) touched.push(c);
        counts[c] = (counts[c] as number) + 1;
      }
      touched.sort((a, b) => (rank[a] as number) - (rank[b] as number));
      const costL = cost * L;
      let paid = 0n; // over L
      let remaining = BigInt(sup.length);
      let found = false;
      for (const c of touched) {
        // candidate ρ = (cost·L − paid) / (L·remaining); fine if ≤ A[c]/L
        if (costL - paid <= (A[c] as bigint) * remaining) {
          found = true;
          break;
        }
        const cnt = BigInt(counts[c] as number);
        paid += (A[c] as bigint) * cnt;
        remaining -= cnt;
      }
      for (const c of touched) counts[c] = 0;
      if (!found) {
        unaffordable.add(k);
        continue;
      }
      const rest = costL - paid;
      // q = ρ / cost = rest / (L · remaining · cost)
      const qd = L * remaining * cost;
      lastQn[k] = rest;
      lastQd[k] = qd;
      if (guide) {
        if (!g) return null; // something became affordable after the guide's last round
        if (k === g.project) {
          best = k;
          bestRest = rest;
          bestRem = remaining;
        } else if (
          qLess(rest, qd, gn, gd) ||
          (!qLess(gn, gd, rest, qd) && (ix.tieRank[k] ?? 0) < (ix.tieRank[g.project] ?? 0))
        ) {
          return null;
        }
        continue;
      }
      if (best < 0) {
        best = k;
        bestRest = rest;
        bestRem = remaining;
        continue;
      }
      const bd = L * bestRem * (ix.costs[best] ?? 1n);
      if (
        qLess(rest, qd, bestRest, bd) ||
        (!qLess(bestRest, bd, rest, qd) && (ix.tieRank[k] ?? 0) < (ix.tieRank[best] ?? 0))
      ) {
        best = k;
        bestRest = rest;
        bestRem = remaining;
      }
    }
    if (unaffordable.size > 0) active = active.filter((k) => !unaffordable.has(k));
    if (guide && g && best !== g.project) return null;
    if (best < 0) break;

    // --- charge the supporters of best. ρ = bestRest / (L·bestRem); reduce by the small factor first.
    const f = smallGcd(bestRest, bestRem);
    const s = bestRem / f;
    const r = bestRest / f; // ρ = r / (L·s)
    if (s !== 1n) {
      for (const c of byMoney) A[c] = (A[c] as bigint) * s;
      L *= s;
    }
    const bestCost = ix.costs[best] ?? 1n;
    rounds.push({ project: best, rho: Rational.of(r, L), q: Rational.of(r, L * bestCost) });
    order.push(best);
    totalCost += bestCost;
    // money classes after paying: existing classes of equal money are reused
    const byValue = new Map<bigint, number>();
    for (const c of byMoney) byValue.set(A[c] as bigint, c);
    const moved = new Map<number, number>();
    const created: number[] = [];
    const sup = ix.supporters[best] as Int32Array;
    for (let q = 0; q < sup.length; q++) {
      const v = sup[q] as number;
      const old = voterClass[v] as number;
      let target = moved.get(old);
      if (target === undefined) {
        const m = A[old] as bigint;
        const left = m <= r ? 0n : m - r;
        target = byValue.get(left);
        if (target === undefined) {
          target = A.length;
          A.push(left);
          const f = ratioToNumber(left, L);
          F.push(f);
          if (!Number.isFinite(f)) screening = false;
          classSize.push(0);
          byValue.set(left, target);
          created.push(target);
        }
        moved.set(old, target);
      }
      voterClass[v] = target;
      classSize[old] = (classSize[old] as number) - 1;
      classSize[target] = (classSize[target] as number) + 1;
    }
    // keep byMoney sorted: drop emptied classes, insert the new ones
    byMoney = byMoney.filter((c) => (classSize[c] as number) > 0);
    for (const c of created) {
      const m = A[c] as bigint;
      let lo = 0;
      let hi = byMoney.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((A[byMoney[mid] as number] as bigint) < m) lo = mid + 1;
        else hi = mid;
      }
      byMoney.splice(lo, 0, c);
    }
    active = active.filter((k) => k !== best);
  }
  if (guide && guide.rounds.length !== rounds.length) return null;
  return { perVoter, rounds, order, totalCost };
}

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
 * Not every raise is run from scratch: after a step that left the outcome unchanged, runs at steps
 * k+2, k+4, k+8, ... are made in check mode (mesFixed with the run at step k as guide) for as long
 * as they prove that the whole stretch of steps gives the same outcome — which is then equally
 * feasible and not exhaustive, so the stretch can be skipped. Otherwise the next step is run
 * plainly. The result is the same as running every step (tests compare with mesAdd1Plain).
 */
export function mesAdd1(ix: IndexedElection, options: Add1Options = {}): Add1Result {
  const b0 = equalShare(ix);
  const base = options.start === 'integral' ? Rational.int((b0.floor() / ix.unit) * ix.unit) : b0;
  let run = mesFixed(ix, base);
  if (ix.voterCount === 0) return { run, steps: 0 };
  const at = (step: number): Rational => base.add(Rational.int(BigInt(step) * ix.unit));
  let step = 0;
  let stable = false; // did the last plain step leave the outcome unchanged?
  for (;;) {
    if (isExhaustive(ix, run.order, run.totalCost)) return { run, steps: step };
    if (stable) {
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
        continue;
      }
    }
    step++;
    const next = mesFixed(ix, at(step));
    if (next.totalCost > ix.budget) return { run, steps: step };
    stable = sameOrder(next.order, run.order);
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
