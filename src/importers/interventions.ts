// Import and export of the intervention register as CSV (csv-parse) and XLSX (exceljs), in the
// layout of docs/interventions.md: a header row with the columns of IMPORT_COLUMNS, then one row
// per intervention-year(-area) budget line. Rows are numbered as in a spreadsheet: the header is
// row 1, the first data row is row 2 (for CSV: the record number, which differs from the line
// number only when a quoted cell spans lines).

import type ExcelJS from 'exceljs';
import { checkZipBounds, ZipBoundsError } from './zip-bounds.ts';
import { parse } from 'csv-parse/sync';
import { toCsv, unguardFormula } from '../core/csv.ts';
import { IMPORT_COLUMNS, interventionsToRows, validateImport } from '../core/interventions/validation.ts';
import type { ImportPreview, ImportProblem, ImportRow, ImportSheet } from '../core/interventions/validation.ts';
import type { Intervention, KnownRefs } from '../core/interventions/types.ts';

export type InterventionFileFormat = 'csv' | 'xlsx';

/** A file that cannot be read as a sheet at all (not a CSV/XLSX, broken quoting, no header). */
export class InterventionFileError extends Error {
  readonly row: number;
  readonly column: number;
  constructor(message: string, row: number, column = 0) {
    super(message);
    this.name = 'InterventionFileError';
    this.row = row;
    this.column = column;
  }
}

/** Guess the format from a file name; null when unknown. */
/** exceljs, loaded when a workbook is first read or written: loading it costs a start 0.2–0.3 s. */
async function excel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

export function formatFromFileName(name: string): InterventionFileFormat | null {
  const n = name.toLowerCase();
  if (n.endsWith('.csv') || n.endsWith('.txt')) return 'csv';
  if (n.endsWith('.xlsx')) return 'xlsx';
  return null;
}

function toSheet(records: readonly (readonly string[])[], rowNumbers?: readonly number[]): ImportSheet {
  const [header, ...rest] = records;
  if (!header || header.every((h) => h.trim() === '')) throw new InterventionFileError('the file has no header row', 1);
  const rows: ImportRow[] = rest.map((rec, i) => {
    const cells: Record<string, string> = {};
    header.forEach((h, j) => {
      if (h.trim() !== '') cells[h] = rec[j] ?? '';
    });
    return { row: rowNumbers?.[i + 1] ?? i + 2, cells };
  });
  return { header: header.map((h) => h.trim()), rows };
}

/** Read a CSV file (UTF-8, BOM allowed; separator "," or ";", detected from the header line). */
export function readInterventionsCsv(input: Buffer | string): ImportSheet {
  const text = typeof input === 'string' ? input : input.toString('utf8');
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (e) {
    const err = e as { message?: string; lines?: number; record?: number; column?: number };
    const line = typeof err.lines === 'number' ? err.lines : 0;
    throw new InterventionFileError(`the CSV cannot be read near line ${line}: ${err.message ?? String(e)}`, line);
  }
  return toSheet(records.map((rec) => rec.map(unguardFormula)));
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) {
    // exceljs gives dates as UTC midnight of the written date
    const y = v.getUTCFullYear();
    const m = String(v.getUTCMonth() + 1).padStart(2, '0');
    const d = String(v.getUTCDate()).padStart(2, '0');
    return `${y}-${m}-${d}`;
  }
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const res = (v as { result?: ExcelJS.CellValue }).result;
      return res === undefined ? '' : cellText(res);
    }
    if ('text' in v && typeof (v as { text: unknown }).text === 'string') return (v as { text: string }).text;
    if ('error' in v) return String((v as { error: unknown }).error);
  }
  return String(v);
}

