import { BilingualError, bilingual } from '../bilingual';
import type { MultiPolygonCoordinates, Ring } from '../geometry/types';
import { emptyInput } from './weights-operations';

/**
 * Area-weighted centroids of multipolygons, in the coordinates' own planar unit (what libpysal and spdep use
 * as points for distance weights on polygons: shapely / GEOS `centroid`, sf `st_centroid`). Holes are
 * subtracted; every part counts by its area whatever its ring orientation. When the total area is zero
 * (a degenerate sliver), the centroid of the largest part is used, and failing that the mean of the outer
 * ring's vertices. Sums are taken relative to the first vertex so that projected coordinates in the
 * millions of metres keep their precision.
 */
export function polygonCentroids(polygons: readonly MultiPolygonCoordinates[]): {
  x: Float64Array;
  y: Float64Array;
} {
  if (polygons.length === 0) throw emptyInput();
  const x = new Float64Array(polygons.length);
  const y = new Float64Array(polygons.length);
  for (let polygonNumber = 0; polygonNumber < polygons.length; polygonNumber++) {
    const polygon = polygons[polygonNumber] as MultiPolygonCoordinates;
    const origin = polygon[0]?.[0]?.[0];
    if (!origin || !Number.isFinite(origin[0]) || !Number.isFinite(origin[1])) {
      throw new BilingualError(
        bilingual(
          `Đối tượng ${polygonNumber} không có hình dạng vùng hợp lệ.`,
          `Observation ${polygonNumber} has no valid polygon geometry.`,
        ),
      );
    }
    const originX = origin[0] as number;
    const originY = origin[1] as number;
    let area = 0;
    let momentX = 0;
    let momentY = 0;
    let largestPartArea = 0;
    let largestPart = -1;
    for (let partNumber = 0; partNumber < polygon.length; partNumber++) {
      const part = polygon[partNumber] as Ring[];
      for (let ringNumber = 0; ringNumber < part.length; ringNumber++) {
        const ring = ringMoments(part[ringNumber] as Ring, originX, originY);
        // Outer rings add and holes subtract, whichever way each ring is wound.
        const sign = (ringNumber === 0 ? 1 : -1) * Math.sign(ring.area);
        area += sign * ring.area;
        momentX += sign * ring.momentX;
        momentY += sign * ring.momentY;
        if (ringNumber === 0 && Math.abs(ring.area) > largestPartArea) {
          largestPartArea = Math.abs(ring.area);
          largestPart = partNumber;
        }
      }
    }
    if (area > 0) {
      x[polygonNumber] = originX + momentX / area;
      y[polygonNumber] = originY + momentY / area;
    } else if (largestPart >= 0) {
      const outer = ringMoments((polygon[largestPart] as Ring[])[0] as Ring, originX, originY);
      x[polygonNumber] = originX + outer.momentX / outer.area;
      y[polygonNumber] = originY + outer.momentY / outer.area;
    } else {
      const ring = (polygon[0] as Ring[])[0] as Ring;
      const closed = ring.length > 1 && samePosition(ring[0] as number[], ring[ring.length - 1] as number[]);
      const used = closed ? ring.length - 1 : ring.length;
      let sumX = 0;
      let sumY = 0;
      for (let position = 0; position < used; position++) {
        sumX += ((ring[position] as number[])[0] as number) - originX;
        sumY += ((ring[position] as number[])[1] as number) - originY;
      }
      x[polygonNumber] = originX + sumX / used;
      y[polygonNumber] = originY + sumY / used;
    }
  }
  return { x, y };
}

/** Signed area and first moments (area × centroid) of one ring by the shoelace formula, about an origin. */
function ringMoments(
  ring: Ring,
  originX: number,
  originY: number,
): { area: number; momentX: number; momentY: number } {
  let twiceArea = 0;
  let sixTimesMomentX = 0;
  let sixTimesMomentY = 0;
  const length = ring.length;
  for (let position = 0; position < length; position++) {
    const from = ring[position] as number[];
    const to = ring[(position + 1) % length] as number[];
    const fromX = (from[0] as number) - originX;
    const fromY = (from[1] as number) - originY;
    const toX = (to[0] as number) - originX;
    const toY = (to[1] as number) - originY;
    const cross = fromX * toY - toX * fromY;
    twiceArea += cross;
    sixTimesMomentX += (fromX + toX) * cross;
    sixTimesMomentY += (fromY + toY) * cross;
  }
  return { area: twiceArea / 2, momentX: sixTimesMomentX / 6, momentY: sixTimesMomentY / 6 };
}

function samePosition(first: number[], second: number[]): boolean {
  return first[0] === second[0] && first[1] === second[1];
}
