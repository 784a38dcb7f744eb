import type { MultiPolygonCoordinates } from '../domain/geometry/types';
import { kernelDensityContours } from '../domain/point-patterns/kernel-density';
import { projectToLocalMetres } from '../domain/projections/local-metres';

/** Cells of the density grid aimed at: fine enough for a province, bounded for the whole country. */
const TARGET_CELLS = 1_000_000;
const SQUARE_METRES_PER_KM2 = 1_000_000;

/**
 * The kernel density of incidents (quartic kernel, the radius in metres) as contour polygons in
 * longitude/latitude, levels in incidents per km²: the surface is computed in the UTM zone of the points.
 * The cell is a fifth of the radius unless given, and coarser when the area would need more than a
 * million cells.
 */
export function incidentDensity(
  longitudes: Float64Array,
  latitudes: Float64Array,
  options: { bandwidthMetres: number; cellSizeMetres?: number | undefined; levelCount: number },
) {
  const computation = {
    kernel: 'quartic',
    bandwidthMetres: options.bandwidthMetres,
    cellSizeMetres: options.cellSizeMetres ?? options.bandwidthMetres / 5,
    incidents: longitudes.length,
    unit: 'incidents per km²',
    levels: [] as number[],
  };
  if (longitudes.length === 0) return { type: 'FeatureCollection' as const, computation, features: [] };
  const { x, y, toLongitudeLatitude } = projectToLocalMetres(longitudes, latitudes);
  if (options.cellSizeMetres === undefined) {
    let [minimumX, minimumY, maximumX, maximumY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let index = 0; index < x.length; index++) {
      minimumX = Math.min(minimumX, x[index] as number);
      maximumX = Math.max(maximumX, x[index] as number);
      minimumY = Math.min(minimumY, y[index] as number);
      maximumY = Math.max(maximumY, y[index] as number);
    }
    const margin = 2 * options.bandwidthMetres;
    const area = (maximumX - minimumX + margin) * (maximumY - minimumY + margin);
    computation.cellSizeMetres = Math.max(
      options.bandwidthMetres / 5,
      Math.ceil(Math.sqrt(area / TARGET_CELLS)),
    );
  }
  const result = kernelDensityContours(x, y, {
    bandwidth: options.bandwidthMetres,
    cellSize: computation.cellSizeMetres,
    levelCount: options.levelCount,
  });
  computation.levels = result.levels.map((level) => level * SQUARE_METRES_PER_KM2);
  const toDegrees = (polygons: MultiPolygonCoordinates): MultiPolygonCoordinates =>
    polygons.map((polygon) =>
      polygon.map((ring) =>
        ring.map(([easting, northing]) => {
          const [longitude, latitude] = toLongitudeLatitude(easting as number, northing as number);
          return [Math.round(longitude * 1e6) / 1e6, Math.round(latitude * 1e6) / 1e6];
        }),
      ),
    );
  return {
    type: 'FeatureCollection' as const,
    computation,
    features: result.contours.map((contour) => ({
      type: 'Feature' as const,
      properties: { level: contour.level * SQUARE_METRES_PER_KM2 },
      geometry: { type: 'MultiPolygon' as const, coordinates: toDegrees(contour.coordinates) },
    })),
  };
}
