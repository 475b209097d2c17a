// Validation of an intervention import (the sheet layout in docs/interventions.md): every row's
// problems with row and column, and the interventions the rows describe. Pure: the known areas,
// goal areas, strategies and targets are arguments.

import { kronorToMnkrText, parseMoney, sumKronor } from '../money.ts';
import type { Kronor } from '../money.ts';
import { CITY_WIDE, INTERVENTION_STATUSES, parseStatus } from './types.ts';
import { MAX_AMOUNT, TEXT_LIMITS, textProblem } from './limits.ts';
import type { BudgetLine, Intervention, InterventionStatus, KnownRef, KnownRefs } from './types.ts';

/** The columns of the import/export sheet, in export order. */
export const IMPORT_COLUMNS = [
  'id',
  'name',
  'description',
  'committee',
  'funding_source',
  'areas',
  'goal_areas',
  'strategies',
  'targets',
  'start_date',
  'end_date',
  'status',
  'year',
  'budget_area',
  'planned_mnkr',
  'decided_mnkr',
  'spent_mnkr',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export const REQUIRED_COLUMNS: readonly ImportColumn[] = [
  'id',
  'name',
  'committee',
  'funding_source',
  'areas',
  'status',
];

/** Columns that must not be empty (an empty committee is allowed: "ansvar saknas"). */
const NON_EMPTY: readonly ImportColumn[] = ['name', 'funding_source', 'areas', 'status'];

/** The longest text of each column (characters). */
const MAX_LENGTH: Partial<Record<ImportColumn, number>> = {
  id: TEXT_LIMITS.id,
  name: TEXT_LIMITS.name,
  description: TEXT_LIMITS.description,
  committee: TEXT_LIMITS.committee,
  funding_source: TEXT_LIMITS.fundingSource,
  areas: TEXT_LIMITS.list,
  goal_areas: TEXT_LIMITS.list,
  strategies: TEXT_LIMITS.list,
  targets: TEXT_LIMITS.list,
};
const DEFAULT_MAX_LENGTH = 200;

/** Prefix of a named area group in the areas column (`group:vantor`); a group's name works too. */
export const GROUP_PREFIX = 'group:';

/** Columns that describe the intervention (must agree on every row of the same id). */
const INTERVENTION_COLUMNS: readonly ImportColumn[] = [
  'name',
  'description',
  'committee',
  'funding_source',
  'areas',
  'goal_areas',
  'strategies',
  'targets',
  'start_date',
  'end_date',
  'status',
];

/** Separator of multi-valued cells (areas, goal areas, strategies, targets). */
export const LIST_SEPARATOR = ';';

export type ImportProblemCode =
  | 'missing-column'
  | 'unknown-column'
  | 'duplicate-column'
  | 'missing-value'
  | 'bad-id'
  | 'unknown-area'
  | 'city-wide-mixed'
  | 'unknown-goal-area'
  | 'unknown-strategy'
  | 'unknown-target'
  | 'bad-amount'
  | 'bad-year'
  | 'bad-date'
  | 'end-before-start'
  | 'unknown-status'
  | 'inconsistent-value'
  | 'duplicate-budget-line'
  | 'overlapping-budget-line'
  | 'budget-area-not-targeted'
  | 'year-outside-dates'
  | 'no-rows'
  | 'bad-text'
  | 'too-long'
  | 'unreadable-file';

export interface ImportProblem {
  /** Row number in the file, 1 = the header row. */
  row: number;
  /** The column's header name. */
  column: string;
  /** 1-based column position in the file (A = 1); 0 when the column is missing. */
  columnIndex: number;
  code: ImportProblemCode;
  /** The offending cell text, when there is one. */
  value?: string;
  message: string;
}

/** One data row as read from a file: cell texts by header name. */
export interface ImportRow {
  /** Row number in the file, 1 = the header row (so the first data row is 2). */
  row: number;
  cells: Readonly<Record<string, string>>;
}

export interface ImportSheet {
  /** Header names in file order. */
  header: readonly string[];
  rows: readonly ImportRow[];
}

export interface ImportPreview {
  /** True when there are no problems (only then may the import be written). */
  ok: boolean;
  problems: ImportProblem[];
  /** The interventions the rows describe (best effort when there are problems). */
  interventions: Intervention[];
  /** Number of non-empty data rows. */
  rowCount: number;
  totals: { planned: Kronor; decided: Kronor; spent: Kronor; budgetLines: number };
}

// ---------------------------------------------------------------------------------------------

const ID_RE = /^[a-z0-9][a-z0-9-]*$/;

/** Is the text a real calendar date written YYYY-MM-DD? */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
  return d <= days;
}

