import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  PERMISSIONS,
  ROLES,
  auditSnapshot,
  can,
  canChange,
  canSome,
  changedFields,
  checkPassword,
  lockoutState,
  normaliseUsername,
  rateLimit,
  visibleStates,
  visibleTo,
} from '../../src/core/access.ts';
import type { Actor, Permission, Role } from '../../src/core/access.ts';

// The expected matrix, written out independently of GRANTS: A = all areas, C = own committee's
// areas only, - = refused.
const EXPECTED: Record<Permission, Record<Role, 'A' | 'C' | '-'>> = {
  'users:manage': { admin: 'A', analyst: '-', district_editor: '-', reader: '-', public: '-' },
  'settings:manage': { admin: 'A', analyst: '-', district_editor: '-', reader: '-', public: '-' },
  'indicators:write': { admin: 'A', analyst: 'A', district_editor: '-', reader: '-', public: '-' },
  'imports:write': { admin: 'A', analyst: 'A', district_editor: '-', reader: '-', public: '-' },
  'goals:write': { admin: 'A', analyst: 'A', district_editor: '-', reader: '-', public: '-' },
  'targets:write': { admin: 'A', analyst: 'A', district_editor: '-', reader: '-', public: '-' },
  'interventions:write': { admin: 'A', analyst: 'A', district_editor: 'C', reader: '-', public: '-' },
  'followups:write': { admin: 'A', analyst: 'A', district_editor: 'C', reader: '-', public: '-' },
  'participation:moderate': { admin: 'A', analyst: 'A', district_editor: 'C', reader: '-', public: '-' },
  'participation:manage': { admin: 'A', analyst: 'A', district_editor: 'C', reader: '-', public: '-' },
  'drafts:read': { admin: 'A', analyst: 'A', district_editor: 'A', reader: 'A', public: '-' },
  'audit:read': { admin: 'A', analyst: '-', district_editor: '-', reader: '-', public: '-' },
  'reports:write': { admin: 'A', analyst: 'A', district_editor: 'C', reader: '-', public: '-' },
  'reports:approve': { admin: 'A', analyst: 'A', district_editor: 'C', reader: '-', public: '-' },
};

// Committee 10 (say Rinkeby-Kista) owns areas 1, 2 and the sub-areas 101, 102; committee 20 owns 3.
const OWN = { committeeId: 10, areaIds: [1, 101] };
const OTHER = { committeeId: 20, areaIds: [3] };
const CITY_WIDE = { committeeId: 99, areaIds: [], cityWide: true };

function actor(role: Role): Actor | null {
  if (role === 'public') return null;
  return {
    role,
    committeeId: role === 'district_editor' ? 10 : null,
    committeeAreaIds: role === 'district_editor' ? [1, 2, 101, 102] : [],
  };
}

describe('access: role × permission matrix', () => {
  it('covers every permission and role', () => {
    assert.deepEqual(Object.keys(EXPECTED).sort(), [...PERMISSIONS].sort());
    for (const p of PERMISSIONS) assert.deepEqual(Object.keys(EXPECTED[p]).sort(), [...ROLES].sort());
  });

  for (const permission of PERMISSIONS) {
    for (const role of ROLES) {
      const expected = EXPECTED[permission][role];
      it(`${role} ${expected === '-' ? 'is refused' : expected === 'A' ? 'may (all areas)' : 'may (own areas)'} ${permission}`, () => {
        const a = actor(role);
        assert.equal(can(a, permission, OWN), expected !== '-', 'own committee resource');
        assert.equal(can(a, permission, OTHER), expected === 'A', 'other committee resource');
        assert.equal(can(a, permission, CITY_WIDE), expected === 'A', 'city-wide resource');
        assert.equal(can(a, permission), expected === 'A', 'without a resource (fail closed when scoped)');
        assert.equal(canSome(a, permission), expected !== '-', 'in some scope');
      });
    }
  }

  it('treats undefined the same as the public', () => {
    for (const p of PERMISSIONS) assert.equal(can(undefined, p, OWN), false);
    assert.equal(canSome(undefined, 'drafts:read'), false);
  });
});

