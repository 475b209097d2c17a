/**
 * Reading the analyst's files for `fardplan segregation`: a CSV with one row per area (the first
 * column is the area id, the others counts or values) and neighbour files (JSON unit id → neighbour
 * ids, or a GAL file). Every error names the file, the row (line in the file, the header is line 1)
 * and the column.
 */
import { parse } from 'csv-parse/sync';
import { AppError } from '../core/errors.ts';
import type { MultiGroupUnit, TwoGroupUnit } from '../core/analysis/segregation.ts';
import type { NeighbourMap } from '../core/analysis/moran.ts';

export interface AreaTableRow {
  /** Line in the file (header = 1). */
  line: number;
  id: string;
  values: Record<string, string>;
}

export interface AreaTable {
  file: string;
  /** The first column: the area id. */
  idColumn: string;
  columns: string[];
  rows: AreaTableRow[];
}

function fail(file: string, message: string, line?: number, field?: string): never {
  const where = [line !== undefined ? `row ${line}` : undefined, field !== undefined ? `column '${field}'` : undefined]
    .filter(Boolean)
    .join(', ');
  const text = `${file}: ${where ? `${where}: ` : ''}${message}`;
  throw new AppError('import_failed', text, [
    { file, ...(line !== undefined ? { line } : {}), ...(field !== undefined ? { field } : {}), message },
  ]);
}

/** Parses the area table; ids in the first column must be present and unique. */
export function parseAreaTable(text: string, file: string): AreaTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
    }) as never;
  } catch (err) {
    const e = err as { lines?: number; message: string };
    fail(file, `malformed CSV: ${e.message}`, e.lines);
  }
  const header = records[0];
  if (!header) fail(file, 'the file is empty');
  const columns = header.record;
  const idColumn = columns[0] ?? '';
  if (!idColumn) fail(file, 'the first column (the area id) has no name', header.info.lines, '');
  const seenCols = new Set<string>();
  for (const c of columns) {
    if (seenCols.has(c)) fail(file, 'the column name appears twice', header.info.lines, c);
    seenCols.add(c);
  }
  const seen = new Map<string, number>();
  const rows: AreaTableRow[] = [];
  for (const r of records.slice(1)) {
    const line = r.info.lines;
    const id = r.record[0] ?? '';
    if (id === '') fail(file, 'the area id is empty', line, idColumn);
    const prev = seen.get(id);
    if (prev !== undefined) fail(file, `area id '${id}' already appears in row ${prev}`, line, idColumn);
    seen.set(id, line);
    const values: Record<string, string> = {};
    columns.forEach((c, k) => (values[c] = r.record[k] ?? ''));
    rows.push({ line, id, values });
  }
  if (rows.length === 0) fail(file, 'the file has a header but no rows');
  return { file, idColumn, columns, rows };
}

function requireColumn(table: AreaTable, column: string): void {
  if (!table.columns.includes(column)) {
    fail(table.file, `no such column (columns: ${table.columns.join(', ')})`, 1, column);
  }
}

/** A number from a cell (a decimal comma "0,5" is accepted); empty or non-numeric cells are errors. */
function cellNumber(table: AreaTable, row: AreaTableRow, column: string, opts: { nonNegative: boolean }): number {
  const raw = (row.values[column] ?? '').replace(/\s/g, '');
  if (raw === '') fail(table.file, 'the value is empty', row.line, column);
  // "1,234" and "12,345,678" are thousands separators (never 1.234): a count with them is read whole; a
  // measured value written so is ambiguous (decimal comma or thousands?) and refused.
  const thousands = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(raw);
  if (thousands && !opts.nonNegative)
    fail(table.file, `'${raw}' is ambiguous: write it without the comma, or with a decimal point`, row.line, column);
  const norm = thousands
    ? raw.replace(/,/g, '')
    : raw.includes(',') && !raw.includes('.')
      ? raw.replace(',', '.')
      : raw;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(norm))
    fail(table.file, `'${raw}' is not a number`, row.line, column);
  const v = Number(norm);
  if (!Number.isFinite(v)) fail(table.file, `'${raw}' is not a finite number`, row.line, column);
  if (opts.nonNegative && v < 0) fail(table.file, `a count cannot be negative (${raw})`, row.line, column);
  return v;
}

