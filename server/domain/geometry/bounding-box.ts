import type { BoundingBox, MultiPolygonCoordinates } from './types';

export function boundingBoxOf(polygons: MultiPolygonCoordinates): BoundingBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const polygon of polygons) {
    // The exterior ring bounds its holes, so holes need not be visited.
    for (const position of polygon[0] ?? []) {
      const x = position[0] as number;
      const y = position[1] as number;
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

export function unionOfBoundingBoxes(boxes: readonly BoundingBox[]): BoundingBox | null {
  if (boxes.length === 0) return null;
  const result: BoundingBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const box of boxes) {
    result[0] = Math.min(result[0], box[0]);
    result[1] = Math.min(result[1], box[1]);
    result[2] = Math.max(result[2], box[2]);
    result[3] = Math.max(result[3], box[3]);
  }
  return result;
}
