import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { testdataDir } from '../../helpers/paths.ts';
import { parsePabulib, toApprovalElection } from '../../../src/core/pb/pabulib.ts';
import type { ApprovalElection, IndexedElection, Outcome } from '../../../src/core/pb/election.ts';
import { ElectionError, compareIds, indexElection, sortIds } from '../../../src/core/pb/election.ts';
import { greedy } from '../../../src/core/pb/greedy.ts';
import {
  equalShare,
  isExhaustive,
  mes,
  mesAdd1,
  mesAdd1Outcome,
  mesAdd1Plain,
  mesComplete,
  mesFixed,
  mesThenGreedy,
} from '../../../src/core/pb/mes.ts';
import { Rational } from '../../../src/core/pb/rational.ts';

const pbDir = join(testdataDir, 'pb');
const cases = readdirSync(pbDir)
  .filter((d) => !d.startsWith('.'))
  .sort();
const withExpected = cases.filter((c) => existsSync(join(pbDir, c, 'expected.json')));
const withoutExpected = cases.filter((c) => !withExpected.includes(c));

const elections = new Map<string, ApprovalElection>();
function election(c: string): ApprovalElection {
  let e = elections.get(c);
  if (!e) {
    e = toApprovalElection(parsePabulib(readFileSync(join(pbDir, c, 'instance.pb'), 'utf8')));
    elections.set(c, e);
  }
  return e;
}

const add1Runs = new Map<string, ReturnType<typeof mesAdd1>>();
/** Add1 (with skipping) per case, computed once. */
function add1Of(c: string): ReturnType<typeof mesAdd1> {
  let r = add1Runs.get(c);
  if (!r) {
    r = mesAdd1(indexElection(election(c)));
    add1Runs.set(c, r);
  }
  return r;
}

interface ExpectedOutcome {
  selected_sorted: string[];
  selection_order: string[];
  total_cost: string;
}

function assertOutcome(actual: Outcome, expected: ExpectedOutcome, label: string): void {
  assert.deepEqual(actual.winners, expected.selected_sorted, `${label}: winners`);
  assert.deepEqual(actual.order, expected.selection_order, `${label}: selection order`);
  assert.equal(actual.totalCost.toString(), expected.total_cost, `${label}: total cost`);
}

// An independent, deliberately naive MES: one exact Rational per voter, every affordable project
// priced from scratch in every round, no classes, no lazy evaluation.
function naiveMes(e: ApprovalElection, perVoter: Rational): string[] {
  const money = e.ballots.map(() => perVoter);
  const remaining = new Set(e.projects.filter((p) => p.cost > 0n).map((p) => p.id));
  const cost = new Map(e.projects.map((p) => [p.id, p.cost]));
  const supporters = new Map<string, number[]>(e.projects.map((p) => [p.id, []]));
  e.ballots.forEach((b, v) => b.forEach((id) => supporters.get(id)?.push(v)));
  const order: string[] = [];
  for (;;) {
    let best: { id: string; q: Rational; rho: Rational } | null = null;
    for (const id of [...remaining].sort(compareIds)) {
      const sup = (supporters.get(id) ?? [])
        .slice()
        .sort((a, b) => (money[a] as Rational).compare(money[b] as Rational));
      const c = Rational.int(cost.get(id) ?? 0n);
      const total = sup.reduce((s, v) => s.add(money[v] as Rational), Rational.ZERO);
      if (sup.length === 0 || total.lt(c)) {
        remaining.delete(id);
        continue;
      }
      let paid = Rational.ZERO;
      let rho: Rational | null = null;
      for (let i = 0; i < sup.length; i++) {
        const r = c.sub(paid).divInt(BigInt(sup.length - i));
        if (r.le(money[sup[i] as number] as Rational)) {
          rho = r;
          break;
        }
        paid = paid.add(money[sup[i] as number] as Rational);
      }
      assert.ok(rho);
      const q = rho.div(c);
      if (!best || q.lt(best.q)) best = { id, q, rho };
    }
    if (!best) return order;
    order.push(best.id);
    remaining.delete(best.id);
    for (const v of supporters.get(best.id) ?? []) {
      const m = money[v] as Rational;
      money[v] = m.le(best.rho) ? Rational.ZERO : m.sub(best.rho);
    }
  }
}

