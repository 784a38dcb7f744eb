import type { Database } from '../db/database';
import { dataRevision } from '../db/queries/data-revisions';
import type { EraRecord } from '../db/queries/eras';
import {
  eraCommunes,
  eraIncidentUnits,
  type IncidentIndexRow,
  incidentIndexRows,
  incidentTotals,
  type StatisticsUnit,
} from '../db/queries/incident-statistics';
import { listAllIncidentCategories } from '../db/queries/incidents';
import { type Scope, scopeCovers } from '../domain/access/scope';
import { dateOfDayNumber, dayNumber } from '../domain/dates/day-number';
import type { DateWindow } from '../domain/dates/reporting-period';
import { SEVERITIES } from '../domain/incidents/incident-taxonomy';

const SECONDS_PER_DAY = 86_400;

/**
 * Every incident as typed columns, in time order (then by id): what does not depend on the era. A million
 * incidents take about 30 MB, against hundreds for row objects, and a pass over them all takes milliseconds.
 */
export interface IncidentColumns {
  count: number;
  ids: Int32Array;
  /** Days since 1970-01-01 of the wall-clock date, ascending. */
  days: Int32Array;
  /** Seconds since midnight. */
  seconds: Int32Array;
  /** Index into `categoryCodes`. */
  categories: Uint16Array;
  categoryCodes: readonly string[];
  /** Index into SEVERITIES, -1 when unknown. */
  severities: Int8Array;
  /** 1 cleared (đã khám phá), 0 not, -1 unknown. */
  cleared: Int8Array;
  longitudes: Float64Array;
  latitudes: Float64Array;
  /** Position of an incident id in the columns, -1 for none (ids index this array). */
  positionOfId: Int32Array;
}

/**
 * Builds the columns from rows in any order (as `incidentIndexRows` gives them), sorting them by time: by
 * day, then second, then the order read. `categoryOrder` fixes the category indexes (taxonomy order); codes
 * not in it are appended as met.
 */
export function buildIncidentColumns(
  rows: Iterable<IncidentIndexRow>,
  expectedCount: number,
  maximumId: number,
  categoryOrder: readonly string[],
): IncidentColumns {
  const categoryCodes = [...categoryOrder];
  const categoryIndex = new Map(categoryCodes.map((code, index) => [code, index]));
  const severityIndex = new Map<string, number>(SEVERITIES.map((code, index) => [code, index]));
  const read = {
    ids: new Int32Array(expectedCount),
    days: new Int32Array(expectedCount),
    seconds: new Int32Array(expectedCount),
    categories: new Uint16Array(expectedCount),
    severities: new Int8Array(expectedCount),
    cleared: new Int8Array(expectedCount),
    longitudes: new Float64Array(expectedCount),
    latitudes: new Float64Array(expectedCount),
  };
  let count = 0;
  for (const [id, secondsSinceEpoch, categoryCode, severity, cleared, longitude, latitude] of rows) {
    // Rows written after the totals were read are left for the next rebuild (the revision moved on).
    if (count >= expectedCount || id > maximumId) continue;
    const day = Math.floor(secondsSinceEpoch / SECONDS_PER_DAY);
    let category = categoryIndex.get(categoryCode);
    if (category === undefined) {
      category = categoryCodes.length;
      categoryCodes.push(categoryCode);
      categoryIndex.set(categoryCode, category);
    }
    read.ids[count] = id;
    read.days[count] = day;
    read.seconds[count] = secondsSinceEpoch - day * SECONDS_PER_DAY;
    read.categories[count] = category;
    read.severities[count] = severity === null ? -1 : (severityIndex.get(severity) ?? -1);
    read.cleared[count] = cleared === null ? -1 : cleared ? 1 : 0;
    read.longitudes[count] = longitude;
    read.latitudes[count] = latitude;
    count++;
  }

  const order = timeOrder(read.days.subarray(0, count), read.seconds.subarray(0, count));
  const columns: IncidentColumns = {
    count,
    ids: gather(read.ids, order, new Int32Array(count)),
    days: gather(read.days, order, new Int32Array(count)),
    seconds: gather(read.seconds, order, new Int32Array(count)),
    categories: gather(read.categories, order, new Uint16Array(count)),
    categoryCodes,
    severities: gather(read.severities, order, new Int8Array(count)),
    cleared: gather(read.cleared, order, new Int8Array(count)),
    longitudes: gather(read.longitudes, order, new Float64Array(count)),
    latitudes: gather(read.latitudes, order, new Float64Array(count)),
    positionOfId: new Int32Array(maximumId + 1).fill(-1),
  };
  for (let position = 0; position < count; position++) {
    columns.positionOfId[columns.ids[position] as number] = position;
  }
  return columns;
}

