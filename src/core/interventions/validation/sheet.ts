// The import sheet of the intervention register (docs/interventions.md): its columns, the problems
// an import can have, and the small readers the checks share.

import type { Kronor } from '../../money.ts';
import { CITY_WIDE } from '../types.ts';
import { TEXT_LIMITS } from '../limits.ts';
import type { BudgetLine, Intervention, KnownRef, KnownRefs } from '../types.ts';

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
export const NON_EMPTY: readonly ImportColumn[] = ['name', 'funding_source', 'areas', 'status'];

/** The longest text of each column (characters). */
export const MAX_LENGTH: Partial<Record<ImportColumn, number>> = {
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
export const DEFAULT_MAX_LENGTH = 200;

/** Prefix of a named area group in the areas column (`group:vantor`); a group's name works too. */
export const GROUP_PREFIX = 'group:';

/** Columns that describe the intervention (must agree on every row of the same id). */
export const INTERVENTION_COLUMNS: readonly ImportColumn[] = [
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

/** An intervention id: lower-case letters, digits and "-", not starting with "-". */
export const ID_RE = /^[a-z0-9][a-z0-9-]*$/;

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

/** The items of a multi-valued cell, trimmed, empty ones dropped. */
export function splitList(text: string): string[] {
  return text
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Known references (areas, goal areas, ...) by code or name, case-insensitively. */
export class RefIndex {
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

/** The words for the whole city in the areas and budget_area columns. */
export const CITY_WORDS = new Set([CITY_WIDE, 'hela staden', 'city-wide', 'citywide', 'stadsövergripande']);

/** A data row as read: its id, its cells by column (bad texts emptied) and its budget line, if any. */
export interface ParsedRow {
  row: number;
  id: string;
  fields: Partial<Record<ImportColumn, string>>;
  line: BudgetLine | null;
}

/** The references an import is checked against, indexed. */
export interface Refs {
  readonly areas: RefIndex;
  /** Named area groups by `group:<id>`, name and alias (lower-cased). */
  readonly groups: ReadonlyMap<string, { id: string; members: readonly string[] }>;
  readonly goalAreas: RefIndex;
  /** Null when not known: any strategy is taken as written. */
  readonly strategies: RefIndex | null;
  /** Null when not known: any target is taken as written. */
  readonly targets: RefIndex | null;
}

export function refsOf(known: KnownRefs): Refs {
  const groups = new Map<string, { id: string; members: readonly string[] }>();
  for (const g of known.groups ?? []) {
    for (const n of [`${GROUP_PREFIX}${g.id}`, g.name, ...(g.aliases ?? [])])
      groups.set(n.trim().toLowerCase(), { id: g.id, members: g.members });
  }
  return {
    areas: new RefIndex(known.areas),
    groups,
    goalAreas: new RefIndex(known.goalAreas),
    strategies: known.strategies ? new RefIndex(known.strategies) : null,
    targets: known.targets ? new RefIndex(known.targets) : null,
  };
}

/** The problems of an import, each with the position of its column in the file. */
export class ProblemList {
  constructor(
    readonly problems: ImportProblem[],
    private readonly colIndex: ReadonlyMap<string, number>,
  ) {}

  add(row: number, c: ImportColumn, code: ImportProblemCode, message: string, value?: string): void {
    this.problems.push({
      row,
      column: c,
      columnIndex: this.colIndex.get(c) ?? 0,
      code,
      message,
      ...(value !== undefined ? { value } : {}),
    });
  }
}
