import KDBush from 'kdbush';
import { BilingualError, bilingual } from '../bilingual';
import type { Ring } from '../geometry/types';
import {
  aggregateToGrid,
  cellRing,
  type GridAggregation,
  type GridShape,
} from '../point-patterns/aggregate-to-grid';
import { nearestNeighbourDistances } from '../point-patterns/nearest-neighbour';
import { validatePoints } from '../point-patterns/validate-points';
import { centralMoments } from '../spatial-statistics/moments';
import {
  type BinThresholds,
  binsFromThresholds,
  type Correction,
  checkedCorrection,
  hotSpotBinThresholds,
} from '../spatial-statistics/multiple-testing';
import { twoSidedPValue } from '../spatial-statistics/normal-distribution';

/**
 * Optimized hot spots of incident points, after ArcGIS Pro's Optimized Hot Spot Analysis ("How Optimized Hot
 * Spot Analysis works"; the rules below also follow the Spatial Statistics toolbox's published Python,
 * OptimizedHotSpotAnalysis.py, MoransI_Increment.py and SSUtilities.py):
 *
 * 1. Initial assessment: at least 30 incidents, not all at one place.
 * 2. Locational outliers: incidents whose distance to the nearest incident elsewhere is at least the mean plus
 *    three standard deviations of those distances (ArcGIS's LocationInfo, stdDeviations = 3, coincident
 *    incidents not counted as neighbours). They are reported and left out of the cell size; they still count.
 * 3. Cell size, when not given: ArcGIS's rule (scaleDecision) — the larger of the mean and the median
 *    nearest-neighbour distance, times the larger of 2 and their ratio. The distances are those of a sample of
 *    at most 20,000 incidents to their nearest incident among all (exact for smaller data): never a
 *    nearest-neighbour pass over a million raw points. Our addition: the cell never gets so small that the
 *    bounding box of the incidents other than outliers holds more than 100,000 cells (`cellSizeChosenBy:
 *    'cell-limit'`), which keeps a province-sized run interactive. As in ArcGIS, the size is a square's side or a hexagon's height (the
 *    distance between the centres of neighbouring hexagons).
 * 4. Grid: counts per cell on a lattice tied to the origin (so periods compare cell by cell), with the cells
 *    touching an occupied cell as zeros — the study area is the incidents' cells and their ring of neighbours.
 *    (ArcGIS keeps only cells with incidents unless given bounding polygons, whose empty cells then count as
 *    zeros; we have no polygon, so this ring stands in for it.) At least 30 cells, not all with equal counts.
 * 5. Scale of analysis, when no distance band is given: Incremental Spatial Autocorrelation over the cells —
 *    global Moran's I (row-standardised distance bands, z under randomisation) at 10 distances starting at the
 *    lattice spacing and growing by it, respaced to end at the cells' standard distance when they would pass
 *    it — and the first peak: a z above 1.65 followed by a lower one, after the curve has risen. Without a
 *    peak, the mean distance from each cell to its K-th nearest cell, K = 5 % of the cells within 3…30, capped
 *    at the standard distance. Never below 0.1 % of the larger side of the cells' extent.
 * 6. G_i* of each cell's count (binary distance band, the cell its own neighbour), two-sided p-values and
 *    ArcGIS's Gi_Bin under the correction (FDR by default, as ArcGIS).
 *
 * Distances are in the coordinates' unit: metres once the caller has projected longitude/latitude.
 */

export interface OptimizedHotSpotsOptions {
  readonly shape: GridShape;
  /** Metres: a square's side or a hexagon's height (ArcGIS's Cell Size). Chosen from the data when absent. */
  readonly cellSize?: number;
  /** Metres: the G_i* neighbourhood (ArcGIS's Distance Band). Chosen from the data when absent. */
  readonly distanceBand?: number;
  /** Which correction sets the bins; 'fdr' by default, as ArcGIS's Optimized Hot Spot Analysis. */
  readonly correction?: Correction;
}

export type CellSizeChoice = 'nearest-neighbour-distance' | 'cell-limit' | 'given';
export type BandChoice = 'incremental-autocorrelation-peak' | 'nearest-neighbour-distance' | 'given';

/** One distance tried by the incremental spatial autocorrelation. */
export interface IncrementalDistance {
  readonly distance: number;
  /** Global Moran's I of the cell counts with row-standardised weights at this distance band. */
  readonly moransI: number;
  /** Its z-score under the randomisation assumption, as ArcGIS reports it. */
  readonly z: number;
  /** Whether this distance is a peak by ArcGIS's rule (the first one is the band chosen). */
  readonly peak: boolean;
}

/** How the result was computed, for a briefing to cite. */
export interface OptimizedHotSpotsComputation {
  readonly method: 'optimized';
  readonly shape: GridShape;
  /** Metres: square side or hexagon height. */
  readonly cellSize: number;
  readonly cellSizeChosenBy: CellSizeChoice;
  /** Square metres per cell. */
  readonly cellArea: number;
  readonly distanceBand: number;
  readonly bandChosenBy: BandChoice;
  readonly incidents: number;
  /** Incidents at locational outliers; null when the cell size was given (ArcGIS then skips the assessment). */
  readonly outliers: number | null;
  /** The nearest-neighbour distance from which an incident counts as a locational outlier, when assessed. */
  readonly outlierDistance: number | null;
  /** Incidents whose nearest-neighbour distance was measured for the cell size (all up to 20,000). */
  readonly sampledIncidents: number | null;
  readonly cells: number;
  readonly correction: Correction;
  /** The p-value cut-offs of the bins at 90 / 95 / 99 % under the correction. */
  readonly thresholds: BinThresholds;
  /** The distances and z-scores tried; empty when the band was given. */
  readonly incrementalPeaks: IncrementalDistance[];
}

