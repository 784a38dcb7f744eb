import { type BilingualText, bilingual } from '../bilingual';
import type { MultiPolygonCoordinates, PolygonCoordinates, Position, Ring } from './types';

export type GeometryCheck =
  | { ok: true; polygons: MultiPolygonCoordinates }
  | { ok: false; problem: BilingualText };

/**
 * Reads a GeoJSON Polygon or MultiPolygon of unknown shape into MultiPolygon coordinates of plain [x, y]
 * pairs, or says in both languages why it cannot: empty geometry, another geometry type, a coordinate
 * that is not a finite number, a ring that is not closed or has fewer than three distinct points.
 * Repeated consecutive positions are dropped (they carry no shape and would make zero-length edges).
 */
export function normalisePolygonGeometry(geometry: unknown): GeometryCheck {
  if (geometry === null || geometry === undefined) {
    return fail(bilingual('Không có hình học (geometry rỗng)', 'No geometry (empty geometry)'));
  }
  if (typeof geometry !== 'object' || !('type' in geometry)) {
    return fail(bilingual('Hình học không đúng định dạng GeoJSON', 'Geometry is not valid GeoJSON'));
  }
  const { type, coordinates } = geometry as { type: unknown; coordinates?: unknown };
  let parts: unknown[];
  if (type === 'Polygon') {
    parts = [coordinates];
  } else if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates)) return malformed();
    parts = coordinates;
  } else {
    return fail(
      bilingual(
        `Hình học không phải vùng (Polygon) mà là ${String(type)}`,
        `Geometry is not a polygon but a ${String(type)}`,
      ),
    );
  }

  const polygons: MultiPolygonCoordinates = [];
  for (let partIndex = 0; partIndex < parts.length; partIndex++) {
    const part = parts[partIndex];
    if (!Array.isArray(part)) return malformed();
    if (part.length === 0) continue;
    const polygon: PolygonCoordinates = [];
    for (let ringIndex = 0; ringIndex < part.length; ringIndex++) {
      const ring = readRing(part[ringIndex]);
      if (ring === null) return malformed();
      if (ring === 'not-finite') {
        return fail(bilingual('Có tọa độ không phải là số hữu hạn', 'A coordinate is not a finite number'));
      }
      const where = describeRing(partIndex, ringIndex, parts.length);
      if (ring.length === 0) continue;
      if (!samePosition(ring[0] as Position, ring[ring.length - 1] as Position)) {
        return fail(bilingual(`Vòng ${where.vi} không khép kín`, `Ring ${where.en} is not closed`));
      }
      if (ring.length < 4) {
        return fail(
          bilingual(
            `Vòng ${where.vi} có ít hơn 3 điểm phân biệt`,
            `Ring ${where.en} has fewer than 3 distinct points`,
          ),
        );
      }
      polygon.push(ring);
    }
    if (polygon.length > 0) polygons.push(polygon);
  }
  if (polygons.length === 0) {
    return fail(bilingual('Hình học rỗng (không có tọa độ)', 'Empty geometry (no coordinates)'));
  }
  return { ok: true, polygons };
}

function readRing(value: unknown): Ring | 'not-finite' | null {
  if (!Array.isArray(value)) return null;
  const ring: Ring = [];
  for (const position of value) {
    if (!Array.isArray(position) || position.length < 2) return null;
    const x = position[0];
    const y = position[1];
    if (typeof x !== 'number' || typeof y !== 'number') return null;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return 'not-finite';
    const previous = ring[ring.length - 1];
    if (previous && previous[0] === x && previous[1] === y) continue;
    ring.push([x, y]);
  }
  return ring;
}

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function describeRing(partIndex: number, ringIndex: number, partCount: number): BilingualText {
  const ringName =
    ringIndex === 0 ? bilingual('ngoài', 'exterior') : bilingual(`lỗ ${ringIndex}`, `hole ${ringIndex}`);
  if (partCount === 1) return ringName;
  return bilingual(`${ringName.vi} của phần ${partIndex + 1}`, `${ringName.en} of part ${partIndex + 1}`);
}

function malformed(): GeometryCheck {
  return fail(bilingual('Tọa độ hình học không đúng cấu trúc GeoJSON', 'Geometry coordinates are malformed'));
}

function fail(problem: BilingualText): GeometryCheck {
  return { ok: false, problem };
}
