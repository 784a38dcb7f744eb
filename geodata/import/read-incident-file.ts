import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { iter } from 'but-unzip';
import { BilingualError, type BilingualText, bilingual } from '../../server/domain/bilingual';
import {
  type CoordinateReferenceSystem,
  coordinateSystemFromWkt,
} from '../../server/domain/projections/coordinate-reference-system';
import { readXlsx } from './read-xlsx';
import {
  chooseLayer,
  findLayer,
  geoJsonCoordinateSystem,
  hasEndOfCentralDirectory,
  isObject,
  parseShapefile,
  readZippedLayer,
  type ShapefileParts,
  shapefileBeside,
  shapeTypeOf,
  type ZippedLayer,
  zippedLayers,
} from './shapefile-layers';

export type IncidentFileFormat = 'csv' | 'geojson' | 'shapefile' | 'xlsx';

export interface IncidentRow {
  /** What a user sees: the CSV line the row starts on (header = line 1), or the feature's position from 1. */
  row: number;
  /**
   * CSV: trimmed strings by column name ('' for an empty field; missing fields absent; fields beyond the
   * header under "column N"). Features: the properties as they are (a .dbf gives numbers, strings, Dates,
   * null).
   */
  values: Record<string, unknown>;
  /** Features only: the point in the file's coordinate system, or null when the feature has no usable one. */
  point?: [number, number] | null;
}

export interface IncidentFile {
  format: IncidentFileFormat;
  /** The shapefile layer read, when the file could hold several. */
  layer: string | null;
  /**
   * Column names in file order: for CSV the header row (an empty name made "column N", a repeated one
   * "name (column N)"); for features every property name in order of first appearance.
   */
  headers: string[];
  /** One per data row or feature, in file order. */
  rows: IncidentRow[];
  /** The coordinate system a .prj or a GeoJSON "crs" member declares, or null. */
  declaredCoordinateSystem: CoordinateReferenceSystem | null;
}

export class IncidentFileError extends BilingualError {}

const fail = (text: BilingualText) => new IncidentFileError(text);

const SPREADSHEET_EXTENSIONS = new Set(['.xls', '.xlsb', '.ods']);
const JSON_EXTENSIONS = new Set(['.json', '.geojson']);
const CSV_EXTENSIONS = new Set(['.csv', '.tsv', '.txt']);

/**
 * Reads an incident file: CSV (UTF-8, delimiter "," ";" or tab), GeoJSON points, a zipped Shapefile of
 * points (its .dbf, .prj and .cpg; other layers, folders, `__MACOSX` and other files ignored) or a .shp with
 * those files beside it. `layer` chooses a point layer of a zip; without it, a zip with several is an error
 * that lists them. An Excel workbook (.xlsx) is read by readXlsx, `layer` naming its sheet; other
 * spreadsheets (.xls, .ods) are refused with a message asking for .xlsx or CSV.
 */
