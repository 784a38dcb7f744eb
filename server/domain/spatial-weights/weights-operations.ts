import { BilingualError, bilingual } from '../bilingual';
import type { SpatialWeights } from './spatial-weights';

/** What a user reads before trusting a weights matrix (GeoDa's weights summary, libpysal's W attributes). */
export interface WeightsDescription {
  count: number;
  /** Directed links, not counting an observation as its own neighbour (libpysal's `s0` for binary weights). */
  links: number;
  minimumNeighbours: number;
  maximumNeighbours: number;
  meanNeighbours: number;
  /** Observations without any neighbour other than themselves, in increasing order (libpysal's `islands`). */
  islands: number[];
}

/**
 * Binary weights from one neighbour list per observation (libpysal `W(neighbors)`, spdep `nb` objects).
 * Lists may be in any order and repeat an id; an observation may not list itself (use `withSelf`), and
 * every id must be a whole number in 0 … lists.length − 1. Asymmetric lists stay asymmetric.
 */
export function fromNeighbourLists(lists: readonly (readonly number[])[], kind: string): SpatialWeights {
  const count = lists.length;
  if (count === 0) throw emptyInput();
  const offsets = new Int32Array(count + 1);
  const rows: Int32Array[] = [];
  for (let observation = 0; observation < count; observation++) {
    const list = lists[observation] as readonly number[];
    for (const neighbour of list) {
      if (!Number.isInteger(neighbour) || neighbour < 0 || neighbour >= count) {
        throw new BilingualError(
          bilingual(
            `Danh sách láng giềng của đối tượng ${observation} chứa mã ${neighbour} không hợp lệ (phải từ 0 đến ${count - 1}).`,
            `The neighbour list of observation ${observation} holds ${neighbour}, which is not an id from 0 to ${count - 1}.`,
          ),
        );
      }
      if (neighbour === observation) {
        throw new BilingualError(
          bilingual(
            `Đối tượng ${observation} tự liệt kê mình là láng giềng; hãy dùng tuỳ chọn "tính cả chính nó".`,
            `Observation ${observation} lists itself as a neighbour; use the self-inclusion option instead.`,
          ),
        );
      }
    }
    const row = uniqueSorted(Int32Array.from(list));
    rows.push(row);
    offsets[observation + 1] = (offsets[observation] as number) + row.length;
  }
  const neighbours = new Int32Array(offsets[count] as number);
  for (let observation = 0; observation < count; observation++) {
    neighbours.set(rows[observation] as Int32Array, offsets[observation] as number);
  }
  return binaryWeights(count, offsets, neighbours, kind);
}

/**
 * Row standardisation (libpysal `transform = 'R'`, spdep `style = "W"`): each weight divided by its row's
 * sum, so every row with neighbours sums to 1. Rows without neighbours (islands) stay empty, as in both.
 */
export function rowStandardised(weights: SpatialWeights): SpatialWeights {
  if (weights.transform === 'row') return weights;
  const standardised = new Float64Array(weights.weights.length);
  for (let observation = 0; observation < weights.count; observation++) {
    const start = weights.offsets[observation] as number;
    const end = weights.offsets[observation + 1] as number;
    let sum = 0;
    for (let position = start; position < end; position++) sum += weights.weights[position] as number;
    for (let position = start; position < end; position++) {
      standardised[position] = (weights.weights[position] as number) / sum;
    }
  }
  return { ...weights, weights: standardised, transform: 'row' };
}

/**
 * Each observation becomes its own neighbour with weight 1 (the G_i* form of Getis & Ord 1992 and ArcGIS;
 * libpysal `fill_diagonal`, spdep `include.self`). Only for binary weights: standardise afterwards if needed.
 */
