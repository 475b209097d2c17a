// One run of the Method of Equal Shares at a fixed starting money per voter (mesFixed; the rule is
// described in mes.ts), in exact rational arithmetic.
//
// Speed: voters are never handled one by one in the rounds. Voters who hold the same amount of money
// behave identically from then on, so they are kept in classes keyed by their (exact) money; a
// project's supporters are counted per class and the price ρ is found over the classes sorted by
// money. Prices only rise from round to round (money only falls), so a project whose last known q
// is already worse than the best q of the round is not re-evaluated (the equalshares.net trick).
//
// A run goes round by round: order the candidates and ready the scratch (startRound), find the
// round's best (selectPlain, or selectChecked in check mode, pricing projects with priceOf), then
// charge its supporters and update the money classes (charge).

import type { IndexedElection } from './election.ts';
import { Rational, smallGcd } from './rational.ts';
import { ratioToNumber, screenRound } from './mes-screen.ts';
import { moveSupporters, sortClasses, type MesState } from './mes-state.ts';

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

/** A project's price: ρ = rest / (L · remaining), where `remaining` supporters pay ρ and the others all they have. */
interface Price {
  readonly rest: bigint;
  readonly remaining: bigint;
}

/** The round's choice so far: ρ of best = rest / (L · rem); best is -1 while there is none. */
interface Pick {
  best: number;
  rest: bigint;
  rem: bigint;
}

/** The relative margin by which an exact q, read as a double, is lowered to stay a lower bound. */
const LOW_MARGIN = 1e-9;

/** an/ad < bn/bd for positive denominators. */
function qLess(an: bigint, ad: bigint, bn: bigint, bd: bigint): boolean {
  return an * bd < bn * ad;
}

/** Whether q = n/d of project k comes before q = on/od of project `other`: lower q, ties by id. */
function comesBefore(
  ix: IndexedElection,
  k: number,
  n: bigint,
  d: bigint,
  other: number,
  on: bigint,
  od: bigint,
): boolean {
  return qLess(n, d, on, od) || (!qLess(on, od, n, d) && (ix.tieRank[k] ?? 0) < (ix.tieRank[other] ?? 0));
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
  const rounds: MesRound[] = [];
  const order: number[] = [];
  if (ix.voterCount === 0) return guide && guide.rounds.length > 0 ? null : { perVoter, rounds, order, totalCost: 0n };
  const st = initialState(ix, perVoter);
  let totalCost = 0n;
  while (st.active.length > 0) {
    startRound(st);
    const pick = guide ? selectChecked(st, guide.rounds[rounds.length]) : selectPlain(st);
    if (!pick) return null;
    if (pick.best < 0) break;
    rounds.push(charge(st, pick));
    order.push(pick.best);
    totalCost += ix.costs[pick.best] ?? 1n;
  }
  if (guide && guide.rounds.length !== rounds.length) return null;
  return { perVoter, rounds, order, totalCost };
}

/** Everyone in one class at perVoter; the candidates are the projects that cost something and have supporters. */
function initialState(ix: IndexedElection, perVoter: Rational): MesState {
  const P = ix.ids.length;
  const F = [ratioToNumber(perVoter.num, perVoter.den)];
  const st: MesState = {
    ix,
    voterClass: new Int32Array(ix.voterCount),
    L: perVoter.den,
    A: [perVoter.num],
    classSize: [ix.voterCount],
    byMoney: [0],
    F,
    screening: Number.isFinite(F[0]),
    lastQn: new Array<bigint>(P).fill(0n),
    lastQd: new Array<bigint>(P).fill(1n),
    lowQ: new Float64Array(P),
    active: [],
    counts: new Int32Array(16),
    rank: new Int32Array(16),
    touched: [],
  };
  for (let k = 0; k < P; k++) {
    const cost = ix.costs[k] ?? 0n;
    const count = ix.supporters[k]?.length ?? 0;
    if (cost > 0n && count > 0) {
      st.active.push(k);
      st.lastQd[k] = BigInt(count); // the price if everyone could pay: cost/(count·cost)
      st.lastQn[k] = 1n;
    }
  }
  return st;
}

/** Orders the candidates by their last known q (ties by id) and readies the per-class scratch. */
function startRound(st: MesState): void {
  const { ix, lastQn, lastQd } = st;
  st.active.sort((a, b) => {
    const an = lastQn[a] as bigint;
    const ad = lastQd[a] as bigint;
    const bn = lastQn[b] as bigint;
    const bd = lastQd[b] as bigint;
    return qLess(an, ad, bn, bd) ? -1 : qLess(bn, bd, an, ad) ? 1 : (ix.tieRank[a] ?? 0) - (ix.tieRank[b] ?? 0);
  });
  if (st.counts.length < st.A.length) {
    st.counts = new Int32Array(st.A.length * 2);
    st.rank = new Int32Array(st.A.length * 2);
  }
  const rank = st.rank;
  st.byMoney.forEach((c, r) => {
    rank[c] = r;
  });
}

/** The price of project k at the current money, or null when its supporters cannot pay for it. */
function priceOf(st: MesState, k: number): Price | null {
  const { ix, voterClass, counts, rank, touched } = st;
  // scan k's supporters class by class, poorest first
  const sup = ix.supporters[k] as Int32Array;
  const cost = ix.costs[k] ?? 0n;
  touched.length = 0;
  for (let s = 0; s < sup.length; s++) {
    const c = voterClass[sup[s] as number] as number;
    if (counts[c] === 0) touched.push(c);
    counts[c] = (counts[c] as number) + 1;
  }
  touched.sort((a, b) => (rank[a] as number) - (rank[b] as number));
  const costL = cost * st.L;
  let paid = 0n; // over L
  let remaining = BigInt(sup.length);
  let found = false;
  for (const c of touched) {
    // candidate ρ = (cost·L − paid) / (L·remaining); fine if ≤ A[c]/L
    const m = st.A[c] as bigint;
    if (costL - paid <= m * remaining) {
      found = true;
      break;
    }
    const cnt = BigInt(counts[c] as number);
    paid += m * cnt;
    remaining -= cnt;
  }
  for (const c of touched) counts[c] = 0;
  return found ? { rest: costL - paid, remaining } : null;
}

