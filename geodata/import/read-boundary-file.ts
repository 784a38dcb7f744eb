import { existsSync, readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { iter } from 'but-unzip';
import { parseDbf, parseShp } from 'shpjs';
import { feature as topologyFeature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { BilingualError, bilingual } from '../../server/domain/bilingual';
import type { SourceFeature } from '../../server/domain/boundaries/prepare-boundary-units';
import {
  type CoordinateReferenceSystem,
  coordinateSystemFromWkt,
  parseCoordinateSystem,
} from '../../server/domain/projections/coordinate-reference-system';

export type BoundaryFileFormat = 'geojson' | 'topojson' | 'shapefile';

export interface BoundaryFile {
  format: BoundaryFileFormat;
  /** The TopoJSON object or shapefile layer read, when the file could hold several. */
  layer: string | null;
  features: SourceFeature[];
  /** Every attribute name that occurs, in order of first appearance. */
  propertyNames: string[];
  /** The system the file declares (a .prj, a GeoJSON "crs" member), or null. */
  declaredCoordinateSystem: CoordinateReferenceSystem | null;
}

export class BoundaryFileError extends BilingualError {}

/**
 * Reads a boundary file: GeoJSON, TopoJSON, a zipped Shapefile (with its .dbf, .prj and .cpg; folders,
 * `__MACOSX` entries and other files in the zip are ignored) or a .shp with those files beside it. Where a
 * file holds several layers, `layer` chooses one; without it, a file with several is an error that lists
 * them.
 */
export async function readBoundaryFile(path: string, layer?: string): Promise<BoundaryFile> {
  if (!existsSync(path)) {
    throw new BoundaryFileError(bilingual(`Không tìm thấy tệp ${path}`, `File not found: ${path}`));
  }
  const bytes = readFileSync(path);
  const extension = extname(path).toLowerCase();
  if (extension === '.zip' || (bytes[0] === 0x50 && bytes[1] === 0x4b))
    return readZippedShapefile(bytes, layer);
  if (extension === '.shp') return readShapefileBesideOthers(path);
  return readJson(bytes, path, layer);
}

function readJson(bytes: Buffer, path: string, layer: string | undefined): BoundaryFile {
  let document: unknown;
  try {
    document = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new BoundaryFileError(
      bilingual(
        `Tệp ${basename(path)} không phải JSON hợp lệ (${(error as Error).message})`,
        `${basename(path)} is not valid JSON (${(error as Error).message})`,
      ),
    );
  }
  if (!isObject(document)) throw notGeoJson(path);
  if (document.type === 'Topology') return readTopology(document as unknown as Topology, layer);
  const features = geoJsonFeatures(document, path);
  return {
    format: 'geojson',
    layer: null,
    features,
    propertyNames: propertyNamesOf(features),
    declaredCoordinateSystem: geoJsonCoordinateSystem(document.crs),
  };
}

function geoJsonFeatures(document: Record<string, unknown>, path: string): SourceFeature[] {
  if (document.type === 'FeatureCollection' && Array.isArray(document.features)) {
    return document.features.map((item) => toSourceFeature(item));
  }
  if (document.type === 'Feature') return [toSourceFeature(document)];
  if (document.type === 'Polygon' || document.type === 'MultiPolygon')
    return [{ geometry: document, properties: {} }];
  throw notGeoJson(path);
}

function toSourceFeature(item: unknown): SourceFeature {
  if (!isObject(item)) return { geometry: null, properties: {} };
  const properties = isObject(item.properties) ? item.properties : {};
  return { geometry: item.geometry ?? null, properties };
}

function notGeoJson(path: string): BoundaryFileError {
  return new BoundaryFileError(
    bilingual(
      `Tệp ${basename(path)} không phải GeoJSON (FeatureCollection) hay TopoJSON`,
      `${basename(path)} is neither GeoJSON (a FeatureCollection) nor TopoJSON`,
    ),
  );
}

/** The legacy GeoJSON "crs" member (GeoJSON 2008), still written by GDAL and QGIS for projected files. */
function geoJsonCoordinateSystem(crs: unknown): CoordinateReferenceSystem | null {
  if (!isObject(crs) || !isObject(crs.properties) || typeof crs.properties.name !== 'string') return null;
  const name = crs.properties.name;
  if (/CRS84$/i.test(name)) return parseCoordinateSystem('EPSG:4326');
  const code = /EPSG:{1,2}(\d+)$/i.exec(name)?.[1];
  return code ? parseCoordinateSystem(`EPSG:${code}`) : null;
}

function readTopology(topology: Topology, layer: string | undefined): BoundaryFile {
  const names = Object.keys(topology.objects ?? {});
  const chosen = chooseLayer(names, layer, 'TopoJSON');
  const collection = topologyFeature(topology, topology.objects[chosen] as never) as unknown as {
    features?: unknown[];
    type: string;
  };
  const features = (collection.features ?? [collection]).map((item) => toSourceFeature(item));
  return {
    format: 'topojson',
    layer: chosen,
    features,
    propertyNames: propertyNamesOf(features),
    declaredCoordinateSystem: null,
  };
}

interface ShapefileParts {
  shp?: Uint8Array;
  dbf?: Uint8Array;
  prj?: string;
  cpg?: string;
}

async function readZippedShapefile(bytes: Buffer, layer: string | undefined): Promise<BoundaryFile> {
  const layers = new Map<string, ShapefileParts>();
  try {
    for (const entry of iter(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))) {
      const name = entry.filename;
      const file = name.split('/').pop() ?? name;
      if (name.includes('__MACOSX') || file.startsWith('._') || name.endsWith('/')) continue;
      const match = /^(.*)\.(shp|dbf|prj|cpg)$/i.exec(name);
      if (!match) continue;
      const key = match[1] as string;
      const kind = (match[2] as string).toLowerCase() as keyof ShapefileParts;
      const parts = layers.get(key) ?? {};
      const content = await entry.read();
      if (kind === 'shp' || kind === 'dbf') parts[kind] = content;
      else parts[kind] = new TextDecoder().decode(content).trim();
      layers.set(key, parts);
    }
  } catch (error) {
    throw new BoundaryFileError(
      bilingual(
        `Không đọc được tệp nén zip (${(error as Error).message})`,
        `Cannot read the zip file (${(error as Error).message})`,
      ),
    );
  }
  const withGeometry = [...layers.entries()].filter(([, parts]) => parts.shp);
  if (withGeometry.length === 0) {
    throw new BoundaryFileError(
      bilingual('Tệp zip không chứa tệp .shp nào', 'The zip file holds no .shp file'),
    );
  }
  const chosen = chooseLayer(
    withGeometry.map(([key]) => key),
    layer,
    'zip',
  );
  return shapefile(layers.get(chosen) as ShapefileParts, chosen);
}

function readShapefileBesideOthers(path: string): BoundaryFile {
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
  return shapefile(parts, basename(base));
}

function shapefile(parts: ShapefileParts, layer: string): BoundaryFile {
  let geometries: (GeoJSON.Geometry | null)[];
  let records: Record<string, unknown>[] = [];
  try {
    geometries = parseShp(parts.shp as Uint8Array);
    if (parts.dbf) records = parseDbf(parts.dbf, parts.cpg);
  } catch (error) {
    throw new BoundaryFileError(
      bilingual(
        `Không đọc được Shapefile ${layer} (${(error as Error).message})`,
        `Cannot read Shapefile ${layer} (${(error as Error).message})`,
      ),
    );
  }
  const features = geometries.map((geometry, index) => ({ geometry, properties: records[index] ?? {} }));
  return {
    format: 'shapefile',
    layer,
    features,
    propertyNames: propertyNamesOf(features),
    declaredCoordinateSystem: parts.prj ? coordinateSystemFromWkt(parts.prj) : null,
  };
}

/** The requested layer (matched case-blind, by full path or by file name), or the only one there is. */
function chooseLayer(names: string[], requested: string | undefined, kind: string): string {
  if (requested) {
    const wanted = requested.toLowerCase();
    const found = names.find(
      (name) => name.toLowerCase() === wanted || (name.split('/').pop() ?? '').toLowerCase() === wanted,
    );
    if (found) return found;
    throw new BoundaryFileError(
      bilingual(
        `Không có lớp "${requested}" trong tệp ${kind}. Các lớp có: ${names.join(', ')}`,
        `The ${kind} file has no layer "${requested}". Its layers: ${names.join(', ')}`,
      ),
    );
  }
  if (names.length === 1) return names[0] as string;
  throw new BoundaryFileError(
    bilingual(
      `Tệp ${kind} có ${names.length} lớp; chọn một bằng --layer: ${names.join(', ')}`,
      `The ${kind} file has ${names.length} layers; choose one with --layer: ${names.join(', ')}`,
    ),
  );
}

function propertyNamesOf(features: readonly SourceFeature[]): string[] {
  const names = new Set<string>();
  for (const feature of features) for (const name of Object.keys(feature.properties ?? {})) names.add(name);
  return [...names];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
