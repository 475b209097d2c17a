/**
 * Reading the first worksheet of an xlsx package as plain cells, straight from its XML parts (SpreadsheetML,
 * ECMA-376 part 1 §18). Statistikdatabasen writes its parts with a namespace prefix (`<x:row>`), absolute
 * relationship targets and a VML drawing beside its comments; all of that is read as written. What is read:
 * the workbook's first sheet (name and cells), shared strings, inline strings, booleans, numbers (as dates
 * where the cell's number format is a date format, as spreadsheet programs show them), formula results,
 * and the cell comments (notes). Styles other than number formats, merges and formulas themselves are not
 * needed by the importer and are not read.
 */
import { posix } from 'node:path';
import { columnNumber, fail, isBlank, type Cell, type Sheet } from './sheet.ts';
import { unzipSync } from 'fflate';

/**
 * An element of that name in any namespace prefix (`<x:row …>`, `<row …>`), empty or with content: groups 1
 * (attributes) and 2 (content, undefined when empty). The parts are machine-written SpreadsheetML, where an
 * element of these names never nests in itself.
 */
function element(name: string, flags = 'g'): RegExp {
  const p = '(?:[A-Za-z_][\\w.-]*:)?';
  return new RegExp(`<${p}${name}(?=[\\s/>])([^>]*?)(?:\\/>|>([\\s\\S]*?)<\\/${p}${name}\\s*>)`, flags);
}

const RE = {
  row: element('row'),
  c: element('c'),
  v: element('v', ''),
  is: element('is', ''),
  t: element('t'),
  rPh: element('rPh'),
  si: element('si'),
  sheet: element('sheet', ''),
  workbookPr: element('workbookPr', ''),
  numFmt: element('numFmt'),
  cellXfs: element('cellXfs', ''),
  xf: element('xf'),
  comment: element('comment'),
  relationship: element('Relationship'),
};

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };

/** Text content as an XML parser gives it: line ends normalised (§2.11), character and entity references decoded. */
function decodeXml(raw: string): string {
  const s = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|quot|apos|amp);/g, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e]!,
  );
}

const ATTRIBUTES = new Map<string, RegExp>();

function attr(attrs: string, name: string): string | undefined {
  let re = ATTRIBUTES.get(name);
  if (!re) ATTRIBUTES.set(name, (re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(attrs);
  if (!m) return undefined;
  const v = m[1] ?? m[2]!;
  // attribute values normalised (§3.3.3)
  return /[\t\n\r&]/.test(v) ? decodeXml(v.replace(/\r\n?/g, '\n').replace(/[\t\n]/g, ' ')) : v;
}

/** The text of a string item (`<si>`, `<is>`, a comment's `<text>`): its runs joined, phonetic runs left out. */
function runText(xml: string): string {
  let t = '';
  for (const m of xml.replace(RE.rPh, '').matchAll(RE.t)) t += m[2] ?? '';
  return decodeXml(t);
}

function readSharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const si of xml.matchAll(RE.si)) out.push(runText(si[2] ?? ''));
  return out;
}

/** Built-in number formats that show a date or time (ECMA-376 part 1 §18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** Whether a format code shows a date or time: a date or time letter outside quotes and brackets. */
function isDateFormat(code: string): boolean {
  return /[ymdhsb]/i.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** The style indexes (`s`) whose number format is a date format. */
function readDateStyles(xml: string | undefined): Set<number> {
  const out = new Set<number>();
  if (!xml) return out;
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(RE.numFmt)) custom.set(Number(attr(m[1]!, 'numFmtId')), attr(m[1]!, 'formatCode') ?? '');
  const xfs = RE.cellXfs.exec(xml)?.[2] ?? '';
  let i = 0;
  for (const m of xfs.matchAll(RE.xf)) {
    const id = Number(attr(m[1]!, 'numFmtId') ?? 0);
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) out.add(i);
    i++;
  }
  return out;
}

/** A serial day number of the 1900 (or 1904) date system as an ISO date. */
function serialDate(serial: number, date1904: boolean): string {
  const days = serial - (date1904 ? 24107 : 25569);
  return new Date(Math.round(days * 86_400_000)).toISOString().slice(0, 10);
}

interface Relationship {
  type: string;
  target: string;
}

