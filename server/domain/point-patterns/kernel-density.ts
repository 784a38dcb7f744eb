import { contours } from 'd3-contour';
import { BilingualError, bilingual } from '../bilingual';
import type { MultiPolygonCoordinates, Ring } from '../geometry/types';
import {
  MAXIMUM_GRID_CELLS,
  tooManyCellsError,
  validatePoints,
  validatePositiveLength,
} from './validate-points';

/**
 * A density surface sampled on a regular grid. Cell (column i, row j) covers
 * [originX + i·cellSize, originX + (i + 1)·cellSize] × [originY + j·cellSize, originY + (j + 1)·cellSize] and holds
 * the density at its centre; rows run from south (j = 0, at originY) to north, in the input's planar units.
 */
export interface DensityGrid {
  readonly width: number;
  readonly height: number;
  readonly originX: number;
  readonly originY: number;
  readonly cellSize: number;
  /** width × height values, row by row: the value of cell (i, j) is values[j * width + i]. */
  readonly values: Float64Array;
  readonly maximum: number;
}

/** The area where the density is at least `level`, as GeoJSON MultiPolygon coordinates in the input's units. */
export interface DensityContour {
  readonly level: number;
  readonly coordinates: MultiPolygonCoordinates;
}

export interface KernelDensityOptions {
  /** Search radius h of the kernel, in the units of x and y (metres once projected). */
  readonly bandwidth: number;
  /** Side of a grid cell, in the same units. */
  readonly cellSize: number;
  /** Density values to draw contours at; when absent, `levelCount` equal steps below the peak. */
  readonly levels?: readonly number[];
  /** Number of contour levels when `levels` is absent (5 by default). */
  readonly levelCount?: number;
  /** A weight per point (for example the number of victims); every point counts 1 when absent. */
  readonly weights?: Float64Array;
}

export interface KernelDensityResult {
  readonly grid: DensityGrid;
  /** The levels the contours were drawn at, ascending. */
  readonly levels: number[];
  readonly contours: DensityContour[];
}

const DEFAULT_LEVEL_COUNT = 5;

/**
 * Kernel density of points with the quartic (biweight) kernel of Silverman (1986, eq. 4.5), the kernel ArcGIS
 * Kernel Density uses: a point at distance d < h from a cell centre adds
 *
 *   K(d) = 3 / (π h²) · (1 − d²/h²)²   (times its weight), and nothing when d ≥ h.
 *
 * K integrates to 1 over the plane, so the surface integrates to the number of points (or the sum of the
 * weights): the density is in points per square unit of the input. With coordinates in metres, multiply by
 * 1,000,000 for points per km² (ArcGIS's "square kilometres" output unit does the same).
 *
 * The grid covers the points' extent plus one bandwidth and one spare cell on every side, so the surface falls
 * to zero inside the grid and every contour closes. Each point only visits the cells whose centres lie within
 * its bandwidth: the cost is about n · π (h / cellSize)² additions.
 */
