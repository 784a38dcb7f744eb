import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import {
  parseCoordinateSystem,
  projectorToWgs84,
  vn2000TransverseMercator3,
  WGS84,
} from '../projections/coordinate-reference-system';
import { detectIncidentColumns } from './detect-incident-columns';
import { incidentDedupKey } from './incident-dedup-key';
import { DEFAULT_INCIDENT_CATEGORIES } from './incident-taxonomy';
import {
  IncidentOptionsError,
  type IncidentSourceRow,
  type PrepareIncidentOptions,
  prepareIncidentRows,
} from './prepare-incident-rows';

const categories = DEFAULT_INCIDENT_CATEGORIES;
const identity = (x: number, y: number): [number, number] => [x, y];

/** Roughly the old Kiên Giang province, Phú Quốc included: where the Vietnamese fixture's incidents are. */
const insideKienGiang = (longitude: number, latitude: number) =>
  longitude >= 103.4 && longitude <= 105.7 && latitude >= 9.2 && latitude <= 10.6;

const VIETNAMESE_HEADERS = [
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
  'Số người chết',
  'Số người bị thương',
];

/** A Vietnamese export as a spreadsheet reader hands it over, line 1 being the header. */
function vietnameseRow(row: number, values: Record<string, unknown>): IncidentSourceRow {
  return {
    row,
    values: {
      STT: row - 1,
      'Ngày xảy ra': '05/03/2024',
      'Kinh độ': '105,0809',
      'Vĩ độ': '10,0125',
      'Loại vụ việc': 'Trật tự xã hội',
      ...values,
    },
  };
}

function vietnameseOptions(extra: Partial<PrepareIncidentOptions> = {}): PrepareIncidentOptions {
  return {
    columns: detectIncidentColumns(VIETNAMESE_HEADERS),
    categories,
    project: identity,
    geographicInput: true,
    source: 'Công an tỉnh Kiên Giang',
    ...extra,
  };
}

