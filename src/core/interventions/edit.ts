// Editing one intervention through the API (PATCH /interventions/:id and PUT …/budget/:year):
// the editable fields, the allowed status changes and the checks that keep the register consistent.
// Pure: the stored state is passed in; problems name the field.

import type { Problem } from '../errors.ts';
import { parseMoney, type Kronor } from '../money.ts';
import type { PublicationState } from '../access.ts';
import { CITY_WIDE, STATUS_SV, type BudgetLine, type InterventionStatus } from './types.ts';
import { isIsoDate } from './validation.ts';
import { MAX_AMOUNT } from './limits.ts';

/** The fields of an intervention that may be changed one by one (areas, links and committee change by import). */
export interface EditableFields {
  name: string;
  description: string;
  status: InterventionStatus;
  startDate: string | null;
  endDate: string | null;
  fundingSource: string;
  publication: PublicationState;
}

export const EDITABLE_FIELDS = [
  'name',
  'description',
  'status',
  'startDate',
  'endDate',
  'fundingSource',
  'publication',
] as const;

export type InterventionPatch = Partial<EditableFields>;

/**
 * The allowed status changes (keeping the same status is always allowed):
 * - planned  → decided, running, stopped
 * - decided  → planned (decision withdrawn), running, stopped
 * - running  → finished, stopped
 * - finished → running (reopened, e.g. marked finished by mistake)
 * - stopped  → planned, decided (taken up again)
 * An import replaces the register's data and is not bound by these rules.
 */
export const STATUS_TRANSITIONS: Readonly<Record<InterventionStatus, readonly InterventionStatus[]>> = {
  planned: ['decided', 'running', 'stopped'],
  decided: ['planned', 'running', 'stopped'],
  running: ['finished', 'stopped'],
  finished: ['running'],
  stopped: ['planned', 'decided'],
};

export function canChangeStatus(from: InterventionStatus, to: InterventionStatus): boolean {
  return from === to || STATUS_TRANSITIONS[from].includes(to);
}

export type EditResult<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/**
 * The intervention after applying `patch` to `current`, or every problem (each naming its field):
 * empty name or funding source, a date that is not a real YYYY-MM-DD date, an end before the start,
 * a status change that is not allowed, and budget years outside the new dates.
 */
export function applyInterventionPatch(
  current: EditableFields,
  patch: InterventionPatch,
  budgetYears: readonly number[] = [],
): EditResult<EditableFields> {
  const next: EditableFields = { ...current };
  for (const k of EDITABLE_FIELDS) {
    const v = patch[k];
    if (v !== undefined) (next as unknown as Record<string, unknown>)[k] = v;
  }
  const problems: Problem[] = [];
  trimRequiredTexts(next, patch, problems);
  checkDates(next, patch, budgetYears, problems);
  checkStatusChange(current, patch, problems);
  return problems.length ? { ok: false, problems } : { ok: true, value: next };
}

/** Trims a patched name and funding source; neither may be empty. */
function trimRequiredTexts(next: EditableFields, patch: InterventionPatch, problems: Problem[]): void {
  if (patch.name !== undefined) {
    next.name = patch.name.trim();
    if (next.name === '') problems.push({ field: 'name', message: 'name must not be empty' });
  }
  if (patch.fundingSource !== undefined) {
    next.fundingSource = patch.fundingSource.trim();
    if (next.fundingSource === '')
      problems.push({ field: 'fundingSource', message: 'fundingSource must not be empty' });
  }
}

/** Patched dates must be real dates, the end not before the start, and the budget years within them. */
function checkDates(
  next: EditableFields,
  patch: InterventionPatch,
  budgetYears: readonly number[],
  problems: Problem[],
): void {
  for (const f of ['startDate', 'endDate'] as const) {
    const v = patch[f];
    if (v !== undefined && v !== null && !isIsoDate(v))
      problems.push({ field: f, message: `${f} "${v}" is not a date written YYYY-MM-DD` });
  }
  const datesOk = !problems.some((p) => p.field === 'startDate' || p.field === 'endDate');
  const ordered = !(next.startDate !== null && next.endDate !== null && next.endDate < next.startDate);
  if (datesOk && !ordered) {
    problems.push({
      field: patch.endDate !== undefined ? 'endDate' : 'startDate',
      message: `endDate ${next.endDate} is before startDate ${next.startDate}`,
    });
  }
  if (datesOk && ordered && (patch.startDate !== undefined || patch.endDate !== undefined)) {
    const outside = budgetYears.filter((y) => !yearWithinDates(y, next.startDate, next.endDate));
    if (outside.length) {
      problems.push({
        field: patch.startDate !== undefined ? 'startDate' : 'endDate',
        message: `the intervention has budget lines in ${[...new Set(outside)].sort().join(', ')}, outside the dates ${next.startDate ?? '…'} – ${next.endDate ?? '…'}`,
      });
    }
  }
}

