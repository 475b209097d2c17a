import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FRAMEWORK_STATUS, NOT_STATED, fromFramework } from '../../../src/core/interventions/register.ts';
import type { Intervention as FrameworkIntervention } from '../../../src/core/goals/framework-schema.ts';

const base: FrameworkIntervention = {
  id: 'i-x',
  name: { sv: 'Insats', en: 'Intervention' },
  description: 'Beskrivning.',
  responsibleCommittee: null,
  fundingSource: null,
  amountsPerYear: {},
  targetAreas: [],
  linkedGoalAreas: ['uppvaxt-utbildning'],
  linkedStrategies: ['uu-1'],
  linkedTargets: [],
  status: 'proposed',
  citation: { document: '001_082b2fdf56f4f767.txt', section: 'Förslag', quote: 'citat' },
};

const areas: Record<string, string> = { järva: 'stadsdelsomrade-2023:0180D-jarva', rinkeby: 'stadsdel:0180S-rinkeby' };
const resolve = (name: string): string | null => areas[name.toLowerCase()] ?? null;

describe('fromFramework', () => {
  it('maps statuses and keeps amounts exactly as planned money per year', () => {
    assert.deepEqual(FRAMEWORK_STATUS, {
      proposed: 'planned',
      decided: 'decided',
      ongoing: 'running',
      completed: 'finished',
    });
    const { intervention } = fromFramework(
      { ...base, status: 'ongoing', amountsPerYear: { '2022': '250000', '2021': '100000000' } },
      resolve,
    );
    assert.equal(intervention.status, 'running');
    assert.deepEqual(intervention.budget, [
      { year: 2021, area: null, planned: 100_000_000n, decided: null, spent: null },
      { year: 2022, area: null, planned: 250_000n, decided: null, spent: null },
    ]);
  });
  it('treats no target areas as city-wide, resolves named areas and reports places that are no area', () => {
    assert.deepEqual(fromFramework(base, resolve).intervention.areas, ['city']);
    const r = fromFramework({ ...base, targetAreas: ['Rinkeby', 'Järva', 'Stureplan'] }, resolve);
    assert.deepEqual(r.intervention.areas, ['stadsdel:0180S-rinkeby', 'stadsdelsomrade-2023:0180D-jarva']);
    assert.deepEqual(r.unresolvedAreas, ['Stureplan']);
    const none = fromFramework({ ...base, targetAreas: ['Söderort'] }, resolve);
    assert.deepEqual(none.intervention.areas, []);
  });
  it('keeps the citation and the note, and says when the funding source is not stated', () => {
    const { intervention } = fromFramework({ ...base, note: 'En not.' }, resolve);
    assert.equal(intervention.description, 'Beskrivning.\n\nEn not.');
    assert.equal(intervention.fundingSource, NOT_STATED);
    assert.equal(intervention.committee, '');
    assert.deepEqual(intervention.citation, {
      document: '001_082b2fdf56f4f767.txt',
      section: 'Förslag',
      quote: 'citat',
    });
    assert.equal(
      fromFramework({ ...base, fundingSource: 'Trygghetsfonden', responsibleCommittee: 'Socialnämnden' }, resolve)
        .intervention.committee,
      'Socialnämnden',
    );
  });
});