describe('access: district editor scoping', () => {
  const editor: Actor = { role: 'district_editor', committeeId: 10, committeeAreaIds: [1, 2, 101, 102] };

  it('may change an intervention of their own committee, even one aimed at a single sub-area', () => {
    assert.equal(can(editor, 'interventions:write', { committeeId: 10, areaIds: [102] }), true);
  });

  it('may change an intervention of another committee when every target area is theirs', () => {
    assert.equal(can(editor, 'interventions:write', { committeeId: 'social', areaIds: [1, 102] }), true);
  });

  it("is refused another district's intervention", () => {
    assert.equal(can(editor, 'interventions:write', { committeeId: 20, areaIds: [3] }), false);
    assert.equal(can(editor, 'followups:write', { committeeId: 20, areaIds: [3] }), false);
  });

  it('is refused an intervention of another committee that reaches outside their areas', () => {
    assert.equal(can(editor, 'interventions:write', { committeeId: 20, areaIds: [1, 3] }), false);
  });

  it('is refused city-wide interventions of other committees, and ones with no areas', () => {
    assert.equal(can(editor, 'interventions:write', { committeeId: 20, areaIds: [1], cityWide: true }), false);
    assert.equal(can(editor, 'interventions:write', { committeeId: 20, areaIds: [] }), false);
    assert.equal(can(editor, 'interventions:write', { committeeId: null }), false);
  });

  it('compares ids as text, so "10" and 10 are the same committee', () => {
    assert.equal(can(editor, 'interventions:write', { committeeId: '10', areaIds: ['3'] }), true);
    assert.equal(can(editor, 'interventions:write', { committeeId: 'x', areaIds: ['1', '2'] }), true);
  });

  it('an editor without a committee may change nothing', () => {
    const orphan: Actor = { role: 'district_editor', committeeId: null, committeeAreaIds: [1] };
    assert.equal(can(orphan, 'interventions:write', { committeeId: null, areaIds: [1] }), false);
    assert.equal(canSome(orphan, 'interventions:write'), false);
    assert.equal(can(orphan, 'drafts:read'), true);
  });

  it('a change must be allowed both before and after (no moving an intervention out of or into the district)', () => {
    const mine = { committeeId: 10, areaIds: [1] };
    const theirs = { committeeId: 20, areaIds: [3] };
    assert.equal(canChange(editor, 'interventions:write', mine, { committeeId: 10, areaIds: [1, 2] }), true);
    assert.equal(canChange(editor, 'interventions:write', null, mine), true, 'create own');
    assert.equal(canChange(editor, 'interventions:write', mine, null), true, 'delete own');
    assert.equal(canChange(editor, 'interventions:write', theirs, mine), false, 'take over another district');
    assert.equal(canChange(editor, 'interventions:write', mine, theirs), false, 'hand over to another district');
    assert.equal(canChange(editor, 'interventions:write', null, theirs), false, 'create for another district');
    assert.equal(canChange(editor, 'interventions:write', null, null), false);
    const analyst: Actor = { role: 'analyst' };
    assert.equal(canChange(analyst, 'interventions:write', theirs, mine), true);
    assert.equal(canChange(null, 'interventions:write', null, mine), false);
  });

  it('participation moderation is scoped to the area of the proposal', () => {
    assert.equal(can(editor, 'participation:moderate', { areaIds: [2] }), true);
    assert.equal(can(editor, 'participation:moderate', { areaIds: [3] }), false);
  });
});

describe('access: publishing', () => {
  it('everyone sees published content; only staff see drafts', () => {
    const expected: Record<Role, boolean> = {
      admin: true,
      analyst: true,
      district_editor: true,
      reader: true,
      public: false,
    };
    for (const role of ROLES) {
      assert.equal(visibleTo(actor(role), 'published'), true, role);
      assert.equal(visibleTo(actor(role), 'draft'), expected[role], role);
      assert.deepEqual(visibleStates(actor(role)), expected[role] ? ['draft', 'published'] : ['published'], role);
    }
  });
});

describe('access: password policy', () => {
  const cases: [string, string, string[]][] = [
    ['correct horse battery', 'anna', []],
    ['Kort1!', 'anna', ['too_short']],
    ['elevenchars', 'anna', ['too_short']],
    ['twelve chars', 'anna', []],
    ['åäöåäöåäöåäx', 'anna', []], // 12 code points
    ['🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂', 'anna', ['too_short', 'single_character']], // 11 code points, 22 UTF-16 units
    ['anna.andersson', 'anna.andersson', ['equals_username']],
    ['ANNA.ANDERSSON', 'anna.andersson', ['equals_username']],
    ['my anna.andersson pw', 'Anna.Andersson', ['contains_username']],
    ['aaaaaaaaaaaaaaaa', 'bo', ['single_character']],
    ['Password1234', 'anna', ['common']],
    ['Stockholm2026', 'anna', ['common']],
    ['tab\there is bad!', 'anna', ['control_character']],
    ['x'.repeat(257) + 'y', 'anna', ['too_long']],
    ['bo is my name, ok?', 'bo', []], // usernames shorter than 3 are not searched for
  ];
  for (const [pw, user, problems] of cases) {
    it(`${JSON.stringify(pw.length > 30 ? pw.slice(0, 10) + '…' : pw)} for ${user} → ${problems.join(', ') || 'ok'}`, () => {
      const r = checkPassword(pw, user);
      assert.deepEqual([...r.problems].sort(), [...problems].sort());
      assert.equal(r.ok, problems.length === 0);
    });
  }
});

