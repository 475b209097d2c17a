// One data row of an intervention import: its cells, the checks of single cells (id, required
// values, texts) and its budget line (year, budget area, amounts).

import { parseMoney } from '../../money.ts';
import type { Kronor } from '../../money.ts';
import { MAX_AMOUNT, textProblem } from '../limits.ts';
import type { BudgetLine } from '../types.ts';
import {
  CITY_WORDS,
  DEFAULT_MAX_LENGTH,
  ID_RE,
  IMPORT_COLUMNS,
  MAX_LENGTH,
  NON_EMPTY,
  splitList,
  type ImportColumn,
  type ImportRow,
  type ParsedRow,
  type ProblemList,
  type RefIndex,
} from './sheet.ts';

type Fields = Partial<Record<ImportColumn, string>>;

/** The row read and checked cell by cell; a cell with a bad text is emptied. */
export function parseRow(r: ImportRow, areas: RefIndex, out: ProblemList): ParsedRow {
  const fields: Fields = {};
  for (const c of IMPORT_COLUMNS) fields[c] = cellOf(r, c);
  const id = fields.id ?? '';
  checkId(r.row, id, out);
  for (const c of NON_EMPTY) {
    if ((fields[c] ?? '') === '') out.add(r.row, c, 'missing-value', `${c} is empty`);
  }
  for (const c of IMPORT_COLUMNS) checkText(r.row, fields, c, out);
  const line = budgetLineOf(r.row, fields, areas, out);
  return { row: r.row, id, fields, line };
}

/** A cell by column name: cells are keyed by the header as written, so look up case-insensitively. */
function cellOf(r: ImportRow, c: ImportColumn): string {
  for (const [k, v] of Object.entries(r.cells)) if (k.trim().toLowerCase() === c) return (v ?? '').trim();
  return '';
}

function checkId(row: number, id: string, out: ProblemList): void {
  if (id === '') out.add(row, 'id', 'missing-value', 'id is empty');
  else if (!ID_RE.test(id))
    out.add(row, 'id', 'bad-id', `id "${id}" must use only a-z, 0-9 and "-" and start with a letter or digit`, id);
}

/** A text the register can hold (a bad one is emptied) and not longer than its column allows. */
function checkText(row: number, fields: Fields, c: ImportColumn, out: ProblemList): void {
  const v = fields[c] ?? '';
  const bad = textProblem(v);
  if (bad) {
    out.add(row, c, 'bad-text', `${c} ${bad}`);
    fields[c] = '';
  } else if (v.length > (MAX_LENGTH[c] ?? DEFAULT_MAX_LENGTH)) {
    out.add(row, c, 'too-long', `${c} is longer than ${MAX_LENGTH[c] ?? DEFAULT_MAX_LENGTH} characters`);
  }
}

type Amounts = { planned: Kronor | null; decided: Kronor | null; spent: Kronor | null };

/** The row's budget line: null without a (valid) year. */
function budgetLineOf(row: number, fields: Fields, areas: RefIndex, out: ProblemList): BudgetLine | null {
  const yearText = fields.year ?? '';
  const amounts = amountsOf(row, fields, out);
  const anyAmount =
    (fields.planned_mnkr ?? '') !== '' || (fields.decided_mnkr ?? '') !== '' || (fields.spent_mnkr ?? '') !== '';
  if (yearText === '') {
    if (anyAmount || (fields.budget_area ?? '') !== '') {
      out.add(row, 'year', 'missing-value', 'a budget line needs a year');
    }
    return null;
  }
  if (!/^\d{4}$/.test(yearText) || Number(yearText) < 1990 || Number(yearText) > 2100) {
    out.add(row, 'year', 'bad-year', `year "${yearText}" is not a year (expected e.g. 2024)`, yearText);
    return null;
  }
  return { year: Number(yearText), area: budgetAreaOf(row, fields, areas, out), ...amounts };
}

/** The planned, decided and spent amounts (mnkr unless the text names a unit); null when empty or bad. */
function amountsOf(row: number, fields: Fields, out: ProblemList): Amounts {
  const amounts: Amounts = { planned: null, decided: null, spent: null };
  for (const k of ['planned', 'decided', 'spent'] as const) {
    const text = fields[`${k}_mnkr`] ?? '';
    if (text === '') continue;
    const res = parseMoney(text, { unit: 'mnkr' });
    if (!res.ok) out.add(row, `${k}_mnkr`, 'bad-amount', `${k}_mnkr: ${res.message}`, text);
    else if (res.value > MAX_AMOUNT)
      out.add(row, `${k}_mnkr`, 'bad-amount', `${k}_mnkr: more than ${MAX_AMOUNT} kronor`, text);
    else amounts[k] = res.value;
  }
  return amounts;
}

/** The area of a budget line: null for the whole intervention (empty, or city-wide for a city-wide intervention). */
function budgetAreaOf(row: number, fields: Fields, areas: RefIndex, out: ProblemList): string | null {
  const ba = fields.budget_area ?? '';
  if (ba === '') return null;
  // a city-wide line is the whole-intervention line of a city-wide intervention
  if (CITY_WORDS.has(ba.toLowerCase())) {
    if (!splitList(fields.areas ?? '').some((a) => CITY_WORDS.has(a.toLowerCase()))) {
      out.add(
        row,
        'budget_area',
        'budget-area-not-targeted',
        `budget_area "${ba}" is city-wide but the intervention is not`,
        ba,
      );
    }
    return null;
  }
  const area = areas.resolve(ba);
  if (area === null) out.add(row, 'budget_area', 'unknown-area', `unknown area "${ba}"`, ba);
  return area;
}