describe('prepareIncidentRows, a Vietnamese export', () => {
  const rows: IncidentSourceRow[] = [
    vietnameseRow(2, {
      'Số hiệu': '12/2024',
      Giờ: '22h30',
      'Tội danh': 'Trộm cắp tài sản',
      'Mức độ': 'Ít nghiêm trọng',
      'Đã khám phá': 'Có',
    }),
    // Latitude in the longitude column and the other way round; an Excel serial date.
    vietnameseRow(3, {
      'Ngày xảy ra': 45360,
      'Kinh độ': 10.0125,
      'Vĩ độ': 105.0809,
      'Loại vụ việc': 'Đánh bạc',
      'Đã khám phá': 'Chưa',
    }),
    vietnameseRow(4, {
      'Ngày xảy ra': new Date(2024, 2, 10),
      Giờ: '7 giờ sáng',
      'Kinh độ': `104°58'12"E`,
      'Vĩ độ': `9°59'24"N`,
      'Loại vụ việc': 'TNGT',
      'Mức độ': 'NT',
      'Số người chết': 1,
      'Số người bị thương': '2',
    }),
    vietnameseRow(5, { 'Loại vụ việc': 'Vi phạm hành chính' }),
    vietnameseRow(6, { 'Ngày xảy ra': '31/02/2024' }),
    vietnameseRow(7, { 'Kinh độ': '', 'Vĩ độ': null }),
    vietnameseRow(8, { 'Mức độ': 'Nặng' }),
    vietnameseRow(9, { 'Số người chết': '-1' }),
    vietnameseRow(10, { 'Đã khám phá': 'có lẽ' }),
    vietnameseRow(11, { Giờ: '25:00' }),
    vietnameseRow(12, { 'Ngày xảy ra': ' ' }),
    vietnameseRow(13, { 'Kinh độ': 200, 'Vĩ độ': 95 }),
    vietnameseRow(14, { 'Kinh độ': 'abc' }),
    vietnameseRow(15, { 'Vĩ độ': '' }),
    // No category, but the offence names one.
    vietnameseRow(16, { 'Loại vụ việc': '', 'Tội danh': 'Tổ chức đánh bạc' }),
    vietnameseRow(17, { 'Loại vụ việc': '' }),
    vietnameseRow(18, { 'Kinh độ': 0, 'Vĩ độ': 0 }),
    vietnameseRow(19, { 'Kinh độ': 1_107_294, 'Vĩ độ': 563_486 }),
  ];
  const result = prepareIncidentRows(rows, vietnameseOptions());
  const reasons = Object.fromEntries(result.rejected.map((rejected) => [rejected.row, rejected.reason]));

  it('puts every row in exactly one list', () => {
    expect(result.accepted.length + result.rejected.length).toBe(rows.length);
    expect([...result.accepted, ...result.rejected].map((entry) => entry.row).sort((a, b) => a - b)).toEqual(
      rows.map((row) => row.row),
    );
    expect(result.accepted.map((incident) => incident.row)).toEqual([2, 3, 4, 16]);
  });

  it('reads a complete row', () => {
    const [theft] = result.accepted;
    expect(theft).toEqual({
      row: 2,
      occurredAt: '2024-03-05T22:30:00',
      occurredDate: '2024-03-05',
      longitude: 105.0809,
      latitude: 10.0125,
      categoryCode: 'trat-tu-xa-hoi',
      subcategory: 'Trộm cắp tài sản',
      severity: 'it-nghiem-trong',
      cleared: true,
      deaths: 0,
      injuries: 0,
      source: 'Công an tỉnh Kiên Giang',
      reference: '12/2024',
      dedupKey: incidentDedupKey({
        occurredAt: '2024-03-05T22:30:00',
        longitude: 105.0809,
        latitude: 10.0125,
        categoryCode: 'trat-tu-xa-hoi',
        subcategory: 'Trộm cắp tài sản',
        source: 'Công an tỉnh Kiên Giang',
        reference: '12/2024',
      }),
    });
  });

  it('turns a swapped pair, reads Excel serials, Date objects and degrees-minutes-seconds', () => {
    const [, gambling, accident, fromOffence] = result.accepted;
    expect(gambling).toMatchObject({
      occurredAt: '2024-03-09T00:00:00',
      longitude: 105.0809,
      latitude: 10.0125,
      categoryCode: 'danh-bac',
      cleared: false,
      severity: null,
      reference: null,
    });
    expect(accident).toMatchObject({
      occurredAt: '2024-03-10T07:00:00',
      longitude: 104.97,
      latitude: 9.99,
      categoryCode: 'tai-nan-giao-thong',
      severity: 'nghiem-trong',
      // The column exists and is blank: a check-box column's "no".
      cleared: false,
      deaths: 1,
      injuries: 2,
    });
    expect(fromOffence).toMatchObject({ categoryCode: 'danh-bac', subcategory: 'Tổ chức đánh bạc' });
  });

  it('says which column and value is wrong, in both languages', () => {
    expect(reasons[5]).toEqual({
      vi: 'Loại vụ việc không có trong danh mục ở cột "Loại vụ việc": "Vi phạm hành chính"; thêm giá trị này vào "categories" của tệp ánh xạ (--mapping), ví dụ {"categories": {"…": "trat-tu-xa-hoi"}}',
      en: 'Unknown category in column "Loại vụ việc": "Vi phạm hành chính"; add this value to a mapping file\'s "categories" (--mapping), e.g. {"categories": {"…": "trat-tu-xa-hoi"}}',
    });
    expect(reasons[6]?.en).toBe(
      'Unreadable or impossible date in column "Ngày xảy ra": "31/02/2024" (read as day/month/year)',
    );
    expect(reasons[6]?.vi).toBe(
      'Ngày không đọc được hoặc không có thật ở cột "Ngày xảy ra": "31/02/2024" (đọc theo ngày/tháng/năm)',
    );
    expect(reasons[7]).toEqual({
      vi: 'Thiếu tọa độ (các cột tọa độ đều trống)',
      en: 'Missing coordinates (the coordinate columns are empty)',
    });
    expect(reasons[8]?.en).toBe(
      'Invalid severity in column "Mức độ": "Nặng" (expected: less serious, serious, very serious, particularly serious)',
    );
    expect(reasons[8]?.vi).toContain('Mức độ không hợp lệ ở cột "Mức độ": "Nặng"');
    expect(reasons[9]?.en).toBe(
      'Invalid number of deaths in column "Số người chết": "-1" (expected a whole number, 0 or more)',
    );
    expect(reasons[10]?.en).toBe(
      'Cannot read whether cleared in column "Đã khám phá": "có lẽ" (expected: yes/no)',
    );
    expect(reasons[11]).toEqual({
      vi: 'Giờ không đọc được ở cột "Giờ": "25:00"',
      en: 'Unreadable time in column "Giờ": "25:00"',
    });
    expect(reasons[12]).toEqual({
      vi: 'Thiếu ngày xảy ra (cột Ngày xảy ra)',
      en: 'Missing date (column Ngày xảy ra)',
    });
    expect(reasons[13]?.en).toBe(
      'Coordinates out of longitude/latitude range (longitude, latitude): 200, 95',
    );
    expect(reasons[14]).toEqual({
      vi: 'Kinh độ không đọc được ở cột "Kinh độ": "abc"',
      en: 'Unreadable longitude in column "Kinh độ": "abc"',
    });
    expect(reasons[15]).toEqual({ vi: 'Thiếu vĩ độ (cột Vĩ độ)', en: 'Missing latitude (column Vĩ độ)' });
    expect(reasons[17]?.en).toBe(
      'Missing category (column Loại vụ việc); set "defaultCategory" in a mapping file if the whole file is one category',
    );
    expect(reasons[18]?.en).toBe('Coordinates 0, 0 (longitude, latitude): usually missing coordinates');
    expect(reasons[19]?.en).toBe(
      'Coordinates out of longitude/latitude range (longitude, latitude): 1107294, 563486; they look projected (metres): give the coordinate system with --crs or "crs" in a mapping file',
    );
  });

  it('gives rows without a category the default, but never an unknown category', () => {
    const withDefault = prepareIncidentRows(rows, vietnameseOptions({ defaultCategory: 'khac' }));
    expect(withDefault.accepted.find((incident) => incident.row === 17)?.categoryCode).toBe('khac');
    expect(withDefault.rejected.map((rejected) => rejected.row)).toContain(5);
  });

  it('maps raw category values through the mapping file', () => {
    const mapped = prepareIncidentRows(
      rows,
      vietnameseOptions({
        categoryMapping: { 'Vi phạm hành chính': 'khac', 'Trật tự xã hội': 'trat-tu-kinh-te' },
      }),
    );
    expect(mapped.accepted.find((incident) => incident.row === 5)?.categoryCode).toBe('khac');
    expect(mapped.accepted.find((incident) => incident.row === 2)?.categoryCode).toBe('trat-tu-kinh-te');
  });

  it('refuses a default or mapped category the list does not have, before reading any row', () => {
    expect(() => prepareIncidentRows(rows, vietnameseOptions({ defaultCategory: 'cuop' }))).toThrow(
      IncidentOptionsError,
    );
    expect(() =>
      prepareIncidentRows(rows, vietnameseOptions({ categoryMapping: { 'Cờ bạc': 'co-bac' } })),
    ).toThrow(
      'Mapping "Cờ bạc" → "co-bac": there is no category "co-bac". The categories are: trat-tu-xa-hoi',
    );
  });

  it('takes the source column before the file-wide source', () => {
    const withSource = prepareIncidentRows(
      [vietnameseRow(2, { Nguồn: 'Công an huyện Châu Thành' }), vietnameseRow(3, { Nguồn: ' ' })],
      vietnameseOptions({ columns: detectIncidentColumns([...VIETNAMESE_HEADERS, 'Nguồn']) }),
    );
    expect(withSource.accepted.map((incident) => incident.source)).toEqual([
      'Công an huyện Châu Thành',
      'Công an tỉnh Kiên Giang',
    ]);
    const withoutSource = prepareIncidentRows(
      [vietnameseRow(2, {})],
      vietnameseOptions({ source: undefined }),
    );
    expect(withoutSource.accepted[0]?.source).toBeNull();
  });

  it('explains a file without date, category or coordinate columns', () => {
    const bare = prepareIncidentRows(
      [{ row: 2, values: { Ghi: 'x' } }],
      vietnameseOptions({ columns: detectIncidentColumns(['Ghi']) }),
    );
    expect(bare.rejected[0]?.reason.en).toBe(
      'No date column found; name it in a mapping file\'s "columns": {"occurredAt": "..."}',
    );
    const datedOnly = prepareIncidentRows(
      [{ row: 2, values: { Ngày: '01/02/2024' } }],
      vietnameseOptions({ columns: detectIncidentColumns(['Ngày']) }),
    );
    expect(datedOnly.rejected[0]?.reason.en).toBe(
      'No coordinates: the file has no longitude/latitude or X/Y columns and no point geometry; name them in a mapping file\'s "columns"',
    );
    const placed = prepareIncidentRows(
      [{ row: 2, values: { Ngày: '01/02/2024', 'Kinh độ': 105, 'Vĩ độ': 10 } }],
      vietnameseOptions({ columns: detectIncidentColumns(['Ngày', 'Kinh độ', 'Vĩ độ']) }),
    );
    expect(placed.rejected[0]?.reason.en).toBe(
      'No category column found; name it with "columns": {"category": "..."} or set "defaultCategory" in a mapping file',
    );
  });
});

