import type { MultiPolygonCoordinates, Ring } from './types';

/** Twice the signed planar area of a closed ring: positive when counter-clockwise. */
export function signedRingArea(ring: Ring): number {
  let sum = 0;
  for (let k = 0; k < ring.length - 1; k++) {
    const a = ring[k] as number[];
    const b = ring[k + 1] as number[];
    sum += (a[0] as number) * (b[1] as number) - (b[0] as number) * (a[1] as number);
  }
  return sum;
}

/**
 * Winds rings as RFC 7946 §3.1.6 asks: exterior rings counter-clockwise, holes clockwise. Shapefiles wind
 * the other way round, and renderers that classify rings by winding draw wrongly wound holes as islands.
 * Returns new arrays; the input is not changed.
 */
export function orientRings(polygons: MultiPolygonCoordinates): MultiPolygonCoordinates {
  return polygons.map((polygon) =>
    polygon.map((ring, index) => {
      const counterClockwise = signedRingArea(ring) > 0;
      const wantCounterClockwise = index === 0;
      return counterClockwise === wantCounterClockwise ? ring : [...ring].reverse();
    }),
  );
}