/** Read the first worksheet (or one named "Insatser"/"interventions") of an XLSX file. */
export async function readInterventionsXlsx(input: Buffer | ArrayBuffer | Uint8Array): Promise<ImportSheet> {
  const wb = new (await excel()).Workbook();
  try {
    const buf =
      input instanceof ArrayBuffer
        ? input
        : (input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength) as ArrayBuffer);
    checkZipBounds(Buffer.isBuffer(input) ? input : Buffer.from(buf));
    await wb.xlsx.load(buf);
  } catch (e) {
    if (e instanceof ZipBoundsError) throw new InterventionFileError(e.message, 0);
    throw new InterventionFileError(`the file is not a readable XLSX workbook: ${(e as Error).message}`, 0);
  }
  const ws =
    wb.worksheets.find((w) => ['insatser', 'interventions'].includes(w.name.trim().toLowerCase())) ?? wb.worksheets[0];
  if (!ws) throw new InterventionFileError('the workbook has no worksheet', 0);
  const width = Math.max(ws.columnCount, 1);
  const records: string[][] = [];
  const numbers: number[] = [];
  const last = ws.rowCount;
  for (let r = 1; r <= last; r++) {
    const row = ws.getRow(r);
    const rec: string[] = [];
    for (let c = 1; c <= width; c++) rec.push(cellText(row.getCell(c).value));
    records.push(rec);
    numbers.push(r);
  }
  return toSheet(records, numbers);
}

export async function readInterventionsFile(input: Buffer, format: InterventionFileFormat): Promise<ImportSheet> {
  return format === 'csv' ? readInterventionsCsv(input) : readInterventionsXlsx(input);
}

/**
 * Read and validate a file: the preview lists every problem with row and column. A file that
 * cannot be read at all gives a preview with that one problem. Nothing is written.
 */
export async function previewInterventionsFile(
  input: Buffer,
  format: InterventionFileFormat,
  known: KnownRefs,
): Promise<ImportPreview> {
  let sheet: ImportSheet;
  try {
    sheet = await readInterventionsFile(input, format);
  } catch (e) {
    if (!(e instanceof InterventionFileError)) throw e;
    const problem: ImportProblem = {
      row: e.row,
      column: '',
      columnIndex: e.column,
      code: 'unreadable-file',
      message: e.message,
    };
    return {
      ok: false,
      problems: [problem],
      interventions: [],
      rowCount: 0,
      totals: { planned: 0n, decided: 0n, spent: 0n, budgetLines: 0 },
    };
  }
  return validateImport(sheet, known);
}

// ---------------------------------------------------------------------------------------------
// Export

/**
 * The register as CSV (UTF-8 with BOM so that spreadsheet programs read å, ä, ö; CRLF line ends),
 * written by src/core/csv.ts, which neutralises cells a spreadsheet would run as a formula (a
 * leading apostrophe; the import takes it off again).
 */
export function writeInterventionsCsv(list: readonly Intervention[], delimiter: ',' | ';' = ','): string {
  const rows = interventionsToRows(list).map((row) => IMPORT_COLUMNS.map((c) => row[c]));
  return toCsv([[...IMPORT_COLUMNS], ...rows], { delimiter, bom: true });
}

const MONEY_COLUMNS = new Set(['planned_mnkr', 'decided_mnkr', 'spent_mnkr']);

/** The register as an XLSX workbook with one sheet "Insatser". Amounts are numbers when exact. */
export async function writeInterventionsXlsx(list: readonly Intervention[]): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  wb.creator = 'Färdplan';
  const ws = wb.addWorksheet('Insatser');
  ws.addRow([...IMPORT_COLUMNS]);
  ws.getRow(1).font = { bold: true };
  for (const row of interventionsToRows(list)) {
    const values = IMPORT_COLUMNS.map((c) => {
      const v = row[c];
      if (v === '') return null;
      if (c === 'year') return Number(v);
      // a number only when the double prints back to exactly the same text
      if (MONEY_COLUMNS.has(c) && String(Number(v)) === v) return Number(v);
      return v;
    });
    ws.addRow(values);
  }
  IMPORT_COLUMNS.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c === 'description' ? 50 : c === 'name' ? 40 : 16;
    if (MONEY_COLUMNS.has(c)) col.numFmt = '0.0#####';
  });
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
