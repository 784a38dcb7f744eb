import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { projectorToWgs84 } from '../../server/domain/projections/coordinate-reference-system';
import { IncidentFileError, parseCsv, readIncidentFile } from './read-incident-file';

const directory = mkdtempSync(join(tmpdir(), 'diaban-incidents-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(directory, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

/** The bilingual error readIncidentFile rejects with (the test fails if it resolves). */
async function failure(path: string, layer?: string): Promise<IncidentFileError> {
  const error = await readIncidentFile(path, layer).then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(IncidentFileError);
  return error as IncidentFileError;
}

describe('parseCsv', () => {
  it('reads a Vietnamese Excel export: BOM, ";", CRLF, quotes, line breaks in quotes, blank lines', () => {
    const text = [
      '\uFEFFNgày xảy ra;Kinh độ;Vĩ độ;Loại vụ việc;Ghi chú',
      '01/03/2024;105,1234;10,0123;Trộm cắp tài sản;"Số 5; đường 3/2"',
      '',
      '02/03/2024;105,2;10,1;"Cướp ""giật""";"dòng một',
      'dòng hai"',
      ';;;;',
      '  03/03/2024 ; 105,3 ;10,2; Đánh bạc ;',
      '',
    ].join('\r\n');
    const { headers, rows } = parseCsv(text);
    expect(headers).toEqual(['Ngày xảy ra', 'Kinh độ', 'Vĩ độ', 'Loại vụ việc', 'Ghi chú']);
    expect(rows).toEqual([
      {
        row: 2,
        values: {
          'Ngày xảy ra': '01/03/2024',
          'Kinh độ': '105,1234',
          'Vĩ độ': '10,0123',
          'Loại vụ việc': 'Trộm cắp tài sản',
          'Ghi chú': 'Số 5; đường 3/2',
        },
      },
      {
        row: 4,
        values: {
          'Ngày xảy ra': '02/03/2024',
          'Kinh độ': '105,2',
          'Vĩ độ': '10,1',
          'Loại vụ việc': 'Cướp "giật"',
          'Ghi chú': 'dòng một\ndòng hai',
        },
      },
      // Line 6 (";;;;") is empty and skipped, but counted.
      {
        row: 7,
        values: {
          'Ngày xảy ra': '03/03/2024',
          'Kinh độ': '105,3',
          'Vĩ độ': '10,2',
          'Loại vụ việc': 'Đánh bạc',
          'Ghi chú': '',
        },
      },
    ]);
  });

  it('reads commas with LF, quoted commas and doubled quotes, and counts lines inside quotes', () => {
    const text =
      'id,address,lon,lat\n1,"12 Lê Lợi, Quận 1",106.7,10.77\n' +
      '2,"a ""quoted""\nthree\nline note",106.6,10.7\n\n\n3,x,1,2';
    const { headers, rows } = parseCsv(text);
    expect(headers).toEqual(['id', 'address', 'lon', 'lat']);
    expect(rows.map((row) => row.row)).toEqual([2, 3, 8]);
    expect(rows[0]?.values.address).toBe('12 Lê Lợi, Quận 1');
    expect(rows[1]?.values.address).toBe('a "quoted"\nthree\nline note');
    expect(rows[2]?.values).toEqual({ id: '3', address: 'x', lon: '1', lat: '2' });
  });

  it('detects tab and ";" from the header line, and honours an Excel "sep=" line', () => {
    expect(parseCsv('a\tb,c\n1\t2,3\n').rows[0]?.values).toEqual({ a: '1', 'b,c': '2,3' });
    expect(parseCsv('"x;y",z;w\n1,2;3\n').headers).toEqual(['x;y,z', 'w']);
    expect(parseCsv('"Địa chỉ (số, đường)";Ngày\n"5, Lý Thường Kiệt";1/1/2024\n').rows[0]?.values).toEqual({
      'Địa chỉ (số, đường)': '5, Lý Thường Kiệt',
      Ngày: '1/1/2024',
    });
    const separated = parseCsv('sep=,\r\na;b,c\r\n1;2,3\r\n');
    expect(separated.headers).toEqual(['a;b', 'c']);
    expect(separated.rows).toEqual([{ row: 3, values: { 'a;b': '1;2', c: '3' } }]);
    expect(parseCsv('only\nx\ny\n').rows.map((row) => row.values)).toEqual([{ only: 'x' }, { only: 'y' }]);
  });

  it('returns ragged rows: missing fields absent, extra ones under "column N"', () => {
    const { headers, rows } = parseCsv('a;b;c\n1;2\n1;2;3;4;5\n1;2;3\n');
    expect(headers).toEqual(['a', 'b', 'c']);
    expect(rows).toEqual([
      { row: 2, values: { a: '1', b: '2' } },
      { row: 3, values: { a: '1', b: '2', c: '3', 'column 4': '4', 'column 5': '5' } },
      { row: 4, values: { a: '1', b: '2', c: '3' } },
    ]);
  });

  it('names empty and repeated headers so that no value is lost', () => {
    const { headers, rows } = parseCsv('Xã;;Xã;__proto__\nA;B;C;D\n');
    expect(headers).toEqual(['Xã', 'column 2', 'Xã (column 3)', '__proto__']);
    expect(rows[0]?.values).toEqual({ Xã: 'A', 'column 2': 'B', 'Xã (column 3)': 'C', ['__proto__']: 'D' });
    expect(Object.getPrototypeOf(rows[0]?.values)).toBe(Object.prototype);
  });

  it('skips blank lines before the header and counts them; reads old Mac line ends (CR alone)', () => {
    const blankFirst = parseCsv('\n\r\n  \nlon;lat\n1;2\n');
    expect(blankFirst.headers).toEqual(['lon', 'lat']);
    expect(blankFirst.rows).toEqual([{ row: 5, values: { lon: '1', lat: '2' } }]);
    expect(parseCsv('lon;lat\r1;2\r\r3;4').rows).toEqual([
      { row: 2, values: { lon: '1', lat: '2' } },
      { row: 4, values: { lon: '3', lat: '4' } },
    ]);
  });

  it('keeps a quote inside an unquoted field, text after a closing quote, and a last empty field', () => {
    expect(parseCsv('a,b,c\n5" TV,"x"y,\n').rows[0]?.values).toEqual({ a: '5" TV', b: 'xy', c: '' });
    expect(parseCsv('a,b\n1,').rows[0]?.values).toEqual({ a: '1', b: '' });
    expect(parseCsv('a, b\n1, "2, 3"\n').rows[0]?.values).toEqual({ a: '1', b: '2, 3' });
  });

  it('reports a quote that is never closed with its line', () => {
    expect(() => parseCsv('a;b\n1;2\n3;"open\n4;5\n')).toThrow('The quote opened on line 3 is never closed');
  });

  it('gives nothing for an empty text and no rows for a header alone', () => {
    expect(parseCsv('')).toEqual({ headers: [], rows: [] });
    expect(parseCsv('\uFEFF\r\n')).toEqual({ headers: [], rows: [] });
    expect(parseCsv('a;b\r\n')).toEqual({ headers: ['a', 'b'], rows: [] });
  });

  it('parses 200,000 rows of 12 fields quickly', () => {
    const lines = ['Mã;Ngày xảy ra;Giờ;Kinh độ;Vĩ độ;Loại vụ việc;Xã;Huyện;Tỉnh;Đơn vị;Ghi chú;Trạng thái'];
    for (let i = 0; i < 200_000; i++) {
      const note = i % 10 === 0 ? '"có ; và ""ngoặc"""' : 'không';
      lines.push(
        `VV${i};${(i % 28) + 1}/03/2024;${i % 24}:15;105,${i % 9973};10,${i % 7919};Trộm cắp;Xã ${i % 144};` +
          `Huyện ${i % 15};Kiên Giang;CA;${note};Đã xử lý`,
      );
    }
    const text = `${lines.join('\r\n')}\r\n`;
    const started = performance.now();
    const { rows } = parseCsv(text);
    const elapsed = performance.now() - started;
    expect(rows).toHaveLength(200_000);
    expect(rows[199_999]?.row).toBe(200_001);
    expect(rows[10]?.values['Ghi chú']).toBe('có ; và "ngoặc"');
    // Loose: about 0.3 s on a quiet machine; machines are shared.
    expect(elapsed).toBeLessThan(5000);
  });
});

describe('readIncidentFile', () => {
  it('reads a CSV file in UTF-8 with a BOM, and in UTF-16 (Excel "Unicode Text")', async () => {
    const text = 'Ngày xảy ra;Kinh độ;Vĩ độ;Loại vụ việc\r\n01/03/2024;105,1;10,0;Trộm cắp\r\n';
    const utf8 = file('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    const read = await readIncidentFile(utf8);
    expect(read).toEqual({
      format: 'csv',
      layer: null,
      headers: ['Ngày xảy ra', 'Kinh độ', 'Vĩ độ', 'Loại vụ việc'],
      rows: [
        {
          row: 2,
          values: {
            'Ngày xảy ra': '01/03/2024',
            'Kinh độ': '105,1',
            'Vĩ độ': '10,0',
            'Loại vụ việc': 'Trộm cắp',
          },
        },
      ],
      declaredCoordinateSystem: null,
    });
    const tabbed = text.replaceAll(';', '\t');
    const utf16 = file(
      'unicode.txt',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tabbed, 'utf16le')]),
    );
    expect((await readIncidentFile(utf16)).rows).toEqual(read.rows);
  });

  it('refuses CSV that is not UTF-8, empty files and a header without rows', async () => {
    // "Trộm" in Windows-1258 (Vietnamese Excel's "CSV" without UTF-8): not valid UTF-8.
    const legacy = file(
      'legacy.csv',
      Buffer.from([0x61, 0x3b, 0x62, 0x0a, 0x54, 0x72, 0xf4, 0xf2, 0x6d, 0x3b, 0x31]),
    );
    expect((await failure(legacy)).text.en).toBe(
      'legacy.csv is not UTF-8 (line 2). In Excel, use "Save as" → "CSV UTF-8"',
    );
    expect((await failure(file('empty.csv', ''))).text.en).toBe('empty.csv is empty');
    expect((await failure(file('blank.csv', '\r\n\r\n'))).text.en).toBe('blank.csv is empty');
    expect((await failure(file('header.csv', 'a;b\r\n'))).text).toEqual({
      vi: 'Tệp header.csv chỉ có dòng tiêu đề, không có dòng dữ liệu nào',
      en: 'header.csv has a header line but no data rows',
    });
  });

  it('hands workbooks to the XLSX reader and refuses other spreadsheets, asking for .xlsx or CSV', async () => {
    const old = await failure(file('vu-viec.xls', 'not really a workbook'));
    expect(old.text.en).toBe(
      'This kind of spreadsheet (vu-viec.xls) cannot be read: save it as Excel .xlsx or CSV (UTF-8) and import that',
    );
    expect(old.text.vi).toContain('CSV (UTF-8)');
    expect((await failure(file('vu-viec.xlsx', 'not really a workbook'))).text.en).toMatch(
      /^Cannot read the workbook vu-viec\.xlsx/,
    );
    const renamed = file(
      'renamed.zip',
      storedZip({ '[Content_Types].xml': '<x/>', 'xl/workbook.xml': '<x/>' }),
    );
    expect((await failure(renamed)).text.en).toBe('The workbook renamed.zip has no sheets');
  });

  it('reads GeoJSON points as in the file, null for anything else, and its "crs"', async () => {
    const collection = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3405' } },
      features: [
        {
          type: 'Feature',
          properties: { loai: 'Trộm cắp', ngay: '2024-03-01' },
          geometry: { type: 'Point', coordinates: [587000, 1105000] },
        },
        {
          type: 'Feature',
          properties: { loai: 'Cướp', so: 2 },
          geometry: { type: 'MultiPoint', coordinates: [[588000, 1106000, 3]] },
        },
        {
          type: 'Feature',
          properties: { loai: 'Hai điểm' },
          geometry: {
            type: 'MultiPoint',
            coordinates: [
              [1, 2],
              [3, 4],
            ],
          },
        },
        { type: 'Feature', properties: null, geometry: null },
        {
          type: 'Feature',
          properties: { loai: 'Vùng' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [0, 1],
                [0, 0],
              ],
            ],
          },
        },
        { type: 'Feature', properties: { loai: 'Hỏng' }, geometry: { type: 'Point', coordinates: ['x', 1] } },
        'not a feature',
      ],
    };
    const read = await readIncidentFile(file('points.geojson', JSON.stringify(collection)));
    expect(read.format).toBe('geojson');
    expect(read.layer).toBeNull();
    expect(read.headers).toEqual(['loai', 'ngay', 'so']);
    expect(read.rows.map((row) => row.row)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(read.rows.map((row) => row.point)).toEqual([
      [587000, 1105000],
      [588000, 1106000],
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(read.rows[1]?.values).toEqual({ loai: 'Cướp', so: 2 });
    expect(read.rows[3]?.values).toEqual({});
    expect(read.declaredCoordinateSystem?.name).toMatch(/3405/);
    expect(read.declaredCoordinateSystem?.geographic).toBe(false);

    const single = {
      type: 'Feature',
      properties: { a: 1 },
      geometry: { type: 'Point', coordinates: [105, 10] },
    };
    const one = await readIncidentFile(file('one.json', JSON.stringify(single)));
    expect(one.rows).toEqual([{ row: 1, values: { a: 1 }, point: [105, 10] }]);
    expect(one.declaredCoordinateSystem).toBeNull();
  });

  it('reports missing files, bad JSON, no features and what is not GeoJSON', async () => {
    const missing = join(directory, 'nowhere.csv');
    expect((await failure(missing)).text).toEqual({
      vi: `Không tìm thấy tệp ${missing}`,
      en: `File not found: ${missing}`,
    });
    expect((await failure(file('bad.geojson', '{"type": "FeatureCollection",'))).text.en).toMatch(
      /^bad\.geojson is not valid JSON \(/,
    );
    const empty = file('none.geojson', '{"type":"FeatureCollection","features":[]}');
    expect((await failure(empty)).text).toEqual({
      vi: 'Tệp none.geojson không có đối tượng nào',
      en: 'none.geojson holds no features',
    });
    expect((await failure(file('list.json', '[1, 2]'))).text.en).toBe(
      'list.json is not GeoJSON (a FeatureCollection)',
    );
    const topology = file('topo.json', '{"type":"Topology","objects":{},"arcs":[]}');
    expect((await failure(topology)).text.en).toBe(
      'topo.json is TopoJSON; incidents need point GeoJSON, CSV or Shapefile',
    );
  });

  it('reads a point layer of a zip, ignoring __MACOSX and other files, and lists the layers', async () => {
    const prj =
      'PROJCS["VN_2000_UTM_Zone_48N",GEOGCS["GCS_VN_2000",DATUM["D_Vietnam_2000",' +
      'SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],' +
      'UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],' +
      'PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],' +
      'PARAMETER["Central_Meridian",105.0],' +
      'PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    const zip = file(
      'layers.zip',
      storedZip({
        'Du lieu/': '',
        'Du lieu/.DS_Store': 'junk',
        'Du lieu/vu_viec.shp': pointShp([[587000, 1105000], null, [588000, 1106000]]),
        'Du lieu/vu_viec.dbf': dbf(
          ['LOAI', 'NGAY'],
          [
            ['Trộm cắp', '20240301'],
            ['Cướp', '20240302'],
            ['Đánh bạc', ''],
          ],
        ),
        'Du lieu/vu_viec.prj': prj,
        'Du lieu/vu_viec.cpg': 'UTF-8',
        'Du lieu/vu_viec.sbn': 'junk',
        'Du lieu/vu_viec.shp.xml': '<metadata/>',
        '__MACOSX/Du lieu/._vu_viec.shp': 'junk',
        'Du lieu/camera.shp': pointShp([[1, 2]]),
        'Du lieu/ranh_gioi.shp': emptyShp(5),
      }),
    );
    const read = await readIncidentFile(zip, 'VU_VIEC');
    expect(read.format).toBe('shapefile');
    expect(read.layer).toBe('Du lieu/vu_viec');
    expect(read.headers).toEqual(['LOAI', 'NGAY']);
    expect(read.rows.map((row) => [row.row, row.values.LOAI, row.point])).toEqual([
      [1, 'Trộm cắp', [587000, 1105000]],
      [2, 'Cướp', null],
      [3, 'Đánh bạc', [588000, 1106000]],
    ]);
    expect(read.declaredCoordinateSystem?.definition).toContain('+towgs84=');
    const [longitude, latitude] = projectorToWgs84(read.declaredCoordinateSystem as never)(587000, 1105000);
    expect(longitude).toBeCloseTo(105.8, 1);
    expect(latitude).toBeCloseTo(10.0, 1);

    expect((await failure(zip)).text.en).toBe(
      'The zip file has 2 layers; choose one with --layer: Du lieu/vu_viec, Du lieu/camera',
    );
    expect((await failure(zip, 'dan_cu')).text).toEqual({
      vi: 'Không có lớp "dan_cu" trong tệp zip. Các lớp có: Du lieu/vu_viec, Du lieu/camera',
      en: 'The zip file has no layer "dan_cu". Its layers: Du lieu/vu_viec, Du lieu/camera',
    });
    expect((await failure(zip, 'ranh_gioi')).text.en).toBe(
      'Layer "Du lieu/ranh_gioi" holds no points. The zip file\'s layers: ' +
        'Du lieu/vu_viec (points), Du lieu/camera (points), Du lieu/ranh_gioi (polygons)',
    );
    const camera = await readIncidentFile(zip, 'Du lieu/camera');
    expect(camera.rows).toEqual([{ row: 1, values: {}, point: [1, 2] }]);
    expect(camera.declaredCoordinateSystem).toBeNull();
  });

  it('reports zips without point layers or without shapefiles', async () => {
    const polygons = file('polygons.zip', storedZip({ 'xa.shp': emptyShp(5), 'duong.shp': emptyShp(3) }));
    expect((await failure(polygons)).text).toEqual({
      vi: 'Tệp zip không có lớp điểm nào. Các lớp có: xa (vùng), duong (đường)',
      en: 'The zip file has no point layer. Its layers: xa (polygons), duong (lines)',
    });
    const nothing = file('nothing.zip', storedZip({ 'readme.txt': 'hello', '__MACOSX/._a.shp': 'junk' }));
    expect((await failure(nothing)).text.en).toBe('The zip file holds no .shp file');
    expect((await failure(file('broken.zip', 'PK not a zip'))).text.en).toMatch(/^Cannot read the zip file/);
  });

  it('reads a .shp with its .dbf beside it, and refuses one of polygons', async () => {
    const shp = file('beside/diem.shp', pointShp([[105.1, 10.2]]));
    file('beside/diem.DBF', dbf(['SO'], [['7']]));
    const read = await readIncidentFile(shp);
    expect(read).toMatchObject({
      format: 'shapefile',
      layer: 'diem',
      headers: ['SO'],
      declaredCoordinateSystem: null,
    });
    expect(read.rows).toEqual([{ row: 1, values: { SO: '7' }, point: [105.1, 10.2] }]);
    const polygons = file('beside/xa.shp', emptyShp(5));
    expect((await failure(polygons)).text).toEqual({
      vi: 'Shapefile xa chứa vùng, không phải điểm',
      en: 'Shapefile xa holds polygons, not points',
    });
    expect((await failure(file('beside/rong.shp', emptyShp(1)))).text.en).toBe(
      'Shapefile rong (rong.shp) holds no features',
    );
  });
});

