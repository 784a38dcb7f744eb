/**
 * Police reporting periods run from the 15th to the 14th: month M is 15/(M−1) to 14/M, and year Y is
 * 15/12/(Y−1) to 14/12/Y. Comparisons are "so với cùng kỳ": the same window one year earlier. Dates are
 * YYYY-MM-DD strings, windows inclusive.
 */
export interface DateWindow {
  from: string;
  to: string;
}

function isoDate(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.toISOString().slice(0, 10);
}

/** Reporting month M of year Y: 15/(M−1) to 14/M (January starts on 15 December of the year before). */
export function reportingMonth(year: number, month: number): DateWindow {
  return { from: isoDate(year, month - 1, 15), to: isoDate(year, month, 14) };
}

/** Reporting year Y: 15/12/(Y−1) to 14/12/Y. */
export function reportingYear(year: number): DateWindow {
  return { from: isoDate(year - 1, 12, 15), to: isoDate(year, 12, 14) };
}

/** The reporting month a date falls in, as [year, month]: 15/03 to 14/04 is April. */
export function reportingMonthOf(date: string): [number, number] {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  if (day < 15) return [year, month];
  return month === 12 ? [year + 1, 1] : [year, month + 1];
}

/** The same calendar dates one year earlier ("cùng kỳ"); 29 February becomes 28 February. */
export function sameWindowLastYear(window: DateWindow): DateWindow {
  const shift = (date: string) => {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    const lastYear = year - 1;
    const lastDay = new Date(Date.UTC(lastYear, month, 0)).getUTCDate();
    return isoDate(lastYear, month, Math.min(day, lastDay));
  };
  return { from: shift(window.from), to: shift(window.to) };
}