export function kernelDensityGrid(
  x: Float64Array,
  y: Float64Array,
  options: Pick<KernelDensityOptions, 'bandwidth' | 'cellSize' | 'weights'>,
): DensityGrid {
  const count = validatePoints(x, y);
  const { bandwidth, cellSize, weights } = options;
  validatePositiveLength(bandwidth, 'Bán kính tìm kiếm (bandwidth)', 'The bandwidth');
  validatePositiveLength(cellSize, 'Kích thước ô lưới', 'The cell size');
  if (count === 0) {
    throw new BilingualError(
      bilingual('Không có điểm nào để tính mật độ.', 'There are no points to compute a density from.'),
    );
  }
  if (weights) validateWeights(weights, count);

  let minimumX = Number.POSITIVE_INFINITY;
  let minimumY = Number.POSITIVE_INFINITY;
  let maximumX = Number.NEGATIVE_INFINITY;
  let maximumY = Number.NEGATIVE_INFINITY;
  for (let point = 0; point < count; point++) {
    const px = x[point] as number;
    const py = y[point] as number;
    if (px < minimumX) minimumX = px;
    if (px > maximumX) maximumX = px;
    if (py < minimumY) minimumY = py;
    if (py > maximumY) maximumY = py;
  }
  const margin = bandwidth + cellSize;
  const originX = minimumX - margin;
  const originY = minimumY - margin;
  const width = Math.ceil((maximumX - minimumX + 2 * margin) / cellSize) + 1;
  const height = Math.ceil((maximumY - minimumY + 2 * margin) / cellSize) + 1;
  if (!(width * height <= MAXIMUM_GRID_CELLS)) throw tooManyCellsError(width * height);

  const values = new Float64Array(width * height);
  const bandwidthSquared = bandwidth * bandwidth;
  const inverseBandwidthSquared = 1 / bandwidthSquared;
  const peak = 3 / (Math.PI * bandwidthSquared);
  // Visiting points in row-major order of their cells keeps the rows they add to in the processor cache; in
  // input order, a large grid turns every row of every kernel into a cache miss.
  const order = rowMajorOrder(x, y, originX, originY, cellSize, width);
  for (let position = 0; position < count; position++) {
    const point = order[position] as number;
    const px = x[point] as number;
    const py = y[point] as number;
    const scale = weights ? peak * (weights[point] as number) : peak;
    if (scale === 0) continue;
    // Cell j's centre is at originY + (j + 0.5)·cellSize: the rows whose centres lie within h of py.
    const firstRow = Math.max(0, Math.ceil((py - bandwidth - originY) / cellSize - 0.5));
    const lastRow = Math.min(height - 1, Math.floor((py + bandwidth - originY) / cellSize - 0.5));
    for (let row = firstRow; row <= lastRow; row++) {
      const dy = originY + (row + 0.5) * cellSize - py;
      const remaining = bandwidthSquared - dy * dy;
      if (remaining <= 0) continue;
      const halfWidth = Math.sqrt(remaining);
      const firstColumn = Math.max(0, Math.ceil((px - halfWidth - originX) / cellSize - 0.5));
      const lastColumn = Math.min(width - 1, Math.floor((px + halfWidth - originX) / cellSize - 0.5));
      // t = 1 − d²/h², with the row's share computed once and dx stepped one cell at a time.
      const rowShare = 1 - dy * dy * inverseBandwidthSquared;
      let dx = originX + (firstColumn + 0.5) * cellSize - px;
      const last = row * width + lastColumn;
      for (let cell = row * width + firstColumn; cell <= last; cell++) {
        const t = rowShare - dx * dx * inverseBandwidthSquared;
        if (t > 0) values[cell] = (values[cell] as number) + scale * t * t;
        dx += cellSize;
      }
    }
  }
  let maximum = 0;
  for (let cell = 0; cell < values.length; cell++) {
    if ((values[cell] as number) > maximum) maximum = values[cell] as number;
  }
  return { width, height, originX, originY, cellSize, values, maximum };
}

/**
 * Contours of a density grid at the given levels (marching squares, d3-contour), converted from grid units to
 * the input's coordinates. Each contour is the area where the density is at least its level; higher levels nest
 * inside lower ones. Rings follow RFC 7946: exterior rings counter-clockwise, holes clockwise.
 */
export function densityContours(grid: DensityGrid, levels: readonly number[]): DensityContour[] {
  const sorted = validateLevels(levels);
  const generator = contours().size([grid.width, grid.height]);
  // d3-contour reads values by index only, so the typed array can stand in for a number[].
  const values = grid.values as unknown as number[];
  const { originX, originY, cellSize } = grid;
  return sorted.map((level) => {
    const polygons = generator.contour(values, level).coordinates as number[][][][];
    const coordinates: MultiPolygonCoordinates = polygons.map((polygon) =>
      polygon.map((ring): Ring => {
        // Grid unit u maps to originX + u·cellSize (d3 places cell i's centre at i + 0.5). d3's exterior rings
        // turn clockwise once y points north, so every ring is reversed for RFC 7946.
        const converted: Ring = new Array(ring.length);
        for (let k = 0; k < ring.length; k++) {
          const position = ring[ring.length - 1 - k] as number[];
          converted[k] = [
            originX + (position[0] as number) * cellSize,
            originY + (position[1] as number) * cellSize,
          ];
        }
        return converted;
      }),
    );
    return { level, coordinates };
  });
}