/** Per cell, as parallel arrays sorted by row then column (no object per cell). */
export interface OptimizedHotSpotsResult {
  readonly cellCount: number;
  /** Lattice coordinates (see aggregateToGrid: odd-q offset columns for hexagons). */
  readonly column: Int32Array;
  readonly row: Int32Array;
  readonly centreX: Float64Array;
  readonly centreY: Float64Array;
  /** Incidents per cell (0 for the empty cells of the study area). */
  readonly count: Int32Array;
  readonly z: Float64Array;
  /** Two-sided analytic p-values, not changed by the correction. */
  readonly p: Float64Array;
  /** ArcGIS's Gi_Bin, −3…3, under the correction. */
  readonly bin: Int8Array;
  /** Cells in each G_i* neighbourhood, the cell itself included (ArcGIS's NNeighbors). */
  readonly neighbourCount: Int32Array;
  /** The cell each incident fell into, in input order, to drill down from a cell to its incidents. */
  readonly cellOfIncident: Int32Array;
  /** The closed outline of a cell in the input's coordinates, counter-clockwise. */
  ring(cell: number): Ring;
  readonly computation: OptimizedHotSpotsComputation;
}

/** ArcGIS's minimum for G_i* (error 1536 / 1572: fewer than 30 incidents or cells). */
const MINIMUM_COUNT = 30;
/** Incidents whose nearest-neighbour distance is measured for the cell size. */
const NEAREST_NEIGHBOUR_SAMPLE = 20_000;
/** The automatic cell size keeps the incidents' bounding box within this many cells. */
const MAXIMUM_AUTOMATIC_CELLS = 100_000;
/** A given cell size may not make more cells than this over the incidents' bounding box. */
const MAXIMUM_GIVEN_CELLS = 2_000_000;
/** Neighbour visits (cells × neighbourhood size) a run may make: beyond, the band is far too wide. */
const MAXIMUM_NEIGHBOUR_VISITS = 1_000_000_000;
/** ArcGIS's incremental spatial autocorrelation: 10 distances, peaks must pass z = 1.65 (90 %). */
const INCREMENTS = 10;
const PEAK_LEVEL = 1.65;
/** ArcGIS's locational outliers: at least 3 standard deviations above the mean nearest-neighbour distance. */
const OUTLIER_DEVIATIONS = 3;
/** Lattice distances are compared with this relative slack, as ArcGIS nudges its cut-offs (× 1.0001). */
const DISTANCE_SLACK = 1 + 1e-9;
const SQRT3 = Math.sqrt(3);

