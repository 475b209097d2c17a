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
 * The package's first sheet is read as plain cells straight from its XML (scb-xlsx/workbook.ts); the sheet's
 * head and body are read by scb-xlsx/header.ts and scb-xlsx/rows.ts.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { readColumns, readDimensions, readLayout } from './scb-xlsx/header.ts';
import { readDataRows, readFootnotes } from './scb-xlsx/rows.ts';
import type { ScbTable, ScbXlsxOptions } from './scb-xlsx/types.ts';
import { readFirstSheet } from './scb-xlsx/workbook.ts';

export type { DimensionRole, ScbColumn, ScbDimension, ScbTable, ScbXlsxOptions } from './scb-xlsx/types.ts';

/** Parses one SCB Statistikdatabasen xlsx export. */
export async function readScbXlsx(path: string, options: ScbXlsxOptions = {}): Promise<ScbTable> {
  const file = options.fileLabel ?? basename(path);
  const data = await readFile(path);
  return parseScbWorkbook(data, file, options);
}

/** The table id: the internal reference code in the metadata, else a code-like sheet name or file name, else the sheet name. */
function tableIdOf(meta: Record<string, string>, sheetName: string, file: string): string {
  const fromName = /^([0-9A-Z]{6,10})(?:_|\.)/.exec(file)?.[1];
  return meta['Intern referenskod'] ?? (/^[0-9A-Z]{6,10}$/.test(sheetName) ? sheetName : fromName) ?? sheetName;
}

/** Parses the bytes of one SCB Statistikdatabasen xlsx export (`file` names it in errors). */
export async function parseScbWorkbook(data: Buffer, file: string, options: ScbXlsxOptions = {}): Promise<ScbTable> {
  const { name: sheetName, sheet } = readFirstSheet(data, file, options.regionFilter);

  const layout = readLayout(sheet, file);
  const { title, subject, firstDataRow } = layout;
  const dims = readDimensions(sheet, file, layout);
  const columns = readColumns(sheet, file, layout, dims.dimensions);
  const rows = readDataRows({ ...dims, sheet, file, title, subject, columns, options }, firstDataRow);
  dims.regionDim.values = [];
  const { footnotes, meta } = readFootnotes(sheet, rows.end);

  const tableId = tableIdOf(meta, sheetName, file);
  for (const rec of rows.records) rec.tableId = tableId;

  return {
    file,
    tableId,
    title,
    subject,
    dimensions: dims.dimensions,
    columns,
    firstDataRow,
    lastDataRow: rows.lastDataRow,
    regionCount: rows.regionCount,
    footnotes,
    meta,
    records: rows.records,
  };
}
