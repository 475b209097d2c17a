import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  decidePhase,
  PHASES,
  projectsEditable,
  proposalTransition,
  resultsFrozen,
  resultsPublic,
  supportRefusal,
  votingOpen,
} from '../../../src/core/participation/phases.ts';

describe('budget phases', () => {
  it('go forward: draft → collecting → reviewing → voting → closed → published', () => {
    for (let i = 0; i + 1 < PHASES.length; i++) {
      const d = decidePhase(PHASES[i] as (typeof PHASES)[number], PHASES[i + 1] as (typeof PHASES)[number]);
      assert.deepEqual(d, { ok: true, correction: false, refusal: null }, `${PHASES[i]} → ${PHASES[i + 1]}`);
    }
  });

  it('may step back before voting opens, never after', () => {
    assert.equal(decidePhase('reviewing', 'collecting').ok, true);
    for (const from of ['voting', 'closed', 'published'] as const)
      for (const to of ['draft', 'collecting', 'reviewing'] as const) {
        const d = decidePhase(from, to, 'any reason');
        assert.equal(d.ok, false, `${from} → ${to}`);
        assert.equal(d.refusal?.code, 'phase_not_allowed');
      }
    assert.equal(decidePhase('published', 'voting', 'a reason').ok, false);
    assert.equal(decidePhase('published', 'closed', 'a reason').ok, false);
    assert.equal(decidePhase('voting', 'published').ok, false, 'results are frozen at closing first');
  });

  it('reopens a closed vote only as a correction with a reason', () => {
    assert.deepEqual(decidePhase('closed', 'voting'), {
      ok: false,
      correction: true,
      refusal: { code: 'phase_correction_needs_reason', params: { from: 'closed', to: 'voting' } },
    });
    assert.equal(decidePhase('closed', 'voting', '   ').ok, false);
    assert.deepEqual(decidePhase('closed', 'voting', 'Papperröster från Rinkeby saknades'), {
      ok: true,
      correction: true,
      refusal: null,
    });
  });

  it('refuses staying in the same phase', () => {
    assert.equal(decidePhase('voting', 'voting').refusal?.code, 'phase_same');
  });

  it('says what each phase allows', () => {
    assert.deepEqual(PHASES.filter(projectsEditable), ['draft', 'collecting', 'reviewing']);
    assert.deepEqual(PHASES.filter(votingOpen), ['voting']);
    assert.deepEqual(PHASES.filter(resultsFrozen), ['closed', 'published']);
    assert.deepEqual(PHASES.filter(resultsPublic), ['published']);
  });
});

describe('proposal statuses', () => {
  it('follow submitted → published | rejected → committee → answered', () => {
    assert.equal(proposalTransition('submitted', 'publish'), 'published');
    assert.equal(proposalTransition('submitted', 'reject'), 'rejected');
    assert.equal(proposalTransition('published', 'reach_threshold'), 'committee');
    assert.equal(proposalTransition('committee', 'answer'), 'answered');
    assert.equal(proposalTransition('answered', 'answer'), 'answered'); // a correction of the answer
    assert.equal(proposalTransition('submitted', 'answer'), null);
    assert.equal(proposalTransition('rejected', 'publish'), null);
    assert.equal(proposalTransition('published', 'publish'), null);
    assert.equal(proposalTransition('committee', 'reach_threshold'), null);
  });

  it('collect support only while published and within the period (Stockholm dates, inclusive)', () => {
    assert.equal(supportRefusal('published', '2026-07-15', '2026-07-15'), null);
    assert.deepEqual(supportRefusal('published', '2026-07-15', '2026-07-16'), {
      code: 'support_period_ended',
      params: { until: '2026-07-15' },
    });
    assert.deepEqual(supportRefusal('committee', null, '2026-07-01'), { code: 'support_closed' });
  });
});
