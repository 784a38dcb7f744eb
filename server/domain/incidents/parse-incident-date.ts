/**
 * When an incident happened, read from what exports hold: text in the writer's own order ("11/12/2020"
 * is 11 December in Vietnam, 12 November in the US), ISO 8601, Excel serial numbers, Date objects from
 * spreadsheet and DBF readers, and separate time columns. The result is the wall-clock time in Vietnam
 * (UTC+7, no daylight saving), "YYYY-MM-DDTHH:mm:ss", which sorts like the dates it stands for.
 */

export type DateOrder = 'day-first' | 'month-first';

interface ClockTime {
  hour: number;
  minute: number;
  second: number;
}

interface WrittenDate {
  year: number;
  month: number;
  day: number;
  time: ClockTime | null;
  /** Minutes east of UTC when the value names its zone ("Z", "+07:00"), else null: local as written. */
  offsetMinutes: number | null;
}

/** Years an incident file can plausibly mean. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2100;
const VIETNAM_OFFSET_MINUTES = 7 * 60;
const DAY_MILLISECONDS = 86_400_000;
/**
 * Excel day 0 is 1899-12-30, so that serials from 61 (1900-03-01) on are right despite Lotus 1-2-3's
 * phantom 29 February 1900, which Excel kept (Microsoft, "Excel incorrectly assumes that the year 1900 is
 * a leap year"). Serials are read from 10,000 (1927-05-18): smaller numbers in a date column are far more
 * likely years, counts or codes than dates. The last serial Excel has is 2,958,465 (9999-12-31).
 */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const FIRST_EXCEL_SERIAL = 10_000;
const LAST_EXCEL_SERIAL = 2_958_465;
/** Milliseconds since 1970 (ArcGIS REST and many JSON exports); from 1e11, i.e. from 1973 on. */
const FIRST_EPOCH_MILLISECONDS = 1e11;

const DAY_MONTH_YEAR = /(?:^|[^\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.-])/;

/**
 * Whether a column writes day or month first, from the values that can tell: "25/12/2020" can only be
 * day-first, "12/25/2020" only month-first. The side with more such values wins; with none, or a tie,
 * day-first, the way Vietnam writes dates.
 */
export function detectDateOrder(values: Iterable<unknown>): DateOrder {
  let dayFirst = 0;
  let monthFirst = 0;
  for (const value of values) {
    if (typeof value !== 'string') continue;
    const match = DAY_MONTH_YEAR.exec(value);
    if (!match) continue;
    if (Number(match[1]) > 12) dayFirst++;
    else if (Number(match[3]) > 12) monthFirst++;
  }
  return monthFirst > dayFirst ? 'month-first' : 'day-first';
}

/**
 * Reads a date, and optionally a time from a separate column, into "YYYY-MM-DDTHH:mm:ss" local time in
 * Vietnam; null when the date is missing or cannot be a real date (31/02, 13/13), or the time column has a
 * value that is not a time. A time column with a value wins over a time inside the date.
 *
 * - Text: "11/12/2020", "11-12-20", "11.12.2020 23:45", "12/11/2020 11:45:00 PM" (in `order`);
 *   "2020-12-11", "2020-12-11T23:45", "2020-12-11 23:45:10", "2020/12/11"; "23h45 ngày 11/12/2020",
 *   "ngày 11 tháng 12 năm 2020". Two-digit years follow Excel: 00–29 are 2000–2029, 30–99 are 1930–1999.
 * - ISO text with a zone ("Z", "+0700", "-05:00") names an instant, shown in Vietnam time; without a zone
 *   the time is kept as written.
 * - Numbers: Excel serials (44176 is 2020-12-11, 44176.75 is 18:00 that day), 8-digit 20201211, and
 *   milliseconds since 1970 (UTC) from 1e11 on.
 * - Date objects: their local calendar fields. Spreadsheet and DBF readers (parsedbf, which shpjs uses)
 *   build `new Date(year, month, day)` from what the file says, so the local fields give back the written
 *   date whatever the machine's time zone; the UTC fields would shift it by the zone.
 * - Times: "23:45", "23:45:10", "23h45", "23h", "23 giờ 45 phút", "11:45 PM", "11:45 CH", "9 giờ sáng",
 *   "2345", an hour 0–23 as a number, an Excel day fraction (0.75 is 18:00), or a Date (its local time).
 *   SA/sáng and AM are the morning, CH/chiều/tối and PM the afternoon and evening.
 *
 * Years outside 1900–2100 are refused: in an incident file they are typos or a column that is not a date.
 */
