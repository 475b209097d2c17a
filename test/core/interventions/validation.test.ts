import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  IMPORT_COLUMNS,
  interventionsToRows,
  isIsoDate,
  validateImport,
} from '../../../src/core/interventions/validation.ts';
import type { ImportProblem, ImportSheet } from '../../../src/core/interventions/validation.ts';
import { parseStatus } from '../../../src/core/interventions/types.ts';
import type { KnownRefs } from '../../../src/core/interventions/types.ts';

const known: KnownRefs = {
  areas: [
    { code: 'jarva', name: 'Järva' },
    { code: 'skarholmen', name: 'Skärholmen' },
    { code: 'farsta', name: 'Farsta' },
  ],
  goalAreas: [
    { code: 'trygghet', name: 'Trygghet' },
    { code: 'utbildning', name: 'Utbildning' },
  ],
  targets: [{ code: 'trygghet-1' }],
};

type Cells = Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>;

function sheet(rows: Cells[], header: readonly string[] = IMPORT_COLUMNS): ImportSheet {
  return {
    header,
    rows: rows.map((cells, i) => ({
      row: i + 2,
      cells: Object.fromEntries(header.map((h) => [h, (cells as Record<string, string>)[h] ?? ''])),
    })),
  };
}

const base: Cells = {
  id: 'faltassistenter',
  name: 'Fler fältassistenter',
  committee: 'Stadsdelsnämnderna',
  funding_source: 'Ordinarie budget',
  areas: 'Järva; skarholmen',
  goal_areas: 'trygghet',
  start_date: '2024-01-01',
  end_date: '2025-12-31',
  status: 'beslutad',
};

function codes(ps: readonly ImportProblem[]): string[] {
  return ps.map((p) => `${p.row}:${p.column}:${p.code}`);
}

