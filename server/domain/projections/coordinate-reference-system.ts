import proj4 from 'proj4';
import { BilingualError, bilingual } from '../bilingual';

/**
 * A coordinate reference system that boundary and incident files may come in, and how to turn its
 * coordinates into WGS84 longitude/latitude, the only system the product stores.
 */
export interface CoordinateReferenceSystem {
  /** For people: "EPSG:9207 VN-2000 / TM-3 104-30", or the name a .prj file gives. */
  name: string;
  /** A proj4 definition: a PROJ string, or WKT. */
  definition: string;
  /** Longitude/latitude in degrees (true) or projected coordinates such as metres (false). */
  geographic: boolean;
}

export class CoordinateSystemError extends BilingualError {}

export const WGS84: CoordinateReferenceSystem = {
  name: 'EPSG:4326 WGS 84',
  definition: '+proj=longlat +datum=WGS84 +no_defs',
  geographic: true,
};

/**
 * VN-2000 → WGS 84 as a 7-parameter Helmert transformation, position-vector convention (PROJ's +towgs84):
 * EPSG:6960 "VN-2000 to WGS 84 (2)", the parameters of Thông tư 973/2001/TT-TCĐC, accuracy about 1 m.
 * Translations in metres, rotations in arc-seconds, scale in parts per million.
 */
export const VN2000_TO_WGS84 = [
  -191.90441429, -39.30318279, -111.45032835, 0.00928836, -0.01975479, 0.00427372, 0.252906278,
] as const;

const VN2000_DATUM = `+ellps=WGS84 +towgs84=${VN2000_TO_WGS84.join(',')} +units=m +no_defs`;

/**
 * VN-2000 / TM-3: Transverse Mercator, scale factor 0.9999, false easting 500 km, with the central meridian
 * each province is assigned (Thông tư 973/2001/TT-TCĐC; e.g. Kiên Giang 104°30', Cần Thơ 105°00').
 */
export function vn2000TransverseMercator3(centralMeridianDegrees: number): CoordinateReferenceSystem {
  return {
    name: `VN-2000 / TM-3 ${formatDegreesMinutes(centralMeridianDegrees)}`,
    definition: `+proj=tmerc +lat_0=0 +lon_0=${centralMeridianDegrees} +k=0.9999 +x_0=500000 +y_0=0 ${VN2000_DATUM}`,
    geographic: false,
  };
}

/** EPSG codes of the systems Vietnamese files use, beyond the two proj4 knows (4326, 3857). */
const KNOWN_EPSG: Record<number, () => CoordinateReferenceSystem> = {
  4326: () => WGS84,
  3857: () => ({ name: 'EPSG:3857 WGS 84 / Pseudo-Mercator', definition: 'EPSG:3857', geographic: false }),
  4756: () => ({ name: 'EPSG:4756 VN-2000', definition: `+proj=longlat ${VN2000_DATUM}`, geographic: true }),
  3405: () => vn2000Utm(48),
  3406: () => vn2000Utm(49),
  // US State Plane systems of the foreign sample data the import is tested on (San Francisco, Chicago).
  2227: () => ({
    name: 'EPSG:2227 NAD83 / California zone 3 (ftUS)',
    definition:
      '+proj=lcc +lat_0=36.5 +lon_0=-120.5 +lat_1=38.4333333333333 +lat_2=37.0666666666667 +x_0=2000000.0001016 +y_0=500000.0001016 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=us-ft +no_defs',
    geographic: false,
  }),
  3435: () => ({
    name: 'EPSG:3435 NAD83 / Illinois East (ftUS)',
    definition:
      '+proj=tmerc +lat_0=36.6666666666667 +lon_0=-88.3333333333333 +k=0.999975 +x_0=300000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=us-ft +no_defs',
    geographic: false,
  }),
  32648: () => wgs84Utm(48),
  32649: () => wgs84Utm(49),
  // VN-2000 / TM-3 zones, as registered by EPSG.
  5896: () => withEpsg(5896, vn2000TransverseMercator3(102)),
  5897: () => withEpsg(5897, vn2000TransverseMercator3(105)),
  5898: () => withEpsg(5898, vn2000TransverseMercator3(108)),
  5899: () => withEpsg(5899, vn2000TransverseMercator3(107.75)),
  9205: () => withEpsg(9205, vn2000TransverseMercator3(103)),
  9206: () => withEpsg(9206, vn2000TransverseMercator3(104)),
  9207: () => withEpsg(9207, vn2000TransverseMercator3(104.5)),
  9208: () => withEpsg(9208, vn2000TransverseMercator3(104.75)),
  9209: () => withEpsg(9209, vn2000TransverseMercator3(105.5)),
  9210: () => withEpsg(9210, vn2000TransverseMercator3(105.75)),
  9211: () => withEpsg(9211, vn2000TransverseMercator3(106)),
  9212: () => withEpsg(9212, vn2000TransverseMercator3(106.25)),
  9213: () => withEpsg(9213, vn2000TransverseMercator3(106.5)),
  9214: () => withEpsg(9214, vn2000TransverseMercator3(107)),
  9215: () => withEpsg(9215, vn2000TransverseMercator3(107.25)),
  9216: () => withEpsg(9216, vn2000TransverseMercator3(107.5)),
  9217: () => withEpsg(9217, vn2000TransverseMercator3(108.25)),
  9218: () => withEpsg(9218, vn2000TransverseMercator3(108.5)),
};