type NumberColumn = Int32Array | Uint16Array | Int8Array | Float64Array;

/** `target[k] = source[order[k]]`. */
function gather<Column extends NumberColumn>(
  source: NumberColumn,
  order: Int32Array,
  target: Column,
): Column {
  for (let position = 0; position < target.length; position++) {
    target[position] = source[order[position] as number] as number;
  }
  return target;
}

/**
 * The positions of rows sorted by day, then second, then position: two stable counting sorts, linear in
 * the rows (a comparison sort of a million takes several times longer, and so does sorting in SQL).
 */
function timeOrder(days: Int32Array, seconds: Int32Array): Int32Array {
  const identity = new Int32Array(days.length);
  for (let position = 0; position < identity.length; position++) identity[position] = position;
  if (days.length === 0) return identity;
  const bySecond = stableCountingSort(seconds, identity, 0, SECONDS_PER_DAY - 1);
  let firstDay = days[0] as number;
  let lastDay = firstDay;
  for (const day of days) {
    if (day < firstDay) firstDay = day;
    if (day > lastDay) lastDay = day;
  }
  return stableCountingSort(days, bySecond, firstDay, lastDay);
}

function stableCountingSort(
  keys: Int32Array,
  order: Int32Array,
  minimum: number,
  maximum: number,
): Int32Array {
  const starts = new Int32Array(maximum - minimum + 2);
  for (const position of order) increment(starts, (keys[position] as number) - minimum + 1);
  for (let key = 1; key < starts.length; key++) {
    starts[key] = (starts[key] as number) + (starts[key - 1] as number);
  }
  const sorted = new Int32Array(order.length);
  for (const position of order) {
    const key = (keys[position] as number) - minimum;
    sorted[starts[key] as number] = position;
    increment(starts, key);
  }
  return sorted;
}

/** The unit index (into `units`) of every incident for one era, -1 outside every unit. */
export function buildUnitColumn(
  columns: IncidentColumns,
  units: readonly StatisticsUnit[],
  assignments: { incidentIds: readonly number[]; unitIds: readonly number[] },
): Int32Array {
  const unitIndex = new Map(units.map((unit, index) => [unit.id, index]));
  const column = new Int32Array(columns.count).fill(-1);
  const { incidentIds, unitIds } = assignments;
  for (let assignment = 0; assignment < incidentIds.length; assignment++) {
    const incidentId = incidentIds[assignment] as number;
    const position = incidentId < columns.positionOfId.length ? (columns.positionOfId[incidentId] ?? -1) : -1;
    const index = unitIndex.get(unitIds[assignment] as number);
    if (position >= 0 && index !== undefined) column[position] = index;
  }
  return column;
}

/** Which incidents an aggregation counts. Empty lists mean "all". */
export interface IncidentFilter {
  /** Inclusive, YYYY-MM-DD; null for no bound. */
  from: string | null;
  to: string | null;
  categories: readonly string[];
  severities: readonly string[];
  /** null for both. */
  cleared: boolean | null;
  /**
   * Indexes into the era's units to keep; null for every unit and the incidents outside them all (an
   * account that sees everywhere). A list never includes the incidents outside every unit.
   */
  units: readonly number[] | null;
}

/** The rows of a date window, between two positions, and the test of the rest of the filter. */
interface Selection {
  start: number;
  end: number;
  passes: (row: number) => boolean;
}

function increment(counts: Int32Array, index: number): void {
  counts[index] = (counts[index] as number) + 1;
}