describe('prepareIncidentRows, dates', () => {
  const columns = detectIncidentColumns(['Date', 'Longitude', 'Latitude']);
  const options = { columns, categories, project: identity, geographicInput: true, defaultCategory: 'khac' };
  const row = (number: number, date: unknown): IncidentSourceRow => ({
    row: number,
    values: { Date: date, Longitude: -87.65, Latitude: 41.77 },
  });

  it('detects the date order from the column when it is not given', () => {
    const usRows = [row(2, '03/04/2020'), row(3, '12/25/2020')];
    expect(prepareIncidentRows(usRows, options).accepted.map((incident) => incident.occurredDate)).toEqual([
      '2020-03-04',
      '2020-12-25',
    ]);
    const vietnameseRows = [row(2, '03/04/2020'), row(3, '25/12/2020')];
    expect(
      prepareIncidentRows(vietnameseRows, options).accepted.map((incident) => incident.occurredDate),
    ).toEqual(['2020-04-03', '2020-12-25']);
  });

  it('lets a given date order win, and says which order it read', () => {
    const result = prepareIncidentRows([row(2, '03/04/2020'), row(3, '25/12/2020')], {
      ...options,
      dateOrder: 'month-first',
    });
    expect(result.accepted.map((incident) => incident.occurredDate)).toEqual(['2020-03-04']);
    expect(result.rejected[0]?.reason.en).toBe(
      'Unreadable or impossible date in column "Date": "25/12/2020" (read as month/day/year)',
    );
  });
});