export function optimizedHotSpots(
  x: Float64Array,
  y: Float64Array,
  options: OptimizedHotSpotsOptions,
): OptimizedHotSpotsResult {
  const incidents = validatePoints(x, y);
  const shape = options.shape;
  if (shape !== 'square' && shape !== 'hexagon') {
    throw new BilingualError(
      bilingual(
        `Hình dạng ô "${String(shape)}" không hợp lệ; chọn hexagon (lục giác) hoặc square (vuông).`,
        `Unknown cell shape "${String(shape)}"; choose hexagon or square.`,
      ),
    );
  }
  const correction = checkedCorrection(options.correction ?? 'fdr');
  checkOptionalLength(options.cellSize, 'Kích thước ô', 'The cell size');
  checkOptionalLength(options.distanceBand, 'Khoảng cách lân cận', 'The distance band');
  if (incidents < MINIMUM_COUNT) {
    throw new BilingualError(
      bilingual(
        `Cần ít nhất ${MINIMUM_COUNT} vụ việc để tìm điểm nóng (hiện có ${incidents}).`,
        `At least ${MINIMUM_COUNT} incidents are needed to find hot spots (got ${incidents}).`,
      ),
    );
  }
  const extent = boundingBox(x, y);
  if (extent.width === 0 && extent.height === 0) {
    throw new BilingualError(
      bilingual(
        'Mọi vụ việc đều ở cùng một vị trí nên không có phân bố không gian để phân tích.',
        'All incidents are at the same place, so there is no spatial pattern to analyse.',
      ),
    );
  }

  // Cell size: given, or from the incidents' nearest-neighbour distances (with the outlier assessment).
  let cellSize: number;
  let cellSizeChosenBy: CellSizeChoice;
  let outliers: number | null = null;
  let outlierDistance: number | null = null;
  let sampledIncidents: number | null = null;
  if (options.cellSize !== undefined) {
    cellSize = options.cellSize;
    cellSizeChosenBy = 'given';
    const cellsInExtent = latticeCellsOver(shape, cellSize, extent);
    if (cellsInExtent > MAXIMUM_GIVEN_CELLS) throw cellSizeTooSmall(cellsInExtent);
  } else {
    const locations = assessLocations(x, y, extent);
    outliers = locations.outliers;
    outlierDistance = Number.isFinite(locations.outlierDistance) ? locations.outlierDistance : null;
    sampledIncidents = locations.sampled;
    // Cells over a box = its area / (scale · size²): at most the automatic limit over the incidents that are
    // not outliers (so that one far-off incident does not coarsen the grid), and within the limit for a given
    // size over all of them.
    const scale = cellAreaScale(shape);
    const { settled } = locations;
    let smallest = Math.sqrt((settled.width * settled.height) / (MAXIMUM_AUTOMATIC_CELLS * scale));
    while (latticeCellsOver(shape, Math.max(smallest, locations.cellSize), extent) > MAXIMUM_GIVEN_CELLS) {
      smallest = Math.max(smallest, locations.cellSize) * 1.1;
    }
    cellSize = locations.cellSize;
    cellSizeChosenBy = 'nearest-neighbour-distance';
    if (cellSize < smallest) {
      cellSize = smallest;
      cellSizeChosenBy = 'cell-limit';
    }
  }

  // Grid with the ring of empty cells around the occupied ones (8 around a square, 6 around a hexagon).
  const spacing = cellSize;
  const grid = aggregateToGrid(x, y, {
    shape,
    cellSize: shape === 'square' ? cellSize : cellSize / SQRT3,
    includeEmptyWithin: shape === 'square' ? spacing * Math.SQRT2 : spacing,
  });
  const cells = grid.cellCount;
  if (cells < MINIMUM_COUNT) {
    throw new BilingualError(
      cellSizeChosenBy === 'given'
        ? bilingual(
            `Lưới chỉ có ${cells} ô; cần ít nhất ${MINIMUM_COUNT} ô. Hãy chọn kích thước ô nhỏ hơn.`,
            `The grid has only ${cells} cells; at least ${MINIMUM_COUNT} are needed. Please choose a smaller cell size.`,
          )
        : bilingual(
            `Các vụ việc tập trung ở quá ít nơi: lưới chỉ có ${cells} ô (cần ít nhất ${MINIMUM_COUNT}).`,
            `The incidents are gathered at too few places: the grid has only ${cells} cells (at least ${MINIMUM_COUNT} are needed).`,
          ),
    );
  }
  const values = Float64Array.from(grid.counts);
  if (values.every((value) => value === values[0])) {
    throw new BilingualError(
      bilingual(
        'Mọi ô đều có cùng số vụ việc nên không thể tìm điểm nóng. Hãy chọn kích thước ô khác.',
        'Every cell holds the same number of incidents, so there are no hot spots to find. Please choose another cell size.',
      ),
    );
  }
  const centres = centreSummary(grid);

  // Scale of analysis.
  let distanceBand: number;
  let bandChosenBy: BandChoice;
  let incrementalPeaks: IncrementalDistance[] = [];
  if (options.distanceBand !== undefined) {
    distanceBand = options.distanceBand;
    bandChosenBy = 'given';
    if (distanceBand > Math.max(extent.width, extent.height)) {
      throw new BilingualError(
        bilingual(
          `Khoảng cách lân cận ${distanceBand} m lớn hơn cả vùng có vụ việc (${Math.round(Math.max(extent.width, extent.height))} m).`,
          `The distance band of ${distanceBand} m is larger than the area holding the incidents (${Math.round(Math.max(extent.width, extent.height))} m).`,
        ),
      );
    }
    if (distanceBand * DISTANCE_SLACK < spacing) {
      throw new BilingualError(
        bilingual(
          `Khoảng cách lân cận ${distanceBand} m nhỏ hơn khoảng cách giữa hai ô liền kề (${round(spacing)} m): không ô nào có láng giềng.`,
          `The distance band of ${distanceBand} m is shorter than the distance between neighbouring cells (${round(spacing)} m): no cell would have a neighbour.`,
        ),
      );
    }
  } else {
    const cutoffs = incrementalCutoffs(spacing, centres.standardDistance);
    incrementalPeaks = incrementalMoran(values, grid, spacing, cutoffs);
    const firstPeak = incrementalPeaks.find((distance) => distance.peak);
    if (firstPeak) {
      distanceBand = firstPeak.distance;
      bandChosenBy = 'incremental-autocorrelation-peak';
    } else {
      distanceBand = nearestCellsDistance(grid, centres.standardDistance);
      bandChosenBy = 'nearest-neighbour-distance';
    }
    distanceBand = Math.max(distanceBand, 0.001 * Math.max(centres.width, centres.height));
  }

  const statistics = gStar(values, grid, spacing, distanceBand);
  const thresholds = hotSpotBinThresholds(statistics.p, correction);
  return {
    cellCount: cells,
    column: grid.column,
    row: grid.row,
    centreX: grid.centreX,
    centreY: grid.centreY,
    count: grid.counts,
    z: statistics.z,
    p: statistics.p,
    bin: binsFromThresholds(statistics.z, statistics.p, thresholds),
    neighbourCount: statistics.neighbourCount,
    cellOfIncident: grid.cellOfPoint,
    ring: (cell: number) => cellRing(grid, cell),
    computation: {
      method: 'optimized',
      shape,
      cellSize,
      cellSizeChosenBy,
      cellArea: cellAreaScale(shape) * cellSize * cellSize,
      distanceBand,
      bandChosenBy,
      incidents,
      outliers,
      outlierDistance,
      sampledIncidents,
      cells,
      correction,
      thresholds,
      incrementalPeaks,
    },
  };
}

// ─── Incidents: locational outliers and the cell size ───────────────────────────────────────────────────────

interface Extent {
  minimumX: number;
  minimumY: number;
  width: number;
  height: number;
}

interface LocationAssessment {
  cellSize: number;
  /** The bounding box of the incidents that are not locational outliers. */
  settled: Extent;
  outliers: number;
  outlierDistance: number;
  sampled: number;
}

/**
 * ArcGIS's LocationInfo and scaleDecision over the incidents: nearest-neighbour distances (to the nearest
 * incident at another place) of an evenly spread sample, their mean and standard deviation giving the outlier
 * distance, the exact count of incidents that far from every other place, and the cell size from the
 * non-outlier distances.
 */
