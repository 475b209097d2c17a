/** The calendar day (YYYY-MM-DD) in Stockholm of an instant: day-based rules use Stockholm time. */
export function stockholmDay(now: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