describe('validateImport', () => {
  it('builds interventions with exact budget lines from valid rows', () => {
    const p = validateImport(
      sheet([
        { ...base, year: '2024', budget_area: 'jarva', planned_mnkr: '10', decided_mnkr: '9,5', spent_mnkr: '' },
        { ...base, year: '2024', budget_area: 'Skärholmen', planned_mnkr: '6', decided_mnkr: '6.5' },
        { ...base, year: '2025', planned_mnkr: '16' },
        {
          id: 'foraldraskap',
          name: 'Föräldraskapsstöd',
          committee: 'Socialnämnden',
          funding_source: 'Ordinarie budget',
          areas: 'Hela staden',
          status: 'planned',
        },
      ]),
      known,
    );
    assert.deepEqual(p.problems, []);
    assert.equal(p.ok, true);
    assert.equal(p.rowCount, 4);
    assert.equal(p.interventions.length, 2);
    const f = p.interventions[0];
    assert.ok(f);
    assert.deepEqual(f.areas, ['jarva', 'skarholmen']);
    assert.equal(f.status, 'decided');
    assert.deepEqual(f.budget, [
      { year: 2024, area: 'jarva', planned: 10_000_000n, decided: 9_500_000n, spent: null },
      { year: 2024, area: 'skarholmen', planned: 6_000_000n, decided: 6_500_000n, spent: null },
      { year: 2025, area: null, planned: 16_000_000n, decided: null, spent: null },
    ]);
    assert.deepEqual(p.interventions[1]?.areas, ['city']);
    assert.deepEqual(p.interventions[1]?.budget, []);
    assert.deepEqual(p.totals, { planned: 32_000_000n, decided: 16_000_000n, spent: 0n, budgetLines: 3 });
  });

  it('reports every problem of every row with row and column', () => {
    const p = validateImport(
      sheet([
        {
          ...base,
          areas: 'Järva;Atlantis',
          goal_areas: 'trygghet;frihet',
          targets: 'trygghet-9',
          year: '2024',
          planned_mnkr: 'fyra',
        },
        {
          ...base,
          id: 'b',
          status: 'halvklar',
          start_date: '2024-02-30',
          end_date: '2023-01-01',
          year: '24',
          decided_mnkr: '-1',
        },
        { ...base, id: 'c', year: '2024', spent_mnkr: '0,0000001' },
        { ...base, id: 'c', year: '2024', planned_mnkr: '1' },
        { ...base, id: 'c', year: '2024', budget_area: 'jarva', planned_mnkr: '1' },
        { ...base, id: 'c', name: 'Annat namn', year: '2025', budget_area: 'farsta' },
        { ...base, id: 'Bad Id!', name: '', year: '', planned_mnkr: '3' },
      ]),
      known,
    );
    assert.equal(p.ok, false);
    assert.deepEqual(codes(p.problems), [
      '2:areas:unknown-area',
      '2:goal_areas:unknown-goal-area',
      '2:targets:unknown-target',
      '2:planned_mnkr:bad-amount',
      '3:start_date:bad-date',
      '3:status:unknown-status',
      '3:year:bad-year',
      '3:decided_mnkr:bad-amount',
      '4:spent_mnkr:bad-amount',
      '5:year:duplicate-budget-line',
      '6:budget_area:overlapping-budget-line',
      '7:name:inconsistent-value',
      '7:budget_area:budget-area-not-targeted',
      '8:id:bad-id',
      '8:name:missing-value',
      '8:year:missing-value',
    ]);
    const first = p.problems[0];
    assert.equal(first?.value, 'Atlantis');
    assert.equal(first?.columnIndex, IMPORT_COLUMNS.indexOf('areas') + 1);
    assert.match(p.problems.find((x) => x.code === 'duplicate-budget-line')?.message ?? '', /row 4/);
    assert.match(p.problems.find((x) => x.code === 'inconsistent-value')?.message ?? '', /row 4/);
    assert.match(p.problems.find((x) => x.row === 4)?.message ?? '', /more precise than a krona/);
    assert.match(p.problems.find((x) => x.row === 3 && x.column === 'decided_mnkr')?.message ?? '', /negative/);
  });

  it('reports an end date before the start date and a year outside the dates', () => {
    const p = validateImport(
      sheet([
        { ...base, start_date: '2024-06-01', end_date: '2024-01-01' },
        { ...base, id: 'x', year: '2027', planned_mnkr: '1' },
      ]),
      known,
    );
    assert.deepEqual(codes(p.problems), ['2:end_date:end-before-start', '3:year:year-outside-dates']);
  });

  it('rejects city-wide mixed with named areas, and accepts names and codes in any case', () => {
    const p = validateImport(
      sheet([
        { ...base, areas: 'city;jarva' },
        { ...base, id: 'y', areas: 'JÄRVA;Farsta', goal_areas: 'UTBILDNING' },
      ]),
      known,
    );
    assert.deepEqual(codes(p.problems), ['2:areas:city-wide-mixed']);
    assert.deepEqual(p.interventions[1]?.areas, ['jarva', 'farsta']);
    assert.deepEqual(p.interventions[1]?.goalAreas, ['utbildning']);
  });

  it('checks the header: missing required, unknown and duplicate columns', () => {
    const header = ['id', 'name', 'committee', 'areas', 'status', 'plannd_mnkr'];
    const p = validateImport(sheet([{ id: 'a' }], header), known);
    assert.deepEqual(codes(p.problems), ['1:plannd_mnkr:unknown-column', '1:funding_source:missing-column']);
    assert.equal(p.interventions.length, 0);
    const d = validateImport(sheet([], [...IMPORT_COLUMNS, 'year']), known);
    assert.ok(d.problems.some((x) => x.code === 'duplicate-column' && x.columnIndex === IMPORT_COLUMNS.length + 1));
  });

  it('reports a file without data rows, and skips blank rows', () => {
    assert.deepEqual(codes(validateImport(sheet([]), known).problems), ['1::no-rows']);
    const p = validateImport(sheet([{}, { ...base }]), known);
    assert.equal(p.ok, true);
    assert.equal(p.rowCount, 1);
  });

  it('writes rows that validate back to the same interventions', () => {
    const p = validateImport(
      sheet([
        { ...base, year: '2024', budget_area: 'jarva', planned_mnkr: '10,25', decided_mnkr: '0,000001' },
        { ...base, year: '2025', planned_mnkr: '16' },
      ]),
      known,
    );
    const rows = interventionsToRows(p.interventions);
    assert.equal(rows.length, 2);
    assert.equal(rows[0]?.planned_mnkr, '10.25');
    assert.equal(rows[0]?.status, 'decided');
    const back = validateImport(
      { header: IMPORT_COLUMNS, rows: rows.map((cells, i) => ({ row: i + 2, cells })) },
      known,
    );
    assert.deepEqual(back.problems, []);
    assert.deepEqual(back.interventions, p.interventions);
  });
});

describe('helpers', () => {
  it('knows real calendar dates', () => {
    assert.equal(isIsoDate('2024-02-29'), true);
    assert.equal(isIsoDate('2023-02-29'), false);
    assert.equal(isIsoDate('2000-02-29'), true);
    assert.equal(isIsoDate('1900-02-29'), false);
    assert.equal(isIsoDate('2024-13-01'), false);
    assert.equal(isIsoDate('2024-1-01'), false);
    assert.equal(isIsoDate('2024-04-31'), false);
  });
  it('reads statuses in English and Swedish', () => {
    assert.equal(parseStatus('Pågående'), 'running');
    assert.equal(parseStatus('STOPPED'), 'stopped');
    assert.equal(parseStatus('avslutad'), 'finished');
    assert.equal(parseStatus('klar'), null);
  });
});
