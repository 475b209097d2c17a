import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, testdataDir } from '../helpers/paths.ts';
import { main } from '../../src/cli/main.ts';
import { tally } from '../../src/cli/commands/pb.ts';
import { CliError } from '../../src/cli/errors.ts';
import { scratchDir } from '../helpers/scratch.ts';

const pbDir = join(testdataDir, 'pb');
const withExpected = readdirSync(pbDir)
  .filter((d) => existsSync(join(pbDir, d, 'expected.json')))
  .sort();
const RULE_KEYS = {
  greedy: 'greedy_approval_count',
  mes: 'mes_cost_utilities',
  'mes-complete': 'mes_cost_utilities_add1_then_greedy',
} as const;

function spawnCli(args: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'fardplan.mjs'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('fardplan pb tally', () => {
  for (const c of withExpected) {
    const expected = JSON.parse(readFileSync(join(pbDir, c, 'expected.json'), 'utf8')) as {
      outcomes: Record<string, { selected_sorted: string[]; selection_order: string[]; total_cost: string }>;
    };
    for (const [rule, key] of Object.entries(RULE_KEYS)) {
      it(`${c} --rule ${rule} gives the known answer`, async () => {
        const e = expected.outcomes[key];
        assert.ok(e);
        assert.deepEqual(await tally(join(pbDir, c, 'instance.pb'), rule), {
          winners: e.selected_sorted,
          order: e.selection_order,
          totalCost: e.total_cost,
        });
      });
    }
  }

  it('prints exactly one line of JSON as the fardplan command', () => {
    const r = spawnCli([
      'pb',
      'tally',
      join(pbDir, 'pb_pabulib_format_example', 'instance.pb'),
      '--rule',
      'mes-complete',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"winners":["1","4"],"order":["4","1"],"totalCost":"2000"}\n');
  });

  it('refuses an unknown rule with a usage error', async () => {
    await assert.rejects(tally(join(pbDir, 'pb_pabulib_format_example', 'instance.pb'), 'phragmen'), (e: unknown) => {
      assert.ok(e instanceof CliError);
      assert.equal(e.exitCode, 2);
      assert.match(e.message, /unknown rule "phragmen"/);
      return true;
    });
  });

  it('names the file, line and field of a bad .pb and exits with 3', async () => {
    const dir = scratchDir('fardplan-pb-');
    const file = join(dir, 'broken.pb');
    writeFileSync(file, 'META\nkey;value\nbudget;100\nPROJECTS\nproject_id;cost\na;50\nVOTES\nvoter_id;vote\n1;a,q\n');
    const r = spawnCli(['pb', 'tally', file, '--rule', 'greedy']);
    assert.equal(r.code, 3);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /broken\.pb, line 9, field "vote": unknown project "q"/);
  });

  it('refuses a truncated file (fewer votes or projects than its META declares), exit code 3', async () => {
    const whole = readFileSync(join(pbDir, 'pb_netherlands_amsterdam_166', 'instance.pb'), 'utf8');
    assert.match(whole, /num_votes;\s*\d+/); // the check relies on the declared count
    const dir = scratchDir('fardplan-pb-');
    // cut in the middle of the VOTES section, at a line end (so every line still parses)
    const lines = whole.split('\n');
    const votesAt = lines.findIndex((l) => l.trim() === 'VOTES');
    const cut = join(dir, 'cut.pb');
    writeFileSync(cut, lines.slice(0, votesAt + 2 + 100).join('\n') + '\n');
    await assert.rejects(tally(cut, 'mes-complete'), (e: unknown) => {
      assert.ok(e instanceof CliError);
      assert.equal(e.exitCode, 3);
      assert.match(e.message, /cut\.pb.*META num_votes is \d+ but 100 votes are listed/);
      return true;
    });
    // cut in the PROJECTS section, before any vote
    const projectsAt = lines.findIndex((l) => l.trim() === 'PROJECTS');
    const early = join(dir, 'early.pb');
    writeFileSync(early, lines.slice(0, projectsAt + 4).join('\n') + '\nVOTES\nvoter_id;vote\n');
    await assert.rejects(tally(early, 'greedy'), /early\.pb.*META num_projects is \d+ but \d+ projects are listed/);
    // the whole file still counts
    assert.ok((await tally(join(pbDir, 'pb_netherlands_amsterdam_166', 'instance.pb'), 'greedy')).winners.length > 0);
  });

  it('refuses a count mismatch unless --allow-count-mismatch, then warns and prints decimals exactly', () => {
    const dir = scratchDir('fardplan-pb-');
    const file = join(dir, 'decimals.pb');
    writeFileSync(
      file,
      'META\nkey;value\nbudget;100.5\nnum_votes;5\nvote_type;choose-1\nPROJECTS\nproject_id;cost\na;60.25\nb;40.25\n' +
        'VOTES\nvoter_id;vote\n1;a\n2;b\n3;a,a\n',
    );
    const refused = spawnCli(['pb', 'tally', file, '--rule', 'greedy']);
    assert.equal(refused.code, 3);
    assert.match(refused.stderr, /line 4, field "num_votes": META num_votes is 5 but 3 votes are listed/);
    const r = spawnCli(['pb', 'tally', file, '--rule', 'greedy', '--allow-count-mismatch']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"winners":["a","b"],"order":["a","b"],"totalCost":"100.50"}\n');
    assert.match(r.stderr, /warning: .*num_votes is 5 but 3 votes are listed/);
    assert.match(r.stderr, /warning: .*project "a" appears twice in the vote of "3" \(counted once\)/);
  });

  it('says so when the file cannot be read', async () => {
    await assert.rejects(tally(join(tmpdir(), 'no-such-file.pb'), 'greedy'), (e: unknown) => {
      assert.ok(e instanceof CliError);
      assert.equal(e.exitCode, 3);
      assert.match(e.message, /no-such-file\.pb: cannot read the file/);
      return true;
    });
  });

  it('requires --rule (usage error, exit code 2)', async () => {
    assert.equal(await main(['pb', 'tally', join(pbDir, 'pb_pabulib_format_example', 'instance.pb')]), 2);
  });
});
