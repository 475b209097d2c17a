/** The worksheet as plain cells (with header notes), column letters and the importer's located errors. */
import { AppError } from '../../core/errors.ts';

export type Cell = string | number | null;

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
