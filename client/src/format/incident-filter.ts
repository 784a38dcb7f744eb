/**
 * The incident filter and the choropleth's settings as they are written in the URL, beside the map's view:
 * `#/map?…&period=custom&from=2025-01-01&to=2025-03-31&categories=ma-tuy,danh-bac&severities=nghiem-trong
 * &cleared=no&measure=per1000&method=quantile&classes=5`. Defaults are left out; a value that makes no sense
 * is dropped, as for the rest of the view. Date windows are YYYY-MM-DD, inclusive.
 */
import { isIsoDate } from '@domain/dates/calendar-date';
import {
  type DateWindow,
  reportingMonth,
  reportingMonthOf,
  reportingYear,
} from '@domain/dates/reporting-period';
import { SEVERITIES, type Severity } from '@domain/incidents/incident-taxonomy';
import {
  CLASSIFICATION_METHODS,
  type ClassificationMethod,
  MAXIMUM_CLASS_COUNT,
  MINIMUM_CLASS_COUNT,
} from '@domain/statistics/classification';

export type { DateWindow, Severity };

/** The date presets of the filter bar; `custom` takes `from` and `to` from the URL. */
export const PERIODS = [
  'reporting-month',
  'reporting-year',
  'last-7-days',
  'last-30-days',
  'last-90-days',
  'custom',
] as const;
export type Period = (typeof PERIODS)[number];

/** What the choropleth shows per commune; `change` is against the same window a year earlier (cùng kỳ). */
export const MEASURES = ['count', 'per1000', 'perKm2', 'change'] as const;
export type Measure = (typeof MEASURES)[number];

export const CLEARED_CHOICES = ['all', 'yes', 'no'] as const;
export type ClearedChoice = (typeof CLEARED_CHOICES)[number];

export interface IncidentFilter {
  period: Period;
  /** Only for `custom`; presets are worked out from today, so a shared link keeps meaning "this month". */
  from: string | null;
  to: string | null;
  /** Category codes; empty means every category. */
  categories: string[];
  /** Empty means every severity. */
  severities: Severity[];
  cleared: ClearedChoice;
}

export interface IncidentViewState {
  filter: IncidentFilter;
  measure: Measure;
  method: ClassificationMethod;
  classCount: number;
}

export const DEFAULT_PERIOD: Period = 'reporting-year';
export const DEFAULT_CLASS_COUNT = 5;

export const DEFAULT_INCIDENT_VIEW: IncidentViewState = {
  filter: { period: DEFAULT_PERIOD, from: null, to: null, categories: [], severities: [], cleared: 'all' },
  measure: 'count',
  method: 'quantile',
  classCount: DEFAULT_CLASS_COUNT,
};

const LAST_DAYS: Partial<Record<Period, number>> = {
  'last-7-days': 7,
  'last-30-days': 30,
  'last-90-days': 90,
};