export function parseIncidentDateTime(
  date: unknown,
  time: unknown,
  order: DateOrder = 'day-first',
): string | null {
  const written = readDate(date, order);
  if (!written) return null;
  let clock = written.time;
  if (!isBlank(time)) {
    const separate = readTime(time, order);
    if (!separate) return null;
    clock = separate;
  }
  const local = inVietnam(written, clock ?? { hour: 0, minute: 0, second: 0 });
  return formatWallClock(local.year, local.month, local.day, local.hour, local.minute, local.second);
}

/** Enough distinct date or time texts for any file (four years of days, every minute of a day, twice over). */
const MOST_TEXTS_KEPT = 20_000;

interface ReadDate {
  written: WrittenDate;
  /** "YYYY-MM-DD" and "HH:mm:ss" of a date written without a zone, made once. */
  day: string;
  clock: string | null;
}

/**
 * `parseIncidentDateTime` for one file: the same answers, with each distinct date text and time text read
 * once. Files repeat a few thousand days and minutes over a million rows; reading "11/12/2020" once and
 * putting the kept parts together costs a map lookup and one string per row.
 */
export function dateTimeReader(
  order: DateOrder = 'day-first',
): (date: unknown, time: unknown) => string | null {
  const dates = new Map<string, ReadDate | null>();
  const times = new Map<string, { clock: ClockTime; text: string } | null>();
  const dateOfText = (text: string): ReadDate | null => {
    let known = dates.get(text);
    if (known === undefined) {
      const written = readDateText(text, order);
      known = written && {
        written,
        day: formatDay(written.year, written.month, written.day),
        clock: written.time && formatClock(written.time),
      };
      if (dates.size < MOST_TEXTS_KEPT) dates.set(text, known);
    }
    return known;
  };
  const timeOfText = (text: string) => {
    let known = times.get(text);
    if (known === undefined) {
      const clock = readTime(text, order);
      known = clock && { clock, text: formatClock(clock) };
      if (times.size < MOST_TEXTS_KEPT) times.set(text, known);
    }
    return known;
  };
  return (date, time) => {
    if (typeof date !== 'string' || !(typeof time === 'string' || time === null || time === undefined)) {
      return parseIncidentDateTime(date, time, order);
    }
    const read = dateOfText(date);
    if (!read) return null;
    const separate = isBlank(time) ? null : timeOfText(time as string);
    if (separate === null && !isBlank(time)) return null;
    if (read.written.offsetMinutes !== null) {
      const local = inVietnam(read.written, separate?.clock ?? read.written.time ?? MIDNIGHT);
      return formatWallClock(local.year, local.month, local.day, local.hour, local.minute, local.second);
    }
    return `${read.day}T${separate?.text ?? read.clock ?? '00:00:00'}`;
  };
}

const MIDNIGHT: ClockTime = { hour: 0, minute: 0, second: 0 };

/** The written date and time, moved to Vietnam's clock when the value named another zone. */
function inVietnam(
  written: WrittenDate,
  clock: ClockTime,
): Omit<WrittenDate, 'time' | 'offsetMinutes'> & ClockTime {
  const { year, month, day } = written;
  if (written.offsetMinutes === null) return { year, month, day, ...clock };
  const instant =
    Date.UTC(year, month - 1, day, clock.hour, clock.minute, clock.second) - written.offsetMinutes * 60_000;
  const vietnam = new Date(instant + VIETNAM_OFFSET_MINUTES * 60_000);
  return {
    year: vietnam.getUTCFullYear(),
    month: vietnam.getUTCMonth() + 1,
    day: vietnam.getUTCDate(),
    hour: vietnam.getUTCHours(),
    minute: vietnam.getUTCMinutes(),
    second: vietnam.getUTCSeconds(),
  };
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function formatWallClock(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): string {
  return `${formatDay(year, month, day)}T${formatClock({ hour, minute, second })}`;
}

const two = (value: number) => String(value).padStart(2, '0');

function formatDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
}

function formatClock({ hour, minute, second }: ClockTime): string {
  return `${two(hour)}:${two(minute)}:${two(second)}`;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) return false;
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function dateOf(
  year: number,
  month: number,
  day: number,
  time: ClockTime | null,
  offsetMinutes: number | null = null,
): WrittenDate | null {
  return isRealDate(year, month, day) ? { year, month, day, time, offsetMinutes } : null;
}