/** The values of a numeric column (e.g. `--value`). */
export function numericColumn(table: AreaTable, column: string): number[] {
  requireColumn(table, column);
  return table.rows.map((r) => cellNumber(table, r, column, { nonNegative: false }));
}

/** Group and total counts per area for the two-group measures. */
export function twoGroupUnits(table: AreaTable, group: string, total: string): TwoGroupUnit[] {
  requireColumn(table, group);
  requireColumn(table, total);
  return table.rows.map((r) => {
    const g = cellNumber(table, r, group, { nonNegative: true });
    const t = cellNumber(table, r, total, { nonNegative: true });
    if (g > t * (1 + 1e-12))
      fail(table.file, `the group count (${g}) is larger than the total in column '${total}' (${t})`, r.line, group);
    return { id: r.id, group: g, total: t };
  });
}

/** Counts per group per area for the multigroup measures. */
export function multiGroupUnits(table: AreaTable, groups: readonly string[]): MultiGroupUnit[] {
  if (groups.length < 2) fail(table.file, 'multigroup measures need at least two group columns');
  for (const g of groups) requireColumn(table, g);
  return table.rows.map((r) => ({
    id: r.id,
    counts: groups.map((g) => cellNumber(table, r, g, { nonNegative: true })),
  }));
}

/**
 * A neighbour file in JSON: either `{ "<id>": ["<id>", …], … }` or the same under a `neighbors` /
 * `neighbours` key (as in the reference cases).
 */
export function parseNeighboursJson(text: string, file: string): Record<string, string[]> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    fail(file, `not valid JSON: ${(err as Error).message}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    fail(file, 'expected an object mapping unit ids to lists of neighbour ids');
  const obj = data as Record<string, unknown>;
  const inner = obj['neighbors'] ?? obj['neighbours'];
  const map = (inner !== undefined ? inner : obj) as unknown;
  if (map === null || typeof map !== 'object' || Array.isArray(map))
    fail(file, "'neighbors' must be an object mapping unit ids to lists of neighbour ids");
  const out: Record<string, string[]> = {};
  for (const [id, list] of Object.entries(map as Record<string, unknown>)) {
    if (inner === undefined && (id === 'format' || id === 'source') && typeof list === 'string') continue;
    if (!Array.isArray(list)) fail(file, `unit '${id}': the neighbours must be a list of ids`, undefined, id);
    out[id] = list.map((x, k) => {
      if (typeof x !== 'string' && typeof x !== 'number')
        fail(file, `unit '${id}': neighbour ${k + 1} is not an id`, undefined, id);
      return String(x);
    });
  }
  return out;
}

/** A GAL file (first line: [0] n [name id-variable]; then per unit: `id count` and a line of neighbour ids). */
export function parseGal(text: string, file: string): Record<string, string[]> {
  const lines = text.split(/\r?\n/);
  const head = (lines[0] ?? '').trim().split(/\s+/);
  const n = Number(head.length >= 2 && head[0] === '0' ? head[1] : head[0]);
  if (!Number.isInteger(n) || n < 0) fail(file, 'the first line must give the number of units', 1);
  const out: Record<string, string[]> = {};
  let ln = 1;
  for (let u = 0; u < n; u++) {
    while (ln < lines.length && (lines[ln] ?? '').trim() === '') ln++;
    const idLine = (lines[ln] ?? '').trim().split(/\s+/);
    const id = idLine[0];
    const count = Number(idLine[1]);
    if (!id || !Number.isInteger(count) || count < 0)
      fail(file, 'expected a unit id and its number of neighbours', ln + 1);
    ln++;
    const nbs = count > 0 ? (lines[ln] ?? '').trim().split(/\s+/) : [];
    if (count > 0) ln++;
    if (nbs.length !== count)
      fail(file, `unit '${id}' should have ${count} neighbours, the line has ${nbs.length}`, ln);
    out[id] = nbs;
  }
  return out;
}

export type { NeighbourMap };