/** A part's relationships (`_rels/<name>.rels`), their targets resolved to part names. */
function relationships(read: (part: string) => string | undefined, part: string): Map<string, Relationship> {
  const dir = posix.dirname(part);
  const xml = read(posix.join(dir, '_rels', `${posix.basename(part)}.rels`));
  const out = new Map<string, Relationship>();
  if (!xml) return out;
  for (const m of xml.matchAll(RE.relationship)) {
    const id = attr(m[1]!, 'Id');
    const target = attr(m[1]!, 'Target');
    const mode = attr(m[1]!, 'TargetMode');
    if (!id || !target || mode === 'External') continue;
    out.set(id, {
      type: (attr(m[1]!, 'Type') ?? '').replace(/^.*\//, ''),
      target: target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(dir === '.' ? '' : dir, target)),
    });
  }
  return out;
}

function ofType(rels: Map<string, Relationship>, type: string): string | undefined {
  for (const r of rels.values()) if (r.type === type) return r.target;
  return undefined;
}

/** A row cut before its cells are read: a region (DeSO/RegSO form) that the filter refuses. */
const PRUNABLE_REGION = /^\d{4}[A-Z]\d{3,4}(?:\s.*)?$/;

interface RawCell {
  column: number;
  value: Cell;
}

function cellOf(attrs: string, body: string, { strings, dateStyles, date1904 }: Values): Cell {
  const type = attr(attrs, 't') ?? 'n';
  if (type === 'inlineStr') {
    const is = RE.is.exec(body);
    return is ? runText(is[2] ?? '') : null;
  }
  const v = RE.v.exec(body);
  if (!v) return null;
  const text = decodeXml(v[2] ?? '');
  switch (type) {
    case 's':
      return strings[Number(text)] ?? null;
    case 'b':
      return text === '1' || text === 'true' ? 'true' : 'false';
    case 'str':
    case 'e':
      return text;
    case 'd':
      return Number.isNaN(Date.parse(text)) ? text : new Date(text).toISOString().slice(0, 10);
    default: {
      if (text.trim() === '') return null;
      const n = parseFloat(text);
      if (Number.isNaN(n)) return text;
      const s = attr(attrs, 's');
      return s !== undefined && dateStyles.has(Number(s)) ? serialDate(n, date1904) : n;
    }
  }
}

/** Where a cell is (`B12` → 12, 2), or undefined. */
function address(ref: string | undefined): { row: number; column: number } | undefined {
  const m = ref ? /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref) : null;
  return m ? { row: Number(m[2]), column: columnNumber(m[1]!) } : undefined;
}

/** What a cell's value needs besides itself. */
interface Values {
  strings: string[];
  dateStyles: Set<number>;
  date1904: boolean;
}

/** The workbook's first sheet: its name, its XML, what its values need, and its comments' XML. */
function openFirstSheet(data: Buffer, file: string) {
  const entries = new Map<string, Uint8Array>();
  try {
    // only the XML parts and their relationships are inflated (not the theme, images or metadata)
    const parts = unzipSync(data, { filter: (f) => /\.(xml|rels)$/i.test(f.name) });
    for (const [name, bytes] of Object.entries(parts)) entries.set(name.replace(/^\//, ''), bytes);
  } catch (e) {
    fail(file, undefined, undefined, `not an xlsx file (${(e as Error).message})`);
  }
  const read = (name: string | undefined): string | undefined => {
    const bytes = name === undefined ? undefined : entries.get(name);
    return bytes && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  };

  const workbookPart = ofType(relationships(read, ''), 'officeDocument') ?? 'xl/workbook.xml';
  const workbook = read(workbookPart);
  if (workbook === undefined) fail(file, undefined, undefined, `cannot read the workbook (no part ${workbookPart})`);
  const first = RE.sheet.exec(workbook);
  if (!first) fail(file, undefined, undefined, 'the workbook has no sheet');
  const rid = /\s[\w.-]+:id\s*=\s*"([^"]*)"/.exec(first[1]!)?.[1];
  const rels = relationships(read, workbookPart);
  const part = (rid && rels.get(rid)?.target) || 'xl/worksheets/sheet1.xml';
  const xml = read(part);
  if (xml === undefined) fail(file, undefined, undefined, `cannot read the workbook (no part ${part})`);
  const values: Values = {
    strings: readSharedStrings(read(ofType(rels, 'sharedStrings')) ?? ''),
    dateStyles: readDateStyles(read(ofType(rels, 'styles'))),
    date1904: /^(?:1|true)$/.test(attr(RE.workbookPr.exec(workbook)?.[1] ?? '', 'date1904') ?? ''),
  };
  const comments = read(ofType(relationships(read, part), 'comments'));
  return { name: attr(first[1]!, 'name') ?? '', xml, values, comments };
}

