import { BilingualError, bilingual } from '../bilingual';
import { normalisePolygonGeometry } from '../geometry/normalise-polygon-geometry';
import type { MultiPolygonCoordinates } from '../geometry/types';

/** What a spatial statistic runs on: one value per polygon or per point, with the ids to report them by. */
export interface AnalysisFeatures {
  ids: (string | number)[];
  values: Float64Array;
  /** Either polygons (contiguity, or centroids for distances) or points, never both. */
  polygons: MultiPolygonCoordinates[] | null;
  points: { x: Float64Array; y: Float64Array } | null;
}

export class AnalysisInputError extends BilingualError {}

/**
 * The features of a GeoJSON FeatureCollection of polygons or of points, with the numeric property `field`
 * and, when `idField` is given, that property as the id (else the feature's id, else its position from 1).
 * Every feature must have a geometry of the collection's kind and a finite value: a statistic computed
 * over a silently shortened list would be wrong, so the first offending features are named instead.
 */
export function analysisFeaturesFromGeoJson(
  collection: unknown,
  field: string,
  idField?: string,
): AnalysisFeatures {
  const features = (collection as { type?: unknown; features?: unknown } | null)?.features;
  if ((collection as { type?: unknown } | null)?.type !== 'FeatureCollection' || !Array.isArray(features)) {
    throw new AnalysisInputError(
      bilingual('Tệp không phải GeoJSON FeatureCollection', 'The file is not a GeoJSON FeatureCollection'),
    );
  }
  if (features.length === 0) {
    throw new AnalysisInputError(bilingual('Tệp không có đối tượng nào', 'The file has no features'));
  }
  const named = new Set<string>();
  for (const feature of features as { properties?: Record<string, unknown> | null }[]) {
    for (const name of Object.keys(feature?.properties ?? {})) named.add(name);
  }
  if (!named.has(field)) {
    const available = [...named].slice(0, 30).join(', ');
    throw new AnalysisInputError(
      bilingual(
        `Không đối tượng nào có thuộc tính "${field}"; các thuộc tính có: ${available}`,
        `No feature has a property "${field}"; the properties are: ${available}`,
      ),
    );
  }
  const ids: (string | number)[] = [];
  const values = new Float64Array(features.length);
  const polygons: MultiPolygonCoordinates[] = [];
  const pointX: number[] = [];
  const pointY: number[] = [];
  const problems: string[][] = [];
  let kind: 'polygon' | 'point' | null = null;

  features.forEach((feature: unknown, index) => {
    const { geometry, properties, id } = (feature ?? {}) as {
      geometry?: { type?: unknown; coordinates?: unknown } | null;
      properties?: Record<string, unknown> | null;
      id?: unknown;
    };
    const position = index + 1;
    const ownId = idField === undefined ? id : properties?.[idField];
    ids.push(typeof ownId === 'string' || typeof ownId === 'number' ? ownId : position);

    const raw = properties?.[field];
    const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push([
        `#${position}: "${field}" = ${JSON.stringify(raw ?? null)} không phải số`,
        `#${position}: "${field}" = ${JSON.stringify(raw ?? null)} is not a number`,
      ]);
    } else values[index] = value;

    const type = geometry?.type;
    const featureKind =
      type === 'Point' ? 'point' : type === 'Polygon' || type === 'MultiPolygon' ? 'polygon' : null;
    if (featureKind === null || (kind !== null && featureKind !== kind)) {
      problems.push([
        `#${position}: hình ${String(type ?? 'trống')} không dùng được (cần toàn đa giác hoặc toàn điểm)`,
        `#${position}: geometry ${String(type ?? 'missing')} cannot be used (all polygons or all points)`,
      ]);
      return;
    }
    kind = featureKind;
    if (featureKind === 'point') {
      const [x, y] = (geometry?.coordinates ?? []) as unknown[];
      if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
        problems.push([`#${position}: tọa độ điểm không hợp lệ`, `#${position}: invalid point coordinates`]);
      }
      pointX.push(Number(x));
      pointY.push(Number(y));
      return;
    }
    const check = normalisePolygonGeometry(geometry);
    if (!check.ok) {
      problems.push([`#${position}: ${check.problem.vi}`, `#${position}: ${check.problem.en}`]);
      return;
    }
    polygons.push(check.polygons);
  });

  if (problems.length > 0) {
    const shown = problems.slice(0, 5);
    const more = problems.length > 5 ? ` (+${problems.length - 5})` : '';
    throw new AnalysisInputError(
      bilingual(
        `${shown.map((problem) => problem[0]).join('; ')}${more}`,
        `${shown.map((problem) => problem[1]).join('; ')}${more}`,
      ),
    );
  }
  return {
    ids,
    values,
    polygons: kind === 'polygon' ? polygons : null,
    points: kind === 'point' ? { x: Float64Array.from(pointX), y: Float64Array.from(pointY) } : null,
  };
}