function readDate(value: unknown, order: DateOrder): WrittenDate | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return dateOf(value.getFullYear(), value.getMonth() + 1, value.getDate(), {
      hour: value.getHours(),
      minute: value.getMinutes(),
      second: value.getSeconds(),
    });
  }
  if (typeof value === 'number') return readDateNumber(value);
  if (typeof value === 'string') return readDateText(value, order);
  return null;
}

function readDateNumber(value: number): WrittenDate | null {
  if (!Number.isFinite(value) || value < 0) return null;
  if (Number.isInteger(value) && value >= 19_000_101 && value <= 21_001_231) {
    return dateOf(Math.floor(value / 10_000), Math.floor(value / 100) % 100, value % 100, null);
  }
  if (value >= FIRST_EPOCH_MILLISECONDS) {
    const instant = new Date(Math.floor(value / 1000) * 1000);
    return dateOf(
      instant.getUTCFullYear(),
      instant.getUTCMonth() + 1,
      instant.getUTCDate(),
      utcClock(instant),
      0,
    );
  }
  if (value >= FIRST_EXCEL_SERIAL && value < LAST_EXCEL_SERIAL + 1) {
    let days = Math.floor(value);
    let seconds = Math.round((value - days) * 86_400);
    // A fraction a hair below 1 (0.99999999) is midnight of the next day, not 23:59:60.
    if (seconds >= 86_400) {
      days += 1;
      seconds = 0;
    }
    const day = new Date(EXCEL_EPOCH + days * DAY_MILLISECONDS);
    return dateOf(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), clockOfSeconds(seconds));
  }
  return null;
}

function utcClock(instant: Date): ClockTime {
  return { hour: instant.getUTCHours(), minute: instant.getUTCMinutes(), second: instant.getUTCSeconds() };
}

function clockOfSeconds(seconds: number): ClockTime {
  return { hour: Math.floor(seconds / 3600), minute: Math.floor(seconds / 60) % 60, second: seconds % 60 };
}

/** Lower case without tone or vowel marks, "đ" as "d", punctuation kept (unlike foldText): "23h45' CH". */
function stripMarks(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const YEAR_FIRST = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?:(?:t|\s+)(.+))?$/;
const DATE_THEN_TIME = /^(?:ngay\s*)?(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[\s,]+(.+))?$/;
const TIME_THEN_DATE = /^(.+?)[\s,]+(?:ngay\s*)?(\d{1,2})([/.-])(\d{1,2})\3(\d{4}|\d{2})$/;
const WORDS_DATE = /^(?:(.+?)[\s,]+)?ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})(?:[\s,]+(.+))?$/;
const ZONE = /\s*(?:(z|utc|gmt)|(?:utc|gmt)?([+-])(\d{1,2}):?(\d{2})?)$/;

function readDateText(value: string, order: DateOrder): WrittenDate | null {
  const text = stripMarks(value);
  // No way of writing a date takes more than a few dozen characters; longer text is a note, not a date.
  if (text === '' || text.length > 100) return null;
  // A year alone ("2020") is not a date, though it would pass for an Excel serial.
  if (/^\d+(\.\d+)?$/.test(text)) return /^\d{4}$/.test(text) ? null : readDateNumber(Number(text));

  const yearFirst = YEAR_FIRST.exec(text);
  if (yearFirst) {
    return yearFirstDate(Number(yearFirst[1]), Number(yearFirst[3]), Number(yearFirst[4]), yearFirst[5]);
  }
  const dateThenTime = DATE_THEN_TIME.exec(text);
  if (dateThenTime) {
    return numericDate(dateThenTime[1], dateThenTime[3], dateThenTime[4], dateThenTime[5], order);
  }
  const timeThenDate = TIME_THEN_DATE.exec(text);
  if (timeThenDate) {
    return numericDate(timeThenDate[2], timeThenDate[4], timeThenDate[5], timeThenDate[1], order);
  }
  const words = WORDS_DATE.exec(text);
  if (words && !(words[1] && words[5])) {
    const clockText = words[1] ?? words[5];
    const clock = clockText === undefined ? null : readTimeText(clockText);
    if (clockText !== undefined && !clock) return null;
    return dateOf(Number(words[4]), Number(words[3]), Number(words[2]), clock);
  }
  return null;
}

