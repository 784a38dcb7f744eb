import { reportingMonth, reportingMonthOf } from './reporting-period';

/** One reporting month: "2024-05" runs from 15/04/2024 to 14/05/2024 (both inclusive). */
export interface ReportingMonth {
  month: string;
  from: string;
  to: string;
}

/** Reporting month M of year Y as "YYYY-MM" with its window. */
export function reportingMonthWindow(year: number, month: number): ReportingMonth {
  return {
    month: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`,
    ...reportingMonth(year, month),
  };
}

/** The `count` reporting months that end with the one containing `date`, oldest first. */
export function reportingMonthsEndingWith(date: string, count: number): ReportingMonth[] {
  const [year, month] = reportingMonthOf(date);
  const last = year * 12 + (month - 1);
  const months: ReportingMonth[] = [];
  for (let ordinal = last - count + 1; ordinal <= last; ordinal++) {
    months.push(reportingMonthWindow(Math.floor(ordinal / 12), (ordinal % 12) + 1));
  }
  return months;
}

/** How many reporting months a window touches: from the month containing `from` to the one containing `to`. */
export function reportingMonthsBetween(from: string, to: string): number {
  const [fromYear, fromMonth] = reportingMonthOf(from);
  const [toYear, toMonth] = reportingMonthOf(to);
  return toYear * 12 + toMonth - (fromYear * 12 + fromMonth) + 1;
}
