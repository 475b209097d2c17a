/**
 * Uploaded datasets: a tidy table (indicator, area, period, value, numerator, denominator, breakdown, status;
 * `division` and `source` optional), a wide table (one column per period), or JSON-stat 2.0, turned into
 * observations. Every problem is collected with file, row (line) and column, so a file reports all at once.
 */
import type { Problem } from '../errors.ts';
import { breakdownKey, type Observation, type ObservationStatus } from '../types.ts';
import type { ParsedJsonStat } from './jsonstat.ts';

export interface SheetRow {
  line: number;
  cells: Record<string, string>;
}

export interface Sheet {
  header: string[];
  rows: SheetRow[];
}

export interface UploadContext {
  file: string;
  indicators: ReadonlySet<string>;
  /** Area code → the divisions that have an area with that code. */
  areas: ReadonlyMap<string, readonly string[]>;
  defaultSource: string;
}

const STATUSES: readonly ObservationStatus[] = ['final', 'provisional', 'suppressed', 'missing'];
const PERIOD = /^\d{4}(-(Q[1-4]|T[1-3]|H[12]|\d{2}|\d{2}-\d{2}))?$/;
const WIDE_PERIOD = /^\d{4}(-(Q[1-4]|T[1-3]|H[12]|\d{2}))?$/;

/** `1 234,5` → `1234.5`; null when the text is not a number. */
export function parseNumber(raw: string): string | null {
  const s = raw.replace(/[\s\u00a0]/g, '').replace(/^−/, '-');
  const t = /^-?\d+,\d+$/.test(s) ? s.replace(',', '.') : s;
  return /^-?\d+(\.\d+)?$/.test(t) ? t : null;
}

/** `sex=kvinnor; age=20-24` → the stored key (sorted); null when malformed. */
export function parseBreakdown(raw: string): string | null {
  const s = raw.trim();
  if (s === '' || s.toLowerCase() === 'total' || s.toLowerCase() === 'totalt') return '';
  const out: Record<string, string> = {};
  for (const part of s.split(';')) {
    const m = /^\s*([\p{L}\w-]+)\s*=\s*([^;=]+?)\s*$/u.exec(part);
    if (!m || m[1]! in out) return null;
    out[m[1]!.toLowerCase()] = m[2]!;
  }
  return breakdownKey(out);
}

const lower = (h: string) => h.trim().toLowerCase();

class Collector {
  readonly problems: Problem[] = [];
  readonly observations: Observation[] = [];
  private readonly seen = new Map<string, number>();
  constructor(private readonly ctx: UploadContext) {}
  problem(line: number | undefined, field: string, message: string): void {
    this.problems.push({ file: this.ctx.file, ...(line !== undefined ? { line } : {}), field, message });
  }
  indicator(line: number, field: string, id: string): string | null {
    if (!id) this.problem(line, field, 'missing indicator');
    else if (!this.ctx.indicators.has(id)) this.problem(line, field, `unknown indicator '${id}'`);
    else return id;
    return null;
  }
  area(line: number, field: string, code: string, division: string): string | null {
    const divisions = this.ctx.areas.get(code) ?? [];
    if (!code) this.problem(line, field, 'missing area code');
    else if (division) {
      if (divisions.includes(division)) return division;
      this.problem(line, field, `unknown area '${division}/${code}'`);
    } else if (divisions.length === 1) return divisions[0]!;
    else if (divisions.length === 0) this.problem(line, field, `unknown area '${code}'`);
    else this.problem(line, field, `area '${code}' exists in ${divisions.join(', ')}: give the division`);
    return null;
  }
  period(line: number, field: string, p: string): string | null {
    if (PERIOD.test(p)) return p;
    this.problem(line, field, p ? `'${p}' is not a period (2022, 2022-Q1, 2022-05, 2022-05-31)` : 'missing period');
    return null;
  }
  value(line: number, field: string, raw: string): { ok: boolean; value: string | null } {
    if (raw.trim() === '' || raw.trim() === '..') return { ok: true, value: null };
    const v = parseNumber(raw);
    if (v === null) this.problem(line, field, `'${raw}' is not a number`);
    return { ok: v !== null, value: v };
  }
  status(line: number, field: string, raw: string, value: string | null): ObservationStatus | null {
    const s = (raw.trim().toLowerCase() || (value === null ? 'missing' : 'final')) as ObservationStatus;
    if (!STATUSES.includes(s)) {
      this.problem(line, field, `'${raw}' is not a status (${STATUSES.join(', ')})`);
      return null;
    }
    if (value === null && (s === 'final' || s === 'provisional')) {
      this.problem(line, field, `a ${s} value needs a number`);
      return null;
    }
    return s;
  }
  add(line: number, o: Observation, field: string): void {
    const key = [o.indicatorId, o.divisionId, o.areaCode, o.period, o.breakdown].join('|');
    const first = this.seen.get(key);
    if (first !== undefined) this.problem(line, field, `the same value as on row ${first}`);
    else {
      this.seen.set(key, line);
      this.observations.push(o);
    }
  }
}

