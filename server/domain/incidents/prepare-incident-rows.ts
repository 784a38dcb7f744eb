import { BilingualError, type BilingualText, bilingual } from '../bilingual';
import type { IncidentColumnMapping, IncidentColumnRole } from './detect-incident-columns';
import { incidentDedupKey } from './incident-dedup-key';
import { type IncidentCategory, SEVERITIES, SEVERITY_NAMES } from './incident-taxonomy';
import { type DateOrder, dateTimeReader, detectDateOrder } from './parse-incident-date';
import {
  cellText,
  matchCategory,
  parseCleared,
  parseCoordinate,
  parseCount,
  parseSeverity,
} from './parse-incident-values';

/** One row of an incident file as its reader gives it. */
export interface IncidentSourceRow {
  /** The row as the user numbers it: the CSV or spreadsheet line, or the feature number. */
  row: number;
  values: Record<string, unknown>;
  /** The point of a GeoJSON or Shapefile feature, in the file's coordinate system. */
  point?: readonly [number, number] | null;
}

/** An incident ready to be stored: every value read, the place in WGS84. */
export interface PreparedIncident {
  row: number;
  /** Local time in Vietnam, "YYYY-MM-DDTHH:mm:ss"; midnight when the file gives no time. */
  occurredAt: string;
  /** "YYYY-MM-DD". */
  occurredDate: string;
  /** WGS84 degrees, to 7 decimals (about 1 cm). */
  longitude: number;
  latitude: number;
  categoryCode: string;
  subcategory: string | null;
  severity: string | null;
  /** Null when the file has no such column; false for a blank cell, as in check-box columns. */
  cleared: boolean | null;
  deaths: number;
  injuries: number;
  source: string | null;
  reference: string | null;
  /** `incidentDedupKey` of the incident. */
  dedupKey: number;
}

export interface RejectedIncidentRow {
  row: number;
  reason: BilingualText;
}

export interface PreparedIncidents {
  accepted: PreparedIncident[];
  rejected: RejectedIncidentRow[];
}

export interface PrepareIncidentOptions {
  columns: IncidentColumnMapping;
  categories: readonly IncidentCategory[];
  /** Raw category values → category codes (a mapping file's "categories"). */
  categoryMapping?: Readonly<Record<string, string>>;
  /** The category of rows that name none. */
  defaultCategory?: string;
  /** Detected from the date column when absent. */
  dateOrder?: DateOrder;
  /** The file's projected or geometry coordinates → WGS84 [longitude, latitude]; null when it fails. */
  project: (x: number, y: number) => [number, number] | null;
  /** Whether the file's coordinate system is longitude/latitude in degrees. */
  geographicInput: boolean;
  /** Whether a point is where the file's incidents can be (inside the loaded boundaries): finds swaps. */
  plausible?: (longitude: number, latitude: number) => boolean;
  /** Who the file comes from ("Công an tỉnh An Giang"), for rows without a source column value. */
  source?: string;
}

/** Raised for options that cannot work for any row: a default or mapped category that does not exist. */
export class IncidentOptionsError extends BilingualError {}

const COORDINATE_PRECISION = 1e7;

/**
 * Turns the rows of an incident file into incidents, or rejects each one with a reason in both languages
 * that names the column and the value at fault. Every row ends up in exactly one of the two lists; values
 * of any type are read or rejected, never thrown on.
 *
 * The place comes from the longitude/latitude columns, else the X/Y columns (projected with `project`),
 * else the feature's point (projected unless `geographicInput`). The first of these that has values in a
 * row decides: a bad value there is reported rather than hidden by another source. Pairs written the wrong
 * way round are turned: latitude first (10.2, 105.1) is out of range one way and not the other, and when
 * both ways are in range `plausible` decides. Projected pairs are tried the other way round too, since
 * Vietnamese surveying calls the northing X (VN-2000 "Tọa độ X" is the distance north).
 *
 * The category is the category column's value matched against the list (`matchCategory`), or the
 * subcategory's when the category cell is blank, or `defaultCategory` when neither names one. A value
 * that names no category is rejected rather than given the default, so that the user maps it.
 */
