import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  allocate,
  exactFraction,
  type AllocationArea,
  type AllocationInput,
} from '../../../src/core/analysis/allocation.ts';
import { AnalysisError } from '../../../src/core/analysis/errors.ts';

/** mulberry32: a small seeded PRNG, so the property tests are reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sum = (xs: readonly bigint[]) => xs.reduce((s, x) => s + x, 0n);
const abs = (x: bigint) => (x < 0n ? -x : x);

/** Exact unrounded amount S·ωᵢ/Σω as a float, the test's own computation (no floors or caps). */
function idealShares(input: AllocationInput): number[] {
  const f = input.areas.map((a) => a.population * a.needWeight);
  const F = f.reduce((s, x) => s + x, 0);
  const t = input.transition;
  const alpha = t ? t.formulaBasisPoints / 10000 : 1;
  const last = input.areas.map((a) => Number(a.lastYear ?? 0n));
  const L = last.reduce((s, x) => s + x, 0);
  return f.map((fi, i) => alpha * (fi / F) + (1 - alpha) * (L > 0 ? (last[i] as number) / L : 0));
}

describe('allocation scenarios', () => {
  it('shares by population × need, exact to the krona', () => {
    const r = allocate({
      total: 1_000_000n,
      areas: [
        { id: 'a', population: 1, needWeight: 1 },
        { id: 'b', population: 1, needWeight: 1 },
        { id: 'c', population: 1, needWeight: 1 },
      ],
    });
    // 333 333.33… each; the one remaining krona goes to the first (ties: input order)
    assert.deepEqual(
      r.lines.map((l) => l.amount),
      [333_334n, 333_333n, 333_333n],
    );
    const r2 = allocate({
      total: 100n,
      areas: [
        { id: 'a', population: 3000, needWeight: 2 },
        { id: 'b', population: 1000, needWeight: 1.5 },
        { id: 'c', population: 500, needWeight: 0.5 },
      ],
    });
    // weights 6000, 1500, 250 of 7750: 77.42, 19.35, 3.23 → 77, 19, 3 and the remaining krona to the largest remainder (a: .42)
    assert.deepEqual(
      r2.lines.map((l) => l.amount),
      [78n, 19n, 3n],
    );
  });

  it('floors and caps hold and the money they free or take is shared by weight', () => {
    const r = allocate({
      total: 10_000n,
      areas: [
        { id: 'big', population: 1000, needWeight: 1, cap: 5_000n },
        { id: 'mid', population: 300, needWeight: 1 },
        { id: 'small', population: 100, needWeight: 1 },
        { id: 'tiny', population: 1, needWeight: 1, floor: 1_000n },
      ],
    });
    const by = Object.fromEntries(r.lines.map((l) => [l.id, l]));
    assert.equal(by['big']?.amount, 5_000n);
    assert.equal(by['big']?.bound, 'cap');
    assert.equal(by['tiny']?.amount, 1_000n);
    assert.equal(by['tiny']?.bound, 'floor');
    // the remaining 4 000 kr split 300:100
    assert.equal(by['mid']?.amount, 3_000n);
    assert.equal(by['small']?.amount, 1_000n);
    assert.equal(sum(r.lines.map((l) => l.amount)), 10_000n);
  });

  it('capping one area can push another over its cap (iterates to the right answer)', () => {
    // Without iteration: a capped at 50, the 50 left split b:c = 2:1 → b 33 > cap 30.
    const r = allocate({
      total: 100n,
      defaultCap: 50n,
      areas: [
        { id: 'a', population: 10, needWeight: 1 },
        { id: 'b', population: 2, needWeight: 1, cap: 30n },
        { id: 'c', population: 1, needWeight: 1 },
      ],
    });
    assert.deepEqual(
      r.lines.map((l) => l.amount),
      [50n, 30n, 20n],
    );
  });

  it('the transition mixes the formula and last year as stated', () => {
    const areas: AllocationArea[] = [
      { id: 'a', population: 100, needWeight: 1, lastYear: 900n },
      { id: 'b', population: 100, needWeight: 1, lastYear: 100n },
    ];
    // formula 50/50, last year 90/10; 70 % formula → 0.7·0.5 + 0.3·0.9 = 0.62
    const r = allocate({ total: 1000n, areas, transition: { formulaBasisPoints: 7000 } });
    assert.deepEqual(
      r.lines.map((l) => l.amount),
      [620n, 380n],
    );
    assert.deepEqual(
      allocate({ total: 1000n, areas, transition: { formulaBasisPoints: 0 } }).lines.map((l) => l.amount),
      [900n, 100n],
    );
    assert.deepEqual(
      allocate({ total: 1000n, areas, transition: { formulaBasisPoints: 10000 } }).lines.map((l) => l.amount),
      [500n, 500n],
    );
  });

  it('rejects impossible scenarios with a clear message', () => {
    const areas: AllocationArea[] = [
      { id: 'a', population: 1, needWeight: 1 },
      { id: 'b', population: 1, needWeight: 1 },
    ];
    assert.throws(
      () => allocate({ total: 100n, areas, defaultFloor: 60n }),
      /floors add up to 120 kr, more than the sum 100 kr/,
    );
    assert.throws(() => allocate({ total: 100n, areas, defaultCap: 40n }), /caps .* add up to 80 kr/);
    assert.throws(
      () => allocate({ total: 100n, areas: [{ id: 'a', population: 1, needWeight: 1, floor: 10n, cap: 5n }] }),
      (e: unknown) => e instanceof AnalysisError && e.areaId === 'a',
    );
    assert.throws(
      () => allocate({ total: 100n, areas, transition: { formulaBasisPoints: 7000 } }),
      /last year's amounts sum to zero/,
    );
  });

  it('converts floating-point weights exactly', () => {
    assert.deepEqual(exactFraction(0.75), { n: 3n, d: 4n });
    assert.deepEqual(exactFraction(5), { n: 5n, d: 1n });
    const f = exactFraction(0.1);
    assert.equal(Number(f.n) / Number(f.d), 0.1);
  });

  it('property: sums exactly, floors and caps hold, amounts within 1 kr of the exact shares (seeded)', () => {
    const rand = prng(20240607);
    let infeasible = 0;
    let bounded = 0;
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(rand() * 40);
      const withBounds = rand() < 0.5;
      const withTransition = rand() < 0.4;
      const areas: AllocationArea[] = Array.from({ length: n }, (_, i) => {
        const a: AllocationArea = {
          id: `a${i}`,
          population: Math.floor(rand() * 5000) + (rand() < 0.3 ? rand() : 0),
          needWeight: rand() < 0.1 ? 0 : 0.25 + rand() * 3,
          lastYear: BigInt(Math.floor(rand() * 2_000_000)),
        };
        if (withBounds && rand() < 0.3) a.floor = BigInt(Math.floor(rand() * 50_000));
        if (withBounds && rand() < 0.3) a.cap = (a.floor ?? 0n) + BigInt(Math.floor(rand() * 3_000_000));
        return a;
      });
      if (areas.every((a) => a.population * a.needWeight === 0)) (areas[0] as AllocationArea).needWeight = 1;
      if ((areas[0] as AllocationArea).population === 0) (areas[0] as AllocationArea).population = 10;
      const total = BigInt(Math.floor(rand() * 1e12)) + sum(areas.map((a) => a.floor ?? 0n));
      const input: AllocationInput = {
        total,
        areas,
        ...(withTransition ? { transition: { formulaBasisPoints: Math.floor(rand() * 10001) } } : {}),
      };
      const omega = idealShares(input);
      const upper = areas.reduce(
        (m, a, i) =>
          (omega[i] as number) > 0
            ? a.cap === undefined || m === null
              ? null
              : m + a.cap
            : m === null
              ? null
              : m + (a.floor ?? 0n),
        0n as bigint | null,
      );
      let r;
      try {
        r = allocate(input);
      } catch (e) {
        // only an infeasible cap configuration may fail
        assert.match((e as Error).message, /caps/);
        assert.ok(upper !== null && total > upper, `trial ${trial}: feasible scenario rejected`);
        infeasible++;
        continue;
      }
      const amounts = r.lines.map((l) => l.amount);
      assert.equal(sum(amounts), total, `trial ${trial}: parts add up`);
      r.lines.forEach((l, i) => {
        const a = areas[i] as AllocationArea;
        assert.ok(l.amount >= (a.floor ?? 0n), `trial ${trial}: floor of ${a.id}`);
        if (a.cap !== undefined) assert.ok(l.amount <= a.cap, `trial ${trial}: cap of ${a.id}`);
      });
      // the test's own water-filling: bisect λ in floats so that Σ clamp(λ·ωᵢ, floorᵢ, capᵢ) = S
      const lo = areas.map((a) => Number(a.floor ?? 0n));
      const hi = areas.map((a) => (a.cap === undefined ? Infinity : Number(a.cap)));
      const clampAt = (lam: number) =>
        omega.map((w, i) => Math.min(hi[i] as number, Math.max(lo[i] as number, lam * w)));
      let a0 = 0;
      let a1 = 1;
      while (clampAt(a1).reduce((x, y) => x + y, 0) < Number(total) && a1 < 1e300) a1 *= 2;
      for (let k = 0; k < 200; k++) {
        const mid = (a0 + a1) / 2;
        if (clampAt(mid).reduce((x, y) => x + y, 0) < Number(total)) a0 = mid;
        else a1 = mid;
      }
      const expected = clampAt(a1);
      if (r.lines.some((l) => l.bound !== null)) bounded++;
      r.lines.forEach((l, i) => {
        const exact = expected[i] as number;
        assert.ok(
          Math.abs(Number(l.amount) - exact) < 1 + 1e-6 * Math.max(1, Math.abs(exact)),
          `trial ${trial}: ${l.id} ${l.amount} vs ${exact}`,
        );
      });
      // changing the order of the areas does not change what an area gets, except for tie-breaks (≤ 1 kr)
      const rev = allocate({ ...input, areas: [...areas].reverse() });
      const revBy = new Map(rev.lines.map((l) => [l.id, l.amount]));
      for (const l of r.lines) assert.ok(abs(l.amount - (revBy.get(l.id) as bigint)) <= 1n);
    }
    assert.ok(infeasible < 30, `${infeasible} infeasible trials`);
    assert.ok(bounded > 50, `only ${bounded} trials with a binding floor or cap`);
  });
});