export async function readIncidentFile(path: string, layer?: string): Promise<IncidentFile> {
  if (!existsSync(path) || statSync(path).isDirectory()) {
    throw fail(bilingual(`Không tìm thấy tệp ${path}`, `File not found: ${path}`));
  }
  const extension = extname(path).toLowerCase();
  if (SPREADSHEET_EXTENSIONS.has(extension)) throw spreadsheetError(path);
  const bytes = readFileSync(path);
  if (bytes.byteLength === 0) throw emptyFile(path);
  if (/^\.xls[xm]$/.test(extension) || (bytes[0] === 0x50 && isWorkbook(bytes)))
    return readXlsx(bytes, path, layer);
  if (extension === '.zip' || (bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    return readZippedPoints(bytes, layer, path);
  }
  if (extension === '.shp') return shapefilePoints(shapefileBeside(path), path);
  // An .xls saved under another name (OLE compound document).
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw spreadsheetError(path);
  }
  const text = decodeText(bytes, path);
  if (JSON_EXTENSIONS.has(extension) || (!CSV_EXTENSIONS.has(extension) && /^\s*[{[]/.test(text))) {
    return readGeoJson(text, path);
  }
  return readCsv(text, path);
}

function spreadsheetError(path: string): IncidentFileError {
  return fail(
    bilingual(
      `Không đọc được bảng tính dạng này (${basename(path)}): hãy lưu nó thành Excel .xlsx ` +
        'hoặc CSV (UTF-8) rồi nhập tệp đó',
      `This kind of spreadsheet (${basename(path)}) cannot be read: save it as Excel .xlsx ` +
        'or CSV (UTF-8) and import that',
    ),
  );
}

function emptyFile(path: string): IncidentFileError {
  return fail(bilingual(`Tệp ${basename(path)} trống`, `${basename(path)} is empty`));
}

/** UTF-8 with or without BOM; UTF-16 with a BOM (Excel's "Unicode Text"). Anything else is refused. */
function decodeText(bytes: Buffer, path: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le', 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let text: string;
  const megabytes = Math.round(bytes.byteLength / 1e6);
  try {
    text = bytes.toString('utf8', start);
  } catch {
    throw fail(
      bilingual(
        `Tệp ${basename(path)} quá lớn để đọc một lần (${megabytes} MB); hãy chia nhỏ`,
        `${basename(path)} is too large to read at once (${megabytes} MB); split it`,
      ),
    );
  }
  const replaced = text.indexOf('\uFFFD');
  if (replaced !== -1 && !isValidUtf8(bytes)) {
    const line = lineOf(text, replaced);
    throw fail(
      bilingual(
        `Tệp ${basename(path)} không phải mã UTF-8 (dòng ${line}). ` +
          'Trong Excel hãy chọn "Lưu thành" → "CSV UTF-8"',
        `${basename(path)} is not UTF-8 (line ${line}). In Excel, use "Save as" → "CSV UTF-8"`,
      ),
    );
  }
  return text;
}

function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

// ---------------------------------------------------------------------------------------------------- CSV

function readCsv(text: string, path: string): IncidentFile {
  const { headers, rows } = parseCsv(text);
  if (headers.length === 0) throw emptyFile(path);
  if (rows.length === 0) {
    throw fail(
      bilingual(
        `Tệp ${basename(path)} chỉ có dòng tiêu đề, không có dòng dữ liệu nào`,
        `${basename(path)} has a header line but no data rows`,
      ),
    );
  }
  return { format: 'csv', layer: null, headers, rows, declaredCoordinateSystem: null };
}

const QUOTE = 34;
const SPACE = 32;

/**
 * RFC 4180 CSV in one pass. The delimiter ("," ";" or tab) is the one the header line uses most outside
 * quotes, unless an Excel "sep=;" line comes first. Quoted fields may hold delimiters, doubled quotes and
 * line breaks; a quote inside an unquoted field is kept as it is. Lines may end in CRLF, LF or (alone) CR.
 * Values are trimmed strings. Rows whose fields are all empty (blank lines, Excel's ";;;" lines) are
 * skipped, but every physical line counts for `row`. Header names are trimmed; an empty one becomes
 * "column N" and a repeated one "name (column N)", N counted from 1, so that no value is lost.
 */
export function parseCsv(text: string): { headers: string[]; rows: IncidentRow[] } {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (text.indexOf('\n') === -1 && text.indexOf('\r') !== -1) text = text.replace(/\r/g, '\n');
  const length = text.length;
  let line = 1;

  // Blank lines and an Excel "sep=" line before the header.
  let delimiter: string | undefined;
  for (;;) {
    if (start >= length) return { headers: [], rows: [] };
    const end = lineEnd(text, start);
    const content = text.slice(start, end);
    const separator = /^sep=(.)\s*$/i.exec(content)?.[1];
    if (separator !== undefined && delimiter === undefined) delimiter = separator;
    else if (!/^[\s,;]*$/.test(content)) break;
    start = end + 1;
    line++;
  }
  delimiter ??= detectDelimiter(text.slice(start, lineEnd(text, start)));
  const skipSpacesBeforeQuote = delimiter !== ' ';

  let position = start;
  // First delimiter and first line feed at or after some earlier position: valid while >= position.
  let nextDelimiter = -1;
  let nextNewline = -1;
  let recordEnded = false;

  /** The field at `position`; moves past it and its delimiter or line end (then `recordEnded`). */
  const field = (): string => {
    let at = position;
    let code = text.charCodeAt(at);
    if (code === SPACE && skipSpacesBeforeQuote) {
      let after = at + 1;
      while (text.charCodeAt(after) === SPACE) after++;
      if (text.charCodeAt(after) === QUOTE) {
        at = after;
        code = QUOTE;
      }
    }
    let value = '';
    if (code === QUOTE) {
      const openedOn = line;
      let from = at + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) throw unclosedQuote(openedOn);
        for (
          let feed = text.indexOf('\n', from);
          feed !== -1 && feed < quote;
          feed = text.indexOf('\n', feed + 1)
        ) {
          line++;
        }
        if (text.charCodeAt(quote + 1) === QUOTE) {
          value += text.slice(from, quote + 1);
          from = quote + 2;
        } else {
          value += text.slice(from, quote);
          at = quote + 1;
          break;
        }
      }
    }
    if (nextDelimiter < at) {
      nextDelimiter = text.indexOf(delimiter, at);
      if (nextDelimiter === -1) nextDelimiter = length;
    }
    if (nextNewline < at) {
      nextNewline = text.indexOf('\n', at);
      if (nextNewline === -1) nextNewline = length;
    }
    let end: number;
    if (nextDelimiter < nextNewline) {
      end = nextDelimiter;
      recordEnded = false;
    } else {
      end = nextNewline;
      recordEnded = true;
      line++;
    }
    position = end + 1;
    if (code === QUOTE && value.indexOf('\r') !== -1) value = value.replace(/\r\n?/g, '\n');
    // The whole field, or what follows a closing quote (kept, as spreadsheets do).
    if (end > at) value += text.slice(at, end);
    return value.trim();
  };

  const names: string[] = [];
  do names.push(field());
  while (!recordEnded);
  const headers = uniqueNames(names);
  const keys = headers.slice();

  const rows: IncidentRow[] = [];
  const fields: string[] = [];
  const complete = rowMaker(headers);
  while (position < length) {
    const row = line;
    let count = 0;
    let empty = true;
    do {
      const value = field();
      if (value.length > 0) empty = false;
      fields[count++] = value;
    } while (!recordEnded);
    if (empty) continue;
    let values: Record<string, unknown>;
    if (count === headers.length) values = complete(fields);
    else {
      values = {};
      for (let index = 0; index < count; index++) {
        const key = keys[index] ?? extraKey(keys, index);
        // A "__proto__" column is a property like any other, not the prototype.
        if (key === '__proto__')
          Object.defineProperty(values, key, { value: fields[index], enumerable: true });
        else values[key] = fields[index];
      }
    }
    rows.push({ row, values });
  }
  return { headers, rows };

  function unclosedQuote(openedOn: number): IncidentFileError {
    return fail(
      bilingual(
        `Dấu ngoặc kép mở ở dòng ${openedOn} không bao giờ được đóng`,
        `The quote opened on line ${openedOn} is never closed`,
      ),
    );
  }
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

/** The candidate the line uses most outside quotes; ties go to tab, then ";", then ",". */
function detectDelimiter(line: string): string {
  let tabs = 0;
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const code = line.charCodeAt(index);
    if (code === QUOTE) quoted = !quoted;
    else if (quoted) continue;
    else if (code === 9) tabs++;
    else if (code === 59) semicolons++;
    else if (code === 44) commas++;
  }
  if (tabs >= semicolons && tabs >= commas && tabs > 0) return '\t';
  if (semicolons >= commas && semicolons > 0) return ';';
  return ',';
}

