/**
 * The generic Färdplan CSV dataset: a directory with any of
 *   sources.csv       id, name, publisher, url, licence, citation
 *   divisions.csv     id, name_sv, name_en, level, valid_from, valid_to
 *   areas.csv         division, code, name, parent_division, parent_code
 *   indicators.csv    id, name_sv, name_en, unit, kind, polarity, definition_sv, definition_en, numerator, denominator, multiplier, decimals, source
 *   observations.csv  indicator, division, area, period, breakdown, value, numerator, denominator, status, source
 * Every file is read and every row checked before anything is written; problems name file, line and field.
 * References may point into the same dataset or at what the database already holds (passed in as `known`).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, type Problem } from '../core/errors.ts';
import type {
  Area,
  Division,
  Indicator,
  IndicatorKind,
  Observation,
  ObservationStatus,
  Polarity,
  Source,
} from '../core/types.ts';
import { readCsv, RowReader, type CsvRow } from './csv-table.ts';
import { isPeriod } from '../core/contracts/primitives.ts';

export const CSV_DATASET_FILES = [
  'sources.csv',
  'divisions.csv',
  'areas.csv',
  'indicators.csv',
  'observations.csv',
] as const;

export interface CsvDataset {
  dir: string;
  checksum: string;
  fileCount: number;
  sources: Source[];
  divisions: Division[];
  areas: Area[];
  indicators: Indicator[];
  observations: Observation[];
}

export interface KnownIds {
  divisions: Set<string>;
  areas: Set<string>; // 'division/code'
  indicators: Set<string>;
}

const KINDS: IndicatorKind[] = ['share', 'rate', 'count', 'mean', 'median', 'index'];
const POLARITIES: Polarity[] = ['higher_better', 'lower_better', 'neutral'];
const STATUSES: ObservationStatus[] = ['final', 'provisional', 'suppressed', 'missing'];

export function isCsvDataset(dir: string): boolean {
  return CSV_DATASET_FILES.some((f) => existsSync(join(dir, f)));
}

/** The period of an observation row, refused (with file, line and field) unless it is a real period. */
function period(r: RowReader, row: CsvRow): string {
  const v = r.text(row, 'period');
  if (v && !isPeriod(v)) r.problem(row, 'period', `'${v.slice(0, 40)}' is not a period (e.g. 2022, 2022Q1, 2020-2022)`);
  return v;
}

/** Refuses rows that repeat the key of an earlier row of the same file (with both lines). */
function duplicates(r: RowReader, rows: CsvRow[], fields: readonly string[]): void {
  const seen = new Map<string, number>();
  for (const row of rows) {
    const key = fields.map((f) => row.values[f]?.trim() ?? '').join('|');
    const prev = seen.get(key);
    if (prev !== undefined)
      r.problem(row, fields[fields.length - 1]!, `duplicate of line ${prev} (same ${fields.join(', ')})`);
    else seen.set(key, row.line);
  }
}