function assessLocations(x: Float64Array, y: Float64Array, extent: Extent): LocationAssessment {
  const count = x.length;
  const index = new KDBush(count, 64);
  for (let point = 0; point < count; point++) index.add(x[point] as number, y[point] as number);
  index.finish();
  const search = new NearestSearch(index);

  const sampled = Math.min(count, NEAREST_NEIGHBOUR_SAMPLE);
  const distances = new Float64Array(sampled);
  let sum = 0;
  for (let rank = 0; rank < sampled; rank++) {
    const point = Math.floor((rank * count) / sampled);
    const distance = Math.sqrt(
      search.nearestElsewhere(x[point] as number, y[point] as number, Number.POSITIVE_INFINITY, false),
    );
    distances[rank] = distance;
    sum += distance;
  }
  const mean = sum / sampled;
  let squares = 0;
  for (const distance of distances) squares += (distance - mean) ** 2;
  const deviation = Math.sqrt(squares / sampled);
  // Equal distances everywhere (a regular pattern): ArcGIS then finds no outliers.
  const outlierDistance = deviation > 0 ? mean + OUTLIER_DEVIATIONS * deviation : Number.POSITIVE_INFINITY;

  const kept = distances.filter((distance) => distance < outlierDistance).sort();
  let keptSum = 0;
  for (const distance of kept) keptSum += distance;
  const keptMean = keptSum / kept.length;
  const middle = kept.length >> 1;
  const keptMedian =
    kept.length % 2 === 1
      ? (kept[middle] as number)
      : ((kept[middle - 1] as number) + (kept[middle] as number)) / 2;
  // scaleDecision: the larger of mean and median, times the larger of 2 and their ratio.
  const larger = Math.max(keptMean, keptMedian);
  const smaller = Math.min(keptMean, keptMedian);
  const cellSize = larger * Math.max(2, smaller > 0 ? larger / smaller : 2);

  const { outliers, settled } = Number.isFinite(outlierDistance)
    ? countOutliers(x, y, extent, search, outlierDistance)
    : { outliers: 0, settled: extent };
  return { cellSize, settled, outliers, outlierDistance, sampled };
}

/**
 * Incidents with no incident at another place closer than `distance`, and the bounding box of the others.
 * Cells of side distance/√2 hold points closer than `distance` to each other, so only cells whose incidents
 * all share one place need a search.
 */
function countOutliers(
  x: Float64Array,
  y: Float64Array,
  extent: Extent,
  search: NearestSearch,
  distance: number,
): { outliers: number; settled: Extent } {
  const count = x.length;
  const side = distance / Math.SQRT2;
  const rows = Math.floor(extent.height / side) + 1;
  const columns = Math.floor(extent.width / side) + 1;
  const keys = new Float64Array(count);
  for (let point = 0; point < count; point++) {
    const column = Math.floor(((x[point] as number) - extent.minimumX) / side);
    const row = Math.floor(((y[point] as number) - extent.minimumY) / side);
    keys[point] = column * rows + row;
  }
  const order = orderByKey(keys, columns * rows);
  const limit = distance * distance;
  let outliers = 0;
  let minimumX = Number.POSITIVE_INFINITY;
  let minimumY = Number.POSITIVE_INFINITY;
  let maximumX = Number.NEGATIVE_INFINITY;
  let maximumY = Number.NEGATIVE_INFINITY;
  for (let start = 0; start < count; ) {
    const first = order[start] as number;
    const key = keys[first] as number;
    let end = start + 1;
    let onePlace = true;
    while (end < count && keys[order[end] as number] === key) {
      const other = order[end] as number;
      if (x[other] !== x[first] || y[other] !== y[first]) onePlace = false;
      end++;
    }
    if (onePlace && search.nearestElsewhere(x[first] as number, y[first] as number, limit, true) >= limit) {
      outliers += end - start;
    } else {
      for (let position = start; position < end; position++) {
        const point = order[position] as number;
        const px = x[point] as number;
        const py = y[point] as number;
        if (px < minimumX) minimumX = px;
        if (px > maximumX) maximumX = px;
        if (py < minimumY) minimumY = py;
        if (py > maximumY) maximumY = py;
      }
    }
    start = end;
  }
  return {
    outliers,
    settled: { minimumX, minimumY, width: maximumX - minimumX, height: maximumY - minimumY },
  };
}

/**
 * Point indices in increasing key order: a counting sort when the keys span few enough values, else one native
 * sort of packed key·n + index when that is exact, else a comparator sort.
 */
function orderByKey(keys: Float64Array, keySpan: number): Uint32Array {
  const count = keys.length;
  const order = new Uint32Array(count);
  if (keySpan <= 4 * count + (1 << 20)) {
    const starts = new Int32Array(keySpan + 1);
    for (let point = 0; point < count; point++) {
      const key = (keys[point] as number) + 1;
      starts[key] = (starts[key] as number) + 1;
    }
    for (let key = 1; key <= keySpan; key++)
      starts[key] = (starts[key] as number) + (starts[key - 1] as number);
    for (let point = 0; point < count; point++) {
      const key = keys[point] as number;
      order[starts[key] as number] = point;
      starts[key] = (starts[key] as number) + 1;
    }
    return order;
  }
  if (keySpan * count < 2 ** 53) {
    const packed = new Float64Array(count);
    for (let point = 0; point < count; point++) packed[point] = (keys[point] as number) * count + point;
    packed.sort();
    for (let position = 0; position < count; position++)
      order[position] = (packed[position] as number) % count;
    return order;
  }
  for (let point = 0; point < count; point++) order[point] = point;
  return order.sort((first, second) => (keys[first] as number) - (keys[second] as number) || first - second);
}

