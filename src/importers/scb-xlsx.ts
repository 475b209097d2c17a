/**
 * A general importer for SCB Statistikdatabasen table exports in xlsx.
 *
 * Layout (what Statistikdatabasen writes): a title row (`<subject> efter <dim>, <dim> och <dim>`),
 * one or more header rows (one per heading dimension: table content, year, breakdowns), then one row
 * per region (the stub: region code, sometimes with more stub dimensions such as the year to its
 * left or right), a blank row and footnotes plus metadata (`Källa:`, `Intern referenskod:` …).
 * The title's dimension list names the stub dimensions first and the heading dimensions after
 * them, in order; that is how header rows are identified.
 *
 * Statistikdatabasen's xlsx files use prefixed XML namespaces (`<x:row>`), absolute part paths and a
 * VML drawing name that exceljs cannot read, so the package is normalised in memory first.
 */
import { readFile } from 'node:fs/promises';
import { basename, posix } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { AppError } from '../core/errors.ts';
import { parseScbCell, scbSource, titleDimensions, type ScbRecord } from '../core/stats/scb.ts';

export type DimensionRole = 'region' | 'content' | 'period' | 'breakdown';

export interface ScbDimension {
  name: string;
  role: DimensionRole;
  placement: 'stub' | 'heading';
  /** Stub: the column (1-based). Heading: the sheet row holding its labels. */
  position: number;
  /** Distinct labels in order of appearance (for the region stub: the number of regions only). */
  values: string[];
}

export interface ScbColumn {
  column: number;
  letter: string;
  labels: Record<string, string>;
  /** A cell comment on the header, e.g. a definition. */
  note: string | null;
}

export interface ScbTable {
  file: string;
  tableId: string;
  title: string;
  subject: string;
  dimensions: ScbDimension[];
  columns: ScbColumn[];
  firstDataRow: number;
  lastDataRow: number;
  regionCount: number;
  footnotes: string[];
  meta: Record<string, string>;
  records: ScbRecord[];
}

export interface ScbXlsxOptions {
  /**
   * Keep only rows whose region code passes (e.g. Stockholm's `0180…`). Rows outside the filter still
   * count as regions (their codes are checked) but their value cells are neither read nor validated.
   */
  regionFilter?: (regionCode: string) => boolean;
  /** Shown in errors instead of the path. */
  fileLabel?: string;
}

type Cell = string | number | null;

const META_LABELS = new Set([
  'Senaste uppdatering:',
  'Källa:',
  'Kontaktperson:',
  'Sort:',
  'Datatyp:',
  'Referenstid:',
  'Databas:',
  'Intern referenskod:',
  'Officiell statistik',
]);

function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function fail(file: string, row: number | undefined, column: number | undefined, message: string): never {
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

/** Namespaces exceljs expects as the default namespace (Statistikdatabasen writes them with a prefix). */
const DEFAULT_NAMESPACES = new Set([
  'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties',
]);

/** Strips the root element's namespace prefix (`<x:worksheet xmlns:x=…>` → `<worksheet xmlns=…>`). */
function unprefix(xml: string): string {
  const body = xml.replace(/^\uFEFF?\s*<\?xml[^>]*\?>\s*/, '');
  const m = /^<([A-Za-z][\w.-]*):[A-Za-z][^>]*>/.exec(body); // only a prefixed root element
  if (!m) return xml;
  const p = m[1]!;
  const ns = new RegExp(`xmlns:${p}="([^"]*)"`).exec(m[0])?.[1];
  if (!ns || !DEFAULT_NAMESPACES.has(ns) || /\sxmlns=/.test(m[0])) return xml;
  return xml.split(`<${p}:`).join('<').split(`</${p}:`).join('</').replace(`xmlns:${p}=`, 'xmlns=');
}

/** Makes absolute relationship targets relative and drops VML drawings (presentation of comments only). */
function fixRels(name: string, xml: string): string {
  const base = posix.dirname(posix.dirname(name));
  return xml
    .replace(/<Relationship [^>]*relationships\/vmlDrawing"[^>]*\/>/g, '')
    .replace(/Target="\/([^"]*)"/g, (_m, t: string) => `Target="${posix.relative(base === '.' ? '' : base, t)}"`);
}

const PRUNABLE_REGION = /^\d{4}[A-Z]\d{3,4}(?:\s.*)?$/;

/**
 * Speeds up a filtered read: rows whose first cell is a region code (DeSO/RegSO form) that the filter
 * refuses are cut from the sheet before exceljs parses it; their region cell is handed back (row,
 * column, text) so that the row still counts as a region row. Their value cells are not read.
 */
function pruneRows(
  sheet: string,
  sharedStrings: string[],
  keep: (regionCode: string) => boolean,
): { xml: string; pruned: PrunedCell[] } {
  const pruned: PrunedCell[] = [];
  const xml = sheet.replace(/<row\b[^>]*>[\s\S]*?<\/row>/g, (row) => {
    const first = /<c\b([^>]*)>\s*<v>(\d+)<\/v>\s*<\/c>/.exec(row);
    if (!first || !/\bt="s"/.test(first[1]!)) return row;
    if (first.index !== row.indexOf('<c')) return row;
    const ref = /\br="([A-Z]+)(\d+)"/.exec(first[1]!);
    const text = sharedStrings[Number(first[2])] ?? '';
    if (!ref || !PRUNABLE_REGION.test(text) || keep(text.split(/\s/)[0]!)) return row;
    pruned.push({ row: Number(ref[2]), column: columnNumber(ref[1]!), text });
    return '';
  });
  return { xml, pruned };
}

interface PrunedCell {
  row: number;
  column: number;
  text: string;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function readSharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const si of xml.matchAll(/<si\b[^>]*>([\s\S]*?)<\/si>/g)) {
    let t = '';
    for (const m of si[1]!.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)) t += m[1];
    out.push(
      t
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&'),
    );
  }
  return out;
}

