// Validation of an intervention import (the sheet layout in docs/interventions.md): every row's
// problems with row and column, and the interventions the rows describe. Pure: the known areas,
// goal areas, strategies and targets are arguments. The checks are in validation/: the header
// (header.ts), each row's cells and budget line (row.ts), the intervention of an id
// (intervention.ts) and its budget lines (budget-lines.ts).

import { kronorToMnkrText, sumKronor } from '../money.ts';
import type { Kronor } from '../money.ts';
import type { Intervention, KnownRefs } from './types.ts';
import { collectBudgetLines } from './validation/budget-lines.ts';
import { checkHeader } from './validation/header.ts';
import { buildIntervention, checkConsistent } from './validation/intervention.ts';
import { parseRow } from './validation/row.ts';
import {
  GROUP_PREFIX,
  LIST_SEPARATOR,
  ProblemList,
  refsOf,
  type ImportColumn,
  type ImportPreview,
  type ImportProblem,
  type ImportSheet,
  type ParsedRow,
} from './validation/sheet.ts';

export {
  GROUP_PREFIX,
  IMPORT_COLUMNS,
  LIST_SEPARATOR,
  REQUIRED_COLUMNS,
  isIsoDate,
  type ImportColumn,
  type ImportPreview,
  type ImportProblem,
  type ImportProblemCode,
  type ImportRow,
  type ImportSheet,
} from './validation/sheet.ts';

/**
 * Validate an import sheet. Returns every problem found (not just the first) and the
 * interventions described, grouped by id in order of first appearance.
 */
export function validateImport(sheet: ImportSheet, known: KnownRefs): ImportPreview {
  const { problems, colIndex } = checkHeader(sheet.header);
  if (problems.some((p) => p.code === 'missing-column' || p.code === 'duplicate-column')) {
    const totals = { planned: 0n, decided: 0n, spent: 0n, budgetLines: 0 };
    return { ok: false, problems, interventions: [], rowCount: sheet.rows.length, totals };
  }
  const refs = refsOf(known);
  const out = new ProblemList(problems, colIndex);
  const groups = new Map<string, { first: ParsedRow; intervention: Intervention; rows: ParsedRow[] }>();
  let rowCount = 0;
  for (const r of sheet.rows) {
    const allBlank = Object.values(r.cells).every((v) => (v ?? '').trim() === '');
    if (allBlank) continue;
    rowCount++;
    const pr = parseRow(r, refs.areas, out);
    const group = groups.get(pr.id);
    if (group) {
      group.rows.push(pr);
      checkConsistent(group.first, pr, out);
    } else if (pr.id !== '') {
      groups.set(pr.id, { first: pr, intervention: buildIntervention(pr, refs, out), rows: [pr] });
    }
  }
  // budget lines per intervention: duplicates, overlaps, areas, years
  for (const { intervention, rows } of groups.values()) collectBudgetLines(intervention, rows, out);
  if (rowCount === 0) {
    problems.push({ row: 1, column: '', columnIndex: 0, code: 'no-rows', message: 'the file has no data rows' });
  }
  return preview(
    problems,
    [...groups.values()].map((g) => g.intervention),
    rowCount,
  );
}

/** The preview: problems by row and column, the interventions and the totals of their budget lines. */
function preview(problems: ImportProblem[], interventions: Intervention[], rowCount: number): ImportPreview {
  problems.sort((a, b) => a.row - b.row || a.columnIndex - b.columnIndex);
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
