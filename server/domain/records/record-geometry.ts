import { type BilingualText, bilingual } from '../bilingual';
import { findSelfIntersection } from '../geometry/find-self-intersection';
import { areaSquareKilometres, labelPoint } from '../geometry/measure-polygon';
import { normalisePolygonGeometry } from '../geometry/normalise-polygon-geometry';
import type { MultiPolygonCoordinates } from '../geometry/types';

/** A site drawn on the map: one point, or an area for flashpoints that cover land. */
export type RecordGeometry =
  | { type: 'Point'; coordinates: [number, number] }
  | { type: 'Polygon'; coordinates: MultiPolygonCoordinates[number] }
  | { type: 'MultiPolygon'; coordinates: MultiPolygonCoordinates };

export interface CheckedGeometry {
  ok: true;
  geometry: RecordGeometry;
  /**
   * The point that stands for the site: the point itself, or the pole of inaccessibility of an area (inside
   * it even when it is ring- or crescent-shaped). It decides the commune the site belongs to.
   */
  anchor: [number, number];
  /** The area's size in hectares (2 decimals), null for a point. */
  areaHa: number | null;
}

export type GeometryCheckResult = CheckedGeometry | { ok: false; problem: BilingualText };

/** Enough vertices for any hand-drawn or imported site outline; more is a mistake or an abuse. */
export const MAXIMUM_VERTICES = 20_000;

const COORDINATE_PRECISION = 1e7;

/**
 * Checks a site's GeoJSON geometry: a Point, or (when `allowAreas`) a Polygon or MultiPolygon whose rings
 * are closed, have three or more distinct points and do not cross themselves, every coordinate a WGS84
 * longitude/latitude in range. Coordinates are rounded to 7 decimals (about 1 cm). Says in both languages
 * what is wrong otherwise.
 */
export function checkRecordGeometry(geometry: unknown, allowAreas: boolean): GeometryCheckResult {
  if (typeof geometry !== 'object' || geometry === null || !('type' in geometry)) {
    return fail(bilingual('Hình học không đúng định dạng GeoJSON', 'The geometry is not valid GeoJSON'));
  }
  const type = (geometry as { type: unknown }).type;
  const coordinates = (geometry as { coordinates?: unknown }).coordinates;
  if (type === 'Point') return checkPoint(coordinates);
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    return fail(
      allowAreas
        ? bilingual(
            `Hình học phải là điểm (Point) hoặc vùng (Polygon, MultiPolygon), không phải ${String(type)}`,
            `The geometry must be a Point, Polygon or MultiPolygon, not ${String(type)}`,
          )
        : bilingual(
            `Hình học phải là điểm (Point), không phải ${String(type)}`,
            `The geometry must be a Point, not ${String(type)}`,
          ),
    );
  }
  if (!allowAreas) {
    return fail(
      bilingual(
        'Tụ điểm chỉ được đánh dấu bằng một điểm (Point)',
        'A vice spot can only be marked with a point (Point)',
      ),
    );
  }
  if (countPositions(coordinates) > MAXIMUM_VERTICES) {
    return fail(
      bilingual(
        `Vùng có quá nhiều đỉnh (tối đa ${MAXIMUM_VERTICES})`,
        `The area has too many vertices (at most ${MAXIMUM_VERTICES})`,
      ),
    );
  }
  const normalised = normalisePolygonGeometry({ type, coordinates });
  if (!normalised.ok) return normalised;
  const polygons = normalised.polygons.map((polygon) =>
    polygon.map((ring) =>
      ring.map((position) => [round(position[0] as number), round(position[1] as number)]),
    ),
  );
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const position of ring) {
        const problem = rangeProblem(position[0] as number, position[1] as number);
        if (problem) return fail(problem);
      }
    }
  }
  const crossing = findSelfIntersection(polygons);
  if (crossing) {
    const where = `${crossing[0]}, ${crossing[1]}`;
    return fail(
      bilingual(
        `Ranh giới vùng tự cắt nhau tại (${where})`,
        `The area's boundary crosses itself at (${where})`,
      ),
    );
  }
  const anchor = labelPoint(polygons, 0.00001);
  const areaHa = Math.round(areaSquareKilometres(polygons) * 100 * 100) / 100;
  return {
    ok: true,
    geometry:
      type === 'Polygon' && polygons.length === 1
        ? { type: 'Polygon', coordinates: polygons[0] as MultiPolygonCoordinates[number] }
        : { type: 'MultiPolygon', coordinates: polygons },
    anchor: [round(anchor[0] as number), round(anchor[1] as number)],
    areaHa,
  };
}

/** Why a longitude/latitude pair is not a WGS84 position, or null. */
export function rangeProblem(longitude: number, latitude: number): BilingualText | null {
  if (!Number.isFinite(longitude) || !Number.isFinite(latitude)) {
    return bilingual('Có tọa độ không phải là số hữu hạn', 'A coordinate is not a finite number');
  }
  if (longitude < -180 || longitude > 180 || latitude < -90 || latitude > 90) {
    return bilingual(
      `Tọa độ (${longitude}, ${latitude}) nằm ngoài phạm vi WGS84 (kinh độ −180 đến 180, vĩ độ −90 đến 90)`,
      `The position (${longitude}, ${latitude}) is outside WGS84 (longitude −180 to 180, latitude −90 to 90)`,
    );
  }
  return null;
}

function checkPoint(coordinates: unknown): GeometryCheckResult {
  if (
    !Array.isArray(coordinates) ||
    coordinates.length < 2 ||
    coordinates.length > 3 ||
    typeof coordinates[0] !== 'number' ||
    typeof coordinates[1] !== 'number'
  ) {
    return fail(
      bilingual(
        'Tọa độ điểm phải là [kinh độ, vĩ độ]',
        "A point's coordinates must be [longitude, latitude]",
      ),
    );
  }
  const problem = rangeProblem(coordinates[0], coordinates[1]);
  if (problem) return fail(problem);
  const point: [number, number] = [round(coordinates[0]), round(coordinates[1])];
  return { ok: true, geometry: { type: 'Point', coordinates: point }, anchor: point, areaHa: null };
}

function countPositions(value: unknown, depth = 0): number {
  if (!Array.isArray(value) || depth > 3) return 0;
  if (depth === 3 || typeof value[0] === 'number') return 1;
  let count = 0;
  for (const item of value) {
    count += countPositions(item, depth + 1);
    if (count > MAXIMUM_VERTICES) break;
  }
  return count;
}

function round(value: number): number {
  return Math.round(value * COORDINATE_PRECISION) / COORDINATE_PRECISION;
}

function fail(problem: BilingualText): { ok: false; problem: BilingualText } {
  return { ok: false, problem };
}