export function prepareIncidentRows(
  rows: readonly IncidentSourceRow[],
  options: PrepareIncidentOptions,
): PreparedIncidents {
  const accepted: PreparedIncident[] = [];
  const rejected: RejectedIncidentRow[] = [];
  forEachPreparedRow(
    rows,
    options,
    (incident) => accepted.push(incident),
    (rejection) => rejected.push(rejection),
  );
  return { accepted, rejected };
}

/**
 * `prepareIncidentRows` for large files: each incident or rejection is handed over as soon as it is made
 * rather than collected, so that a caller that stores them in its own form keeps no object per row.
 */
export function forEachPreparedRow(
  rows: readonly IncidentSourceRow[],
  options: PrepareIncidentOptions,
  accept: (incident: PreparedIncident) => void,
  reject: (rejection: RejectedIncidentRow) => void,
): void {
  checkOptions(options);
  const columns = (role: IncidentColumnRole): readonly string[] => options.columns[role] ?? [];
  const order =
    options.dateOrder ??
    detectDateOrder(rows.map((row) => firstValue(valuesOf(row), columns('occurredAt'))?.value));
  const context: RowContext = {
    options,
    columns,
    order,
    dateTime: dateTimeReader(order),
    category: remembered((value) => matchCategory(value, options.categories, options.categoryMapping)),
    severity: remembered(parseSeverity),
    cleared: remembered(parseCleared),
    count: remembered(parseCount),
  };

  for (const row of rows) {
    let result: PreparedIncident | BilingualText;
    try {
      result = prepareRow(row, context);
    } catch (error) {
      // Readers hand over whatever the file holds; an unforeseen value must cost one row, not the import.
      const message = error instanceof Error ? error.message : 'unknown error';
      result = bilingual(`Không đọc được dòng: ${message}`, `Cannot read the row: ${message}`);
    }
    if ('vi' in result) reject({ row: row.row, reason: result });
    else accept(result);
  }
}

/** Enough distinct values of a category, severity, cleared or count column for any real file. */
const MOST_VALUES_KEPT = 10_000;

/**
 * A reader that works out each distinct text once: such columns repeat a handful of values over a million
 * rows, and folding Vietnamese text is the costly part. Other values (numbers, Dates) are read each time.
 */
function remembered<T>(read: (value: unknown) => T): (value: unknown) => T {
  const answers = new Map<string, T>();
  return (value) => {
    if (typeof value !== 'string') return read(value);
    const known = answers.get(value);
    if (known !== undefined || answers.has(value)) return known as T;
    const answer = read(value);
    if (answers.size < MOST_VALUES_KEPT) answers.set(value, answer);
    return answer;
  };
}

interface RowContext {
  options: PrepareIncidentOptions;
  columns: (role: IncidentColumnRole) => readonly string[];
  order: DateOrder;
  /** The readers of this file, each remembering what it has read. */
  dateTime: (date: unknown, time: unknown) => string | null;
  category: (value: unknown) => string | null;
  severity: (value: unknown) => ReturnType<typeof parseSeverity>;
  cleared: (value: unknown) => boolean | null;
  count: (value: unknown) => number | null;
}

interface Cell {
  column: string;
  value: unknown;
}

function checkOptions(options: PrepareIncidentOptions): void {
  const codes = new Set(options.categories.map((category) => category.code));
  const known = [...codes].join(', ');
  const unknown = (what: BilingualText) =>
    new IncidentOptionsError(
      bilingual(`${what.vi}. Các loại có: ${known}`, `${what.en}. The categories are: ${known}`),
    );
  if (options.defaultCategory !== undefined && !codes.has(options.defaultCategory)) {
    throw unknown(
      bilingual(
        `Loại mặc định "${options.defaultCategory}" không có trong danh mục`,
        `The default category "${options.defaultCategory}" is not in the list`,
      ),
    );
  }
  for (const [raw, code] of Object.entries(options.categoryMapping ?? {})) {
    if (!codes.has(code)) {
      throw unknown(
        bilingual(
          `Ánh xạ "${raw}" → "${code}": không có loại "${code}" trong danh mục`,
          `Mapping "${raw}" → "${code}": there is no category "${code}"`,
        ),
      );
    }
  }
}

