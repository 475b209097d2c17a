/** Reading a CSV file into rows that remember their line, with field helpers that report file, line and field. */
import { parse } from 'csv-parse/sync';
import { AppError, type Problem } from '../core/errors.ts';

export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

/** Parses CSV text with a header row (`,` or `;` detected from the header). Throws import_failed on malformed CSV. */
export function readCsv(text: string, file: string, required: readonly string[] = []): CsvRow[] {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const header = firstLine.split(delimiter).map((h) => h.trim().replace(/^"|"$/g, ''));
  const dupes = header.filter((h, i) => h !== '' && header.indexOf(h) !== i);
  if (dupes.length) {
    throw new AppError(
      'import_failed',
      `${file}:1: duplicate column(s) ${[...new Set(dupes)].join(', ')}`,
      [...new Set(dupes)].map((d) => ({ file, line: 1, field: d, message: 'the column appears more than once' })),
    );
  }
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      columns: (h: string[]) => h.map((x) => x.trim()),
      delimiter,
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
    }) as never;
  } catch (err) {
    const e = err as { lines?: number; message: string };
    throw new AppError('import_failed', `${file}:${e.lines ?? '?'}: malformed CSV: ${e.message}`, [
      { file, ...(e.lines !== undefined ? { line: e.lines } : {}), message: `malformed CSV: ${e.message}` },
    ]);
  }
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) {
    throw new AppError(
      'import_failed',
      `${file}:1: missing column(s) ${missing.join(', ')}`,
      missing.map((m) => ({ file, line: 1, field: m, message: 'missing column' })),
    );
  }
  return records.map((r) => ({ line: r.info.lines, values: r.record }));
}

/** Collects problems while reading rows, so that a file reports all its problems at once. */
export class RowReader {
  readonly problems: Problem[] = [];
  constructor(readonly file: string) {}

  problem(row: CsvRow, field: string, message: string): void {
    this.problems.push({ file: this.file, line: row.line, field, message });
  }

  text(row: CsvRow, field: string, opts: { required?: boolean } = {}): string {
    const v = row.values[field]?.trim() ?? '';
    if (!v && opts.required !== false) this.problem(row, field, 'is empty');
    return v;
  }

  optional(row: CsvRow, field: string): string | null {
    const v = row.values[field]?.trim() ?? '';
    return v === '' ? null : v;
  }

  oneOf<T extends string>(row: CsvRow, field: string, allowed: readonly T[], fallback?: T): T {
    const v = row.values[field]?.trim() ?? '';
    if (v === '' && fallback !== undefined) return fallback;
    if (!(allowed as readonly string[]).includes(v)) {
      this.problem(row, field, `'${v}' is not one of ${allowed.join(', ')}`);
      return allowed[0]!;
    }
    return v as T;
  }

  /** An exact decimal (',' or '.' as decimal mark); returns it normalised with '.', or null when empty. */
  decimal(row: CsvRow, field: string, opts: { required?: boolean } = {}): string | null {
    const raw = row.values[field]?.trim() ?? '';
    if (raw === '') {
      if (opts.required) this.problem(row, field, 'is empty');
      return null;
    }
    // Swedish thousands separators (space, no-break space) and decimal comma are accepted.
    const v = raw.replace(/[\s\u00a0]/g, '').replace(',', '.');
    if (!/^-?\d+(\.\d+)?$/.test(v)) {
      this.problem(row, field, `'${raw}' is not a number`);
      return null;
    }
    return v;
  }

  integer(row: CsvRow, field: string, fallback?: number): number {
    const raw = row.values[field]?.trim() ?? '';
    if (raw === '' && fallback !== undefined) return fallback;
    if (!/^-?\d+$/.test(raw)) {
      this.problem(row, field, `'${raw}' is not a whole number`);
      return fallback ?? 0;
    }
    return Number(raw);
  }

  date(row: CsvRow, field: string): string | null {
    const raw = row.values[field]?.trim() ?? '';
    if (raw === '') return null;
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
    const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
    if (!m || !d || d.getUTCDate() !== Number(m[3])) {
      this.problem(row, field, `'${raw}' is not a date (YYYY-MM-DD)`);
      return null;
    }
    return raw;
  }

  /** Throws import_failed with every problem found, the first one in the message. */
  throwIfProblems(): void {
    if (!this.problems.length) return;
    const first = this.problems[0]!;
    const more =
      this.problems.length > 1
        ? ` (and ${this.problems.length - 1} more problem${this.problems.length > 2 ? 's' : ''})`
        : '';
    throw new AppError(
      'import_failed',
      `${first.file}:${first.line}: ${first.field}: ${first.message}${more}`,
      this.problems,
    );
  }
}