/** "2025-03-01" plus 13 days → "2025-03-14"; negative days go back. */
export function addDays(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The reporting year a date falls in: 15/12/2024 already belongs to 2025. */
export function reportingYearOf(isoDate: string): number {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return month === 12 && day >= 15 ? year + 1 : year;
}

/**
 * The dates a filter covers on a given day. Presets for the current month or year end today (a window
 * that has not finished compares fairly with the same days a year earlier); the last N days include today.
 */
export function resolvePeriod(
  filter: Pick<IncidentFilter, 'period' | 'from' | 'to'>,
  today: string,
): DateWindow {
  const days = LAST_DAYS[filter.period];
  if (days !== undefined) return { from: addDays(today, 1 - days), to: today };
  if (filter.period === 'reporting-month') {
    const [year, month] = reportingMonthOf(today);
    return { from: reportingMonth(year, month).from, to: today };
  }
  if (filter.period === 'custom' && filter.from && filter.to) return { from: filter.from, to: filter.to };
  return { from: reportingYear(reportingYearOf(today)).from, to: today };
}

/** "2025-05" for the reporting month 15/04/2025 – 14/05/2025. */
export function reportingMonthKey(isoDate: string): string {
  const [year, month] = reportingMonthOf(isoDate);
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** How many reporting months a window touches, at least one. */
export function reportingMonthCount(window: DateWindow): number {
  const [fromYear, fromMonth] = reportingMonthOf(window.from);
  const [toYear, toMonth] = reportingMonthOf(window.to);
  return Math.max(1, (toYear - fromYear) * 12 + (toMonth - fromMonth) + 1);
}

/** The window of `count` whole reporting months ending with the one `to` falls in (to cut at `to`). */
export function reportingMonthsEndingAt(to: string, count: number): DateWindow {
  const [year, month] = reportingMonthOf(to);
  const firstIndex = year * 12 + (month - 1) - (count - 1);
  return { from: reportingMonth(Math.floor(firstIndex / 12), (firstIndex % 12) + 1).from, to };
}

/** "2025-05" → "05/2025", as month labels are written. */
export function formatMonthKey(key: string): string {
  const [year, month] = key.split('-');
  return `${month}/${year}`;
}

/** The query parameters every incident endpoint takes, for a filter on a day. */
export function filterParameters(filter: IncidentFilter, today: string): Record<string, string> {
  const window = resolvePeriod(filter, today);
  const parameters: Record<string, string> = { from: window.from, to: window.to };
  if (filter.categories.length > 0) parameters.categories = filter.categories.join(',');
  if (filter.severities.length > 0) parameters.severities = filter.severities.join(',');
  if (filter.cleared !== 'all') parameters.cleared = filter.cleared;
  return parameters;
}

// Query reading: the same input type as the map's view state.
type QueryInput = Record<string, string | null | (string | null)[] | undefined>;

function firstValue(value: QueryInput[string]): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : null;
}

function oneOf<T extends string>(value: QueryInput[string], choices: readonly T[]): T | null {
  const text = firstValue(value);
  return choices.find((choice) => choice === text) ?? null;
}

const CATEGORY_CODE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const MAXIMUM_CATEGORIES = 100;

function list(value: QueryInput[string]): string[] {
  const text = firstValue(value);
  if (!text) return [];
  return [...new Set(text.split(',').map((item) => item.trim()))].filter(Boolean);
}

export function parseIncidentViewState(query: QueryInput): IncidentViewState {
  const from = firstValue(query.from);
  const to = firstValue(query.to);
  const customDates = from && to && isIsoDate(from) && isIsoDate(to) && from <= to;
  let period = oneOf(query.period, PERIODS) ?? DEFAULT_PERIOD;
  // A custom window needs both dates in order; without them the default preset stands.
  if (period === 'custom' && !customDates) period = DEFAULT_PERIOD;
  const classes = Number(firstValue(query.classes));
  return {
    filter: {
      period,
      from: period === 'custom' ? from : null,
      to: period === 'custom' ? to : null,
      categories: list(query.categories)
        .filter((code) => CATEGORY_CODE.test(code))
        .slice(0, MAXIMUM_CATEGORIES),
      severities: SEVERITIES.filter((severity) => list(query.severities).includes(severity)),
      cleared: oneOf(query.cleared, CLEARED_CHOICES) ?? 'all',
    },
    measure: oneOf(query.measure, MEASURES) ?? DEFAULT_INCIDENT_VIEW.measure,
    method: oneOf(query.method, CLASSIFICATION_METHODS) ?? DEFAULT_INCIDENT_VIEW.method,
    classCount:
      Number.isInteger(classes) && classes >= MINIMUM_CLASS_COUNT && classes <= MAXIMUM_CLASS_COUNT
        ? classes
        : DEFAULT_CLASS_COUNT,
  };
}

/** The query for the filter and choropleth; defaults are left out, so an untouched map keeps a short URL. */
export function serialiseIncidentViewState(state: IncidentViewState): Record<string, string> {
  const { filter } = state;
  const query: Record<string, string> = {};
  if (filter.period !== DEFAULT_PERIOD) query.period = filter.period;
  if (filter.period === 'custom' && filter.from && filter.to) {
    query.from = filter.from;
    query.to = filter.to;
  }
  if (filter.categories.length > 0) query.categories = filter.categories.join(',');
  if (filter.severities.length > 0) {
    query.severities = SEVERITIES.filter((severity) => filter.severities.includes(severity)).join(',');
  }
  if (filter.cleared !== 'all') query.cleared = filter.cleared;
  if (state.measure !== DEFAULT_INCIDENT_VIEW.measure) query.measure = state.measure;
  if (state.method !== DEFAULT_INCIDENT_VIEW.method) query.method = state.method;
  if (state.classCount !== DEFAULT_CLASS_COUNT) query.classes = String(state.classCount);
  return query;
}

/** "2025-03-05T21:30:00" (Vietnam wall-clock time, as incidents are stored) → "05/03/2025 21:30". */
export function formatOccurredAt(occurredAt: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(occurredAt);
  if (!match) return occurredAt;
  const day = `${match[3]}/${match[2]}/${match[1]}`;
  return match[4] ? `${day} ${match[4]}:${match[5]}` : day;
}