describe('prepareIncidentRows, coordinates', () => {
  const headers = ['Ngày', 'Loại', 'Kinh độ', 'Vĩ độ', 'Tọa độ X', 'Tọa độ Y'];
  const columns = detectIncidentColumns(headers);
  const kienGiang = vn2000TransverseMercator3(104.5);
  const toKienGiang = proj4(WGS84.definition, kienGiang.definition);
  const [easting, northing] = toKienGiang.forward([105.0809, 10.0125]) as [number, number];
  const base = { Ngày: '05/03/2024', Loại: 'Đánh bạc' };
  const projected: PrepareIncidentOptions = {
    columns,
    categories,
    project: projectorToWgs84(kienGiang),
    geographicInput: false,
  };

  it('projects X/Y columns', () => {
    const result = prepareIncidentRows(
      [{ row: 2, values: { ...base, 'Tọa độ X': easting, 'Tọa độ Y': northing } }],
      projected,
    );
    expect(result.accepted[0]?.longitude).toBeCloseTo(105.0809, 6);
    expect(result.accepted[0]?.latitude).toBeCloseTo(10.0125, 6);
  });

  it("turns X/Y written the surveyors' way (X the northing) when the other way is not plausible", () => {
    const surveyors = { row: 2, values: { ...base, 'Tọa độ X': northing, 'Tọa độ Y': easting } };
    const checked = prepareIncidentRows([surveyors], { ...projected, plausible: insideKienGiang });
    expect(checked.accepted[0]?.longitude).toBeCloseTo(105.0809, 6);
    expect(checked.accepted[0]?.latitude).toBeCloseTo(10.0125, 6);
    // Without a plausibility check both ways land on the globe (the wrong way in the sea off Malaysia).
    const unchecked = prepareIncidentRows([surveyors], projected);
    expect(unchecked.accepted[0]?.longitude).toBeCloseTo(109.97, 1);
  });

  it('turns a longitude/latitude pair that is only plausible the other way round', () => {
    const chicago = detectIncidentColumns(['Date', 'Longitude', 'Latitude']);
    const inChicago = (longitude: number, latitude: number) =>
      longitude > -88 && longitude < -87.5 && latitude > 41.6 && latitude < 42.1;
    const result = prepareIncidentRows(
      [{ row: 2, values: { Date: '12/11/2020', Longitude: 41.770144808, Latitude: -87.648174955 } }],
      {
        columns: chicago,
        categories,
        project: identity,
        geographicInput: true,
        defaultCategory: 'khac',
        plausible: inChicago,
      },
    );
    expect(result.accepted[0]).toMatchObject({ longitude: -87.648175, latitude: 41.7701448 });
  });

  it('prefers longitude/latitude columns, then X/Y, then the geometry, row by row', () => {
    const rows: IncidentSourceRow[] = [
      {
        row: 2,
        values: { ...base, 'Kinh độ': 105.1, 'Vĩ độ': 10.1, 'Tọa độ X': easting, 'Tọa độ Y': northing },
      },
      {
        row: 3,
        values: { ...base, 'Tọa độ X': easting, 'Tọa độ Y': northing },
        point: [easting + 1000, northing],
      },
      { row: 4, values: base, point: [easting, northing] },
      { row: 5, values: base, point: null },
    ];
    const result = prepareIncidentRows(rows, projected);
    expect(result.accepted[0]).toMatchObject({ longitude: 105.1, latitude: 10.1 });
    expect(result.accepted[1]?.longitude).toBeCloseTo(105.0809, 6);
    expect(result.accepted[2]?.longitude).toBeCloseTo(105.0809, 6);
    expect(result.rejected).toEqual([
      {
        row: 5,
        reason: expect.objectContaining({ en: 'Missing coordinates (the coordinate columns are empty)' }),
      },
    ]);
  });

  it('reports X/Y that the coordinate system cannot turn into longitude/latitude', () => {
    const failing = { ...projected, project: () => null };
    const result = prepareIncidentRows(
      [{ row: 2, values: { ...base, 'Tọa độ X': easting, 'Tọa độ Y': northing } }],
      failing,
    );
    expect(result.rejected[0]?.reason.en).toBe(
      `Cannot convert the coordinates (X, Y) ${easting}, ${northing} to longitude/latitude; check the coordinate system (--crs or "crs" in a mapping file)`,
    );
    const throwing = {
      ...projected,
      project: () => {
        throw new TypeError('coordinates must be finite numbers');
      },
    };
    expect(
      prepareIncidentRows([{ row: 2, values: base, point: [easting, northing] }], throwing).rejected[0]
        ?.reason.en,
    ).toMatch(/^Cannot convert the coordinates \(the feature's point\)/);
  });

  it('rounds to 7 decimals', () => {
    const result = prepareIncidentRows(
      [{ row: 2, values: { ...base, 'Kinh độ': 105.080912345678, 'Vĩ độ': '10,012545678912' } }],
      projected,
    );
    expect(result.accepted[0]).toMatchObject({ longitude: 105.0809123, latitude: 10.0125457 });
  });
});

/** San Francisco 2012 robbery and car theft points: the geometry in State Plane feet, X/Y in degrees. */
const SAN_FRANCISCO_PRJ =
  'PROJCS["NAD_1983_StatePlane_California_III_FIPS_0403_Feet",GEOGCS["GCS_North_American_1983",DATUM["D_North_American_1983",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",6561666.666666666],PARAMETER["False_Northing",1640416.666666667],PARAMETER["Central_Meridian",-120.5],PARAMETER["Standard_Parallel_1",37.06666666666667],PARAMETER["Standard_Parallel_2",38.43333333333333],PARAMETER["Latitude_Of_Origin",36.5],UNIT["Foot_US",0.3048006096012192]]';

describe('prepareIncidentRows, a San Francisco point shapefile', () => {
  const headers = [
    'IncidntNum',
    'X_pr',
    'Y_pr',
    'Category',
    'Descript',
    'Date',
    'Time',
    'Resolution',
    'X',
    'Y',
  ];
  const rows: IncidentSourceRow[] = [
    {
      row: 1,
      values: {
        IncidntNum: 120516979,
        X_pr: 5996647.0000514323,
        Y_pr: 2088056.0000336689,
        Category: 'ROBBERY',
        Descript: 'ROBBERY ON THE STREET, STRONGARM',
        Date: new Date(2012, 6, 1),
        Time: new Date(1899, 11, 30),
        Resolution: 'NONE',
        X: -122.453457575,
        Y: 37.7132121535,
      },
      point: [5996647.0000514323, 2088056.0000336689],
    },
    {
      row: 2,
      values: {
        IncidntNum: 120522283,
        X_pr: 5983167.9999050833,
        Y_pr: 2090431.9999849866,
        Category: 'VEHICLE THEFT',
        Descript: 'ATTEMPTED STOLEN VEHICLE',
        Date: new Date(2012, 6, 2),
        Time: new Date(1899, 11, 30),
        Resolution: 'NONE',
        X: -122.500220404,
        Y: 37.7189541669,
      },
      point: [5983167.9999050833, 2090431.9999849866],
    },
  ];
  const options = {
    categories,
    project: projectorToWgs84(parseCoordinateSystem(SAN_FRANCISCO_PRJ)),
    geographicInput: false,
    source: 'SFPD',
  };

  it('reads X/Y in degrees as they are, though the geometry is projected', () => {
    const result = prepareIncidentRows(rows, { ...options, columns: detectIncidentColumns(headers) });
    expect(result.rejected).toEqual([]);
    expect(result.accepted).toMatchObject([
      {
        occurredAt: '2012-07-01T00:00:00',
        longitude: -122.4534576,
        latitude: 37.7132122,
        categoryCode: 'trat-tu-xa-hoi',
        subcategory: 'ROBBERY ON THE STREET, STRONGARM',
        reference: '120516979',
        source: 'SFPD',
      },
      { occurredAt: '2012-07-02T00:00:00', longitude: -122.5002204, latitude: 37.7189542 },
    ]);
  });

  it('projects the geometry to the same places when there are no X/Y columns', () => {
    const result = prepareIncidentRows(rows, {
      ...options,
      columns: detectIncidentColumns(headers.filter((header) => header !== 'X' && header !== 'Y')),
    });
    expect(result.accepted[0]?.longitude).toBeCloseTo(-122.453457575, 6);
    expect(result.accepted[0]?.latitude).toBeCloseTo(37.7132121535, 6);
    expect(result.accepted[1]?.longitude).toBeCloseTo(-122.500220404, 6);
  });
});

/** Rows in the shape of the Chicago carjackings sample (2020), truncated field names and all. */
const CHICAGO_ROWS: IncidentSourceRow[] = [
  {
    row: 1,
    values: {
      ID: 12243012,
      'Case _mber': 'JD456735',
      Date: '12/11/2020 11:45:00 PM',
      IUCR: 326,
      Descr_tion: 'AGGRAVATED VEHICULAR HIJACKING',
      Locat_tion: 'STREET',
      'X Coo_nate': 1171154,
      'Y Coo_nate': 1859576,
      Latitude: 41.770144807999998,
      Longitude: -87.648174955000002,
    },
    point: [-87.648174955421752, 41.770144808051093],
  },
  {
    row: 2,
    values: {
      ID: 12012068,
      'Case _mber': 'JD189121',
      Date: '03/18/2020 12:03:00 AM',
      IUCR: 326,
      Descr_tion: 'AGGRAVATED VEHICULAR HIJACKING',
      Locat_tion: 'STREET',
      'X Coo_nate': 1147266,
      'Y Coo_nate': 1900617,
      Latitude: 41.883255958,
      Longitude: -87.734691096999995,
    },
    point: [-87.734691096719956, 41.883255957521669],
  },
  {
    row: 3,
    values: {
      ID: 12013533,
      'Case _mber': 'JD189766',
      Date: '03/18/2020 05:32:00 PM',
      IUCR: 325,
      Descr_tion: 'VEHICULAR HIJACKING',
      Locat_tion: 'STREET',
      'X Coo_nate': 1171683,
      'Y Coo_nate': 1864278,
      Latitude: null,
      Longitude: null,
    },
    point: null,
  },
];

const CHICAGO_HEADERS = Object.keys(CHICAGO_ROWS[0]?.values ?? {});

describe('prepareIncidentRows, a US export (Chicago)', () => {
  it('reads month-first 12-hour dates, truncated columns and the category from the description', () => {
    const result = prepareIncidentRows(CHICAGO_ROWS, {
      columns: detectIncidentColumns(CHICAGO_HEADERS),
      categories,
      // Illinois State Plane is not given: the rows without longitude/latitude cannot be placed.
      project: identity,
      geographicInput: true,
      source: 'Chicago Police Department',
    });
    expect(result.accepted).toEqual([
      {
        row: 1,
        occurredAt: '2020-12-11T23:45:00',
        occurredDate: '2020-12-11',
        longitude: -87.648175,
        latitude: 41.7701448,
        categoryCode: 'trat-tu-xa-hoi',
        subcategory: 'AGGRAVATED VEHICULAR HIJACKING',
        severity: null,
        cleared: null,
        deaths: 0,
        injuries: 0,
        source: 'Chicago Police Department',
        reference: 'JD456735',
        dedupKey: expect.any(Number),
      },
      expect.objectContaining({ row: 2, occurredAt: '2020-03-18T00:03:00', reference: 'JD189121' }),
    ]);
    expect(result.rejected).toEqual([
      {
        row: 3,
        reason: {
          vi: 'Tọa độ ngoài phạm vi kinh độ/vĩ độ (X, Y): 1171683, 1864278; có vẻ là tọa độ phẳng (mét): hãy cho hệ tọa độ bằng --crs hoặc "crs" trong tệp ánh xạ',
          en: 'Coordinates out of longitude/latitude range (X, Y): 1171683, 1864278; they look projected (metres): give the coordinate system with --crs or "crs" in a mapping file',
        },
      },
    ]);
  });
});

/*
 * The real Chicago file from the shared data folder (never copied into the repository): run with
 * DIABAN_GEODATA=../shared/geodata, the samples being beside the geodata folder.
 */
const geodata = process.env.DIABAN_GEODATA;
const chicagoFile = geodata
  ? join(geodata, '..', 'samples', 'incidents', 'chicago_carjackings_2020.geojson')
  : '';
const chicagoAvailable = Boolean(geodata && existsSync(chicagoFile));
const chicagoTitle = chicagoAvailable
  ? 'real Chicago carjackings'
  : 'real Chicago carjackings — skipped: set DIABAN_GEODATA to the shared geodata folder (e.g. ../shared/geodata)';

interface PointCollection {
  features: { properties: Record<string, unknown>; geometry: { coordinates: [number, number] } | null }[];
}

describe.skipIf(!chicagoAvailable)(chicagoTitle, () => {
  const collection = chicagoAvailable
    ? (JSON.parse(readFileSync(chicagoFile, 'utf8')) as PointCollection)
    : { features: [] };
  const rows = collection.features.map(
    (feature, index): IncidentSourceRow => ({
      row: index + 1,
      values: feature.properties,
      point: feature.geometry?.coordinates ?? null,
    }),
  );
  const headers = Object.keys(collection.features[0]?.properties ?? {});
  const options = {
    columns: detectIncidentColumns(headers),
    categories,
    project: identity,
    geographicInput: true,
    source: 'Chicago Police Department',
  };

  it('detects the columns of the real file', () => {
    expect(options.columns).toMatchObject({
      occurredAt: ['Date'],
      longitude: ['Longitude'],
      latitude: ['Latitude'],
      x: ['X Coo_nate'],
      y: ['Y Coo_nate'],
      subcategory: ['Descr_tion'],
      reference: ['Case _mber'],
    });
  });

  it('reads the first 20 rows like the hand-written fixture', () => {
    const result = prepareIncidentRows(rows.slice(0, 20), options);
    expect(result.rejected).toEqual([]);
    for (const incident of result.accepted) {
      const feature = collection.features[incident.row - 1];
      expect(incident.longitude).toBeCloseTo(feature?.geometry?.coordinates[0] as number, 6);
      expect(incident.latitude).toBeCloseTo(feature?.geometry?.coordinates[1] as number, 6);
      expect(incident.reference).toBe(feature?.properties['Case _mber']);
    }
  });

  it('accepts all 1,412 carjackings of 2020, each with its own key', () => {
    const result = prepareIncidentRows(rows, options);
    expect(result.rejected).toEqual([]);
    expect(result.accepted).toHaveLength(1412);
    expect(result.accepted.every((incident) => incident.occurredDate.startsWith('2020-'))).toBe(true);
    expect(result.accepted.every((incident) => incident.categoryCode === 'trat-tu-xa-hoi')).toBe(true);
    expect(new Set(result.accepted.map((incident) => incident.dedupKey)).size).toBe(1412);
    // Month-first: 1,412 incidents over a year fall on far more than twelve different days of the month.
    expect(new Set(result.accepted.map((incident) => incident.occurredDate.slice(8))).size).toBeGreaterThan(
      12,
    );
  });
});

describe('prepareIncidentRows, any input', () => {
  const headers = [...VIETNAMESE_HEADERS, 'Tọa độ X', 'Tọa độ Y', 'Nguồn'];
  const cell = fc.oneof(
    fc.anything(),
    fc.constantFrom('05/03/2024', '12/25/2020 11:45 PM', '31/02/2024', '2024-03-05T22:30:00Z', '22h30', ''),
    fc.constantFrom('105,0809', '10.0125', `105°30'15"E`, 'abc', 'Đánh bạc', 'Rất nghiêm trọng', 'x', 'Có'),
    fc.double(),
    fc.integer(),
    fc.date(),
    fc.constant(null),
  );
  const row = fc.record(
    {
      row: fc.integer(),
      values: fc.dictionary(fc.constantFrom(...headers), cell),
      point: fc.oneof(fc.constant(null), fc.tuple(fc.double(), fc.double()), fc.anything()),
    },
    { requiredKeys: ['row', 'values'] },
  );
  const kienGiang = projectorToWgs84(vn2000TransverseMercator3(104.5));
  const project = fc.constantFrom<PrepareIncidentOptions['project']>(
    identity,
    kienGiang,
    () => null,
    () => [Number.NaN, 1],
    () => {
      throw new Error('projection failed');
    },
  );
  const options = fc.record({
    geographicInput: fc.boolean(),
    project,
    plausible: fc.option(fc.constant(insideKienGiang), { nil: undefined }),
    defaultCategory: fc.option(fc.constantFrom('khac', 'danh-bac'), { nil: undefined }),
    dateOrder: fc.option(fc.constantFrom('day-first' as const, 'month-first' as const), { nil: undefined }),
    categoryMapping: fc.option(fc.constant({ abc: 'khac' }), { nil: undefined }),
  });

  it('puts every row in exactly one list and never throws', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), options, (rows, extra) => {
        const result = prepareIncidentRows(rows as IncidentSourceRow[], {
          columns: detectIncidentColumns(headers),
          categories,
          ...extra,
        });
        expect(result.accepted.length + result.rejected.length).toBe(rows.length);
        const seen = [...result.accepted, ...result.rejected].map((entry) => entry.row).sort((a, b) => a - b);
        expect(seen).toEqual(rows.map((entry) => entry.row).sort((a, b) => a - b));
        for (const incident of result.accepted) {
          expect(incident.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
          expect(incident.occurredDate).toBe(incident.occurredAt.slice(0, 10));
          expect(Math.abs(incident.longitude)).toBeLessThanOrEqual(180);
          expect(Math.abs(incident.latitude)).toBeLessThanOrEqual(90);
          expect(categories.some((category) => category.code === incident.categoryCode)).toBe(true);
          expect(Number.isInteger(incident.deaths) && incident.deaths >= 0).toBe(true);
          expect(Number.isSafeInteger(incident.dedupKey)).toBe(true);
        }
        for (const rejected of result.rejected) {
          // Every rejection is a reason the code meant to give, not a caught accident.
          expect(rejected.reason.en).not.toMatch(/^Cannot read the row/);
          expect(rejected.reason.vi.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('prepareIncidentRows, values read once per distinct text', () => {
  it('gives every row the answer it gets alone, the reasons of bad values included', () => {
    const texts = {
      'Loại vụ việc': ['Trật tự xã hội', 'ĐÁNH BẠC', 'Không có loại này', ' ma túy '],
      'Mức độ': ['Rất nghiêm trọng', 'RNT', 'không nghiêm trọng', ''],
      'Đã khám phá': ['Có', 'chưa', 'có lẽ', ''],
      Giờ: ['22h30', '7 giờ sáng', '25:00', ''],
      'Số người chết': ['0', '2 người', '-1', ''],
    };
    const rows = Array.from({ length: 400 }, (_, index) =>
      vietnameseRow(
        index + 2,
        Object.fromEntries(
          Object.entries(texts).map(([column, values], position) => [
            column,
            values[Math.floor(index / (position + 1)) % values.length],
          ]),
        ),
      ),
    );
    const together = prepareIncidentRows(rows, vietnameseOptions());
    const alone = rows.map((row) => prepareIncidentRows([row], vietnameseOptions()));
    expect(together.accepted).toEqual(alone.flatMap((result) => result.accepted));
    expect(together.rejected).toEqual(alone.flatMap((result) => result.rejected));
    expect(together.accepted.length).toBeGreaterThan(0);
    expect(together.rejected.length).toBeGreaterThan(0);
  });
});