function columnOf(header: readonly string[], ...names: string[]): string | null {
  return header.find((h) => names.includes(lower(h))) ?? null;
}

/** The columns of a tidy or wide table, found by name (English or Swedish); null when absent. */
interface SheetColumns {
  indicator: string | null;
  area: string | null;
  division: string | null;
  period: string | null;
  value: string | null;
  numerator: string | null;
  denominator: string | null;
  breakdown: string | null;
  status: string | null;
  source: string | null;
}

function sheetColumns(header: readonly string[]): SheetColumns {
  return {
    indicator: columnOf(header, 'indicator', 'indikator'),
    area: columnOf(header, 'area', 'area_code', 'område', 'omrade', 'områdeskod'),
    division: columnOf(header, 'division', 'indelning'),
    period: columnOf(header, 'period', 'år', 'year'),
    value: columnOf(header, 'value', 'värde', 'varde'),
    numerator: columnOf(header, 'numerator', 'täljare'),
    denominator: columnOf(header, 'denominator', 'nämnare'),
    breakdown: columnOf(header, 'breakdown', 'uppdelning'),
    status: columnOf(header, 'status'),
    source: columnOf(header, 'source', 'källa'),
  };
}

/** What one row gives every observation it holds (null where the row has a problem). */
interface RowKey {
  readonly indicatorId: string | null;
  readonly divisionId: string | null;
  readonly areaCode: string;
  readonly breakdown: string | null;
  readonly source: string;
}

/** One table row as it is read: its line and its trimmed cell by column (empty for no column). */
interface RowReader {
  readonly line: number;
  readonly cell: (k: string | null) => string;
}

/** A tidy or wide table → observations and problems. */
export function sheetToObservations(
  sheet: Sheet,
  ctx: UploadContext,
): { observations: Observation[]; problems: Problem[] } {
  const c = new Collector(ctx);
  const col = sheetColumns(sheet.header);
  const wide = !col.period ? sheet.header.filter((h) => WIDE_PERIOD.test(h.trim())) : [];
  const required: [string, string | null][] = [
    ['indicator', col.indicator],
    ['area', col.area],
  ];
  if (!wide.length) required.push(['period', col.period], ['value', col.value]);
  for (const [name, found] of required) if (!found) c.problem(1, name, 'missing column');
  if (c.problems.length) return { observations: [], problems: c.problems };
  for (const row of sheet.rows) {
    if (Object.values(row.cells).every((v) => v.trim() === '')) continue;
    addRow(c, row, col, wide, ctx);
  }
  return { observations: c.observations, problems: c.problems };
}

/** The observations of one row: one per period (wide table) or the row's own period (tidy table). */
function addRow(c: Collector, row: SheetRow, col: SheetColumns, wide: readonly string[], ctx: UploadContext): void {
  const r: RowReader = { line: row.line, cell: (k) => (k ? (row.cells[k] ?? '').trim() : '') };
  const { cell } = r;
  const indicatorId = c.indicator(row.line, col.indicator!, cell(col.indicator));
  const divisionId = c.area(row.line, col.area!, cell(col.area), cell(col.division));
  const breakdown = parseBreakdown(cell(col.breakdown));
  if (breakdown === null)
    c.problem(row.line, col.breakdown!, `'${cell(col.breakdown)}' is not a breakdown (key=value;key=value)`);
  const key: RowKey = {
    indicatorId,
    divisionId,
    areaCode: cell(col.area),
    breakdown,
    source: cell(col.source) || ctx.defaultSource,
  };
  const entries = wide.length ? wide.map((p) => [p, p] as const) : [[col.period!, cell(col.period)] as const];
  for (const [field, rawPeriod] of entries) addEntry(c, r, col, wide.length > 0, key, field, rawPeriod);
}

