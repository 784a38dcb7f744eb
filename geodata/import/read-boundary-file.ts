import { existsSync, readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { feature as topologyFeature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { BilingualError, type BilingualText, bilingual } from '../../server/domain/bilingual';
import type { SourceFeature } from '../../server/domain/boundaries/prepare-boundary-units';
import {
  type CoordinateReferenceSystem,
  coordinateSystemFromWkt,
} from '../../server/domain/projections/coordinate-reference-system';
import {
  chooseLayer as chooseFrom,
  geoJsonCoordinateSystem,
  isObject,
  parseShapefile,
  readZippedLayer,
  type ShapefileParts,
  shapefileBeside,
  type ZippedLayer,
  zippedLayers,
} from './shapefile-layers';

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

const fail = (text: BilingualText) => new BoundaryFileError(text);

async function readZippedShapefile(bytes: Buffer, layer: string | undefined): Promise<BoundaryFile> {
  const layers = zippedLayers(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), fail);
  const withGeometry = layers.filter((entry) => entry.shp);
  if (withGeometry.length === 0) {
    throw new BoundaryFileError(
      bilingual('Tệp zip không chứa tệp .shp nào', 'The zip file holds no .shp file'),
    );
  }
  const chosen = chooseLayer(
    withGeometry.map((entry) => entry.name),
    layer,
    'zip',
  );
  const entry = withGeometry.find((candidate) => candidate.name === chosen) as ZippedLayer;
  return shapefile(await readZippedLayer(entry, fail), chosen);
}

function readShapefileBesideOthers(path: string): BoundaryFile {
  const { parts, layer } = shapefileBeside(path);
  return shapefile(parts, layer);
}

function shapefile(parts: ShapefileParts, layer: string): BoundaryFile {
  const { geometries, records } = parseShapefile(parts, layer, fail);
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
  return chooseFrom(names, requested, kind, fail);
}

function propertyNamesOf(features: readonly SourceFeature[]): string[] {
  const names = new Set<string>();
  for (const feature of features) for (const name of Object.keys(feature.properties ?? {})) names.add(name);
  return [...names];
}
