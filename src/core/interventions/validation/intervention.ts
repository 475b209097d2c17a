// The intervention an import describes, from the first row of its id (areas, goal areas, strategies,
// targets, dates, status), and the check that later rows of the same id agree with that row.

import { CITY_WIDE, INTERVENTION_STATUSES, parseStatus } from '../types.ts';
import type { Intervention, InterventionStatus } from '../types.ts';
import {
  CITY_WORDS,
  INTERVENTION_COLUMNS,
  LIST_SEPARATOR,
  isIsoDate,
  splitList,
  type ImportColumn,
  type ImportProblemCode,
  type ParsedRow,
  type ProblemList,
  type RefIndex,
  type Refs,
} from './sheet.ts';

/** The intervention of the row that first names its id; problems of its cells go to `out`. */
export function buildIntervention(pr: ParsedRow, refs: Refs, out: ProblemList): Intervention {
  const f = pr.fields;
  const { areaCodes, groupIds } = areasOf(pr, refs, out);
  const goalAreaCodes = resolveList(pr, 'goal_areas', refs.goalAreas, 'unknown-goal-area', 'goal area', out);
  const strategyCodes = resolveList(pr, 'strategies', refs.strategies, 'unknown-strategy', 'strategy', out);
  const targetCodes = resolveList(pr, 'targets', refs.targets, 'unknown-target', 'target', out);
  const startDate = dateOf(pr, 'start_date', out);
  const endDate = dateOf(pr, 'end_date', out);
  if (startDate && endDate && endDate < startDate) {
    out.add(pr.row, 'end_date', 'end-before-start', `end_date ${endDate} is before start_date ${startDate}`, endDate);
  }
  const status = statusOf(pr, out);
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

/**
 * The area codes of the areas cell (a group stands for its members; the city for itself) and the
 * groups named. City-wide and named areas together is a problem.
 */
function areasOf(pr: ParsedRow, refs: Refs, out: ProblemList): { areaCodes: string[]; groupIds: string[] } {
  const areaCodes: string[] = [];
  const groupIds: string[] = [];
  const areaItems = splitList(pr.fields.areas ?? '');
  let hasCity = false;
  for (const a of areaItems) {
    if (CITY_WORDS.has(a.toLowerCase())) {
      hasCity = true;
      if (!areaCodes.includes(CITY_WIDE)) areaCodes.push(CITY_WIDE);
      continue;
    }
    const code = refs.areas.resolve(a);
    const group = code === null ? refs.groups.get(a.trim().toLowerCase()) : undefined;
    if (group) {
      if (!groupIds.includes(group.id)) groupIds.push(group.id);
      for (const m of group.members) if (!areaCodes.includes(m)) areaCodes.push(m);
    } else if (code === null) out.add(pr.row, 'areas', 'unknown-area', `unknown area "${a}"`, a);
    else if (!areaCodes.includes(code)) areaCodes.push(code);
  }
  if (hasCity && areaItems.length > 1) {
    out.add(
      pr.row,
      'areas',
      'city-wide-mixed',
      'an intervention is either city-wide or for named areas, not both',
      pr.fields.areas ?? '',
    );
  }
  return { areaCodes, groupIds };
}

/** The codes of a list cell, each once; without an index the items are taken as written. */
function resolveList(
  pr: ParsedRow,
  c: 'goal_areas' | 'strategies' | 'targets',
  index: RefIndex | null,
  code: ImportProblemCode,
  what: string,
  out: ProblemList,
): string[] {
  const codes: string[] = [];
  for (const item of splitList(pr.fields[c] ?? '')) {
    if (index === null) {
      if (!codes.includes(item)) codes.push(item);
      continue;
    }
    const resolved = index.resolve(item);
    if (resolved === null) out.add(pr.row, c, code, `unknown ${what} "${item}"`, item);
    else if (!codes.includes(resolved)) codes.push(resolved);
  }
  return codes;
}

/** A date cell: null when empty or not a date written YYYY-MM-DD. */
function dateOf(pr: ParsedRow, c: 'start_date' | 'end_date', out: ProblemList): string | null {
  const t = pr.fields[c] ?? '';
  if (t === '') return null;
  if (!isIsoDate(t)) {
    out.add(pr.row, c, 'bad-date', `${c} "${t}" is not a date written YYYY-MM-DD`, t);
    return null;
  }
  return t;
}

/** The status cell (English or Swedish); planned when empty or unknown. */
function statusOf(pr: ParsedRow, out: ProblemList): InterventionStatus {
  const st = pr.fields.status ?? '';
  if (st === '') return 'planned';
  const s = parseStatus(st);
  if (s !== null) return s;
  out.add(
    pr.row,
    'status',
    'unknown-status',
    `unknown status "${st}"; use one of ${INTERVENTION_STATUSES.join(', ')} (or planerad, beslutad, pågående, avslutad, stoppad)`,
    st,
  );
  return 'planned';
}

/** A later row of an id must describe the intervention as its first row does (lists in any order). */
export function checkConsistent(first: ParsedRow, pr: ParsedRow, out: ProblemList): void {
  for (const c of INTERVENTION_COLUMNS) {
    const a = normaliseForCompare(c, first.fields[c] ?? '');
    const b = normaliseForCompare(c, pr.fields[c] ?? '');
    if (a !== b) {
      out.add(
        pr.row,
        c,
        'inconsistent-value',
        `${c} "${pr.fields[c] ?? ''}" differs from row ${first.row} ("${first.fields[c] ?? ''}") for the same id "${pr.id}"`,
        pr.fields[c] ?? '',
      );
    }
  }
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
