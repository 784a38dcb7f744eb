import { describe, expect, it } from 'vitest';
import { IncidentMappingError, parseIncidentMapping } from './incident-mapping-file';

function errorOf(json: unknown): IncidentMappingError {
  try {
    parseIncidentMapping(json);
  } catch (error) {
    if (error instanceof IncidentMappingError) return error;
    throw error;
  }
  throw new Error('expected an IncidentMappingError');
}

describe('parseIncidentMapping', () => {
  it('reads a complete mapping file, every column role as a list', () => {
    const mapping = parseIncidentMapping({
      columns: { occurredAt: 'Ngày phát hiện', reference: ['Số vụ', 'ID'], x: ' Tọa độ X ' },
      categories: { 'Cờ bạc': 'danh-bac', 'Hình sự': 'trat-tu-xa-hoi' },
      defaultCategory: 'khac',
      dateOrder: 'month-first',
      crs: 'vn2000:104.5',
      source: 'Công an tỉnh An Giang',
    });
    expect(mapping).toEqual({
      columns: { occurredAt: ['Ngày phát hiện'], x: ['Tọa độ X'], reference: ['Số vụ', 'ID'] },
      categories: { 'Cờ bạc': 'danh-bac', 'Hình sự': 'trat-tu-xa-hoi' },
      defaultCategory: 'khac',
      dateOrder: 'month-first',
      crs: 'vn2000:104.5',
      source: 'Công an tỉnh An Giang',
    });
  });

  it('reads an empty mapping as no instructions', () => {
    expect(parseIncidentMapping({})).toEqual({});
  });

  it.each([
    ['a VN-2000 zone by its EPSG code', 'EPSG:9207'],
    ['a PROJ string', '+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs'],
    ['an EPSG code alone', '4326'],
  ])('accepts a crs that --crs accepts (%s)', (_, crs) => {
    expect(parseIncidentMapping({ crs }).crs).toBe(crs);
  });

  it('names an unknown key and lists the keys a mapping may have', () => {
    const error = errorOf({ column: { occurredAt: 'Ngày' } });
    expect(error.text).toEqual({
      vi: 'Tệp ánh xạ có khóa không biết: "column". Các khóa dùng được: columns, categories, defaultCategory, dateOrder, crs, source',
      en: 'The mapping file has unknown keys: "column". The keys it may have: columns, categories, defaultCategory, dateOrder, crs, source',
    });
  });

  it('names an unknown column role and lists the roles', () => {
    const error = errorOf({ columns: { occuredAt: 'Ngày' } });
    expect(error.text.en).toBe(
      'Unknown column role in "columns": "occuredAt". The roles: occurredAt, occurredTime, longitude, latitude, x, y, category, subcategory, severity, cleared, source, reference, deaths, injuries',
    );
    expect(error.text.vi).toMatch(/^Vai trò cột không biết trong "columns": "occuredAt"/);
  });

  it.each([
    [
      { columns: { occurredAt: 5 } },
      'Bad key "columns.occurredAt" in the mapping file: expected a column name or a list of column names, not empty',
    ],
    [
      { columns: { reference: ['Số vụ', ''] } },
      'Bad key "columns.reference[1]" in the mapping file: expected a column name or a list of column names, not empty',
    ],
    [
      { columns: { reference: [] } },
      'Bad key "columns.reference" in the mapping file: expected a column name or a list of column names, not empty',
    ],
    [
      { columns: 'Ngày' },
      'Bad key "columns" in the mapping file: expected an object {"role": "Column name" or ["Column A", "Column B"]}',
    ],
    [
      { categories: { 'Cờ bạc': 3 } },
      'Bad key "categories["Cờ bạc"]" in the mapping file: expected a category code, e.g. "danh-bac"',
    ],
    [
      { categories: ['danh-bac'] },
      'Bad key "categories" in the mapping file: expected an object {"value in the file": "category code"}, e.g. {"Cờ bạc": "danh-bac"}',
    ],
    [
      { defaultCategory: '' },
      'Bad key "defaultCategory" in the mapping file: expected a category code, e.g. "trat-tu-xa-hoi"',
    ],
    [
      { dateOrder: 'dd/mm/yyyy' },
      'Bad key "dateOrder" in the mapping file: expected "day-first" or "month-first"',
    ],
    [
      { source: 42 },
      'Bad key "source" in the mapping file: expected the name of the source, e.g. "Công an tỉnh An Giang"',
    ],
    [
      { crs: null },
      'Bad key "crs" in the mapping file: expected a coordinate system, e.g. "EPSG:9207" or "vn2000:104.5"',
    ],
  ])('names the bad key of %j', (json, message) => {
    expect(errorOf(json).message).toBe(message);
    expect(errorOf(json).text.vi).toMatch(/^Sai khóa "[^"]/);
  });

  it('passes on why a crs cannot be read, under its key', () => {
    const error = errorOf({ crs: 'EPSG:99999' });
    expect(error.text.en).toBe(
      'Bad key "crs" in the mapping file: Unknown code EPSG:99999. Give a PROJ definition (+proj=...) or a .prj file',
    );
    expect(error.text.vi).toMatch(/^Sai khóa "crs" trong tệp ánh xạ: Chưa biết mã EPSG:99999/);
    expect(errorOf({ crs: 'vn2000:99' }).text.en).toMatch(
      /^Bad key "crs" in the mapping file: Invalid central meridian/,
    );
  });

  it.each([[null], [[]], ['{"columns": {}}'], [42]])('wants a JSON object, not %j', (json) => {
    expect(errorOf(json).text).toEqual({
      vi: 'Tệp ánh xạ phải là một đối tượng JSON với các khóa: columns, categories, defaultCategory, dateOrder, crs, source',
      en: 'The mapping file must be a JSON object with the keys: columns, categories, defaultCategory, dateOrder, crs, source',
    });
  });
});
