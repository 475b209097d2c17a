/**
 * The head of an SCB sheet: the title row, the header rows (one per heading dimension), the stub
 * columns to their left, the dimensions named from the title and the value columns with their labels.
 */
import { titleDimensions } from '../../core/stats/scb.ts';
import { columnLetter, fail, isBlank, text, type Sheet } from './sheet.ts';
import type { DimensionRole, ScbColumn, ScbDimension } from './types.ts';

export const PERIOD = /^\d{4}(?:[MK]\d{1,2})?$/;

/** Where the parts of the sheet are, as found from its title and header rows. */
export interface SheetLayout {
  titleRow: number;
  title: string;
  subject: string;
  titleDims: string[];
  headerRows: number[];
  firstDataRow: number;
  firstValueCol: number;
  lastValueCol: number;
  stubWidth: number;
}

/** The dimensions of the table, with its region (stub) and period dimensions. */
export interface SheetDimensions {
  dimensions: ScbDimension[];
  regionDim: ScbDimension;
  periodDim: ScbDimension;
}

function roleOf(name: string): DimensionRole {
  const n = name.toLowerCase();
  if (n === 'region') return 'region';
  if (n === 'tabellinnehåll') return 'content';
  if (n === 'år' || n === 'månad' || n === 'kvartal') return 'period';
  return 'breakdown';
}

/** The title: the first non-blank row, first non-blank cell. */
function findTitle(sheet: Sheet, file: string): { titleRow: number; title: string } {
  let titleRow = 1;
  while (titleRow <= sheet.rowCount && sheet.rowBlank(titleRow)) titleRow++;
  if (titleRow > sheet.rowCount) fail(file, undefined, undefined, 'the sheet is empty');
  let title = '';
  for (let c = 1; c <= sheet.width && !title; c++) title = text(sheet.get(titleRow, c));
  return { titleRow, title };
}

/** Header rows: non-blank rows after the title whose first column is blank; the data rows start after them. */
function findHeaderRows(sheet: Sheet, file: string, titleRow: number): { headerRows: number[]; firstDataRow: number } {
  const headerRows: number[] = [];
  let r = titleRow + 1;
  for (; r <= sheet.rowCount; r++) {
    if (sheet.rowBlank(r)) {
      if (headerRows.length) break;
      continue;
    }
    if (!isBlank(sheet.get(r, 1))) break;
    headerRows.push(r);
  }
  if (!headerRows.length) fail(file, titleRow + 1, undefined, 'no header rows found below the title');
  const firstDataRow = r;
  if (firstDataRow > sheet.rowCount || sheet.rowBlank(firstDataRow))
    fail(file, firstDataRow, 1, 'no data rows found below the header rows');
  return { headerRows, firstDataRow };
}

/** The value columns: the stub is the columns left of the first header label. */
function findValueColumns(
  sheet: Sheet,
  file: string,
  headerRows: number[],
  firstDataRow: number,
): { firstValueCol: number; lastValueCol: number; stubWidth: number } {
  let firstValueCol = sheet.width + 1;
  for (const h of headerRows)
    for (let c = 1; c <= sheet.width; c++)
      if (!isBlank(sheet.get(h, c))) {
        firstValueCol = Math.min(firstValueCol, c);
        break;
      }
  const stubWidth = firstValueCol - 1;
  if (stubWidth < 1)
    fail(file, headerRows[0], 1, 'the header rows start in the first column; expected a region stub to their left');
  let lastValueCol = firstValueCol;
  for (const h of [...headerRows, firstDataRow])
    for (let c = sheet.width; c > lastValueCol; c--) if (!isBlank(sheet.get(h, c))) lastValueCol = c;
  return { firstValueCol, lastValueCol, stubWidth };
}

/** Finds the title, header rows, stub and value columns of the sheet. */
export function readLayout(sheet: Sheet, file: string): SheetLayout {
  const { titleRow, title } = findTitle(sheet, file);
  const { subject, dimensions: titleDims } = titleDimensions(title);
  const { headerRows, firstDataRow } = findHeaderRows(sheet, file, titleRow);
  const columns = findValueColumns(sheet, file, headerRows, firstDataRow);
  return { titleRow, title, subject, titleDims, headerRows, firstDataRow, ...columns };
}

/** The dimension names: from the title (stub dimensions first, then one per header row) when they fit. */
function dimensionNames(sheet: Sheet, layout: SheetLayout): string[] {
  const { titleDims, stubWidth, headerRows, firstValueCol, lastValueCol } = layout;
  if (titleDims.length === stubWidth + headerRows.length) return titleDims;
  // Fall back to detection: a stub of regions, header rows named by their labels.
  const names: string[] = [];
  for (let i = 0; i < stubWidth; i++) names.push(i === stubWidth - 1 ? 'region' : `stub${i + 1}`);
  headerRows.forEach((h, i) => {
    const labels = [];
    for (let c = firstValueCol; c <= lastValueCol; c++) labels.push(text(sheet.get(h, c)));
    names.push(labels.filter(Boolean).every((l) => PERIOD.test(l)) ? 'år' : `dimension${i + 1}`);
  });
  return names;
}

/** Names the dimensions; refuses a table without a region stub or a period dimension. */
export function readDimensions(sheet: Sheet, file: string, layout: SheetLayout): SheetDimensions {
  const { stubWidth, headerRows, titleRow } = layout;
  const names = dimensionNames(sheet, layout);
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
  return { dimensions, regionDim, periodDim };
}

/** Columns: heading labels (a blank label continues the one to its left, as in merged cells). */
export function readColumns(sheet: Sheet, file: string, layout: SheetLayout, dimensions: ScbDimension[]): ScbColumn[] {
  const columns: ScbColumn[] = [];
  const carried = new Map<number, string>();
  for (let c = layout.firstValueCol; c <= layout.lastValueCol; c++) {
    const labels: Record<string, string> = {};
    let note: string | null = null;
    for (const d of dimensions) {
      if (d.placement !== 'heading') continue;
      let label = text(sheet.get(d.position, c));
      if (!label) label = carried.get(d.position) ?? '';
      if (!label) fail(file, d.position, c, `missing header label for ${d.name}`);
      carried.set(d.position, label);
      labels[d.name] = label;
      if (!d.values.includes(label)) d.values.push(label);
      note ??= sheet.notes.get(`${d.position}:${c}`) ?? null;
    }
    columns.push({ column: c, letter: columnLetter(c), labels, note });
  }
  return columns;
}