function approvals(e: ApprovalElection): Map<string, number> {
  const m = new Map(e.projects.map((p) => [p.id, 0]));
  for (const b of e.ballots) for (const id of b) m.set(id, (m.get(id) ?? 0) + 1);
  return m;
}

function assertWellFormed(e: ApprovalElection, o: Outcome, label: string): void {
  const cost = new Map(e.projects.map((p) => [p.id, p.cost]));
  assert.equal(new Set(o.order).size, o.order.length, `${label}: no project twice`);
  assert.deepEqual(o.winners, sortIds(o.order), `${label}: winners are the order sorted`);
  const total = o.order.reduce((s, id) => s + (cost.get(id) ?? 0n), 0n);
  assert.equal(o.totalCost, total, `${label}: total cost is the sum of costs`);
  assert.ok(o.totalCost <= e.budget, `${label}: total cost ${o.totalCost} within budget ${e.budget}`);
  const votes = approvals(e);
  for (const id of o.order) assert.ok((votes.get(id) ?? 0) > 0, `${label}: ${id} has approvals`);
}

/** No project someone approves still fits in the money left. */
function assertExhaustive(e: ApprovalElection, o: Outcome, label: string): void {
  const votes = approvals(e);
  const chosen = new Set(o.order);
  for (const p of e.projects) {
    if (chosen.has(p.id) || (votes.get(p.id) ?? 0) === 0) continue;
    assert.ok(o.totalCost + p.cost > e.budget, `${label}: ${p.id} (cost ${p.cost}) would still fit`);
  }
}

describe('counting rules on the reference cases with known answers', () => {
  assert.ok(withExpected.length >= 2, 'the reference cases are there');
  for (const c of withExpected) {
    const expected = JSON.parse(readFileSync(join(pbDir, c, 'expected.json'), 'utf8')) as {
      budget: string;
      outcomes: Record<string, ExpectedOutcome>;
    };
    const o = expected.outcomes;
    it(`${c}: greedy`, () =>
      assertOutcome(greedy(election(c)), o['greedy_approval_count'] as ExpectedOutcome, 'greedy'));
    it(`${c}: mes`, () => assertOutcome(mes(election(c)), o['mes_cost_utilities'] as ExpectedOutcome, 'mes'));
    it(`${c}: mes-complete (Add1 then greedy)`, () =>
      assertOutcome(
        mesComplete(election(c)),
        o['mes_cost_utilities_add1_then_greedy'] as ExpectedOutcome,
        'mes-complete',
      ));
    it(`${c}: the intermediate variants (MES then greedy; Add1 alone)`, () => {
      assertOutcome(
        mesThenGreedy(election(c)),
        o['mes_cost_utilities_then_greedy'] as ExpectedOutcome,
        'mes then greedy',
      );
      assertOutcome(mesAdd1Outcome(election(c)), o['mes_cost_utilities_add1'] as ExpectedOutcome, 'add1');
      assert.equal(election(c).budget.toString(), expected.budget);
    });
  }
});

describe('counting rules on the reference cases without known answers (properties)', () => {
  for (const c of withoutExpected) {
    it(`${c}: every rule stays within budget; greedy and mes-complete are exhaustive`, () => {
      const e = election(c);
      const g = greedy(e);
      const m = mes(e);
      const mc = mesComplete(e);
      for (const [label, o] of [
        ['greedy', g],
        ['mes', m],
        ['mes-complete', mc],
      ] as const)
        assertWellFormed(e, o, `${c} ${label}`);
      assertExhaustive(e, g, `${c} greedy`);
      assertExhaustive(e, mc, `${c} mes-complete`);
      // greedy picks in order of approvals (non-increasing), ties by id
      const votes = approvals(e);
      for (let i = 1; i < g.order.length; i++) {
        const a = votes.get(g.order[i - 1] as string) ?? 0;
        const b = votes.get(g.order[i] as string) ?? 0;
        assert.ok(
          a > b || (a === b && compareIds(g.order[i - 1] as string, g.order[i] as string) < 0),
          `${c}: greedy order at ${i}`,
        );
      }
      // mes-complete begins with the Add1 outcome and only adds projects after it
      const ix = indexElection(e);
      const add1 = add1Of(c).run;
      assert.deepEqual(
        mc.order.slice(0, add1.order.length),
        add1.order.map((k) => ix.ids[k]),
      );
      assert.ok(mc.totalCost >= add1.totalCost);
      // plain MES is never exhaustive-beyond-need: whatever it leaves, greedy completion only adds
      const mg = mesThenGreedy(e);
      assert.deepEqual(mg.order.slice(0, m.order.length), m.order);
      assertExhaustive(e, mg, `${c} mes then greedy`);
    });
  }

  for (const c of cases) {
    it(`${c}: the fast MES equals a naive per-voter MES (at the equal share and at raised shares)`, () => {
      const e = election(c);
      const ix = indexElection(e);
      const b0 = equalShare(ix);
      for (const extra of [0n, 7n, 40n]) {
        const b = b0.add(Rational.int(extra));
        const fast = mesFixed(ix, b).order.map((k) => ix.ids[k]);
        assert.deepEqual(fast, naiveMes(e, b), `${c} at +${extra}`);
      }
    });
  }

  for (const c of cases) {
    it(`${c}: Add1 with skipping gives the same as running every step`, () => {
      const ix = indexElection(election(c));
      const fast = add1Of(c);
      const plain = mesAdd1Plain(ix);
      assert.deepEqual(fast.run.order, plain.run.order);
      assert.equal(fast.steps, plain.steps);
      assert.ok(fast.run.totalCost <= ix.budget);
    });
  }
});

