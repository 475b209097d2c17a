/** The body of an SCB sheet: one data row per region (stub labels, then one value per column), then footnotes and metadata. */
import { parseScbCell, scbSource, type ScbRecord } from '../../core/stats/scb.ts';
import { PERIOD, type SheetDimensions } from './header.ts';
import { fail, text, type Sheet } from './sheet.ts';
import type { ScbColumn, ScbXlsxOptions } from './types.ts';

const REGION = /^(\d{2,4}[A-Z]?\d*|\d{4}[A-Z]\d{4}|[0-9A-Z]{2,12})(?:\s+(.+))?$/;

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

/** What the data rows give: their records, where they end and how many regions they hold. */
export interface DataRows {
  records: ScbRecord[];
  lastDataRow: number;
  regionCount: number;
  /** The first row after the data rows (a blank row, or past the end of the sheet). */
  end: number;
}

/** What the data rows are read against: the sheet's title and subject, dimensions, columns and options. */
export interface RowContext extends SheetDimensions {
  sheet: Sheet;
  file: string;
  title: string;
  subject: string;
  columns: ScbColumn[];
  options: ScbXlsxOptions;
}

/** The stub labels of a data row (a blank label continues the one above, as in merged cells). */
function readStub(ctx: RowContext, r: number, stubCarry: Map<number, string>): Record<string, string> {
  const stub: Record<string, string> = {};
  for (const d of ctx.dimensions) {
    if (d.placement !== 'stub') continue;
    let label = text(ctx.sheet.get(r, d.position));
    if (!label) label = stubCarry.get(d.position) ?? '';
    if (!label) fail(ctx.file, r, d.position, `missing ${d.name}`);
    stubCarry.set(d.position, label);
    stub[d.name] = label;
    if (d !== ctx.regionDim && !d.values.includes(label)) d.values.push(label);
  }
  return stub;
}

/** The region code and name of a data row's region label. */
function regionOf(ctx: RowContext, r: number, label: string): { regionCode: string; regionName: string | null } {
  const m = REGION.exec(label);
  if (!m) fail(ctx.file, r, ctx.regionDim.position, `not a region code: ${JSON.stringify(label)}`);
  return { regionCode: m[1]!, regionName: m[2]?.trim() ?? null };
}

/** The value cells of a data row: checked always, turned into records only when the region is kept. */
function readValues(
  ctx: RowContext,
  r: number,
  stub: Record<string, string>,
  region: { regionCode: string; regionName: string | null },
  keep: boolean,
  records: ScbRecord[],
): void {
  const { sheet, file, title, subject, dimensions, periodDim } = ctx;
  for (const col of ctx.columns) {
    const raw = sheet.get(r, col.column);
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
      regionCode: region.regionCode,
      regionName: region.regionName,
      value: parsed.value,
      status: parsed.status,
      source: scbSource(title, period),
    });
  }
}

/** Data rows from `firstDataRow` until the first blank row; a region (with the same stub) may appear once. */
export function readDataRows(ctx: RowContext, firstDataRow: number): DataRows {
  const { sheet, file, regionDim } = ctx;
  const records: ScbRecord[] = [];
  const stubCarry = new Map<number, string>();
  let lastDataRow = firstDataRow;
  let regionCount = 0;
  const regionSeen = new Set<string>();
  let r = firstDataRow;
  for (; r <= sheet.rowCount && !sheet.rowBlank(r); r++) {
    lastDataRow = r;
    const stub = readStub(ctx, r, stubCarry);
    const region = regionOf(ctx, r, stub[regionDim.name]!);
    const key = JSON.stringify(stub);
    if (regionSeen.has(key)) fail(file, r, regionDim.position, `region ${region.regionCode} appears twice`);
    regionSeen.add(key);
    regionCount++;
    const keep = ctx.options.regionFilter ? ctx.options.regionFilter(region.regionCode) : true;
    readValues(ctx, r, stub, region, keep, records);
  }
  return { records, lastDataRow, regionCount, end: r };
}

/** Footnotes and metadata (`Källa:` and the lines below it, up to a blank row) from row `from` to the end. */
export function readFootnotes(sheet: Sheet, from: number): { footnotes: string[]; meta: Record<string, string> } {
  const footnotes: string[] = [];
  const meta: Record<string, string> = {};
  let currentMeta: string | null = null;
  for (let r = from; r <= sheet.rowCount; r++) {
    if (sheet.rowBlank(r)) {
      currentMeta = null;
      continue;
    }
    const t = text(sheet.get(r, 1)) || text(sheet.get(r, 2));
    if (META_LABELS.has(t)) {
      currentMeta = t.replace(/:$/, '');
      if (!t.endsWith(':')) meta[currentMeta] = 'ja';
      continue;
    }
    if (currentMeta) meta[currentMeta] = meta[currentMeta] ? `${meta[currentMeta]}; ${t}` : t;
    else footnotes.push(t);
  }
  return { footnotes, meta };
}