/*
 * Real incident samples from the shared data folder (never copied into the repository): run with
 * DIABAN_GEODATA=../shared/geodata. Without it the suite is skipped and its title says why.
 */
const geodata = process.env.DIABAN_GEODATA;
const samples = geodata ? join(geodata, '../samples/incidents') : '';
const available = Boolean(geodata && existsSync(join(samples, 'sf_crime_jul_dec_2012_shapefiles.zip')));
const title = available
  ? 'real incident samples'
  : 'real incident samples — skipped: set DIABAN_GEODATA to the shared geodata folder ' +
    '(e.g. ../shared/geodata)';

describe.skipIf(!available)(title, () => {
  const zip = () => join(samples, 'sf_crime_jul_dec_2012_shapefiles.zip');

  it('reads San Francisco drug incidents in State Plane feet; the .prj puts them in the city', async () => {
    const read = await readIncidentFile(zip(), 'sf_drugs');
    expect(read.format).toBe('shapefile');
    expect(read.layer).toBe('SFCrime_July_Dec2012 2/Crime Events/sf_drugs');
    expect(read.rows).toHaveLength(3897);
    expect(read.headers).toEqual(expect.arrayContaining(['IncidntNum', 'Category', 'Date', 'X', 'Y']));
    const [x, y] = read.rows[0]?.point ?? [0, 0];
    expect(x).toBeGreaterThan(5_990_000);
    expect(x).toBeLessThan(6_030_000);
    expect(y).toBeGreaterThan(2_080_000);
    expect(y).toBeLessThan(2_130_000);
    expect(read.declaredCoordinateSystem?.name).toBe('NAD_1983_StatePlane_California_III_FIPS_0403_Feet');
    const project = projectorToWgs84(read.declaredCoordinateSystem as never);
    for (const row of read.rows) {
      const [longitude, latitude] = project(...(row.point as [number, number]));
      expect(longitude).toBeGreaterThan(-122.52);
      expect(longitude).toBeLessThan(-122.35);
      expect(latitude).toBeGreaterThan(37.7);
      expect(latitude).toBeLessThan(37.82);
      // The file's own X/Y columns are the same places in degrees.
      expect(Math.abs(longitude - (row.values.X as number))).toBeLessThan(1e-6);
      expect(Math.abs(latitude - (row.values.Y as number))).toBeLessThan(1e-6);
    }
  });

  it('counts every point layer, and asks which one when none is chosen', async () => {
    const counts: Record<string, number> = {};
    for (const layer of ['sf_cartheft', 'sf_robbery', 'sf_vandalism']) {
      counts[layer] = (await readIncidentFile(zip(), layer)).rows.length;
    }
    expect(counts).toEqual({ sf_cartheft: 3384, sf_robbery: 2761, sf_vandalism: 3430 });
    expect((await failure(zip())).text.en).toMatch(/^The zip file has 4 layers; choose one with --layer: /);
    expect((await failure(zip(), 'SFCrime_blocks')).text.en).toContain(
      'SF PD Plots/SFCrime_blocks (polygons)',
    );
  });

  it('reads the Chicago carjackings GeoJSON: 1,412 points in WGS84 with truncated field names', async () => {
    const read = await readIncidentFile(join(samples, 'chicago_carjackings_2020.geojson'));
    expect(read.rows).toHaveLength(1412);
    expect(read.headers).toContain('Case _mber');
    expect(read.declaredCoordinateSystem?.geographic).toBe(true);
    for (const row of read.rows) {
      expect(row.point?.[0]).toBeCloseTo(row.values.Longitude as number, 6);
      expect(row.point?.[1]).toBeCloseTo(row.values.Latitude as number, 6);
    }
  });
});

