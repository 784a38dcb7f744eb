import { basename } from 'node:path';
import { iter } from 'but-unzip';
import { InvalidInputError, InvalidSpreadsheetError, readSheet } from 'read-excel-file/node';
import { bilingual } from '../../server/domain/bilingual';
import { foldText } from '../../server/domain/text/fold-text';
import { type IncidentFile, IncidentFileError, type IncidentRow } from './read-incident-file';
import { hasEndOfCentralDirectory } from './shapefile-layers';

/**
 * Reads one sheet of an Excel workbook (.xlsx, .xlsm) as the CSV reader reads a file: the first row with
 * any value is the header, and every later row with a value is a row, numbered as Excel numbers it. Every
 * value is text: numbers as JavaScript writes them, TRUE/FALSE, and date cells as ISO text ("2024-03-06",
 * "2024-03-10 14:00", or "08:15" for a time alone), so that the incident date parser reads the dates as
 * written whatever the server's time zone. `sheet` names the sheet (case and accents aside); the first
 * one is read without it.
 */
export async function readXlsx(bytes: Uint8Array, path: string, sheet?: string): Promise<IncidentFile> {
  const name = basename(path);
  // An old binary workbook (OLE compound document) saved under the new name.
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw unreadable(name, new InvalidInputError('XLS_FILE_NOT_SUPPORTED'));
  }
  const sheets = await xlsxSheetNames(bytes, name);
  const chosen = sheet === undefined ? sheets[0] : findSheet(sheets, sheet);
  if (chosen === undefined) {
    throw new IncidentFileError(
      sheet === undefined
        ? bilingual(`Bảng tính ${name} không có trang nào`, `The workbook ${name} has no sheets`)
        : bilingual(
            `Bảng tính ${name} không có trang "${sheet}". Các trang có: ${sheets.join(', ')}`,
            `The workbook ${name} has no sheet "${sheet}". Its sheets: ${sheets.join(', ')}`,
          ),
    );
  }
  let data: unknown[][];
  try {
    data = (await readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), chosen)) as never;
  } catch (error) {
    throw unreadable(name, error);
  }

  let headerIndex = data.findIndex((cells) => cells.some((cell) => cellText(cell) !== ''));
  if (headerIndex === -1) headerIndex = data.length;
  const headers = uniqueNames((data[headerIndex] ?? []).map(cellText));
  if (headers.length === 0) {
    throw new IncidentFileError(
      bilingual(`Trang "${chosen}" của ${name} trống`, `Sheet "${chosen}" of ${name} is empty`),
    );
  }
  const rows: IncidentRow[] = [];
  for (let index = headerIndex + 1; index < data.length; index++) {
    const texts = (data[index] ?? []).map(cellText);
    if (texts.every((text) => text === '')) continue;
    const values: Record<string, unknown> = {};
    texts.forEach((text, column) => {
      const key = headers[column] ?? `column ${column + 1}`;
      // A "__proto__" column is a property like any other, not the prototype.
      Object.defineProperty(values, key, {
        value: text,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    });
    rows.push({ row: index + 1, values });
  }
  if (rows.length === 0) {
    throw new IncidentFileError(
      bilingual(
        `Trang "${chosen}" của ${name} chỉ có dòng tiêu đề, không có dòng dữ liệu nào`,
        `Sheet "${chosen}" of ${name} has a header row but no data rows`,
      ),
    );
  }
  return { format: 'xlsx', layer: chosen, headers, rows, declaredCoordinateSystem: null };
}

/** The workbook's sheet names in order, from xl/workbook.xml, without reading any sheet. */
export async function xlsxSheetNames(bytes: Uint8Array, name = 'workbook'): Promise<string[]> {
  let workbook: string | null = null;
  // but-unzip searches a zip without an end record for ever: a cut-off file must stop here.
  if (!hasEndOfCentralDirectory(bytes)) throw unreadable(name, new Error('no end of central directory'));
  try {
    for (const entry of iter(bytes)) {
      if (entry.filename.toLowerCase() === 'xl/workbook.xml') {
        workbook = new TextDecoder().decode(await entry.read());
        break;
      }
    }
  } catch (error) {
    throw unreadable(name, error);
  }
  if (workbook === null) throw unreadable(name, new Error('xl/workbook.xml is missing'));
  return [...workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"/g)].map((match) =>
    unescapeXml(match[1] as string),
  );
}

function findSheet(sheets: readonly string[], requested: string): string | undefined {
  const wanted = foldText(requested);
  return sheets.find((sheet) => sheet === requested) ?? sheets.find((sheet) => foldText(sheet) === wanted);
}

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] as string;
  });
}

function unreadable(name: string, error: unknown): IncidentFileError {
  if (error instanceof IncidentFileError) return error;
  if (error instanceof InvalidInputError && error.code === 'XLS_FILE_NOT_SUPPORTED') {
    return new IncidentFileError(
      bilingual(
        `${name} là bảng tính Excel cũ (.xls); hãy mở bằng Excel rồi "Lưu thành" .xlsx hoặc CSV UTF-8`,
        `${name} is an old Excel workbook (.xls); open it in Excel and "Save as" .xlsx or CSV UTF-8`,
      ),
    );
  }
  const detail = error instanceof InvalidSpreadsheetError || error instanceof InvalidInputError;
  const message = error instanceof Error ? error.message : String(error);
  return new IncidentFileError(
    bilingual(
      `Không đọc được bảng tính ${name}${detail ? ` (${message})` : ''}; tệp có thể hỏng hoặc không phải .xlsx`,
      `Cannot read the workbook ${name}${detail ? ` (${message})` : ''}; it may be damaged or not .xlsx`,
    ),
  );
}

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * A cell as text. The reader gives date cells as instants whose UTC fields are what the sheet shows;
 * Excel's day 0 (1899-12-30 or 31) carries a time alone.
 */
function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return '';
    const seconds = cell.getUTCSeconds();
    const clock = `${pad(cell.getUTCHours())}:${pad(cell.getUTCMinutes())}${seconds ? `:${pad(seconds)}` : ''}`;
    if (cell.getUTCFullYear() < 1900) return clock;
    const day = `${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
    return clock === '00:00' ? day : `${day} ${clock}`;
  }
  return String(cell);
}

/** As the CSV reader names columns: an empty name "column N", a repeated one "name (column N)". */
function uniqueNames(names: readonly string[]): string[] {
  let last = names.length;
  while (last > 0 && names[last - 1] === '') last--;
  const seen = new Set<string>();
  return names.slice(0, last).map((name, index) => {
    const unique =
      name === '' ? `column ${index + 1}` : seen.has(name) ? `${name} (column ${index + 1})` : name;
    seen.add(unique);
    return unique;
  });
}
