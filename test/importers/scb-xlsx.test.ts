import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { readFirstSheet } from '../../src/importers/scb-xlsx/workbook.ts';
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

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A package as Statistikdatabasen writes it: `x:` prefixes, absolute targets, comments beside a VML drawing. */
function statistikdatabasenPackage(rows: string, options: { comments?: string; omit?: string } = {}): Buffer {
  const rel = (type: string, target: string, id: string) =>
    `<Relationship Type="${REL}/${type}" Target="${target}" Id="${id}" />`;
  const parts: Record<string, string> = {
    '_rels/.rels': `\uFEFF<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('officeDocument', '/xl/workbook.xml', 'R1')}</Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="utf-8"?><x:workbook xmlns:r="${REL}" xmlns:x="${NS}"><x:sheets><x:sheet name="TAB&amp;01" sheetId="2" r:id="rId2" /></x:sheets></x:workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('sharedStrings', '/xl/sharedStrings.xml', 'rId3')}${rel('worksheet', '/xl/worksheets/sheet1.xml', 'rId2')}</Relationships>`,
    'xl/sharedStrings.xml': `<?xml version="1.0" encoding="utf-8"?><x:sst xmlns:x="${NS}"><x:si><x:t>Antal personer efter region och år</x:t></x:si><x:si><x:t>2022</x:t></x:si><x:si><x:t>0180C1010 Rinkeby &amp; Kista</x:t></x:si><x:si><x:t>0114A0010</x:t></x:si><x:si><x:t xml:space="preserve">rad ett\r\nrad två</x:t></x:si><x:si><x:r><x:t>Käll</x:t></x:r><x:r><x:t>a:</x:t></x:r><x:rPh><x:t>ignored</x:t></x:rPh></x:si><x:si><x:t /></x:si></x:sst>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:r="${REL}" xmlns:x="${NS}"><x:sheetData>${rows}</x:sheetData></x:worksheet>`,
    'xl/worksheets/_rels/sheet1.xml.rels': `<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('comments', '/xl/comments1.xml', 'rId5')}${rel('vmlDrawing', '/xl/drawings/vmldrawing.vml', 'rId6')}</Relationships>`,
    'xl/comments1.xml': `<?xml version="1.0" encoding="utf-8"?><x:comments xmlns:x="${NS}"><x:commentList>${options.comments ?? ''}</x:commentList></x:comments>`,
    'xl/drawings/vmldrawing.vml': '<xml></xml>',
  };
  if (options.omit) delete parts[options.omit];
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strToU8(v)]))));
}

