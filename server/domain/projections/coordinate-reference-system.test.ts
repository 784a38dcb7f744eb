import { describe, expect, it } from 'vitest';
import {
  CoordinateSystemError,
  coordinateSystemFromWkt,
  parseCoordinateSystem,
  projectorToWgs84,
  WGS84,
} from './coordinate-reference-system';

/** The .prj GDAL 3.6 writes for EPSG:9207 (ESRI WKT: the datum is named, its shift to WGS 84 is not). */
const KIEN_GIANG_PRJ =
  'PROJCS["VN-2000_TM-3_104-30",GEOGCS["GCS_VN_2000",DATUM["D_Vietnam_2000",SPHEROID["WGS_1984",6378137.0,298.257223563]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],' +
  'PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",104.5],' +
  'PARAMETER["Scale_Factor",0.9999],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

/*
 * Reference: PROJ 9.1.1 (cct), inverse Transverse Mercator of EPSG:9207 followed by the EPSG:6960 Helmert
 * transformation (coordinate frame), applied to E 554618.1063 m, N 1105897.1164 m:
 * 104.999992587°E, 9.999999716°N. Without the datum shift the same point lands at 104.998206885°E,
 * 10.001009333°N, about 225 m away.
 */
const EASTING = 554618.1063;
const NORTHING = 1105897.1164;
const EXPECTED: [number, number] = [104.999992587, 9.999999716];

describe('coordinate systems', () => {
  it('reprojects VN-2000 TM-3 from a .prj that leaves out the datum shift', () => {
    const system = coordinateSystemFromWkt(KIEN_GIANG_PRJ);
    expect(system.geographic).toBe(false);
    const [longitude, latitude] = projectorToWgs84(system)(EASTING, NORTHING);
    expect(longitude).toBeCloseTo(EXPECTED[0], 8);
    expect(latitude).toBeCloseTo(EXPECTED[1], 8);
  });

  it('reads the same system from an EPSG code and from the vn2000 shorthand', () => {
    for (const specification of [
      'EPSG:9207',
      '9207',
      'vn2000:104.5',
      "vn2000:104°30'",
      'VN-2000 TM-3 104-30',
    ]) {
      const [longitude, latitude] = projectorToWgs84(parseCoordinateSystem(specification))(EASTING, NORTHING);
      expect(longitude, specification).toBeCloseTo(EXPECTED[0], 8);
      expect(latitude, specification).toBeCloseTo(EXPECTED[1], 8);
    }
  });

  it('keeps WGS84 coordinates as they are', () => {
    expect(parseCoordinateSystem('EPSG:4326')).toBe(WGS84);
    expect(projectorToWgs84(WGS84)(105.1234567, 10.7654321)).toEqual([105.1234567, 10.7654321]);
    const wgs84Prj =
      'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
    expect(coordinateSystemFromWkt(wgs84Prj)).toBe(WGS84);
  });

  it('reads PROJ strings, including US State Plane feet', () => {
    const system = parseCoordinateSystem(
      '+proj=lcc +lat_0=36.5 +lon_0=-120.5 +lat_1=38.4333333333333 +lat_2=37.0666666666667 +x_0=2000000.0001016 +y_0=500000.0001016 +datum=NAD83 +units=us-ft +no_defs',
    );
    const [longitude, latitude] = projectorToWgs84(system)(6007000, 2110000);
    // San Francisco.
    expect(longitude).toBeGreaterThan(-122.52);
    expect(longitude).toBeLessThan(-122.35);
    expect(latitude).toBeGreaterThan(37.7);
    expect(latitude).toBeLessThan(37.82);
  });

  it('explains in both languages what it cannot read', () => {
    expect(() => parseCoordinateSystem('EPSG:99999')).toThrow(CoordinateSystemError);
    expect(() => parseCoordinateSystem('vn2000:12')).toThrow(/central meridian/);
    try {
      parseCoordinateSystem('lat-long please');
    } catch (error) {
      expect((error as CoordinateSystemError).text.vi).toMatch(/Không hiểu hệ tọa độ/);
      expect((error as CoordinateSystemError).text.en).toMatch(/Cannot read coordinate system/);
    }
  });
});