/** Branch-and-bound nearest-neighbour search down kdbush's sorted arrays (its own API has no k-nearest). */
class NearestSearch {
  private readonly ids: Uint32Array | Uint16Array;
  private readonly coordinates: Float64Array;
  private readonly nodeSize: number;
  private queryX = 0;
  private queryY = 0;
  private best = 0;
  private stopAtFirst = false;

  constructor(index: KDBush) {
    this.ids = index.ids as Uint32Array | Uint16Array;
    this.coordinates = index.coords as Float64Array;
    this.nodeSize = index.nodeSize;
  }

  /**
   * The squared distance from (x, y) to the nearest indexed point at another place (distance > 0), or `bound`
   * (squared) when none is closer; with `stopAtFirst`, any point closer than `bound` ends the search.
   */
  nearestElsewhere(x: number, y: number, bound: number, stopAtFirst: boolean): number {
    this.queryX = x;
    this.queryY = y;
    this.best = bound;
    this.stopAtFirst = stopAtFirst;
    this.search(0, this.ids.length - 1, 0);
    return this.best;
  }

  private consider(position: number): boolean {
    const dx = (this.coordinates[2 * position] as number) - this.queryX;
    const dy = (this.coordinates[2 * position + 1] as number) - this.queryY;
    const squared = dx * dx + dy * dy;
    if (squared > 0 && squared < this.best) {
      this.best = squared;
      return this.stopAtFirst;
    }
    return false;
  }

  /** Returns true once the search may stop. */
  private search(left: number, right: number, axis: number): boolean {
    if (right - left <= this.nodeSize) {
      for (let position = left; position <= right; position++) if (this.consider(position)) return true;
      return false;
    }
    const middle = (left + right) >> 1;
    if (this.consider(middle)) return true;
    const difference =
      axis === 0
        ? this.queryX - (this.coordinates[2 * middle] as number)
        : this.queryY - (this.coordinates[2 * middle + 1] as number);
    if (difference < 0) {
      if (this.search(left, middle - 1, 1 - axis)) return true;
      return difference * difference < this.best && this.search(middle + 1, right, 1 - axis);
    }
    if (this.search(middle + 1, right, 1 - axis)) return true;
    return difference * difference < this.best && this.search(left, middle - 1, 1 - axis);
  }
}

// ─── The lattice of cells ───────────────────────────────────────────────────────────────────────────────────

/**
 * The cells of the study area with their neighbours within a distance as fixed steps: on a lattice, the cells
 * within a distance of any cell lie at the same offsets (hexagon columns alternate half a row, so cells in odd
 * and even columns have their own lists), listed nearest first. `cellAt` covers the cells' lattice box padded
 * by the reach of the offsets, so that no step leaves it; it holds −1 where the study area has no cell.
 */
interface Neighbourhood {
  readonly cells: number;
  readonly cellAt: Int32Array;
  /** Each cell's place in cellAt. */
  readonly place: Int32Array;
  /** Each cell's column parity, which picks its list of steps. */
  readonly parity: Uint8Array;
  readonly steps: [Int32Array, Int32Array];
  readonly squaredDistances: [Float64Array, Float64Array];
}

function neighbourhood(grid: GridAggregation, spacing: number, distance: number): Neighbourhood {
  const cells = grid.cellCount;
  const hexagon = grid.shape === 'hexagon';
  // Hexagons of height h: columns (√3/2)·h apart, rows h apart; squares: the side both ways.
  const columnSpacing = hexagon ? (SQRT3 / 2) * spacing : spacing;
  const rowSpacing = spacing;
  const perCell = (Math.PI * distance * distance) / (columnSpacing * rowSpacing);
  if (cells * perCell > MAXIMUM_NEIGHBOUR_VISITS) {
    throw new BilingualError(
      bilingual(
        `Khoảng cách lân cận ${round(distance)} m quá lớn so với kích thước ô: mỗi ô sẽ có khoảng ${Math.round(perCell)} ô láng giềng. Hãy chọn khoảng cách nhỏ hơn hoặc ô lớn hơn.`,
        `The distance band of ${round(distance)} m is too wide for the cell size: each cell would have about ${Math.round(perCell)} neighbours. Please choose a shorter band or larger cells.`,
      ),
    );
  }
  const reachColumns = Math.floor((distance * DISTANCE_SLACK) / columnSpacing) + 1;
  const reachRows = Math.floor((distance * DISTANCE_SLACK) / rowSpacing) + 1;
  let firstColumn = Number.POSITIVE_INFINITY;
  let lastColumn = Number.NEGATIVE_INFINITY;
  let firstRow = Number.POSITIVE_INFINITY;
  let lastRow = Number.NEGATIVE_INFINITY;
  for (let cell = 0; cell < cells; cell++) {
    const column = grid.column[cell] as number;
    const row = grid.row[cell] as number;
    if (column < firstColumn) firstColumn = column;
    if (column > lastColumn) lastColumn = column;
    if (row < firstRow) firstRow = row;
    if (row > lastRow) lastRow = row;
  }
  const columns = lastColumn - firstColumn + 1 + 2 * reachColumns;
  const rows = lastRow - firstRow + 1 + 2 * reachRows;
  const cellAt = new Int32Array(columns * rows).fill(-1);
  const place = new Int32Array(cells);
  const parity = new Uint8Array(cells);
  for (let cell = 0; cell < cells; cell++) {
    const column = grid.column[cell] as number;
    const at =
      ((grid.row[cell] as number) - firstRow + reachRows) * columns + (column - firstColumn + reachColumns);
    cellAt[at] = cell;
    place[cell] = at;
    parity[cell] = column & 1;
  }

  const limit = distance * distance * DISTANCE_SLACK;
  const steps: Int32Array[] = [];
  const squaredDistances: Float64Array[] = [];
  for (const columnParity of [0, 1]) {
    const found: { step: number; squared: number }[] = [];
    for (let dr = -reachRows; dr <= reachRows; dr++) {
      for (let dc = -reachColumns; dc <= reachColumns; dc++) {
        if (dc === 0 && dr === 0) continue;
        const dx = dc * columnSpacing;
        // Odd hexagon columns sit half a row higher (aggregateToGrid's odd-q layout).
        const dy = hexagon
          ? (dr + (((columnParity + dc) & 1) - columnParity) / 2) * rowSpacing
          : dr * rowSpacing;
        const squared = dx * dx + dy * dy;
        if (squared <= limit) found.push({ step: dr * columns + dc, squared });
      }
    }
    found.sort((first, second) => first.squared - second.squared || first.step - second.step);
    steps.push(Int32Array.from(found, (offset) => offset.step));
    squaredDistances.push(Float64Array.from(found, (offset) => offset.squared));
  }
  return {
    cells,
    cellAt,
    place,
    parity,
    steps: steps as [Int32Array, Int32Array],
    squaredDistances: squaredDistances as [Float64Array, Float64Array],
  };
}

