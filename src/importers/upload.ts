/** Reading an uploaded dataset file: CSV or XLSX into a sheet of rows with their line numbers, or JSON-stat 2.0. */
import { AppError } from '../core/errors.ts';
import { parseJsonStat, JsonStatError, type ParsedJsonStat } from '../core/imports/jsonstat.ts';
import type { Sheet } from '../core/imports/tidy.ts';
import { readCsv } from './csv-table.ts';
import { readInterventionsXlsx, InterventionFileError } from './interventions.ts';

export type UploadFormat = 'csv' | 'xlsx' | 'json-stat';

export function uploadFormat(fileName: string): UploadFormat | null {
  const n = fileName.toLowerCase();
  if (n.endsWith('.csv') || n.endsWith('.txt')) return 'csv';
  if (n.endsWith('.xlsx')) return 'xlsx';
  if (n.endsWith('.json')) return 'json-stat';
  return null;
}

export type UploadContent = { format: 'csv' | 'xlsx'; sheet: Sheet } | { format: 'json-stat'; data: ParsedJsonStat };

export async function readUpload(fileName: string, bytes: Buffer): Promise<UploadContent> {
  const format = uploadFormat(fileName);
  const fail = (message: string, line?: number): AppError =>
    new AppError('import_failed', `${fileName}: ${message}`, [{ file: fileName, ...(line ? { line } : {}), message }]);
  if (!format) throw fail('not a .csv, .xlsx or .json (JSON-stat 2.0) file');
  if (format === 'csv') {
    const rows = readCsv(bytes.toString('utf8'), fileName);
    const header = Object.keys(rows[0]?.values ?? {});
    const first =
      bytes
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/, 1)[0] ?? '';
    const headerLine = first.split(/[;,]/).map((h) => h.trim().replace(/^"|"$/g, ''));
    return {
      format,
      sheet: {
        header: header.length ? header : headerLine,
        rows: rows.map((r) => ({ line: r.line, cells: r.values })),
      },
    };
  }
  if (format === 'xlsx') {
    try {
      const s = await readInterventionsXlsx(bytes);
      return { format, sheet: { header: [...s.header], rows: s.rows.map((r) => ({ line: r.row, cells: r.cells })) } };
    } catch (e) {
      if (e instanceof InterventionFileError) throw fail(e.message);
      throw e;
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw fail(`not valid JSON: ${(e as Error).message}`);
  }
  try {
    return { format, data: parseJsonStat(json, fileName) };
  } catch (e) {
    if (e instanceof JsonStatError) throw new AppError('import_failed', `${fileName}: not JSON-stat 2.0`, e.problems);
    throw e;
  }
}
