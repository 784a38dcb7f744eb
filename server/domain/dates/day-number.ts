/**
 * Dates as whole days since 1 January 1970, for compact in-memory columns and fast date-window tests.
 * Dates are calendar dates without a time zone ("YYYY-MM-DD"), so UTC arithmetic is exact.
 */

const MILLISECONDS_PER_DAY = 86_400_000;

/** "1970-01-02" → 1. Expects a valid YYYY-MM-DD date (see isIsoDate). */
export function dayNumber(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  return Math.round(Date.UTC(year, month - 1, day) / MILLISECONDS_PER_DAY);
}

/** 1 → "1970-01-02". */
export function dateOfDayNumber(days: number): string {
  return new Date(days * MILLISECONDS_PER_DAY).toISOString().slice(0, 10);
}
