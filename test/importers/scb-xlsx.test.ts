import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parseScbWorkbook, readScbXlsx, type ScbTable } from '../../src/importers/scb-xlsx.ts';
import { AppError } from '../../src/core/errors.ts';
import { dataDir, goldenDir, hasData } from '../helpers/paths.ts';

const xlsxDir = join(dataDir, 'scb', 'deso2018-2022');
const update = process.env.UPDATE_GOLDEN === '1';

/** What the golden file holds: the parsed header structure, row counts and the first and last records. */
function summary(t: ScbTable) {
  return {
    file: t.file,
    tableId: t.tableId,
    title: t.title,
    subject: t.subject,
    dimensions: t.dimensions,
    columns: t.columns.map((c) => ({ ...c, note: c.note ? c.note.slice(0, 80) : null })),
    firstDataRow: t.firstDataRow,
    lastDataRow: t.lastDataRow,
    regionCount: t.regionCount,
    recordCount: t.records.length,
    statusCounts: t.records.reduce<Record<string, number>>(
      (m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }),
      {},
    ),
    footnoteCount: t.footnotes.length,
    meta: t.meta,
    first: t.records.slice(0, 2),
    last: t.records.slice(-2),
  };
}

describe('SCB xlsx importer: the eleven DeSO tables (golden files)', { skip: !hasData && 'no data directory' }, () => {
  const files = hasData
    ? readdirSync(xlsxDir)
        .filter((f) => f.endsWith('.xlsx'))
        .sort()
    : [];
  it('finds the eleven tables', () => assert.equal(files.length, 11));
  for (const f of files) {
    it(`parses ${f} as its golden file says`, async () => {
      const t = await readScbXlsx(join(xlsxDir, f));
      const golden = join(goldenDir, 'scb-xlsx', `${t.tableId}.json`);
      const actual = JSON.parse(JSON.stringify(summary(t)));
      if (update || !existsSync(golden)) {
        if (!update)
          assert.fail(`missing golden file ${golden} (run with UPDATE_GOLDEN=1 to write it, then review it)`);
        writeFileSync(golden, `${JSON.stringify(actual, null, 2)}\n`);
      }
      assert.deepEqual(actual, JSON.parse(readFileSync(golden, 'utf8')));
      // Independent of the golden file: every region row gives one record per value column.
      assert.equal(t.records.length, t.regionCount * t.columns.length);
      assert.equal(t.regionCount, 5984, 'DeSO 2018 has 5,984 areas');
      assert.ok(t.records.every((r) => r.source === `SCB, ${t.title}, ${r.period}`));
    });
  }

  it('the 544 Stockholm DeSO populations for 2022 sum to 984,748', async () => {
    const f = files.find((x) => x.startsWith('000005FE'))!;
    const t = await readScbXlsx(join(xlsxDir, f), { regionFilter: (c) => c.startsWith('0180') });
    const totals = t.records.filter(
      (r) =>
        r.period === '2022' && r.breakdown['utländsk/svensk bakgrund'] === 'totalt' && r.breakdown['kön'] === 'totalt',
    );
    assert.equal(totals.length, 544);
    assert.equal(new Set(totals.map((r) => r.regionCode)).size, 544);
    assert.equal(
      totals.reduce((s, r) => s + (r.value ?? 0), 0),
      984748,
    );
  });

  it('reads a stub with the year left of the region (000005FC) and carries the year down', async () => {
    const f = files.find((x) => x.startsWith('000005FC'))!;
    const t = await readScbXlsx(join(xlsxDir, f), { regionFilter: (c) => c.startsWith('0180') });
    assert.deepEqual(
      t.dimensions.filter((d) => d.placement === 'stub').map((d) => d.name),
      ['år', 'region'],
    );
    assert.equal(t.records.length, 544);
    assert.ok(t.records.every((r) => r.period === '2023'));
  });

  it('keeps header comments as column notes (000006OC)', async () => {
    const f = files.find((x) => x.startsWith('000006OC'))!;
    const t = await readScbXlsx(join(xlsxDir, f), { regionFilter: () => false });
    assert.match(
      t.columns.find((c) => c.labels['upplåtelseform'] === 'bostadsrätt')!.note ?? '',
      /bostadsrättsföreningar/,
    );
    assert.equal(t.records.length, 0, 'the filter drops every row');
  });
});