/** One incident as a heatmap or cluster point: see POINT_FIELDS. */
export type IncidentPoint = [
  id: number,
  longitude: number,
  latitude: number,
  category: string,
  severity: string | null,
  cleared: boolean | null,
  occurredAt: string,
];

export const POINT_FIELDS = ['id', 'longitude', 'latitude', 'category', 'severity', 'cleared', 'occurredAt'];

/**
 * One era's view of the incidents: the shared columns plus the era's unit of each. Every aggregation is a
 * single pass over the rows of the date window, found by binary search since rows are in time order.
 */
export class EraIncidents {
  private readonly unitIndexByCode: Map<string, number>;
  private readonly scopes = new Map<string, number[] | null>();

  constructor(
    readonly columns: IncidentColumns,
    readonly units: readonly StatisticsUnit[],
    private readonly unitColumn: Int32Array,
  ) {
    this.unitIndexByCode = new Map(units.map((unit, index) => [unit.code, index]));
  }

  get count(): number {
    return this.columns.count;
  }

  unitIndex(code: string): number | undefined {
    return this.unitIndexByCode.get(code);
  }

  /** The unit indexes a scope covers, null for everywhere. */
  unitsInScope(scope: Scope): number[] | null {
    if (scope.kind === 'all') return null;
    const key = JSON.stringify(scope);
    const cached = this.scopes.get(key);
    if (cached !== undefined) return cached;
    const covered: number[] = [];
    this.units.forEach((unit, index) => {
      if (scopeCovers(scope, { level: 'commune', ...unit })) covered.push(index);
    });
    this.scopes.set(key, covered);
    return covered;
  }

  /** Incidents per unit (indexed like `units`) and outside every unit. */
  countByUnit(filter: IncidentFilter): { counts: Int32Array; outside: number } {
    const selection = this.select(filter);
    const unitColumn = this.unitColumn;
    const counts = new Int32Array(this.units.length);
    let outside = 0;
    for (let row = selection.start; row < selection.end; row++) {
      const unit = unitColumn[row] as number;
      if (selection.passes(row)) {
        if (unit < 0) outside++;
        else increment(counts, unit);
      }
    }
    return { counts, outside };
  }

  /** The day number of each unit's latest incident under the filter (indexed like `units`), −1 for none. */
  lastDayByUnit(filter: IncidentFilter): Int32Array {
    const selection = this.select(filter);
    const { days } = this.columns;
    const unitColumn = this.unitColumn;
    const last = new Int32Array(this.units.length).fill(-1);
    // Rows are in time order: the last row seen for a unit is its latest.
    for (let row = selection.start; row < selection.end; row++) {
      const unit = unitColumn[row] as number;
      if (unit >= 0 && selection.passes(row)) last[unit] = days[row] as number;
    }
    return last;
  }

  /**
   * The filter's incidents as columns, oldest first: where each is, the day it happened (days since
   * 1970-01-01) and its era unit (index into `units`, −1 outside every one), for spatial statistics.
   */
  locations(filter: IncidentFilter): {
    longitudes: Float64Array;
    latitudes: Float64Array;
    days: Int32Array;
    units: Int32Array;
  } {
    const selection = this.select(filter);
    const { longitudes, latitudes, days } = this.columns;
    const rows: number[] = [];
    for (let row = selection.start; row < selection.end; row++) if (selection.passes(row)) rows.push(row);
    return {
      longitudes: Float64Array.from(rows, (row) => longitudes[row] as number),
      latitudes: Float64Array.from(rows, (row) => latitudes[row] as number),
      days: Int32Array.from(rows, (row) => days[row] as number),
      units: Int32Array.from(rows, (row) => this.unitColumn[row] as number),
    };
  }

  /** Incidents per category (indexed like `columns.categoryCodes`). */
  countByCategory(filter: IncidentFilter): Int32Array {
    const selection = this.select(filter);
    const { categories } = this.columns;
    const counts = new Int32Array(this.columns.categoryCodes.length);
    for (let row = selection.start; row < selection.end; row++) {
      const category = categories[row] as number;
      if (selection.passes(row)) {
        increment(counts, category);
      }
    }
    return counts;
  }