/** Prices k and records its q as its new lower bound; null when k is unaffordable. */
function repriced(st: MesState, k: number): { price: Price; qd: bigint } | null {
  const price = priceOf(st, k);
  if (!price) return null;
  // q = ρ / cost = rest / (L · remaining · cost)
  const qd = st.L * price.remaining * (st.ix.costs[k] ?? 0n);
  st.lastQn[k] = price.rest;
  st.lastQd[k] = qd;
  const low = ratioToNumber(price.rest, qd) * (1 - LOW_MARGIN);
  if (low > (st.lowQ[k] as number)) st.lowQ[k] = low;
  return { price, qd };
}

/** The float screen of the round (mes-screen.ts), or null when it is off or the threshold is not a number. */
function screenOf(st: MesState, unaffordable: Set<number>, threshold?: number): Set<number> | null {
  if (!st.screening || Number.isNaN(threshold)) return null;
  const { ix } = st;
  const input = {
    active: st.active,
    supporters: ix.supporters,
    costs: ix.costs,
    voterClass: st.voterClass,
    counts: st.counts,
    rank: st.rank,
    byMoney: st.byMoney,
    money: st.F,
    lowQ: st.lowQ,
  };
  return screenRound(input, unaffordable, threshold);
}

/** The round's best project in a plain run (best -1 when nothing is affordable); drops the unaffordable. */
function selectPlain(st: MesState): Pick {
  const { ix, lastQn, lastQd } = st;
  const pick: Pick = { best: -1, rest: 0n, rem: 1n };
  const unaffordable = new Set<number>();
  const screen = screenOf(st, unaffordable);
  for (const k of st.active) {
    if (screen && !screen.has(k)) continue;
    const kn = lastQn[k] as bigint;
    const kd = lastQd[k] as bigint;
    if (pick.best >= 0 && qLess(pick.rest, st.L * pick.rem * (ix.costs[pick.best] ?? 1n), kn, kd)) break;
    const r = repriced(st, k);
    if (!r) {
      unaffordable.add(k);
      continue;
    }
    const { rest, remaining } = r.price;
    if (
      pick.best < 0 ||
      comesBefore(ix, k, rest, r.qd, pick.best, pick.rest, st.L * pick.rem * (ix.costs[pick.best] ?? 1n))
    ) {
      pick.best = k;
      pick.rest = rest;
      pick.rem = remaining;
    }
  }
  dropUnaffordable(st, unaffordable);
  return pick;
}

/**
 * The round's choice in check mode against the guide's round g: the guide's project when no rival
 * can come before it (best -1 when nothing is affordable after the guide's last round), null when
 * that is not proven. Drops the unaffordable.
 */
function selectChecked(st: MesState, g: MesRound | undefined): Pick | null {
  const { ix, lastQn, lastQd } = st;
  const pick: Pick = { best: -1, rest: 0n, rem: 1n };
  const unaffordable = new Set<number>();
  const gn = g ? g.q.num : 0n;
  const gd = g ? g.q.den : 1n;
  // only a rival whose q can reach the guide's q (or any affordable project after the last round) matters
  const screen = screenOf(st, unaffordable, g ? ratioToNumber(gn, gd) * (1 + LOW_MARGIN) : Infinity);
  for (const k of st.active) {
    if (screen && !screen.has(k)) continue;
    // compare with the guide's chosen q (at the lower money), not this run's best
    if (g && qLess(gn, gd, lastQn[k] as bigint, lastQd[k] as bigint)) break;
    const r = repriced(st, k);
    if (!r) {
      unaffordable.add(k);
      continue;
    }
    if (!g) return null; // something became affordable after the guide's last round
    if (k === g.project) {
      pick.best = k;
      pick.rest = r.price.rest;
      pick.rem = r.price.remaining;
    } else if (comesBefore(ix, k, r.price.rest, r.qd, g.project, gn, gd)) {
      return null;
    }
  }
  dropUnaffordable(st, unaffordable);
  if (g && pick.best !== g.project) return null;
  return pick;
}

function dropUnaffordable(st: MesState, unaffordable: ReadonlySet<number>): void {
  if (unaffordable.size > 0) st.active = st.active.filter((k) => !unaffordable.has(k));
}

/** Charges the supporters of the pick (each pays min(their money, ρ)) and returns the round. */
function charge(st: MesState, pick: Pick): MesRound {
  // ρ = rest / (L·rem); reduce by the small factor first.
  const f = smallGcd(pick.rest, pick.rem);
  const s = pick.rem / f;
  const r = pick.rest / f; // ρ = r / (L·s)
  if (s !== 1n) {
    for (const c of st.byMoney) st.A[c] = (st.A[c] as bigint) * s;
    st.L *= s;
  }
  const best = pick.best;
  const bestCost = st.ix.costs[best] ?? 1n;
  const round: MesRound = { project: best, rho: Rational.of(r, st.L), q: Rational.of(r, st.L * bestCost) };
  const created = moveSupporters(st, best, r);
  sortClasses(st, created);
  st.active = st.active.filter((k) => k !== best);
  return round;
}
