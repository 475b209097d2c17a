/** The reporting cycle's rules in core: periods, templates and the workflow state machine. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  committeeKind,
  defaultPeriod,
  defaultTemplate,
  followUpInPeriod,
  cityApprovable,
  mayApprove,
  mayApproveCity,
  mayWrite,
  nextPeriod,
  parsePeriodId,
  periodDateProblems,
  templateFrom,
  transition,
} from '../../../src/core/reports/index.ts';

describe('report periods', () => {
  it('parses ids and gives the default dates', () => {
    assert.deepEqual(parsePeriodId('2026-T2'), { year: 2026, kind: 'T2' });
    assert.equal(parsePeriodId('2026-T4'), null);
    assert.equal(parsePeriodId('26-T1'), null);
    assert.deepEqual(defaultPeriod(2026, 'T1'), {
      id: '2026-T1',
      year: 2026,
      kind: 'T1',
      startsOn: '2026-01-01',
      endsOn: '2026-04-30',
      dueOn: '2026-05-20',
    });
    assert.equal(defaultPeriod(2026, 'T2').endsOn, '2026-08-31');
    assert.equal(defaultPeriod(2026, 'VB').dueOn, '2027-02-15');
  });
  it('steps T1 → T2 → VB → next T1', () => {
    assert.deepEqual(nextPeriod('2026-T1'), { year: 2026, kind: 'T2' });
    assert.deepEqual(nextPeriod('2026-T2'), { year: 2026, kind: 'VB' });
    assert.deepEqual(nextPeriod('2026-VB'), { year: 2027, kind: 'T1' });
  });
  it('checks the order of dates', () => {
    assert.deepEqual(periodDateProblems({ startsOn: '2026-01-01', endsOn: '2026-04-30', dueOn: '2026-05-20' }), []);
    assert.deepEqual(
      periodDateProblems({ startsOn: '2026-05-01', endsOn: '2026-04-30', dueOn: '2026-04-01' }).map((p) => p.field),
      ['endsOn', 'dueOn'],
    );
  });
  it("puts a follow-up in the periods it ends within (T2 covers T1's, the year's only in VB)", () => {
    const t1 = defaultPeriod(2026, 'T1');
    const t2 = defaultPeriod(2026, 'T2');
    const vb = defaultPeriod(2026, 'VB');
    assert.equal(followUpInPeriod('2026-T1', t1), true);
    assert.equal(followUpInPeriod('2026-T2', t1), false);
    assert.equal(followUpInPeriod('2026-T1', t2), true);
    assert.equal(followUpInPeriod('2026-Q3', t2), false);
    assert.equal(followUpInPeriod('2026-05', t2), true);
    assert.equal(followUpInPeriod('2026', t2), false);
    assert.equal(followUpInPeriod('2026', vb), true);
    assert.equal(followUpInPeriod('2025-T3', t1), false);
    assert.equal(followUpInPeriod('soon', vb), false);
  });
});

describe('committee kinds and templates', () => {
  it('reads the old vocabulary', () => {
    assert.equal(committeeKind('district'), 'stadsdelsnamnd');
    assert.equal(committeeKind('specialist'), 'facknamnd');
    assert.equal(committeeKind('council'), 'kommunstyrelse');
    assert.equal(committeeKind('company'), 'bolagsstyrelse');
    assert.equal(committeeKind('kommunfullmaktige'), 'kommunfullmaktige');
  });
  it('gives districts the area and participation sections', () => {
    const keys = (k: Parameters<typeof defaultTemplate>[0]) => defaultTemplate(k).sections.map((s) => s.key);
    assert.deepEqual(keys('stadsdelsnamnd'), [
      'targets',
      'interventions',
      'areas',
      'participation',
      'analysis',
      'measures',
      'risks',
    ]);
    assert.deepEqual(keys('facknamnd'), ['targets', 'interventions', 'analysis', 'measures', 'risks']);
  });
  it('uses a stored template when it is valid, else the default', () => {
    const stored = {
      sections: [
        { key: 'targets', kind: 'generated', generator: 'targets' },
        { key: 'analysis', kind: 'written' },
      ],
    };
    assert.deepEqual(
      templateFrom('facknamnd', stored).sections.map((s) => s.key),
      ['targets', 'analysis'],
    );
    assert.equal(
      templateFrom('facknamnd', { sections: [{ key: 'x', kind: 'generated', generator: 'nope' }] }).sections.length,
      5,
    );
  });
});

describe('the workflow', () => {
  const sections = [
    { key: 'targets', kind: 'generated' as const, state: 'utkast' as const },
    { key: 'analysis', kind: 'written' as const, state: 'klar' as const },
    { key: 'risks', kind: 'written' as const, state: 'utkast' as const },
  ];
  it('marks ready only when every written section is ready', () => {
    assert.deepEqual(transition('utkast', 'submit', sections), {
      ok: false,
      refusal: { code: 'sections_not_ready', sections: ['risks'] },
    });
    const ready = sections.map((s) => ({ ...s, state: 'klar' as const }));
    assert.deepEqual(transition('utkast', 'submit', ready), { ok: true, value: 'klar' });
  });
  it('goes utkast → klar → godkänd, and a new version back to utkast', () => {
    assert.deepEqual(transition('klar', 'approve', []), { ok: true, value: 'godkand' });
    assert.deepEqual(transition('klar', 'return', []), { ok: true, value: 'utkast' });
    assert.deepEqual(transition('godkand', 'new_version', []), { ok: true, value: 'utkast' });
    for (const [state, action] of [
      ['utkast', 'approve'],
      ['godkand', 'return'],
      ['godkand', 'submit'],
      ['utkast', 'new_version'],
    ] as const)
      assert.equal(transition(state, action, []).ok, false, `${state} ${action}`);
  });
  it('lets the configured approver role approve, district editors only their own committee', () => {
    const r = { committeeId: 'sdn-jarva', approverRole: 'district_editor' as const };
    const own = { role: 'district_editor' as const, committeeId: 'sdn-jarva', committeeAreaIds: [] };
    const other = { role: 'district_editor' as const, committeeId: 'sdn-sodermalm', committeeAreaIds: [] };
    assert.equal(mayApprove(own, r), true);
    assert.equal(mayApprove(other, r), false);
    assert.equal(mayApprove({ role: 'analyst' }, r), false);
    assert.equal(mayApprove({ role: 'admin' }, r), true);
    assert.equal(mayApprove({ role: 'analyst' }, { ...r, approverRole: 'analyst' }), true);
    assert.equal(mayApprove({ role: 'reader' }, { ...r, approverRole: 'analyst' }), false);
    assert.equal(mayWrite(other, r), false);
    assert.equal(mayWrite(other, r, true), true, 'an assigned reporter writes their section');
    assert.equal(mayWrite({ role: 'reader' }, r), false);
    assert.equal(mayWrite(null, r), false);
  });
  it('lets analysts and administrators approve the city report once; not district editors, readers or the public', () => {
    assert.equal(mayApproveCity({ role: 'analyst' }), true);
    assert.equal(mayApproveCity({ role: 'admin' }), true);
    const editor = { role: 'district_editor' as const, committeeId: 'sdn-jarva', committeeAreaIds: [] };
    assert.equal(mayApproveCity(editor), false);
    assert.equal(mayApproveCity({ role: 'reader' }), false);
    assert.equal(mayApproveCity(null), false);
    assert.deepEqual(cityApprovable('2026-T1', false), { ok: true, value: true });
    assert.deepEqual(cityApprovable('2026-T1', true), {
      ok: false,
      refusal: { code: 'city_approved', period: '2026-T1' },
    });
  });
});