function el(budget: number, projects: [string, number][], ballots: string[][]): ApprovalElection {
  return { budget: BigInt(budget), projects: projects.map(([id, cost]) => ({ id, cost: BigInt(cost) })), ballots };
}

describe('counting rules: edge cases', () => {
  it('greedy breaks ties by id as a string: "10" before "9"', () => {
    const e = el(
      100,
      [
        ['9', 60],
        ['10', 60],
      ],
      [
        ['9', '10'],
        ['9', '10'],
      ],
    );
    assert.deepEqual(greedy(e).order, ['10']);
    // more approvals beat the id order
    const e2 = el(
      100,
      [
        ['9', 60],
        ['10', 60],
      ],
      [['9', '10'], ['9']],
    );
    assert.deepEqual(greedy(e2).order, ['9']);
  });

  it('MES breaks ties by id as a string', () => {
    // both projects cost the same and have the same supporters: equal price, "a" before "b"
    const e = el(
      100,
      [
        ['b', 50],
        ['a', 50],
      ],
      [
        ['a', 'b'],
        ['a', 'b'],
      ],
    );
    assert.deepEqual(mes(e).order, ['a', 'b']);
    assert.deepEqual(greedy(e).order, ['a', 'b']);
  });

  it('a project costing more than the whole budget is never chosen, and greedy goes on past it', () => {
    const e = el(
      100,
      [
        ['big', 150],
        ['small', 30],
        ['mid', 60],
      ],
      [['big', 'small'], ['big', 'mid'], ['big'], ['small', 'mid']],
    );
    assert.deepEqual(greedy(e).order, ['mid', 'small']);
    for (const o of [mes(e), mesComplete(e)]) assert.ok(!o.order.includes('big'));
    assert.deepEqual(mesComplete(e).winners, ['mid', 'small']);
  });

  it('greedy skips a project that no longer fits and takes a cheaper one further down', () => {
    const e = el(
      100,
      [
        ['a', 70],
        ['b', 50],
        ['c', 30],
      ],
      [['a', 'b', 'c'], ['a', 'b', 'c'], ['a', 'b'], ['a']],
    );
    const g = greedy(e);
    assert.deepEqual(g.order, ['a', 'c']);
    assert.equal(g.totalCost, 100n);
  });

  it('an empty ballot counts as a voter holding an unused equal share', () => {
    const withEmpty = el(100, [['x', 60]], [['x'], []]);
    const without = el(100, [['x', 60]], [['x']]);
    assert.deepEqual(mes(withEmpty).order, []); // the supporter holds 50 < 60
    assert.deepEqual(mes(without).order, ['x']);
    // Add1 raises the shares until x is affordable (10 steps), and greedy agrees
    const ix = indexElection(withEmpty);
    const a = mesAdd1(ix);
    assert.equal(a.steps, 10);
    assert.deepEqual(mesComplete(withEmpty).order, ['x']);
    assert.deepEqual(greedy(withEmpty).order, ['x']);
    // only empty ballots: nothing is chosen
    const allEmpty = el(100, [['x', 60]], [[], []]);
    for (const o of [greedy(allEmpty), mes(allEmpty), mesComplete(allEmpty)]) assert.deepEqual(o.order, []);
  });

  it('no voters at all: nothing is chosen', () => {
    const e = el(100, [['x', 60]], []);
    for (const o of [greedy(e), mes(e), mesComplete(e)]) {
      assert.deepEqual(o.order, []);
      assert.equal(o.totalCost, 0n);
    }
  });

  it('a project costing 0 is left by MES (no gain under cost utilities) and added by the completion', () => {
    const e = el(
      100,
      [
        ['free', 0],
        ['x', 100],
      ],
      [['free', 'x'], ['x']],
    );
    assert.deepEqual(mes(e).order, ['x']);
    assert.deepEqual(mesComplete(e).order, ['x', 'free']);
    assert.deepEqual(greedy(e).order, ['x', 'free']);
  });

  it('a project nobody approves is never funded', () => {
    const e = el(
      1000,
      [
        ['a', 100],
        ['nobody', 10],
      ],
      [['a']],
    );
    for (const o of [greedy(e), mes(e), mesComplete(e)]) assert.deepEqual(o.order, ['a']);
  });

  it('MES gives a minority its fair share where greedy does not', () => {
    // 3 voters like A-projects, 1 voter likes B; budget 400 → the B voter controls 100
    const e = el(
      400,
      [
        ['a1', 100],
        ['a2', 100],
        ['a3', 100],
        ['a4', 100],
        ['b', 100],
      ],
      [['a1', 'a2', 'a3', 'a4'], ['a1', 'a2', 'a3', 'a4'], ['a1', 'a2', 'a3', 'a4'], ['b']],
    );
    assert.deepEqual(greedy(e).winners, ['a1', 'a2', 'a3', 'a4']);
    assert.deepEqual(mes(e).winners, ['a1', 'a2', 'a3', 'b']);
  });

  it('Add1 needs few runs where a plain loop would need hundreds of thousands of steps', () => {
    // two voters, budget 1 000 000: A (900 000) becomes affordable only when each voter holds 900 000
    const e = el(
      1_000_000,
      [
        ['A', 900_000],
        ['B', 50_000],
      ],
      [['A'], ['B']],
    );
    const ix: IndexedElection = indexElection(e);
    assert.deepEqual(
      mesFixed(ix, equalShare(ix)).order.map((k) => ix.ids[k]),
      ['B'],
    );
    assert.ok(!isExhaustive(ix, [1], 50_000n));
    const a = mesAdd1(ix);
    assert.equal(a.steps, 400_000);
    assert.deepEqual(
      a.run.order.map((k) => ix.ids[k]),
      ['A', 'B'],
    ); // equal price 1: "A" first
    assert.deepEqual(mesComplete(e).order, ['A', 'B']);
  });

  it("Add1's 'integral' start (the equalshares.net option) steps from the whole part of the equal share", () => {
    // 3 voters, budget 100: equal share 33 1/3; x (cost 70) needs two supporters with 35 each
    const e = el(
      100,
      [
        ['x', 70],
        ['y', 30],
      ],
      [['x'], ['x'], ['y']],
    );
    const ix = indexElection(e);
    const exact = mesAdd1(ix);
    const integral = mesAdd1(ix, { start: 'integral' });
    assert.deepEqual(
      exact.run.order.map((k) => ix.ids[k]),
      integral.run.order.map((k) => ix.ids[k]),
    );
    assert.equal(exact.run.perVoter.toString(), '106/3'); // 33 1/3 + 2
    assert.equal(integral.run.perVoter.toString(), '35'); // 33 + 2
    assert.deepEqual(mesAdd1Plain(ix, { start: 'integral' }).run.order, integral.run.order);
  });

  it('refuses a broken election', () => {
    assert.throws(
      () =>
        greedy(
          el(
            10,
            [
              ['a', 1],
              ['a', 2],
            ],
            [],
          ),
        ),
      ElectionError,
    );
    assert.throws(() => mes(el(10, [['a', 1]], [['b']])), /unknown project "b"/);
    assert.throws(() => mes(el(10, [['a', 1]], [['a', 'a']])), /twice/);
    assert.throws(() => mes(el(10, [['a', -1]], [])), /negative cost/);
  });
});