  /**
   * Incidents per window of `windows` (ascending, not overlapping, such as consecutive reporting months),
   * within the filter's own dates too; with `byUnit`, per unit and window: counts[unit × windows + window].
   */
  countByWindow(filter: IncidentFilter, windows: readonly DateWindow[], byUnit = false): Int32Array {
    const windowCount = windows.length;
    const counts = new Int32Array(byUnit ? this.units.length * windowCount : windowCount);
    if (windowCount === 0) return counts;
    const starts = Int32Array.from(windows, (window) => dayNumber(window.from));
    const ends = Int32Array.from(windows, (window) => dayNumber(window.to));
    const firstDay = Math.max(starts[0] as number, filter.from ? dayNumber(filter.from) : -Infinity);
    const lastDay = Math.min(ends[windowCount - 1] as number, filter.to ? dayNumber(filter.to) : Infinity);
    const selection = this.selectDays(filter, firstDay, lastDay);
    const { days } = this.columns;
    const unitColumn = this.unitColumn;
    let window = 0;
    for (let row = selection.start; row < selection.end; row++) {
      const day = days[row] as number;
      while (day > (ends[window] as number)) window++;
      if (day < (starts[window] as number)) continue;
      const unit = unitColumn[row] as number;
      if (selection.passes(row)) {
        if (!byUnit) increment(counts, window);
        else if (unit >= 0) increment(counts, unit * windowCount + window);
      }
    }
    return counts;
  }

  /** The positions of the filter's incidents, newest first, from `offset`, at most `limit`, and how many in all. */
  list(filter: IncidentFilter, offset: number, limit: number): { total: number; positions: number[] } {
    const selection = this.select(filter);
    const positions: number[] = [];
    let total = 0;
    for (let row = selection.end - 1; row >= selection.start; row--) {
      if (selection.passes(row)) {
        if (total >= offset && positions.length < limit) positions.push(row);
        total++;
      }
    }
    return { total, positions };
  }

  /** The filter's incidents as compact rows, oldest first, coordinates to 6 decimals (about 0.1 m). */
  points(filter: IncidentFilter): IncidentPoint[] {
    const selection = this.select(filter);
    const { ids, days, seconds, categories, severities, cleared, longitudes, latitudes, categoryCodes } =
      this.columns;
    const points: IncidentPoint[] = [];
    // Rows are in day order: the date's text changes only when the day does.
    let currentDay = Number.NaN;
    let datePrefix = '';
    for (let row = selection.start; row < selection.end; row++) {
      const category = categories[row] as number;
      const severity = severities[row] as number;
      const state = cleared[row] as number;
      if (selection.passes(row)) {
        const day = days[row] as number;
        if (day !== currentDay) {
          currentDay = day;
          datePrefix = `${dateOfDayNumber(day)}T`;
        }
        points.push([
          ids[row] as number,
          Math.round((longitudes[row] as number) * 1e6) / 1e6,
          Math.round((latitudes[row] as number) * 1e6) / 1e6,
          categoryCodes[category] as string,
          severity < 0 ? null : (SEVERITIES[severity] ?? null),
          state < 0 ? null : state === 1,
          datePrefix + timeOfDay(seconds[row] as number),
        ]);
      }
    }
    return points;
  }

  idAt(position: number): number {
    return this.columns.ids[position] as number;
  }

  /** The code of the era's unit holding the incident at a position, or null. */
  unitCodeAt(position: number): string | null {
    const unit = this.unitColumn[position] as number;
    return unit < 0 ? null : (this.units[unit]?.code ?? null);
  }

  private select(filter: IncidentFilter): Selection {
    return this.selectDays(
      filter,
      filter.from ? dayNumber(filter.from) : -Infinity,
      filter.to ? dayNumber(filter.to) : Infinity,
    );
  }