describe('access: usernames', () => {
  it('normalises to lower case and refuses odd names', () => {
    assert.equal(normaliseUsername('  Anna.Andersson@Stad.se '), 'anna.andersson@stad.se');
    assert.equal(normaliseUsername('ab'), null);
    assert.equal(normaliseUsername('a b c'), null);
    assert.equal(normaliseUsername('-anna'), null);
    assert.equal(normaliseUsername('abc'), 'abc');
  });
});

describe('access: lock-out', () => {
  const min = 60_000;
  const policy = { maxFailures: 5, windowMs: 15 * min, lockMs: 15 * min };
  const t0 = Date.UTC(2026, 0, 1, 8, 0, 0);

  it('is open with no failures, counting what is left', () => {
    assert.deepEqual(lockoutState([], t0, policy), { locked: false, until: null, remaining: 5 });
    assert.deepEqual(lockoutState([t0 - min, t0 - 2 * min], t0, policy), { locked: false, until: null, remaining: 3 });
  });

  it('locks after five failures within the window, until 15 minutes after the fifth', () => {
    const f = [0, 1, 2, 3, 4].map((i) => t0 + i * min);
    const fifth = t0 + 4 * min;
    assert.deepEqual(lockoutState(f, fifth, policy), { locked: true, until: fifth + 15 * min, remaining: 0 });
    assert.equal(lockoutState(f, fifth + 15 * min - 1, policy).locked, true);
    const after = lockoutState(f, fifth + 15 * min, policy);
    assert.equal(after.locked, false);
    // all five failures have left the window by then (it is 15 minutes wide, ending now)
    assert.equal(after.remaining, 5);
    assert.equal(lockoutState(f, fifth + 15 * min - 1, policy).remaining, 0);
    assert.equal(lockoutState(f, fifth + 20 * min, policy).locked, false);
  });

  it('four failures do not lock; five spread wider than the window do not either', () => {
    const four = [0, 1, 2, 3].map((i) => t0 + i * min);
    assert.equal(lockoutState(four, t0 + 4 * min, policy).locked, false);
    assert.equal(lockoutState(four, t0 + 4 * min, policy).remaining, 1);
    const spread = [0, 4, 8, 12, 16].map((i) => t0 + i * min); // first to fifth: 16 minutes
    assert.equal(lockoutState(spread, t0 + 16 * min, policy).locked, false);
  });

  it('ignores failures in the future and unordered input', () => {
    const f = [4, 2, 0, 3, 1].map((i) => t0 + i * min);
    assert.equal(lockoutState(f, t0 + 5 * min, policy).locked, true);
    assert.equal(lockoutState(f, t0 + 3 * min, policy).locked, false, 'the 5th failure has not happened yet');
  });
});

describe('access: rate limit', () => {
  it('allows up to the limit within the window and says when the next is allowed', () => {
    const limit = { limit: 3, windowMs: 1000 };
    assert.deepEqual(rateLimit([100, 200], 500, limit), { allowed: true, retryAt: null });
    assert.deepEqual(rateLimit([100, 200, 300], 500, limit), { allowed: false, retryAt: 1100 });
    assert.deepEqual(rateLimit([100, 200, 300], 1100, limit), { allowed: true, retryAt: null });
    assert.deepEqual(rateLimit([100, 200, 300, 400], 1100, limit), { allowed: false, retryAt: 1200 });
  });
});

describe('access: audit helpers', () => {
  it('lists changed fields', () => {
    assert.deepEqual(changedFields({ a: 1, b: 2n, c: 'x' }, { a: 1, b: 3n, d: true }), ['b', 'c', 'd']);
    assert.deepEqual(changedFields(null, { a: 1 }), ['a']);
  });

  it('makes JSON-safe snapshots and redacts secrets', () => {
    const snap = auditSnapshot({
      amount: 4_000_000n,
      at: new Date(Date.UTC(2026, 0, 2)),
      password_hash: '$argon2id$…',
      nested: [{ token: 't', x: 1 }],
      skip: undefined,
    });
    assert.deepEqual(snap, {
      amount: '4000000',
      at: '2026-01-02T00:00:00.000Z',
      password_hash: '[redacted]',
      nested: [{ token: '[redacted]', x: 1 }],
    });
    assert.equal(JSON.stringify(snap).includes('argon2'), false);
  });
});
