import { describe, expect, it } from 'vitest';
import { detectIncidentColumns, INCIDENT_COLUMN_ROLES, IncidentColumnError } from './detect-incident-columns';

/** The attribute names of the Chicago carjackings sample, truncated to 10 characters by its shapefile export. */
const CHICAGO_HEADERS = [
  'ID',
  'Case _mber',
  'Date',
  'IUCR',
  'Descr_tion',
  'Locat_tion',
  'Beat',
  'District',
  'Ward',
  'Commu_Area',
  'FBI Code',
  'X Coo_nate',
  'Y Coo_nate',
  'Latitude',
  'Longitude',
];

/** The DBF fields of the San Francisco 2012 point shapefiles. */
const SAN_FRANCISCO_HEADERS = [
  'IncidntNum',
  'X_pr',
  'Y_pr',
  'Category',
  'Descript',
  'DayOfWeek',
  'Date',
  'Time',
  'PdDistrict',
  'Resolution',
  'Location',
  'X',
  'Y',
];

describe('detectIncidentColumns', () => {
  it('reads a Vietnamese police export', () => {
    const mapping = detectIncidentColumns([
      'STT',
      'Số hiệu',
      'Ngày xảy ra',
      'Giờ',
      'Kinh độ',
      'Vĩ độ',
      'Loại vụ việc',
      'Tội danh',
      'Mức độ',
      'Đã khám phá',
      'Nguồn',
      'Số người chết',
      'Số người bị thương',
      'Địa chỉ',
    ]);
    expect(mapping).toEqual({
      occurredAt: ['Ngày xảy ra'],
      occurredTime: ['Giờ'],
      longitude: ['Kinh độ'],
      latitude: ['Vĩ độ'],
      x: [],
      y: [],
      category: ['Loại vụ việc'],
      subcategory: ['Tội danh'],
      severity: ['Mức độ'],
      cleared: ['Đã khám phá'],
      source: ['Nguồn'],
      reference: ['Số hiệu'],
      deaths: ['Số người chết'],
      injuries: ['Số người bị thương'],
    });
  });

  it('reads names without accents, in capitals, with underscores', () => {
    const mapping = detectIncidentColumns([
      'NGAY_XAY_RA',
      'THOI_GIAN',
      'TOA_DO_X',
      'TOA_DO_Y',
      'NHOM_TOI_PHAM',
      'KHAM_PHA',
      'SO_VU',
    ]);
    expect(mapping.occurredAt).toEqual(['NGAY_XAY_RA']);
    expect(mapping.occurredTime).toEqual(['THOI_GIAN']);
    expect(mapping.x).toEqual(['TOA_DO_X']);
    expect(mapping.y).toEqual(['TOA_DO_Y']);
    expect(mapping.category).toEqual(['NHOM_TOI_PHAM']);
    expect(mapping.cleared).toEqual(['KHAM_PHA']);
    expect(mapping.reference).toEqual(['SO_VU']);
  });

  it('takes a date-and-time column as the date when there is no separate date', () => {
    const mapping = detectIncidentColumns(['Thời gian xảy ra', 'Kinh độ', 'Vĩ độ']);
    expect(mapping.occurredAt).toEqual(['Thời gian xảy ra']);
    expect(mapping.occurredTime).toEqual([]);
  });

  it('reads the truncated shapefile names of the Chicago sample, longitude/latitude before X/Y', () => {
    const mapping = detectIncidentColumns(CHICAGO_HEADERS);
    expect(mapping).toMatchObject({
      occurredAt: ['Date'],
      occurredTime: [],
      longitude: ['Longitude'],
      latitude: ['Latitude'],
      x: ['X Coo_nate'],
      y: ['Y Coo_nate'],
      category: [],
      subcategory: ['Descr_tion'],
      reference: ['Case _mber'],
    });
  });

  it('reads the San Francisco shapefile fields', () => {
    const mapping = detectIncidentColumns(SAN_FRANCISCO_HEADERS);
    expect(mapping).toMatchObject({
      occurredAt: ['Date'],
      occurredTime: ['Time'],
      longitude: [],
      latitude: [],
      x: ['X'],
      y: ['Y'],
      category: ['Category'],
      subcategory: ['Descript'],
      reference: ['IncidntNum'],
      cleared: [],
    });
  });

  it('does not read a truncated name as a longer one that does not fit it', () => {
    // "X_pr" is not a truncation of anything; "Ma_Huyen" is a plain name with an underscore.
    const mapping = detectIncidentColumns(['X_pr', 'Y_pr', 'Ma_Huyen', 'Commu_Area']);
    for (const role of INCIDENT_COLUMN_ROLES) expect(mapping[role]).toEqual([]);
  });

  it('gives a column to one role only', () => {
    const mapping = detectIncidentColumns(['Thời gian', 'Kinh độ', 'Vĩ độ']);
    expect(mapping.occurredAt).toEqual(['Thời gian']);
    expect(mapping.occurredTime).toEqual([]);
  });

  it('lets overrides win, by exact, folded or full name of a truncated column, with fallbacks', () => {
    const mapping = detectIncidentColumns(CHICAGO_HEADERS, {
      reference: ['Case Number', 'ID'],
      category: ['fbi code'],
      x: ['Longitude'],
      y: ['Latitude'],
    });
    expect(mapping.reference).toEqual(['Case _mber', 'ID']);
    expect(mapping.category).toEqual(['FBI Code']);
    expect(mapping.x).toEqual(['Longitude']);
    expect(mapping.y).toEqual(['Latitude']);
    // Columns taken by an override are not detected again for another role.
    expect(mapping.longitude).toEqual([]);
    expect(mapping.latitude).toEqual([]);
  });

  it('names the missing column and lists the columns the file has', () => {
    const attempt = () => detectIncidentColumns(['Ngày', 'Kinh độ'], { occurredAt: ['Ngày xảy ra'] });
    expect(attempt).toThrow(IncidentColumnError);
    expect(attempt).toThrow(
      'The file has no column "Ngày xảy ra" (for "occurredAt"). Its columns: Ngày, Kinh độ',
    );
    try {
      attempt();
    } catch (error) {
      expect((error as IncidentColumnError).text.vi).toBe(
        'Không có cột "Ngày xảy ra" (cho "occurredAt") trong tệp. Các cột có: Ngày, Kinh độ',
      );
    }
  });

  it('maps nothing in a file of unknown columns', () => {
    const mapping = detectIncidentColumns(['foo', 'bar']);
    for (const role of INCIDENT_COLUMN_ROLES) expect(mapping[role]).toEqual([]);
  });
});
