import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import {
  formatFromFileName,
  previewInterventionsFile,
  readInterventionsCsv,
  readInterventionsXlsx,
  writeInterventionsCsv,
  writeInterventionsXlsx,
} from '../../src/importers/interventions.ts';
import { IMPORT_COLUMNS, validateImport } from '../../src/core/interventions/validation.ts';
import type { ImportProblem } from '../../src/core/interventions/validation.ts';
import type { Intervention, KnownRefs } from '../../src/core/interventions/types.ts';

const known: KnownRefs = {
  areas: [
    { code: 'jarva', name: 'Järva' },
    { code: 'skarholmen', name: 'Skärholmen' },
  ],
  goalAreas: [{ code: 'trygghet', name: 'Trygghet' }],
};

const header = IMPORT_COLUMNS.join(',');

function codes(ps: readonly ImportProblem[]): string[] {
  return ps.map((p) => `${p.row}:${p.column}:${p.code}`);
}

const register: Intervention[] = [
  {
    id: 'faltassistenter',
    name: 'Fler fältassistenter, "10–15-åringar"',
    description: 'Stadsdelsnämnderna får resurser för fler fältassistenter;\nmer förebyggande arbete.',
    committee: 'Stadsdelsnämnderna',
    fundingSource: 'Ordinarie budget',
    areas: ['jarva', 'skarholmen'],
    goalAreas: ['trygghet'],
    strategies: [],
    targets: [],
    startDate: '2021-01-01',
    endDate: '2022-12-31',
    status: 'finished',
    budget: [
      { year: 2021, area: 'jarva', planned: 10_000_000n, decided: 9_500_001n, spent: 1_234_567n },
      { year: 2021, area: 'skarholmen', planned: 6_000_000n, decided: null, spent: null },
      { year: 2022, area: null, planned: 16_000_000n, decided: 16_000_000n, spent: 15_999_999n },
    ],
    followUps: [],
  },
  {
    id: 'trygghetsfonden',
    name: 'Trygghetsfonden',
    description: '',
    committee: 'Kommunstyrelsen',
    fundingSource: 'Trygghetsfonden',
    areas: ['city'],
    goalAreas: [],
    strategies: [],
    targets: [],
    startDate: null,
    endDate: null,
    status: 'running',
    budget: [],
    followUps: [],
  },
];

describe('CSV import', () => {
  it('reads comma- and semicolon-separated files with a BOM and Swedish decimals', () => {
    const semi =
      '\uFEFF' +
      IMPORT_COLUMNS.join(';') +
      '\r\n' +
      'foraldraskap;Föräldraskapsstöd;;Socialnämnden;Ordinarie budget;Hela staden;Trygghet;;;2021-01-01;;beslutad;2021;;4;4,5;0,25\r\n';
    const s = readInterventionsCsv(Buffer.from(semi, 'utf8'));
    assert.deepEqual(s.header, [...IMPORT_COLUMNS]);
    const p = validateImport(s, known);
    assert.deepEqual(p.problems, []);
    assert.deepEqual(p.interventions[0]?.budget, [
      { year: 2021, area: null, planned: 4_000_000n, decided: 4_500_000n, spent: 250_000n },
    ]);
    assert.deepEqual(p.interventions[0]?.goalAreas, ['trygghet']);
  });

  it('reports every problem of a malformed file with row and column, and builds nothing valid', async () => {
    const csv = [
      header,
      'a,A,,Socialnämnden,Ordinarie budget,Atlantis,Trygghet,,,2021-01-01,,decided,2021,,4,,',
      'b,B,,Socialnämnden,Ordinarie budget,jarva,Okänt mål,,,2021-13-01,,beslutad,2021,,fyra,,',
      'b,B,,Socialnämnden,Ordinarie budget,jarva,Okänt mål,,,2021-13-01,,beslutad,2021,,1,,',
      'c,C,,Socialnämnden,Ordinarie budget,jarva,,,,,,klar,2021,,"1,5",-2,0.0000001',
      '',
      'c,C,,Socialnämnden,Ordinarie budget,jarva,,,,,,klar,2021,jarva,1,,',
    ].join('\n');
    const p = await previewInterventionsFile(Buffer.from(csv), 'csv', known);
    assert.equal(p.ok, false);
    assert.deepEqual(codes(p.problems), [
      '2:areas:unknown-area',
      '3:goal_areas:unknown-goal-area',
      '3:start_date:bad-date',
      '3:planned_mnkr:bad-amount',
      '4:year:duplicate-budget-line',
      '5:status:unknown-status',
      '5:decided_mnkr:bad-amount',
      '5:spent_mnkr:bad-amount',
      '7:budget_area:overlapping-budget-line',
    ]);
    // the column position is the file's (A = 1)
    assert.equal(p.problems[0]?.columnIndex, 6);
    assert.equal(p.problems[0]?.value, 'Atlantis');
  });

  it('reports a broken CSV (unclosed quote) as one problem instead of throwing', async () => {
    const p = await previewInterventionsFile(Buffer.from(`${header}\na,"unclosed,,,\n`), 'csv', known);
    assert.equal(p.ok, false);
    assert.equal(p.problems.length, 1);
    assert.equal(p.problems[0]?.code, 'unreadable-file');
    assert.match(p.problems[0]?.message ?? '', /line/);
  });

  it('reports a file with a wrong header', async () => {
    const p = await previewInterventionsFile(Buffer.from('namn,belopp\nx,4\n'), 'csv', known);
    assert.ok(
      p.problems.some((x) => x.code === 'unknown-column' && x.column === 'namn' && x.row === 1 && x.columnIndex === 1),
    );
    assert.ok(p.problems.some((x) => x.code === 'missing-column' && x.column === 'id'));
  });

  it('round-trips the register through CSV exactly (quotes, new lines, separators, kronor)', () => {
    for (const sep of [',', ';'] as const) {
      const text = writeInterventionsCsv(register, sep);
      assert.ok(text.startsWith('\uFEFF'));
      const p = validateImport(readInterventionsCsv(text), known);
      assert.deepEqual(p.problems, []);
      assert.deepEqual(p.interventions, register);
    }
  });
});