/** One period of a row: its value (in `field` of a wide table, else the value column), checked and added. */
function addEntry(
  c: Collector,
  r: RowReader,
  col: SheetColumns,
  isWide: boolean,
  key: RowKey,
  field: string,
  rawPeriod: string,
): void {
  const { line, cell } = r;
  const period = c.period(line, field, rawPeriod.trim());
  const valueField = isWide ? field : col.value!;
  const v = c.value(line, valueField, cell(valueField));
  if (isWide && v.value === null) return; // an empty cell in a wide table is no value
  const num = optionalValue(c, r, col.numerator);
  const den = optionalValue(c, r, col.denominator);
  const status = v.ok ? c.status(line, col.status ?? 'status', cell(col.status), v.value) : null;
  const { indicatorId, divisionId, breakdown } = key;
  if (!indicatorId || !divisionId || breakdown === null || !period || !v.ok || !num.ok || !den.ok || !status) return;
  c.add(
    line,
    {
      indicatorId,
      divisionId,
      areaCode: key.areaCode,
      period,
      breakdown,
      value: v.value,
      numerator: num.value,
      denominator: den.value,
      status,
      derived: false,
      source: key.source,
    },
    valueField,
  );
}

/** The number in an optional column (numerator, denominator); no value when the table lacks the column. */
function optionalValue(c: Collector, r: RowReader, column: string | null): { ok: boolean; value: string | null } {
  return column ? c.value(r.line, column, r.cell(column)) : { ok: true, value: null };
}

/**
 * JSON-stat 2.0 → observations: the metric dimension's categories are indicator ids, the geo dimension's
 * are area codes, the time dimension's are periods, and any other dimension becomes a breakdown key.
 */
export function jsonStatToObservations(
  ds: ParsedJsonStat,
  ctx: UploadContext,
): { observations: Observation[]; problems: Problem[] } {
  const c = new Collector(ctx);
  const time = ds.roles.time[0];
  const geo = ds.roles.geo[0];
  const metric = ds.roles.metric[0];
  for (const [name, id] of [
    ['role.time', time],
    ['role.geo', geo],
    ['role.metric', metric],
  ] as const)
    if (!id) c.problem(undefined, name, 'JSON-stat role missing (time, geo and metric are needed)');
  if (!time || !geo || !metric) return { observations: [], problems: c.problems };
  const source = ds.source ? `${ds.source}${ds.label ? `, ${ds.label}` : ''}` : ctx.defaultSource;
  for (const [i, cell] of ds.cells.entries()) {
    const line = i + 1;
    const indicatorId = c.indicator(line, `dimension.${metric}`, cell.codes[metric]!);
    const divisionId = c.area(line, `dimension.${geo}`, cell.codes[geo]!, '');
    const period = c.period(line, `dimension.${time}`, cell.codes[time]!);
    const b: Record<string, string> = {};
    for (const id of ds.ids) if (id !== time && id !== geo && id !== metric) b[id.toLowerCase()] = cell.codes[id]!;
    const value = cell.value === null ? null : String(cell.value);
    const status: ObservationStatus = value === null ? 'missing' : cell.status === 'p' ? 'provisional' : 'final';
    if (!indicatorId || !divisionId || !period) continue;
    c.add(
      line,
      {
        indicatorId,
        divisionId,
        areaCode: cell.codes[geo]!,
        period,
        breakdown: breakdownKey(b),
        value,
        numerator: null,
        denominator: null,
        status,
        derived: false,
        source,
      },
      'value',
    );
  }
  return { observations: c.observations, problems: c.problems };
}