function valuesOf(row: IncidentSourceRow): Record<string, unknown> {
  const values: unknown = row?.values;
  return typeof values === 'object' && values !== null ? (values as Record<string, unknown>) : {};
}

function readCell(
  values: Record<string, unknown>,
  columns: (role: IncidentColumnRole) => readonly string[],
  role: IncidentColumnRole,
): Cell | null {
  return firstValue(values, columns(role));
}

/** The first of the columns with a value in the row: blank cells and absent columns are skipped. */
function firstValue(values: Record<string, unknown>, columns: readonly string[]): Cell | null {
  for (const column of columns) {
    if (!Object.hasOwn(values, column)) continue;
    const value = values[column];
    if (value === null || value === undefined) continue;
    // Only text that starts with a space can be blank: most cells are passed without trimming.
    if (typeof value === 'string' && (value === '' || (value.charCodeAt(0) <= 32 && value.trim() === ''))) {
      continue;
    }
    return { column, value };
  }
  return null;
}

function prepareRow(row: IncidentSourceRow, context: RowContext): PreparedIncident | BilingualText {
  const { options, columns } = context;
  const values = valuesOf(row);
  // A plain function, not a closure made for every row.
  const read = readCell.bind(null, values, columns);

  const occurredAt = readOccurredAt(read('occurredAt'), read('occurredTime'), context);
  if (typeof occurredAt !== 'string') return occurredAt;

  const place = readPlace(row, values, context);
  if ('vi' in place) return place;

  const subcategoryCell = read('subcategory');
  const categoryCode = readCategory(read('category'), subcategoryCell, context);
  if (typeof categoryCode !== 'string') return categoryCode;

  const severityCell = read('severity');
  const severity = severityCell ? context.severity(severityCell.value) : null;
  if (severityCell && severity === null) {
    const viNames = SEVERITIES.map((code) => SEVERITY_NAMES[code].vi.toLowerCase()).join(', ');
    const enNames = SEVERITIES.map((code) => SEVERITY_NAMES[code].en.toLowerCase()).join(', ');
    return bilingual(
      `Mức độ không hợp lệ ở cột "${severityCell.column}": ${describe(severityCell.value)} (cần: ${viNames})`,
      `Invalid severity in column "${severityCell.column}": ${describe(severityCell.value)} (expected: ${enNames})`,
    );
  }

  let cleared: boolean | null = null;
  if (columns('cleared').length > 0) {
    const clearedCell = read('cleared');
    cleared = clearedCell ? context.cleared(clearedCell.value) : false;
    if (clearedCell && cleared === null) {
      return bilingual(
        `Không hiểu giá trị khám phá ở cột "${clearedCell.column}": ${describe(clearedCell.value)} (cần: có/không, đã/chưa)`,
        `Cannot read whether cleared in column "${clearedCell.column}": ${describe(clearedCell.value)} (expected: yes/no)`,
      );
    }
  }

  const counts = { deaths: 0, injuries: 0 };
  for (const role of ['deaths', 'injuries'] as const) {
    const cell = read(role);
    const count = cell ? context.count(cell.value) : 0;
    if (cell && count === null) {
      const [vi, en] = role === 'deaths' ? ['người chết', 'deaths'] : ['người bị thương', 'injuries'];
      return bilingual(
        `Số ${vi} không hợp lệ ở cột "${cell.column}": ${describe(cell.value)} (cần số nguyên không âm)`,
        `Invalid number of ${en} in column "${cell.column}": ${describe(cell.value)} (expected a whole number, 0 or more)`,
      );
    }
    counts[role] = count ?? 0;
  }

  const source = cellText(read('source')?.value) ?? (options.source?.trim() || null);
  const reference = cellText(read('reference')?.value);
  const subcategory = cellText(subcategoryCell?.value);
  const incident: PreparedIncident = {
    row: row.row,
    occurredAt,
    occurredDate: occurredAt.slice(0, 10),
    longitude: place.longitude,
    latitude: place.latitude,
    categoryCode,
    subcategory,
    severity,
    cleared,
    deaths: counts.deaths,
    injuries: counts.injuries,
    source,
    reference,
    dedupKey: 0,
  };
  incident.dedupKey = incidentDedupKey(incident);
  return incident;
}