// ─── Scale of analysis ──────────────────────────────────────────────────────────────────────────────────────

/**
 * ArcGIS's distances for incremental spatial autocorrelation over a lattice: every cell's nearest neighbour is
 * one spacing away, so the start and the increment are both the spacing; when a distance would pass the cells'
 * standard distance, the 10 distances are respaced from the start up to it (createCutoffsMaxDist).
 */
function incrementalCutoffs(spacing: number, standardDistance: number): number[] {
  let start = spacing;
  let increment = spacing;
  if (start + (INCREMENTS - 1) * increment > standardDistance) {
    if (start > standardDistance) start = 0.2 * standardDistance;
    increment = (standardDistance - start) / INCREMENTS;
  }
  return Array.from({ length: INCREMENTS }, (_, step) => start + step * increment);
}

/**
 * Global Moran's I of the cell counts at each cut-off, with row-standardised distance-band weights and the
 * randomisation variance (Cliff & Ord 1981, as ArcGIS's MoransI_Increment.py and esda's Moran), cells without
 * a neighbour at a distance left out at that distance. One walk over each cell's lattice steps, nearest first,
 * gives every distance's neighbour count k_i and the sums the statistic needs; `weightSums` adds S1 and S2.
 * Only the counts are kept per cell and distance (2 bytes each when they fit), so a grid of two million cells
 * needs tens of megabytes, not hundreds.
 */
function incrementalMoran(
  values: Float64Array,
  grid: GridAggregation,
  spacing: number,
  cutoffs: number[],
): IncrementalDistance[] {
  const distances = cutoffs.length;
  const hood = neighbourhood(grid, spacing, cutoffs[distances - 1] as number);
  const cells = hood.cells;
  // Per column parity, how many steps fall within each cut-off (the steps are sorted by distance).
  const tierEnds = hood.squaredDistances.map((squared) =>
    Int32Array.from(cutoffs, (cutoff) => {
      let end = 0;
      while (end < squared.length && (squared[end] as number) <= cutoff * cutoff * DISTANCE_SLACK) end++;
      return end;
    }),
  ) as [Int32Array, Int32Array];
  const largest = Math.max(hood.steps[0].length, hood.steps[1].length);
  const neighbourCount =
    largest <= 0xffff ? new Uint16Array(cells * distances) : new Int32Array(cells * distances);
  // Over the cells with neighbours at each distance: n, Σ x_i, Σ x_i·(Σ_j x_j)/k_i and Σ (Σ_j x_j)/k_i.
  const included = new Float64Array(distances);
  const valueSum = new Float64Array(distances);
  const valueTimesLag = new Float64Array(distances);
  const lagSum = new Float64Array(distances);
  const { cellAt } = hood;
  for (let cell = 0; cell < cells; cell++) {
    const steps = hood.steps[hood.parity[cell] as number] as Int32Array;
    const ends = tierEnds[hood.parity[cell] as number] as Int32Array;
    const place = hood.place[cell] as number;
    const value = values[cell] as number;
    let offset = 0;
    let count = 0;
    let sum = 0;
    for (let distance = 0; distance < distances; distance++) {
      const end = ends[distance] as number;
      for (; offset < end; offset++) {
        const neighbour = cellAt[place + (steps[offset] as number)] as number;
        if (neighbour >= 0) {
          count++;
          sum += values[neighbour] as number;
        }
      }
      neighbourCount[cell * distances + distance] = count;
      if (count > 0) {
        const lag = sum / count;
        included[distance] = (included[distance] as number) + 1;
        valueSum[distance] = (valueSum[distance] as number) + value;
        valueTimesLag[distance] = (valueTimesLag[distance] as number) + value * lag;
        lagSum[distance] = (lagSum[distance] as number) + lag;
      }
    }
  }
  const { s1, s2 } = weightSums(hood, tierEnds, neighbourCount, distances);

  const results: { distance: number; moransI: number; z: number }[] = [];
  for (let distance = 0; distance < distances; distance++) {
    const n = included[distance] as number;
    const mean = (valueSum[distance] as number) / n;
    let squares = 0;
    let fourthPowers = 0;
    for (let cell = 0; cell < cells; cell++) {
      if (neighbourCount[cell * distances + distance] === 0) continue;
      const deviation = (values[cell] as number) - mean;
      squares += deviation * deviation;
      fourthPowers += deviation ** 4;
    }
    // Σ_i (x_i − x̄)(Σ_j w_ij x_j − x̄) with w_ij = 1/k_i, expanded.
    const crossProduct =
      (valueTimesLag[distance] as number) -
      mean * (lagSum[distance] as number) -
      mean * (valueSum[distance] as number) +
      n * mean * mean;
    const s0 = n;
    const moransI = ((n / s0) * crossProduct) / squares;
    const expected = -1 / (n - 1);
    const m2 = squares / n;
    const kurtosis = fourthPowers / n / (m2 * m2);
    const n2 = n * n;
    const s02 = s0 * s0;
    const weightS1 = s1[distance] as number;
    const weightS2 = s2[distance] as number;
    const a = n * ((n2 - 3 * n + 3) * weightS1 - n * weightS2 + 3 * s02);
    const b = kurtosis * ((n2 - n) * weightS1 - 2 * n * weightS2 + 6 * s02);
    const variance = (a - b) / ((n - 1) * (n - 2) * (n - 3) * s02) - expected * expected;
    const valid = n > 3 && squares > 0 && variance > 0;
    results.push({
      distance: cutoffs[distance] as number,
      moransI: valid ? moransI : 0,
      z: valid ? (moransI - expected) / Math.sqrt(variance) : 0,
    });
  }
  const peaks = peakIndices(results.map((result) => result.z));
  return results.map((result, distance) => ({ ...result, peak: peaks.has(distance) }));
}