describe('SCB xlsx importer: reading the package', () => {
  const s = (i: number, ref: string) => `<x:c r="${ref}" s="2" t="s"><x:v>${i}</x:v></x:c>`;
  const n = (v: string, ref: string) => `<x:c r="${ref}" s="3" t="n"><x:v>${v}</x:v></x:c>`;
  const rows =
    `<x:row r="1">${s(0, 'A1')}</x:row>` +
    `<x:row r="3"><x:c r="A3" s="1" /><x:c r="B3" t="inlineStr"><x:is><x:t>Antal</x:t></x:is></x:c></x:row>` +
    `<x:row r="4">${s(1, 'B4')}</x:row>` +
    `<x:row r="5">${s(2, 'A5')}${n('12', 'B5')}<x:c r="D5" s="1" /></x:row>` +
    `<x:row r="6">${s(3, 'A6')}${n('5', 'B6')}<x:c r="E6" s="1" /></x:row>` +
    // no r attributes: the row after the last, the cell after the last
    `<x:row><x:c t="b"><x:v>1</x:v></x:c><x:c t="s"><x:v>4</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c></x:row>` +
    `<x:row r="9">${s(5, 'A9')}${s(6, 'B9')}</x:row>`;

  it('reads prefixed parts, absolute targets, shared and inline strings, comments, and rows and cells without an address', () => {
    const comments =
      '<x:comment ref="B4" authorId="0"><x:text><x:r><x:t xml:space="preserve">En definition\r\n</x:t></x:r><x:r><x:t>fortsätter.</x:t></x:r></x:text></x:comment>';
    const { name, sheet } = readFirstSheet(statistikdatabasenPackage(rows, { comments }), 'p.xlsx');
    assert.equal(name, 'TAB&01');
    assert.equal(sheet.rowCount, 9);
    assert.equal(sheet.width, 5, 'the empty styled cells D5 and E6 count: every cell element of a row with a value');
    assert.equal(sheet.get(1, 1), 'Antal personer efter region och år');
    assert.equal(sheet.get(3, 1), null);
    assert.equal(sheet.get(3, 2), 'Antal');
    assert.equal(sheet.get(5, 1), '0180C1010 Rinkeby & Kista');
    assert.equal(sheet.get(5, 2), 12);
    assert.deepEqual([sheet.get(7, 1), sheet.get(7, 2), sheet.get(7, 3)], ['true', 'rad ett\nrad två', '#N/A']);
    assert.deepEqual([sheet.get(9, 1), sheet.get(9, 2)], ['Källa:', '']);
    assert.equal(sheet.rowBlank(2), true);
    assert.equal(sheet.rowBlank(9), false);
    assert.deepEqual([...sheet.notes], [['4:2', 'En definition\nfortsätter.']]);
  });

  it('keeps only the region cell of a row the region filter refuses, without reading its values', () => {
    const { sheet } = readFirstSheet(statistikdatabasenPackage(rows), 'p.xlsx', (c) => c.startsWith('0180'));
    assert.deepEqual([sheet.get(6, 1), sheet.get(6, 2)], ['0114A0010', null]);
    assert.deepEqual([sheet.get(5, 1), sheet.get(5, 2)], ['0180C1010 Rinkeby & Kista', 12]);
    assert.equal(sheet.width, 4, "a refused row's cells do not widen the sheet");
    const all = readFirstSheet(statistikdatabasenPackage(rows), 'p.xlsx').sheet;
    assert.deepEqual([all.get(6, 1), all.get(6, 2), all.width], ['0114A0010', 5, 5]);
  });

  it('reads what exceljs writes: rich text, dates by their number format, booleans, formula results, notes', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Blad <1>');
    ws.getCell('A1').value = { richText: [{ text: 'rik ' }, { text: 'text', font: { bold: true } }] };
    ws.getCell('B1').value = new Date(Date.UTC(2021, 4, 3));
    ws.getCell('C1').value = false;
    ws.getCell('D1').value = { formula: 'E1*2', result: 25 };
    ws.getCell('E1').value = 12.5;
    ws.getCell('E1').numFmt = '0.0';
    ws.getCell('E1').note = 'En not & mer';
    ws.getCell('F2').value = { formula: 'A1', result: 'x<y' };
    const { name, sheet } = readFirstSheet(Buffer.from(await wb.xlsx.writeBuffer()), 'e.xlsx');
    assert.equal(name, 'Blad <1>');
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((c) => sheet.get(1, c)),
      ['rik text', '2021-05-03', 'false', 25, 12.5],
    );
    assert.equal(sheet.get(2, 6), 'x<y');
    assert.deepEqual([...sheet.notes], [['1:5', 'En not & mer']]);
  });

  it('names the file and the missing part when the package is not a workbook', () => {
    assert.throws(
      () => readFirstSheet(statistikdatabasenPackage(rows, { omit: 'xl/workbook.xml' }), 'a.xlsx'),
      (e: unknown) =>
        e instanceof AppError && /^a\.xlsx: cannot read the workbook \(no part xl\/workbook\.xml\)/.test(e.message),
    );
    assert.throws(
      () => readFirstSheet(statistikdatabasenPackage(rows, { omit: 'xl/worksheets/sheet1.xml' }), 'b.xlsx'),
      /b\.xlsx: cannot read the workbook \(no part xl\/worksheets\/sheet1\.xml\)/,
    );
    assert.throws(() => readFirstSheet(Buffer.from('PK nothing'), 'c.xlsx'), /c\.xlsx: not an xlsx file/);
  });

  it('parses a Statistikdatabasen package end to end', async () => {
    const t = await parseScbWorkbook(
      statistikdatabasenPackage(
        `<x:row r="1">${s(0, 'A1')}</x:row><x:row r="3">${s(1, 'B3')}</x:row><x:row r="4">${s(2, 'A4')}${n('7', 'B4')}</x:row>`,
      ),
      'e2e.xlsx',
    );
    assert.equal(t.tableId, 'TAB&01', 'the sheet name, its entity decoded');
    assert.deepEqual(
      t.records.map((r) => [r.regionCode, r.period, r.value]),
      [['0180C1010', '2022', 7]],
    );
  });
});
