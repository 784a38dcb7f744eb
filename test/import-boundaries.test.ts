import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BoundaryImportError,
  importBoundaryFeatures,
  importBoundaryFile,
} from '../geodata/import/import-boundaries';
import { openDatabase } from '../server/db/database';
import { listEras } from '../server/db/queries/eras';
import { findUnit, listOutlines, listUnits } from '../server/db/queries/units';
import { WGS84 } from '../server/domain/projections/coordinate-reference-system';
import { databaseWithTinyProvince, fixturePath } from './helpers';

const era2021 = { era: '2021', validFrom: '2021-07-01', validTo: '2025-06-30', level: 'commune' as const };

describe('importing boundaries', () => {
  it('reads Vietnamese columns and stores units with area, label point and search text', async () => {
    const database = openDatabase();
    const report = await importBoundaryFile(database, fixturePath('tiny-province.geojson'), era2021);
    expect(report).toMatchObject({
      era: '2021',
      read: 4,
      imported: 4,
      rejected: [],
      written: true,
      format: 'geojson',
    });
    expect(report.columns).toMatchObject({
      code: ['ma_xa'],
      name: ['ten_xa'],
      kind: ['loai'],
      districtName: ['huyen'],
      provinceName: ['tinh'],
      population: ['dan_so'],
    });
    const unit = findUnit(database, [1], 'commune', '90001');
    expect(unit).toMatchObject({
      name: 'Vĩnh Thạnh',
      kind: 'Thị trấn',
      fullName: 'Thị trấn Vĩnh Thạnh',
      population: 12571,
    });
    // 0.05° × 0.05° at 10°N: 5.53 km × 5.45 km.
    expect(unit?.areaKm2).toBeCloseTo(30.2, 0);
    expect(unit?.labelLongitude).toBeCloseTo(105.525, 3);
    expect(unit?.searchText).toBe('thi tran vinh thanh | 90001 | huyen hoa an | tinh thu nghiem');
    expect(findUnit(database, [1], 'commune', '90004')?.population).toBeNull();
  });

  it('derives district and province outlines, dropping the edges communes of a group share', async () => {
    const database = await databaseWithTinyProvince();
    const districts = listOutlines(database, 1, 'district');
    expect(districts.map((outline) => outline.name).sort()).toEqual(['Huyện Hòa An', 'Thành phố Ngọc Giang']);
    const province = listOutlines(database, 1, 'province');
    expect(province).toHaveLength(1);
    // The province outline is the 0.1° square: one closed line of 4 sides, corners included.
    const lines = JSON.parse(province[0]?.geometry ?? '{}').coordinates as number[][][];
    expect(lines).toHaveLength(1);
    expect(lines[0]).toHaveLength(9);
  });

  it('reads TopoJSON and zipped VN-2000 shapefiles to the same places', async () => {
    const fromGeoJson = await databaseWithTinyProvince();
    const expected = listUnits(fromGeoJson, { eraId: 1, level: 'commune' });

    const topology = openDatabase();
    const topologyReport = await importBoundaryFile(topology, fixturePath('tiny-province.topojson'), era2021);
    expect(topologyReport).toMatchObject({ format: 'topojson', layer: 'communes', imported: 4 });

    const shapefile = openDatabase();
    const shapefileReport = await importBoundaryFile(
      shapefile,
      fixturePath('tiny-province-vn2000.zip'),
      era2021,
    );
    expect(shapefileReport).toMatchObject({
      format: 'shapefile',
      layer: 'Ranh gioi xa/ranh_gioi_xa',
      imported: 4,
    });
    expect(shapefileReport.coordinateSystem).toBe('VN-2000_TM-3_104-30');

    for (const database of [topology, shapefile]) {
      const units = listUnits(database, { eraId: 1, level: 'commune' });
      expect(units.map((unit) => [unit.code, unit.fullName, unit.districtName])).toEqual(
        expected.map((unit) => [unit.code, unit.fullName, unit.districtName]),
      );
      units.forEach((unit, index) => {
        const reference = expected[index] as (typeof expected)[number];
        // Within 1e-5° (about 1 m), the stated accuracy of the VN-2000 → WGS 84 shift (EPSG:6960): GDAL's
        // EPSG pipeline and proj4's TOWGS84 differ by about 0.8 m on the way there and back.
        expect(Math.abs(unit.minLongitude - reference.minLongitude)).toBeLessThan(1e-5);
        expect(Math.abs(unit.maxLatitude - reference.maxLatitude)).toBeLessThan(1e-5);
        expect(unit.areaKm2).toBeCloseTo(reference.areaKm2, 2);
      });
    }
  });

  it('rejects each broken feature with its reason and imports the rest', async () => {
    const database = openDatabase();
    const report = await importBoundaryFile(database, fixturePath('broken-features.geojson'), era2021);
    expect(report.read).toBe(9);
    expect(report.imported).toBe(1);
    expect(report.rejected.map((rejection) => [rejection.index, rejection.code, rejection.reason])).toEqual([
      [1, null, 'Missing unit code (column ma_xa)'],
      [2, '91003', 'Duplicate code 91003 (also #3)'],
      [3, '91003', 'Duplicate code 91003 (also #2)'],
      [4, '91005', 'No geometry (empty geometry)'],
      [5, '91006', 'Ring exterior is not closed'],
      [6, '91007', 'Boundary intersects itself at 105.625000, 10.025000'],
      [7, '91008', 'Geometry is not a polygon but a Point'],
      [
        8,
        '91009',
        'Coordinates are not longitude/latitude (EPSG:4326 WGS 84) but look projected (metres); give the coordinate system with --crs or a .prj file',
      ],
    ]);
    for (const rejection of report.rejected) expect(rejection.reasonVi.length).toBeGreaterThan(0);
    expect(listUnits(database, { eraId: 1, level: 'commune' }).map((unit) => unit.code)).toEqual(['91001']);
  });

  it('writes nothing under --strict when any feature is rejected', async () => {
    const database = await databaseWithTinyProvince();
    const attempt = importBoundaryFile(database, fixturePath('broken-features.geojson'), {
      ...era2021,
      era: 'test-2021',
      strict: true,
    });
    await expect(attempt).rejects.toBeInstanceOf(BoundaryImportError);
    await expect(attempt).rejects.toMatchObject({ report: { written: false, imported: 0 } });
    expect(listUnits(database, { eraId: 1, level: 'commune' })).toHaveLength(4);
  });

  it('replaces an era on re-import, adds with append, and keeps eras apart', async () => {
    const database = await databaseWithTinyProvince();
    await importBoundaryFile(database, fixturePath('broken-features.geojson'), {
      ...era2021,
      era: 'test-2021',
    });
    expect(listUnits(database, { eraId: 1, level: 'commune' }).map((unit) => unit.code)).toEqual(['91001']);
    await importBoundaryFile(database, fixturePath('tiny-province.geojson'), {
      ...era2021,
      era: 'test-2021',
      append: true,
    });
    expect(listUnits(database, { eraId: 1, level: 'commune' })).toHaveLength(5);
    await importBoundaryFile(database, fixturePath('tiny-province.geojson'), {
      ...era2021,
      era: 'test-2025',
      validFrom: '2025-07-01',
      validTo: undefined,
    });
    const eras = listEras(database);
    expect(eras.map((era) => [era.label, era.unitCounts.commune, era.validTo])).toEqual([
      ['test-2025', 4, null],
      ['test-2021', 5, '2025-06-30'],
    ]);
  });

  it('refuses bad options and files before writing anything', async () => {
    const database = openDatabase();
    const cases: [string, Parameters<typeof importBoundaryFile>[2], RegExp][] = [
      ['tiny-province.geojson', { ...era2021, validFrom: '2021-02-30' }, /valid YYYY-MM-DD date/],
      ['tiny-province.geojson', { ...era2021, validTo: '2020-01-01' }, /on or after --valid-from/],
      ['tiny-province.geojson', { ...era2021, era: '' }, /Invalid era label/],
      ['tiny-province.geojson', { ...era2021, columns: { code: ['MAXA_2021'] } }, /no column "MAXA_2021"/],
      [
        'tiny-province.geojson',
        { ...era2021, coordinateSystem: 'EPSG:1' },
        /Cannot read coordinate system|Unknown code/,
      ],
      ['tiny-province.topojson', { ...era2021, layer: 'districts' }, /no layer "districts"/],
      ['missing.geojson', era2021, /File not found/],
      ['README.md', era2021, /not valid JSON/],
    ];
    for (const [file, options, message] of cases) {
      await expect(importBoundaryFile(database, fixturePath(file), options), file).rejects.toThrow(message);
    }
    expect(listEras(database)).toEqual([]);
  });

  it('reprojects with a coordinate system given on the command line', async () => {
    // The broken file's "metres" feature is a triangle in VN-2000 TM-3 104°30': declaring that system makes it
    // valid, and the longitude/latitude features invalid.
    const database = openDatabase();
    const report = await importBoundaryFile(database, fixturePath('broken-features.geojson'), {
      ...era2021,
      coordinateSystem: 'vn2000:104.5',
    });
    expect(report.rejected.find((rejection) => rejection.code === '91001')?.reason).toMatch(
      /look like longitude\/latitude/,
    );
    const triangle = listUnits(database, { eraId: 1, level: 'commune' });
    expect(triangle.map((unit) => unit.code)).toEqual(['91009']);
    // E 587 km, N 1105 km of the 104°30' meridian: about 105.30°E, 9.99°N.
    expect(triangle[0]?.minLongitude).toBeCloseTo(105.3, 1);
    expect(triangle[0]?.minLatitude).toBeCloseTo(9.99, 1);
  });

  it('stores nothing at all when the database fails half way through', async () => {
    const database = openDatabase();
    // A disk that fills up at the third commune.
    database.$client.exec(
      "CREATE TRIGGER disk_full BEFORE INSERT ON units WHEN NEW.code = '90003' BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    await expect(importBoundaryFile(database, fixturePath('tiny-province.geojson'), era2021)).rejects.toThrow(
      /disk full/,
    );
    expect(listEras(database)).toEqual([]);
    expect(database.$client.prepare('SELECT count(*) AS count FROM units').get()).toEqual({ count: 0 });
  });

  it('accounts for every feature of arbitrary input, never failing on one', () => {
    const anyFeature = fc.record({
      geometry: fc.oneof(
        fc.anything(),
        fc.record({
          type: fc.constantFrom('Polygon', 'MultiPolygon', 'Point'),
          coordinates: fc.array(
            fc.array(fc.array(fc.oneof(fc.double(), fc.integer({ min: -200, max: 200 })), { maxLength: 3 }), {
              maxLength: 6,
            }),
            { maxLength: 3 },
          ),
        }),
      ),
      properties: fc.oneof(
        fc.constant(null),
        fc.dictionary(fc.constantFrom('ma_xa', 'ten_xa', 'loai', 'dan_so', 'x'), fc.anything()),
      ),
    });
    fc.assert(
      fc.property(fc.array(anyFeature, { maxLength: 12 }), (features) => {
        const database = openDatabase();
        try {
          const report = importBoundaryFeatures(database, features as never, era2021, {
            file: 'arbitrary',
            format: 'memory',
            layer: null,
            propertyNames: ['ma_xa', 'ten_xa', 'loai', 'dan_so', 'x'],
            coordinateSystem: WGS84,
            started: performance.now(),
          });
          expect(report.imported + report.rejected.length).toBe(features.length);
          expect(listUnits(database, { eraId: 1, level: 'commune' })).toHaveLength(report.imported);
        } catch (error) {
          // Only the clear refusal of a file with no valid feature, and then nothing is written.
          expect(error).toBeInstanceOf(BoundaryImportError);
          expect((error as BoundaryImportError).report?.rejected).toHaveLength(features.length);
          expect(listEras(database)).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