export function readCsvDataset(dir: string, known: KnownIds): CsvDataset {
  const hash = createHash('sha256');
  const rowsOf = (file: string, required: string[]): { reader: RowReader; rows: CsvRow[] } | null => {
    const path = join(dir, file);
    if (!existsSync(path)) return null;
    const text = readFileSync(path, 'utf8');
    hash.update(file).update('\0').update(text).update('\0');
    return { reader: new RowReader(file), rows: readCsv(text, file, required) };
  };
  const problems: Problem[] = [];
  let fileCount = 0;

  const sources: Source[] = [];
  const s = rowsOf('sources.csv', ['id', 'name', 'publisher', 'citation']);
  if (s) {
    fileCount++;
    duplicates(s.reader, s.rows, ['id']);
    for (const row of s.rows) {
      sources.push({
        id: s.reader.text(row, 'id'),
        name: s.reader.text(row, 'name'),
        publisher: s.reader.text(row, 'publisher'),
        url: s.reader.optional(row, 'url'),
        licence: s.reader.optional(row, 'licence'),
        citation: s.reader.text(row, 'citation'),
      });
    }
    for (const p of s.reader.problems) problems.push(p);
  }

  const divisions: Division[] = [];
  const d = rowsOf('divisions.csv', ['id', 'name_sv', 'name_en', 'level']);
  const divisionIds = new Set(known.divisions);
  if (d) {
    fileCount++;
    duplicates(d.reader, d.rows, ['id']);
    for (const row of d.rows) {
      const div: Division = {
        id: d.reader.text(row, 'id'),
        nameSv: d.reader.text(row, 'name_sv'),
        nameEn: d.reader.text(row, 'name_en'),
        level: d.reader.integer(row, 'level'),
        validFrom: d.reader.date(row, 'valid_from'),
        validTo: d.reader.date(row, 'valid_to'),
      };
      if (div.validFrom && div.validTo && div.validFrom > div.validTo)
        d.reader.problem(row, 'valid_to', 'is before valid_from');
      divisions.push(div);
      divisionIds.add(div.id);
    }
    for (const p of d.reader.problems) problems.push(p);
  }

  const areas: Area[] = [];
  const a = rowsOf('areas.csv', ['division', 'code', 'name']);
  const areaKeys = new Set(known.areas);
  if (a) {
    fileCount++;
    duplicates(a.reader, a.rows, ['division', 'code']);
    for (const row of a.rows) areaKeys.add(`${row.values.division?.trim()}/${row.values.code?.trim()}`);
    for (const row of a.rows) {
      const area: Area = {
        divisionId: a.reader.text(row, 'division'),
        code: a.reader.text(row, 'code'),
        name: a.reader.text(row, 'name'),
        parentDivisionId: a.reader.optional(row, 'parent_division'),
        parentCode: a.reader.optional(row, 'parent_code'),
      };
      if (area.divisionId && !divisionIds.has(area.divisionId))
        a.reader.problem(row, 'division', `unknown division '${area.divisionId}'`);
      if ((area.parentDivisionId === null) !== (area.parentCode === null))
        a.reader.problem(row, 'parent_code', 'parent_division and parent_code go together');
      else if (area.parentDivisionId && !areaKeys.has(`${area.parentDivisionId}/${area.parentCode}`)) {
        a.reader.problem(row, 'parent_code', `unknown parent area '${area.parentDivisionId}/${area.parentCode}'`);
      }
      areas.push(area);
    }
    for (const p of a.reader.problems) problems.push(p);
  }

  const indicators: Indicator[] = [];
  const i = rowsOf('indicators.csv', ['id', 'name_sv', 'name_en', 'unit', 'kind', 'polarity']);
  const indicatorIds = new Set(known.indicators);
  if (i) {
    fileCount++;
    duplicates(i.reader, i.rows, ['id']);
    for (const row of i.rows) indicatorIds.add(row.values.id?.trim() ?? '');
    for (const row of i.rows) {
      const r = i.reader;
      const ind: Indicator = {
        id: r.text(row, 'id'),
        nameSv: r.text(row, 'name_sv'),
        nameEn: r.text(row, 'name_en'),
        definitionSv: r.optional(row, 'definition_sv') ?? '',
        definitionEn: r.optional(row, 'definition_en') ?? '',
        unit: r.text(row, 'unit'),
        kind: r.oneOf(row, 'kind', KINDS),
        polarity: r.oneOf(row, 'polarity', POLARITIES),
        sourceId: r.optional(row, 'source'),
        numeratorId: r.optional(row, 'numerator'),
        denominatorId: r.optional(row, 'denominator'),
        multiplier: Number(r.decimal(row, 'multiplier') ?? '1'),
        decimals: r.integer(row, 'decimals', 1),
      };
      for (const f of ['numerator', 'denominator'] as const) {
        const ref = f === 'numerator' ? ind.numeratorId : ind.denominatorId;
        if (ref && !indicatorIds.has(ref)) r.problem(row, f, `unknown indicator '${ref}'`);
      }
      if ((ind.numeratorId === null) !== (ind.denominatorId === null))
        r.problem(row, 'denominator', 'numerator and denominator go together');
      indicators.push(ind);
    }
    for (const p of i.reader.problems) problems.push(p);
  }

  const observations: Observation[] = [];
  const o = rowsOf('observations.csv', ['indicator', 'division', 'area', 'period', 'value', 'source']);
  if (o) {
    fileCount++;
    const seen = new Map<string, number>();
    for (const row of o.rows) {
      const r = o.reader;
      const status = r.oneOf(row, 'status', STATUSES, 'final');
      const ob: Observation = {
        indicatorId: r.text(row, 'indicator'),
        divisionId: r.text(row, 'division'),
        areaCode: r.text(row, 'area'),
        period: period(r, row),
        breakdown: r.optional(row, 'breakdown') ?? '',
        value: r.decimal(row, 'value', { required: status === 'final' || status === 'provisional' }),
        numerator: r.decimal(row, 'numerator'),
        denominator: r.decimal(row, 'denominator'),
        status,
        derived: false,
        source: r.text(row, 'source'),
      };
      if (ob.indicatorId && !indicatorIds.has(ob.indicatorId))
        r.problem(row, 'indicator', `unknown indicator '${ob.indicatorId}'`);
      if (ob.areaCode && !areaKeys.has(`${ob.divisionId}/${ob.areaCode}`))
        r.problem(row, 'area', `unknown area '${ob.divisionId}/${ob.areaCode}'`);
      if ((status === 'suppressed' || status === 'missing') && ob.value !== null)
        r.problem(row, 'value', `must be empty when status is ${status}`);
      const key = [ob.indicatorId, ob.divisionId, ob.areaCode, ob.period, ob.breakdown].join('|');
      const prev = seen.get(key);
      if (prev !== undefined)
        r.problem(row, 'period', `duplicate of line ${prev} (same indicator, area, period and breakdown)`);
      else seen.set(key, row.line);
      observations.push(ob);
    }
    for (const p of o.reader.problems) problems.push(p);
  }

  if (fileCount === 0) {
    throw new AppError(
      'import_failed',
      `${dir}: no dataset files found (expected any of ${CSV_DATASET_FILES.join(', ')})`,
      [{ file: dir, message: 'no dataset files' }],
    );
  }
  if (problems.length) {
    const first = problems[0]!;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new AppError(
      'import_failed',
      `${first.file}:${first.line}: ${first.field}: ${first.message}${more}`,
      problems,
    );
  }
  return { dir, checksum: hash.digest('hex'), fileCount, sources, divisions, areas, indicators, observations };
}