// ----------------------------------------------------------------- tiny Shapefile, dBASE and zip writers

/** A .shp of points (null for a null shape), little-endian records as the format has them. */
function pointShp(points: ([number, number] | null)[]): Uint8Array {
  const contents = points.map((point) => (point ? 20 : 4));
  const bytes = new Uint8Array(100 + contents.reduce((sum, length) => sum + 8 + length, 0));
  const view = new DataView(bytes.buffer);
  header(view, 1, bytes.byteLength);
  let offset = 100;
  points.forEach((point, index) => {
    view.setInt32(offset, index + 1);
    view.setInt32(offset + 4, (contents[index] as number) / 2);
    view.setInt32(offset + 8, point ? 1 : 0, true);
    if (point) {
      view.setFloat64(offset + 12, point[0], true);
      view.setFloat64(offset + 20, point[1], true);
    }
    offset += 8 + (contents[index] as number);
  });
  return bytes;
}

/** A .shp of the given shape type without records. */
function emptyShp(shapeType: number): Uint8Array {
  const bytes = new Uint8Array(100);
  header(new DataView(bytes.buffer), shapeType, 100);
  return bytes;
}

function header(view: DataView, shapeType: number, byteLength: number) {
  view.setInt32(0, 9994);
  view.setInt32(24, byteLength / 2);
  view.setInt32(28, 1000, true);
  view.setInt32(32, shapeType, true);
}

