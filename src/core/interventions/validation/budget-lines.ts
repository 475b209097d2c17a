// The budget lines of one imported intervention: no line twice, no whole-intervention line beside
// per-area lines in the same year, areas among the intervention's, years within its dates.

import type { BudgetLine, Intervention } from '../types.ts';
import type { ParsedRow, ProblemList } from './sheet.ts';

/** Adds the rows' budget lines to the intervention (sorted by year and area), skipping repeated and overlapping ones. */
export function collectBudgetLines(intervention: Intervention, rows: readonly ParsedRow[], out: ProblemList): void {
  const taken = new Map<string, number>(); // `${year}|${area}` -> row
  for (const pr of rows) {
    const line = pr.line;
    if (!line) continue;
    if (clashes(intervention, pr, line, taken, out)) continue;
    checkFits(intervention, pr, line, out);
    taken.set(lineKey(line), pr.row);
    intervention.budget.push(line);
  }
  intervention.budget.sort((a, b) => a.year - b.year || (a.area ?? '').localeCompare(b.area ?? ''));
}

function lineKey(line: BudgetLine): string {
  return `${line.year}|${line.area ?? ''}`;
}

/** Whether the line repeats one already taken, or overlaps one (whole-intervention and per-area in the same year). */
function clashes(
  intervention: Intervention,
  pr: ParsedRow,
  line: BudgetLine,
  taken: ReadonlyMap<string, number>,
  out: ProblemList,
): boolean {
  const dup = taken.get(lineKey(line));
  if (dup !== undefined) {
    out.add(
      pr.row,
      'year',
      'duplicate-budget-line',
      `a budget line for "${intervention.id}" in ${line.year}${line.area ? ` for ${line.area}` : ''} is already on row ${dup}`,
      String(line.year),
    );
    return true;
  }
  // a whole-intervention line and per-area lines in the same year overlap
  let overlapRow: number | undefined;
  for (const [k, r] of taken) {
    const [y, a] = k.split('|');
    if (Number(y) !== line.year) continue;
    if ((a === '') !== (line.area === null)) overlapRow = r;
  }
  if (overlapRow === undefined) return false;
  out.add(
    pr.row,
    'budget_area',
    'overlapping-budget-line',
    `row ${overlapRow} already has a ${line.area === null ? 'per-area' : 'whole-intervention'} budget line for "${intervention.id}" in ${line.year}; a year has either one line for the whole intervention or one line per area`,
    pr.fields.budget_area ?? '',
  );
  return true;
}

/** The line's area must be one of the intervention's, and its year within the intervention's dates. */
function checkFits(intervention: Intervention, pr: ParsedRow, line: BudgetLine, out: ProblemList): void {
  if (line.area !== null && !intervention.areas.includes(line.area)) {
    out.add(
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
    out.add(
      pr.row,
      'year',
      'year-outside-dates',
      `year ${line.year} is outside the intervention's dates (${intervention.startDate ?? '…'} – ${intervention.endDate ?? '…'})`,
      String(line.year),
    );
  }
}