function readOccurredAt(date: Cell | null, time: Cell | null, context: RowContext): string | BilingualText {
  const dateColumns = context.columns('occurredAt');
  if (dateColumns.length === 0) {
    return bilingual(
      'Không tìm thấy cột ngày xảy ra; chỉ định trong "columns": {"occurredAt": "..."} của tệp ánh xạ',
      'No date column found; name it in a mapping file\'s "columns": {"occurredAt": "..."}',
    );
  }
  if (!date) {
    const list = dateColumns.join(', ');
    return bilingual(`Thiếu ngày xảy ra (cột ${list})`, `Missing date (column ${list})`);
  }
  const occurredAt = context.dateTime(date.value, time?.value);
  if (occurredAt !== null) return occurredAt;
  if (time && context.dateTime(date.value, null) !== null) {
    return bilingual(
      `Giờ không đọc được ở cột "${time.column}": ${describe(time.value)}`,
      `Unreadable time in column "${time.column}": ${describe(time.value)}`,
    );
  }
  const [orderVi, orderEn] =
    context.order === 'day-first'
      ? ['ngày/tháng/năm', 'day/month/year']
      : ['tháng/ngày/năm', 'month/day/year'];
  return bilingual(
    `Ngày không đọc được hoặc không có thật ở cột "${date.column}": ${describe(date.value)} (đọc theo ${orderVi})`,
    `Unreadable or impossible date in column "${date.column}": ${describe(date.value)} (read as ${orderEn})`,
  );
}

function readCategory(
  categoryCell: Cell | null,
  subcategoryCell: Cell | null,
  context: RowContext,
): string | BilingualText {
  const { defaultCategory } = context.options;
  const advice = bilingual(
    'thêm giá trị này vào "categories" của tệp ánh xạ (--mapping), ví dụ {"categories": {"…": "trat-tu-xa-hoi"}}',
    'add this value to a mapping file\'s "categories" (--mapping), e.g. {"categories": {"…": "trat-tu-xa-hoi"}}',
  );
  if (categoryCell) {
    const code = context.category(categoryCell.value);
    if (code !== null) return code;
    return bilingual(
      `Loại vụ việc không có trong danh mục ở cột "${categoryCell.column}": ${describe(categoryCell.value)}; ${advice.vi}`,
      `Unknown category in column "${categoryCell.column}": ${describe(categoryCell.value)}; ${advice.en}`,
    );
  }
  if (subcategoryCell) {
    const code = context.category(subcategoryCell.value);
    if (code !== null) return code;
  }
  if (defaultCategory !== undefined) return defaultCategory;
  if (subcategoryCell) {
    return bilingual(
      `Không xác định được loại vụ việc từ cột "${subcategoryCell.column}": ${describe(subcategoryCell.value)}; ${advice.vi}, hoặc đặt "defaultCategory"`,
      `Cannot tell the category from column "${subcategoryCell.column}": ${describe(subcategoryCell.value)}; ${advice.en}, or set "defaultCategory"`,
    );
  }
  const categoryColumns = context.columns('category');
  return categoryColumns.length > 0
    ? bilingual(
        `Thiếu loại vụ việc (cột ${categoryColumns.join(', ')}); đặt "defaultCategory" trong tệp ánh xạ nếu cả tệp cùng một loại`,
        `Missing category (column ${categoryColumns.join(', ')}); set "defaultCategory" in a mapping file if the whole file is one category`,
      )
    : bilingual(
        'Không tìm thấy cột loại vụ việc; chỉ định "columns": {"category": "..."} hoặc "defaultCategory" trong tệp ánh xạ',
        'No category column found; name it with "columns": {"category": "..."} or set "defaultCategory" in a mapping file',
      );
}

