import { BilingualError, bilingual } from '../bilingual';
import type { SpatialWeights } from '../spatial-weights/spatial-weights';
import {
  checkedPermutations,
  foldedPseudoPValue,
  generatorOrDefault,
  type PermutationOptions,
  shuffleInPlace,
} from './conditional-permutation';
import { checkedValues, type NumericValues } from './input-checks';
import { centralMoments } from './moments';
import { oneSidedPValue, twoSidedPValue } from './normal-distribution';

/**
 * Global tests of spatial autocorrelation: Moran's I, Geary's C and Getis–Ord's general G, with their moments
 * under the normality and randomisation assumptions (Cliff & Ord 1981, "Spatial Processes", ch. 1–2; Getis &
 * Ord 1992, Geographical Analysis 24(3)), following PySAL esda's formulas and sidedness so that results can
 * be checked against esda, GeoDa and R spdep. The weights are used as given: Moran and Geary match esda's
 * defaults with row-standardised weights, G with binary ones.
 */

export interface GlobalTestResult {
  method: 'moran' | 'geary' | 'g';
  n: number;
  statistic: number;
  expected: number;
  varianceNormality: number;
  varianceRandomisation: number;
  zNormality: number;
  zRandomisation: number;
  /**
   * As in esda: two-sided for Moran's I (`two_tailed=True`); one-sided toward the observed deviation for
   * Geary's C and G (P(Z ≥ |z|)).
   */
  pNormality: number;
  pRandomisation: number;
  /** esda's folded pseudo p-value, (larger + 1) / (permutations + 1); null without permutations. */
  pSim: number | null;
}

/** Permutations default to 0 here (analytic inference only); pass `permutations` and a seeded `random`. */
export type GlobalTestOptions = PermutationOptions;

/** The randomisation variances have n − 3 in their denominators. */
const MINIMUM_COUNT = 4;

/** Cliff & Ord's sums of the weights: S0 = Σ w_ij, S1 = ½ Σ (w_ij + w_ji)², S2 = Σ_i (w_i· + w_·i)². */
interface WeightSums {
  s0: number;
  s1: number;
  s2: number;
}

/** The weight of the link from → to, or 0; neighbours are sorted within each row, so a binary search. */
function linkWeight(weights: SpatialWeights, from: number, to: number): number {
  let low = weights.offsets[from] as number;
  let high = (weights.offsets[from + 1] as number) - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const neighbour = weights.neighbours[middle] as number;
    if (neighbour === to) return weights.weights[middle] as number;
    if (neighbour < to) low = middle + 1;
    else high = middle - 1;
  }
  return 0;
}

function weightSums(weights: SpatialWeights, skipSelf: boolean): WeightSums {
  const { count, offsets, neighbours } = weights;
  const rowSums = new Float64Array(count);
  const columnSums = new Float64Array(count);
  let s0 = 0;
  let s1 = 0;
  for (let from = 0; from < count; from++) {
    for (let link = offsets[from] as number; link < (offsets[from + 1] as number); link++) {
      const to = neighbours[link] as number;
      if (skipSelf && to === from) continue;
      const weight = weights.weights[link] as number;
      s0 += weight;
      rowSums[from] = (rowSums[from] as number) + weight;
      columnSums[to] = (columnSums[to] as number) + weight;
      // Each unordered pair is met once from each side when both links exist; a one-way link stands for both
      // ordered pairs, (w + 0)² + (0 + w)².
      const reverse = linkWeight(weights, to, from);
      s1 += reverse !== 0 ? (weight + reverse) ** 2 : 2 * weight * weight;
    }
  }
  let s2 = 0;
  for (let index = 0; index < count; index++)
    s2 += ((rowSums[index] as number) + (columnSums[index] as number)) ** 2;
  return { s0, s1: s1 / 2, s2 };
}

function requireLinks(sums: WeightSums): void {
  if (!(sums.s0 > 0)) {
    throw new BilingualError(
      bilingual(
        'Ma trận trọng số không có liên kết nào giữa các đối tượng (tổng trọng số bằng 0): hãy chọn khoảng cách lớn hơn hoặc kiểu lân cận khác.',
        'The spatial weights link no observations to each other (their sum is zero): choose a larger distance or another kind of neighbours.',
      ),
    );
  }
}

/** Σ_i a_i Σ_j w_ij b_j, the cross-product every global statistic is built from. */
function weightedCrossProduct(
  weights: SpatialWeights,
  left: Float64Array,
  right: Float64Array,
  skipSelf: boolean,
): number {
  const { count, offsets, neighbours } = weights;
  let total = 0;
  for (let from = 0; from < count; from++) {
    let lag = 0;
    for (let link = offsets[from] as number; link < (offsets[from + 1] as number); link++) {
      const to = neighbours[link] as number;
      if (skipSelf && to === from) continue;
      lag += (weights.weights[link] as number) * (right[to] as number);
    }
    total += (left[from] as number) * lag;
  }
  return total;
}