function vn2000Utm(zone: number): CoordinateReferenceSystem {
  return {
    name: `EPSG:${3357 + zone} VN-2000 / UTM zone ${zone}N`,
    definition: `+proj=utm +zone=${zone} ${VN2000_DATUM}`,
    geographic: false,
  };
}

function wgs84Utm(zone: number): CoordinateReferenceSystem {
  return {
    name: `EPSG:${32600 + zone} WGS 84 / UTM zone ${zone}N`,
    definition: `+proj=utm +zone=${zone} +datum=WGS84 +units=m +no_defs`,
    geographic: false,
  };
}

function withEpsg(code: number, system: CoordinateReferenceSystem): CoordinateReferenceSystem {
  return { ...system, name: `EPSG:${code} ${system.name}` };
}

/**
 * Reads what a user writes after `--crs`: "EPSG:9207" (or just 9207), "vn2000:104.5", "vn2000:104°30'",
 * "vn2000:104-30", a PROJ string ("+proj=tmerc ..."), or WKT (the text of a .prj file).
 */
export function parseCoordinateSystem(specification: string): CoordinateReferenceSystem {
  const text = specification.trim();
  const epsg = /^(?:epsg:)?(\d{4,5})$/i.exec(text);
  if (epsg) {
    const code = Number(epsg[1]);
    const known = KNOWN_EPSG[code];
    if (!known) {
      throw new CoordinateSystemError(
        bilingual(
          `Chưa biết mã EPSG:${code}. Hãy cho định nghĩa PROJ (+proj=...) hoặc tệp .prj`,
          `Unknown code EPSG:${code}. Give a PROJ definition (+proj=...) or a .prj file`,
        ),
      );
    }
    return known();
  }
  const vn2000 = /^vn-?2000(?:\s*tm-?3\s*|[:/ ])(.+)$/i.exec(text);
  if (vn2000) return vn2000TransverseMercator3(parseMeridian(vn2000[1] as string));
  if (text.startsWith('+'))
    return checked({ name: text, definition: text, geographic: /\+proj=longlat/.test(text) });
  if (/^(PROJCS|GEOGCS|PROJCRS|GEOGCRS)\s*\[/i.test(text)) return coordinateSystemFromWkt(text);
  throw new CoordinateSystemError(
    bilingual(
      `Không hiểu hệ tọa độ "${text}". Ví dụ: EPSG:4326, EPSG:9207, vn2000:104.5, +proj=...`,
      `Cannot read coordinate system "${text}". Examples: EPSG:4326, EPSG:9207, vn2000:104.5, +proj=...`,
    ),
  );
}

/**
 * A system from WKT, as in a Shapefile's .prj. Files in VN-2000 usually name the datum but leave out its
 * shift to WGS 84 (ESRI WKT has no TOWGS84), which would misplace everything by about 200 m; the
 * official shift is added here when the datum is VN-2000 and none is given.
 */
export function coordinateSystemFromWkt(wkt: string): CoordinateReferenceSystem {
  const name = /^\w+\s*\[\s*"([^"]*)"/.exec(wkt)?.[1] ?? 'WKT';
  const geographic = /^GEOG(CS|CRS)/i.test(wkt.trim());
  const isVn2000 = /VN[-_ ]?2000|Vietnam[-_ ]?2000/i.test(wkt);
  if (geographic && !isVn2000 && /WGS[-_ ]?(19)?84/i.test(wkt)) return WGS84;
  if (!isVn2000 || /TOWGS84/i.test(wkt)) return checked({ name, definition: wkt, geographic });

  if (geographic) return { name, definition: `+proj=longlat ${VN2000_DATUM}`, geographic };
  const parameter = (key: string) => {
    const match = new RegExp(`PARAMETER\\s*\\[\\s*"${key}"\\s*,\\s*(-?[\\d.eE+-]+)`, 'i').exec(wkt);
    return match ? Number(match[1]) : undefined;
  };
  if (!/Transverse_Mercator/i.test(wkt)) return checked({ name, definition: wkt, geographic });
  const centralMeridian = parameter('Central_Meridian') ?? parameter('central_meridian');
  if (centralMeridian === undefined) return checked({ name, definition: wkt, geographic });
  const scale = parameter('Scale_Factor') ?? 0.9999;
  const falseEasting = parameter('False_Easting') ?? 500000;
  const falseNorthing = parameter('False_Northing') ?? 0;
  const latitudeOfOrigin = parameter('Latitude_Of_Origin') ?? 0;
  return {
    name,
    definition:
      `+proj=tmerc +lat_0=${latitudeOfOrigin} +lon_0=${centralMeridian} +k=${scale} ` +
      `+x_0=${falseEasting} +y_0=${falseNorthing} ${VN2000_DATUM}`,
    geographic: false,
  };
}

