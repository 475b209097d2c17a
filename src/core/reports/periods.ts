/**
 * Report periods: tertial report 1 (January–April), tertial report 2 (January–August, with the
 * interim accounts) and the annual report (verksamhetsberättelse). A period id is `YYYY-T1`,
 * `YYYY-T2` or `YYYY-VB`. Dates are calendar days (Stockholm); the defaults can be changed per period.
 */
export const PERIOD_KINDS = ['T1', 'T2', 'VB'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const PERIOD_ID_PATTERN = /^(\d{4})-(T1|T2|VB)$/;

export interface PeriodDates {
  /** first day covered (YYYY-MM-DD) */
  startsOn: string;
  /** last day covered */
  endsOn: string;
  /** when the committee's report is due */
  dueOn: string;
}

export interface Period extends PeriodDates {
  id: string;
  year: number;
  kind: PeriodKind;
}

/** Parses `2026-T1`; null when it is not a period id. */
export function parsePeriodId(id: string): { year: number; kind: PeriodKind } | null {
  const m = PERIOD_ID_PATTERN.exec(id);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  return { year, kind: m[2] as PeriodKind };
}

export const periodId = (year: number, kind: PeriodKind): string => `${year}-${kind}`;

/** The default dates: T1 Jan–Apr due 20 May, T2 Jan–Aug due 20 September, VB the whole year due 15 February after. */
export function defaultPeriod(year: number, kind: PeriodKind): Period {
  const d = (y: number, m: number, day: number) => `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const dates: Record<PeriodKind, PeriodDates> = {
    T1: { startsOn: d(year, 1, 1), endsOn: d(year, 4, 30), dueOn: d(year, 5, 20) },
    T2: { startsOn: d(year, 1, 1), endsOn: d(year, 8, 31), dueOn: d(year, 9, 20) },
    VB: { startsOn: d(year, 1, 1), endsOn: d(year, 12, 31), dueOn: d(year + 1, 2, 15) },
  };
  return { id: periodId(year, kind), year, kind, ...dates[kind] };
}

/** The period after this one: T1 → T2 → VB → next year's T1. */
export function nextPeriod(id: string): { year: number; kind: PeriodKind } | null {
  const p = parsePeriodId(id);
  if (!p) return null;
  if (p.kind === 'T1') return { year: p.year, kind: 'T2' };
  if (p.kind === 'T2') return { year: p.year, kind: 'VB' };
  return { year: p.year + 1, kind: 'T1' };
}

/** Problems with a period's dates (empty when fine): the order start ≤ end ≤ due. */
export function periodDateProblems(p: PeriodDates): { field: keyof PeriodDates; code: string }[] {
  const out: { field: keyof PeriodDates; code: string }[] = [];
  if (p.endsOn < p.startsOn) out.push({ field: 'endsOn', code: 'ends_before_start' });
  if (p.dueOn < p.endsOn) out.push({ field: 'dueOn', code: 'due_before_end' });
  return out;
}

/** Whether a day (YYYY-MM-DD) lies within the period. */
export const inPeriod = (p: PeriodDates, day: string): boolean => day >= p.startsOn && day <= p.endsOn;

/**
 * The days a follow-up period covers (`2026`, `2026-T2`, `2026-H1`, `2026-Q3`, `2026-05`), or null
 * when it is written some other way.
 */
export function followUpRange(p: string): { from: string; to: string } | null {
  const m = /^(\d{4})(?:-(T[1-3]|H[12]|Q[1-4]|\d{2}))?$/.exec(p);
  if (!m) return null;
  const y = m[1]!;
  const part = m[2];
  const last = (month: number) => new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  const span = (a: number, b: number) => ({
    from: `${y}-${String(a).padStart(2, '0')}-01`,
    to: `${y}-${String(b).padStart(2, '0')}-${last(b)}`,
  });
  if (!part) return span(1, 12);
  const n = Number(part.slice(1));
  if (part[0] === 'T') return span(4 * n - 3, 4 * n);
  if (part[0] === 'H') return span(6 * n - 5, 6 * n);
  if (part[0] === 'Q') return span(3 * n - 2, 3 * n);
  const month = Number(part);
  return month >= 1 && month <= 12 ? span(month, month) : null;
}

/** Whether a follow-up belongs to a report period: it covers days within the period and none after it. */
export function followUpInPeriod(followUpPeriod: string, p: PeriodDates): boolean {
  const r = followUpRange(followUpPeriod);
  return r !== null && r.to <= p.endsOn && r.to >= p.startsOn;
}
