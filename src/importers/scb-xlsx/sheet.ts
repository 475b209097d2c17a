/** The worksheet as plain cells (with header notes), column letters and the importer's located errors. */
import type ExcelJS from 'exceljs';
import { AppError } from '../../core/errors.ts';

export type Cell = string | number | null;

/** A row cut from the sheet before parsing: only its region cell. */
export interface PrunedCell {
  row: number;
  column: number;
  text: string;
}

export function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function fail(file: string, row: number | undefined, column: number | undefined, message: string): never {
  const where = [
    file,
    row !== undefined ? `row ${row}` : '',
    column !== undefined ? `column ${columnLetter(column)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  throw new AppError('import_failed', `${where}: ${message}`, [
    {
      file,
      ...(row !== undefined ? { line: row } : {}),
      ...(column !== undefined ? { field: columnLetter(column) } : {}),
      message,
    },
  ]);
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
  }
  return String(v);
}

function noteText(note: ExcelJS.Comment | string | undefined): string | null {
  if (!note) return null;
  if (typeof note === 'string') return note.trim();
  const texts = (note as { texts?: { text: string }[] }).texts;
  return texts
    ? texts
        .map((t) => t.text)
        .join('')
        .trim()
    : null;
}

export const isBlank = (c: Cell | undefined): boolean =>
  c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
export const text = (c: Cell | undefined): string => (c === null || c === undefined ? '' : String(c).trim());

/** A worksheet as plain cells, addressed by 1-based row and column. */
export interface Sheet {
  rowCount: number;
  width: number;
  get(r: number, c: number): Cell;
  rowBlank(r: number): boolean;
  /** The cell comment at a row and column, keyed `row:column`. */
  notes: Map<string, string>;
}

/** Materialises the sheet as rows of plain cells; rows cut before parsing (other regions) get only their region cell. */
export function readSheet(ws: ExcelJS.Worksheet, pruned: PrunedCell[]): Sheet {
  const rows: Cell[][] = [];
  const notes = new Map<string, string>();
  const width = ws.columnCount;
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cells[c] = cellValue(cell.value);
      const n = noteText(cell.note);
      if (n) notes.set(`${r}:${c}`, n);
    }
    rows[r] = cells;
  });
  for (const p of pruned) {
    const cells: Cell[] = [];
    for (let c = 1; c <= width; c++) cells[c] = null;
    cells[p.column] = p.text;
    rows[p.row] = cells;
  }
  const get = (r: number, c: number): Cell => rows[r]?.[c] ?? null;
  const rowBlank = (r: number): boolean => {
    for (let c = 1; c <= width; c++) if (!isBlank(get(r, c))) return false;
    return true;
  };
  return { rowCount: rows.length - 1, width, get, rowBlank, notes };
}
