import KDBush from 'kdbush';
import { BilingualError, bilingual } from '../bilingual';
import { twoSidedPValue } from '../spatial-statistics/normal-distribution';
import { validatePoints } from './validate-points';

/** Smaller leaves than kdbush's default 64: nearest-neighbour queries scan whole leaves. */
const NODE_SIZE = 16;

export interface AverageNearestNeighbourResult {
  readonly count: number;
  /** The study area used, in square input units. */
  readonly area: number;
  /** Mean distance from each point to the nearest other point. */
  readonly observedMeanDistance: number;
  /** Mean nearest-neighbour distance of a random (Poisson) pattern of the same density: 0.5 / √(n / A). */
  readonly expectedMeanDistance: number;
  /** observed / expected: below 1 clustered, above 1 dispersed (Clark & Evans's R). */
  readonly ratio: number;
  readonly z: number;
  /** Two-sided p-value of z under the normal approximation. */
  readonly p: number;
  /** The nearest-other-point distance of every point, in input order. */
  readonly distances: Float64Array;
}

/**
 * Average Nearest Neighbor as in Clark & Evans (1954) and ArcGIS's Average Nearest Neighbor tool:
 *
 *   observed D̄o = mean over points of the distance to the nearest other point,
 *   expected D̄e = 0.5 / √(n / A),   standard error SE = 0.26136 / √(n² / A),
 *   ratio = D̄o / D̄e,   z = (D̄o − D̄e) / SE.
 *
 * `area` (square input units) defaults, as in ArcGIS, to the area of the rectangle enclosing the points (here
 * the axis-aligned one). Coincident points are each other's nearest neighbours at distance 0.
 */
export function averageNearestNeighbourDistance(
  x: Float64Array,
  y: Float64Array,
  area?: number,
): AverageNearestNeighbourResult {
  const count = validatePoints(x, y);
  requireTwoPoints(count);
  let studyArea: number;
  if (area === undefined) {
    studyArea = boundingRectangleArea(x, y);
    if (!(studyArea > 0)) {
      throw new BilingualError(
        bilingual(
          'Các điểm nằm trên một đường thẳng nên hình chữ nhật bao quanh có diện tích bằng 0. Hãy nhập diện tích vùng nghiên cứu.',
          'The points lie on a straight line, so their enclosing rectangle has no area. Please give the study area.',
        ),
      );
    }
  } else {
    if (!(Number.isFinite(area) && area > 0)) {
      throw new BilingualError(
        bilingual(
          `Diện tích vùng nghiên cứu phải là số dương (đang là ${area}).`,
          `The study area must be a positive number (got ${area}).`,
        ),
      );
    }
    studyArea = area;
  }

  const distances = nearestNeighbourDistances(x, y, 1);
  let sum = 0;
  for (let point = 0; point < count; point++) sum += distances[point] as number;
  const observedMeanDistance = sum / count;
  const expectedMeanDistance = 0.5 / Math.sqrt(count / studyArea);
  const standardError = 0.26136 / Math.sqrt((count * count) / studyArea);
  const z = (observedMeanDistance - expectedMeanDistance) / standardError;
  return {
    count,
    area: studyArea,
    observedMeanDistance,
    expectedMeanDistance,
    ratio: observedMeanDistance / expectedMeanDistance,
    z,
    p: twoSidedPValue(z),
    distances,
  };
}

/**
 * The mean, over points, of each point's mean distance to its k nearest other points: the scale ArcGIS's
 * Optimized Hot Spot Analysis falls back to (with k = 30) when incremental spatial autocorrelation shows no
 * peak. With fewer than k + 1 points, all other points are used.
 */
export function averageDistanceToNearestNeighbours(x: Float64Array, y: Float64Array, k: number): number {
  const count = validatePoints(x, y);
  requireTwoPoints(count);
  if (!(Number.isInteger(k) && k >= 1)) {
    throw new BilingualError(
      bilingual(
        `Số láng giềng gần nhất phải là số nguyên dương (đang là ${k}).`,
        `The number of nearest neighbours must be a positive whole number (got ${k}).`,
      ),
    );
  }
  const used = Math.min(k, count - 1);
  const distances = nearestNeighbourDistances(x, y, used, true);
  let sum = 0;
  for (let point = 0; point < count; point++) sum += distances[point] as number;
  return sum / count;
}

/**
 * For every point, the distance to its k-th nearest other point (or, with `mean`, the mean distance to its k
 * nearest other points). A branch-and-bound search down a static kd-tree (kdbush's sorted arrays): the near
 * half first, the far half only if it can still hold something closer than the current k-th best.
 */
export function nearestNeighbourDistances(
  x: Float64Array,
  y: Float64Array,
  k: number,
  mean = false,
): Float64Array {
  const count = x.length;
  const result = new Float64Array(count);
  if (count < 2) return result;
  const index = new KDBush(count, NODE_SIZE);
  for (let point = 0; point < count; point++) index.add(x[point] as number, y[point] as number);
  index.finish();
  const { ids, nodeSize } = index;
  const coords = index.coords as Float64Array;

  // Squared distances of the k best so far, ascending; shared by every query to avoid allocations.
  const best = new Float64Array(k);
  let queryX = 0;
  let queryY = 0;
  let self = 0;

  const consider = (position: number): void => {
    if (ids[position] === self) return;
    const dx = (coords[2 * position] as number) - queryX;
    const dy = (coords[2 * position + 1] as number) - queryY;
    const squared = dx * dx + dy * dy;
    if (squared >= (best[k - 1] as number)) return;
    let slot = k - 1;
    while (slot > 0 && (best[slot - 1] as number) > squared) {
      best[slot] = best[slot - 1] as number;
      slot--;
    }
    best[slot] = squared;
  };
  const search = (left: number, right: number, axis: number): void => {
    if (right - left <= nodeSize) {
      for (let position = left; position <= right; position++) consider(position);
      return;
    }
    const middle = (left + right) >> 1;
    consider(middle);
    const difference =
      axis === 0 ? queryX - (coords[2 * middle] as number) : queryY - (coords[2 * middle + 1] as number);
    if (difference < 0) {
      search(left, middle - 1, 1 - axis);
      if (difference * difference < (best[k - 1] as number)) search(middle + 1, right, 1 - axis);
    } else {
      search(middle + 1, right, 1 - axis);
      if (difference * difference < (best[k - 1] as number)) search(left, middle - 1, 1 - axis);
    }
  };

  // Queries in the tree's own order: consecutive queries are neighbours in space and reuse the same nodes from
  // the processor cache, about twice as fast as input order on a million points.
  for (let position = 0; position < count; position++) {
    const point = ids[position] as number;
    queryX = coords[2 * position] as number;
    queryY = coords[2 * position + 1] as number;
    self = point;
    best.fill(Number.POSITIVE_INFINITY);
    search(0, count - 1, 0);
    if (mean) {
      let sum = 0;
      for (let slot = 0; slot < k; slot++) sum += Math.sqrt(best[slot] as number);
      result[point] = sum / k;
    } else {
      result[point] = Math.sqrt(best[k - 1] as number);
    }
  }
  return result;
}

function requireTwoPoints(count: number): void {
  if (count < 2) {
    throw new BilingualError(
      bilingual(
        `Cần ít nhất 2 điểm để đo khoảng cách láng giềng gần nhất (đang có ${count}).`,
        `At least 2 points are needed to measure nearest-neighbour distances (got ${count}).`,
      ),
    );
  }
}

function boundingRectangleArea(x: Float64Array, y: Float64Array): number {
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
  return (maximumX - minimumX) * (maximumY - minimumY);
}