/** A dBASE III table of character fields, UTF-8. */
function dbf(fields: string[], records: string[][]): Uint8Array {
  const encoder = new TextEncoder();
  const widths = fields.map((_, column) =>
    Math.max(1, ...records.map((record) => encoder.encode(record[column] ?? '').length)),
  );
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + widths.reduce((sum, width) => sum + width, 0);
  const bytes = new Uint8Array(headerLength + recordLength * records.length + 1).fill(0x20, headerLength);
  const view = new DataView(bytes.buffer);
  bytes.set([0x03, 124, 3, 1]);
  view.setUint32(4, records.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  fields.forEach((name, column) => {
    const at = 32 + 32 * column;
    bytes.set(encoder.encode(name), at);
    bytes[at + 11] = 0x43; // C
    bytes[at + 16] = widths[column] as number;
  });
  bytes[headerLength - 1] = 0x0d;
  records.forEach((record, index) => {
    let at = headerLength + recordLength * index + 1;
    record.forEach((value, column) => {
      bytes.set(encoder.encode(value), at);
      at += widths[column] as number;
    });
  });
  bytes[bytes.byteLength - 1] = 0x1a;
  return bytes;
}

/** A zip of stored (uncompressed) entries; a name ending in "/" is a folder. */
function storedZip(entries: Record<string, string | Uint8Array>): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = typeof content === 'string' ? encoder.encode(content) : content;
    const nameBytes = encoder.encode(name);
    const crc = crc32(data);
    const local = new Uint8Array(30 + nameBytes.length + data.length);
    const localView = new DataView(local.buffer);
    localView.setUint32(0, 0x04034b50, true);
    localView.setUint16(4, 20, true);
    localView.setUint16(6, 0x0800, true);
    localView.setUint32(14, crc, true);
    localView.setUint32(18, data.length, true);
    localView.setUint32(22, data.length, true);
    localView.setUint16(26, nameBytes.length, true);
    local.set(nameBytes, 30);
    local.set(data, 30 + nameBytes.length);
    const central = new Uint8Array(46 + nameBytes.length);
    const centralView = new DataView(central.buffer);
    centralView.setUint32(0, 0x02014b50, true);
    centralView.setUint16(4, 20, true);
    centralView.setUint16(6, 20, true);
    centralView.setUint16(8, 0x0800, true);
    centralView.setUint32(16, crc, true);
    centralView.setUint32(20, data.length, true);
    centralView.setUint32(24, data.length, true);
    centralView.setUint16(28, nameBytes.length, true);
    centralView.setUint32(42, offset, true);
    central.set(nameBytes, 46);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const centralSize = centrals.reduce((sum, central) => sum + central.length, 0);
  const end = new Uint8Array(22);
  const endView = new DataView(end.buffer);
  endView.setUint32(0, 0x06054b50, true);
  endView.setUint16(8, centrals.length, true);
  endView.setUint16(10, centrals.length, true);
  endView.setUint32(12, centralSize, true);
  endView.setUint32(16, offset, true);
  return Buffer.concat([...locals, ...centrals, end]);
}
