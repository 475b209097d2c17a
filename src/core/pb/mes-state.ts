// The state of one run of the Method of Equal Shares (mes-fixed.ts) and the keeping of its money
// classes: voters who hold the same (exact) money are one class; after a payment the payers move to
// the class of their new money, and the classes stay sorted by money.

import type { IndexedElection } from './election.ts';
import { ratioToNumber } from './mes-screen.ts';

/** The state of one run: the voters' money classes and what is known of each project's price. */
export interface MesState {
  readonly ix: IndexedElection;
  /** voterClass[v] is the class of voter v; money of class c is A[c] / L. */
  readonly voterClass: Int32Array;
  /** The common denominator of all money. */
  L: bigint;
  readonly A: bigint[];
  readonly classSize: number[];
  /** The non-empty classes, ascending money. */
  byMoney: number[];
  /** The same money as doubles, for the screen (mes-screen.ts). */
  readonly F: number[];
  /** Whether the screen runs: off once a money value leaves the doubles. */
  screening: boolean;
  /** q values as unreduced fractions qn/qd; lastQ[k] is a lower bound of k's current q. */
  readonly lastQn: bigint[];
  readonly lastQd: bigint[];
  /** A lower bound of each project's q as a double, kept by the screen and by exact pricing. */
  readonly lowQ: Float64Array;
  /** The projects still in the running. */
  active: number[];
  /** Scratch per class: supporter counts (all zero between uses) and the place in byMoney. */
  counts: Int32Array;
  rank: Int32Array;
  /** Scratch: the classes a project's supporters fall in. */
  readonly touched: number[];
}

/**
 * Moves the supporters of `best` to the classes of their money after paying r / L each (existing
 * classes of equal money are reused); returns the classes created.
 */
export function moveSupporters(st: MesState, best: number, r: bigint): number[] {
  const { classSize, voterClass } = st;
  // moveTo[old] = 1 + the class the voters of class `old` move to (0: not yet known); st.counts is
  // zero between uses and covers every class that existed when the round started
  const moveTo = st.counts;
  const created: number[] = [];
  const sup = st.ix.supporters[best] as Int32Array;
  for (let q = 0; q < sup.length; q++) {
    const v = sup[q] as number;
    const old = voterClass[v] as number;
    let target = (moveTo[old] as number) - 1;
    if (target < 0) {
      const m = st.A[old] as bigint;
      target = classOfMoney(st, m <= r ? 0n : m - r, created);
      moveTo[old] = target + 1;
    }
    voterClass[v] = target;
    classSize[old] = (classSize[old] as number) - 1;
    classSize[target] = (classSize[target] as number) + 1;
  }
  for (const c of st.byMoney) moveTo[c] = 0;
  return created;
}

/** The class holding `amount` / L: an existing one (binary search in byMoney), one created this round, or a new one. */
function classOfMoney(st: MesState, amount: bigint, created: number[]): number {
  const { byMoney } = st;
  const lo = firstAtLeast(st, byMoney, amount);
  if (lo < byMoney.length && st.A[byMoney[lo] as number] === amount) return byMoney[lo] as number;
  for (const c of created) if (st.A[c] === amount) return c;
  const c = newClass(st, amount);
  created.push(c);
  return c;
}

/** A new, empty class with money `money` / L. */
function newClass(st: MesState, money: bigint): number {
  const c = st.A.length;
  st.A.push(money);
  const f = ratioToNumber(money, st.L);
  st.F.push(f);
  if (!Number.isFinite(f)) st.screening = false;
  st.classSize.push(0);
  return c;
}

/** Keeps byMoney sorted: drops emptied classes and inserts the created ones. */
export function sortClasses(st: MesState, created: readonly number[]): void {
  const { classSize } = st;
  const byMoney = st.byMoney.filter((c) => (classSize[c] as number) > 0);
  for (const c of created) {
    byMoney.splice(firstAtLeast(st, byMoney, st.A[c] as bigint), 0, c);
  }
  st.byMoney = byMoney;
}

/** The first place in `classes` (ascending money) whose money is at least `amount` (binary search). */
function firstAtLeast(st: MesState, classes: readonly number[], amount: bigint): number {
  let lo = 0;
  let hi = classes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((st.A[classes[mid] as number] as bigint) < amount) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