/**
 * Cliff & Ord's S1 and S2 of the row-standardised weights at each distance: with c_i = Σ_{j ∈ N(i)} 1/k_j, cell
 * i's column sum (neighbours are mutual), S1 = ½ Σ_ij (w_ij + w_ji)² = Σ_i (1 + c_i)/k_i and S2 = Σ_i (1 + c_i)².
 * A cell whose neighbourhood and whose neighbours' neighbourhoods are all complete at the largest distance has
 * c_i = 1 at every distance (K neighbours of weight 1/K, every cell of a lattice having the same
 * neighbourhood), so the neighbours are only walked near the edges and holes of the study area.
 */
function weightSums(
  hood: Neighbourhood,
  tierEnds: [Int32Array, Int32Array],
  neighbourCount: Uint16Array | Int32Array,
  distances: number,
): { s1: Float64Array; s2: Float64Array } {
  const { cells, cellAt } = hood;
  const last = distances - 1;
  const sameSizes = tierEnds[0][last] === tierEnds[1][last];
  const nearEdge = new Uint8Array(cells).fill(sameSizes ? 0 : 1);
  if (sameSizes) {
    const complete = tierEnds[0][last] as number;
    for (let cell = 0; cell < cells; cell++) {
      if (neighbourCount[cell * distances + last] === complete) continue;
      nearEdge[cell] = 1;
      const steps = hood.steps[hood.parity[cell] as number] as Int32Array;
      const place = hood.place[cell] as number;
      for (let offset = 0; offset < steps.length; offset++) {
        const neighbour = cellAt[place + (steps[offset] as number)] as number;
        if (neighbour >= 0) nearEdge[neighbour] = 1;
      }
    }
  }
  const s1 = new Float64Array(distances);
  const s2 = new Float64Array(distances);
  const columnSum = new Float64Array(distances);
  for (let cell = 0; cell < cells; cell++) {
    const base = cell * distances;
    if (nearEdge[cell] === 0) {
      columnSum.fill(1);
    } else {
      columnSum.fill(0);
      const steps = hood.steps[hood.parity[cell] as number] as Int32Array;
      const ends = tierEnds[hood.parity[cell] as number] as Int32Array;
      const place = hood.place[cell] as number;
      let offset = 0;
      for (let distance = 0; distance < distances; distance++) {
        const end = ends[distance] as number;
        for (; offset < end; offset++) {
          const neighbour = cellAt[place + (steps[offset] as number)] as number;
          if (neighbour < 0) continue;
          // This neighbour counts at this distance and every larger one.
          const neighbourBase = neighbour * distances;
          for (let at = distance; at < distances; at++) {
            columnSum[at] = (columnSum[at] as number) + 1 / (neighbourCount[neighbourBase + at] as number);
          }
        }
      }
    }
    for (let distance = 0; distance < distances; distance++) {
      const k = neighbourCount[base + distance] as number;
      if (k === 0) continue;
      const column = columnSum[distance] as number;
      s1[distance] = (s1[distance] as number) + (1 + column) / k;
      s2[distance] = (s2[distance] as number) + (1 + column) ** 2;
    }
  }
  return { s1, s2 };
}

/**
 * Peaks of the z-scores: a distance whose z exceeds 1.65 and the next distance's, the last change before it
 * having been a rise. ArcGIS's first peak (SSUtilities.returnPeakIndices, levelFilter 1.65: the first fall
 * after the curve has risen, at z above 1.65) is the first of these, and its largest peak the highest.
 */
function peakIndices(z: number[]): Set<number> {
  const peaks = new Set<number>();
  let rising = false;
  for (let step = 0; step + 1 < z.length; step++) {
    const change = (z[step + 1] as number) - (z[step] as number);
    if (change < 0 && rising && (z[step] as number) > PEAK_LEVEL) peaks.add(step);
    if (change !== 0) rising = change > 0;
  }
  return peaks;
}

/**
 * ArcGIS's fallback without a peak (knnDecision): the mean distance from each cell to its K-th nearest cell,
 * K = 5 % of the cells kept within 3…30, but no more than the cells' standard distance.
 */