function splitList(text: string): string[] {
  return text
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

class RefIndex {
  private readonly byKey = new Map<string, string>();
  constructor(refs: readonly KnownRef[]) {
    for (const r of refs) {
      this.byKey.set(r.code.toLowerCase(), r.code);
      if (r.name) this.byKey.set(r.name.trim().toLowerCase(), r.code);
    }
  }
  resolve(text: string): string | null {
    return this.byKey.get(text.trim().toLowerCase()) ?? null;
  }
}

const CITY_WORDS = new Set([CITY_WIDE, 'hela staden', 'city-wide', 'citywide', 'stadsövergripande']);

interface ParsedRow {
  row: number;
  id: string;
  fields: Partial<Record<ImportColumn, string>>;
  line: BudgetLine | null;
}

/**
 * Validate an import sheet. Returns every problem found (not just the first) and the
 * interventions described, grouped by id in order of first appearance.
 */
export function validateImport(sheet: ImportSheet, known: KnownRefs): ImportPreview {
  const problems: ImportProblem[] = [];
  const colIndex = new Map<string, number>();
  const seen = new Set<string>();
  sheet.header.forEach((raw, i) => {
    const h = raw.trim().toLowerCase();
    if (h === '') return;
    if (seen.has(h)) {
      problems.push({
        row: 1,
        column: raw,
        columnIndex: i + 1,
        code: 'duplicate-column',
        message: `column "${raw}" appears more than once`,
      });
      return;
    }
    seen.add(h);
    if (!(IMPORT_COLUMNS as readonly string[]).includes(h)) {
      problems.push({
        row: 1,
        column: raw,
        columnIndex: i + 1,
        code: 'unknown-column',
        message: `unknown column "${raw}"; the columns are ${IMPORT_COLUMNS.join(', ')}`,
      });
      return;
    }
    colIndex.set(h, i + 1);
  });
  for (const c of REQUIRED_COLUMNS) {
    if (!colIndex.has(c)) {
      problems.push({
        row: 1,
        column: c,
        columnIndex: 0,
        code: 'missing-column',
        message: `required column "${c}" is missing`,
      });
    }
  }
  const emptyTotals = { planned: 0n, decided: 0n, spent: 0n, budgetLines: 0 };
  if (problems.some((p) => p.code === 'missing-column' || p.code === 'duplicate-column')) {
    return { ok: false, problems, interventions: [], rowCount: sheet.rows.length, totals: emptyTotals };
  }

  const areas = new RefIndex(known.areas);
  const groupIndex = new Map<string, { id: string; members: readonly string[] }>();
  for (const g of known.groups ?? []) {
    for (const n of [`${GROUP_PREFIX}${g.id}`, g.name, ...(g.aliases ?? [])])
      groupIndex.set(n.trim().toLowerCase(), { id: g.id, members: g.members });
  }
  const goalAreas = new RefIndex(known.goalAreas);
  const strategies = known.strategies ? new RefIndex(known.strategies) : null;
  const targets = known.targets ? new RefIndex(known.targets) : null;

  const get = (r: ImportRow, c: ImportColumn): string => {
    // cells are keyed by the header as written; look up case-insensitively
    for (const [k, v] of Object.entries(r.cells)) if (k.trim().toLowerCase() === c) return (v ?? '').trim();
    return '';
  };
  const problem = (row: number, c: ImportColumn, code: ImportProblemCode, message: string, value?: string): void => {
    problems.push({
      row,
      column: c,
      columnIndex: colIndex.get(c) ?? 0,
      code,
      message,
      ...(value !== undefined ? { value } : {}),
    });
  };

  const parsed: ParsedRow[] = [];
  const groups = new Map<string, { first: ParsedRow; intervention: Intervention; rows: ParsedRow[] }>();
  let rowCount = 0;

  for (const r of sheet.rows) {
    const allBlank = Object.values(r.cells).every((v) => (v ?? '').trim() === '');
    if (allBlank) continue;
    rowCount++;
    const fields: Partial<Record<ImportColumn, string>> = {};
    for (const c of IMPORT_COLUMNS) fields[c] = get(r, c);

    const id = fields.id ?? '';
    if (id === '') problem(r.row, 'id', 'missing-value', 'id is empty');
    else if (!ID_RE.test(id))
      problem(r.row, 'id', 'bad-id', `id "${id}" must use only a-z, 0-9 and "-" and start with a letter or digit`, id);
    for (const c of NON_EMPTY) {
      if ((fields[c] ?? '') === '') problem(r.row, c, 'missing-value', `${c} is empty`);
    }
    for (const c of IMPORT_COLUMNS) {
      const v = fields[c] ?? '';
      const bad = textProblem(v);
      if (bad) {
        problem(r.row, c, 'bad-text', `${c} ${bad}`);
        fields[c] = '';
      } else if (v.length > (MAX_LENGTH[c] ?? DEFAULT_MAX_LENGTH)) {
        problem(r.row, c, 'too-long', `${c} is longer than ${MAX_LENGTH[c] ?? DEFAULT_MAX_LENGTH} characters`);
      }
    }
    // budget line
    let line: BudgetLine | null = null;
    const yearText = fields.year ?? '';
    const amountTexts = {
      planned: fields.planned_mnkr ?? '',
      decided: fields.decided_mnkr ?? '',
      spent: fields.spent_mnkr ?? '',
    };
    const amounts: { planned: Kronor | null; decided: Kronor | null; spent: Kronor | null } = {
      planned: null,
      decided: null,
      spent: null,
    };
    for (const k of ['planned', 'decided', 'spent'] as const) {
      const text = amountTexts[k];
      if (text === '') continue;
      const res = parseMoney(text, { unit: 'mnkr' });
      if (!res.ok) problem(r.row, `${k}_mnkr`, 'bad-amount', `${k}_mnkr: ${res.message}`, text);
      else if (res.value > MAX_AMOUNT)
        problem(r.row, `${k}_mnkr`, 'bad-amount', `${k}_mnkr: more than ${MAX_AMOUNT} kronor`, text);
      else amounts[k] = res.value;
    }
    const anyAmount = amountTexts.planned !== '' || amountTexts.decided !== '' || amountTexts.spent !== '';
    if (yearText === '') {
      if (anyAmount || (fields.budget_area ?? '') !== '') {
        problem(r.row, 'year', 'missing-value', 'a budget line needs a year');
      }
    } else if (!/^\d{4}$/.test(yearText) || Number(yearText) < 1990 || Number(yearText) > 2100) {
      problem(r.row, 'year', 'bad-year', `year "${yearText}" is not a year (expected e.g. 2024)`, yearText);
    } else {
      let area: string | null = null;
      const ba = fields.budget_area ?? '';
      if (ba !== '') {
        // a city-wide line is the whole-intervention line of a city-wide intervention
        if (CITY_WORDS.has(ba.toLowerCase())) {
          area = null;
          if (!splitList(fields.areas ?? '').some((a) => CITY_WORDS.has(a.toLowerCase()))) {
            problem(
              r.row,
              'budget_area',
              'budget-area-not-targeted',
              `budget_area "${ba}" is city-wide but the intervention is not`,
              ba,
            );
          }
        } else {
          area = areas.resolve(ba);
          if (area === null) problem(r.row, 'budget_area', 'unknown-area', `unknown area "${ba}"`, ba);
        }
      }
      line = { year: Number(yearText), area, ...amounts };
    }
    const pr: ParsedRow = { row: r.row, id, fields, line };
    parsed.push(pr);

    const group = groups.get(id);
    if (!group) {
      if (id === '') continue;
      const intervention = buildIntervention(pr, r.row);
      groups.set(id, { first: pr, intervention, rows: [pr] });
    } else {
      group.rows.push(pr);
      for (const c of INTERVENTION_COLUMNS) {
        const a = normaliseForCompare(c, group.first.fields[c] ?? '');
        const b = normaliseForCompare(c, fields[c] ?? '');
        if (a !== b) {
          problem(
            r.row,
            c,
            'inconsistent-value',
            `${c} "${fields[c] ?? ''}" differs from row ${group.first.row} ("${group.first.fields[c] ?? ''}") for the same id "${id}"`,
            fields[c] ?? '',
          );
        }
      }
    }
  }

  function buildIntervention(pr: ParsedRow, row: number): Intervention {
    const f = pr.fields;
    // areas
    const areaCodes: string[] = [];
    const groupIds: string[] = [];
    const areaItems = splitList(f.areas ?? '');
    let hasCity = false;
    for (const a of areaItems) {
      if (CITY_WORDS.has(a.toLowerCase())) {
        hasCity = true;
        if (!areaCodes.includes(CITY_WIDE)) areaCodes.push(CITY_WIDE);
        continue;
      }
      const code = areas.resolve(a);
      const group = code === null ? groupIndex.get(a.trim().toLowerCase()) : undefined;
      if (group) {
        if (!groupIds.includes(group.id)) groupIds.push(group.id);
        for (const m of group.members) if (!areaCodes.includes(m)) areaCodes.push(m);
      } else if (code === null) problem(row, 'areas', 'unknown-area', `unknown area "${a}"`, a);
      else if (!areaCodes.includes(code)) areaCodes.push(code);
    }
    if (hasCity && areaItems.length > 1) {
      problem(
        row,
        'areas',
        'city-wide-mixed',
        'an intervention is either city-wide or for named areas, not both',
        f.areas ?? '',
      );
    }
    const resolveList = (
      c: 'goal_areas' | 'strategies' | 'targets',
      index: RefIndex | null,
      code: ImportProblemCode,
      what: string,
    ): string[] => {
      const out: string[] = [];
      for (const item of splitList(f[c] ?? '')) {
        if (index === null) {
          if (!out.includes(item)) out.push(item);
          continue;
        }
        const resolved = index.resolve(item);
        if (resolved === null) problem(row, c, code, `unknown ${what} "${item}"`, item);
        else if (!out.includes(resolved)) out.push(resolved);
      }
      return out;
    };
    const goalAreaCodes = resolveList('goal_areas', goalAreas, 'unknown-goal-area', 'goal area');
    const strategyCodes = resolveList('strategies', strategies, 'unknown-strategy', 'strategy');
    const targetCodes = resolveList('targets', targets, 'unknown-target', 'target');
    // dates
    const dateOf = (c: 'start_date' | 'end_date'): string | null => {
      const t = f[c] ?? '';
      if (t === '') return null;
      if (!isIsoDate(t)) {
        problem(row, c, 'bad-date', `${c} "${t}" is not a date written YYYY-MM-DD`, t);
        return null;
      }
      return t;
    };
    const startDate = dateOf('start_date');
    const endDate = dateOf('end_date');
    if (startDate && endDate && endDate < startDate) {
      problem(row, 'end_date', 'end-before-start', `end_date ${endDate} is before start_date ${startDate}`, endDate);
    }
    // status
    let status: InterventionStatus = 'planned';
    const st = f.status ?? '';
    if (st !== '') {
      const s = parseStatus(st);
      if (s === null) {
        problem(
          row,
          'status',
          'unknown-status',
          `unknown status "${st}"; use one of ${INTERVENTION_STATUSES.join(', ')} (or planerad, beslutad, pågående, avslutad, stoppad)`,
          st,
        );
      } else status = s;
    }
    return {
      id: pr.id,
      name: f.name ?? '',
      description: f.description ?? '',
      committee: f.committee ?? '',
      fundingSource: f.funding_source ?? '',
      areas: areaCodes,
      ...(groupIds.length ? { groups: groupIds } : {}),
      goalAreas: goalAreaCodes,
      strategies: strategyCodes,
      targets: targetCodes,
      startDate,
      endDate,
      status,
      budget: [],
      followUps: [],
    };
  }

  // budget lines per intervention: duplicates, overlaps, areas, years
  for (const { intervention, rows } of groups.values()) {
    const taken = new Map<string, number>(); // `${year}|${area}` -> row
    for (const pr of rows) {
      const line = pr.line;
      if (!line) continue;
      const key = `${line.year}|${line.area ?? ''}`;
      const dup = taken.get(key);
      if (dup !== undefined) {
        problem(
          pr.row,
          'year',
          'duplicate-budget-line',
          `a budget line for "${intervention.id}" in ${line.year}${line.area ? ` for ${line.area}` : ''} is already on row ${dup}`,
          String(line.year),
        );
        continue;
      }
      // a whole-intervention line and per-area lines in the same year overlap
      let overlapRow: number | undefined;
      for (const [k, r] of taken) {
        const [y, a] = k.split('|');
        if (Number(y) !== line.year) continue;
        if ((a === '') !== (line.area === null)) overlapRow = r;
      }
      if (overlapRow !== undefined) {
        problem(
          pr.row,
          'budget_area',
          'overlapping-budget-line',
          `row ${overlapRow} already has a ${line.area === null ? 'per-area' : 'whole-intervention'} budget line for "${intervention.id}" in ${line.year}; a year has either one line for the whole intervention or one line per area`,
          pr.fields.budget_area ?? '',
        );
        continue;
      }
      if (line.area !== null && !intervention.areas.includes(line.area)) {
        problem(
          pr.row,
          'budget_area',
          'budget-area-not-targeted',
          `budget_area "${pr.fields.budget_area ?? ''}" is not one of the intervention's areas`,
          pr.fields.budget_area ?? '',
        );
      }
      const startYear = intervention.startDate ? Number(intervention.startDate.slice(0, 4)) : null;
      const endYear = intervention.endDate ? Number(intervention.endDate.slice(0, 4)) : null;
      if ((startYear !== null && line.year < startYear) || (endYear !== null && line.year > endYear)) {
        problem(
          pr.row,
          'year',
          'year-outside-dates',
          `year ${line.year} is outside the intervention's dates (${intervention.startDate ?? '…'} – ${intervention.endDate ?? '…'})`,
          String(line.year),
        );
      }
      taken.set(key, pr.row);
      intervention.budget.push(line);
    }
    intervention.budget.sort((a, b) => a.year - b.year || (a.area ?? '').localeCompare(b.area ?? ''));
  }

  if (rowCount === 0) {
    problems.push({ row: 1, column: '', columnIndex: 0, code: 'no-rows', message: 'the file has no data rows' });
  }

  problems.sort((a, b) => a.row - b.row || a.columnIndex - b.columnIndex);
  const interventions = [...groups.values()].map((g) => g.intervention);
  const lines = interventions.flatMap((i) => i.budget);
  return {
    ok: problems.length === 0,
    problems,
    interventions,
    rowCount,
    totals: {
      planned: sumKronor(lines.map((l) => l.planned)),
      decided: sumKronor(lines.map((l) => l.decided)),
      spent: sumKronor(lines.map((l) => l.spent)),
      budgetLines: lines.length,
    },
  };
}

function normaliseForCompare(c: ImportColumn, v: string): string {
  if (c === 'areas' || c === 'goal_areas' || c === 'strategies' || c === 'targets') {
    return splitList(v)
      .map((s) => s.toLowerCase())
      .sort()
      .join(LIST_SEPARATOR);
  }
  if (c === 'status') return parseStatus(v) ?? v.toLowerCase();
  return v;
}

/**
 * The sheet rows of a register, in the import layout: one row per budget line (a row with an
 * empty year for an intervention without budget lines). Amounts are exact mnkr texts with a
 * decimal point ("4.5"), which import reads back to the same kronor.
 */
export function interventionsToRows(list: readonly Intervention[]): Record<ImportColumn, string>[] {
  const out: Record<ImportColumn, string>[] = [];
  for (const i of list) {
    const base = {
      id: i.id,
      name: i.name,
      description: i.description,
      committee: i.committee,
      funding_source: i.fundingSource,
      areas: areasCell(i),
      goal_areas: i.goalAreas.join(LIST_SEPARATOR),
      strategies: i.strategies.join(LIST_SEPARATOR),
      targets: i.targets.join(LIST_SEPARATOR),
      start_date: i.startDate ?? '',
      end_date: i.endDate ?? '',
      status: i.status,
    };
    const money = (k: Kronor | null): string => (k === null ? '' : kronorToMnkrText(k));
    if (i.budget.length === 0) {
      out.push({ ...base, year: '', budget_area: '', planned_mnkr: '', decided_mnkr: '', spent_mnkr: '' });
    }
    for (const l of i.budget) {
      out.push({
        ...base,
        year: String(l.year),
        budget_area: l.area ?? '',
        planned_mnkr: money(l.planned),
        decided_mnkr: money(l.decided),
        spent_mnkr: money(l.spent),
      });
    }
  }
  return out;
}

/** The areas cell of an intervention: its groups (`group:<id>`) and the areas no group covers. */
function areasCell(i: Intervention): string {
  const groups = i.groups ?? [];
  if (groups.length === 0) return i.areas.join(LIST_SEPARATOR);
  const covered = new Set(i.groupMembers ?? []);
  return [...groups.map((g) => `${GROUP_PREFIX}${g}`), ...i.areas.filter((a) => !covered.has(a))].join(LIST_SEPARATOR);
}