export function withSelf(weights: SpatialWeights): SpatialWeights {
  if (weights.includesSelf) return weights;
  if (weights.transform !== 'binary') {
    throw new BilingualError(
      bilingual(
        'Chỉ thêm chính đối tượng vào ma trận trọng số nhị phân; hãy chuẩn hoá theo hàng sau đó.',
        'Self-inclusion applies to binary weights only; standardise the rows afterwards.',
      ),
    );
  }
  const count = weights.count;
  const offsets = new Int32Array(count + 1);
  const neighbours = new Int32Array(weights.neighbours.length + count);
  let written = 0;
  for (let observation = 0; observation < count; observation++) {
    const start = weights.offsets[observation] as number;
    const end = weights.offsets[observation + 1] as number;
    let position = start;
    // Rows are sorted: copy the lower ids, then the observation itself, then the rest.
    while (position < end && (weights.neighbours[position] as number) < observation) {
      neighbours[written++] = weights.neighbours[position++] as number;
    }
    neighbours[written++] = observation;
    while (position < end) neighbours[written++] = weights.neighbours[position++] as number;
    offsets[observation + 1] = written;
  }
  return { ...binaryWeights(count, offsets, neighbours, weights.kind), includesSelf: true };
}

/**
 * The weights among some observations only (a province's communes out of the country's): observation i of
 * the result is `kept[i]` of the input, and links to observations left out are dropped, so a commune on
 * the edge of the area has only its neighbours inside it. Binary weights in, binary weights out.
 */
export function subsetWeights(weights: SpatialWeights, kept: readonly number[]): SpatialWeights {
  const position = new Int32Array(weights.count).fill(-1);
  kept.forEach((observation, index) => {
    position[observation] = index;
  });
  const offsets = new Int32Array(kept.length + 1);
  const neighbours: number[] = [];
  kept.forEach((observation, index) => {
    for (
      let link = weights.offsets[observation] as number;
      link < (weights.offsets[observation + 1] as number);
      link++
    ) {
      const neighbour = position[weights.neighbours[link] as number] as number;
      if (neighbour >= 0) neighbours.push(neighbour);
    }
    offsets[index + 1] = neighbours.length;
  });
  // Kept in input order, rows stay sorted only if `kept` is ascending: sort each row to be sure.
  const packed = Int32Array.from(neighbours);
  for (let index = 0; index < kept.length; index++) {
    packed.subarray(offsets[index] as number, offsets[index + 1] as number).sort();
  }
  return { ...binaryWeights(kept.length, offsets, packed, weights.kind), includesSelf: weights.includesSelf };
}

/** Neighbour counts and islands (GeoDa's connectivity summary; libpysal `cardinalities`, `islands`). */
export function describeWeights(weights: SpatialWeights): WeightsDescription {
  let links = 0;
  let minimumNeighbours = Number.POSITIVE_INFINITY;
  let maximumNeighbours = 0;
  const islands: number[] = [];
  for (let observation = 0; observation < weights.count; observation++) {
    const neighbourCount =
      (weights.offsets[observation + 1] as number) -
      (weights.offsets[observation] as number) -
      (weights.includesSelf ? 1 : 0);
    links += neighbourCount;
    if (neighbourCount < minimumNeighbours) minimumNeighbours = neighbourCount;
    if (neighbourCount > maximumNeighbours) maximumNeighbours = neighbourCount;
    if (neighbourCount === 0) islands.push(observation);
  }
  return {
    count: weights.count,
    links,
    minimumNeighbours: weights.count === 0 ? 0 : minimumNeighbours,
    maximumNeighbours,
    meanNeighbours: weights.count === 0 ? 0 : links / weights.count,
    islands,
  };
}

/** Binary weights over rows already sorted and free of repeats. */
export function binaryWeights(
  count: number,
  offsets: Int32Array,
  neighbours: Int32Array,
  kind: string,
): SpatialWeights {
  return {
    count,
    offsets,
    neighbours,
    weights: new Float64Array(neighbours.length).fill(1),
    kind,
    transform: 'binary',
    includesSelf: false,
  };
}

/** Sorts in place and drops repeats; returns the distinct prefix. */
export function uniqueSorted(values: Int32Array): Int32Array {
  values.sort();
  let distinct = 0;
  for (let position = 0; position < values.length; position++) {
    if (distinct === 0 || values[position] !== values[distinct - 1]) {
      values[distinct++] = values[position] as number;
    }
  }
  return values.subarray(0, distinct);
}

export function emptyInput(): BilingualError {
  return new BilingualError(
    bilingual(
      'Không có đối tượng nào để lập ma trận trọng số không gian.',
      'There are no observations to build spatial weights from.',
    ),
  );
}
