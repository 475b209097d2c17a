/**
 * Rule outcomes on cumulative and ordinal ballots against an independent implementation.
 *
 * test/fixtures/pb-reference/ holds small synthetic pabulib files (ordinal rankings of various lengths,
 * cumulative ballots with arbitrary points, ties, free projects, projects nobody values, budgets that
 * nearly fit) and expected.json, the answers of reference.py there: a Python implementation (standard
 * library, exact fractions) written from the definitions of greedy, MES and mes-complete in
 * docs/participation.md and pabutools' semantics, not translated from src/core/pb. Both the files and the
 * answers are regenerated, byte for byte, by `python3 test/fixtures/pb-reference/reference.py`. They are
 * not pabutools' own output; test/core/pb/pabutools-answers.test.ts compares the same files with pabutools'.
 *
 * Each file is read with Färdplan's importer and counted with Färdplan's rules; the selection order, the
 * sorted winners and the total cost must equal the reference's for every rule.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Outcome } from '../../../src/core/pb/election.ts';
import type { PbFile } from '../../../src/core/pb/pabulib.ts';
import { greedyCardinal, mesCardinal, mesCompleteCardinal, toCardinalElection } from '../../../src/core/pb/cardinal.ts';
import { readPabulibFile } from '../../../src/importers/pabulib.ts';

const DIR = fileURLToPath(new URL('../../fixtures/pb-reference/', import.meta.url));

interface Expected {
  readonly order: string[];
  readonly winners: string[];
  /** As the reference writes an amount: whole, or with as many decimals as it needs. */
  readonly totalCost: string;
}

interface Case {
  readonly file: string;
  readonly voteType: string;
  readonly greedy: Expected;
  readonly mes: Expected & { readonly rounds: readonly { project: string; rho: string }[] };
  readonly mesComplete: Expected & { readonly add1Steps: number };
}

const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as { cases: Case[] };

/** An amount held in units of 10^-decimals, written as the reference writes it ("1200", "200.5"). */
function amountText(units: bigint, decimals: number): string {
  if (decimals === 0) return units.toString();
  const s = units.toString().padStart(decimals + 1, '0');
  const text = `${s.slice(0, -decimals)}.${s.slice(-decimals)}`.replace(/0+$/, '');
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

function check(got: Outcome, want: Expected, file: PbFile): void {
  assert.deepEqual(got.order, want.order, 'selection order');
  assert.deepEqual(got.winners, want.winners, 'winners');
  assert.equal(amountText(got.totalCost, file.decimals), want.totalCost, 'total cost');
}

describe('reference cases: cumulative and ordinal ballots against an independent implementation', () => {
  it('has the cases the reference generator writes', () => {
    assert.ok(expected.cases.length >= 6);
    assert.ok(expected.cases.some((c) => c.voteType === 'ordinal'));
    assert.ok(expected.cases.some((c) => c.voteType === 'cumulative'));
  });

  for (const c of expected.cases) {
    describe(c.file, () => {
      const load = async (): Promise<PbFile> => {
        const file = await readPabulibFile(join(DIR, c.file));
        assert.equal(file.voteType, c.voteType);
        assert.deepEqual(file.warnings, []);
        return file;
      };

      it('greedy', async () => {
        const file = await load();
        check(greedyCardinal(toCardinalElection(file)), c.greedy, file);
      });

      it('mes', async () => {
        const file = await load();
        const got = mesCardinal(toCardinalElection(file));
        check(got, c.mes, file);
        // the rounds name the projects MES buys; free projects come before them
        assert.deepEqual(
          got.order.slice(got.order.length - c.mes.rounds.length),
          c.mes.rounds.map((r) => r.project),
        );
      });

      it('mes-complete', async () => {
        const file = await load();
        check(mesCompleteCardinal(toCardinalElection(file)), c.mesComplete, file);
      });
    });
  }
});
