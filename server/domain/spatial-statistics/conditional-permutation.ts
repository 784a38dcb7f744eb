import { BilingualError, bilingual } from '../bilingual';
import { seededRandom } from '../random/seeded-random';
import type { SpatialWeights } from '../spatial-weights/spatial-weights';

/**
 * Permutation inference shared by the statistics: pseudo p-values in esda's form, and conditional
 * randomisation for the local statistics (Anselin 1995, section 5): the value at i stays put while the other
 * n − 1 values are shuffled over its neighbours. As in esda's crand (`vec_permutations`), one matrix of random
 * neighbour draws serves every observation, so the cost is a gather and a sum per neighbour.
 */

export const DEFAULT_PERMUTATIONS = 999;
/** Used when the caller passes no generator, so that a run without a seed still repeats exactly. */
export const DEFAULT_PERMUTATION_SEED = 12345;
const MAXIMUM_PERMUTATIONS = 99_999;

export interface PermutationOptions {
  /** How many random permutations; 0 turns permutation inference off. */
  permutations?: number;
  /** Uniform numbers in [0, 1); `seededRandom(seed)` reproduces a run. */
  random?: () => number;
}

export function checkedPermutations(permutations: number): number {
  if (!(Number.isInteger(permutations) && permutations >= 0 && permutations <= MAXIMUM_PERMUTATIONS)) {
    throw new BilingualError(
      bilingual(
        `Số lần hoán vị phải là số nguyên từ 0 đến ${MAXIMUM_PERMUTATIONS} (đang là ${String(permutations)}).`,
        `The number of permutations must be a whole number from 0 to ${MAXIMUM_PERMUTATIONS} (got ${String(permutations)}).`,
      ),
    );
  }
  return permutations;
}

export function generatorOrDefault(random: (() => number) | undefined): () => number {
  return random ?? seededRandom(DEFAULT_PERMUTATION_SEED);
}

/**
 * esda's pseudo p-value (its `directed` alternative, the long-standing default of Moran, Geary, G and the
 * local statistics, and GeoDa's): count the permutations at least as large as the observed statistic, fold
 * to the smaller tail, and return (larger + 1) / (permutations + 1). One-sided toward the tail the observed
 * value lies in; it ranges from 1 / (permutations + 1) to about 0.5.
 */
export function foldedPseudoPValue(larger: number, permutations: number): number {
  const smallerTail = Math.min(larger, permutations - larger);
  return (smallerTail + 1) / (permutations + 1);
}

/** Fisher–Yates shuffle in place (Knuth 1969, algorithm P), for the global statistics' full permutations. */
export function shuffleInPlace(array: Float64Array, random: () => number): void {
  for (let last = array.length - 1; last > 0; last--) {
    const other = Math.floor(random() * (last + 1));
    const kept = array[last] as number;
    array[last] = array[other] as number;
    array[other] = kept;
  }
}

/** `permutations` rows of `width` distinct indices in 0 … count − 2, row-major. */
export interface NeighbourDraws {
  readonly permutations: number;
  readonly width: number;
  readonly indices: Int32Array;
}

/**
 * The shared random matrix of conditional randomisation (esda's `vec_permutations`): each row holds `width`
 * distinct indices drawn from the n − 1 observations other than the one being tested. A draw d stands for
 * observation d when d < i and d + 1 when d ≥ i, which skips i itself without a per-i shuffle. Rows come from
 * a partial Fisher–Yates shuffle whose swaps are undone afterwards, so each row costs O(width).
 */
export function neighbourDraws(
  count: number,
  width: number,
  permutations: number,
  random: () => number,
): NeighbourDraws {
  const poolSize = count - 1;
  const drawn = Math.min(width, poolSize);
  const indices = new Int32Array(permutations * drawn);
  const pool = new Int32Array(poolSize);
  for (let index = 0; index < poolSize; index++) pool[index] = index;
  const swappedWith = new Int32Array(drawn);
  for (let row = 0; row < permutations; row++) {
    const base = row * drawn;
    for (let position = 0; position < drawn; position++) {
      const other = position + Math.floor(random() * (poolSize - position));
      swappedWith[position] = other;
      const chosen = pool[other] as number;
      pool[other] = pool[position] as number;
      pool[position] = chosen;
      indices[base + position] = chosen;
    }
    for (let position = drawn - 1; position >= 0; position--) {
      const other = swappedWith[position] as number;
      const kept = pool[other] as number;
      pool[other] = pool[position] as number;
      pool[position] = kept;
    }
  }
  return { permutations, width: drawn, indices };
}

/** The links of the weights without the diagonal (a unit is never shuffled onto itself), with the diagonal aside. */
export interface OtherNeighbours {
  readonly offsets: Int32Array;
  readonly neighbours: Int32Array;
  readonly weights: Float64Array;
  /** The diagonal weight w_ii of each observation (0 when the weights leave it out). */
  readonly selfWeights: Float64Array;
  readonly maximumCount: number;
}