/** A small workbook in Statistikdatabasen's layout, written with exceljs. */
async function workbook(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('TEST01');
  rows.forEach((r, i) =>
    r.forEach((v, j) => {
      if (v !== null) ws.getCell(i + 1, j + 1).value = v;
    }),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('SCB xlsx importer: layout and markers', () => {
  const title = 'Antal testpersoner efter region, tabellinnehåll, år och kön';
  const head = [
    [title],
    [],
    [null, 'Antal', 'Antal', 'Medelvärde, tkr', 'Medelvärde, tkr'],
    [null, '2021', '2022', '2021', '2022'],
    [null, 'kvinnor', null, 'män', null],
  ];

  it('reads content, period and breakdown per column; a blank header label continues the one to its left', async () => {
    const t = await parseScbWorkbook(
      await workbook([...head, ['0180C1010 Rinkeby', 10, 11, 200.5, 210], [], ['En fotnot.'], [], ['Källa:'], ['SCB']]),
      'test.xlsx',
    );
    assert.equal(t.tableId, 'TEST01');
    assert.deepEqual(
      t.columns.map((c) => c.labels),
      [
        { tabellinnehåll: 'Antal', år: '2021', kön: 'kvinnor' },
        { tabellinnehåll: 'Antal', år: '2022', kön: 'kvinnor' },
        { tabellinnehåll: 'Medelvärde, tkr', år: '2021', kön: 'män' },
        { tabellinnehåll: 'Medelvärde, tkr', år: '2022', kön: 'män' },
      ],
    );
    assert.deepEqual(t.records[3], {
      tableId: 'TEST01',
      title,
      content: 'Medelvärde, tkr',
      breakdown: { kön: 'män' },
      period: '2022',
      regionCode: '0180C1010',
      regionName: 'Rinkeby',
      value: 210,
      status: 'ok',
      source: `SCB, ${title}, 2022`,
    });
    assert.deepEqual(t.footnotes, ['En fotnot.']);
    assert.deepEqual(t.meta, { Källa: 'SCB' });
  });

  it("turns SCB's markers into statuses: '..' missing, '.' not applicable, '-' nil (zero)", async () => {
    const t = await parseScbWorkbook(
      await workbook([...head, ['0180C1010', '..', '.', '-', '1 234,5']]),
      'markers.xlsx',
    );
    assert.deepEqual(
      t.records.map((r) => [r.value, r.status]),
      [
        [null, 'missing'],
        [null, 'not_applicable'],
        [0, 'nil'],
        [1234.5, 'ok'],
      ],
    );
  });

  it('names file, row and column when a cell is neither a number nor a marker', async () => {
    const data = await workbook([...head, ['0180C1010', 1, 2, 3, 4], ['0180C1020', 1, 'abc', 3, 4]]);
    await assert.rejects(parseScbWorkbook(data, 'bad.xlsx'), (e: unknown) => {
      assert.ok(e instanceof AppError);
      assert.equal(e.id, 'import_failed');
      assert.match(e.message, /bad\.xlsx, row 7, column C: not a number or SCB marker: "abc"/);
      assert.deepEqual(e.details[0], {
        file: 'bad.xlsx',
        line: 7,
        field: 'C',
        message: 'not a number or SCB marker: "abc"',
      });
      return true;
    });
  });

  it('names the row when a region code is malformed or repeated', async () => {
    await assert.rejects(
      parseScbWorkbook(await workbook([...head, ['0180C1010', 1, 2, 3, 4], ['0180C1010', 1, 2, 3, 4]]), 'dup.xlsx'),
      /dup\.xlsx, row 7, column A: region 0180C1010 appears twice/,
    );
    await assert.rejects(
      parseScbWorkbook(await workbook([...head, ['Rinkeby stadsdel!', 1, 2, 3, 4]]), 'name.xlsx'),
      /name\.xlsx, row 6, column A: not a region code/,
    );
  });

  it('refuses a sheet without a year dimension and a file that is not xlsx', async () => {
    await assert.rejects(
      parseScbWorkbook(
        await workbook([['Antal efter region och kön'], [], [null, 'kvinnor', 'män'], ['0180C1010', 1, 2]]),
        'noyear.xlsx',
      ),
      /noyear\.xlsx, row 1, column A: the title names no year dimension/,
    );
    await assert.rejects(parseScbWorkbook(Buffer.from('not a zip'), 'plain.xlsx'), /plain\.xlsx: not an xlsx file/);
  });
});
