import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_AMOUNT,
  STATUS_TRANSITIONS,
  applyInterventionPatch,
  budgetLineFrom,
  canChangeStatus,
  type EditableFields,
} from '../../../src/core/interventions/edit.ts';
import { INTERVENTION_STATUSES } from '../../../src/core/interventions/types.ts';

const current: EditableFields = {
  name: 'Fältassistenter',
  description: '',
  status: 'running',
  startDate: '2024-01-01',
  endDate: '2025-12-31',
  fundingSource: 'Ordinarie budget',
  publication: 'published',
};

const fieldsOf = (r: ReturnType<typeof applyInterventionPatch> | ReturnType<typeof budgetLineFrom>): string[] =>
  r.ok ? [] : r.problems.map((p) => p.field ?? '');

describe('applyInterventionPatch', () => {
  it('changes only the fields given (trimming names)', () => {
    const r = applyInterventionPatch(current, { name: '  Fler fältassistenter ', endDate: null, publication: 'draft' });
    assert.ok(r.ok);
    assert.deepEqual(r.value, { ...current, name: 'Fler fältassistenter', endDate: null, publication: 'draft' });
    assert.equal(current.name, 'Fältassistenter', 'the stored state is not modified');
  });

  it('refuses an end before the start, naming the field that was given', () => {
    assert.deepEqual(fieldsOf(applyInterventionPatch(current, { endDate: '2023-12-31' })), ['endDate']);
    assert.deepEqual(fieldsOf(applyInterventionPatch(current, { startDate: '2026-01-01' })), ['startDate']);
    assert.ok(applyInterventionPatch(current, { startDate: '2025-12-31' }).ok, 'start on the end day is fine');
  });

  it('refuses dates that are not real dates', () => {
    assert.deepEqual(fieldsOf(applyInterventionPatch(current, { startDate: '2023-02-29', endDate: '2024-13-01' })), [
      'startDate',
      'endDate',
    ]);
    assert.ok(applyInterventionPatch(current, { startDate: '2024-02-29' }).ok, 'a leap day');
  });

  it('refuses dates that leave budget years outside them', () => {
    const r = applyInterventionPatch(current, { endDate: '2024-12-31' }, [2024, 2025, 2025]);
    assert.equal(r.ok, false);
    assert.deepEqual(fieldsOf(r), ['endDate']);
    assert.match(r.ok ? '' : (r.problems[0]?.message ?? ''), /2025/);
    assert.ok(applyInterventionPatch(current, { endDate: '2025-01-31' }, [2024, 2025]).ok);
  });

  it('refuses empty names and funding sources', () => {
    assert.deepEqual(fieldsOf(applyInterventionPatch(current, { name: '   ', fundingSource: '' })), [
      'name',
      'fundingSource',
    ]);
  });

  it('allows exactly the documented status changes', () => {
    assert.deepEqual(STATUS_TRANSITIONS, {
      planned: ['decided', 'running', 'stopped'],
      decided: ['planned', 'running', 'stopped'],
      running: ['finished', 'stopped'],
      finished: ['running'],
      stopped: ['planned', 'decided'],
    });
    for (const from of INTERVENTION_STATUSES) {
      assert.ok(canChangeStatus(from, from), `${from} → ${from}`);
      for (const to of INTERVENTION_STATUSES) {
        const r = applyInterventionPatch({ ...current, status: from }, { status: to });
        assert.equal(r.ok, canChangeStatus(from, to), `${from} → ${to}`);
        if (!r.ok) assert.deepEqual(fieldsOf(r), ['status']);
      }
    }
    assert.equal(canChangeStatus('finished', 'planned'), false);
    assert.equal(canChangeStatus('running', 'planned'), false);
  });
});

describe('budgetLineFrom', () => {
  const iv = {
    areas: ['sdo:J', 'sdo:S'],
    startDate: '2024-03-01',
    endDate: null,
    budget: [
      { year: 2024, area: 'sdo:J', planned: 1n, decided: null, spent: null },
      { year: 2025, area: null, planned: 5n, decided: null, spent: null },
    ],
  };

  it('parses amounts exactly: whole kronor by default, other units when named', () => {
    const r = budgetLineFrom(2025, null, { planned: '4,5 mnkr', decided: '4 500 001', spent: null }, iv);
    assert.ok(r.ok);
    assert.deepEqual(r.value, { year: 2025, area: null, planned: 4_500_000n, decided: 4_500_001n, spent: null });
    const big = budgetLineFrom(2026, null, { planned: '123456789012345', decided: null, spent: null }, iv);
    assert.ok(big.ok);
    assert.equal(big.value.planned, 123_456_789_012_345n);
  });

  it('refuses negative, too precise, unreadable and too large amounts, naming the field', () => {
    const r = budgetLineFrom(2025, null, { planned: '-1', decided: '0,5 kr', spent: 'fyra' }, iv);
    assert.deepEqual(fieldsOf(r), ['planned', 'decided', 'spent']);
    assert.deepEqual(
      fieldsOf(budgetLineFrom(2025, null, { planned: (MAX_AMOUNT + 1n).toString(), decided: null, spent: null }, iv)),
      ['planned'],
    );
  });

  it('keeps a year to one whole-intervention line or per-area lines, areas of the intervention, years within the dates', () => {
    assert.deepEqual(fieldsOf(budgetLineFrom(2024, null, { planned: '1', decided: null, spent: null }, iv)), ['area']);
    assert.deepEqual(fieldsOf(budgetLineFrom(2025, 'sdo:S', { planned: '1', decided: null, spent: null }, iv)), [
      'area',
    ]);
    assert.deepEqual(fieldsOf(budgetLineFrom(2024, 'sdo:X', { planned: '1', decided: null, spent: null }, iv)), [
      'area',
    ]);
    assert.deepEqual(fieldsOf(budgetLineFrom(2024, 'city', { planned: '1', decided: null, spent: null }, iv)), [
      'area',
    ]);
    assert.deepEqual(fieldsOf(budgetLineFrom(2023, null, { planned: '1', decided: null, spent: null }, iv)), ['year']);
    assert.ok(budgetLineFrom(2024, 'sdo:S', { planned: null, decided: null, spent: null }, iv).ok);
    assert.ok(
      budgetLineFrom(2024, 'sdo:J', { planned: '2', decided: null, spent: null }, iv).ok,
      'replacing the same line',
    );
  });
});