export function otherNeighbours(weights: SpatialWeights): OtherNeighbours {
  const { count, offsets, neighbours } = weights;
  const selfWeights = new Float64Array(count);
  let selfLinks = 0;
  let maximumCount = 0;
  for (let observation = 0; observation < count; observation++) {
    const start = offsets[observation] as number;
    const end = offsets[observation + 1] as number;
    let others = end - start;
    for (let link = start; link < end; link++) {
      if (neighbours[link] === observation) {
        selfWeights[observation] = (selfWeights[observation] as number) + (weights.weights[link] as number);
        selfLinks++;
        others--;
      }
    }
    if (others > maximumCount) maximumCount = others;
  }
  if (selfLinks === 0) {
    return { offsets, neighbours, weights: weights.weights, selfWeights, maximumCount };
  }
  const keptOffsets = new Int32Array(count + 1);
  const keptNeighbours = new Int32Array(neighbours.length - selfLinks);
  const keptWeights = new Float64Array(neighbours.length - selfLinks);
  let kept = 0;
  for (let observation = 0; observation < count; observation++) {
    for (let link = offsets[observation] as number; link < (offsets[observation + 1] as number); link++) {
      if (neighbours[link] === observation) continue;
      keptNeighbours[kept] = neighbours[link] as number;
      keptWeights[kept] = weights.weights[link] as number;
      kept++;
    }
    keptOffsets[observation + 1] = kept;
  }
  return {
    offsets: keptOffsets,
    neighbours: keptNeighbours,
    weights: keptWeights,
    selfWeights,
    maximumCount,
  };
}

/** Ties between a permuted and the observed lag are judged with this relative slack (sums in another order). */
const TIE_TOLERANCE = 1e-10;

/**
 * Conditional pseudo p-values for local statistics that are monotone in the spatial lag Σ_j w_ij x_j over the
 * other observations (local Moran's I, G_i, G_i*): for each i, the lag of every row of the draws is compared
 * with the observed lag. `direction[i]` = +1 counts permuted lags ≥ the observed one (the statistic grows
 * with the lag), −1 counts lags ≤ it (local Moran with z_i < 0), 0 means nothing to test (p = 1). The count
 * is folded as in `foldedPseudoPValue`. Rows whose weights are all equal (binary and row-standardised
 * contiguity) take one multiplication per permutation instead of one per neighbour.
 */
export function conditionalPseudoPValues(
  values: Float64Array,
  others: OtherNeighbours,
  draws: NeighbourDraws,
  direction: Int8Array,
): Float64Array {
  const count = values.length;
  const { offsets, neighbours, weights } = others;
  const { permutations, width, indices } = draws;
  const result = new Float64Array(count);
  let largestMagnitude = 0;
  for (let index = 0; index < count; index++) {
    largestMagnitude = Math.max(largestMagnitude, Math.abs(values[index] as number));
  }
  for (let observation = 0; observation < count; observation++) {
    const start = offsets[observation] as number;
    const size = (offsets[observation + 1] as number) - start;
    const sign = direction[observation] as number;
    if (size === 0 || sign === 0) {
      result[observation] = 1;
      continue;
    }
    const firstWeight = weights[start] as number;
    let uniform = true;
    let absoluteWeights = 0;
    for (let link = start; link < start + size; link++) {
      if (weights[link] !== firstWeight) uniform = false;
      absoluteWeights += Math.abs(weights[link] as number);
    }
    const tolerance = TIE_TOLERANCE * absoluteWeights * largestMagnitude;
    let larger = 0;
    if (uniform) {
      let observedSum = 0;
      for (let link = start; link < start + size; link++)
        observedSum += values[neighbours[link] as number] as number;
      const observed = firstWeight * observedSum;
      for (let row = 0, base = 0; row < permutations; row++, base += width) {
        let sum = 0;
        for (let position = 0; position < size; position++) {
          const draw = indices[base + position] as number;
          // draw + 1 when draw ≥ observation: the sign bit of (observation − draw − 1).
          sum += values[draw + ((observation - draw - 1) >>> 31)] as number;
        }
        const lag = firstWeight * sum;
        if (sign > 0 ? lag >= observed - tolerance : lag <= observed + tolerance) larger++;
      }
    } else {
      let observed = 0;
      for (let link = start; link < start + size; link++) {
        observed += (weights[link] as number) * (values[neighbours[link] as number] as number);
      }
      for (let row = 0, base = 0; row < permutations; row++, base += width) {
        let lag = 0;
        for (let position = 0; position < size; position++) {
          const draw = indices[base + position] as number;
          lag +=
            (weights[start + position] as number) *
            (values[draw + ((observation - draw - 1) >>> 31)] as number);
        }
        if (sign > 0 ? lag >= observed - tolerance : lag <= observed + tolerance) larger++;
      }
    }
    result[observation] = foldedPseudoPValue(larger, permutations);
  }
  return result;
}
