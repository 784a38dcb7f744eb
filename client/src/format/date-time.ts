/**
 * Instants as the log page shows them, "05/03/2025 08:04:09" in the browser's time zone, and the
 * dd/mm/yyyy days its filters are typed in. The server stores and compares ISO 8601 instants in UTC.
 */
import { isIsoDate } from '@domain/dates/calendar-date';

const twoDigits = (value: number) => String(value).padStart(2, '0');

/** "2025-03-05T01:04:09.000Z" → "05/03/2025 08:04:09" in Vietnam; text that is no instant as it is. */
export function formatLocalDateTime(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  const day = `${twoDigits(date.getDate())}/${twoDigits(date.getMonth() + 1)}/${date.getFullYear()}`;
  const time = `${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}:${twoDigits(date.getSeconds())}`;
  return `${day} ${time}`;
}

/** "5/3/2025" or "05/03/2025" → "2025-03-05"; null unless it is a real day written dd/mm/yyyy. */
export function parseVietnameseDate(text: string): string | null {
  const match = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const isoDate = `${match[3]}-${(match[2] ?? '').padStart(2, '0')}-${(match[1] ?? '').padStart(2, '0')}`;
  return isIsoDate(isoDate) ? isoDate : null;
}

/** The first instant of a day in the browser's time zone, in ISO 8601 (UTC). */
export function localDayStart(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Date(year ?? 0, (month ?? 1) - 1, day ?? 1).toISOString();
}

/** The last millisecond of a day in the browser's time zone, in ISO 8601 (UTC). */
export function localDayEnd(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Date(new Date(year ?? 0, (month ?? 1) - 1, (day ?? 1) + 1).getTime() - 1).toISOString();
}
