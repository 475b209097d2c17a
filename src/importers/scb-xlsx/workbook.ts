/**
 * Loading an xlsx package into exceljs. Statistikdatabasen's xlsx files use prefixed XML namespaces
 * (`<x:row>`), absolute part paths and a VML drawing name that exceljs cannot read, so the package is
 * normalised in memory first.
 */
import { posix } from 'node:path';
import ExcelJS from 'exceljs';
import { columnNumber, fail, type PrunedCell } from './sheet.ts';
import { readZip, writeStoredZip } from './zip.ts';

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