function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((name, index) => {
    const unique =
      name === '' ? `column ${index + 1}` : seen.has(name) ? `${name} (column ${index + 1})` : name;
    seen.add(unique);
    return unique;
  });
}

/** Builds a row's values from its fields with one object literal, the fastest way (as d3-dsv does). */
function rowMaker(headers: readonly string[]): (fields: readonly string[]) => Record<string, unknown> {
  // A computed key, unlike a literal one, makes "__proto__" an own property rather than the prototype.
  const properties = headers.map(
    (name, index) => `${name === '__proto__' ? '["__proto__"]' : JSON.stringify(name)}: f[${index}]`,
  );
  return new Function('f', `return { ${properties.join(', ')} };`) as never;
}

function extraKey(keys: string[], index: number): string {
  while (keys.length <= index) keys.push(`column ${keys.length + 1}`);
  return keys[index] as string;
}

// ------------------------------------------------------------------------------------------------ GeoJSON

function readGeoJson(text: string, path: string): IncidentFile {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw fail(
      bilingual(
        `Tệp ${basename(path)} không phải JSON hợp lệ (${(error as Error).message})`,
        `${basename(path)} is not valid JSON (${(error as Error).message})`,
      ),
    );
  }
  if (isObject(document) && document.type === 'Topology') {
    throw fail(
      bilingual(
        `Tệp ${basename(path)} là TopoJSON; vụ việc cần GeoJSON, CSV hoặc Shapefile dạng điểm`,
        `${basename(path)} is TopoJSON; incidents need point GeoJSON, CSV or Shapefile`,
      ),
    );
  }
  let features: unknown[];
  if (isObject(document) && document.type === 'FeatureCollection' && Array.isArray(document.features)) {
    features = document.features;
  } else if (isObject(document) && document.type === 'Feature') {
    features = [document];
  } else {
    throw fail(
      bilingual(
        `Tệp ${basename(path)} không phải GeoJSON (FeatureCollection)`,
        `${basename(path)} is not GeoJSON (a FeatureCollection)`,
      ),
    );
  }
  if (features.length === 0) {
    throw fail(
      bilingual(`Tệp ${basename(path)} không có đối tượng nào`, `${basename(path)} holds no features`),
    );
  }
  const rows = features.map((feature, index): IncidentRow => {
    if (!isObject(feature)) return { row: index + 1, values: {}, point: null };
    const values = isObject(feature.properties) ? feature.properties : {};
    return { row: index + 1, values, point: pointOf(feature.geometry) };
  });
  return {
    format: 'geojson',
    layer: null,
    headers: namesOf(rows),
    rows,
    declaredCoordinateSystem: isObject(document) ? geoJsonCoordinateSystem(document.crs) : null,
  };
}

