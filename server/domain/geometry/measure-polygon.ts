import turfArea from '@turf/area';
import polylabel from 'polylabel';
import { signedRingArea } from './orient-rings';
import type { MultiPolygonCoordinates, Position } from './types';

/**
 * Geodesic area in km² of a MultiPolygon in WGS84 longitude/latitude, by Turf's spherical formula
 * (Chamberlain & Duquette, "Some algorithms for polygons on a sphere", JPL 2007), the one QGIS and
 * PostGIS use for ellipsoid-free areas; within about 0.5 % of the ellipsoidal area at Vietnam's latitudes.
 */
export function areaSquareKilometres(polygons: MultiPolygonCoordinates): number {
  return turfArea({ type: 'MultiPolygon', coordinates: polygons }) / 1_000_000;
}

/**
 * Where to put a unit's label: the pole of inaccessibility (polylabel, Agafonkin 2016) of its largest
 * part, the interior point farthest from the boundary, so labels of crescent or ring-shaped communes fall
 * inside them. `precision` is in coordinate units (0.0005° is about 50 m).
 */
export function labelPoint(polygons: MultiPolygonCoordinates, precision = 0.0005): Position {
  let largest = polygons[0];
  let largestArea = -Infinity;
  for (const polygon of polygons) {
    const area = Math.abs(signedRingArea(polygon[0] ?? []));
    if (area > largestArea) {
      largestArea = area;
      largest = polygon;
    }
  }
  if (!largest) throw new Error('labelPoint needs at least one polygon');
  const point = polylabel(largest as [number, number][][], precision);
  return [point[0] as number, point[1] as number];
}
