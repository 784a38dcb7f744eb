import Flatbush from 'flatbush';
import KDBush from 'kdbush';
import { BilingualError, bilingual } from '../bilingual';
import type { SpatialWeights } from './spatial-weights';
import { binaryWeights, emptyInput } from './weights-operations';

type Coordinates = Float64Array | readonly number[];

/**
 * Binary k-nearest-neighbour weights (libpysal `KNN`, spdep `knn2nb(knearneigh(xy, k))`): each observation's
 * k closest other observations by Euclidean distance in the coordinates' own planar unit. Not symmetric.
 * Distance ties are broken by the lower index, so the result never depends on the index's traversal order;
 * coincident points are each other's neighbours at distance 0. Requires 1 <= k < n.
 */
export function nearestNeighbourWeights(x: Coordinates, y: Coordinates, k: number): SpatialWeights {
  const count = checkCoordinates(x, y);
  if (!Number.isInteger(k) || k < 1 || k >= count) {
    throw new BilingualError(
      bilingual(
        `Số láng giềng gần nhất k phải là số nguyên từ 1 đến ${count - 1} (ít hơn số đối tượng là ${count}); nhận được ${k}.`,
        `The number of nearest neighbours k must be a whole number from 1 to ${count - 1} (fewer than the ${count} observations); got ${k}.`,
      ),
    );
  }
  const index = new Flatbush(count);
  for (let observation = 0; observation < count; observation++) {
    index.add(x[observation] as number, y[observation] as number);
  }
  index.finish();
  const offsets = new Int32Array(count + 1);
  const neighbours = new Int32Array(count * k);
  const chosen = new Int32Array(k);
  for (let observation = 0; observation < count; observation++) {
    const ox = x[observation] as number;
    const oy = y[observation] as number;
    const nearest = index.neighbors(ox, oy, k, Number.POSITIVE_INFINITY, (other) => other !== observation);
    let kthDistance = 0;
    for (const other of nearest) {
      kthDistance = Math.max(kthDistance, squaredDistance(x, y, observation, other));
    }
    // Others exactly as far as the k-th may lie beyond those the queue returned: gather every point within
    // that distance (a box slightly larger than the circle, then the exact test) and rank by (distance, id).
    const radius = Math.sqrt(kthDistance);
    const margin = radius * 1e-9 + (Math.abs(ox) + Math.abs(oy)) * 1e-12;
    const candidates = index
      .search(ox - radius - margin, oy - radius - margin, ox + radius + margin, oy + radius + margin)
      .filter((other) => other !== observation && squaredDistance(x, y, observation, other) <= kthDistance);
    if (candidates.length > k) {
      candidates.sort(
        (first, second) =>
          squaredDistance(x, y, observation, first) - squaredDistance(x, y, observation, second) ||
          first - second,
      );
    }
    for (let rank = 0; rank < k; rank++) chosen[rank] = candidates[rank] as number;
    chosen.sort();
    neighbours.set(chosen, observation * k);
    offsets[observation + 1] = (observation + 1) * k;
  }
  return binaryWeights(count, offsets, neighbours, `knn:${k}`);
}

/**
 * Binary distance-band weights (libpysal `DistanceBand(binary=True)`, spdep `dnearneigh(xy, 0, d)`): j is a
 * neighbour of i when their Euclidean distance, in the coordinates' planar unit (metres once projected), is
 * at most the threshold (tested as squared distance <= threshold², kdbush's `within`). Symmetric;
 * observations with nobody in range are islands.
 */
export function distanceBandWeights(x: Coordinates, y: Coordinates, threshold: number): SpatialWeights {
  const count = checkCoordinates(x, y);
  if (!Number.isFinite(threshold) || threshold <= 0) {
    throw new BilingualError(
      bilingual(
        `Ngưỡng khoảng cách phải là một số dương hữu hạn; nhận được ${threshold}.`,
        `The distance threshold must be a finite positive number; got ${threshold}.`,
      ),
    );
  }
  const index = new KDBush(count);
  for (let observation = 0; observation < count; observation++) {
    index.add(x[observation] as number, y[observation] as number);
  }
  index.finish();
  const offsets = new Int32Array(count + 1);
  let neighbours = new Int32Array(Math.max(16, count * 8));
  let written = 0;
  for (let observation = 0; observation < count; observation++) {
    const found = index.within(x[observation] as number, y[observation] as number, threshold);
    if (written + found.length > neighbours.length) {
      const grown = new Int32Array(Math.max(neighbours.length * 2, written + found.length));
      grown.set(neighbours.subarray(0, written));
      neighbours = grown;
    }
    const rowStart = written;
    for (const other of found) if (other !== observation) neighbours[written++] = other;
    neighbours.subarray(rowStart, written).sort();
    offsets[observation + 1] = written;
  }
  return binaryWeights(count, offsets, neighbours.slice(0, written), `distance:${threshold}`);
}

function squaredDistance(x: Coordinates, y: Coordinates, first: number, second: number): number {
  const dx = (x[first] as number) - (x[second] as number);
  const dy = (y[first] as number) - (y[second] as number);
  return dx * dx + dy * dy;
}

/** The observation count, after checking the coordinates are usable. */
function checkCoordinates(x: Coordinates, y: Coordinates): number {
  if (x.length !== y.length) {
    throw new BilingualError(
      bilingual(
        `Số hoành độ (${x.length}) và tung độ (${y.length}) không bằng nhau.`,
        `There are ${x.length} x coordinates but ${y.length} y coordinates.`,
      ),
    );
  }
  if (x.length === 0) throw emptyInput();
  for (let observation = 0; observation < x.length; observation++) {
    if (!Number.isFinite(x[observation]) || !Number.isFinite(y[observation])) {
      throw new BilingualError(
        bilingual(
          `Đối tượng ${observation} không có toạ độ hợp lệ.`,
          `Observation ${observation} has no valid coordinates.`,
        ),
      );
    }
  }
  return x.length;
}