/** A Point, or a MultiPoint of exactly one point, with finite coordinates; anything else is null. */
function pointOf(geometry: unknown): [number, number] | null {
  if (!isObject(geometry)) return null;
  const coordinates = geometry.coordinates;
  if (geometry.type === 'Point') return position(coordinates);
  if (geometry.type === 'MultiPoint' && Array.isArray(coordinates) && coordinates.length === 1) {
    return position(coordinates[0]);
  }
  return null;
}

function position(value: unknown): [number, number] | null {
  if (!Array.isArray(value) || value.length < 2) return null;
  const [x, y] = value as unknown[];
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)
    ? [x, y]
    : null;
}

function namesOf(rows: readonly IncidentRow[]): string[] {
  const names = new Set<string>();
  for (const row of rows) for (const name in row.values) names.add(name);
  return [...names];
}

// ---------------------------------------------------------------------------------------------- Shapefile

const POINT_TYPES = new Set([1, 8, 11, 18, 21, 28]);

/** What a layer of the given shape type holds, for messages. */
function shapeKind(type: number | null): BilingualText {
  switch (type) {
    case 1:
    case 11:
    case 21:
      return bilingual('điểm', 'points');
    case 8:
    case 18:
    case 28:
      return bilingual('đa điểm', 'multipoints');
    case 3:
    case 13:
    case 23:
      return bilingual('đường', 'lines');
    case 5:
    case 15:
    case 25:
      return bilingual('vùng', 'polygons');
    case 0:
      return bilingual('không có hình học', 'no geometry');
    default:
      return bilingual(`kiểu hình ${type ?? '?'}`, `shape type ${type ?? '?'}`);
  }
}