/** A function from the system's coordinates to WGS84 [longitude, latitude]. */
export function projectorToWgs84(
  system: CoordinateReferenceSystem,
): (x: number, y: number) => [number, number] {
  if (system === WGS84) return (x, y) => [x, y];
  const converter = proj4(system.definition, WGS84.definition);
  return (x, y) => {
    const [longitude, latitude] = converter.forward([x, y]) as [number, number];
    return [longitude, latitude];
  };
}

function checked(system: CoordinateReferenceSystem): CoordinateReferenceSystem {
  try {
    proj4(system.definition, WGS84.definition);
  } catch {
    throw new CoordinateSystemError(
      bilingual(
        `Không đọc được định nghĩa hệ tọa độ "${system.name}"`,
        `Cannot read the coordinate system definition "${system.name}"`,
      ),
    );
  }
  return system;
}

/** "104.5", "104°30'", "104°30′", "104-30", "104 30" → 104.5 */
function parseMeridian(text: string): number {
  const match = /^\s*(\d{2,3})(?:(?:\.(\d+))|(?:\s*[°\-\s]\s*(\d{1,2})\s*['′]?))?\s*$/.exec(text);
  if (match) {
    const degrees = Number(match[1]);
    const value =
      match[2] !== undefined ? Number(`${match[1]}.${match[2]}`) : degrees + Number(match[3] ?? 0) / 60;
    if (value >= 100 && value <= 112) return value;
  }
  throw new CoordinateSystemError(
    bilingual(
      `Kinh tuyến trục "${text}" không hợp lệ (ví dụ: 104.5 hoặc 104°30')`,
      `Invalid central meridian "${text}" (e.g. 104.5 or 104°30')`,
    ),
  );
}

function formatDegreesMinutes(degrees: number): string {
  const whole = Math.floor(degrees);
  const minutes = Math.round((degrees - whole) * 60);
  return `${whole}°${String(minutes).padStart(2, '0')}'`;
}