/** A patched status must be an allowed change from the current one (STATUS_TRANSITIONS). */
function checkStatusChange(current: EditableFields, patch: InterventionPatch, problems: Problem[]): void {
  if (patch.status !== undefined && !canChangeStatus(current.status, patch.status)) {
    const allowed = STATUS_TRANSITIONS[current.status];
    problems.push({
      field: 'status',
      message: `status cannot change from ${current.status} (${STATUS_SV[current.status]}) to ${patch.status} (${STATUS_SV[patch.status]}); allowed: ${allowed.join(', ')}`,
    });
  }
}

/** True when `year` lies within the dates (an open end is no limit). */
export function yearWithinDates(year: number, startDate: string | null, endDate: string | null): boolean {
  const startYear = startDate ? Number(startDate.slice(0, 4)) : null;
  const endYear = endDate ? Number(endDate.slice(0, 4)) : null;
  return !((startYear !== null && year < startYear) || (endYear !== null && year > endYear));
}

export { MAX_AMOUNT };

/** The amounts of a budget line as given to the API: money text (whole kronor unless a unit is named) or null = unknown. */
export interface BudgetAmountsInput {
  planned: string | null;
  decided: string | null;
  spent: string | null;
}

/**
 * The budget line for `year` (and `area`, null = the whole intervention) with the amounts parsed
 * exactly (src/core/money.ts, whole kronor unless the text names a unit such as `4,5 mnkr`; never
 * negative), checked against the intervention: the area must be one of its areas, the year within
 * its dates, and a year has either one line for the whole intervention or one line per area.
 */
export function budgetLineFrom(
  year: number,
  area: string | null,
  input: BudgetAmountsInput,
  intervention: {
    areas: readonly string[];
    startDate: string | null;
    endDate: string | null;
    budget: readonly BudgetLine[];
  },
): EditResult<BudgetLine> {
  const problems: Problem[] = [];
  const amount = (field: keyof BudgetAmountsInput): Kronor | null => {
    const text = input[field];
    if (text === null) return null;
    const r = parseMoney(text, { unit: 'kr' });
    if (!r.ok) {
      // the code lets the web app say it in its own words (amount_syntax, amount_too_precise, amount_negative)
      problems.push({ field, message: r.message, code: `amount_${r.code.replace('-', '_')}`, params: { text } });
      return null;
    }
    if (r.value > MAX_AMOUNT) {
      problems.push({
        field,
        message: `"${text}" is more than ${MAX_AMOUNT} kronor`,
        code: 'amount_too_large',
        params: { text },
      });
      return null;
    }
    return r.value;
  };
  const line: BudgetLine = {
    year,
    area,
    planned: amount('planned'),
    decided: amount('decided'),
    spent: amount('spent'),
  };
  if (area === CITY_WIDE) {
    problems.push({
      field: 'area',
      message: `"${CITY_WIDE}" is no area: leave area out (or null) for a line for the whole intervention`,
    });
  } else if (area !== null && !intervention.areas.includes(area)) {
    problems.push({
      field: 'area',
      message: `"${area}" is not one of the intervention's areas (${intervention.areas.join(', ') || 'none'})`,
    });
  }
  if (!yearWithinDates(year, intervention.startDate, intervention.endDate)) {
    problems.push({
      field: 'year',
      message: `year ${year} is outside the intervention's dates (${intervention.startDate ?? '…'} – ${intervention.endDate ?? '…'})`,
    });
  }
  const clash = intervention.budget.find((b) => b.year === year && (area === null) !== (b.area === null));
  if (clash) {
    problems.push({
      field: 'area',
      message: `${year} already has a ${clash.area === null ? 'whole-intervention' : 'per-area'} budget line; a year has either one line for the whole intervention or one line per area`,
    });
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: line };
}