/**
 * The kernel density surface of the points and its contours, for the map: see `kernelDensityGrid` for the
 * kernel and units. Without explicit levels, contours are drawn at `levelCount` equal steps between zero and
 * the peak: peak · k / (levelCount + 1) for k = 1 … levelCount, so the highest one still encloses an area.
 */
export function kernelDensityContours(
  x: Float64Array,
  y: Float64Array,
  options: KernelDensityOptions,
): KernelDensityResult {
  const grid = kernelDensityGrid(x, y, options);
  let levels: number[];
  if (options.levels) {
    levels = validateLevels(options.levels);
  } else {
    const levelCount = options.levelCount ?? DEFAULT_LEVEL_COUNT;
    if (!(Number.isInteger(levelCount) && levelCount >= 1 && levelCount <= 100)) {
      throw new BilingualError(
        bilingual(
          `Số mức đường đồng mức phải là số nguyên từ 1 đến 100 (đang là ${levelCount}).`,
          `The number of contour levels must be a whole number from 1 to 100 (got ${levelCount}).`,
        ),
      );
    }
    levels = [];
    if (grid.maximum > 0) {
      for (let k = 1; k <= levelCount; k++) levels.push((grid.maximum * k) / (levelCount + 1));
    }
  }
  return { grid, levels, contours: densityContours(grid, levels) };
}

/** Point indices sorted by the row, then the column, of the cell they fall in. */
function rowMajorOrder(
  x: Float64Array,
  y: Float64Array,
  originX: number,
  originY: number,
  cellSize: number,
  width: number,
): Uint32Array {
  const count = x.length;
  // The grid has at most MAXIMUM_GRID_CELLS cells, so cell · count + index stays an exact double for up to
  // 2^53 / 25e6 ≈ 360 million points: one native numeric sort, no comparator.
  const packed = new Float64Array(count);
  for (let point = 0; point < count; point++) {
    const column = Math.floor(((x[point] as number) - originX) / cellSize);
    const row = Math.floor(((y[point] as number) - originY) / cellSize);
    packed[point] = (row * width + column) * count + point;
  }
  packed.sort();
  const order = new Uint32Array(count);
  for (let position = 0; position < count; position++) order[position] = (packed[position] as number) % count;
  return order;
}

function validateLevels(levels: readonly number[]): number[] {
  for (const level of levels) {
    if (!(Number.isFinite(level) && level > 0)) {
      throw new BilingualError(
        bilingual(
          `Mức đường đồng mức phải là số dương (đang là ${level}).`,
          `Contour levels must be positive numbers (got ${level}).`,
        ),
      );
    }
  }
  return [...levels].sort((a, b) => a - b);
}

function validateWeights(weights: Float64Array, count: number): void {
  if (weights.length !== count) {
    throw new BilingualError(
      bilingual(
        `Số trọng số (${weights.length}) khác số điểm (${count}).`,
        `The number of weights (${weights.length}) differs from the number of points (${count}).`,
      ),
    );
  }
  for (let point = 0; point < count; point++) {
    const weight = weights[point] as number;
    if (!(Number.isFinite(weight) && weight >= 0)) {
      throw new BilingualError(
        bilingual(
          `Trọng số của điểm thứ ${point + 1} phải là số không âm (đang là ${weight}).`,
          `The weight of point ${point + 1} must be a number of at least zero (got ${weight}).`,
        ),
      );
    }
  }
}
