/**
 * SCB's DeSO → RegSO key and the RegSO series exported as CSV (regions written `Stockholm (Rinkeby)`).
 *
 * The key (`deso2018-regso.csv`): `;`-separated, BOM, columns municipality code, municipality name,
 * DeSO code, RegSO name (plus empty trailing columns). The series files: `,`-separated, quoted, BOM,
 * lines ending in CR CR LF, one column per year (`Antal 2020`, `Medelvärde för samtliga, tkr 2021`),
 * labels possibly with trailing spaces (`löneinkomst `).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { AppError } from '../core/errors.ts';
import { regsoCode } from '../core/geo/stockholm.ts';
import { parseScbCell, type ScbRecord } from '../core/stats/scb.ts';

function fail(file: string, line: number | undefined, field: string | undefined, message: string): never {
  const where = [file, line !== undefined ? `line ${line}` : '', field ? `column ${field}` : '']
    .filter(Boolean)
    .join(', ');
  throw new AppError('import_failed', `${where}: ${message}`, [
    { file, ...(line !== undefined ? { line } : {}), ...(field ? { field } : {}), message },
  ]);
}

/** Parses CSV text into header and rows with their 1-based line numbers; tolerant of BOM and CR CR LF. */
export function parseCsvText(
  text: string,
  file: string,
  delimiter: ',' | ';',
): { header: string[]; rows: { line: number; cells: string[] }[] } {
  const clean = text
    .replace(/^\uFEFF/, '')
    .replace(/\r+\n/g, '\n')
    .replace(/\r/g, '\n');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(clean, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true }) as never;
  } catch (err) {
    const e = err as { lines?: number; message: string };
    fail(file, e.lines, undefined, `malformed CSV: ${e.message}`);
  }
  const [head, ...rest] = records;
  if (!head) fail(file, 1, undefined, 'empty file');
  return {
    header: head.record.map((h) => h.trim()),
    rows: rest.map((r) => ({ line: r.info.lines, cells: r.record })),
  };
}

export interface KeyRow {
  line: number;
  kommunCode: string;
  kommunName: string;
  deso: string;
  regsoName: string;
  /** Derived: `<kommun>R-<slug of name>` (SCB's key carries names only). */
  regsoCode: string;
}

export interface DesoRegsoKey {
  file: string;
  rows: KeyRow[];
}

/** Reads SCB's DeSO → RegSO key. Checks DeSO codes (`0180C1010`) and that each DeSO appears once. */
export function parseDesoRegsoKey(text: string, file: string): DesoRegsoKey {
  const { header, rows } = parseCsvText(text, file, ';');
  if (header.length < 4 || !/deso/i.test(header[2] ?? '') || !/regso/i.test(header[3] ?? ''))
    fail(
      file,
      1,
      undefined,
      `expected columns municipality code; municipality name; DeSO; RegSO, found ${header.slice(0, 4).join('; ')}`,
    );
  const out: KeyRow[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const [kommunCode = '', kommunName = '', deso = '', regsoName = ''] = r.cells.map((c) => c.trim());
    if (!kommunCode && !deso) continue;
    if (!/^\d{4}$/.test(kommunCode))
      fail(file, r.line, header[0] ?? 'A', `not a municipality code: ${JSON.stringify(kommunCode)}`);
    if (!/^\d{4}[A-C]\d{4}$/.test(deso))
      fail(file, r.line, header[2] ?? 'C', `not a DeSO code: ${JSON.stringify(deso)}`);
    if (!deso.startsWith(kommunCode))
      fail(file, r.line, header[2] ?? 'C', `DeSO ${deso} is not in municipality ${kommunCode}`);
    if (!regsoName) fail(file, r.line, header[3] ?? 'D', 'missing RegSO name');
    if (seen.has(deso)) fail(file, r.line, header[2] ?? 'C', `DeSO ${deso} appears twice`);
    seen.add(deso);
    out.push({ line: r.line, kommunCode, kommunName, deso, regsoName, regsoCode: regsoCode(kommunCode, regsoName) });
  }
  return { file, rows: out };
}