function nearestCellsDistance(grid: GridAggregation, standardDistance: number): number {
  const k = Math.min(30, Math.max(3, Math.floor(grid.cellCount * 0.05)));
  const distances = nearestNeighbourDistances(grid.centreX, grid.centreY, k);
  let sum = 0;
  for (const distance of distances) sum += distance;
  return Math.min(sum / grid.cellCount, standardDistance);
}

/** The cells' standard distance (ArcGIS's standardDistanceCutoff) and the extent of their centres. */
function centreSummary(grid: GridAggregation): { standardDistance: number; width: number; height: number } {
  const cells = grid.cellCount;
  let sumX = 0;
  let sumY = 0;
  for (let cell = 0; cell < cells; cell++) {
    sumX += grid.centreX[cell] as number;
    sumY += grid.centreY[cell] as number;
  }
  const meanX = sumX / cells;
  const meanY = sumY / cells;
  let squares = 0;
  for (let cell = 0; cell < cells; cell++) {
    squares += ((grid.centreX[cell] as number) - meanX) ** 2 + ((grid.centreY[cell] as number) - meanY) ** 2;
  }
  const box = boundingBox(grid.centreX, grid.centreY);
  return { standardDistance: Math.sqrt(squares / cells), width: box.width, height: box.height };
}

// ─── G_i* ───────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * G_i* z-scores of the cell counts with binary distance-band weights, the cell its own neighbour — the formula
 * of localGetisOrd (Getis & Ord 1992; Ord & Getis 1995, as ArcGIS), over the lattice without building a weights
 * matrix: z_i = (Σ_{j∈N_i*} x_j − x̄ W_i) / (s √((n W_i − W_i²)/(n − 1))), x̄ and s (divisor n) over all cells.
 */
function gStar(
  values: Float64Array,
  grid: GridAggregation,
  spacing: number,
  band: number,
): { z: Float64Array; p: Float64Array; neighbourCount: Int32Array } {
  const hood = neighbourhood(grid, spacing, band);
  const { cells: n, cellAt } = hood;
  const { deviations, m2: variance } = centralMoments(values);
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  const neighbourCount = new Int32Array(n);
  for (let cell = 0; cell < n; cell++) {
    const steps = hood.steps[hood.parity[cell] as number] as Int32Array;
    const place = hood.place[cell] as number;
    let lag = deviations[cell] as number;
    let weight = 1;
    for (let offset = 0; offset < steps.length; offset++) {
      const neighbour = cellAt[place + (steps[offset] as number)] as number;
      if (neighbour >= 0) {
        lag += deviations[neighbour] as number;
        weight++;
      }
    }
    // n S1 − W² with S1 = W for binary weights; 0 when every cell is a neighbour (nothing to compare with).
    const weightSpread = n * weight - weight * weight;
    const spread = weightSpread > 1e-12 * n * weight ? Math.sqrt(variance * (weightSpread / (n - 1))) : 0;
    const score = spread > 0 ? lag / spread : 0;
    z[cell] = score;
    p[cell] = spread > 0 ? twoSidedPValue(score) : 1;
    neighbourCount[cell] = weight;
  }
  return { z, p, neighbourCount };
}

// ─── Small helpers ──────────────────────────────────────────────────────────────────────────────────────────

function boundingBox(x: Float64Array, y: Float64Array): Extent {
  let minimumX = Number.POSITIVE_INFINITY;
  let minimumY = Number.POSITIVE_INFINITY;
  let maximumX = Number.NEGATIVE_INFINITY;
  let maximumY = Number.NEGATIVE_INFINITY;
  for (let point = 0; point < x.length; point++) {
    const px = x[point] as number;
    const py = y[point] as number;
    if (px < minimumX) minimumX = px;
    if (px > maximumX) maximumX = px;
    if (py < minimumY) minimumY = py;
    if (py > maximumY) maximumY = py;
  }
  return { minimumX, minimumY, width: maximumX - minimumX, height: maximumY - minimumY };
}

/** Cell area over the squared cell size: 1 for squares, √3/2 for hexagons sized by their height. */
function cellAreaScale(shape: GridShape): number {
  return shape === 'square' ? 1 : SQRT3 / 2;
}

/** Lattice cells covering the bounding box, an upper bound of what the grid can hold. */
function latticeCellsOver(shape: GridShape, cellSize: number, extent: Extent): number {
  if (shape === 'square')
    return (Math.floor(extent.width / cellSize) + 2) * (Math.floor(extent.height / cellSize) + 2);
  const side = cellSize / SQRT3;
  return (Math.floor(extent.width / (1.5 * side)) + 3) * (Math.floor(extent.height / cellSize) + 3);
}

function cellSizeTooSmall(cells: number): BilingualError {
  const rounded = Math.round(cells).toLocaleString('en-US');
  const limit = MAXIMUM_GIVEN_CELLS.toLocaleString('en-US');
  return new BilingualError(
    bilingual(
      `Kích thước ô quá nhỏ: lưới sẽ có khoảng ${rounded} ô, vượt quá giới hạn ${limit} ô. Hãy chọn ô lớn hơn.`,
      `The cell size is too small: the grid would have about ${rounded} cells, more than the limit of ${limit}. Please choose a larger cell size.`,
    ),
  );
}

function checkOptionalLength(value: number | undefined, nameVi: string, nameEn: string): void {
  if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
    throw new BilingualError(
      bilingual(
        `${nameVi} phải là một số mét dương (đang là ${String(value)}).`,
        `${nameEn} must be a positive number of metres (got ${String(value)}).`,
      ),
    );
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