  private selectDays(filter: IncidentFilter, firstDay: number, lastDay: number): Selection {
    const days = this.columns.days;
    const start = lowerBound(days, firstDay);
    const end = lastDay < firstDay ? start : lowerBound(days, lastDay + 1);

    const category = new Uint8Array(this.columns.categoryCodes.length);
    if (filter.categories.length === 0) category.fill(1);
    else {
      filter.categories.forEach((code) => {
        const index = this.columns.categoryCodes.indexOf(code);
        if (index >= 0) category[index] = 1;
      });
    }
    const severity = new Uint8Array(SEVERITIES.length + 1);
    if (filter.severities.length === 0) severity.fill(1);
    else {
      filter.severities.forEach((code) => {
        const index = (SEVERITIES as readonly string[]).indexOf(code);
        if (index >= 0) severity[index + 1] = 1;
      });
    }
    const cleared = new Uint8Array(3);
    if (filter.cleared === null) cleared.fill(1);
    else cleared[filter.cleared ? 2 : 1] = 1;
    const unit = new Uint8Array(this.units.length + 1);
    if (filter.units === null) unit.fill(1);
    else {
      for (const index of filter.units) if (index >= 0 && index < this.units.length) unit[index + 1] = 1;
    }
    // One lookup per column in a small mask; slot 0 of the unit mask is "outside every unit".
    const { categories, severities, cleared: clearedColumn } = this.columns;
    const unitColumn = this.unitColumn;
    const passes = (row: number) =>
      ((category[categories[row] as number] as number) &
        (severity[(severities[row] as number) + 1] as number) &
        (cleared[(clearedColumn[row] as number) + 1] as number) &
        (unit[(unitColumn[row] as number) + 1] as number)) ===
      1;
    return { start, end, passes };
  }
}

/** The first position whose value is at least `value` in an ascending column. */
function lowerBound(values: Int32Array, value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** "HH:mm:ss" of each second of the day, made once when first needed (points repeat them often). */
const TIMES_OF_DAY: (string | undefined)[] = new Array(SECONDS_PER_DAY);

function timeOfDay(seconds: number): string {
  const cached = TIMES_OF_DAY[seconds];
  if (cached !== undefined) return cached;
  const two = (value: number) => (value < 10 ? `0${value}` : String(value));
  const time = `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
  TIMES_OF_DAY[seconds] = time;
  return time;
}

/** Reads every incident into columns (one query, row by row). */
export function loadIncidentColumns(database: Database): IncidentColumns {
  const { count, maximumId } = incidentTotals(database);
  const categoryOrder = listAllIncidentCategories(database).map((category) => category.code);
  return buildIncidentColumns(incidentIndexRows(database), count, maximumId, categoryOrder);
}

/** An era's view over the columns: its communes and the commune of every incident. */
export function loadEraIncidents(database: Database, columns: IncidentColumns, eraId: number): EraIncidents {
  const units = eraCommunes(database, eraId);
  return new EraIncidents(columns, units, buildUnitColumn(columns, units, eraIncidentUnits(database, eraId)));
}

/**
 * The in-memory incident index every statistics and incident-list request reads: the columns are read once
 * and kept until the incidents' data revision moves on (an import or an edit, even by another process), and
 * each era's unit column until that or the era's own revision (new boundaries) changes. Checking costs one
 * small query per request.
 */
export class IncidentCube {
  private columns: { revision: number; columns: IncidentColumns } | null = null;
  private readonly eras = new Map<
    number,
    { columns: IncidentColumns; eraRevision: number; view: EraIncidents }
  >();

  constructor(private readonly database: Database) {}

  forEra(era: EraRecord): EraIncidents {
    // The revision is read before the rows, so that a write in between makes the next request rebuild.
    const revision = dataRevision(this.database, 'incidents');
    if (!this.columns || this.columns.revision !== revision) {
      this.columns = { revision, columns: loadIncidentColumns(this.database) };
      this.eras.clear();
    }
    const columns = this.columns.columns;
    const cached = this.eras.get(era.id);
    if (cached && cached.columns === columns && cached.eraRevision === era.revision) return cached.view;
    const view = loadEraIncidents(this.database, columns, era.id);
    this.eras.set(era.id, { columns, eraRevision: era.revision, view });
    return view;
  }
}