/**
 * Counts how many of `permutations` full random permutations of `values` give a statistic ≥ the observed one
 * (esda's global permutation test), or returns null when permutations are off.
 */
function globalPseudoPValue(
  values: Float64Array,
  observed: number,
  options: GlobalTestOptions,
  statisticOf: (permuted: Float64Array) => number,
): number | null {
  const permutations = checkedPermutations(options.permutations ?? 0);
  if (permutations === 0) return null;
  const random = generatorOrDefault(options.random);
  const permuted = Float64Array.from(values);
  let larger = 0;
  for (let round = 0; round < permutations; round++) {
    shuffleInPlace(permuted, random);
    if (statisticOf(permuted) >= observed) larger++;
  }
  return foldedPseudoPValue(larger, permutations);
}

/**
 * Moran's I = (n / S0) Σ_ij w_ij z_i z_j / Σ_i z_i² with z the deviations from the mean (Moran 1950).
 * E[I] = −1/(n − 1); variances under normality and randomisation from Cliff & Ord (1981), as esda's `Moran`
 * and spdep's `moran.test`. p-values are two-sided (esda `two_tailed=True`).
 */
export function globalMoran(
  values: NumericValues,
  weights: SpatialWeights,
  options: GlobalTestOptions = {},
): GlobalTestResult {
  const x = checkedValues(values, weights, MINIMUM_COUNT);
  const n = x.length;
  const sums = weightSums(weights, false);
  requireLinks(sums);
  const { s0, s1, s2 } = sums;
  const { deviations: z, m2, m4 } = centralMoments(x);
  const sumOfSquares = m2 * n;
  const statisticOf = (permuted: Float64Array) =>
    ((n / s0) * weightedCrossProduct(weights, permuted, permuted, false)) / sumOfSquares;
  const statistic = statisticOf(z);
  const expected = -1 / (n - 1);
  const n2 = n * n;
  const s02 = s0 * s0;
  const varianceNormality = (n2 * s1 - n * s2 + 3 * s02) / ((n - 1) * (n + 1) * s02) - expected * expected;
  const kurtosis = m4 / (m2 * m2);
  const a = n * ((n2 - 3 * n + 3) * s1 - n * s2 + 3 * s02);
  const b = kurtosis * ((n2 - n) * s1 - 2 * n * s2 + 6 * s02);
  const varianceRandomisation = (a - b) / ((n - 1) * (n - 2) * (n - 3) * s02) - expected * expected;
  const zNormality = (statistic - expected) / Math.sqrt(varianceNormality);
  const zRandomisation = (statistic - expected) / Math.sqrt(varianceRandomisation);
  const result: GlobalTestResult = {
    method: 'moran',
    n,
    statistic,
    expected,
    varianceNormality,
    varianceRandomisation,
    zNormality,
    zRandomisation,
    pNormality: twoSidedPValue(zNormality),
    pRandomisation: twoSidedPValue(zRandomisation),
    pSim: globalPseudoPValue(z, statistic, options, statisticOf),
  };
  return result;
}

/**
 * Geary's C = (n − 1) Σ_ij w_ij (x_i − x_j)² / (2 S0 Σ_i z_i²) (Geary 1954); E[C] = 1; variances under
 * normality and randomisation from Cliff & Ord (1981) as in esda's `Geary`. p-values are
 * one-sided toward the observed deviation, as esda reports them (double them for a two-sided test).
 */
