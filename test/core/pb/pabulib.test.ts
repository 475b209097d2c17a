import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { testdataDir } from '../../helpers/paths.ts';
import { PbFormatError, parsePabulib, toApprovalElection, writePabulib } from '../../../src/core/pb/pabulib.ts';

const pbDir = join(testdataDir, 'pb');
const cases = readdirSync(pbDir)
  .filter((d) => !d.startsWith('.'))
  .sort();

const SMALL = [
  'META',
  'key;value',
  'budget;100',
  'vote_type;approval',
  'PROJECTS',
  'project_id;cost;name',
  'a;60;Park',
  'b;40;Bänkar',
  'VOTES',
  'voter_id;vote',
  '1;a,b',
  '2;b',
  '',
].join('\n');

function errorOf(text: string): PbFormatError {
  try {
    parsePabulib(text);
  } catch (err) {
    assert.ok(err instanceof PbFormatError, `expected PbFormatError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the text to be refused');
}

describe('parsePabulib', () => {
  it('reads the format example with spaces around fields', () => {
    const f = parsePabulib(readFileSync(join(pbDir, 'pb_pabulib_format_example', 'instance.pb'), 'utf8'));
    assert.equal(f.budget, 2500n);
    assert.equal(f.voteType, 'approval');
    assert.deepEqual(f.projectColumns, ['project_id', 'cost', 'category']);
    assert.deepEqual(
      f.projects.map((p) => [p.id, p.cost]),
      [
        ['1', 600n],
        ['2', 800n],
        ['4', 1400n],
        ['5', 1000n],
        ['7', 1200n],
      ],
    );
    assert.equal(f.projects[0]?.fields['category'], 'culture, education');
    assert.equal(f.votes.length, 10);
    assert.deepEqual(f.votes[0]?.vote, ['1', '2', '4']);
    assert.equal(f.votes[0]?.fields['age'], '34');
    assert.equal(f.meta.find((m) => m.key === 'description')?.value, 'Municipal PB in Wieliczka');
    assert.deepEqual(f.warnings, []);
  });

  for (const c of cases) {
    it(`reads ${c} and writes it back unchanged in meaning`, () => {
      const f = parsePabulib(readFileSync(join(pbDir, c, 'instance.pb'), 'utf8'));
      assert.ok(f.projects.length > 0 && f.votes.length > 0);
      const again = parsePabulib(writePabulib(f));
      assert.deepEqual(again.meta, f.meta);
      assert.equal(again.budget, f.budget);
      assert.deepEqual(again.projectColumns, f.projectColumns);
      assert.deepEqual(
        again.projects.map((p) => [p.id, p.cost, p.fields]),
        f.projects.map((p) => [p.id, p.cost, p.fields]),
      );
      assert.deepEqual(
        again.votes.map((v) => [v.voterId, v.vote, v.fields]),
        f.votes.map((v) => [v.voterId, v.vote, v.fields]),
      );
    });
  }

  it('handles quoted fields with ";", doubled quotes and line breaks, CRLF and a BOM', () => {
    const text =
      '\ufeffMETA\r\nkey;value\r\nbudget;10\r\ndescription;"A; B ""quoted""\r\nsecond line"\r\nPROJECTS\r\nproject_id;cost;name\r\np1; 5 ;"Park ""Stok""; lek"\r\nVOTES\r\nvoter_id;vote\r\nv1;p1\r\n';
    const f = parsePabulib(text);
    assert.equal(f.meta.find((m) => m.key === 'description')?.value, 'A; B "quoted"\nsecond line');
    assert.equal(f.projects[0]?.fields['name'], 'Park "Stok"; lek');
    assert.equal(f.projects[0]?.cost, 5n);
    // line numbers count the line break inside the quoted field
    assert.equal(f.projects[0]?.line, 8);
    assert.equal(f.votes[0]?.line, 11);
    const back = parsePabulib(writePabulib(f));
    assert.equal(back.meta.find((m) => m.key === 'description')?.value, 'A; B "quoted"\nsecond line');
    assert.equal(back.projects[0]?.fields['name'], 'Park "Stok"; lek');
  });

  it('reads an empty ballot as no approvals', () => {
    const f = parsePabulib(SMALL.replace('2;b', '2;'));
    assert.deepEqual(f.votes[1]?.vote, []);
    assert.deepEqual(toApprovalElection(f).ballots, [['a', 'b'], []]);
  });

  it('accepts "100.00" as a whole amount', () => {
    assert.equal(parsePabulib(SMALL.replace('budget;100', 'budget;100.00')).budget, 100n);
  });

  it('refuses a file whose num_votes disagrees with its votes, unless told to allow it (then warns)', () => {
    const text = SMALL.replace('budget;100', 'budget;100\nnum_votes;3\nnum_projects;2');
    const e = errorOf(text);
    assert.equal(e.field, 'num_votes');
    assert.equal(e.line, 4);
    assert.match(e.message, /num_votes is 3 but 2 votes are listed/);
    const f = parsePabulib(text, { allowCountMismatch: true });
    assert.deepEqual(f.warnings, ['META num_votes is 3 but 2 votes are listed']);
  });

  it('reads amounts with decimals exactly, all in the same smallest unit', () => {
    const f = parsePabulib(SMALL.replace('budget;100', 'budget;100.5').replace('a;60;Park', 'a;60.25;Park'));
    assert.equal(f.decimals, 2);
    assert.equal(f.budget, 10050n);
    assert.deepEqual(
      f.projects.map((p) => p.cost),
      [6025n, 4000n],
    );
    assert.equal(toApprovalElection(f).unit, 100n);
  });

  it('counts a project repeated in one approval vote once, with a warning', () => {
    const f = parsePabulib(SMALL.replace('2;b', '2;b,b'));
    assert.deepEqual(f.votes[1]?.vote, ['b']);
    assert.deepEqual(f.warnings, ['line 12: project "b" appears twice in the vote of "2" (counted once)']);
    // one warning per repeated project, saying how often it was listed; the vote keeps its first order
    const g = parsePabulib(SMALL.replace('1;a,b', '1;b,a,b,a,b'));
    assert.deepEqual(g.votes[0]?.vote, ['b', 'a']);
    assert.deepEqual(g.warnings, [
      'line 11: project "b" appears 3 times in the vote of "1" (counted once)',
      'line 11: project "a" appears twice in the vote of "1" (counted once)',
    ]);
  });

  it('accepts choose-1 ballots as approval of one project and refuses one naming two', () => {
    const one = SMALL.replace('vote_type;approval', 'vote_type;choose-1').replace('1;a,b', '1;a');
    assert.deepEqual(toApprovalElection(parsePabulib(one)).ballots, [['a'], ['b']]);
    const e = errorOf(SMALL.replace('vote_type;approval', 'vote_type;choose-1'));
    assert.equal(e.line, 11);
    assert.equal(e.field, 'vote');
  });

  it('checks vote_type before anything else, so the real blocker is reported first', () => {
    const e = errorOf(SMALL.replace('vote_type;approval', 'vote_type;scoring').replace('a;60;Park', 'a;6o;Park'));
    assert.equal(e.field, 'vote_type');
    assert.equal(e.line, 4);
    assert.match(e.message, /vote_type "scoring" cannot be counted/);
  });

  it('reads cumulative points beside the votes, and refuses points that do not match', () => {
    const cum = SMALL.replace('vote_type;approval', 'vote_type;cumulative')
      .replace('voter_id;vote', 'voter_id;vote;points')
      .replace('1;a,b', '1;a,b;3,2')
      .replace('2;b\n', '2;b;5\n');
    assert.deepEqual(parsePabulib(cum).votes[0]?.points, [3n, 2n]);
    const e = errorOf(cum.replace('1;a,b;3,2', '1;a,b;3'));
    assert.equal(e.field, 'points');
    assert.equal(e.line, 11);
  });

  const bad: [string, string, number | null, string | null, RegExp][] = [
    ['a cost that is not a number', SMALL.replace('a;60;Park', 'a;6o;Park'), 7, 'cost', /"6o" is not a non-negative/],
    ['a negative budget', SMALL.replace('budget;100', 'budget;-1'), 3, 'budget', /not a non-negative amount/],
    ['an unknown project in a vote', SMALL.replace('2;b', '2;b,zz'), 12, 'vote', /unknown project "zz"/],
    [
      'a project twice in an ordinal vote',
      SMALL.replace('vote_type;approval', 'vote_type;ordinal').replace('2;b', '2;b,b'),
      12,
      'vote',
      /appears twice/,
    ],
    [
      'a duplicate project',
      SMALL.replace('b;40;Bänkar', 'a;40;Bänkar'),
      8,
      'project_id',
      /listed twice \(also on line 7\)/,
    ],
    ['a duplicate voter', SMALL.replace('2;b', '1;b'), 12, 'voter_id', /votes twice/],
    [
      'a row with too many fields',
      SMALL.replace('b;40;Bänkar', 'b;40;Bänkar;x'),
      8,
      null,
      /4 fields but the header names 3/,
    ],
    ['no budget', SMALL.replace('budget;100\n', ''), 1, null, /no "budget"/],
    [
      'a missing cost column',
      SMALL.replace('project_id;cost;name', 'project_id;price;name'),
      6,
      null,
      /lacks the column "cost"/,
    ],
    ['a missing VOTES section', SMALL.slice(0, SMALL.indexOf('VOTES')), null, null, /section VOTES is missing/],
    [
      'sections out of order',
      SMALL.replace('PROJECTS', 'VOTESX').replace('VOTES\n', 'PROJECTS\n').replace('VOTESX', 'VOTES'),
      5,
      null,
      /out of place/,
    ],
    ['text before META', 'hello\n' + SMALL, 1, null, /before the META section/],
    ['an unclosed quote', SMALL.replace('Park', '"Park'), 7, null, /not closed/],
  ];
  for (const [what, text, line, field, re] of bad) {
    it(`refuses ${what}, naming line and field`, () => {
      const e = errorOf(text);
      assert.equal(e.line, line);
      assert.equal(e.field, field);
      assert.match(e.message, re);
      if (line !== null) assert.match(e.message, new RegExp(`^line ${line}`));
      assert.match(e.inFile('x.pb').message, /^x\.pb/);
    });
  }

  it('refuses to count an ordinal vote with the approval rules', () => {
    const f = parsePabulib(SMALL.replace('vote_type;approval', 'vote_type;ordinal'));
    assert.throws(() => toApprovalElection(f), /vote_type "ordinal" is not an approval vote/);
  });
});

describe('writePabulib', () => {
  it('writes sections, default columns and quotes where needed', () => {
    const text = writePabulib({
      meta: [
        { key: 'budget', value: '500' },
        { key: 'description', value: 'Kista; Husby' },
      ],
      projects: [
        { id: 'p1', cost: 200n },
        { id: 'p2', cost: 300n },
      ],
      votes: [
        { voterId: 'v1', vote: ['p1', 'p2'] },
        { voterId: 'v2', vote: [] },
      ],
    });
    assert.equal(
      text,
      'META\nkey;value\nbudget;500\ndescription;"Kista; Husby"\nPROJECTS\nproject_id;cost\np1;200\np2;300\nVOTES\nvoter_id;vote\nv1;p1,p2\nv2;\n',
    );
    const f = parsePabulib(text);
    assert.deepEqual(toApprovalElection(f), {
      budget: 500n,
      projects: [
        { id: 'p1', cost: 200n },
        { id: 'p2', cost: 300n },
      ],
      ballots: [['p1', 'p2'], []],
    });
  });

  it('refuses what cannot be written', () => {
    assert.throws(() => writePabulib({ meta: [], projects: [], votes: [] }), /budget/);
    assert.throws(
      () => writePabulib({ meta: [{ key: 'budget', value: '1' }], projects: [{ id: 'a,b', cost: 1n }], votes: [] }),
      /comma/,
    );
  });
});
