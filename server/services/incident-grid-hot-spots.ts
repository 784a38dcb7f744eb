import { optimizedHotSpots } from '../domain/hot-spots/optimized-hot-spots';
import type { GridShape } from '../domain/point-patterns/aggregate-to-grid';
import { projectToLocalMetres } from '../domain/projections/local-metres';
import type { Correction } from '../domain/spatial-statistics/multiple-testing';

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Optimized hot spots of incident points (ArcGIS's one-click analysis): the incidents in the UTM zone of
 * their data, a hexagon or square grid sized and scaled from their distribution unless given, G_i* with
 * the correction, and the cells back in longitude/latitude as GeoJSON for the map. Cells without incidents
 * that are not significant either are left out of the answer: they only hold the zeros of the study area.
 */
export function incidentGridHotSpots(
  longitudes: Float64Array,
  latitudes: Float64Array,
  options: {
    shape: GridShape;
    cellSizeMetres?: number | undefined;
    distanceBandMetres?: number | undefined;
    correction: Correction;
  },
) {
  const { x, y, system, toLongitudeLatitude } = projectToLocalMetres(longitudes, latitudes);
  const result = optimizedHotSpots(x, y, {
    shape: options.shape,
    cellSize: options.cellSizeMetres,
    distanceBand: options.distanceBandMetres,
    correction: options.correction,
  });
  const classes: Record<string, number> = {};
  const features = [];
  for (let cell = 0; cell < result.cellCount; cell++) {
    const bin = result.bin[cell] as number;
    classes[bin] = (classes[bin] ?? 0) + 1;
    const count = result.count[cell] as number;
    if (count === 0 && bin === 0) continue;
    const ring = result.ring(cell).map(([easting, northing]) => {
      const [longitude, latitude] = toLongitudeLatitude(easting as number, northing as number);
      return [round(longitude, 6), round(latitude, 6)];
    });
    features.push({
      type: 'Feature' as const,
      properties: {
        count,
        z: round(result.z[cell] as number, 4),
        p: result.p[cell] as number,
        bin,
      },
      geometry: { type: 'Polygon' as const, coordinates: [ring] },
    });
  }
  return {
    type: 'FeatureCollection' as const,
    computation: { ...result.computation, distances: system },
    classes,
    features,
  };
}