describe('XLSX import', () => {
  async function workbook(rows: unknown[][], name = 'Blad1'): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
    return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  }

  it('round-trips the register through XLSX exactly', async () => {
    const buf = await writeInterventionsXlsx(register);
    const p = validateImport(await readInterventionsXlsx(buf), known);
    assert.deepEqual(p.problems, []);
    assert.deepEqual(p.interventions, register);
    // amounts are numbers in the sheet (so that a spreadsheet can sum them)
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Insatser');
    assert.equal(ws?.getRow(2).getCell(IMPORT_COLUMNS.indexOf('decided_mnkr') + 1).value, 9.500001);
  });

  it('reads numbers, dates and formulas from cells', async () => {
    const buf = await workbook([
      [...IMPORT_COLUMNS],
      [
        'x',
        'X',
        '',
        'Socialnämnden',
        'Ordinarie budget',
        'Järva',
        '',
        '',
        '',
        new Date(Date.UTC(2021, 0, 1)),
        '',
        'planned',
        2021,
        '',
        4.5,
        { formula: '2+2', result: 4 },
        0.25,
      ],
    ]);
    const p = validateImport(await readInterventionsXlsx(buf), known);
    assert.deepEqual(p.problems, []);
    assert.equal(p.interventions[0]?.startDate, '2021-01-01');
    assert.deepEqual(p.interventions[0]?.budget, [
      { year: 2021, area: null, planned: 4_500_000n, decided: 4_000_000n, spent: 250_000n },
    ]);
  });

  it('reports problems of a malformed workbook with the sheet row and column', async () => {
    const buf = await workbook([
      [...IMPORT_COLUMNS],
      [
        'x',
        'X',
        '',
        'Socialnämnden',
        'Ordinarie budget',
        'Järva',
        'Trygghet',
        '',
        '',
        '',
        '',
        'running',
        2021,
        '',
        1.23456789,
      ],
      [],
      ['y', 'Y', '', 'Socialnämnden', 'Ordinarie budget', 'Järva;Mars', '', '', '', '', '', 'running', 'tjugo', '', 1],
    ]);
    const p = await previewInterventionsFile(buf, 'xlsx', known);
    assert.deepEqual(codes(p.problems), ['2:planned_mnkr:bad-amount', '4:areas:unknown-area', '4:year:bad-year']);
    assert.equal(p.problems[2]?.columnIndex, 13);
  });

  it('reports a file that is not a workbook', async () => {
    const p = await previewInterventionsFile(Buffer.from('not a zip'), 'xlsx', known);
    assert.deepEqual(codes(p.problems), ['0::unreadable-file']);
  });

  it('knows formats from file names', () => {
    assert.equal(formatFromFileName('Insatser 2024.XLSX'), 'xlsx');
    assert.equal(formatFromFileName('insatser.csv'), 'csv');
    assert.equal(formatFromFileName('insatser.ods'), null);
  });
});