async function readZippedPoints(
  bytes: Buffer,
  layer: string | undefined,
  path: string,
): Promise<IncidentFile> {
  const raw = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const layers = zippedLayers(raw, fail).filter((entry) => entry.shp);
  if (layers.length === 0) {
    if (isWorkbook(raw)) throw spreadsheetError(path);
    throw fail(bilingual('Tệp zip không chứa tệp .shp nào', 'The zip file holds no .shp file'));
  }
  const typed: { entry: ZippedLayer; type: number | null }[] = [];
  for (const entry of layers) {
    const { shp } = await readZippedLayer({ name: entry.name, shp: entry.shp }, fail);
    typed.push({ entry, type: shp ? shapeTypeOf(shp) : null });
  }
  const pointLayers = typed.filter(({ type }) => type !== null && POINT_TYPES.has(type));
  const pointNames = pointLayers.map(({ entry }) => entry.name);
  const described = typed.map(({ entry, type }) => ({ name: entry.name, kind: shapeKind(type) }));
  const list = (language: 'vi' | 'en') =>
    described.map(({ name, kind }) => `${name} (${kind[language]})`).join(', ');

  const requested = layer
    ? findLayer(
        layers.map((entry) => entry.name),
        layer,
      )
    : undefined;
  if (layer && requested && !pointNames.includes(requested)) {
    throw fail(
      bilingual(
        `Lớp "${requested}" không chứa điểm. Các lớp trong tệp zip: ${list('vi')}`,
        `Layer "${requested}" holds no points. The zip file's layers: ${list('en')}`,
      ),
    );
  }
  if (pointNames.length === 0) {
    throw fail(
      bilingual(
        `Tệp zip không có lớp điểm nào. Các lớp có: ${list('vi')}`,
        `The zip file has no point layer. Its layers: ${list('en')}`,
      ),
    );
  }
  const chosen = requested ?? chooseLayer(pointNames, layer, 'zip', fail);
  const entry = layers.find((candidate) => candidate.name === chosen) as ZippedLayer;
  return shapefilePoints({ parts: await readZippedLayer(entry, fail), layer: chosen }, path);
}

function isWorkbook(raw: Uint8Array): boolean {
  if (!hasEndOfCentralDirectory(raw)) return false;
  try {
    for (const entry of iter(raw)) {
      if (/^(xl\/workbook\.xml|content\.xml)$/i.test(entry.filename)) return true;
    }
  } catch {
    // Not readable as a zip: zippedLayers has said so already.
  }
  return false;
}

function shapefilePoints(
  { parts, layer }: { parts: ShapefileParts; layer: string },
  path: string,
): IncidentFile {
  const type = parts.shp ? shapeTypeOf(parts.shp) : null;
  if (type === null || !POINT_TYPES.has(type)) {
    const kind = shapeKind(type);
    throw fail(
      bilingual(
        `Shapefile ${layer} chứa ${kind.vi}, không phải điểm`,
        `Shapefile ${layer} holds ${kind.en}, not points`,
      ),
    );
  }
  const { geometries, records } = parseShapefile(parts, layer, fail);
  if (geometries.length === 0) {
    throw fail(
      bilingual(
        `Shapefile ${layer} (${basename(path)}) không có đối tượng nào`,
        `Shapefile ${layer} (${basename(path)}) holds no features`,
      ),
    );
  }
  const rows = geometries.map(
    (geometry, index): IncidentRow => ({
      row: index + 1,
      values: records[index] ?? {},
      point: pointOf(geometry),
    }),
  );
  return {
    format: 'shapefile',
    layer,
    headers: namesOf(rows),
    rows,
    declaredCoordinateSystem: parts.prj ? coordinateSystemFromWkt(parts.prj) : null,
  };
}