interface RawRow {
  cells: RawCell[];
  /** Cut by the region filter: only its region cell. */
  pruned: boolean;
}

/** The sheet's rows by number; the cells of rows with a value make its width (every cell element, as written). */
function readRows(xml: string, values: Values, regionFilter?: (regionCode: string) => boolean) {
  const rows = new Map<number, RawRow>();
  let width = 0;
  let lastRow = 0;
  for (const row of xml.matchAll(RE.row)) {
    const r = Number(attr(row[1]!, 'r') ?? lastRow + 1);
    lastRow = Math.max(lastRow, r);
    const cells: RawCell[] = [];
    let column = 0;
    let rowWidth = 0;
    let hasValue = false;
    let pruned = false;
    for (const c of (row[2] ?? '').matchAll(RE.c)) {
      column = address(attr(c[1]!, 'r'))?.column ?? column + 1;
      const value = cellOf(c[1]!, c[2] ?? '', values);
      cells.push({ column, value });
      if (cells.length === 1 && regionFilter && refused(c[1]!, value, regionFilter)) {
        pruned = true; // its values are not read
        break;
      }
      rowWidth = Math.max(rowWidth, column);
      if (value !== null) hasValue = true;
    }
    if (hasValue) width = Math.max(width, rowWidth);
    rows.set(r, { cells, pruned });
  }
  return { rows, width, lastRow };
}

/** Whether a row's first cell is a shared string naming a region (DeSO/RegSO form) that the filter refuses. */
function refused(attrs: string, value: Cell, regionFilter: (regionCode: string) => boolean): boolean {
  return (
    attr(attrs, 't') === 's' &&
    typeof value === 'string' &&
    PRUNABLE_REGION.test(value) &&
    !regionFilter(value.split(/\s/)[0]!)
  );
}

/** The cell comments (notes) of cells within the sheet, keyed `row:column`. */
function readNotes(xml: string | undefined, lastRow: number, width: number): Map<string, string> {
  const notes = new Map<string, string>();
  for (const m of xml?.matchAll(RE.comment) ?? []) {
    const at = address(attr(m[1]!, 'ref'));
    const text = runText(m[2] ?? '').trim();
    if (at && text && at.row <= lastRow && at.column <= width) notes.set(`${at.row}:${at.column}`, text);
  }
  return notes;
}

/**
 * The first worksheet of an xlsx package as plain cells. With a region filter, rows whose first cell is a
 * region code (DeSO/RegSO form) the filter refuses keep only that cell: they still count as region rows, but
 * their value cells are neither read nor validated (a filtered read of a national table reads its share).
 */
export function readFirstSheet(
  data: Buffer,
  file: string,
  regionFilter?: (regionCode: string) => boolean,
): { name: string; sheet: Sheet } {
  const pkg = openFirstSheet(data, file);
  const { rows: raw, width, lastRow } = readRows(pkg.xml, pkg.values, regionFilter);
  const rows: Cell[][] = [];
  for (let r = 1; r <= lastRow; r++) {
    const cells: Cell[] = new Array<Cell>(width + 1).fill(null);
    const row = raw.get(r);
    for (const c of row?.cells ?? []) if (c.column <= width || row!.pruned) cells[c.column] = c.value;
    rows[r] = cells;
  }
  const get = (r: number, c: number): Cell => rows[r]?.[c] ?? null;
  const rowBlank = (r: number): boolean => {
    for (let c = 1; c <= width; c++) if (!isBlank(get(r, c))) return false;
    return true;
  };
  return {
    name: pkg.name,
    sheet: { rowCount: lastRow, width, get, rowBlank, notes: readNotes(pkg.comments, lastRow, width) },
  };
}
