// A floating-point screen for one round of MES (mes.ts): which projects can possibly be the round's best,
// and which are certainly unaffordable. Exact arithmetic then runs only for the projects the screen keeps,
// so the result is exactly that of evaluating every project exactly.
//
// Each money class carries its money as a double (computed once from the exact value when the class is
// made; its relative error is a few units in the last place). A project's price q is computed in doubles
// with an error bound far above the rounding error of the sums (TOL relative to the amounts summed); a
// project is kept when its q interval reaches the smallest upper bound of the round, or when a
// comparison that decides which voters pay in full, or whether the project is affordable at all, lies
// within the tolerance. Everything else is decided by the exact code.

const TOL = 1e-9;

export interface ScreenInput {
  readonly active: readonly number[];
  readonly supporters: readonly Int32Array[];
  readonly costs: readonly bigint[];
  readonly voterClass: Int32Array;
  /** Scratch, all zero on entry and on return. */
  readonly counts: Int32Array;
  /** The place of each class in ascending money. */
  readonly rank: Int32Array;
  /** The non-empty classes in ascending money. */
  readonly byMoney: readonly number[];
  /** Money of each class as a double. */
  readonly money: readonly number[];
  /**
   * A lower bound of each project's q as a double (q only rises from round to round). A project whose
   * bound is above the round's smallest upper bound cannot be the best and is not priced; the screen
   * raises the bound of every project it prices.
   */
  readonly lowQ: Float64Array;
}

/**
 * The projects to evaluate exactly; the certainly unaffordable ones are added to `unaffordable`.
 * Without `threshold`, a project is kept when it can be the round's best; with it (an upper bound of
 * a q to beat, as in check mode), when its q can be at or below the threshold.
 */
export function screenRound(input: ScreenInput, unaffordable: Set<number>, threshold?: number): Set<number> {
  const { counts, rank, money, voterClass } = input;
  const keep = new Set<number>();
  const priced: number[] = [];
  const lows: number[] = [];
  let minHigh = Infinity;
  const touched: number[] = [];
  const lowQ = input.lowQ;
  for (const k of input.active) {
    if ((lowQ[k] as number) > (threshold ?? minHigh)) continue;
    const sup = input.supporters[k] as Int32Array;
    const cost = Number(input.costs[k] ?? 0n);
    touched.length = 0;
    for (let s = 0; s < sup.length; s++) {
      const c = voterClass[sup[s] as number] as number;
      if (counts[c] === 0) touched.push(c);
      counts[c] = (counts[c] as number) + 1;
    }
    // Poorest first: sorting the touched classes, or walking all classes in order when that is cheaper.
    const ordered =
      touched.length * Math.log2(touched.length + 1) * 4 < input.byMoney.length
        ? touched.sort((a, b) => (rank[a] as number) - (rank[b] as number))
        : input.byMoney;
    let paid = 0;
    let remaining = sup.length;
    let found = false;
    let unsure = false;
    for (const c of ordered) {
      if (counts[c] === 0) continue;
      const m = money[c] as number;
      const lhs = cost - paid;
      const rhs = m * remaining;
      if (Math.abs(lhs - rhs) <= TOL * (cost + paid + rhs)) unsure = true;
      if (lhs <= rhs) {
        found = true;
        break;
      }
      paid += m * (counts[c] as number);
      remaining -= counts[c] as number;
    }
    for (const c of touched) counts[c] = 0;
    if (!found) {
      if (unsure || cost - paid <= TOL * (cost + paid)) keep.add(k);
      else unaffordable.add(k);
      continue;
    }
    if (unsure) {
      keep.add(k);
      continue;
    }
    const q = (cost - paid) / (remaining * cost);
    const err = (TOL * (cost + paid)) / (remaining * cost) + TOL * q;
    priced.push(k);
    lows.push(q - err);
    if (q - err > (lowQ[k] as number)) lowQ[k] = q - err;
    minHigh = Math.min(minHigh, q + err);
  }
  priced.forEach((k, i) => {
    if ((lows[i] as number) <= (threshold ?? minHigh)) keep.add(k);
  });
  return keep;
}

/** a / b as a double (a ≥ 0, b > 0), to a few units in the last place; NaN when b is beyond doubles. */
export function ratioToNumber(a: bigint, b: bigint): number {
  const y = Number(b);
  return Number.isFinite(y) ? Number(a) / y : NaN;
}
