/**
 * Cumulative and ordinal ballots counted by Färdplan against pabutools' own answers.
 *
 * test/fixtures/pb-reference/pabutools.json and test/fixtures/pb-pabutools/pabutools.json hold what pabutools
 * itself computed for the pabulib files in those folders (ten small hand-shaped cases, and 24 seeded ones with
 * 20–400 voters, 6–30 projects and groups of voters with different tastes; each `about` says how: version,
 * calls, the self-check against pabutools' test-suite). Each file is read with Färdplan's importer and
 * counted with Färdplan's rules:
 * - MES equals pabutools' method_of_equal_shares with Additive_Cardinal_Sat (points) or Additive_Borda_Sat
 *   (Borda), in selection order, at the same cost;
 * - mes-complete begins with pabutools' MES with voter_budget_increment = 1 (Add1), and as a whole equals
 *   pabutools' completion of that by greedy over total utility;
 * - greedy equals pabutools' greedy_utilitarian_welfare with a satisfaction of u_i(p)·cost(p), which ranks
 *   by total utility as Färdplan's greedy does (the same projects; a free project, to which that
 *   satisfaction gives nothing, comes last in pabutools' order and by its total utility in Färdplan's).
 * The one documented difference (docs/participation.md): pabutools' greedy also funds projects nobody
 * values when they fit, after every valued one; Färdplan does not. Those projects are named below and left
 * out of pabutools' lists before comparing, and nothing else is.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sortIds, type ApprovalElection, type Outcome } from '../../../src/core/pb/election.ts';
import { toApprovalElection, type PbFile } from '../../../src/core/pb/pabulib.ts';
import { greedy } from '../../../src/core/pb/greedy.ts';
import { mes, mesAdd1Outcome, mesComplete } from '../../../src/core/pb/mes.ts';
import {
  greedyCardinal,
  mesCardinal,
  mesCompleteCardinal,
  toCardinalElection,
  type CardinalElection,
} from '../../../src/core/pb/cardinal.ts';
import { readPabulibFile } from '../../../src/importers/pabulib.ts';

interface Answer {
  readonly order: string[];
  readonly totalCost: string;
}

interface Case {
  readonly file: string;
  readonly voteType: string;
  readonly mes: Answer;
  readonly mesAdd1: Answer;
  readonly greedyByTotal: Answer;
  readonly mesAdd1ThenGreedyByTotal: Answer;
}

/** An amount in units of 10^-decimals as pabutools prints a decimal ("1200", "159.25"). */
function amountText(units: bigint, decimals: number): string {
  if (decimals === 0) return units.toString();
  const s = units.toString().padStart(decimals + 1, '0');
  const text = `${s.slice(0, -decimals)}.${s.slice(-decimals)}`.replace(/0+$/, '');
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

/** The projects no voter gives a utility above zero. */
function unvalued(e: CardinalElection): Set<string> {
  const valued = new Set(e.ballots.flatMap((b) => [...b.keys()]));
  return new Set(e.projects.map((p) => p.id).filter((id) => !valued.has(id)));
}

function costOf(file: PbFile, ids: readonly string[]): bigint {
  return ids.reduce((s, id) => s + (file.projects.find((p) => p.id === id)?.cost ?? 0n), 0n);
}

function same(got: Outcome, want: Answer, file: PbFile): void {
  assert.deepEqual(got.order, want.order, 'selection order');
  assert.equal(amountText(got.totalCost, file.decimals), want.totalCost, 'total cost');
}

/**
 * pabutools' answer without the projects nobody values, which Färdplan's greedy does not fund; first checking
 * that pabutools took each of them only after every valued project that costs something, so that leaving
 * them out changes nothing else.
 */
function withoutUnvalued(want: Answer, file: PbFile, none: Set<string>): Answer {
  const paid = want.order.map((id) => !none.has(id) && costOf(file, [id]) > 0n);
  const lastPaid = paid.lastIndexOf(true);
  want.order.forEach((id, i) => {
    if (none.has(id)) assert.ok(i > lastPaid, `${id}, which nobody values, after the valued projects`);
  });
  const order = want.order.filter((id) => !none.has(id));
  return { order, totalCost: amountText(costOf(file, order), file.decimals) };
}

/** The same projects at the same cost, those that cost something in the same order (free ones anywhere). */
function sameProjects(got: Outcome, want: Answer, file: PbFile): void {
  const paid = (ids: readonly string[]) => ids.filter((id) => costOf(file, [id]) > 0n);
  assert.deepEqual(paid(got.order), paid(want.order), 'the order of the projects that cost something');
  assert.deepEqual(got.winners, sortIds(want.order), 'winners');
  assert.equal(amountText(got.totalCost, file.decimals), want.totalCost, 'total cost');
}

function checkAgainstPabutools(dir: string, answers: string): void {
  const data = JSON.parse(readFileSync(join(dir, answers), 'utf8')) as { cases: Case[] };
  it('has pabutools answers for cumulative and for ordinal ballots', () => {
    assert.ok(data.cases.some((c) => c.voteType === 'cumulative'));
    assert.ok(data.cases.some((c) => c.voteType === 'ordinal'));
  });
  for (const c of data.cases) {
    describe(c.file, () => {
      const load = async (): Promise<{ file: PbFile; e: CardinalElection; none: Set<string> }> => {
        const file = await readPabulibFile(join(dir, c.file));
        assert.equal(file.voteType, c.voteType);
        const e = toCardinalElection(file);
        return { file, e, none: unvalued(e) };
      };

      it('MES: the same projects in the same order at the same cost', async () => {
        const { file, e } = await load();
        same(mesCardinal(e), c.mes, file);
      });

      it('mes-complete: Add1 as pabutools runs it, then greedy by total utility', async () => {
        const { file, e, none } = await load();
        const got = mesCompleteCardinal(e);
        assert.deepEqual(got.order.slice(0, c.mesAdd1.order.length), c.mesAdd1.order, 'Add1 first');
        // pabutools' completion may add projects nobody values after the valued ones; Färdplan does not
        same(got, withoutUnvalued(c.mesAdd1ThenGreedyByTotal, file, none), file);
      });

      it('greedy by total utility', async () => {
        const { file, e, none } = await load();
        // A free project that voters value is funded by both, but pabutools' satisfaction u·cost gives it
        // nothing, so pabutools takes it last, where Färdplan ranks it by its total utility like any other.
        sameProjects(greedyCardinal(e), withoutUnvalued(c.greedyByTotal, file, none), file);
      });
    });
  }
}

describe('cumulative and ordinal ballots against pabutools: test/fixtures/pb-reference', () => {
  checkAgainstPabutools(fileURLToPath(new URL('../../fixtures/pb-reference/', import.meta.url)), 'pabutools.json');
});

describe('cumulative and ordinal ballots against pabutools: test/fixtures/pb-pabutools (24 larger files)', () => {
  checkAgainstPabutools(fileURLToPath(new URL('../../fixtures/pb-pabutools/', import.meta.url)), 'pabutools.json');
});

interface ApprovalCase {
  readonly file: string;
  readonly voteType: string;
  readonly mes: Answer;
  readonly mesAdd1: Answer;
  readonly greedy: Answer;
  readonly mesAdd1ThenGreedy: Answer;
}

/**
 * Approval-style ballots of the kinds pabulib has that Färdplan newly reads: choose-1 votes, amounts with
 * decimals, and votes that name a project more than once (counted once, with a warning). Färdplan's
 * approval rules against pabutools with Cost_Sat: MES and Add1 alike; greedy (by approvals) and
 * mes-complete (Add1, then that greedy) fund the same projects at the same cost, those that cost something
 * in the same order. Left out of pabutools' lists first, as above: projects nobody approved. A free project
 * gives no satisfaction under Cost_Sat, so pabutools takes it last, where Färdplan ranks it by approvals.
 */
describe('approval, choose-1, decimals and repeated projects against pabutools: test/fixtures/pb-pabutools/approval', () => {
  const dir = fileURLToPath(new URL('../../fixtures/pb-pabutools/approval/', import.meta.url));
  const data = JSON.parse(readFileSync(join(dir, 'pabutools.json'), 'utf8')) as { cases: ApprovalCase[] };
  it('has pabutools answers for each kind', () => {
    for (const kind of ['choose1-', 'approval-decimals-', 'approval-repeats-'])
      assert.ok(data.cases.filter((c) => c.file.startsWith(kind)).length >= 5, kind);
  });
  for (const c of data.cases) {
    describe(c.file, () => {
      const load = async (): Promise<{ file: PbFile; e: ApprovalElection; none: Set<string> }> => {
        const file = await readPabulibFile(join(dir, c.file));
        assert.equal(file.voteType, c.voteType);
        if (c.file.startsWith('approval-decimals-')) assert.ok(file.decimals > 0, 'amounts with decimals');
        if (c.file.startsWith('approval-repeats-')) {
          assert.ok(file.warnings.length > 0, 'a warning for each repeat');
          for (const w of file.warnings)
            assert.match(w, /appears (twice|\d+ times) in the vote of .* \(counted once\)/);
        }
        const e = toApprovalElection(file);
        const approved = new Set(e.ballots.flat());
        return { file, e, none: new Set(e.projects.map((p) => p.id).filter((id) => !approved.has(id))) };
      };

      it('MES and MES with Add1: the same projects in the same order at the same cost', async () => {
        const { file, e } = await load();
        same(mes(e), c.mes, file);
        same(mesAdd1Outcome(e), c.mesAdd1, file);
      });

      it('greedy and mes-complete: the same projects at the same cost', async () => {
        const { file, e, none } = await load();
        sameProjects(greedy(e), withoutUnvalued(c.greedy, file, none), file);
        const complete = mesComplete(e);
        assert.deepEqual(complete.order.slice(0, c.mesAdd1.order.length), c.mesAdd1.order, 'Add1 first');
        sameProjects(complete, withoutUnvalued(c.mesAdd1ThenGreedy, file, none), file);
      });
    });
  }
});