export function gearyC(
  values: NumericValues,
  weights: SpatialWeights,
  options: GlobalTestOptions = {},
): GlobalTestResult {
  const x = checkedValues(values, weights, MINIMUM_COUNT);
  const n = x.length;
  const sums = weightSums(weights, false);
  requireLinks(sums);
  const { s0, s1, s2 } = sums;
  const { m2, m4 } = centralMoments(x);
  const denominator = 2 * s0 * m2 * n;
  const { offsets, neighbours } = weights;
  const statisticOf = (permuted: Float64Array) => {
    let total = 0;
    for (let from = 0; from < n; from++) {
      const value = permuted[from] as number;
      for (let link = offsets[from] as number; link < (offsets[from + 1] as number); link++) {
        const difference = value - (permuted[neighbours[link] as number] as number);
        total += (weights.weights[link] as number) * difference * difference;
      }
    }
    return ((n - 1) * total) / denominator;
  };
  const statistic = statisticOf(x);
  const n2 = n * n;
  const s02 = s0 * s0;
  const kurtosis = m4 / (m2 * m2);
  const varianceNormality = ((2 * s1 + s2) * (n - 1) - 4 * s02) / (2 * (n + 1) * s02);
  const a = (n - 1) * s1 * (n2 - 3 * n + 3 - (n - 1) * kurtosis);
  const b = 0.25 * ((n - 1) * s2 * (n2 + 3 * n - 6 - (n2 - n + 2) * kurtosis));
  const c = s02 * (n2 - 3 - (n - 1) ** 2 * kurtosis);
  const varianceRandomisation = (a - b + c) / (n * (n - 2) * (n - 3) * s02);
  const zNormality = (statistic - 1) / Math.sqrt(varianceNormality);
  const zRandomisation = (statistic - 1) / Math.sqrt(varianceRandomisation);
  const result: GlobalTestResult = {
    method: 'geary',
    n,
    statistic,
    expected: 1,
    varianceNormality,
    varianceRandomisation,
    zNormality,
    zRandomisation,
    pNormality: oneSidedPValue(zNormality),
    pRandomisation: oneSidedPValue(zRandomisation),
    pSim: globalPseudoPValue(x, statistic, options, statisticOf),
  };
  return result;
}

/**
 * Getis–Ord's general G = Σ_{i≠j} w_ij x_i x_j / Σ_{i≠j} x_i x_j (Getis & Ord 1992, eq. 1), for non-negative
 * values; diagonal weights are ignored. E[G] = S0 / (n(n − 1)) and Var[G] = E[G²] − E[G]² with E[G²] from
 * Getis & Ord (1992), as esda's `G` and spdep's `globalG.test`. That
 * variance is derived by permuting the values (randomisation); esda labels it "normality" and has no other,
 * so both variance fields hold it and the two z-scores and p-values coincide. p-values are one-sided toward
 * the observed deviation, as esda's `p_norm` (0.172936 in esda's six-point test).
 */
export function globalG(
  values: NumericValues,
  weights: SpatialWeights,
  options: GlobalTestOptions = {},
): GlobalTestResult {
  const x = checkedValues(values, weights, MINIMUM_COUNT);
  const n = x.length;
  let sum = 0;
  let sumSquares = 0;
  let sumCubes = 0;
  let sumFourth = 0;
  for (let index = 0; index < n; index++) {
    const value = x[index] as number;
    if (value < 0) {
      throw new BilingualError(
        bilingual(
          `Thống kê G tổng thể chỉ dùng cho giá trị không âm (đối tượng thứ ${index + 1} có giá trị ${value}).`,
          `The general G statistic needs non-negative values (observation ${index + 1} has ${value}).`,
        ),
      );
    }
    sum += value;
    sumSquares += value * value;
    sumCubes += value ** 3;
    sumFourth += value ** 4;
  }
  const sums = weightSums(weights, true);
  requireLinks(sums);
  const { s0, s1, s2 } = sums;
  const denominator = sum * sum - sumSquares;
  if (!(denominator > 0)) {
    throw new BilingualError(
      bilingual(
        'Thống kê G tổng thể cần ít nhất hai đối tượng có giá trị khác 0.',
        'The general G statistic needs at least two observations with a value other than zero.',
      ),
    );
  }
  const statisticOf = (permuted: Float64Array) =>
    weightedCrossProduct(weights, permuted, permuted, true) / denominator;
  const statistic = statisticOf(x);
  const expected = s0 / (n * (n - 1));
  const n2 = n * n;
  const s02 = s0 * s0;
  const b0 = (n2 - 3 * n + 3) * s1 - n * s2 + 3 * s02;
  const b1 = -((n2 - n) * s1 - 2 * n * s2 + 6 * s02);
  const b2 = -(2 * n * s1 - (n + 3) * s2 + 6 * s02);
  const b3 = 4 * (n - 1) * s1 - 2 * (n + 1) * s2 + 8 * s02;
  const b4 = s1 - s2 + s02;
  const expectedSquare =
    (b0 * sumSquares * sumSquares +
      b1 * sumFourth +
      b2 * sum * sum * sumSquares +
      b3 * sum * sumCubes +
      b4 * sum ** 4) /
    (denominator * denominator * n * (n - 1) * (n - 2) * (n - 3));
  const variance = expectedSquare - expected * expected;
  const z = (statistic - expected) / Math.sqrt(variance);
  const p = oneSidedPValue(z);
  const result: GlobalTestResult = {
    method: 'g',
    n,
    statistic,
    expected,
    varianceNormality: variance,
    varianceRandomisation: variance,
    zNormality: z,
    zRandomisation: z,
    pNormality: p,
    pRandomisation: p,
    pSim: globalPseudoPValue(x, statistic, options, statisticOf),
  };
  return result;
}
