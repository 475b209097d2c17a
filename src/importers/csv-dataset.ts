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

/** One dataset file: its rows and the reader that collects their problems. */
interface DatasetFile {
  reader: RowReader;
  rows: CsvRow[];
}

/** Reads sources.csv. */
function readSources({ reader: r, rows }: DatasetFile): Source[] {
  duplicates(r, rows, ['id']);
  return rows.map((row) => ({
    id: r.text(row, 'id'),
    name: r.text(row, 'name'),
    publisher: r.text(row, 'publisher'),
    url: r.optional(row, 'url'),
    licence: r.optional(row, 'licence'),
    citation: r.text(row, 'citation'),
  }));
}

/** Reads divisions.csv, adding each division's id to `divisionIds`. */
function readDivisions({ reader: r, rows }: DatasetFile, divisionIds: Set<string>): Division[] {
  duplicates(r, rows, ['id']);
  const divisions: Division[] = [];
  for (const row of rows) {
    const div: Division = {
      id: r.text(row, 'id'),
      nameSv: r.text(row, 'name_sv'),
      nameEn: r.text(row, 'name_en'),
      level: r.integer(row, 'level'),
      validFrom: r.date(row, 'valid_from'),
      validTo: r.date(row, 'valid_to'),
    };
    if (div.validFrom && div.validTo && div.validFrom > div.validTo) r.problem(row, 'valid_to', 'is before valid_from');
    divisions.push(div);
    divisionIds.add(div.id);
  }
  return divisions;
}

/** Checks an area's division and parent against the known divisions and areas. */
function checkArea(r: RowReader, row: CsvRow, area: Area, divisionIds: Set<string>, areaKeys: Set<string>): void {
  if (area.divisionId && !divisionIds.has(area.divisionId))
    r.problem(row, 'division', `unknown division '${area.divisionId}'`);
  if ((area.parentDivisionId === null) !== (area.parentCode === null))
    r.problem(row, 'parent_code', 'parent_division and parent_code go together');
  else if (area.parentDivisionId && !areaKeys.has(`${area.parentDivisionId}/${area.parentCode}`)) {
    r.problem(row, 'parent_code', `unknown parent area '${area.parentDivisionId}/${area.parentCode}'`);
  }
}

/** Reads areas.csv, adding each area's key (`division/code`) to `areaKeys` before the rows are checked. */
function readAreas({ reader: r, rows }: DatasetFile, divisionIds: Set<string>, areaKeys: Set<string>): Area[] {
  duplicates(r, rows, ['division', 'code']);
  for (const row of rows) areaKeys.add(`${row.values.division?.trim()}/${row.values.code?.trim()}`);
  return rows.map((row) => {
    const area: Area = {
      divisionId: r.text(row, 'division'),
      code: r.text(row, 'code'),
      name: r.text(row, 'name'),
      parentDivisionId: r.optional(row, 'parent_division'),
      parentCode: r.optional(row, 'parent_code'),
    };
    checkArea(r, row, area, divisionIds, areaKeys);
    return area;
  });
}

/** One row of indicators.csv as an indicator (its references unchecked). */
function indicatorOf(r: RowReader, row: CsvRow): Indicator {
  return {
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
}

/** Reads indicators.csv, adding each indicator's id to `indicatorIds` before the rows are checked. */
function readIndicators({ reader: r, rows }: DatasetFile, indicatorIds: Set<string>): Indicator[] {
  duplicates(r, rows, ['id']);
  for (const row of rows) indicatorIds.add(row.values.id?.trim() ?? '');
  return rows.map((row) => {
    const ind = indicatorOf(r, row);
    for (const f of ['numerator', 'denominator'] as const) {
      const ref = f === 'numerator' ? ind.numeratorId : ind.denominatorId;
      if (ref && !indicatorIds.has(ref)) r.problem(row, f, `unknown indicator '${ref}'`);
    }
    if ((ind.numeratorId === null) !== (ind.denominatorId === null))
      r.problem(row, 'denominator', 'numerator and denominator go together');
    return ind;
  });
}

/** One row of observations.csv as an observation (its references unchecked). */
function observationOf(r: RowReader, row: CsvRow): Observation {
  const status = r.oneOf(row, 'status', STATUSES, 'final');
  return {
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
}

/** Reads observations.csv, checking indicators and areas against the dataset and the database. */
function readObservations(
  { reader: r, rows }: DatasetFile,
  indicatorIds: Set<string>,
  areaKeys: Set<string>,
): Observation[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const ob = observationOf(r, row);
    const status = ob.status;
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
    return ob;
  });
}

/** Refuses a dataset without files, or with problems (the first named in the message, all attached). */
function assertReadable(dir: string, fileCount: number, problems: Problem[]): void {
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
}

/** Reads and checks every file of a dataset directory; throws import_failed naming all problems. */
export function readCsvDataset(dir: string, known: KnownIds): CsvDataset {
  const hash = createHash('sha256');
  const problems: Problem[] = [];
  let fileCount = 0;
  /** Reads one file (when present) with `read`, counting it and collecting its problems. */
  const readDatasetFile = <T>(file: string, required: string[], read: (f: DatasetFile) => T[]): T[] => {
    const path = join(dir, file);
    if (!existsSync(path)) return [];
    const text = readFileSync(path, 'utf8');
    hash.update(file).update('\0').update(text).update('\0');
    const f = { reader: new RowReader(file), rows: readCsv(text, file, required) };
    fileCount++;
    const out = read(f);
    for (const p of f.reader.problems) problems.push(p);
    return out;
  };

  const divisionIds = new Set(known.divisions);
  const areaKeys = new Set(known.areas);
  const indicatorIds = new Set(known.indicators);
  const sources = readDatasetFile('sources.csv', ['id', 'name', 'publisher', 'citation'], readSources);
  const divisions = readDatasetFile('divisions.csv', ['id', 'name_sv', 'name_en', 'level'], (f) =>
    readDivisions(f, divisionIds),
  );
  const areas = readDatasetFile('areas.csv', ['division', 'code', 'name'], (f) => readAreas(f, divisionIds, areaKeys));
  const indicators = readDatasetFile('indicators.csv', ['id', 'name_sv', 'name_en', 'unit', 'kind', 'polarity'], (f) =>
    readIndicators(f, indicatorIds),
  );
  const observations = readDatasetFile(
    'observations.csv',
    ['indicator', 'division', 'area', 'period', 'value', 'source'],
    (f) => readObservations(f, indicatorIds, areaKeys),
  );

  assertReadable(dir, fileCount, problems);
  return { dir, checksum: hash.digest('hex'), fileCount, sources, divisions, areas, indicators, observations };
}
