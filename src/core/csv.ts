/**
 * CSV serialisation (RFC 4180): records end with CRLF; a field is quoted when it contains the
 * delimiter, a double quote, CR or LF (or leading/trailing spaces); quotes inside are doubled.
 *
 * Options for Swedish Excel: `delimiter: ';'` with `decimal: ','` (Excel in a Swedish locale
 * splits on semicolons and reads decimal commas) and `bom: true` (a UTF-8 byte order mark, so
 * Excel reads å, ä, ö correctly). `swedishExcel` bundles those three.
 */

export type CsvCell = string | number | bigint | boolean | null | undefined;

export interface CsvOptions {
  delimiter?: ',' | ';' | '\t';
  /** Decimal separator for numbers. Default '.'; with ',' and the ',' delimiter such numbers get quoted. */
  decimal?: '.' | ',';
  /** Prefix U+FEFF. */
  bom?: boolean;
  /** Record separator; RFC 4180 says CRLF. */
  newline?: '\r\n' | '\n';
  /**
   * Neutralise spreadsheet formulas in text cells (OWASP "CSV injection"): a text cell starting
   * with = + @ or a tab/CR, or with - not followed by a number, gets a leading apostrophe.
   * Numbers are never changed. Default true.
   */
  guardFormulas?: boolean;
}

export const SWEDISH_EXCEL: CsvOptions = { delimiter: ';', decimal: ',', bom: true };

function formatNumber(n: number | bigint, decimal: '.' | ','): string {
  if (typeof n === 'bigint') return n.toString();
  if (!Number.isFinite(n)) return '';
  const s = Object.is(n, -0) ? '0' : String(n);
  return decimal === ',' ? s.replace('.', ',') : s;
}

function guard(s: string): string {
  if (s === '') return s;
  const c = s[0]!;
  if (c === '=' || c === '+' || c === '@' || c === '\t' || c === '\r') return `'${s}`;
  if (c === '-' && !/^-\d+([.,]\d+)?$/.test(s)) return `'${s}`;
  return s;
}

/**
 * Undoes the formula guard when reading a CSV this module wrote: a leading apostrophe before a
 * character that would start a formula is taken off (a file from Excel never has one there).
 */
export function unguardFormula(s: string): string {
  return /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}

export function csvField(cell: CsvCell, options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const decimal = options.decimal ?? '.';
  let s: string;
  if (cell === null || cell === undefined) s = '';
  else if (typeof cell === 'number' || typeof cell === 'bigint') s = formatNumber(cell, decimal);
  else if (typeof cell === 'boolean') s = cell ? 'true' : 'false';
  else s = options.guardFormulas === false ? cell : guard(cell);
  const needsQuotes =
    s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r') || /^\s|\s$/.test(s);
  return needsQuotes ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Serialises rows (the first row is usually the header) to a CSV string. */
export function toCsv(rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const newline = options.newline ?? '\r\n';
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
  const body = rows
    .map((r) => {
      const cells: string[] = [];
      for (let i = 0; i < width; i++) cells.push(csvField(r[i], options));
      return cells.join(delimiter) + newline;
    })
    .join('');
  return (options.bom ? '\uFEFF' : '') + body;
}

/** Convenience: objects → CSV with the given columns (key + header label). */
export function objectsToCsv<T>(
  items: readonly T[],
  columns: readonly { header: string; value: (item: T) => CsvCell }[],
  options: CsvOptions = {},
): string {
  return toCsv([columns.map((c) => c.header), ...items.map((it) => columns.map((c) => c.value(it)))], options);
}
