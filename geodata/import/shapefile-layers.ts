import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { iter, type ZipItem } from 'but-unzip';
import { parseDbf, parseShp } from 'shpjs';
import type { BilingualError, BilingualText } from '../../server/domain/bilingual';
import { bilingual } from '../../server/domain/bilingual';
import {
  type CoordinateReferenceSystem,
  parseCoordinateSystem,
} from '../../server/domain/projections/coordinate-reference-system';

/*
 * What the boundary and incident readers share: the layers of a zipped Shapefile or of a .shp with its
 * files beside it, parsing one layer, choosing a layer, and the legacy GeoJSON "crs" member. Each reader
 * passes `fail`, which makes its own error class from a bilingual message.
 */

export type MakeError = (text: BilingualText) => BilingualError;

/** The files of one Shapefile layer; .prj and .cpg as text. */
export interface ShapefileParts {
  shp?: Uint8Array;
  dbf?: Uint8Array;
  prj?: string;
  cpg?: string;
}

/** One layer of a zip, named by its path in the zip without extension; its files are read on demand. */
export interface ZippedLayer {
  name: string;
  shp?: ZipItem;
  dbf?: ZipItem;
  prj?: ZipItem;
  cpg?: ZipItem;
}

/**
 * The layers of a zip, in the zip's order. Folders, `__MACOSX` entries, `._` files and every file other
 * than .shp, .dbf, .prj and .cpg (.shx, .sbn, .sbx, .shp.xml, .DS_Store, …) are ignored.
 */
export function zippedLayers(bytes: Uint8Array, fail: MakeError): ZippedLayer[] {
  const layers = new Map<string, ZippedLayer>();
  try {
    if (!hasEndOfCentralDirectory(bytes)) throw new Error('no end of central directory record');
    for (const entry of iter(bytes)) {
      const name = entry.filename;
      const file = name.split('/').pop() ?? name;
      if (name.includes('__MACOSX') || file.startsWith('._') || name.endsWith('/')) continue;
      const match = /^(.*)\.(shp|dbf|prj|cpg)$/i.exec(name);
      if (!match) continue;
      const key = match[1] as string;
      const kind = (match[2] as string).toLowerCase() as 'shp' | 'dbf' | 'prj' | 'cpg';
      const layer = layers.get(key) ?? { name: key };
      layer[kind] = entry;
      layers.set(key, layer);
    }
  } catch (error) {
    throw zipError(error, fail);
  }
  return [...layers.values()];
}

/**
 * Whether the zip's closing record is where it must be. but-unzip (0.1.10) searches for it backwards and,
 * when it is missing (a damaged or truncated file, or any file starting with "PK"), searches forever.
 */
export function hasEndOfCentralDirectory(bytes: Uint8Array): boolean {
  const last = bytes.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 5 && bytes[at + 3] === 6)
      return true;
  }
  return false;
}

/** The files of a zipped layer, decompressed. */
export async function readZippedLayer(layer: ZippedLayer, fail: MakeError): Promise<ShapefileParts> {
  const parts: ShapefileParts = {};
  try {
    if (layer.shp) parts.shp = await layer.shp.read();
    if (layer.dbf) parts.dbf = await layer.dbf.read();
    if (layer.prj) parts.prj = new TextDecoder().decode(await layer.prj.read()).trim();
    if (layer.cpg) parts.cpg = new TextDecoder().decode(await layer.cpg.read()).trim();
  } catch (error) {
    throw zipError(error, fail);
  }
  return parts;
}

function zipError(error: unknown, fail: MakeError): BilingualError {
  return fail(
    bilingual(
      `Không đọc được tệp nén zip (${(error as Error).message})`,
      `Cannot read the zip file (${(error as Error).message})`,
    ),
  );
}

/** A .shp file and the .dbf, .prj and .cpg of the same name beside it (extension in either case). */
export function shapefileBeside(path: string): { parts: ShapefileParts; layer: string } {
  const base = path.slice(0, -4);
  const sibling = (extension: string) =>
    [extension, extension.toUpperCase()].map((e) => `${base}.${e}`).find(existsSync);
  const parts: ShapefileParts = { shp: readFileSync(path) };
  const dbf = sibling('dbf');
  const prj = sibling('prj');
  const cpg = sibling('cpg');
  if (dbf) parts.dbf = readFileSync(dbf);
  if (prj) parts.prj = readFileSync(prj, 'utf8').trim();
  if (cpg) parts.cpg = readFileSync(cpg, 'utf8').trim();
  return { parts, layer: basename(base) };
}

/** Geometries (as stored, not reprojected) and attribute records of a layer. */
export function parseShapefile(
  parts: ShapefileParts,
  layer: string,
  fail: MakeError,
): { geometries: (GeoJSON.Geometry | null)[]; records: Record<string, unknown>[] } {
  try {
    const geometries = parseShp(parts.shp as Uint8Array);
    const records = parts.dbf ? parseDbf(parts.dbf, parts.cpg) : [];
    return { geometries, records };
  } catch (error) {
    throw fail(
      bilingual(
        `Không đọc được Shapefile ${layer} (${(error as Error).message})`,
        `Cannot read Shapefile ${layer} (${(error as Error).message})`,
      ),
    );
  }
}

/** The shape type a .shp file's header declares (1 point, 3 line, 5 polygon, 8 multipoint, …), or null. */
export function shapeTypeOf(shp: Uint8Array): number | null {
  if (shp.byteLength < 100) return null;
  return new DataView(shp.buffer, shp.byteOffset, shp.byteLength).getInt32(32, true);
}

/** The requested layer (matched case-blind, by full path or by file name), or the only one there is. */
export function chooseLayer(names: string[], requested: string | undefined, kind: string, fail: MakeError) {
  if (requested) {
    const found = findLayer(names, requested);
    if (found) return found;
    throw fail(
      bilingual(
        `Không có lớp "${requested}" trong tệp ${kind}. Các lớp có: ${names.join(', ')}`,
        `The ${kind} file has no layer "${requested}". Its layers: ${names.join(', ')}`,
      ),
    );
  }
  if (names.length === 1) return names[0] as string;
  throw fail(
    bilingual(
      `Tệp ${kind} có ${names.length} lớp; chọn một bằng --layer: ${names.join(', ')}`,
      `The ${kind} file has ${names.length} layers; choose one with --layer: ${names.join(', ')}`,
    ),
  );
}

/** The layer named `requested` (case-blind, by full path or by file name), if there is one. */
export function findLayer(names: readonly string[], requested: string): string | undefined {
  const wanted = requested.toLowerCase();
  return names.find(
    (name) => name.toLowerCase() === wanted || (name.split('/').pop() ?? '').toLowerCase() === wanted,
  );
}

/** The legacy GeoJSON "crs" member (GeoJSON 2008), still written by GDAL and QGIS for projected files. */
export function geoJsonCoordinateSystem(crs: unknown): CoordinateReferenceSystem | null {
  if (!isObject(crs) || !isObject(crs.properties) || typeof crs.properties.name !== 'string') return null;
  const name = crs.properties.name;
  if (/CRS84$/i.test(name)) return parseCoordinateSystem('EPSG:4326');
  const code = /EPSG:{1,2}(\d+)$/i.exec(name)?.[1];
  return code ? parseCoordinateSystem(`EPSG:${code}`) : null;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