/** ISO 8601 and its relatives ("2020/12/11"): the time may end in a zone, which makes it an instant. */
function yearFirstDate(
  year: number,
  month: number,
  day: number,
  rest: string | undefined,
): WrittenDate | null {
  if (rest === undefined) return dateOf(year, month, day, null);
  const zone = ZONE.exec(rest);
  let offsetMinutes: number | null = null;
  let clockText = rest;
  if (zone?.[0] && /\d/.test(rest.slice(0, zone.index))) {
    clockText = rest.slice(0, zone.index);
    const minutes = Number(zone[3] ?? 0) * 60 + Number(zone[4] ?? 0);
    offsetMinutes = zone[1] ? 0 : zone[2] === '-' ? -minutes : minutes;
    // Real zones run from UTC−12 to UTC+14.
    if (offsetMinutes < -12 * 60 || offsetMinutes > 14 * 60) return null;
  }
  const clock = readTimeText(clockText);
  return clock ? dateOf(year, month, day, clock, offsetMinutes) : null;
}

function numericDate(
  first: string | undefined,
  second: string | undefined,
  yearText: string | undefined,
  clockText: string | undefined,
  order: DateOrder,
): WrittenDate | null {
  const [day, month] =
    order === 'day-first' ? [Number(first), Number(second)] : [Number(second), Number(first)];
  let year = Number(yearText);
  // Excel's two-digit year window (1930–2029).
  if (yearText?.length === 2) year += year < 30 ? 2000 : 1900;
  if (clockText === undefined) return dateOf(year, month, day, null);
  const clock = readTimeText(clockText);
  return clock ? dateOf(year, month, day, clock) : null;
}

function readTime(value: unknown, order: DateOrder): ClockTime | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return { hour: value.getHours(), minute: value.getMinutes(), second: value.getSeconds() };
  }
  if (typeof value === 'number') return readTimeNumber(value);
  if (typeof value !== 'string') return null;
  const text = stripMarks(value);
  if (text.length > 100) return null;
  if (/^\d*\.\d+$/.test(text)) return readTimeNumber(Number(text));
  // A date and time in a time column: Excel writes a bare time as one on its day 0 ("1899-12-30
  // 23:45:00"), which is before any year an incident has; only the time counts, so the date is replaced.
  const withDate = /^(?:\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})(?=t|\s)/.exec(text);
  if (withDate) {
    const written = readDateText(`2000-01-01${text.slice(withDate[0].length)}`, order);
    if (!written?.time) return null;
    const { hour, minute, second } = inVietnam(written, written.time);
    return { hour, minute, second };
  }
  return readTimeText(text);
}

function readTimeNumber(value: number): ClockTime | null {
  if (!Number.isFinite(value) || value < 0) return null;
  if (Number.isInteger(value)) return value <= 23 ? { hour: value, minute: 0, second: 0 } : null;
  // An Excel time is a fraction of a day; a full date-time serial carries it after the point.
  const seconds = Math.round((value - Math.floor(value)) * 86_400);
  return seconds >= 86_400 ? null : clockOfSeconds(seconds);
}

const MERIDIEM = /\s*(a\.?m\.?|p\.?m\.?|sa|ch|sang|chieu|toi)$/;
const LEADING_WORDS = /^(?:(?:khoang|luc|vao|at|about|around|-)\s*)+/;
/** Hour, minute and second separators people write: "23:45:10", "23h45'10\"", "23 giờ 45 phút", "9g30p". */
const SEPARATORS = /\s*(?:phut|giay|gio|ph|h|g|p|m|s|'|"|:)\s*/g;
const CLOCK = /^(\d{1,2})(?::(\d{1,2}))?(?::(\d{1,2})(?:[.,]\d+)?)?$/;

function readTimeText(written: string): ClockTime | null {
  let text = stripMarks(written).replace(LEADING_WORDS, '');
  const meridiem = MERIDIEM.exec(text);
  if (meridiem) text = text.slice(0, meridiem.index);
  text = text.replace(SEPARATORS, ':').replace(/:+$/, '');
  const compact = /^(\d{2})(\d{2})$/.exec(text);
  const match = compact ? [text, compact[1], compact[2]] : CLOCK.exec(text);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  const second = Number(match[3] ?? 0);
  if (minute > 59 || second > 59) return null;
  if (meridiem) {
    const afternoon = /^(p|ch|chieu|toi)/.test(meridiem[1] as string);
    // "22 giờ tối" and "13:00 PM" say the same thing twice; "15 giờ sáng" and "0:30 PM" contradict themselves.
    if ((hour > 12 && !afternoon) || (hour === 0 && afternoon)) return null;
    if (afternoon && hour < 12) hour += 12;
    if (!afternoon && hour === 12) hour = 0;
  }
  return hour <= 23 ? { hour, minute, second } : null;
}