/**
 * Reads the entries of a zip file (stored or deflated) with Node's zlib; the normalised package handed
 * to exceljs is written back uncompressed (writeStoredZip).
 */
function readZip(data: Buffer): Map<string, Buffer> {
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65535); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no zip directory found');
  const count = data.readUInt16LE(eocd + 10);
  let p = data.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (data.readUInt32LE(p) !== 0x02014b50) throw new Error('bad zip central directory');
    const method = data.readUInt16LE(p + 10);
    const compressed = data.readUInt32LE(p + 20);
    const nameLen = data.readUInt16LE(p + 28);
    const extraLen = data.readUInt16LE(p + 30);
    const commentLen = data.readUInt16LE(p + 32);
    const local = data.readUInt32LE(p + 42);
    const name = data.toString('utf8', p + 46, p + 46 + nameLen).replace(/^\//, '');
    p += 46 + nameLen + extraLen + commentLen;
    if (data.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad zip entry ${name}`);
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    const raw = data.subarray(start, start + compressed);
    if (name.endsWith('/')) continue;
    if (method === 0) out.set(name, Buffer.from(raw));
    else if (method === 8) out.set(name, inflateRawSync(raw));
    else throw new Error(`zip entry ${name} uses compression method ${method}`);
  }
  return out;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Writes entries as an uncompressed (stored) zip. */
function writeStoredZip(entries: Map<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.size, 8);
  end.writeUInt16LE(entries.size, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** Reads an xlsx package into exceljs, normalising what Statistikdatabasen writes. */
export async function loadWorkbook(
  data: Buffer,
  file: string,
  regionFilter?: (regionCode: string) => boolean,
): Promise<{ workbook: ExcelJS.Workbook; pruned: PrunedCell[] }> {
  let entries: Map<string, Buffer>;
  try {
    entries = readZip(data);
  } catch (e) {
    fail(file, undefined, undefined, `not an xlsx file (${(e as Error).message})`);
  }
  const zip = new Map<string, Buffer>();
  const parts = new Map<string, string>();
  for (const [name, bytes] of entries) {
    if (!/\.(xml|rels)$/.test(name)) {
      zip.set(name, bytes);
      continue;
    }
    let xml = bytes.toString('utf8');
    xml = unprefix(xml);
    if (name.endsWith('.rels')) xml = fixRels(name, xml);
    parts.set(name, xml);
  }
  const shared = regionFilter && [...parts.keys()].find((n) => /sharedStrings\.xml$/i.test(n));
  const strings = shared ? readSharedStrings(parts.get(shared)!) : null;
  const pruned: PrunedCell[] = [];
  for (const [name, xml] of parts) {
    if (strings && regionFilter && /worksheets\/sheet1\.xml$/.test(name)) {
      const p = pruneRows(xml, strings, regionFilter);
      pruned.push(...p.pruned);
      zip.set(name, Buffer.from(p.xml, 'utf8'));
    } else zip.set(name, Buffer.from(xml, 'utf8'));
  }
  const normalised = writeStoredZip(zip);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(normalised as unknown as ArrayBuffer);
  } catch (e) {
    fail(file, undefined, undefined, `cannot read the workbook (${(e as Error).message})`);
  }
  return { workbook: wb, pruned };
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

const isBlank = (c: Cell | undefined): boolean =>
  c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
const text = (c: Cell | undefined): string => (c === null || c === undefined ? '' : String(c).trim());
const PERIOD = /^\d{4}(?:[MK]\d{1,2})?$/;
const REGION = /^(\d{2,4}[A-Z]?\d*|\d{4}[A-Z]\d{4}|[0-9A-Z]{2,12})(?:\s+(.+))?$/;

function roleOf(name: string): DimensionRole {
  const n = name.toLowerCase();
  if (n === 'region') return 'region';
  if (n === 'tabellinnehåll') return 'content';
  if (n === 'år' || n === 'månad' || n === 'kvartal') return 'period';
  return 'breakdown';
}

/** Parses one SCB Statistikdatabasen xlsx export. */
export async function readScbXlsx(path: string, options: ScbXlsxOptions = {}): Promise<ScbTable> {
  const file = options.fileLabel ?? basename(path);
  const data = await readFile(path);
  return parseScbWorkbook(data, file, options);
}

export async function parseScbWorkbook(data: Buffer, file: string, options: ScbXlsxOptions = {}): Promise<ScbTable> {
  const { workbook: wb, pruned } = await loadWorkbook(data, file, options.regionFilter);
  const ws = wb.worksheets[0];
  if (!ws) fail(file, undefined, undefined, 'the workbook has no sheet');

  // Materialise the sheet as rows of plain cells.
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
  // Rows cut before parsing (other regions): only their region cell.
  for (const p of pruned) {
    const cells: Cell[] = [];
    for (let c = 1; c <= width; c++) cells[c] = null;
    cells[p.column] = p.text;
    rows[p.row] = cells;
  }
  const rowCount = rows.length - 1;
  const get = (r: number, c: number): Cell => rows[r]?.[c] ?? null;
  const rowBlank = (r: number): boolean => {
    for (let c = 1; c <= width; c++) if (!isBlank(get(r, c))) return false;
    return true;
  };

  // Title: the first non-blank row, first non-blank cell.
  let titleRow = 1;
  while (titleRow <= rowCount && rowBlank(titleRow)) titleRow++;
  if (titleRow > rowCount) fail(file, undefined, undefined, 'the sheet is empty');
  let title = '';
  for (let c = 1; c <= width && !title; c++) title = text(get(titleRow, c));
  const { subject, dimensions: titleDims } = titleDimensions(title);

  // Header rows: non-blank rows after the title whose first column is blank.
  const headerRows: number[] = [];
  let r = titleRow + 1;
  for (; r <= rowCount; r++) {
    if (rowBlank(r)) {
      if (headerRows.length) break;
      continue;
    }
    if (!isBlank(get(r, 1))) break;
    headerRows.push(r);
  }
  if (!headerRows.length) fail(file, titleRow + 1, undefined, 'no header rows found below the title');
  const firstDataRow = r;
  if (firstDataRow > rowCount || rowBlank(firstDataRow))
    fail(file, firstDataRow, 1, 'no data rows found below the header rows');

  // Stub width: columns left of the first header label.
  let firstValueCol = width + 1;
  for (const h of headerRows)
    for (let c = 1; c <= width; c++)
      if (!isBlank(get(h, c))) {
        firstValueCol = Math.min(firstValueCol, c);
        break;
      }
  const stubWidth = firstValueCol - 1;
  if (stubWidth < 1)
    fail(file, headerRows[0], 1, 'the header rows start in the first column; expected a region stub to their left');
  let lastValueCol = firstValueCol;
  for (const h of [...headerRows, firstDataRow])
    for (let c = width; c > lastValueCol; c--) if (!isBlank(get(h, c))) lastValueCol = c;

  // Name the dimensions from the title (stub dimensions first, then one per header row).
  const expected = stubWidth + headerRows.length;
  let names: string[];
  if (titleDims.length === expected) names = titleDims;
  else {
    // Fall back to detection: a stub of regions, header rows named by their labels.
    names = [];
    for (let i = 0; i < stubWidth; i++) names.push(i === stubWidth - 1 ? 'region' : `stub${i + 1}`);
    headerRows.forEach((h, i) => {
      const labels = [];
      for (let c = firstValueCol; c <= lastValueCol; c++) labels.push(text(get(h, c)));
      names.push(labels.filter(Boolean).every((l) => PERIOD.test(l)) ? 'år' : `dimension${i + 1}`);
    });
  }
  const dimensions: ScbDimension[] = names.map((name, i) => ({
    name,
    role: roleOf(name),
    placement: i < stubWidth ? 'stub' : 'heading',
    position: i < stubWidth ? i + 1 : headerRows[i - stubWidth]!,
    values: [],
  }));
  const regionDim = dimensions.find((d) => d.role === 'region' && d.placement === 'stub');
  if (!regionDim)
    fail(file, titleRow, 1, `the title names no region dimension in the stub (dimensions: ${names.join(', ')})`);
  const periodDim = dimensions.find((d) => d.role === 'period');
  if (!periodDim) fail(file, titleRow, 1, `the title names no year dimension (dimensions: ${names.join(', ')})`);

  // Columns: heading labels (a blank label continues the one to its left, as in merged cells).
  const columns: ScbColumn[] = [];
  const carried = new Map<number, string>();
  for (let c = firstValueCol; c <= lastValueCol; c++) {
    const labels: Record<string, string> = {};
    let note: string | null = null;
    for (const d of dimensions) {
      if (d.placement !== 'heading') continue;
      let label = text(get(d.position, c));
      if (!label) label = carried.get(d.position) ?? '';
      if (!label) fail(file, d.position, c, `missing header label for ${d.name}`);
      carried.set(d.position, label);
      labels[d.name] = label;
      if (!d.values.includes(label)) d.values.push(label);
      note ??= notes.get(`${d.position}:${c}`) ?? null;
    }
    columns.push({ column: c, letter: columnLetter(c), labels, note });
  }

  // Data rows until the first blank row.
  const records: ScbRecord[] = [];
  const stubCarry = new Map<number, string>();
  let lastDataRow = firstDataRow;
  let regionCount = 0;
  const regionSeen = new Set<string>();
  for (r = firstDataRow; r <= rowCount && !rowBlank(r); r++) {
    lastDataRow = r;
    const stub: Record<string, string> = {};
    for (const d of dimensions) {
      if (d.placement !== 'stub') continue;
      let label = text(get(r, d.position));
      if (!label) label = stubCarry.get(d.position) ?? '';
      if (!label) fail(file, r, d.position, `missing ${d.name}`);
      stubCarry.set(d.position, label);
      stub[d.name] = label;
      if (d !== regionDim && !d.values.includes(label)) d.values.push(label);
    }
    const m = REGION.exec(stub[regionDim.name]!);
    if (!m) fail(file, r, regionDim.position, `not a region code: ${JSON.stringify(stub[regionDim.name])}`);
    const regionCode = m[1]!;
    const regionName = m[2]?.trim() ?? null;
    const key = JSON.stringify(stub);
    if (regionSeen.has(key)) fail(file, r, regionDim.position, `region ${regionCode} appears twice`);
    regionSeen.add(key);
    regionCount++;
    const keep = options.regionFilter ? options.regionFilter(regionCode) : true;
    for (const col of columns) {
      const raw = get(r, col.column);
      const parsed = parseScbCell(raw);
      if (!parsed) fail(file, r, col.column, `not a number or SCB marker: ${JSON.stringify(raw)}`);
      if (!keep) continue;
      const all = { ...stub, ...col.labels };
      const period = all[periodDim.name]!;
      if (!PERIOD.test(period)) fail(file, r, col.column, `not a period: ${JSON.stringify(period)}`);
      const contentDim = dimensions.find((d) => d.role === 'content');
      const breakdown: Record<string, string> = {};
      for (const d of dimensions) if (d.role === 'breakdown') breakdown[d.name] = all[d.name]!;
      records.push({
        tableId: '',
        title,
        content: contentDim ? all[contentDim.name]! : subject,
        breakdown,
        period,
        regionCode,
        regionName,
        value: parsed.value,
        status: parsed.status,
        source: scbSource(title, period),
      });
    }
  }
  regionDim.values = [];

  // Footnotes and metadata.
  const footnotes: string[] = [];
  const meta: Record<string, string> = {};
  let currentMeta: string | null = null;
  for (; r <= rowCount; r++) {
    if (rowBlank(r)) {
      currentMeta = null;
      continue;
    }
    const t = text(get(r, 1)) || text(get(r, 2));
    if (META_LABELS.has(t)) {
      currentMeta = t.replace(/:$/, '');
      if (!t.endsWith(':')) meta[currentMeta] = 'ja';
      continue;
    }
    if (currentMeta) meta[currentMeta] = meta[currentMeta] ? `${meta[currentMeta]}; ${t}` : t;
    else footnotes.push(t);
  }

  const fromName = /^([0-9A-Z]{6,10})(?:_|\.)/.exec(file)?.[1];
  const tableId = meta['Intern referenskod'] ?? (/^[0-9A-Z]{6,10}$/.test(ws.name) ? ws.name : fromName) ?? ws.name;
  for (const rec of records) rec.tableId = tableId;

  return {
    file,
    tableId,
    title,
    subject,
    dimensions,
    columns,
    firstDataRow,
    lastDataRow,
    regionCount,
    footnotes,
    meta,
    records,
  };
}