export async function readDesoRegsoKey(path: string): Promise<DesoRegsoKey> {
  return parseDesoRegsoKey(await readFile(path, 'utf8'), basename(path));
}

/** RegSO name → code for one municipality, from the key. */
export function regsoIndex(key: DesoRegsoKey, kommunName: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const r of key.rows) if (r.kommunName === kommunName) m.set(r.regsoName, r.regsoCode);
  return m;
}

export interface RegsoSeries {
  file: string;
  /** The measure's label as in the year columns, e.g. `Antal`, `Medelvärde för samtliga, tkr`. */
  content: string;
  /** Breakdown columns (between region and the years). */
  dimensions: string[];
  periods: string[];
  records: ScbRecord[];
  /** Regions of the wanted municipality that are not in the key (should be none). */
  unknownRegions: { line: number; region: string }[];
}

export interface RegsoCsvOptions {
  /** Municipality name as written before the parentheses (`Stockholm`). */
  kommunName: string;
  /** RegSO name → code (see regsoIndex). */
  regsoCodes: Map<string, string>;
  /** A table title for the source line (`SCB, <title>, <year>`). */
  title: string;
  tableId: string;
}

/**
 * Reads one RegSO series file. Regions are `Kommun (RegSO name)`; rows of other municipalities are
 * skipped. Labels are trimmed (`löneinkomst ` → `löneinkomst`).
 */
export function parseRegsoCsv(text: string, file: string, options: RegsoCsvOptions): RegsoSeries {
  const { header, rows } = parseCsvText(text, file, ',');
  if (header[0] !== 'region')
    fail(file, 1, header[0], `expected the first column to be "region", found ${JSON.stringify(header[0])}`);
  const yearCols: { index: number; period: string; content: string }[] = [];
  const dims: { index: number; name: string }[] = [];
  header.forEach((h, i) => {
    if (i === 0) return;
    const m = /^(.*\S)\s+(\d{4})$/.exec(h);
    if (m) yearCols.push({ index: i, content: m[1]!, period: m[2]! });
    else dims.push({ index: i, name: h });
  });
  if (!yearCols.length) fail(file, 1, undefined, 'no year columns (e.g. "Antal 2022") found');
  const contents = [...new Set(yearCols.map((y) => y.content))];
  const records: ScbRecord[] = [];
  const unknownRegions: { line: number; region: string }[] = [];
  const prefix = `${options.kommunName} (`;
  for (const r of rows) {
    const region = (r.cells[0] ?? '').trim();
    if (!region.startsWith(prefix)) continue;
    if (!region.endsWith(')'))
      fail(file, r.line, 'region', `expected "${options.kommunName} (<RegSO>)", found ${JSON.stringify(region)}`);
    const name = region.slice(prefix.length, -1).trim();
    const code = options.regsoCodes.get(name);
    if (!code) {
      unknownRegions.push({ line: r.line, region });
      continue;
    }
    const breakdown: Record<string, string> = {};
    for (const d of dims) breakdown[d.name] = (r.cells[d.index] ?? '').trim();
    for (const y of yearCols) {
      const raw = r.cells[y.index];
      const parsed = parseScbCell(raw ?? null);
      if (!parsed) fail(file, r.line, header[y.index], `not a number or SCB marker: ${JSON.stringify(raw)}`);
      records.push({
        tableId: options.tableId,
        title: options.title,
        content: y.content,
        breakdown,
        period: y.period,
        regionCode: code,
        regionName: name,
        value: parsed.value,
        status: parsed.status,
        source: `SCB, ${options.title}, ${y.period}`,
      });
    }
  }
  return {
    file,
    content: contents.join(' / '),
    dimensions: dims.map((d) => d.name),
    periods: [...new Set(yearCols.map((y) => y.period))],
    records,
    unknownRegions,
  };
}

export async function readRegsoCsv(path: string, options: RegsoCsvOptions): Promise<RegsoSeries> {
  return parseRegsoCsv(await readFile(path, 'utf8'), basename(path), options);
}
