/**
 * A commune's atlas map as SVG paths: the commune and its neighbours projected onto a box, north up,
 * with a scale bar of a round length. Vector, so the PDF stays sharp at any zoom and prints in a moment.
 */
import type { Geometry, Position } from 'geojson';

export interface ProjectedBox {
  width: number;
  height: number;
}

export interface Projection {
  /** SVG path data of a polygon or multipolygon. */
  path(geometry: Geometry): string;
  point(position: Position): [number, number];
  /** Metres a box unit stands for at the map's centre. */
  metresPerUnit: number;
}

const EARTH_METRES_PER_DEGREE = 111_320;

function rings(geometry: Geometry): Position[][] {
  if (geometry.type === 'Polygon') return geometry.coordinates;
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat();
  return [];
}

export function boundsOf(geometries: readonly Geometry[]): [number, number, number, number] | null {
  let west = Number.POSITIVE_INFINITY;
  let south = Number.POSITIVE_INFINITY;
  let east = Number.NEGATIVE_INFINITY;
  let north = Number.NEGATIVE_INFINITY;
  for (const geometry of geometries) {
    for (const ring of rings(geometry)) {
      for (const [longitude = 0, latitude = 0] of ring) {
        west = Math.min(west, longitude);
        east = Math.max(east, longitude);
        south = Math.min(south, latitude);
        north = Math.max(north, latitude);
      }
    }
  }
  return Number.isFinite(west) ? [west, south, east, north] : null;
}

/**
 * An equirectangular projection scaled by the cosine of the centre's latitude (true to a commune's few
 * kilometres), fitting `bounds` with a margin, centred in the box.
 */
export function fitProjection(
  bounds: readonly [number, number, number, number],
  box: ProjectedBox,
  margin = 0.08,
): Projection {
  const [west, south, east, north] = bounds;
  const centreLatitude = (south + north) / 2;
  const xScale = Math.cos((centreLatitude * Math.PI) / 180);
  const spanX = Math.max((east - west) * xScale, 1e-6);
  const spanY = Math.max(north - south, 1e-6);
  const scale = Math.min((box.width * (1 - 2 * margin)) / spanX, (box.height * (1 - 2 * margin)) / spanY);
  const offsetX = (box.width - spanX * scale) / 2;
  const offsetY = (box.height - spanY * scale) / 2;
  const point = ([longitude = 0, latitude = 0]: Position): [number, number] => [
    offsetX + (longitude - west) * xScale * scale,
    offsetY + (north - latitude) * scale,
  ];
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    point,
    path(geometry) {
      return rings(geometry)
        .map(
          (ring) =>
            `M${ring
              .map((position) => {
                const [x, y] = point(position);
                return `${round(x)},${round(y)}`;
              })
              .join('L')}Z`,
        )
        .join('');
    },
    metresPerUnit: EARTH_METRES_PER_DEGREE / scale,
  };
}

/** A scale bar of a round length (1, 2 or 5 × 10ⁿ metres) no longer than `maximumUnits`. */
export function scaleBar(metresPerUnit: number, maximumUnits: number): { units: number; label: string } {
  const maximumMetres = metresPerUnit * maximumUnits;
  const power = 10 ** Math.floor(Math.log10(maximumMetres));
  const metres = [5, 2, 1].map((step) => step * power).find((length) => length <= maximumMetres) ?? power;
  const label = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
  return { units: metres / metresPerUnit, label };
}
