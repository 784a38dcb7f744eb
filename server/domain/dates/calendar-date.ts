/**
 * Calendar dates as the product stores and exchanges them, "YYYY-MM-DD" strings, and as Vietnamese users
 * read and write them, "dd/mm/yyyy". Plain strings compare in date order, which is what the database uses.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the text is a real date written YYYY-MM-DD ("2025-02-30" is not). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** "2025-07-01" → "01/07/2025". */
export function formatVietnameseDate(isoDate: string): string {
  const match = ISO_DATE.exec(isoDate);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDate;
}

/** Today's date in Vietnam (UTC+7, no daylight saving), YYYY-MM-DD. */
export function todayInVietnam(now: Date): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
