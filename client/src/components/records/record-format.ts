/**
 * How records' dates, times and numbers are written on screen and read back from the forms. Incidents
 * happen on Vietnam wall-clock time ("YYYY-MM-DDTHH:mm"), shown "dd/mm/yyyy HH:mm"; statuses have days.
 */
import { formatVietnameseDate, isIsoDate } from '@domain/dates/calendar-date';

const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/;
const WITH_ZONE = /(Z|[+-]\d{2}:?\d{2})$/;
const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** Vietnam wall-clock time of a stored moment: "YYYY-MM-DDTHH:mm", an instant with a zone converted. */
export function wallClockOf(occurredAt: string): string | null {
  const text = occurredAt.trim();
  if (WITH_ZONE.test(text)) {
    const date = new Date(text);
    if (Number.isNaN(date.getTime())) return null;
    return new Date(date.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 16);
  }
  const match = WALL_CLOCK.exec(text);
  if (match) return `${match[1]}T${match[2]}:${match[3]}`;
  return isIsoDate(text) ? `${text}T00:00` : null;
}

/** "2025-03-05T08:30" → "05/03/2025 08:30"; text that is no time as it is. */
export function formatOccurredAt(occurredAt: string): string {
  const wallClock = wallClockOf(occurredAt);
  if (!wallClock) return occurredAt;
  return `${formatVietnameseDate(wallClock.slice(0, 10))} ${wallClock.slice(11, 16)}`;
}

/** "8:30" or "08:30" → "08:30"; null unless it is a time of day. */
export function parseTimeOfDay(text: string): string | null {
  const match = /^(\d{1,2})[:h.](\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** The date and time inputs of a form, from a stored moment. */
export function splitOccurredAt(occurredAt: string): { date: string; time: string } {
  const wallClock = wallClockOf(occurredAt);
  if (!wallClock) return { date: '', time: '' };
  return { date: formatVietnameseDate(wallClock.slice(0, 10)), time: wallClock.slice(11, 16) };
}

/** An optional count or measure typed in a form: undefined when empty, NaN when it is not one. */
export function parseOptionalNumber(
  text: string | number | null | undefined,
  whole: boolean,
): number | undefined {
  if (text === null || text === undefined) return undefined;
  const trimmed = String(text).trim().replace(',', '.');
  if (trimmed === '') return undefined;
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return Number.NaN;
  const value = Number(trimmed);
  return whole && !Number.isInteger(value) ? Number.NaN : value;
}

/** The reporting month "YYYY-MM" as users read it, "05/2025". */
export function formatPeriod(period: string): string {
  const [year, month] = period.split('-');
  return month && year ? `${month}/${year}` : period;
}
