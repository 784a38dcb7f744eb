import { z } from 'zod';
import { BilingualError, type BilingualText, bilingual } from '../bilingual';
import { parseCoordinateSystem } from '../projections/coordinate-reference-system';
import { INCIDENT_COLUMN_ROLES, type IncidentColumnRole } from './detect-incident-columns';
import type { DateOrder } from './parse-incident-date';

/**
 * What a user tells the incident import about a file that detection alone cannot read (the `--mapping
 * FILE.json` option), normalised: every column role holds a list.
 */
export interface IncidentMapping {
  /** Columns for each role, overriding detection: {"occurredAt": "Ngày", "reference": ["Số vụ", "ID"]}. */
  columns?: Partial<Record<IncidentColumnRole, string[]>>;
  /** Raw values of the category column → category codes: {"Cờ bạc": "danh-bac"}. */
  categories?: Record<string, string>;
  /** The category of rows that name none. */
  defaultCategory?: string;
  dateOrder?: DateOrder;
  /** The coordinate system of X/Y columns and geometry, as `--crs` takes it: "EPSG:9207", "vn2000:104.5". */
  crs?: string;
  /** Who the file comes from: "Công an tỉnh An Giang". */
  source?: string;
}

export class IncidentMappingError extends BilingualError {}

const text = z.string().trim().min(1);
const columnNames = z.union([text, z.array(text).min(1)]);

const MAPPING_SCHEMA = z.strictObject({
  columns: z.partialRecord(z.enum(INCIDENT_COLUMN_ROLES), columnNames).optional(),
  categories: z.record(z.string(), text).optional(),
  defaultCategory: text.optional(),
  dateOrder: z.enum(['day-first', 'month-first']).optional(),
  crs: text.optional(),
  source: text.optional(),
});

const KEYS = Object.keys(MAPPING_SCHEMA.shape).join(', ');

/** What each key must hold, for messages that tell the user how to fix the file. */
const EXPECTED: Record<keyof typeof MAPPING_SCHEMA.shape, BilingualText> = {
  columns: bilingual(
    'một đối tượng {"vai trò": "Tên cột" hoặc ["Cột A", "Cột B"]}',
    'an object {"role": "Column name" or ["Column A", "Column B"]}',
  ),
  categories: bilingual(
    'một đối tượng {"giá trị trong tệp": "mã loại"}, ví dụ {"Cờ bạc": "danh-bac"}',
    'an object {"value in the file": "category code"}, e.g. {"Cờ bạc": "danh-bac"}',
  ),
  defaultCategory: bilingual('một mã loại, ví dụ "trat-tu-xa-hoi"', 'a category code, e.g. "trat-tu-xa-hoi"'),
  dateOrder: bilingual('"day-first" hoặc "month-first"', '"day-first" or "month-first"'),
  crs: bilingual(
    'một hệ tọa độ, ví dụ "EPSG:9207" hoặc "vn2000:104.5"',
    'a coordinate system, e.g. "EPSG:9207" or "vn2000:104.5"',
  ),
  source: bilingual(
    'tên nguồn dữ liệu, ví dụ "Công an tỉnh An Giang"',
    'the name of the source, e.g. "Công an tỉnh An Giang"',
  ),
};

/**
 * Reads a mapping file's parsed JSON. Unknown keys, unknown column roles and values of the wrong kind are
 * errors that name the key at fault (`columns.occuredAt`) and say what it must hold, in both languages;
 * so is a "crs" that `--crs` would not accept. Category codes are checked against the category list
 * later, by the import, which has the list.
 */
export function parseIncidentMapping(json: unknown): IncidentMapping {
  const parsed = MAPPING_SCHEMA.safeParse(json);
  if (!parsed.success) throw new IncidentMappingError(describeIssue(parsed.error.issues[0]));
  const { columns, crs, ...rest } = parsed.data;
  const mapping: IncidentMapping = { ...rest };
  if (columns) {
    mapping.columns = {};
    for (const role of INCIDENT_COLUMN_ROLES) {
      const names = columns[role];
      if (names !== undefined) mapping.columns[role] = typeof names === 'string' ? [names] : names;
    }
  }
  if (crs !== undefined) {
    try {
      parseCoordinateSystem(crs);
    } catch (error) {
      if (!(error instanceof BilingualError)) throw error;
      throw new IncidentMappingError(
        bilingual(
          `Sai khóa "crs" trong tệp ánh xạ: ${error.text.vi}`,
          `Bad key "crs" in the mapping file: ${error.text.en}`,
        ),
      );
    }
    mapping.crs = crs;
  }
  return mapping;
}

function describeIssue(issue: z.core.$ZodIssue | undefined): BilingualText {
  if (!issue) return bilingual('Tệp ánh xạ không hợp lệ', 'The mapping file is not valid');
  if (issue.path.length === 0) {
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((key) => `"${key}"`).join(', ');
      return bilingual(
        `Tệp ánh xạ có khóa không biết: ${keys}. Các khóa dùng được: ${KEYS}`,
        `The mapping file has unknown keys: ${keys}. The keys it may have: ${KEYS}`,
      );
    }
    return bilingual(
      `Tệp ánh xạ phải là một đối tượng JSON với các khóa: ${KEYS}`,
      `The mapping file must be a JSON object with the keys: ${KEYS}`,
    );
  }
  const top = String(issue.path[0]) as keyof typeof EXPECTED;
  const path = formatPath(issue.path);
  if (top === 'columns' && issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `"${key}"`).join(', ');
    const roles = INCIDENT_COLUMN_ROLES.join(', ');
    return bilingual(
      `Vai trò cột không biết trong "columns": ${keys}. Các vai trò: ${roles}`,
      `Unknown column role in "columns": ${keys}. The roles: ${roles}`,
    );
  }
  const expected =
    top === 'columns' && issue.path.length > 1
      ? bilingual(
          'tên cột hoặc danh sách tên cột, không để trống',
          'a column name or a list of column names, not empty',
        )
      : top === 'categories' && issue.path.length > 1
        ? bilingual('một mã loại, ví dụ "danh-bac"', 'a category code, e.g. "danh-bac"')
        : (EXPECTED[top] ?? bilingual('giá trị khác', 'another value'));
  return bilingual(
    `Sai khóa "${path}" trong tệp ánh xạ: cần ${expected.vi}`,
    `Bad key "${path}" in the mapping file: expected ${expected.en}`,
  );
}

/** columns.occurredAt, columns.reference[1], categories["Cờ bạc"]. */
function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => {
      if (typeof part === 'number') return `[${part}]`;
      const name = String(part);
      if (index > 0 && !/^[A-Za-z_$][\w$]*$/.test(name)) return `[${JSON.stringify(name)}]`;
      return index === 0 ? name : `.${name}`;
    })
    .join('');
}
