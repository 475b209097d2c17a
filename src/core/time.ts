/**
 * Calendar days in Stockholm. Day-based rules (support periods, voting windows, deadlines, report
 * periods) use the date in Stockholm, never the UTC date: between midnight and 01:00 (winter) or
 * 02:00 (summer) Stockholm time the UTC date is still the day before. Pure: the caller passes the
 * instant (from the injected clock, `deps.now()`).
 */

export const STOCKHOLM_TIME_ZONE = 'Europe/Stockholm';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: STOCKHOLM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Stockholm at `instant`, as `YYYY-MM-DD`. */
export function stockholmDate(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('stockholmDate: invalid date');
  const parts = dayFormat.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `day` is a real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isCalendarDate(day: string): boolean {
  const m = DAY.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === day;
}

/** `day` (`YYYY-MM-DD`) plus `n` calendar days (n may be negative). Calendar arithmetic, no time zone. */
export function addDays(day: string, n: number): string {
  if (!isCalendarDate(day)) throw new RangeError(`addDays: not a date: ${day}`);
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * A moment (ISO 8601) as a date and time in Stockholm time: "1 december 2026 kl. 18.13" /
 * "1 December 2026, 18:13". An empty or unreadable value is "–".
 */
export function formatDateTime(iso: string | null, lang: 'sv' | 'en'): string {
  const at = iso ? new Date(iso) : null;
  if (!at || Number.isNaN(at.getTime())) return '–';
  const parts = new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    timeZone: STOCKHOLM_TIME_ZONE,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (t: Intl.DateTimeFormatPartTypes): string => parts.find((x) => x.type === t)?.value ?? '';
  const date = `${part('day')} ${part('month')} ${part('year')}`;
  return lang === 'sv' ? `${date} kl. ${part('hour')}.${part('minute')}` : `${date}, ${part('hour')}:${part('minute')}`;
}