interface Place {
  longitude: number;
  latitude: number;
}

/**
 * The place from the first source of coordinates with values in the row: lon/lat columns, X/Y columns,
 * the feature's point; or why there is none.
 */
function readPlace(
  row: IncidentSourceRow,
  values: Record<string, unknown>,
  context: RowContext,
): Place | BilingualText {
  const { columns, options } = context;
  const pair = readPair(
    values,
    columns('longitude'),
    columns('latitude'),
    ['kinh độ', 'longitude'],
    ['vĩ độ', 'latitude'],
  );
  if (pair && 'vi' in pair) return pair;
  if (pair) return orientDegrees(pair.first, pair.second, options, 'kinh độ, vĩ độ', 'longitude, latitude');

  const xy = readPair(values, columns('x'), columns('y'), ['X', 'X'], ['Y', 'Y']);
  if (xy && 'vi' in xy) return xy;
  // X/Y columns in degrees beside projected geometry: San Francisco's "X"/"Y" are longitude/latitude
  // while its point shapefiles are in State Plane feet. Projected coordinates are never this small: every
  // system in use has a false easting or origin hundreds of kilometres away. In a file whose system is
  // longitude/latitude, X/Y are degrees too; metres there are reported as such.
  if (xy && (options.geographicInput || looksLikeDegrees(xy.first, xy.second))) {
    return orientDegrees(xy.first, xy.second, options, 'X, Y', 'X, Y');
  }
  if (xy) return projectPair(xy.first, xy.second, options, 'X, Y', 'X, Y');

  const point = row.point;
  if (
    Array.isArray(point) &&
    typeof point[0] === 'number' &&
    typeof point[1] === 'number' &&
    Number.isFinite(point[0]) &&
    Number.isFinite(point[1])
  ) {
    return options.geographicInput
      ? orientDegrees(point[0], point[1], options, 'điểm của đối tượng', "the feature's point")
      : projectPair(point[0], point[1], options, 'điểm của đối tượng', "the feature's point");
  }
  if (point !== undefined && point !== null) {
    return bilingual('Hình học của đối tượng không phải một điểm', "The feature's geometry is not a point");
  }
  const hasColumns = (['longitude', 'latitude', 'x', 'y'] as const).some((role) => columns(role).length > 0);
  return hasColumns
    ? bilingual(
        'Thiếu tọa độ (các cột tọa độ đều trống)',
        'Missing coordinates (the coordinate columns are empty)',
      )
    : bilingual(
        'Không có tọa độ: tệp không có cột kinh độ/vĩ độ hay X/Y, hoặc hình học điểm; chỉ định trong "columns" của tệp ánh xạ',
        'No coordinates: the file has no longitude/latitude or X/Y columns and no point geometry; name them in a mapping file\'s "columns"',
      );
}

/** Both values of a pair of columns, parsed; null when both are blank. */
function readPair(
  values: Record<string, unknown>,
  firstColumns: readonly string[],
  secondColumns: readonly string[],
  firstName: [string, string],
  secondName: [string, string],
): { first: number; second: number } | BilingualText | null {
  const first = firstValue(values, firstColumns);
  const second = firstValue(values, secondColumns);
  if (!first && !second) return null;
  const numbers: number[] = [];
  for (const [cell, name, cellColumns] of [
    [first, firstName, firstColumns],
    [second, secondName, secondColumns],
  ] as const) {
    if (!cell) {
      const list = cellColumns.join(', ');
      return bilingual(`Thiếu ${name[0]} (cột ${list})`, `Missing ${name[1]} (column ${list})`);
    }
    const number = parseCoordinate(cell.value);
    if (number === null) {
      return bilingual(
        `${capitalise(name[0])} không đọc được ở cột "${cell.column}": ${describe(cell.value)}`,
        `Unreadable ${name[1]} in column "${cell.column}": ${describe(cell.value)}`,
      );
    }
    numbers.push(number);
  }
  return { first: numbers[0] as number, second: numbers[1] as number };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function inRange(longitude: number, latitude: number): boolean {
  return (
    Number.isFinite(longitude) &&
    Number.isFinite(latitude) &&
    Math.abs(longitude) <= 180 &&
    Math.abs(latitude) <= 90
  );
}

function looksLikeDegrees(first: number, second: number): boolean {
  return inRange(first, second) || inRange(second, first);
}

function isPlausible(options: PrepareIncidentOptions, longitude: number, latitude: number): boolean | null {
  if (!options.plausible) return null;
  try {
    return options.plausible(longitude, latitude) === true;
  } catch {
    return false;
  }
}

/** The better way round of two candidate positions: in range first, then plausible. */
function choose(
  asWritten: Place | null,
  swapped: () => Place | null,
  options: PrepareIncidentOptions,
): Place | null {
  if (!asWritten) return swapped();
  if (isPlausible(options, asWritten.longitude, asWritten.latitude) === false) {
    const other = swapped();
    if (other && isPlausible(options, other.longitude, other.latitude)) return other;
  }
  return asWritten;
}

function rounded(longitude: number, latitude: number): Place {
  return {
    longitude: Math.round(longitude * COORDINATE_PRECISION) / COORDINATE_PRECISION + 0,
    latitude: Math.round(latitude * COORDINATE_PRECISION) / COORDINATE_PRECISION + 0,
  };
}

function orientDegrees(
  first: number,
  second: number,
  options: PrepareIncidentOptions,
  whatVi: string,
  whatEn: string,
): Place | BilingualText {
  if (first === 0 && second === 0) {
    return bilingual(
      `Tọa độ 0, 0 (${whatVi}): thường là tọa độ bị thiếu`,
      `Coordinates 0, 0 (${whatEn}): usually missing coordinates`,
    );
  }
  // Rounded before the plausibility check, so that it sees the very point stored (and a caller that
  // places the point can reuse what it found).
  const place = choose(
    inRange(first, second) ? rounded(first, second) : null,
    () => (inRange(second, first) ? rounded(second, first) : null),
    options,
  );
  if (place) return place;
  const where = `${first}, ${second}`;
  const projectedHint =
    Math.abs(first) > 1000 || Math.abs(second) > 1000
      ? [
          '; có vẻ là tọa độ phẳng (mét): hãy cho hệ tọa độ bằng --crs hoặc "crs" trong tệp ánh xạ',
          '; they look projected (metres): give the coordinate system with --crs or "crs" in a mapping file',
        ]
      : ['', ''];
  return bilingual(
    `Tọa độ ngoài phạm vi kinh độ/vĩ độ (${whatVi}): ${where}${projectedHint[0]}`,
    `Coordinates out of longitude/latitude range (${whatEn}): ${where}${projectedHint[1]}`,
  );
}

function projectPair(
  x: number,
  y: number,
  options: PrepareIncidentOptions,
  whatVi: string,
  whatEn: string,
): Place | BilingualText {
  const project = (first: number, second: number): Place | null => {
    try {
      const result = options.project(first, second);
      if (!Array.isArray(result)) return null;
      const [longitude, latitude] = result;
      return typeof longitude === 'number' && typeof latitude === 'number' && inRange(longitude, latitude)
        ? rounded(longitude, latitude)
        : null;
    } catch {
      return null;
    }
  };
  const place = choose(project(x, y), () => project(y, x), options);
  if (place) return place;
  return bilingual(
    `Không chuyển được tọa độ (${whatVi}) ${x}, ${y} sang kinh độ/vĩ độ; kiểm tra hệ tọa độ (--crs hoặc "crs" trong tệp ánh xạ)`,
    `Cannot convert the coordinates (${whatEn}) ${x}, ${y} to longitude/latitude; check the coordinate system (--crs or "crs" in a mapping file)`,
  );
}

/** A cell's value as a message shows it: text quoted and cut to 60 characters. */
function describe(value: unknown): string {
  if (typeof value === 'string') {
    const text = value.replace(/\s+/g, ' ').trim();
    return `"${text.length > 60 ? `${text.slice(0, 59)}…` : text}"`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  return `(${Array.isArray(value) ? 'array' : typeof value})`;
}
